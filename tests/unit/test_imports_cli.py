"""A command pays only for the imports it uses (issue 18): `recouvrement --help` loads none of the
heavy libraries, and each command's parser is built only when that command runs."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import textwrap

import pytest

from recouvrement_tui.cli.principal import COMMANDES, construire_parseur

LOURDS = ("textual", "rich", "docxtpl", "docx", "jinja2", "tinydb", "filelock", "babel", "openpyxl", "aiohttp", "lxml",
          "pypdf", "num2words", "stdnum")


def _modules_charges(*argv: str) -> set[str]:
    """The top-level packages imported by `recouvrement ARGV…` in a fresh interpreter."""
    code = textwrap.dedent(f"""
        import contextlib, io, json, sys
        from recouvrement_tui.cli.principal import main
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            try:
                main({list(argv)!r})
            except SystemExit:
                pass
        print(json.dumps(sorted({{m.split(".")[0] for m in sys.modules}} | set(sys.modules))))
    """)
    sortie = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(json.loads(sortie))


def test_importing_the_cli_loads_no_heavy_library():
    code = "import json, sys; import recouvrement_tui.cli.principal; print(json.dumps(sorted(sys.modules)))"
    sortie = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    charges = {m.split(".")[0] for m in json.loads(sortie)}
    assert not charges & set(LOURDS)


def test_help_loads_no_heavy_library_nor_any_command_module():
    charges = _modules_charges("--help")
    assert not charges & set(LOURDS)
    commandes = {m for m in charges if m.startswith("recouvrement_tui.cli.")}
    assert commandes <= {"recouvrement_tui.cli.principal", "recouvrement_tui.cli.francais",
                         "recouvrement_tui.cli.sortie", "recouvrement_tui.cli.erreurs"}
    assert not {m for m in charges if m.startswith(("recouvrement_tui.domain.", "recouvrement_tui.storage.dossiers",
                                                     "recouvrement_tui.services.dossiers"))}


@pytest.mark.parametrize("argv, absents", [
    (["delai", "2026-03-28", "8 jours"], LOURDS),  # no data folder, no storage
    (["decompte", "rapide", "--montant", "1000", "--echeance", "2026-01-01", "--au", "2026-03-01"],
     ("textual", "docxtpl", "jinja2", "babel", "openpyxl", "aiohttp", "tinydb")),
    (["noter", "--help"], ("textual", "docxtpl", "jinja2", "babel", "openpyxl", "aiohttp", "tinydb")),
    (["montrer", "--help"], ("textual", "docxtpl", "jinja2", "babel", "openpyxl", "aiohttp")),
    (["modeles", "--help"], ("textual", "aiohttp", "openpyxl")),
])
def test_a_command_loads_only_what_it_uses(argv, absents):
    charges = _modules_charges(*argv)
    assert not charges & set(absents)
    assert "recouvrement_tui.system.serveur_web" not in charges
    assert "recouvrement_tui.exchange.lecture_balance" not in charges


def test_the_parser_built_on_demand_is_the_full_parser():
    """Help lines, order and each command's options are the same built at once or on demand."""
    complet = construire_parseur()
    a_la_demande = construire_parseur(a_la_demande=True)
    assert a_la_demande.format_help() == complet.format_help()

    def sous_commandes(parseur: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
        action = next(a for a in parseur._actions if isinstance(a, argparse._SubParsersAction))
        return action.choices  # type: ignore[return-value]

    assert list(sous_commandes(complet)) == list(COMMANDES) == list(sous_commandes(a_la_demande))
    for nom, parseur in sous_commandes(complet).items():
        assert parseur is not None and parseur.format_help()
        action = next(a for a in a_la_demande._actions if isinstance(a, argparse._SubParsersAction))
        action.construire(nom)  # type: ignore[attr-defined]  # what selecting the command does
        assert sous_commandes(a_la_demande)[nom].format_help() == parseur.format_help()
    assert list(sous_commandes(a_la_demande)) == list(COMMANDES)  # building kept the listed order


def test_opening_the_list_imports_neither_the_rules_nor_the_documents(demo):
    """What the TUI imports to open the list and read it from the index: none of the legal guard,
    the décompte, the court directory, the agenda or the dashboard (20 ms of dataclasses and tables
    at every start), nor the document or lock libraries. Each comes with the screen that uses it."""
    demo.resumes_actualises()
    demo.fermer()
    code = textwrap.dedent(f"""
        import json, sys
        from pathlib import Path
        from recouvrement_tui.services.dossiers import ServiceDossiers
        import recouvrement_tui.ui.app
        assert ServiceDossiers(Path({str(demo.racine)!r})).resumes_en_cache()
        print(json.dumps(sorted(sys.modules)))
    """)
    sortie = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    charges = set(json.loads(sortie))
    regles = {f"recouvrement_tui.domain.{m}" for m in (
        "garde", "decompte", "annuaire", "juridiction", "agenda", "echeances", "tableau_de_bord", "evaluation")}
    assert not charges & regles
    assert not {m.split(".")[0] for m in charges} & {"docxtpl", "docx", "jinja2", "babel", "openpyxl", "filelock"}
