"""Fuzzing `recouvrement` (issue 12, hole 9): whatever the arguments, every command answers in
French with a known status, never a traceback, never "Erreur inattendue", never English.

The commands are read from the parser itself, so a command added later is fuzzed without
touching this file. Only the TUI (no command, --demo) is left out. Deterministic
(derandomize) and a few hundred calls in all.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import shutil
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recouvrement_tui.cli.principal import construire_parseur, main
from recouvrement_tui.demo import ecrire_demo
from tests.conftest import AUJOURDHUI

# English a library would print. Word boundaries keep the French apart: "invalide", and
# argparse's French "argument --au : une valeur est attendue" (a space before the colon).
ANGLAIS = re.compile(
    r"usage:|error:|Errno|No such file|Is a directory|Not a directory|File name too long|Permission denied"
    r"|\binvalid\b|\bexpected\b|\bargument \S+:|\barguments? (?:are|is)\b|unrecognized|Expecting|\bline \d"
    r"|object has no|not supported|codec can't|Traceback"
)

VALEURS = [
    "", " ", "a" * 5000, "é" * 300, "..", ".", "/", "/etc/passwd", "/etc", "/dev/null", "-", "--",
    "\x00", "a\x00b", "\n", "\t", "\u202e", "💶", "\udcff.json",
    "--json", "--au", "--dossiers", "--remplacer", "--x=y", "-x", "-h", "--version",
    "-1", "0", "-0", "1e309", "NaN", "-inf", "99999999999999999999", "-99999999999", "9" * 5000,
    "1 234,56", "0,001", "1000000000000",
    "9999-12-31", "0001-01-01", "2026-02-30", "31/12/9999", "00/00/0000", "2026-11-23", "29/02/2024",
    "8 jours", "1 mois", "9999 ans", "0 jours", "2026-07-01:500", "9999-12-31:1e30", ":",
    "2026-0001", "2026-0002", "2026-0003", "9999-9999", "0000-0000", "../2026-0001", "2026-0001/..",
    "mise_en_demeure", "relance_amiable", "injonction_de_payer", "b2b", "legal", "exacte",
    "{{ 7 * 7 }}", "=1+1", "%s%n", "'\"", "2026-11-23_mise_en_demeure_v1.docx",
]


@pytest.fixture(scope="module")
def terrain(tmp_path_factory) -> Path:
    """A data folder of 3 demo dossiers, a damaged one, and hostile input files."""
    base = tmp_path_factory.mktemp("fuzz")
    ecrire_demo(base / "dossiers", 3, 0, aujourdhui=AUJOURDHUI)
    with contextlib.redirect_stdout(io.StringIO()):  # a version for `deposer` to revise
        assert main(["--dossiers", str(base / "dossiers"), "generer", "2026-0001", "mise_en_demeure",
                     "--au", "2026-11-23"]) == 0
    abime = base / "abime"
    shutil.copytree(base / "dossiers", abime)
    profond = "[" * 100_000 + "]" * 100_000
    (abime / "2026-0002" / "dossier.json").write_text('{"a":' * 100_000 + "1" + "}" * 100_000)
    (abime / "hypotheses.json").write_text(profond)
    (abime / "tarifs.json").write_text('{"greffe": [1, 2')

    entrees = base / "entrees"
    entrees.mkdir()
    (entrees / "profond.json").write_text(profond)
    (entrees / "objet.json").write_text('{"a":' * 100_000 + "1" + "}" * 100_000)
    (entrees / "rien.json").write_text("")
    (entrees / "binaire.json").write_bytes(b"\xff\xfe\x00garbage")
    (entrees / "tableau.json").write_text("[1, 2, 3]")
    (entrees / "un dossier").mkdir()
    (entrees / "repertoire.json").mkdir()
    (entrees / "repertoire.zip").mkdir()
    (entrees / "casse.zip").write_bytes(b"PK\x03\x04 pas une archive")
    with zipfile.ZipFile(entrees / "vide.zip", "w"):
        pass
    (entrees / "vide.csv").write_text("")
    (entrees / "balance.csv").write_text("client;montant\nDupont;=1+1\n;;\n")
    (entrees / "facture.xml").write_text("<?xml version='1.0'?><x/>")
    (entrees / "facture.pdf").write_bytes(b"%PDF-1.4 pas un pdf")
    (entrees / "lettre.docx").write_bytes(b"PK pas un docx")
    (entrees / "lien.json").symlink_to("/etc/passwd")
    # Good files too, so that importer also reaches its end: a dossier's JSON and an export.
    sortie = io.StringIO()
    with contextlib.redirect_stdout(sortie):
        assert main(["--dossiers", str(base / "dossiers"), "montrer", "2026-0003", "--json"]) == 0
    (entrees / "valide.json").write_text(sortie.getvalue().replace('"2026-0003"', '"2026-0042"'), encoding="utf-8")
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["--dossiers", str(base / "dossiers"), "exporter", "2026-0003", "--vers", str(base / "export")]) == 0
    next((base / "export").glob("*.zip")).rename(entrees / "archive.zip")
    return base


ENTREES = ["valide.json", "archive.zip", "profond.json", "objet.json", "rien.json", "binaire.json", "tableau.json", "un dossier", "repertoire.json",
           "repertoire.zip", "casse.zip", "vide.zip", "vide.csv", "balance.csv", "facture.xml", "facture.pdf",
           "lettre.docx", "lien.json", "n" * 300 + ".json", "absent.csv"]


def _chemins(terrain: Path) -> list[str]:
    return [str(terrain / "entrees" / nom) for nom in ENTREES]


def _sous_commandes() -> dict[str, argparse.ArgumentParser]:
    parseur = construire_parseur()
    action = next(a for a in parseur._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


COMMANDES = sorted(_sous_commandes())


# Plausible values by metavar, so that calls also get past the first check and reach the work.
PLAUSIBLES = {
    "REFERENCE": ["2026-0001", "2026-0002", "2026-0003"],
    "DATE": ["2026-11-23", "23/11/2026", "2026-06-20", "9999-12-31", "0001-01-01", "1899-12-31", "2201-01-01"],
    "DUREE": ["8 jours", "1 mois", "2 ans", "9999 ans", "15j"],
    "MODELE": ["mise_en_demeure", "relance_amiable", "decompte_creance", "bordereau_pieces", "fiche_synthese",
               "requete_injonction_commerce", "declaration_creance"],
    "MONTANT": ["10000", "1 234,56", "0,01", "1e30", "-5", "999999999999"],
    "TAUX": ["15", "0", "-3", "1e9", "NaN"],
    "DATE:MONTANT": ["2026-07-01:500", "2026-07-01:-1", "9999-12-31:1", "2026-07-01:1e30"],
    "N": ["1", "0", "-1", "3"],
    "S": ["0", "-1", "99999999999999999999"],
    "TEXTE": ["Appel du débiteur : promet de payer.", "=HYPERLINK(\"http://x\")", "a" * 5000],
    "VERSION": ["2026-11-23_mise_en_demeure_v1.docx", "v1", "../dossier.json"],
    "TYPE": ["facture", "contrat", "autre"],
}
# Where a command writes (exporter --vers): only inside the call's own working folder.
SORTIES = [".", "", "sortie/absente", "n" * 300, "a" * 5000, "/etc/passwd"]


def _valeur(action: argparse.Action, chemins: list[str], sage: bool) -> st.SearchStrategy[str]:
    if action.metavar == "DOSSIER":
        return st.sampled_from(SORTIES)
    if sage and action.choices:
        return st.sampled_from(sorted(map(str, action.choices)))
    if sage and action.metavar in PLAUSIBLES:
        return st.sampled_from(PLAUSIBLES[action.metavar])
    nasty = st.sampled_from(VALEURS + chemins)
    libre = st.text(max_size=12).filter(lambda t: not ANGLAIS.search(t))
    if action.choices:
        return st.one_of(st.sampled_from(sorted(map(str, action.choices))), nasty)
    if action.metavar == "FICHIER":
        return st.one_of(st.sampled_from(chemins), nasty)
    if action.metavar in PLAUSIBLES:
        return st.one_of(st.sampled_from(PLAUSIBLES[action.metavar]), nasty, libre)
    return st.one_of(nasty, libre)


@st.composite
def _ligne_de_commande(draw, commande: str, terrain: Path) -> tuple[list[str], str]:
    """(argv without --dossiers, which data folder) for one call of `commande`."""
    sous = _sous_commandes()[commande]
    chemins = _chemins(terrain)
    sage = draw(st.integers(0, 2)) == 0  # a third of the calls: plausible values, to get past the first check
    argv = [commande]
    for action in sous._actions:
        if action.option_strings or action.dest == "dossiers":
            continue
        combien = {None: 1, "?": draw(st.integers(0, 1)), "*": draw(st.integers(0, 2)), "+": draw(st.integers(1, 2))}
        for _ in range(combien.get(action.nargs, 1)):
            argv.append(draw(_valeur(action, chemins, sage)))
    for action in sous._actions:
        if not action.option_strings or action.dest in ("help", "dossiers") or not draw(st.booleans()):
            continue
        option = draw(st.sampled_from(action.option_strings))
        if action.nargs == 0:
            argv.append(option)
        else:
            argv += [option, draw(_valeur(action, chemins, sage))]
    if not sage and draw(st.integers(0, 9)) == 0:  # now and then, one stray token anywhere
        argv.insert(draw(st.integers(1, len(argv))), draw(st.sampled_from(VALEURS)))
    # The data folder: mostly the healthy one; a damaged one, a file, a path the system refuses.
    # `demo` writes into an empty folder: only ever offered non-empty ones or a file.
    dossiers = ["dossiers", "dossiers", "dossiers", "abime", "entrees/lettre.docx"]
    if commande != "demo":
        dossiers += ["absent/sous", "n" * 300]
    return argv, draw(st.sampled_from(dossiers))


def _appeler(argv: list[str]) -> tuple[int, str, str]:
    sortie, erreur = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(sortie), contextlib.redirect_stderr(erreur):
        try:
            code = main(argv)
        except SystemExit as fin:  # argparse: -h, --version, a malformed command line
            assert fin.code in (0, 1, 2), (argv, fin.code)
            code = fin.code
    return code, sortie.getvalue(), erreur.getvalue()


@pytest.mark.parametrize("commande", COMMANDES)
def test_every_command_answers_in_french_whatever_the_arguments(commande, terrain):
    @settings(max_examples=30, derandomize=True, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(_ligne_de_commande(commande, terrain))
    def essai(appel):
        argv, dossiers = appel
        with tempfile.TemporaryDirectory(dir=terrain) as travail, pytest.MonkeyPatch.context() as mp:
            travail = Path(travail)
            if dossiers in ("dossiers", "abime"):
                shutil.copytree(terrain / dossiers, travail / dossiers)  # each call on a fresh copy
                racine = travail / dossiers
            else:
                racine = terrain / dossiers
            mp.chdir(travail)
            mp.setenv("PATH", "")  # no LibreOffice (--pdf) and no editor: fast and self-contained
            mp.setenv("RECOUVREMENT_AUTEUR", "fuzz")
            mp.delenv("RECOUVREMENT_OUVRIR", raising=False)
            mp.delenv("RECOUVREMENT_DOSSIERS", raising=False)
            mp.setattr("sys.stdin", io.StringIO("note lue sur l'entrée standard"))
            # `serve` would listen until stopped: its arguments are fuzzed, the server is not started.
            mp.setattr("recouvrement_tui.system.serveur_web.ServeurRecouvrement.servir", lambda self: None)
            code, sortie, erreur = _appeler(["--dossiers", str(racine), *argv])
        assert "Traceback" not in erreur + sortie, (argv, erreur)
        assert "Erreur inattendue" not in erreur, (argv, erreur)
        assert code in (0, 1, 2, 130), (argv, code, erreur)
        anglais = ANGLAIS.search(erreur)
        assert anglais is None, (argv, anglais.group(0), erreur)

    essai()


def test_every_command_is_fuzzed():
    # The list comes from the parser: a new command is fuzzed without editing this file.
    assert {"liste", "decompte", "delai", "importer", "exporter", "generer", "deposer"} <= set(COMMANDES)
