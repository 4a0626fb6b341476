"""The escalation chain: only sensible moves are offered, each records its facts."""

import datetime as dt
from decimal import Decimal as D

import pytest

from recouvrement_tui.domain.erreurs import ErreurSaisie, ErreursSaisie
from recouvrement_tui.domain.etapes import Etape
from recouvrement_tui.domain.procedure import (
    Situation,
    lire_faits,
    pourquoi_impossible,
    transitions_possibles,
)
from recouvrement_tui.storage.dossiers import DepotDossiers

E = Etape


def possibles(etape, montant="1000", litige=False, avant=None):
    return transitions_possibles(Situation(etape, avant, D(montant), litige))


def test_amicable_chain_moves_forward_with_side_exits():
    assert possibles(E.NOUVEAU)[:2] == [E.RELANCE_PREVENTIVE, E.RELANCE_AMIABLE]
    assert possibles(E.RELANCE_FERME)[0] == E.MISE_EN_DEMEURE
    for etape in (E.NOUVEAU, E.RELANCE_AMIABLE, E.MISE_EN_DEMEURE):
        assert {E.LITIGE, E.PROMESSE, E.ECHEANCIER, E.PROCEDURE_COLLECTIVE, E.CLOTURE} <= set(possibles(etape))
    assert E.INJONCTION_DE_PAYER not in possibles(E.RELANCE_AMIABLE)


def test_judicial_routes_after_the_mise_en_demeure_with_their_conditions():
    assert set(possibles(E.MISE_EN_DEMEURE)) >= {E.PETITES_CREANCES, E.INJONCTION_DE_PAYER, E.REFERE_PROVISION, E.ASSIGNATION_AU_FOND}
    gros = Situation(E.MISE_EN_DEMEURE, None, D("5000.01"), False)
    assert E.PETITES_CREANCES not in transitions_possibles(gros)
    assert "5 000 €" in pourquoi_impossible(gros, E.PETITES_CREANCES)
    assert E.PETITES_CREANCES in possibles(E.MISE_EN_DEMEURE, "5000.00")


def test_a_dispute_pauses_the_chain_and_rules_out_the_refere():
    depuis_litige = possibles(E.LITIGE, litige=True, avant=E.MISE_EN_DEMEURE)
    assert depuis_litige[0] is E.MISE_EN_DEMEURE  # resume
    assert E.REFERE_PROVISION not in depuis_litige and E.ASSIGNATION_AU_FOND in depuis_litige
    assert "contestable" in pourquoi_impossible(Situation(E.LITIGE, E.MISE_EN_DEMEURE, D(1), True), E.REFERE_PROVISION)


def test_after_the_titre_only_execution_and_collective_proceedings_block_everything():
    assert possibles(E.INJONCTION_DE_PAYER)[:2] == [E.TITRE_EXECUTOIRE, E.ASSIGNATION_AU_FOND]
    assert possibles(E.TITRE_EXECUTOIRE)[0] is E.EXECUTION and E.PROMESSE not in possibles(E.TITRE_EXECUTOIRE)
    assert possibles(E.PROCEDURE_COLLECTIVE) == [E.CLOTURE]
    assert "L622-21" in pourquoi_impossible(Situation(E.PROCEDURE_COLLECTIVE, None, D(1), False), E.INJONCTION_DE_PAYER)
    assert possibles(E.CLOTURE) == []


def test_facts_are_required_per_move():
    with pytest.raises(ErreursSaisie) as erreurs:
        lire_faits(E.PROCEDURE_COLLECTIVE, {"date": "14/08/2026", "nature": "liquidation"})
    assert {"juridiction", "mandataire", "date_bodacc"} <= set(erreurs.value.par_champ())
    date, faits = lire_faits(E.MISE_EN_DEMEURE, {"date": "12/06/2026", "numero_lrar": "1A 021 175 5840 4"})
    assert date == dt.date(2026, 6, 12) and faits == {"date": "2026-06-12", "numero_lrar": "1A 021 175 5840 4"}
    with pytest.raises(ErreursSaisie, match="Motif de clôture inconnu"):
        lire_faits(E.CLOTURE, {"date": "12/06/2026", "motif": "fatigue"})
    assert lire_faits(E.CLOTURE, {"date": "12/06/2026", "motif": "Accord exécuté"})[1]["motif"] == "accord_execute"
    assert lire_faits(E.CLOTURE, {"date": "12/06/2026", "motif": "payé"})[1]["motif"] == "paye"


