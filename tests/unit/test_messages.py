"""Messages (issue 12, hole 9): the cases fuzzing found, each reproduced — no "Erreur
inattendue", no English library text, an incident file no other user can redirect, and
RECOUVREMENT_OUVRIR that cannot be turned into a command by a file name."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import re
import shlex
import stat
import tempfile
import time
from pathlib import Path

import pytest

from recouvrement_tui.cli.francais import traduire_erreur
from recouvrement_tui.cli.principal import main
from recouvrement_tui.domain.delais import Duree, calculer_delai
from recouvrement_tui.domain.erreurs import ErreurSaisie, franciser, raison_systeme
from recouvrement_tui.domain.json_sur import lire_json
from recouvrement_tui.system import incidents
from recouvrement_tui.system.ouverture import OuvertureImpossible, commande_ouverture, ouvrir

ANGLAIS = re.compile(r"usage:|error:|Errno|Is a directory|File name too long|\binvalid\b|\bexpected\b|Traceback"
                     r"|Erreur inattendue|recursion|Expecting|\bline \d")
PROFOND = "[" * 100_000 + "]" * 100_000


def lancer(capsys, *args):
    try:
        code = main(list(args))
    except SystemExit as fin:
        code = fin.code
    sortie = capsys.readouterr()
    assert not ANGLAIS.search(sortie.err), sortie.err
    return code, sortie.out, sortie.err


# --- English from argparse -------------------------------------------------------------------


@pytest.mark.parametrize("arguments", [["delai", "2026-01-01"], ["decompte", "--au"], ["delai", "-h"],
                                       ["decompte", "--help"], ["liste", "--json=oui"]])
def test_sub_commands_with_their_own_formatter_speak_french(capsys, arguments):
    # delai and decompte ask for RawDescriptionHelpFormatter: it used to bring back "usage:".
    code, sortie, erreur = lancer(capsys, *arguments)
    assert (sortie + erreur).startswith("Utilisation : recouvrement ")
    assert "usage:" not in sortie + erreur


def test_an_argparse_message_not_yet_translated_is_still_not_shown_in_english():
    assert traduire_erreur("some future argparse message: x") == "arguments incorrects : voyez « recouvrement -h »."


# --- crashes found by fuzzing ------------------------------------------------------------------


@pytest.mark.parametrize("date, duree", [("9999-12-31", "8 jours"), ("9999-12-31", "1 mois"), ("2200-12-31", "9999 ans")])
def test_delai_past_year_9999_is_a_french_refusal(capsys, date, duree):
    # `delai 9999-12-31 "8 jours"` was an OverflowError. Dates are now bounded when read; a
    # deadline that runs past 9999 from an accepted date is refused by calculer_delai itself.
    code, _, erreur = lancer(capsys, "delai", date, duree)
    assert code == 2 and ("9999" in erreur or "hors des dates acceptées" in erreur)


def test_calculer_delai_refuses_to_run_past_year_9999():
    with pytest.raises(ErreurSaisie, match="finirait après l'an 9999"):
        calculer_delai(dt.date(9999, 12, 31), Duree(8, "jours"))
    with pytest.raises(ErreurSaisie, match="finirait après l'an 9999"):
        calculer_delai(dt.date(2026, 1, 1), Duree(9999, "ans"))


def test_deep_json_dossier_import_is_refused(capsys, tmp_path, service):
    fichier = tmp_path / "profond.json"
    fichier.write_text(PROFOND)
    code, _, erreur = lancer(capsys, "--dossiers", str(service.racine), "importer", str(fichier))
    assert code == 2 and "profond.json" in erreur


def test_deep_hypotheses_settings_and_dossier_files_are_refused_in_french(capsys, service, dossier, racine):
    (racine / "hypotheses.json").write_text(PROFOND)
    code, _, erreur = lancer(capsys, "--dossiers", str(racine), "evaluer", dossier.reference)
    assert code == 2 and "hypotheses.json" in erreur
    (racine / "hypotheses.json").unlink()
    (racine / "2026-0001" / "dossier.json").write_text('{"a":' * 100_000 + "1" + "}" * 100_000)
    code, _, erreur = lancer(capsys, "--dossiers", str(racine), "montrer", dossier.reference)
    assert code == 2 and "dossier.json" in erreur
    (racine / "parametres.json").write_text(PROFOND)
    code, _, erreur = lancer(capsys, "--dossiers", str(racine), "liste")
    assert code == 2 and "parametres.json" in erreur


def test_lire_json_turns_nesting_into_a_json_error():
    with pytest.raises(json.JSONDecodeError) as erreur:
        lire_json(PROFOND)
    assert str(erreur.value) == "imbrication trop profonde"
    assert lire_json('{"a": [1]}') == {"a": [1]}


def test_a_directory_given_for_a_file_is_said_in_french(capsys, tmp_path, demo):
    racine = str(demo.racine)
    (tmp_path / "dossier.json").mkdir()
    code, _, erreur = lancer(capsys, "--dossiers", racine, "importer", str(tmp_path / "dossier.json"))
    assert code == 2 and "est un dossier : indiquez le fichier lui-même" in erreur
    code, sortie, _ = lancer(capsys, "--dossiers", racine, "generer", "2026-0001", "mise_en_demeure", "--au", "2026-11-23")
    assert code == 0
    version = Path(sortie.strip()).name
    code, _, erreur = lancer(capsys, "--dossiers", racine, "deposer", "2026-0001", version, str(tmp_path))
    assert code == 2 and str(tmp_path) in erreur


def test_a_name_too_long_is_said_in_french(capsys, tmp_path, demo):
    racine = str(demo.racine)
    code, _, erreur = lancer(capsys, "--dossiers", racine, "importer", "a" * 5000 + ".json")
    assert code == 2 and "nom de fichier trop long" in erreur
    code, _, erreur = lancer(capsys, "--dossiers", racine, "exporter", "2026-0001", "--vers", str(tmp_path / ("v" * 5000)))
    assert code == 2 and "nom de fichier trop long" in erreur
    code, _, erreur = lancer(capsys, "--dossiers", str(tmp_path / ("d" * 300)), "liste")
    assert code == 2 and "nom de fichier trop long" in erreur


def test_nul_characters_and_undecodable_text_are_refused(capsys, demo):
    racine = str(demo.racine)
    code, _, erreur = lancer(capsys, "--dossiers", racine, "importer", "a\x00.json")
    assert code == 2 and "caractère nul" in erreur
    # `noter 2026-0001 $'\xff'`: Python keeps the byte as a lone surrogate, which no UTF-8 file can hold.
    code, _, erreur = lancer(capsys, "--dossiers", racine, "delai", "\udcff", "8 jours")
    assert code == 2 and "pas en UTF-8" in erreur


def test_os_errors_are_described_by_errno_never_by_strerror():
    repertoire = IsADirectoryError(errno.EISDIR, "Is a directory", "/tmp")
    assert raison_systeme(repertoire) == "c'est un dossier, pas un fichier"
    assert raison_systeme(OSError(errno.ENAMETOOLONG, "File name too long")) == "nom de fichier trop long"
    assert raison_systeme(OSError(9999, "Something")) == "erreur système n° 9999"
    try:
        try:
            raise repertoire
        except OSError as erreur:
            raise ValueError(f"Le fichier /tmp ne peut pas être lu ({erreur}).") from None
    except ValueError as message:
        assert franciser(str(message), message) == "Le fichier /tmp ne peut pas être lu (c'est un dossier, pas un fichier)."


# --- the incident file ------------------------------------------------------------------------------


def _incident(message: str) -> Path:
    return Path(re.search(r"dans (.+?) : joignez", message).group(1))


def test_incident_file_never_writes_through_a_planted_symlink(tmp_path, monkeypatch):
    # Another user of a shared machine plants the old fixed name, pointing at a file of ours.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    victime = tmp_path / "victime.txt"
    victime.write_text("intact")
    (tmp_path / "recouvrement-erreur.txt").symlink_to(victime)
    try:
        raise RuntimeError("boum")
    except RuntimeError as erreur:
        message = incidents.consigner(erreur)
    assert victime.read_text() == "intact"
    fichier = _incident(message)
    assert fichier.parent == tmp_path and fichier.name.startswith("recouvrement-erreur-")
    assert not fichier.is_symlink() and "RuntimeError: boum" in fichier.read_text()
    if os.name == "posix":
        assert stat.S_IMODE(fichier.stat().st_mode) == 0o600
    # A second incident gets its own file: nothing to predict, nothing to plant.
    try:
        raise KeyError("encore")
    except KeyError as erreur:
        assert _incident(incidents.consigner(erreur)) != fichier


def test_unexpected_error_in_the_cli_names_a_private_incident_file(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr("recouvrement_tui.cli.principal.commande_liste", lambda args: 1 / 0)
    assert main(["liste"]) == 1
    erreur = capsys.readouterr().err
    assert "Erreur inattendue (ZeroDivisionError)" in erreur and "Traceback" not in erreur
    assert "ZeroDivisionError" in _incident(erreur).read_text()


# --- RECOUVREMENT_OUVRIR ------------------------------------------------------------------------------

PIEGE = Path("/tmp/dossiers/2026-0001/documents/a; rm -rf ~.docx")


def test_placeholder_as_a_whole_argument_is_the_path_itself():
    commande = commande_ouverture(PIEGE, {"RECOUVREMENT_OUVRIR": "libreoffice --writer {}"}, "linux")
    assert commande == ["libreoffice", "--writer", str(PIEGE)]


def test_placeholder_inside_an_argument_is_quoted():
    commande = commande_ouverture(PIEGE, {"RECOUVREMENT_OUVRIR": "sh -c 'libreoffice --writer {}'"}, "linux")
    assert commande == ["sh", "-c", f"libreoffice --writer {shlex.quote(str(PIEGE))}"]
    assert shlex.split(commande[2]) == ["libreoffice", "--writer", str(PIEGE)]
    windows = commande_ouverture(Path(r"C:\Dossiers\a & b.docx"), {"RECOUVREMENT_OUVRIR": 'cmd /c "start {}"'}, "win32")
    assert windows == ["cmd", "/c", r'start "C:\Dossiers\a & b.docx"']


def test_a_file_name_never_runs_a_command(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    fichier = tmp_path / "lettre; touch INJECTE; echo .docx"
    fichier.write_bytes(b"x")
    temoin = tmp_path / "ouvert.txt"
    monkeypatch.setenv("RECOUVREMENT_OUVRIR", f"sh -c 'printf %s {{}} > {temoin}'")
    ouvrir(fichier)
    for _ in range(100):
        if temoin.exists() and temoin.read_text():
            break
        time.sleep(0.05)
    assert temoin.read_text() == str(fichier)
    assert not (tmp_path / "INJECTE").exists()


@pytest.mark.parametrize("valeur, quoi", [("libreoffice '{}", "guillemet non fermé"), ("libreoffice \\", "barre oblique")])
def test_a_badly_quoted_command_is_explained_in_french(valeur, quoi):
    with pytest.raises(OuvertureImpossible, match=quoi) as erreur:
        commande_ouverture(PIEGE, {"RECOUVREMENT_OUVRIR": valeur}, "linux")
    assert "quotation" not in str(erreur.value) and "escaped" not in str(erreur.value)
