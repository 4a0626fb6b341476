"""Exporting the open dossier as a verifiable .zip, with a progress bar (services.echanges)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, ProgressBar, Static
from textual.worker import Worker, WorkerState

from recouvrement_tui.services.erreurs import ErreurDocument, ErreurSaisie, ErreurStockage, TauxIllisibles, TauxInconnu
from recouvrement_tui.system.incidents import consigner

if TYPE_CHECKING:
    from recouvrement_tui.ui.app import RecouvrementApp

ERREURS_CONNUES = (ErreurSaisie, ErreurStockage, ErreurDocument, TauxInconnu, TauxIllisibles)
_ANNULABLE = " Échap pour l'annuler (rien n'est écrit)."  # after each step's name, while it runs


class ExportAnnule(Exception):  # noqa: N818 - not an error: the user stopped the export
    """Raised from the progress callback once the user asked to stop: the archive, written only at
    the very end (atomically), is then never written, nor the journal entry."""


def destination_par_defaut() -> Path:
    documents = Path.home() / "Documents"
    return documents if documents.is_dir() else Path.home()


class EcranExport(ModalScreen[Path | None]):
    if TYPE_CHECKING:
        app: RecouvrementApp  # for mypy: Textual types it App[object]; ours has service, aujourdhui()…

    BINDINGS = [
        Binding("ctrl+s", "exporter", "Exporter", id="export.lancer"),
        Binding("escape", "fermer", "Fermer", id="export.fermer"),
    ]

    def __init__(self, reference: str) -> None:
        super().__init__()
        self.reference = reference
        self.en_cours = False
        self.resultat: Path | None = None
        self._annuler = threading.Event()

    def compose(self) -> ComposeResult:
        with Vertical(id="export"):
            yield Label(f"Exporter le dossier {self.reference} pour un commissaire de justice", id="export-titre")
            yield Label("Dossier de destination")
            yield Input(str(destination_par_defaut()), id="export-vers")
            yield Label("Instruction au commissaire de justice (vide : selon l'étape du dossier)")
            yield Input("", id="export-instruction")
            yield Checkbox("Ajouter des copies PDF (LibreOffice)", id="export-pdf")
            yield ProgressBar(id="export-progression", show_eta=False)
            yield Static("Ctrl+S pour exporter, Échap pour fermer.", id="export-etat")

    def action_exporter(self) -> None:
        if self.en_cours or self.resultat is not None:
            return
        self.en_cours = True
        self._annuler.clear()
        self.query_one("#export-etat", Static).update("Export en cours…" + _ANNULABLE)
        self.exporter(
            self.query_one("#export-vers", Input).value.strip() or ".",
            self.query_one("#export-instruction", Input).value,
            self.query_one("#export-pdf", Checkbox).value,
        )

    @work(thread=True, exclusive=True, exit_on_error=False)
    def exporter(self, vers: str, instruction: str, pdf: bool) -> Path:
        barre = self.query_one(ProgressBar)
        etat = self.query_one("#export-etat", Static)

        annuler = self._annuler

        def avance(fait: int, total: int, quoi: str) -> None:
            if annuler.is_set():
                raise ExportAnnule
            self.app.call_from_thread(barre.update, progress=fait, total=total)
            self.app.call_from_thread(etat.update, f"{quoi}…{_ANNULABLE}")

        return self.app.service.echanges.exporter(self.reference, Path(vers), pdf=pdf, instruction=instruction,
                                                  progression=avance)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        etat = self.query_one("#export-etat", Static)
        if event.state is WorkerState.SUCCESS:
            self.en_cours = False
            self.resultat = event.worker.result
            etat.update(f"Archive écrite : {self.resultat}\nÉchap pour fermer.")
        elif event.state is WorkerState.ERROR:
            self.en_cours = False
            erreur = event.worker.error
            assert erreur is not None  # set with the ERROR state
            if isinstance(erreur, ExportAnnule):
                self.dismiss(None)
                self.notify("Export annulé : aucune archive n'a été écrite.")
                return
            etat.update((str(erreur) if isinstance(erreur, ERREURS_CONNUES) else consigner(erreur)) + " Échap pour fermer.")

    def action_fermer(self) -> None:
        if self.en_cours:
            if not self._annuler.is_set():
                self._annuler.set()  # seen at the next step; the archive is written only after the last
                self.query_one("#export-etat", Static).update(
                    "Annulation demandée : l'export s'arrête à la fin de l'étape en cours…")
            return
        self.dismiss(self.resultat)
