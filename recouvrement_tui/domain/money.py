"""Money as Decimal: parsing what users type, rounding as the law says."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from recouvrement_tui.domain.erreurs import ErreurSaisie

CENT = Decimal("0.01")
ZERO = Decimal("0.00")

# Spaces users or spreadsheets put between thousands: plain, no-break, narrow no-break, thin.
_GROUP_SPACES = re.compile(r"[ \u00a0\u202f\u2009']")


def arrondir(valeur: Decimal) -> Decimal:
    """Round to the cent, half-up (babel and Python's round() would go half-even)."""
    return valeur.quantize(CENT, rounding=ROUND_HALF_UP)


def lire_montant(texte: str | Decimal | int, champ: str = "montant", *, positif: bool = True) -> Decimal:
    """Parse an amount typed the French way ("1 234,56", "1234.56", "1 234,56 €").

    Refuses what a user could not have meant: empty text, letters, negative or zero amounts
    (when `positif`), and more than two decimals.
    """
    if isinstance(texte, Decimal | int):
        brut = str(texte)
    else:
        brut = _GROUP_SPACES.sub("", (texte or "").strip()).removesuffix("€").strip()
    if not brut:
        raise ErreurSaisie(champ, "Indiquez un montant, par exemple 1 234,56.")
    if "," in brut and "." in brut:
        # "1.234,56": dots group thousands, the comma is the decimal mark.
        brut = brut.replace(".", "")
    brut = brut.replace(",", ".")
    if not re.fullmatch(r"[+-]?\d+(\.\d+)?", brut):
        raise ErreurSaisie(
            champ, f"« {texte} » n'est pas un montant : écrivez des chiffres, par exemple 1 234,56."
        )
    try:
        valeur = Decimal(brut)
    except InvalidOperation:  # pragma: no cover - the regex above already filters
        raise ErreurSaisie(champ, f"« {texte} » n'est pas un montant lisible.") from None
    if valeur.as_tuple().exponent < -2:
        raise ErreurSaisie(champ, "Un montant a au plus deux décimales (les centimes).")
    if positif and valeur <= 0:
        raise ErreurSaisie(champ, "Le montant doit être supérieur à zéro.")
    return arrondir(valeur)


def lire_taux(texte: str | Decimal | None, champ: str = "taux") -> Decimal | None:
    """Parse an annual rate in percent ("12,5" or "12.5 %"); empty means no rate."""
    if texte is None:
        return None
    if isinstance(texte, Decimal):
        brut = str(texte)
    else:
        brut = texte.strip().removesuffix("%").strip().replace(",", ".")
    if not brut:
        return None
    if not re.fullmatch(r"\d+(\.\d+)?", brut):
        raise ErreurSaisie(champ, f"« {texte} » n'est pas un taux : écrivez par exemple 12,5 (pour 12,5 %).")
    valeur = Decimal(brut)
    if valeur > 100:
        raise ErreurSaisie(champ, "Un taux annuel au-delà de 100 % est certainement une erreur de saisie.")
    return valeur
