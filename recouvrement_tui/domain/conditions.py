"""The facts and choices a décompte depends on, kept with each dossier."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from recouvrement_tui.domain.interets import Base


class Regime(StrEnum):
    """Which late-payment interest applies to an invoice."""

    B2B = "b2b"  # L441-10 C. com.: ECB rate of the half-year + 10 points
    CONTRACTUEL = "contractuel"  # the rate the contract sets
    LEGAL = "legal"  # taux de l'intérêt légal, from the mise en demeure (art. 1344-1 C. civ.)
    PUBLIC = "public"  # R2192-31 Code de la commande publique: ECB + 8 points

    @property
    def court(self) -> str:
        """For table columns."""
        return {Regime.B2B: "B2B", Regime.CONTRACTUEL: "contractuel", Regime.LEGAL: "légal", Regime.PUBLIC: "public"}[self]

    @property
    def libelle(self) -> str:
        return {
            Regime.B2B: "Pénalités de retard B2B (taux BCE + 10 points)",
            Regime.CONTRACTUEL: "Taux contractuel",
            Regime.LEGAL: "Intérêt au taux légal",
            Regime.PUBLIC: "Intérêts moratoires, acheteur public (taux BCE + 8 points)",
        }[self]


@dataclass(frozen=True)
class ConditionsDecompte:
    """Per dossier. Defaults suit a company claiming from a professional debtor."""

    regime: Regime | None = None  # None: from the debtor and each invoice
    creancier_particulier: bool = False  # creditor is a natural person outside their trade
    date_mise_en_demeure: dt.date | None = None
    date_signification_jugement: dt.date | None = None
    date_jugement_ouverture: dt.date | None = None  # procédure collective: interest stops (L622-28)
    capitalisation: bool = False  # only if the contract or a judgment provides it (art. 1343-2)
    indemnite_forfaitaire: bool = True
    frais_justifies: Decimal | None = None  # proven recovery costs, claimed instead of 40 € × n
    base: Base = Base.ANNEE_365
