"""Rules the faces used to decide themselves, now asked of the domain (issue 13, point 2).

Each test is a worked example: the stage moves and what they carry over, the court proposed,
when an action is overdue, the quick décompte's regime, the +10 / +8 points, and the French
spelling of numbers, percentages and amounts.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from recouvrement_tui.cli.principal import main
from recouvrement_tui.domain.agenda import en_retard, jours_de_retard
from recouvrement_tui.domain.conditions import Regime
from recouvrement_tui.domain.decompte import (
    decompte_rapide,
    plancher_contractuel,
    regime_rapide,
    taux_au_dessus_bce,
)
from recouvrement_tui.domain.erreurs import ErreurSaisie
from recouvrement_tui.domain.etapes import Etape as E
from recouvrement_tui.domain.formatage import (
    nombre,
    nombre_tel_quel,
    pourcentage,
    taux,
    taux_sans_signe,
)
from recouvrement_tui.domain.juridiction import juridiction_injonction
from recouvrement_tui.domain.procedure import (
    Passage,
    faits_repris,
    peut_completer,
    propositions_passage,
    transitions_possibles,
)
from recouvrement_tui.storage.taux import charger_taux

J = dt.date


@pytest.fixture(scope="module")
def series(tmp_path_factory):
    return charger_taux(tmp_path_factory.mktemp("donnees"))


# --- the +10 / +8 points and the contractual floor (L441-10 C. com., R2192-31 CCP) -----------


def test_penalty_rate_is_the_ecb_rate_plus_10_points_and_public_plus_8(series):
    """2026-S1: ECB 2.15 % -> B2B 12.15 %, public buyer 10.15 %; the shipped column agrees."""
    assert taux_au_dessus_bce(D("2.15"), Regime.B2B) == D("12.15")
    assert taux_au_dessus_bce(D("2.15"), Regime.PUBLIC) == D("10.15")
    for ligne in series.bce.semestres():
        assert taux_au_dessus_bce(ligne.valeurs["taux_bce"], Regime.B2B) == ligne.valeurs["taux_penalite_defaut"]


def test_contractual_floor_is_three_times_the_legal_rate():
    """2026-S1: 3 × 2.62 = 7.86 %; 2024-S1: 3 × 5.07 = 15.21 %, above the 14.50 % default (DOMAIN.md)."""
    assert plancher_contractuel(D("2.62")) == D("7.86")
    assert plancher_contractuel(D("5.07")) == D("15.21") > taux_au_dessus_bce(D("4.50"), Regime.B2B)


# --- the quick décompte: its regime and what that regime needs -----------------------------


def test_quick_regime_a_rate_alone_is_the_contracts_and_nothing_leaves_it_to_the_engine():
    assert regime_rapide(None, None, None) is None
    assert regime_rapide(None, D(15), None) is Regime.CONTRACTUEL
    assert regime_rapide(Regime.B2B, D(15), None) is Regime.B2B  # an explicit choice prevails
    assert regime_rapide(Regime.LEGAL, None, J(2026, 3, 10)) is Regime.LEGAL


@pytest.mark.parametrize(
    "choisi, champ", [(Regime.CONTRACTUEL, "taux"), (Regime.LEGAL, "date_mise_en_demeure")]
)
def test_quick_regime_names_the_missing_fact(choisi, champ):
    with pytest.raises(ErreurSaisie) as erreur:
        regime_rapide(choisi, None, None)
    assert erreur.value.champ == champ


def test_quick_decompte_b2b_worked_example_67_26(series):
    """10,000 € due 20/06/2026 at 10/07/2026: 10 days at 12.15 % (33.29) + 10 at 12.40 % (33.97), plus 40 €."""
    d = decompte_rapide(D("10000.00"), J(2026, 6, 20), [], series, J(2026, 7, 10))
    assert [(l.taux, l.montant) for l in d.lignes] == [(D("12.15"), D("33.29")), (D("12.40"), D("33.97"))]
    assert (d.interets_courus, d.indemnites, d.total) == (D("67.26"), D("40.00"), D("10107.26"))


def test_quick_decompte_legal_interest_means_a_consumer(series):
    """1,200 € at the legal rate from the mise en demeure of 10/03/2026 to 30/06/2026: 112 days at
    2.62 % = 1200 × 2.62 % × 112/365 = 9.65 €; no 40 € indemnity against a consumer."""
    d = decompte_rapide(
        D("1200.00"), J(2026, 2, 15), [], series, J(2026, 6, 30), regime=Regime.LEGAL, date_mise_en_demeure=J(2026, 3, 10)
    )
    assert (d.interets, d.indemnites) == (D("9.65"), D("0.00"))


def test_quick_decompte_public_buyer_keeps_the_starting_half_years_rate(series):
    """10,000 € due 31/05/2026 at 31/07/2026: 10.15 % throughout (R2192-31 CCP), 83.42 + 86.21, plus 40 €."""
    d = decompte_rapide(D("10000.00"), J(2026, 5, 31), [], series, J(2026, 7, 31), regime=Regime.PUBLIC)
    assert [(l.taux, l.montant) for l in d.lignes] == [(D("10.15"), D("83.42")), (D("10.15"), D("86.21"))]
    assert d.indemnites == D("40.00")


def test_cli_says_how_to_give_the_missing_fact(capsys, tmp_path):
    code = main(["decompte", "--montant", "100", "--echeance", "2026-01-01", "--regime", "contractuel",
                 "--dossiers", str(tmp_path)])
    erreur = capsys.readouterr().err
    assert code == 2
    assert "Le régime contractuel demande le taux du contrat : ajoutez --taux, ex. --taux 15." in erreur


# --- stage moves: what they offer, carry over and propose ------------------------------------


PASSAGES = (
    Passage(E.NOUVEAU, E.MISE_EN_DEMEURE, J(2026, 9, 15)),
    Passage(E.MISE_EN_DEMEURE, E.INJONCTION_DE_PAYER, J(2026, 10, 1),
            {"date": "2026-10-01", "juridiction": "TC Lyon", "date_ordonnance": "2026-10-12"}),
    Passage(E.INJONCTION_DE_PAYER, E.LITIGE, J(2026, 10, 20), {"date": "2026-10-20", "motif": "Livraison contestée"}),
)


def test_resuming_after_a_pause_carries_the_paused_stages_facts_over():
    """In litige since 20/10, back to the injonction: its court and ordonnance come back, not its date."""
    assert faits_repris(E.LITIGE, E.INJONCTION_DE_PAYER, PASSAGES, E.INJONCTION_DE_PAYER) == {
        "juridiction": "TC Lyon", "date_ordonnance": "2026-10-12"
    }
    assert faits_repris(E.LITIGE, E.INJONCTION_DE_PAYER, PASSAGES, E.CLOTURE) == {}
    assert faits_repris(E.INJONCTION_DE_PAYER, None, PASSAGES[:2], E.TITRE_EXECUTOIRE) == {}


def test_a_new_injonction_proposes_the_court_of_the_debtors_seat(dossier):
    """Art. 1406 CPC: the debtor (a SARL in Lyon) is heard by the TAE of Lyon."""
    tribunal = juridiction_injonction(dossier.debiteur)
    propositions = propositions_passage(E.MISE_EN_DEMEURE, None, PASSAGES[:1], E.INJONCTION_DE_PAYER, tribunal)
    assert propositions.faits == {"juridiction": "Président du tribunal des activités économiques de Lyon"}
    assert propositions.juridiction is tribunal


def test_resuming_an_injonction_proposes_its_recorded_court_not_a_new_one(dossier):
    tribunal = juridiction_injonction(dossier.debiteur)
    propositions = propositions_passage(E.LITIGE, E.INJONCTION_DE_PAYER, PASSAGES, E.INJONCTION_DE_PAYER, tribunal)
    assert propositions.faits["juridiction"] == "TC Lyon" and propositions.juridiction is None
    # A later route proposes the court already named on this dossier (confirmed once per dossier).
    assert propositions_passage(E.INJONCTION_DE_PAYER, None, PASSAGES[:2], E.ASSIGNATION_AU_FOND, tribunal).faits == {
        "juridiction": "TC Lyon"
    }


def test_facts_are_completed_only_on_a_recorded_judicial_stage():
    assert peut_completer(E.INJONCTION_DE_PAYER, PASSAGES[1])
    assert not peut_completer(E.INJONCTION_DE_PAYER, None)  # stage set without its facts
    assert peut_completer(E.MISE_EN_DEMEURE, PASSAGES[0])  # the avis de réception arrives later
    assert not peut_completer(E.RELANCE_AMIABLE, Passage(E.NOUVEAU, E.RELANCE_AMIABLE, J(2026, 9, 1)))


def test_the_service_offers_the_moves_and_proposals_the_screen_shows(service, dossier, aujourdhui):
    offertes = service.etapes_possibles(dossier, aujourdhui)
    permises = [e for e, avis in offertes if not avis.refuse]
    assert permises == transitions_possibles(dossier.situation(service.etat(dossier, aujourdhui).exigible))[1:]
    refusees = {e: avis.motif for e, avis in offertes if avis.refuse}
    # Both invoices are past due: no "preventive" reminder; no court before a mise en demeure.
    assert "à échoir" in refusees[E.RELANCE_PREVENTIVE] and "art. 1344" in refusees[E.INJONCTION_DE_PAYER]
    assert permises[0] is E.RELANCE_AMIABLE
    # The court of the debtor's commune, named by the directory (Lyon 69002: TAE de Lyon).
    proposee = service.propositions_passage(dossier, E.INJONCTION_DE_PAYER)
    assert proposee.faits == {"juridiction": "Tribunal des activités économiques de Lyon"}
    assert proposee.juridiction is not None and proposee.juridiction.nature is juridiction_injonction(
        dossier.debiteur
    ).nature


# --- overdue actions (art. 642 CPC: a time limit runs to the end of its last day) ------------


def test_an_action_is_overdue_from_the_day_after_its_date():
    au = J(2026, 11, 23)
    assert not en_retard(J(2026, 11, 23), au) and not en_retard(J(2026, 11, 24), au)
    assert en_retard(J(2026, 11, 22), au)
    assert (jours_de_retard(J(2026, 11, 20), au), jours_de_retard(au, au), jours_de_retard(J(2026, 12, 1), au)) == (3, 0, 0)


# --- one formatting module for numbers, percentages and amounts ------------------------------


def test_numbers_the_french_way_with_or_without_thousands():
    assert nombre(D("1234.5")) == "1\u202f234,50"
    assert nombre(D("1234.5"), milliers=False) == "1234,50"  # form values, CSV cells
    assert nombre(D("0.125"), milliers=False) == "0,13"  # half-up, as montant
    assert nombre(1_000_000, 0) == "1\u202f000\u202f000"  # a count of lines
    assert nombre(1.5, 1, milliers=False) == "1,5"  # a size in Mo


def test_numbers_as_typed_keep_their_digits():
    assert (nombre_tel_quel(D("12.5")), nombre_tel_quel(0.75), nombre_tel_quel(D(15))) == ("12,5", "0,75", "15")


def test_percentages_and_rates():
    assert pourcentage(D("12.3"), 1) == "12,3 %"  # cost as a share of the debt
    assert pourcentage(D("0.36") * 100) == "36 %"  # a probability
    assert taux_sans_signe(D("12.15")) == "12,15" and taux(D("12.15")) == "12,15\u00a0%"


def test_only_the_formatting_module_turns_a_point_into_a_comma():
    import pathlib
    import re

    import recouvrement_tui

    paquet = pathlib.Path(recouvrement_tui.__file__).parent
    motif = re.compile(r"""\.replace\(\s*(["'])\.\1\s*,\s*(["']),\2\s*\)""")
    fautifs = [
        str(chemin.relative_to(paquet))
        for chemin in paquet.rglob("*.py")
        if chemin.name != "formatage.py" and motif.search(chemin.read_text(encoding="utf-8"))
    ]
    assert fautifs == [], "use domain.formatage (nombre, nombre_tel_quel, taux_sans_signe, pourcentage)"
