"""Rounding to the cent, apart: money (amounts) and formatage (their French spelling) both need it."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def arrondir(valeur: Decimal) -> Decimal:
    """Round to the cent, half-up (babel and Python's round() would go half-even)."""
    return valeur.quantize(CENT, rounding=ROUND_HALF_UP)
