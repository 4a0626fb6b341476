"""Deadlines that lose a right, each with its rule (DOMAIN.md §2 and §4)."""

import datetime as dt

from recouvrement_tui.domain.echeances import (
    declaration_de_creance,
    enrolement_tribunal_commerce,
    opposition_injonction,
    prescription,
    signification_injonction,
)
from recouvrement_tui.domain.model import Localisation

J = dt.date


def test_injonction_signification_switches_from_6_to_3_months_on_1_september_2026():
    avant = signification_injonction(J(2026, 8, 31))
    assert avant.echeance_brute == J(2027, 2, 28)  # a Sunday
    assert avant.echeance == J(2027, 3, 1) and "6 mois" in avant.regle and "dimanche" in avant.regle
    apres = signification_injonction(J(2026, 9, 1))
    assert apres.echeance == J(2026, 12, 1) and "3 mois" in apres.regle and "2026-96" in apres.regle
    fin_de_mois = signification_injonction(J(2026, 11, 30))
    assert fin_de_mois.echeance_brute == J(2027, 2, 28) and fin_de_mois.echeance == J(2027, 3, 1)


def test_opposition_one_month_plus_distance():
    assert opposition_injonction(J(2026, 10, 15), Localisation.METROPOLE).echeance == J(2026, 11, 16)  # 15 Nov: Sunday
    outre_mer = opposition_injonction(J(2026, 10, 15), Localisation.OUTRE_MER)
    assert outre_mer.echeance == J(2026, 12, 15) and "art. 643" in outre_mer.regle
    etranger = opposition_injonction(J(2026, 10, 15), Localisation.ETRANGER)
    assert etranger.echeance == J(2027, 1, 15) and "2 mois" in etranger.regle


def test_enrolment_at_least_8_days_before_the_hearing_moves_earlier_not_later():
    assert enrolement_tribunal_commerce(J(2026, 12, 10)).echeance == J(2026, 12, 2)
    # Hearing on Tuesday 10 Nov 2026: 8 days before is Monday 2 Nov; fine. Hearing on 9 Nov:
    # 8 days before is Sunday 1 Nov (also Toussaint): the enrolment must happen by Friday 30 Oct.
    avance = enrolement_tribunal_commerce(J(2026, 11, 9))
    assert (avance.echeance_brute, avance.echeance) == (J(2026, 11, 1), J(2026, 10, 30))
    assert "Toussaint" in avance.regle and "précédent" in avance.regle


def test_declaration_de_creance_two_months_or_four_for_a_creditor_abroad():
    assert declaration_de_creance(J(2026, 8, 14)).echeance == J(2026, 10, 14)
    loin = declaration_de_creance(J(2026, 8, 14), creancier_hors_metropole=True)
    assert loin.echeance == J(2026, 12, 14) and "doublé" in loin.regle and "L622-26" in loin.regle


def test_prescription_five_years_restarted_by_a_partial_payment():
    simple = prescription(J(2022, 1, 15), consommateur=False)
    assert simple.delai.echeance == J(2027, 1, 15) and simple.alerte == J(2026, 7, 15)
    relancee = prescription(J(2022, 1, 15), False, [(J(2023, 6, 1), "paiement partiel"), (J(2021, 1, 1), "ancien")])
    assert relancee.delai.echeance == J(2028, 6, 1)
    assert "paiement partiel" in relancee.delai.regle and relancee.depart == J(2023, 6, 1)


def test_prescription_two_years_against_a_consumer_never_moved_off_a_weekend():
    conso = prescription(J(2025, 3, 1), consommateur=True)
    assert conso.delai.echeance == J(2027, 3, 1) and "L218-2" in conso.delai.regle
    assert conso.alerte == J(2026, 9, 1)
    samedi = prescription(J(2024, 3, 2), consommateur=True)  # 2 March 2026 is a Monday; 2024-03-02 + 2 y
    assert samedi.delai.echeance == J(2026, 3, 2)
    dimanche = prescription(J(2024, 3, 1), consommateur=True)
    assert dimanche.delai.echeance == J(2026, 3, 1)  # a Sunday, kept: act before
