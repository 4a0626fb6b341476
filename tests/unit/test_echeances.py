"""Deadlines that lose a right, each with its rule (DOMAIN.md §2 and §4)."""

import datetime as dt

from recouvrement_tui.domain.delais import Zone
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


def test_opposition_one_month_plus_distance_only_when_the_court_is_far():
    assert opposition_injonction(J(2026, 10, 15), Localisation.METROPOLE).echeance == J(2026, 11, 16)  # 15 Nov: Sunday
    # The injonction is heard where the debtor lives: overseas debtor, overseas court, no extension.
    outre_mer = opposition_injonction(J(2026, 10, 15), Localisation.OUTRE_MER, Zone.MARTINIQUE)
    assert outre_mer.echeance == J(2026, 11, 16) and "643" not in outre_mer.regle
    etranger = opposition_injonction(J(2026, 10, 15), Localisation.ETRANGER)
    assert etranger.echeance == J(2027, 1, 15) and "2 mois" in etranger.regle and "643" in etranger.regle


def test_enforcement_waits_two_months_after_service_for_ordonnances_from_september_2026():
    from recouvrement_tui.domain.echeances import execution_sans_opposition

    ancienne, regle = execution_sans_opposition(J(2026, 8, 20), J(2026, 10, 2), Localisation.METROPOLE)
    assert ancienne == J(2026, 11, 3) and "2026-96" not in regle  # one month, then the next day
    nouvelle, regle = execution_sans_opposition(J(2026, 9, 10), J(2026, 10, 2), Localisation.METROPOLE)
    assert nouvelle == J(2026, 12, 3) and "2026-96" in regle


def test_enrolment_by_kind_of_court():
    from recouvrement_tui.domain.echeances import enrolement, nature_juridiction

    assert nature_juridiction("Tribunal des activités économiques de Lyon") == "commerce"
    assert nature_juridiction("TC Lyon") == "commerce"
    assert nature_juridiction("Tribunal judiciaire de Créteil") == "judiciaire"
    assert nature_juridiction("Cour d'appel de Paris") is None
    tj = enrolement(J(2026, 12, 10), "judiciaire")
    assert tj.echeance == J(2026, 11, 25) and "754" in tj.regle


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
