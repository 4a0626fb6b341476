"""Interest over a period, split into one line per rate: the arithmetic of a décompte.

Conventions (DOMAIN.md §3, written in the README):
- a line covers days `du` to `au` inclusive, at the annual rate of their half-year;
- amount = base × rate × days / 365 (or / 366 for days of a leap year with the exact basis),
  rounded half-up to the cent, line by line.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from recouvrement_tui.domain.dates import UN_JOUR
from recouvrement_tui.domain.money import arrondir
from recouvrement_tui.domain.taux import fin_semestre, semestre_de

CENT = Decimal(100)


class Base(StrEnum):
    """Year basis for daily interest."""

    ANNEE_365 = "365"
    EXACTE = "exacte"  # 366 for days in a leap year

    def diviseur(self, annee: int) -> int:
        return 366 if self is Base.EXACTE and calendar.isleap(annee) else 365


@dataclass(frozen=True)
class TauxDuJour:
    """The annual rate (%) applying to one day, and where it comes from."""

    taux: Decimal
    semestre: str
    a_confirmer: bool = False
    majore: bool = False  # +5 points after a judgment (L313-3 CMF)


@dataclass(frozen=True)
class LigneInterets:
    du: dt.date
    au: dt.date  # inclusive
    jours: int
    taux: Decimal
    assiette: Decimal
    montant: Decimal
    semestre: str
    a_confirmer: bool = False
    majore: bool = False


def lignes_interets(
    assiette: Decimal,
    du: dt.date,
    au: dt.date,
    taux_du_jour: Callable[[dt.date], TauxDuJour],
    base: Base = Base.ANNEE_365,
    coupures: Iterable[dt.date] = (),
) -> list[LigneInterets]:
    """Lines for `assiette` owed from `du` to `au` inclusive ([] if au < du or nothing owed).

    Lines break at every half-year and at each date in `coupures` (a date there starts a
    new line: when the rate is raised, for instance). The rate is asked once per line, on its
    first day, which is right because rates only change at half-years and at `coupures`.
    """
    if au < du or assiette <= 0:
        return []
    bornes = sorted(c for c in set(coupures) if du < c <= au) if coupures else []
    lignes: list[LigneInterets] = []
    jour = du
    while jour <= au:
        fin = min(au, fin_semestre(jour))
        if bornes:
            prochaine = next((c for c in bornes if c > jour), None)
            if prochaine is not None and prochaine <= fin:
                fin = prochaine - UN_JOUR
        taux = taux_du_jour(jour)
        jours = (fin - jour).days + 1
        montant = arrondir(assiette * taux.taux / CENT * jours / base.diviseur(jour.year))
        lignes.append(
            LigneInterets(jour, fin, jours, taux.taux, assiette, montant, taux.semestre, taux.a_confirmer, taux.majore)
        )
        jour = fin + UN_JOUR
    return lignes


__all__ = ["Base", "LigneInterets", "TauxDuJour", "lignes_interets", "semestre_de"]
