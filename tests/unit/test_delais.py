"""Procedural deadlines: art. 641 (counting) and 642 (moving off non-working days)."""

import datetime as dt

import pytest

from recouvrement_tui.domain.delais import (
    Zone,
    calculer_delai,
    jours_feries,
    lire_duree,
    paques,
    zone_depuis_code_postal,
)
from recouvrement_tui.domain.erreurs import ErreurSaisie

J = dt.date


@pytest.mark.parametrize("annee, jour", [(2024, J(2024, 3, 31)), (2025, J(2025, 4, 20)), (2026, J(2026, 4, 5)), (2027, J(2027, 3, 28)), (2038, J(2038, 4, 25))])
def test_easter(annee, jour):
    assert paques(annee) == jour


def test_holiday_cache_cannot_be_altered_by_a_caller():
    with pytest.raises(TypeError):
        jours_feries(2026)[J(2026, 12, 25)] = "jour ouvré"  # type: ignore[index]
    assert J(2026, 12, 25) in jours_feries(2026)


def test_metropolitan_holidays_2026():
    feries = jours_feries(2026)
    assert feries[J(2026, 4, 6)] == "lundi de Pâques"
    assert feries[J(2026, 5, 14)] == "Ascension"
    assert feries[J(2026, 5, 25)] == "lundi de Pentecôte"
    assert len(feries) == 11
    assert J(2026, 4, 3) not in feries and J(2026, 12, 26) not in feries


def test_days_do_not_count_the_day_of_the_event():
    e = calculer_delai(J(2026, 3, 25), lire_duree("8 jours"))
    assert (e.echeance_brute, e.echeance, e.motif_report) == (J(2026, 4, 2), J(2026, 4, 2), "")


def test_easter_weekend_moves_the_deadline_to_tuesday():
    e = calculer_delai(J(2026, 3, 28), lire_duree("8 jours"))
    assert e.echeance_brute == J(2026, 4, 5)  # Easter Sunday
    assert (e.echeance, e.motif_report) == (J(2026, 4, 7), "dimanche, lundi de Pâques")


def test_months_end_on_the_same_day_number_or_the_last_day_of_the_month():
    assert calculer_delai(J(2026, 3, 15), lire_duree("1 mois")).echeance == J(2026, 4, 15)
    fin_fevrier = calculer_delai(J(2026, 1, 31), lire_duree("1 mois"))
    assert fin_fevrier.echeance_brute == J(2026, 2, 28)  # a Saturday
    assert (fin_fevrier.echeance, fin_fevrier.motif_report) == (J(2026, 3, 2), "samedi, dimanche")
    assert calculer_delai(J(2024, 1, 31), lire_duree("1 mois")).echeance == J(2024, 2, 29)
    assert calculer_delai(J(2026, 8, 31), lire_duree("3 mois")).echeance_brute == J(2026, 11, 30)
    deux_ans = calculer_delai(J(2024, 2, 29), lire_duree("2 ans"))
    assert (deux_ans.echeance_brute, deux_ans.echeance) == (J(2026, 2, 28), J(2026, 3, 2))


def test_alsace_moselle_good_friday_and_26_december():
    # 3 April 2026 is Good Friday: a working day in Paris, not in Strasbourg.
    depart = J(2026, 3, 26)
    assert calculer_delai(depart, lire_duree("8 jours")).echeance == J(2026, 4, 3)
    alsace = calculer_delai(depart, lire_duree("8 jours"), Zone.ALSACE_MOSELLE)
    assert (alsace.echeance, alsace.motif_report) == (J(2026, 4, 7), "vendredi saint, samedi, dimanche, lundi de Pâques")
    noel = calculer_delai(J(2025, 12, 11), lire_duree("15 jours"), Zone.ALSACE_MOSELLE)
    assert noel.echeance_brute == J(2025, 12, 26)
    assert (noel.echeance, noel.motif_report) == (J(2025, 12, 29), "saint Étienne (26 décembre), samedi, dimanche")
    assert calculer_delai(J(2025, 12, 11), lire_duree("15 jours")).echeance == J(2025, 12, 26)


@pytest.mark.parametrize(
    "zone, jour",
    [
        (Zone.GUADELOUPE, J(2026, 5, 27)),
        (Zone.MARTINIQUE, J(2026, 5, 22)),
        (Zone.GUYANE, J(2026, 6, 10)),
        (Zone.REUNION, J(2026, 12, 18 + 2)),
        (Zone.MAYOTTE, J(2026, 4, 27)),
    ],
)
def test_overseas_abolition_days(zone, jour):
    assert jours_feries(jour.year, zone)[jour] == "commémoration de l'abolition de l'esclavage"
    assert jour not in jours_feries(jour.year, Zone.METROPOLE)


def test_durations_typed_by_users():
    assert str(lire_duree("8 jours")) == "8 jours"
    assert str(lire_duree("1 mois")) == "1 mois"
    assert str(lire_duree("2 ans")) == "2 ans"
    assert str(lire_duree("15j")) == "15 jours"
    for mauvais in ("huit jours", "0 jour", "3 semaines", ""):
        with pytest.raises(ErreurSaisie, match="n'est pas un délai"):
            lire_duree(mauvais)


@pytest.mark.parametrize(
    "code_postal, zone",
    [("67000", Zone.ALSACE_MOSELLE), ("57000", Zone.ALSACE_MOSELLE), ("97110", Zone.GUADELOUPE),
     ("97200", Zone.MARTINIQUE), ("97300", Zone.GUYANE), ("97400", Zone.REUNION), ("97600", Zone.MAYOTTE),
     ("69003", Zone.METROPOLE), ("75001", Zone.METROPOLE)],
)
def test_zone_from_postal_code(code_postal, zone):
    assert zone_depuis_code_postal(code_postal) is zone
