"""`recouvrement taux ajouter` and the list with sources."""

from __future__ import annotations

import json

from recouvrement_tui.cli.principal import main

AJOUT = ["taux", "ajouter", "2027-S1", "--bce", "2,15", "--legal-particulier", "6.50", "--legal-autres", "2,60",
         "--source", "décision BCE du 10/12/2026 ; arrêté du 18/12/2026"]


def lancer(capsys, *args):
    code = main(list(args))
    sortie = capsys.readouterr()
    return code, sortie.out, sortie.err


def test_add_then_list_with_source_and_status(capsys, tmp_path):
    code, sortie, _ = lancer(capsys, *AJOUT, "--dossiers", str(tmp_path))
    assert code == 0
    assert "2027-S1 : taux BCE enregistré (2,15\u00a0%, 12,15\u00a0% ; publié ; source : décision BCE" in sortie
    assert "2027-S1 : taux de l'intérêt légal enregistré (6,50\u00a0%, 2,60\u00a0%" in sortie
    assert (tmp_path / "taux" / "taux_bce_semestres.csv").exists()
    code, sortie, _ = lancer(capsys, "taux", "--dossiers", str(tmp_path))
    ligne = next(l for l in sortie.splitlines() if l.startswith("2027-S1"))
    assert "12,15" in ligne and "publié" in ligne and "décision BCE du 10/12/2026 ; arrêté du 18/12/2026 (dossier de données)" in ligne
    assert "recouvrement taux ajouter SEMESTRE" in sortie
    code, sortie, _ = lancer(capsys, "taux", "--json", "--dossiers", str(tmp_path))
    derniere = json.loads(sortie)["bce"][-1]
    assert derniere["semestre"] == "2027-S1" and derniere["source"].startswith("décision BCE")


def test_refusals_exit_2_with_every_reason(capsys, tmp_path):
    code, sortie, erreur = lancer(capsys, "taux", "ajouter", "2027-S2", "--bce", "25", "--legal-particulier", "3",
                                  "--dossiers", str(tmp_path))
    assert code == 2 and sortie == ""
    assert "sort de la plage plausible" in erreur and "Indiquez la source" in erreur and "publiés ensemble" in erreur
    assert "Traceback" not in erreur and not (tmp_path / "taux").exists()
    code, _, erreur = lancer(capsys, "taux", "ajouter", "2027-S2", "--bce", "2", "--source", "x", "--dossiers", str(tmp_path))
    assert code == 2 and "ajoutez d'abord 2027-S1" in erreur


def test_replacing_a_begun_half_year_needs_remplacer_and_warns(capsys, tmp_path):
    # The system clock: 2026-S2 has begun whenever these tests run (from July 2026 on).
    commande = ["taux", "ajouter", "2026-S2", "--bce", "2,50", "--source", "Banque de France", "--dossiers", str(tmp_path)]
    code, _, erreur = lancer(capsys, *commande)
    assert code == 2 and "--remplacer" in erreur and "a commencé le 01/07/2026" in erreur
    code, _, erreur = lancer(capsys, *commande, "--remplacer")
    assert code == 0 and "les décomptes déjà produits ont utilisé l'ancienne valeur" in erreur


def test_a_decompte_spanning_2027_fails_before_and_works_after(capsys, tmp_path):
    decompte = ["decompte", "--montant", "1000", "--echeance", "2026-11-30", "--au", "2027-02-01", "--json",
                "--dossiers", str(tmp_path)]
    code, _, erreur = lancer(capsys, *decompte)
    assert code == 2 and "recouvrement taux ajouter 2027-S1 --bce … --source …" in erreur
    assert lancer(capsys, *AJOUT, "--dossiers", str(tmp_path))[0] == 0
    code, sortie, _ = lancer(capsys, *decompte)
    assert code == 0
    assert [l["taux"] for l in json.loads(sortie)["lignes"]] == ["12.40", "12.15"]


def test_a_file_in_place_of_the_rates_folder_is_refused_in_french(capsys, tmp_path):
    (tmp_path / "taux").write_text("", encoding="utf-8")
    code, _, erreur = lancer(capsys, *AJOUT, "--dossiers", str(tmp_path))
    assert code == 2 and "n'a pas pu être enregistré" in erreur and "Traceback" not in erreur


def test_the_agenda_says_the_coming_half_year_from_mid_december(capsys, tmp_path):
    code, _, erreur = lancer(capsys, "agenda", "--au", "2026-12-14", "--dossiers", str(tmp_path))
    assert code == 0 and "2027-S1" not in erreur
    code, _, erreur = lancer(capsys, "agenda", "--au", "2026-12-15", "--dossiers", str(tmp_path))
    assert code == 0 and "Les taux du semestre 2027-S1" in erreur and "recouvrement taux ajouter 2027-S1" in erreur
