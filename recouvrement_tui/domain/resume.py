"""The one-line summary of a dossier shown in the list and kept in the index cache."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from recouvrement_tui.domain.etapes import Etape

if TYPE_CHECKING:  # the list reads summaries from its cache without the agenda's rules (issue 18)
    from recouvrement_tui.domain.agenda import Action
    from recouvrement_tui.domain.model import Dossier
    from recouvrement_tui.domain.parametres import CalendrierRelances


class ResumeDossier(NamedTuple):
    """Immutable, hashable, and a tuple: the index builds 100,000 of them when the list opens
    (storage.index_entrees.entrees_des_lignes) at a tenth of a frozen dataclass's cost (issue 18)."""

    reference: str
    debiteur: str
    siren: str
    solde: Decimal
    etape: Etape | None
    prochaine_action: str
    prochaine_date: dt.date | None
    # Why the dossier could not be read; such a dossier is listed but never written to.
    endommage: str = ""
    motif_cloture: str = ""  # MotifCloture value once closed
    # The décompte total (principal, interest, fees) at `du_au`, from the index (None: unknown).
    du: Decimal | None = None
    du_au: dt.date | None = None
    # The last day this summary's next action holds whatever the dossier (a relance préventive,
    # possible while an invoice is à échoir); the index summarises the dossier again after it.
    valable_jusqua: dt.date | None = None

    @property
    def ouvert(self) -> bool:
        """Not closed (a damaged dossier counts as open: it needs attention)."""
        return self.etape is not Etape.CLOTURE


def resumer(
    dossier: Dossier, calendrier: CalendrierRelances, creancier_hors_metropole: bool = False, au: dt.date | None = None
) -> ResumeDossier:
    return resumer_avec_actions(dossier, calendrier, creancier_hors_metropole, au)[0]


def resumer_avec_actions(
    dossier: Dossier, calendrier: CalendrierRelances, creancier_hors_metropole: bool = False, au: dt.date | None = None
) -> tuple[ResumeDossier, list[Action]]:
    """The summary and every dated action (the first is the summary's next action) at `au`, for the index."""
    from recouvrement_tui.domain.agenda import actions_du_dossier
    from recouvrement_tui.domain.prochaine_action import prochaine_action

    suivante = prochaine_action(dossier, calendrier, au)
    actions = actions_du_dossier(dossier, calendrier, creancier_hors_metropole, au, suivante=suivante)
    action = actions[0] if actions else None
    cloture = next((p for p in reversed(dossier.passages) if p.vers is Etape.CLOTURE), None)
    resume = ResumeDossier(
        reference=dossier.reference,
        debiteur=dossier.debiteur.nom_complet,
        siren=dossier.debiteur.siren,
        solde=dossier.solde,
        etape=dossier.etape,
        prochaine_action=action.libelle if action else "",
        prochaine_date=action.date if action else None,
        motif_cloture=(str(cloture.faits.get("motif", "")) if cloture and dossier.etape is Etape.CLOTURE else ""),
        valable_jusqua=suivante.jusqua if suivante else None,
    )
    return resume, actions


def resume_endommage(reference: str, motif: str) -> ResumeDossier:
    return ResumeDossier(reference, "", "", Decimal("0.00"), None, "", None, endommage=motif)
