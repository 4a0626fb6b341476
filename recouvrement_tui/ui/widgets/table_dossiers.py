"""The dossier list: the virtual table configured for dossier summaries."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from typing import Any

from recouvrement_tui.domain.etapes import Etape
from recouvrement_tui.domain.formatage import date_courte, montant
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


def ligne_dossier(r: ResumeDossier, racine: str = "") -> Ligne:
    if r.endommage:
        # Why, in the row itself; opening the dossier shows the whole message.
        cellules = (r.reference, f"⚠ {motif_court(r.endommage, racine)}", "", "", "", "")
    else:
        cellules = (
            r.reference,
            r.debiteur,
            montant(r.solde),
            r.etape.libelle if r.etape else "",
            r.prochaine_action,
            date_courte(r.prochaine_date),
        )
    recherche = normaliser(f"{r.reference} {r.debiteur} {r.siren}")
    return Ligne(r.reference, cellules, recherche, r, r.prochaine_date, bool(r.endommage))


class TableDossiers(TableVirtuelle):
    """Every dossier of the data folder, filtered and sorted; Enter opens the one under the cursor."""

    COLONNES = (
        Colonne("reference", "Référence", 11),
        Colonne("debiteur", "Débiteur", 0),
        Colonne("solde", "Solde dû", 15, a_droite=True),
        Colonne("etape", "Étape", 21),
        Colonne("action", "Prochaine action", 32),
        Colonne("date", "Date", 10),
    )

    racine = ""  # the data folder, left out of the paths in a damaged dossier's reason

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
                return lambda l: l.donnee.prochaine_date or dt.date.max
            case "etape":
                return lambda l: _ORDRE_ETAPES.get(l.donnee.etape, -1)
            case "reference":
                return lambda l: l.cle
        return super().cle_de_tri(colonne)
