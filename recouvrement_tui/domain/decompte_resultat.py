"""What a décompte says: each invoice's principal, interest and indemnity, each imputation of a
payment, and the totals (domain.decompte works them out). Apart from the engine, so that what only
reads a décompte (the guard, the documents, the évaluation) does not load it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from recouvrement_tui.domain.conditions import Regime
from recouvrement_tui.domain.interets import LigneInterets
from recouvrement_tui.domain.model import Creance
from recouvrement_tui.domain.money import ZERO

INDEMNITE_FORFAITAIRE = Decimal("40.00")
# L441-10 C. com.: ECB rate + 10 points; R2192-31 Code de la commande publique: ECB + 8 points.
POINTS_AU_DESSUS_BCE = {Regime.B2B: Decimal(10), Regime.PUBLIC: Decimal(8)}
MAJORATION_JUGEMENT = Decimal(5)  # L313-3 CMF
PLANCHER_MULTIPLE = Decimal(3)  # contractual rate ≥ 3 × taux légal (L441-10)


def taux_au_dessus_bce(taux_bce: Decimal, regime: Regime) -> Decimal:
    """The late rate a regime derives from the half-year's ECB rate: 2.15 -> 12.15 (B2B), 10.15 (public).

    B2B: the ECB rate + 10 points (L441-10 C. com.); public buyer: + 8 points (R2192-31 CCP).
    """
    return taux_bce + POINTS_AU_DESSUS_BCE[regime]


def plancher_contractuel(taux_legal: Decimal) -> Decimal:
    """The lowest rate a contract may set: 3 × the taux de l'intérêt légal, "autres cas" (L441-10 C. com.).

    It limits contracts only: it never raises the default rate (DOMAIN.md, B2B).
    """
    return PLANCHER_MULTIPLE * taux_legal


@dataclass(frozen=True)
class Imputation:
    """What part of one payment went where."""

    paiement_id: str
    date: dt.date
    creance_id: str | None  # None: surplus (trop-perçu)
    numero: str
    sur_indemnite: Decimal = ZERO
    sur_interets: Decimal = ZERO
    sur_principal: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.sur_indemnite + self.sur_interets + self.sur_principal


@dataclass(frozen=True)
class DecompteCreance:
    creance: Creance
    regime: Regime
    depart: dt.date | None  # first day of interest (None: interest does not run)
    lignes: tuple[LigneInterets, ...]
    interets_courus: Decimal
    interets_dus: Decimal  # still owed, capitalised interest included
    interets_capitalises: Decimal  # part of interets_dus that bears interest (art. 1343-2)
    indemnite: Decimal  # indemnity claimed (0 or 40)
    indemnite_due: Decimal
    principal_du: Decimal
    echue: bool = True  # False: not yet due at the statement date

    @property
    def total_du(self) -> Decimal:
        return self.principal_du + self.interets_dus + self.indemnite_due


@dataclass(frozen=True)
class Decompte:
    au: dt.date
    creances: tuple[DecompteCreance, ...]
    imputations: tuple[Imputation, ...]
    frais_complementaires: Decimal  # proven costs above the flat indemnities
    trop_percu: Decimal
    avertissements: tuple[str, ...]

    @property
    def lignes(self) -> list[LigneInterets]:
        return [ligne for c in self.creances for ligne in c.lignes]

    @property
    def principal(self) -> Decimal:
        return sum((c.principal_du for c in self.creances), ZERO)

    @property
    def interets_courus(self) -> Decimal:
        return sum((c.interets_courus for c in self.creances), ZERO)

    @property
    def interets(self) -> Decimal:
        return sum((c.interets_dus for c in self.creances), ZERO)

    @property
    def indemnites(self) -> Decimal:
        return sum((c.indemnite_due for c in self.creances), ZERO) + self.frais_complementaires

    @property
    def total(self) -> Decimal:
        return self.principal + self.interets + self.indemnites

    @property
    def creances_echues(self) -> list[DecompteCreance]:
        """Invoices past their due date that still owe something: what can be claimed now."""
        return [c for c in self.creances if c.echue and c.total_du > 0]

    @property
    def total_exigible(self) -> Decimal:
        """What is already due (a mise en demeure or a court claims no more), costs included."""
        echues = self.creances_echues
        return sum((c.total_du for c in echues), ZERO) + (self.frais_complementaires if echues else ZERO)
