"""The command line: French help, JSON list, demo data, errors without tracebacks."""

import json
import subprocess
import sys

import pytest

from recouvrement_tui.cli import main
from tests.conftest import DEBITEUR


def lancer(capsys, *args):
    code = main(list(args))
    sortie = capsys.readouterr()
    return code, sortie.out, sortie.err


def test_help_is_french_everywhere(capsys):
    for commande in ([], ["demo"], ["liste"]):
        with pytest.raises(SystemExit) as fin:
            main([*commande, "--help"])
        assert fin.value.code == 0
        aide = capsys.readouterr().out
        assert aide.startswith("Utilisation : recouvrement")
        assert "afficher cette aide et quitter" in aide
        assert "show this help" not in aide and "usage:" not in aide


def test_argument_errors_are_french_with_status_2(capsys):
    with pytest.raises(SystemExit) as fin:
        main(["demo", "--nombre", "beaucoup"])
    assert fin.value.code == 2
    assert "'beaucoup' n'est pas un nombre entier" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["liste", "--inconnue"])
    assert "arguments non reconnus : --inconnue" in capsys.readouterr().err


def test_list_json_has_one_object_per_dossier(capsys, service, dossier, racine):
    service.creer_dossier({**DEBITEUR, "nom": "Boulangerie du Marché", "siren": ""})
    code, sortie, _ = lancer(capsys, "liste", "--json", "--dossiers", str(racine))
    assert code == 0
    lignes = json.loads(sortie)
    assert [l["reference"] for l in lignes] == ["2026-0001", "2026-0002"]
    premier = lignes[0]
    assert premier["debiteur"] == "Menuiserie Durand (SARL)"
    assert premier["etape"] == "nouveau"
    assert premier["solde"] == "1500.50"
    assert premier["siren"] == "732829320"


def test_list_text_and_data_folder_from_environment(capsys, monkeypatch, dossier, racine):
    monkeypatch.setenv("RECOUVREMENT_DOSSIERS", str(racine))
    code, sortie, _ = lancer(capsys, "liste")
    assert code == 0
    assert "2026-0001  Menuiserie Durand (SARL)" in sortie
    assert "1\u202f500,50\u00a0€" in sortie


def test_damaged_dossier_is_listed_as_such(capsys, dossier, racine):
    (racine / dossier.reference / "dossier.json").write_text("{", encoding="utf-8")
    code, sortie, _ = lancer(capsys, "liste", "--json", "--dossiers", str(racine))
    assert code == 0
    assert "illisible" in json.loads(sortie)[0]["endommage"]


def test_demo_writes_n_dossiers_then_refuses_a_non_empty_folder(capsys, tmp_path):
    cible = tmp_path / "demo"
    code, sortie, _ = lancer(capsys, "demo", "--dossiers", str(cible), "--nombre", "25", "--graine", "3")
    assert code == 0 and "25 dossiers" in sortie
    code, sortie, _ = lancer(capsys, "liste", "--json", "--dossiers", str(cible))
    assert len(json.loads(sortie)) == 25
    code, _, erreur = lancer(capsys, "demo", "--dossiers", str(cible), "--nombre", "5")
    assert code == 2 and "n'est pas vide" in erreur


def test_garbled_settings_give_a_message_not_a_traceback(capsys, racine, dossier):
    (racine / "parametres.json").write_text("{oups", encoding="utf-8")
    code, _, erreur = lancer(capsys, "liste", "--dossiers", str(racine))
    assert code == 2
    assert erreur.startswith("recouvrement : Le fichier de paramètres")
    assert "Traceback" not in erreur


def test_module_entry_point_runs_in_a_fresh_interpreter():
    sortie = subprocess.run([sys.executable, "-m", "recouvrement_tui", "--version"], capture_output=True, text=True)
    assert sortie.returncode == 0 and sortie.stdout.startswith("recouvrement ")
