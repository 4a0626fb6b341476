"""The command line: French help, JSON list, demo data, errors without tracebacks."""

import datetime as dt
import json
import subprocess
import sys

import pytest

from recouvrement_tui.cli.principal import main
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
    code, sortie, _ = lancer(capsys, "liste", "--tous", "--json", "--dossiers", str(cible))
    assert len(json.loads(sortie)) == 25
    code, _, erreur = lancer(capsys, "demo", "--dossiers", str(cible), "--nombre", "5")
    assert code == 2 and "n'est pas vide" in erreur


def test_liste_is_a_work_queue_and_tous_adds_the_closed_ones(capsys, tmp_path):
    cible = tmp_path / "demo"
    assert lancer(capsys, "demo", "--dossiers", str(cible), "--nombre", "25", "--graine", "3")[0] == 0
    code, sortie, _ = lancer(capsys, "liste", "--json", "--dossiers", str(cible))
    ouverts = json.loads(sortie)
    assert code == 0 and 0 < len(ouverts) < 25
    assert all(d["ouvert"] and d["etape"] != "cloture" and d["motif_cloture"] is None for d in ouverts)
    dates = [d["prochaine_date"] or "9999-12-31" for d in ouverts]
    assert dates == sorted(dates)  # overdue first, undated last
    assert all(d["principal_du"] == d["solde"] for d in ouverts)  # the old key is kept
    assert any(d["du_avec_interets"] and d["du_avec_interets_au"] for d in ouverts)
    code, sortie, _ = lancer(capsys, "liste", "--tous", "--json", "--dossiers", str(cible))
    tous = json.loads(sortie)
    clos = [d for d in tous if not d["ouvert"]]
    assert len(tous) == 25 and len(clos) == 25 - len(ouverts)
    assert all(d["motif_cloture"] and d["motif_cloture_libelle"] for d in clos)
    code, sortie, _ = lancer(capsys, "liste", "--dossiers", str(cible))
    lignes = sortie.splitlines()
    assert "Principal dû" in lignes[0] and "Dû avec intérêts" in lignes[0]
    assert [l.split()[0] for l in lignes[1:]] == [d["reference"] for d in ouverts]
    code, sortie, _ = lancer(capsys, "liste", "--tous", "--dossiers", str(cible))
    assert "Clôturé : " in sortie and len(sortie.splitlines()) == 26


def test_garbled_settings_give_a_message_not_a_traceback(capsys, racine, dossier):
    (racine / "parametres.json").write_text("{oups", encoding="utf-8")
    code, _, erreur = lancer(capsys, "liste", "--dossiers", str(racine))
    assert code == 2
    assert erreur.startswith("recouvrement : Le fichier de paramètres")
    assert "Traceback" not in erreur


def test_module_entry_point_runs_in_a_fresh_interpreter():
    sortie = subprocess.run([sys.executable, "-m", "recouvrement_tui", "--version"], capture_output=True, text=True)
    assert sortie.returncode == 0 and sortie.stdout.startswith("recouvrement ")


# --- décompte and taux ----------------------------------------------------------------------


def test_quick_decompte_json_matches_the_public_worked_example(capsys, tmp_path):
    code, sortie, _ = lancer(
        capsys, "decompte", "--montant", "10000", "--echeance", "2026-06-20", "--au", "2026-07-10", "--json",
        "--dossiers", str(tmp_path),
    )
    assert code == 0
    resultat = json.loads(sortie)
    assert (resultat["principal"], resultat["interets_courus"], resultat["interets"]) == ("10000.00", "67.26", "67.26")
    assert (resultat["indemnites"], resultat["total"]) == ("40.00", "10107.26")
    assert [(l["du"], l["au"], l["jours"], l["taux"], l["assiette"], l["montant"]) for l in resultat["lignes"]] == [
        ("2026-06-21", "2026-06-30", 10, "12.15", "10000.00", "33.29"),
        ("2026-07-01", "2026-07-10", 10, "12.40", "10000.00", "33.97"),
    ]


def test_quick_decompte_with_payments_legal_regime_and_options(capsys, tmp_path):
    code, sortie, _ = lancer(
        capsys, "decompte", "--montant", "1 200,00", "--echeance", "15/02/2026", "--au", "2026-06-30",
        "--regime", "legal", "--mise-en-demeure", "2026-03-10", "--json", "--dossiers", str(tmp_path),
    )
    assert code == 0 and json.loads(sortie)["interets"] == "9.65" and json.loads(sortie)["indemnites"] == "0.00"
    code, sortie, _ = lancer(
        capsys, "decompte", "--montant", "10000", "--echeance", "2026-01-31", "--au", "2026-06-30",
        "--paiement", "2026-03-02:3000", "--json", "--dossiers", str(tmp_path),
    )
    resultat = json.loads(sortie)
    assert (resultat["principal"], resultat["interets"], resultat["interets_courus"]) == ("7139.86", "285.20", "385.06")
    code, sortie, _ = lancer(
        capsys, "decompte", "--montant", "1000", "--echeance", "2026-01-31", "--au", "2026-03-31", "--taux", "6",
        "--sans-indemnite", "--base", "exacte", "--json", "--dossiers", str(tmp_path),
    )
    resultat = json.loads(sortie)
    assert resultat["indemnites"] == "0.00" and resultat["lignes"][0]["taux"] == "6.00"
    assert any("plancher" in a for a in resultat["avertissements"])


