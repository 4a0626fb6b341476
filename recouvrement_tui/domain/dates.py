"""Dates as users type them (ISO or French), checked."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Literal, overload

from recouvrement_tui.domain.erreurs import ErreurSaisie

UN_JOUR = dt.timedelta(days=1)


def en_retard(date: dt.date, au: dt.date) -> bool:
    """Whether an action dated `date` is overdue at `au`: from the next day only, as a time
    limit runs to the end of its last day (art. 642 CPC); an action due today is not late yet.
    Here rather than in the agenda: the list colours its dates without the agenda's rules."""
    return date < au


# The dates accepted anywhere: typed, imported (CSV, XML, JSON) or read from a stored dossier.
# Every date of a claim falls well inside; outside is a slip (a year 0001 or 9999, how some
# spreadsheets write "no date") or damaged data, and deadline arithmetic near year 9999
# overflows. One pair, so every entry path says the same thing.
DATE_MINIMUM = dt.date(1900, 1, 1)
DATE_MAXIMUM = dt.date(2200, 12, 31)

_FR = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def _jjmmaaaa(jour: dt.date) -> str:
    return f"{jour.day:02d}/{jour.month:02d}/{jour.year:04d}"  # strftime drops the zeros of year 1


def verifier_date(jour: dt.date, champ: str = "date") -> dt.date:
    """`jour` if between DATE_MINIMUM and DATE_MAXIMUM, else ErreurSaisie saying which years are taken."""
    if not DATE_MINIMUM <= jour <= DATE_MAXIMUM:
        raise ErreurSaisie(
            champ,
            f"Le {_jjmmaaaa(jour)} est hors des dates acceptées (du {_jjmmaaaa(DATE_MINIMUM)} au "
            f"{_jjmmaaaa(DATE_MAXIMUM)}) : vérifiez l'année.",
        )
    return jour


@overload
def lire_date(texte: str | dt.date | None, champ: str = ..., *, obligatoire: Literal[True] = ...) -> dt.date: ...
@overload
def lire_date(texte: str | dt.date | None, champ: str = ..., *, obligatoire: bool) -> dt.date | None: ...
def lire_date(texte: str | dt.date | None, champ: str = "date", *, obligatoire: bool = True) -> dt.date | None:
    """Parse a date written ISO (2026-03-01) or French (01/03/2026).

    An impossible date (31/02/2026) or one outside DATE_MINIMUM..DATE_MAXIMUM is refused
    with a message saying why.
    """
    if isinstance(texte, dt.date):
        return verifier_date(texte, champ)
    brut = (texte or "").strip()
    if not brut:
        if obligatoire:
            raise ErreurSaisie(champ, "Indiquez une date, par exemple 15/03/2026.")
        return None
    if m := _FR.fullmatch(brut):
        jour, mois, annee = (int(x) for x in m.groups())
    elif m := _ISO.fullmatch(brut):
        annee, mois, jour = (int(x) for x in m.groups())
    else:
        raise ErreurSaisie(champ, f"« {brut} » n'est pas une date : écrivez JJ/MM/AAAA, par exemple 15/03/2026.")
    try:
        date = dt.date(annee, mois, jour)
    except ValueError:
        raise ErreurSaisie(champ, f"Le {jour:02d}/{mois:02d}/{annee} n'existe pas : vérifiez le jour et le mois.") from None
    return verifier_date(date, champ)


def plus_mois(jour: dt.date, mois: int) -> dt.date:
    """Same day-number `mois` months later, or the last day of that month (art. 641 CPC)."""
    total = jour.year * 12 + jour.month - 1 + mois
    annee, mois_cible = divmod(total, 12)
    dernier = calendar.monthrange(annee, mois_cible + 1)[1]
    return dt.date(annee, mois_cible + 1, min(jour.day, dernier))
