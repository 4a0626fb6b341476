"""Money as Decimal: parsing what users type, rounding as the law says."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from recouvrement_tui.domain.arrondi import arrondir as arrondir  # re-exported: callers round with money.arrondir
from recouvrement_tui.domain.erreurs import ErreurSaisie
from recouvrement_tui.domain.formatage import montant

ZERO = Decimal("0.00")

# The largest amount accepted anywhere: forms, the CLI, imports (CSV, XML, JSON) and stored
# dossiers. No claim a recovery office pursues comes near a billion euros: past it, an amount
# is a slip (a repeated digit, a pasted IBAN or SIRET) or damaged data, and letting it in
# would print absurd sums, in figures and in letters, on letters and court filings. At the
# cap itself the décompte and the amount in letters still work (tests check both).
MONTANT_MAXIMUM = Decimal("999999999.99")
# A company's share capital, printed on the creditor's letters, is not a claim: the largest
# French companies' run to about ten billion euros, so it has a bound of its own.
CAPITAL_MAXIMUM = Decimal("999999999999.99")

# Spaces users or spreadsheets put between thousands: plain, no-break, narrow no-break, thin.
_GROUP_SPACES = re.compile(r"[ \u00a0\u202f\u2009']")


def plafond_depasse(maximum: Decimal = MONTANT_MAXIMUM) -> str:
    """The message for an amount beyond `maximum`: what is wrong and how to fix it."""
    return (
        f"Ce montant dépasse le plafond accepté ({montant(maximum)}) : vérifiez le nombre de chiffres "
        "(un zéro de trop ?)."
    )


def verifier_montant(
    valeur: Decimal, champ: str = "montant", *, positif: bool = False, maximum: Decimal = MONTANT_MAXIMUM
) -> Decimal:
    """`valeur` if it can be a sum of money: finite, to the cent, at most `maximum` either way,
    and above zero when `positif`. Imports and stored files check their numbers with it."""
    if not valeur.is_finite():
        raise ErreurSaisie(champ, f"« {valeur} » n'est pas un montant.")
    if abs(valeur) > maximum:
        raise ErreurSaisie(champ, plafond_depasse(maximum))
    exposant = valeur.as_tuple().exponent  # an int: the letters are for NaN and infinity, refused above
    if isinstance(exposant, int) and exposant < -2:
        raise ErreurSaisie(champ, "Un montant a au plus deux décimales (les centimes).")
    if positif and valeur <= 0:
        raise ErreurSaisie(champ, "Le montant doit être supérieur à zéro.")
    return valeur


def lire_montant(
    texte: str | Decimal | int, champ: str = "montant", *, positif: bool = True, maximum: Decimal = MONTANT_MAXIMUM
) -> Decimal:
    """Parse an amount typed the French way ("1 234,56", "1234.56", "1 234,56 €").

    Refuses what a user could not have meant: empty text, letters, negative or zero amounts
    (when `positif`), more than two decimals, and more than `maximum` (MONTANT_MAXIMUM).
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
    return arrondir(verifier_montant(valeur, champ, positif=positif, maximum=maximum))


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
