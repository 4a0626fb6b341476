"""French formatting is exactly babel's fr_FR output (but rounded half-up)."""

import datetime as dt
from decimal import Decimal

import pytest
from babel.numbers import format_currency
from hypothesis import given
from hypothesis import strategies as st

from recouvrement_tui.domain.formatage import (
    date_longue,
    montant,
    montant_en_lettres,
    taux,
)


@given(st.decimals(min_value=Decimal("-99999999.99"), max_value=Decimal("99999999.99"), places=2))
def test_amounts_match_babel_character_for_character(valeur):
    assert montant(valeur) == format_currency(valeur, "EUR", locale="fr_FR")


def test_amount_uses_narrow_no_break_space_and_half_up_rounding():
    assert montant(Decimal("1234.56")) == "1\u202f234,56\u00a0€"
    assert montant(Decimal("0.125")) == "0,13\u00a0€"  # babel alone would give 0,12


def test_long_dates_write_1er():
    assert date_longue(dt.date(2026, 3, 1)) == "1er mars 2026"
    assert date_longue(dt.date(2026, 8, 15)) == "15 août 2026"


def test_rate():
    assert taux(Decimal("12.15")) == "12,15\u00a0%"


@pytest.mark.parametrize(
    "valeur, attendu",
    [
        ("1234.56", "mille deux cent trente-quatre euros et cinquante-six centimes"),  # DOMAIN.md §6
        ("1", "un euro"),
        ("0.01", "un centime"),
        ("0.56", "cinquante-six centimes"),
        ("80", "quatre-vingts euros"),
        ("200", "deux cents euros"),
        ("201.10", "deux cent un euros et dix centimes"),
        ("21", "vingt et un euros"),
        ("10000", "dix mille euros"),
        ("2000000", "deux millions d'euros"),
        ("1200000", "un million deux cent mille euros"),
        ("0", "zéro euro"),
        ("1.995", "deux euros"),  # rounded half-up to the cent first
    ],
)
def test_montant_en_lettres(valeur, attendu):
    assert montant_en_lettres(Decimal(valeur)) == attendu
