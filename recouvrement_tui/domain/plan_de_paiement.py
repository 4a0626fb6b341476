"""Where an agreed payment plan stands: which instalments the payments since it started cover,
the next one and whether it is late.

The plan is recorded on the move to ÉCHÉANCIER (facts `premiere_echeance`, `nombre_echeances`):
monthly instalments from the first one, each the sum due when the plan started (invoices less
payments made by then) divided by their number. Payments made after the start cover them in
order. The agenda (what to check, and when) and the call sheet (what to say) both read it here.

No import of the model at run time: domain.appel reads this module and the model imports it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from recouvrement_tui.domain.dates import plus_mois
from recouvrement_tui.domain.etapes import Etape
from recouvrement_tui.domain.money import ZERO, arrondir
from recouvrement_tui.domain.procedure import nombre_echeances

if TYPE_CHECKING:
    from recouvrement_tui.domain.model import Dossier
    from recouvrement_tui.domain.procedure import Passage


@dataclass(frozen=True)
class Echeance:
    rang: int  # from 1
    date: dt.date
    montant: Decimal


@dataclass(frozen=True)
class PlanEnCours:
    debut: dt.date  # the day the plan was agreed (the move to ÉCHÉANCIER)
    premiere: dt.date
    nombre: int
    par_echeance: Decimal
    couvertes: int  # instalments the payments made since `debut` cover, in order
    reliquat: Decimal  # paid since `debut` beyond the covered instalments: part of the next one

    def echeance(self, rang: int) -> Echeance:
        return Echeance(rang, plus_mois(self.premiere, rang - 1), self.par_echeance)

    @property
    def prochaine(self) -> Echeance | None:
        """The first instalment not yet covered (None: the plan is paid to the end)."""
        return self.echeance(self.couvertes + 1) if self.couvertes < self.nombre else None

    @property
    def precedente(self) -> Echeance | None:
        """The last instalment covered (None: none yet)."""
        return self.echeance(self.couvertes) if self.couvertes else None

    def manquee(self, au: dt.date) -> Echeance | None:
        """The first instalment not covered although its day has passed on `au` (None: none)."""
        prochaine = self.prochaine
        return prochaine if prochaine is not None and prochaine.date < au else None


def plan_en_cours(dossier: Dossier, passage: Passage | None = None) -> PlanEnCours | None:
    """The plan recorded on `passage` (default: the dossier's latest move to ÉCHÉANCIER), or None
    when there is none or its first instalment was not recorded."""
    passage = passage or dossier.dernier_passage(Etape.ECHEANCIER)
    premiere = passage.fait_date("premiere_echeance") if passage else None
    if passage is None or premiere is None:
        return None
    n = nombre_echeances(passage.faits.get("nombre_echeances", "1")) or 1
    debut = passage.date
    du_au_depart = dossier.total_creances - sum((p.montant for p in dossier.paiements if p.date <= debut), ZERO)
    par_echeance = arrondir(du_au_depart / n) if du_au_depart > 0 else ZERO
    paye_depuis = sum((p.montant for p in dossier.paiements if p.date > debut), ZERO)
    couvertes = n if par_echeance <= 0 else min(n, int(paye_depuis // par_echeance))
    reliquat = ZERO if couvertes >= n else paye_depuis - couvertes * par_echeance
    return PlanEnCours(debut, premiere, n, par_echeance, couvertes, reliquat)


__all__ = ["Echeance", "PlanEnCours", "plan_en_cours"]
