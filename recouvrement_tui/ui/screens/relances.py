"""Preparing the day's reminders in one batch, with a progress bar.

The batch runs in a worker thread (a thousand letters take a while); the screen is modal,
so nothing else uses the service meanwhile.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, ProgressBar, Static
from textual.worker import Worker, WorkerState

from recouvrement_tui.domain.formatage import date_courte
from recouvrement_tui.services.documents import RapportRelances
from recouvrement_tui.services.erreurs import ErreurDocument, ErreurStockage
from recouvrement_tui.system.incidents import consigner

if TYPE_CHECKING:
    from recouvrement_tui.ui.app import RecouvrementApp


class EcranRelances(ModalScreen[RapportRelances | None]):
    if TYPE_CHECKING:
        app: RecouvrementApp  # for mypy: Textual types it App[object]; ours has service, aujourdhui()…

    BINDINGS = [
        Binding("enter", "lancer", "Préparer", id="relances.lancer"),
        Binding("escape", "fermer", "Fermer", id="relances.fermer"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rapport: RapportRelances | None = None
        self.en_cours = False

    def compose(self) -> ComposeResult:
        au = self.app.aujourdhui()
        with Vertical(id="relances"):
            yield Label(f"Relances et mises en demeure dues au {date_courte(au)}", id="relances-titre")
            yield Static("Recherche des courriers dus…", id="relances-etat")
            yield ProgressBar(id="relances-progression", show_eta=False)
            with VerticalScroll(id="relances-resultat"):
                yield Static(id="relances-detail")

    def on_mount(self) -> None:
        etat = self.query_one("#relances-etat", Static)
        try:
            self.dues = self.app.service.documents.relances_dues(self.app.aujourdhui())
        except Exception as erreur:  # noqa: BLE001 - explain, keep the app running
            self.dues = []
            etat.update(str(erreur) if isinstance(erreur, ErreurStockage) else consigner(erreur))
            return
        if not self.dues:
            etat.update("Aucun courrier n'est dû aujourd'hui. Échap pour fermer.")
            return
        liste = "\n".join(f"{reference}  {cle.replace('_', ' ')}" for reference, cle in self.dues)
        etat.update(
            f"{len(self.dues)} courrier(s) à préparer, une lettre par débiteur reprenant toutes ses factures échues. "
            "Entrée pour les préparer, Échap pour annuler."
        )
        self.query_one("#relances-detail", Static).update(liste)
        self.query_one(ProgressBar).update(total=len(self.dues), progress=0)

    def action_lancer(self) -> None:
        if self.en_cours or self.rapport is not None or not self.dues:
            return
        self.en_cours = True
        self.query_one("#relances-etat", Static).update("Préparation en cours…")
        self.preparer()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def preparer(self) -> RapportRelances:
        barre = self.query_one(ProgressBar)

        def avance(fait: int, total: int) -> None:
            self.app.call_from_thread(barre.update, progress=fait, total=total)

        return self.app.service.documents.preparer_relances(self.app.aujourdhui(), avance)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.SUCCESS:
            self.en_cours = False
            self.rapport = event.worker.result
            assert self.rapport is not None  # the worker returns preparer_relances' report
            self._montrer_rapport(self.rapport)
        elif event.state is WorkerState.ERROR:
            self.en_cours = False
            erreur = event.worker.error
            assert erreur is not None  # set with the ERROR state
            message = str(erreur) if isinstance(erreur, (ErreurStockage, ErreurDocument)) else consigner(erreur)
            self.query_one("#relances-etat", Static).update(message + " Échap pour fermer.")

    def _montrer_rapport(self, rapport: RapportRelances) -> None:
        self.query_one("#relances-etat", Static).update(
            f"{len(rapport.prepares)} courrier(s) préparé(s), {len(rapport.deja_prepares)} déjà prêt(s), "
            f"{len(rapport.erreurs)} échec(s). Les fichiers sont dans le dossier documents/ de chaque dossier. "
            "Échap pour fermer."
        )
        texte = Text()
        for reference, titre, chemin in rapport.prepares:
            texte.append(f"{reference}  {titre}  {chemin.name}\n")
        for reference in rapport.deja_prepares:
            texte.append(f"{reference}  déjà préparé depuis le dernier changement d'étape\n", style="dim")
        for reference, message in rapport.erreurs:
            texte.append(f"{reference}  {message}\n", style="bold red")
        self.query_one("#relances-detail", Static).update(texte)

    def action_fermer(self) -> None:
        if self.en_cours:
            self.notify("La préparation est en cours : attendez la fin.", severity="warning")
            return
        self.dismiss(self.rapport)
