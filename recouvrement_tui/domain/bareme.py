"""Tariffs of the routes: fixed costs with their sources, and proportional fee scales.

The commissaire de justice's proportional fee is computed by tranches (art. A444-31 for the
part the debtor bears, A444-32 for the creditor's part): each slice of the sum recovered at
its own rate, like an income tax, then the minimum and the cap.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from recouvrement_tui.domain.money import ZERO, arrondir


@dataclass(frozen=True)
class Poste:
    """One fixed cost: a greffe fee, a service by a commissaire de justice, a lawyer's fee."""

    cle: str
    libelle: str
    montant: Decimal
    source: str
    date: str
    a_confirmer: bool


@dataclass(frozen=True)
class Bareme:
    tranches: tuple[tuple[Decimal | None, Decimal], ...]  # (upper bound or None, rate in %)
    minimum: Decimal
    minimum_jusqua: Decimal  # the minimum applies to sums up to this amount
    plafond: Decimal
    source: str
    a_confirmer: bool

    def emolument(self, somme: Decimal) -> Decimal:
        """The fee on `somme`, slice by slice, with the minimum and the cap; rounded to the cent."""
        if somme <= 0:
            return ZERO
        total, bas = ZERO, ZERO
        for haut, taux in self.tranches:
            tranche = (min(somme, haut) if haut is not None else somme) - bas
            if tranche <= 0:
                break
            total += tranche * taux / 100
            if haut is None or somme <= haut:
                break
            bas = haut
        if somme <= self.minimum_jusqua:
            total = max(total, self.minimum)
        return arrondir(min(total, self.plafond))


@dataclass(frozen=True)
class Tarifs:
    postes: dict[str, Poste]
    bareme_creancier: Bareme  # A444-32: borne by the creditor
    bareme_debiteur: Bareme  # A444-31: borne by the debtor

    def poste(self, cle: str) -> Poste:
        return self.postes[cle]
