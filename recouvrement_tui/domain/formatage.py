"""French formatting of numbers, percentages, amounts and dates: the single place documents,
UI, CLI and exports use (no other module turns a decimal point into a comma).

Written in plain Python rather than calling babel on each value: the list formats
thousands of amounts per keystroke and babel costs ~20 µs a call. tests/unit/test_formatage.py
checks that the output is character-for-character what babel's fr_FR locale produces
(narrow no-break space U+202F between thousands, no-break space U+00A0 before €).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from recouvrement_tui.domain.arrondi import arrondir

ESPACE_MILLIERS = "\u202f"
ESPACE_INSECABLE = "\u00a0"

MOIS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip


def nombre(valeur: Decimal | float, decimales: int = 2, *, milliers: bool = True) -> str:
    """1234.5 -> "1 234,50" (rounded half-up first: babel would round half-even).

    `milliers=False` leaves out the thousands separator: "1234,50", as a user types a number
    back into a form or a spreadsheet reads it from a CSV cell.
    """
    valeur = arrondir(valeur) if decimales == 2 and isinstance(valeur, Decimal) else valeur
    signe = "-" if valeur < 0 else ""
    texte = f"{abs(valeur):.{decimales}f}"
    entier, _, fraction = texte.partition(".")
    groupes: list[str] = []
    while milliers and len(entier) > 3:
        groupes.insert(0, entier[-3:])
        entier = entier[:-3]
    groupes.insert(0, entier)
    resultat = ESPACE_MILLIERS.join(groupes)
    return f"{signe}{resultat},{fraction}" if fraction else f"{signe}{resultat}"


def nombre_tel_quel(valeur: Decimal | float | str) -> str:
    """A number with the digits it has, the French way: 0.75 -> "0,75", 12.5 -> "12,5", 3 -> "3".

    For values a user edits (a contractual rate, an assumption): no rounding, no padding, so
    what was typed comes back as typed.
    """
    return _virgule(str(valeur))


def _virgule(texte: str) -> str:
    """The decimal point of a formatted number becomes the French comma (the only place it is done)."""
    return texte.replace(".", ",")


def montant(valeur: Decimal) -> str:
    """1234.56 -> "1 234,56 €" exactly as babel's format_currency(…, "EUR", locale="fr_FR")."""
    return f"{nombre(valeur)}{ESPACE_INSECABLE}€"


def taux(valeur: Decimal) -> str:
    """12.15 -> "12,15 %" (percent sign after a no-break space, as French typography wants)."""
    return f"{taux_sans_signe(valeur)}{ESPACE_INSECABLE}%"


def taux_sans_signe(valeur: Decimal) -> str:
    """12.15 -> "12,15", for a column headed "%": two decimals, rounded as `taux` rounds them."""
    return _virgule(f"{valeur:.2f}")


def pourcentage(valeur: Decimal | float, decimales: int = 0) -> str:
    """For table cells: 12.3 -> "12,3 %" with `decimales=1`, 0.755 * 100 -> "76 %" (plain space)."""
    return f"{nombre(valeur, decimales)} %"


def date_longue(jour: dt.date) -> str:
    """"1er mars 2026", "15 juillet 2026": the first of the month is written "1er"."""
    numero = "1er" if jour.day == 1 else str(jour.day)
    return f"{numero} {MOIS[jour.month - 1]} {jour.year}"


def date_courte(jour: dt.date | None) -> str:
    """"01/03/2026", for tables and forms; "" for no date."""
    return f"{jour.day:02d}/{jour.month:02d}/{jour.year}" if jour else ""


def fait_lisible(valeur: str) -> str:
    """A stored fact as a user reads and types it: ISO dates become JJ/MM/AAAA, texts stay."""
    try:
        return date_courte(dt.date.fromisoformat(valeur))
    except ValueError:
        return valeur


def montant_en_lettres(valeur: Decimal) -> str:
    """1234.56 -> "mille deux cent trente-quatre euros et cinquante-six centimes".

    Court filings state sums in letters as well as figures. French rules handled here:
    "un euro" (singular), "un million d'euros" (de before a round million or milliard),
    no centimes part for a round sum, centimes alone below one euro.
    """
    from num2words import num2words  # imported here: only documents need it

    valeur = arrondir(valeur)
    if valeur < 0:
        raise ValueError("un montant en lettres ne peut pas être négatif")
    euros = int(valeur)
    centimes = int((valeur - euros) * 100)
    parties = []
    if euros or not centimes:
        mots = num2words(euros, lang="fr")
        if euros >= 1_000_000 and euros % 1_000_000 == 0:
            unite = "d'euros"
        else:
            unite = "euro" if euros < 2 else "euros"
        parties.append(f"{mots} {unite}")
    if centimes:
        parties.append(f"{num2words(centimes, lang='fr')} centime{'s' if centimes > 1 else ''}")
    return " et ".join(parties)
