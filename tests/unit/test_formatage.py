"""French formatting is exactly babel's fr_FR output (but rounded half-up)."""

import datetime as dt
from decimal import Decimal

from babel.numbers import format_currency
from hypothesis import given
from hypothesis import strategies as st

from recouvrement_tui.domain.formatage import date_longue, montant, taux


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
