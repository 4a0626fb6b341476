"""A batch that meets a missing half-year's rate says so once, naming the command, not per dossier."""

from __future__ import annotations

import datetime as dt

from recouvrement_tui.cli.principal import main
from recouvrement_tui.services.courriels import Statut

JANVIER = dt.date(2027, 1, 15)  # 2027-S1 is not shipped: every décompte arrêté that day needs it
S1_2027 = {"semestre": "2027-S1", "bce": "2,15", "legal_particulier": "6,50", "legal_autres": "2,60",
           "source": "décision BCE du 10/12/2026 ; arrêté du 18/12/2026"}
LIGNE = "Taux du semestre 2027-S1 inconnu : ajoutez-le avec « recouvrement taux ajouter 2027-S1 --bce … "


def test_the_letters_batch_gathers_missing_rates_into_one_line(demo):
    dues = demo.documents.relances_dues(JANVIER)
    assert len(dues) > 3
    rapport = demo.documents.preparer_relances(JANVIER, parallele=False)
    assert rapport.erreurs == []
    bloques = {reference for reference, _s, _serie in rapport.sans_taux}
    # A dossier at a contractual rate needs no published one; every other stopped on 2027-S1.
    assert len(bloques) > 3 and bloques | {r for r, _t, _c in rapport.prepares} == {r for r, _ in dues}
    assert len(rapport.messages_taux) == 1
    assert rapport.messages_taux[0].startswith(LIGNE)
    assert rapport.messages_taux[0].endswith(f"--source … » ({len(bloques)} dossiers concernés).")
    demo.ajouter_taux(S1_2027)
    apres = demo.documents.preparer_relances(JANVIER, parallele=False)
    assert apres.sans_taux == [] and apres.erreurs == [] and {r for r, _t, _c in apres.prepares} == bloques


def test_the_parallel_batch_says_it_the_same_way(demo):
    rapport = demo.documents.preparer_relances(JANVIER, parallele=True)
    assert rapport.erreurs == [] and len(rapport.messages_taux) == 1


def test_the_cli_prints_the_line_once_and_exits_1(demo, capsys):
    demo.fermer()
    code = main(["relances", "--au", JANVIER.isoformat(), "--dossiers", str(demo.racine)])
    sortie = capsys.readouterr()
    assert code == 1
    assert sortie.err.count("Taux du semestre 2027-S1 inconnu") == 1
    assert "ÉCHEC" not in sortie.err and "en attente du taux du semestre" in sortie.out
    assert main(["taux", "ajouter", "2027-S1", "--bce", "2,15", "--legal-particulier", "6,50", "--legal-autres",
                 "2,60", "--source", "JORF", "--dossiers", str(demo.racine)]) == 0
    capsys.readouterr()
    assert main(["relances", "--au", JANVIER.isoformat(), "--dossiers", str(demo.racine)]) == 0
    assert "Taux du semestre" not in capsys.readouterr().err


def test_the_email_batch_says_it_once(demo):
    lignes = demo.courriels.lot(JANVIER)
    resultat = demo.courriels.traiter_lot(lignes, JANVIER, envoyer=False, attendre=lambda _s: None)
    bloquees = [l for l, statut, detail in resultat.lignes if statut is Statut.ERREUR and "2027-S1" in detail]
    assert bloquees and all(len(d) < 40 for _l, s, d in resultat.lignes if s is Statut.ERREUR)
    assert len(resultat.messages_taux) == 1
    assert f"({len({l.reference for l in bloquees})} dossier" in resultat.messages_taux[0]
