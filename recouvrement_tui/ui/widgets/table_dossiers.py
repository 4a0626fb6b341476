"""The dossier list: the virtual table configured for dossier summaries."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from typing import Any

from recouvrement_tui.domain.etapes import Etape
from recouvrement_tui.domain.formatage import date_courte, montant
from recouvrement_tui.domain.procedure import MotifCloture
from recouvrement_tui.domain.resume import ResumeDossier
from recouvrement_tui.ui.widgets.table_virtuelle import (
    Colonne,
    Ligne,
    TableVirtuelle,
    normaliser,
)

_ORDRE_ETAPES = {etape: i for i, etape in enumerate(Etape)}


def motif_court(motif: str, racine: str = "") -> str:
    """Why a dossier is damaged, on one line, paths relative to the data folder (the row is narrow)."""
    if racine:
        motif = motif.replace(racine.rstrip("/\\") + os.sep, "")
    return " ".join(motif.split())


def libelle_cloture(motif: str) -> str:
    """What a closed dossier shows instead of its next action: why it was closed."""
    libelle = MotifCloture.LIBELLES.get(motif, motif)
    return f"Clôturé : {libelle}" if libelle else "Clôturé"


def ouvert(ligne: Ligne) -> bool:
    return bool(ligne.donnee.ouvert)


def ligne_dossier(r: ResumeDossier, racine: str = "") -> Ligne:
    if r.endommage:
        # Why, in the row itself; opening the dossier shows the whole message.
        cellules = (r.reference, f"⚠ {motif_court(r.endommage, racine)}", "", "", "", "", "")
    else:
        cellules = (
            r.reference,
            r.debiteur,
            montant(r.solde),
            montant(r.du) if r.du is not None else "",
            r.etape.libelle if r.etape else "",
            r.prochaine_action if r.ouvert else libelle_cloture(r.motif_cloture),
            date_courte(r.prochaine_date),
        )
    recherche = normaliser(f"{r.reference} {r.debiteur} {r.siren}")
    return Ligne(r.reference, cellules, recherche, r, r.prochaine_date, bool(r.endommage))


class TableDossiers(TableVirtuelle):
    """Every dossier of the data folder, filtered and sorted; Enter opens the one under the cursor."""

    COLONNES = (
        Colonne("reference", "Référence", 11),
        Colonne("debiteur", "Débiteur", 0),
        # Invoices minus payments; the décompte adds interest and fees (as of the day the index computed it).
        Colonne("solde", "Principal dû", 14, a_droite=True),
        Colonne("du", "Dû avec intérêts", 16, a_droite=True, masquable=1),
        Colonne("etape", "Étape", 18, masquable=2),
        Colonne("action", "Prochaine action", 28),
        Colonne("date", "Date", 10),
    )

    racine = ""  # the data folder, left out of the paths in a damaged dossier's reason

    def __init__(self, aujourdhui: dt.date, **kwargs) -> None:
        super().__init__(aujourdhui, **kwargs)
        # A work queue: open dossiers, the next action first (overdue ones at the top).
        self.tri = "date"
        self._vue = ouvert

    @property
    def clotures_affiches(self) -> bool:
        return self._vue is None

    def afficher_clotures(self, afficher: bool) -> None:
        self.vue(None if afficher else ouvert)

    def charger_resumes(self, resumes: list[ResumeDossier]) -> None:
        # Reuse rows whose summary did not change: formatting 10,000 rows is most of the cost.
        connues = {ligne.donnee: ligne for ligne in self.toutes_les_lignes}
        self.charger([connues.get(r) or ligne_dossier(r, self.racine) for r in resumes])

    def mettre_a_jour_resume(self, resume: ResumeDossier) -> None:
        self.mettre_a_jour(ligne_dossier(resume, self.racine))

    def cle_de_tri(self, colonne: str) -> Callable[[Ligne], Any]:
        match colonne:
            case "solde":
                return lambda l: l.donnee.solde
            case "date":
                return lambda l: (l.donnee.prochaine_date or dt.date.max, l.cle)
            case "du":
                return lambda l: (l.donnee.du is None, l.donnee.du or 0)
            case "etape":
                return lambda l: _ORDRE_ETAPES.get(l.donnee.etape, -1)
            case "reference":
                return lambda l: l.cle
        return super().cle_de_tri(colonne)