def test_moving_a_dossier_journals_the_move_and_feeds_the_decompte(service, dossier, racine):
    d = service.changer_etape(dossier, E.RELANCE_AMIABLE, {"date": "01/10/2026"})
    with pytest.raises(ErreurSaisie, match="Aucune mise en demeure n'est enregistrée.*art. 1344"):
        service.changer_etape(d, E.INJONCTION_DE_PAYER, {"date": "02/10/2026", "juridiction": "TC Lyon"})
    with pytest.raises(ErreurSaisie, match="précède le passage"):
        service.changer_etape(d, E.MISE_EN_DEMEURE, {"date": "30/09/2026"})
    d = service.changer_etape(d, E.MISE_EN_DEMEURE, {"date": "15/10/2026", "numero_lrar": "1A 123"})
    assert d.conditions.date_mise_en_demeure == dt.date(2026, 10, 15)
    assert d.journal[-1].texte == "Relance amiable → Mise en demeure, le 15/10/2026. N° de la lettre recommandée : 1A 123."
    d = service.changer_etape(d, E.LITIGE, {"date": "20/10/2026", "motif": "Livraison contestée"})
    assert d.etape_avant_pause is E.MISE_EN_DEMEURE
    d = service.changer_etape(d, E.MISE_EN_DEMEURE, {"date": "05/11/2026"})
    assert d.etape is E.MISE_EN_DEMEURE and d.etape_avant_pause is None
    relu = DepotDossiers(racine).charger(d.reference)
    assert relu == d
    assert [p.vers for p in relu.passages] == [E.RELANCE_AMIABLE, E.MISE_EN_DEMEURE, E.LITIGE, E.MISE_EN_DEMEURE]
    assert relu.passages[2].faits["motif"] == "Livraison contestée"


def test_future_dates_refused(service, dossier):
    with pytest.raises(ErreurSaisie, match="futur"):
        service.changer_etape(dossier, E.RELANCE_AMIABLE, {"date": "24/11/2026"})


def test_opening_judgment_recorded_as_a_move_stops_interest(service, dossier):
    d = service.changer_etape(
        dossier, E.PROCEDURE_COLLECTIVE,
        {"date": "01/10/2026", "nature": "redressement", "juridiction": "TC Lyon", "mandataire": "Me Prévost",
         "date_bodacc": "08/10/2026"},
    )
    assert d.conditions.date_jugement_ouverture == dt.date(2026, 10, 1)
    assert max(l.au for l in service.decompte(d, dt.date(2026, 11, 23)).lignes) == dt.date(2026, 9, 30)


@pytest.mark.parametrize("nombre", ["²", "100000", "0", "six"])
def test_number_of_instalments_is_checked(nombre):
    with pytest.raises(ErreursSaisie, match="de 1 à 120"):
        lire_faits(E.ECHEANCIER, {"date": "01/10/2026", "premiere_echeance": "01/11/2026", "nombre_echeances": nombre})


def test_avocat_et_petite_creance_aux_seuils():
    """Lawyer above 10,000 € (art. 853 and 761 CPC); petites créances up to 5,000 € (L125-1 CPCE)."""
    from decimal import Decimal

    from recouvrement_tui.domain.procedure import avocat_obligatoire, petite_creance

    assert not avocat_obligatoire(Decimal("10000.00")) and avocat_obligatoire(Decimal("10000.01"))
    assert petite_creance(Decimal("5000.00")) and not petite_creance(Decimal("5000.01"))
