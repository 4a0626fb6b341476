"""The dossier list: the virtual table configured for dossier summaries."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from functools import partial
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


def du_ancien(r: ResumeDossier, aujourdhui: dt.date | None) -> bool:
    """The décompte total was computed on an earlier day (interest has run since)."""
    return r.du is not None and r.du_au is not None and aujourdhui is not None and r.du_au < aujourdhui


def ligne_dossier(r: ResumeDossier, racine: str = "", aujourdhui: dt.date | None = None) -> Ligne:
    return lignes_dossiers([r], racine, aujourdhui)[0]


def lignes_dossiers(resumes: list[ResumeDossier], racine: str, aujourdhui: dt.date | None) -> list[Ligne]:
    """The rows of these summaries, their cells formatted when first drawn, by one shared function."""
    cellules = partial(_cellules, racine=racine, aujourdhui=aujourdhui)
    return [Ligne(r.reference, cellules, normaliser(f"{r.reference} {r.debiteur} {r.siren}"), r, r.prochaine_date,
                  bool(r.endommage)) for r in resumes]


def _cellules(r: ResumeDossier, *, racine: str, aujourdhui: dt.date | None) -> tuple[str, ...]:
    """A row's texts, formatted when it is first drawn (see table_virtuelle.Ligne)."""
    if r.endommage:
        # Why, in the row itself; opening the dossier shows the whole message.
        return (r.reference, f"⚠ {motif_court(r.endommage, racine)}", "", "", "", "", "")
    return (
        r.reference,
        r.debiteur,
        montant(r.solde),
        # "*": as of an earlier day, said by the status line (the list never re-reads 10,000 dossiers for it)
        (montant(r.du) + ("*" if du_ancien(r, aujourdhui) else "")) if r.du is not None else "",
        r.etape.libelle if r.etape else "",
        r.prochaine_action if r.ouvert else libelle_cloture(r.motif_cloture),
        date_courte(r.prochaine_date),
    )


class TableDossiers(TableVirtuelle):
    """Every dossier of the data folder, filtered and sorted; Enter opens the one under the cursor."""

    # The widths are worked out for each table width by repartir_largeurs (below): these are
    # the comfortable ones, and the masquable ranks say which columns go first when it is narrow.
    COLONNES = (
        Colonne("reference", "Référence", 11),
        Colonne("debiteur", "Débiteur", 0),
        # Invoices minus payments; the décompte adds interest and fees (as of the day the index computed it).
        Colonne("solde", "Principal dû", 14, a_droite=True),
        Colonne("du", "Dû + intérêts", 16, a_droite=True, masquable=1),
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

    # The earliest day a "Dû + intérêts" of the rows loaded was computed, when before today: worked
    # out when rows are loaded, read by the status line at every keystroke.
    du_le_plus_ancien: dt.date | None = None

    @property
    def clotures_affiches(self) -> bool:
        return self._vue is None

    def afficher_clotures(self, afficher: bool) -> None:
        self.vue(None if afficher else ouvert)

    def charger_resumes(self, resumes: list[ResumeDossier]) -> None:
        dates = [r.du_au for r in resumes if r.du_au is not None and du_ancien(r, self.aujourdhui)]
        self.du_le_plus_ancien = min(dates) if dates else None
        # Reuse rows whose summary did not change: formatting 10,000 rows is most of the cost.
        if not self.toutes_les_lignes:  # the first loading: nothing to reuse, and hashing 10,000 summaries costs
            self.charger(lignes_dossiers(resumes, self.racine, self.aujourdhui))
            return
        connues = {ligne.donnee: ligne for ligne in self.toutes_les_lignes}
        nouvelles = iter(lignes_dossiers([r for r in resumes if r not in connues], self.racine, self.aujourdhui))
        self.charger([connues[r] if r in connues else next(nouvelles) for r in resumes])

    def mettre_a_jour_resume(self, resume: ResumeDossier) -> None:
        self.mettre_a_jour(ligne_dossier(resume, self.racine, self.aujourdhui))

    def repartir(self, utile: int) -> tuple[int, ...]:
        return repartir_largeurs(utile)

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


# How the list's width is shared (issue point 6): what the user works from — reference,
# debtor, amount, next action and its date — stays on screen down to 80 columns; the interest
# column then the stage give way first, and the room left goes to the debtor's name (cut
# short otherwise while amounts sat in wide columns) before the other columns widen.
_COMPACTES = {"reference": 10, "solde": 12, "du": 13, "etape": 14, "date": 10}
_CONFORT = {c.cle: c.largeur for c in TableDossiers.COLONNES if c.largeur}  # as COLONNES declares them
_DEBITEUR_MIN, _DEBITEUR_CONFORT = 20, 26  # below 20, the stage then the interest give way
_ACTION_MIN = 18


def repartir_largeurs(utile: int) -> tuple[int, ...]:
    """Each column's width (0: hidden) in TableDossiers.COLONNES order, for `utile` cells."""
    ordre = [c.cle for c in TableDossiers.COLONNES]
    masquables = sorted((c for c in TableDossiers.COLONNES if c.masquable), key=lambda c: c.masquable)
    montrees = list(ordre)

    def total(largeurs: dict[str, int]) -> int:
        return sum(largeurs.values()) + len(largeurs)  # one space after each column

    def minimales() -> dict[str, int]:
        largeurs = {cle: _COMPACTES.get(cle, 0) for cle in montrees}
        largeurs["debiteur"], largeurs["action"] = _DEBITEUR_MIN, _ACTION_MIN
        return largeurs

    largeurs = minimales()
    while total(largeurs) > utile and masquables:
        montrees.remove(masquables.pop(0).cle)
        largeurs = minimales()
    reste = utile - total(largeurs)
    # Narrower than 80 columns: the two texts give way (down to a few cells) before the date.
    for cle, plancher in (("debiteur", 12), ("action", 12), ("debiteur", 6), ("action", 6)):
        if reste < 0:
            retrait = min(-reste, max(largeurs[cle] - plancher, 0))
            largeurs[cle] -= retrait
            reste += retrait

    def elargir(cle: str, jusqua: int) -> None:
        nonlocal reste
        if cle in largeurs and reste > 0:
            ajout = min(reste, max(jusqua - largeurs[cle], 0))
            largeurs[cle] += ajout
            reste -= ajout

    elargir("debiteur", _DEBITEUR_CONFORT)
    elargir("action", _CONFORT["action"])
    for cle, confort in _CONFORT.items():
        elargir(cle, confort)
    largeurs["debiteur"] += max(reste, 0)
    return tuple(largeurs.get(cle, 0) for cle in ordre)