def test_unknown_half_year_exits_2_with_the_french_message(capsys, tmp_path):
    code, sortie, erreur = lancer(
        capsys, "decompte", "--montant", "1000", "--echeance", "2026-11-30", "--au", "2027-02-01", "--dossiers", str(tmp_path)
    )
    assert code == 2 and sortie == ""
    assert "semestre 2027-S1 n'est pas connu" in erreur and "taux_bce_semestres.csv" in erreur


@pytest.mark.parametrize(
    "arguments, fragment",
    [
        (["--montant", "1000"], "--echeance est nécessaire"),
        (["--montant", "-5", "--echeance", "2026-01-01"], "supérieur à zéro"),
        (["--montant", "100", "--echeance", "2026-01-01", "--regime", "legal"], "--mise-en-demeure"),
        (["--montant", "100", "--echeance", "2026-01-01", "--paiement", "2026-02-01"], "DATE:MONTANT"),
        ([], "Indiquez la référence d'un dossier"),
    ],
)
def test_quick_decompte_bad_input(capsys, tmp_path, arguments, fragment):
    code, _, erreur = lancer(capsys, "decompte", *arguments, "--dossiers", str(tmp_path))
    assert code == 2 and fragment in erreur


def test_dossier_decompte_text_and_json(capsys, dossier, racine):
    code, sortie, _ = lancer(capsys, "decompte", dossier.reference, "--au", "2026-11-23", "--dossiers", str(racine))
    assert code == 0
    assert sortie.startswith(f"Décompte du dossier {dossier.reference} — Menuiserie Durand (SARL)")
    assert "TOTAL DÛ" in sortie and "Facture FA-001" in sortie and "Paiements et imputation" in sortie
    code, sortie, _ = lancer(capsys, "decompte", dossier.reference, "--json", "--dossiers", str(racine))
    resultat = json.loads(sortie)
    assert resultat["au"] == dt.date.today().isoformat()  # no --au: the statement is at today
    assert {c["facture"] for c in resultat["creances"]} == {"FA-001", "FA-002"}


def test_taux_lists_half_years_and_flags_unconfirmed(capsys, tmp_path):
    code, sortie, _ = lancer(capsys, "taux", "--dossiers", str(tmp_path))
    assert code == 0
    lignes = {l.split()[0]: l for l in sortie.splitlines() if l[:4].isdigit()}
    assert "⚠ à confirmer" in lignes["2026-S2"] and "publié" in lignes["2026-S1"]
    assert "12,15" in lignes["2026-S1"] and "2,62" in lignes["2026-S1"]
    assert str(tmp_path / "taux" / "taux_bce_semestres.csv") in sortie
    code, sortie, _ = lancer(capsys, "taux", "--json", "--dossiers", str(tmp_path))
    assert json.loads(sortie)["bce"][-1]["statut"] == "a_confirmer"


def test_delai_json_and_text(capsys):
    code, sortie, _ = lancer(capsys, "delai", "2026-03-28", "8 jours", "--json")
    assert code == 0
    assert json.loads(sortie) == {
        "depart": "2026-03-28", "duree": "8 jours", "zone": "metropole",
        "echeance_brute": "2026-04-05", "echeance": "2026-04-07", "motif_report": "dimanche, lundi de Pâques",
    }
    code, sortie, _ = lancer(capsys, "delai", "15/03/2026", "1 mois")
    assert code == 0 and "expire le 15 avril 2026 à minuit" in sortie
    code, _, erreur = lancer(capsys, "delai", "2026-03-28", "huit jours")
    assert code == 2 and "n'est pas un délai" in erreur
    with pytest.raises(SystemExit):
        main(["delai", "2026-03-28", "8 jours", "--zone", "corse"])
    assert "choix invalide" in capsys.readouterr().err


def test_agenda_lists_every_action_by_date_with_overdue_flags(capsys, service, dossier, racine):
    from recouvrement_tui.domain.etapes import Etape

    service.changer_etape(
        dossier, Etape.PROCEDURE_COLLECTIVE,
        {"date": "10/08/2026", "nature": "redressement", "juridiction": "TC Lyon", "mandataire": "Me Prévost",
         "date_bodacc": "14/08/2026"},
    )
    autre = service.creer_dossier({**DEBITEUR, "nom": "Boulangerie du Marché"})
    service.ajouter_creance(autre, {"numero": "B1", "date_facture": "01/11/2026", "date_echeance": "30/11/2026", "montant_ttc": "50"})
    service.fermer()
    code, sortie, _ = lancer(capsys, "agenda", "--au", "2026-11-23", "--json", "--dossiers", str(racine))
    assert code == 0
    lignes = json.loads(sortie)
    assert [l["date"] for l in lignes] == sorted(l["date"] for l in lignes)
    declaration = next(l for l in lignes if l["reference"] == dossier.reference)
    assert declaration["action"] == "Déclarer la créance au mandataire judiciaire"
    assert (declaration["date"], declaration["critique"], declaration["en_retard"]) == ("2026-10-14", True, True)
    assert any(l["reference"] == autre.reference and not l["en_retard"] for l in lignes)
    code, sortie, _ = lancer(capsys, "agenda", "--au", "2026-11-23", "--dossiers", str(racine))
    assert "en retard au 23/11/2026" in sortie and "⚠ Déclarer la créance" in sortie
