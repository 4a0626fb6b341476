"""A modal saying what is under way while a worker does it: the screen stays drawn and answers.

Shown at once by whoever starts the worker, removed (`terminer`) when the worker reports back.
With `annuler`, Échap or the button asks the worker to stop; without it, Échap says to wait.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, LoadingIndicator


class EcranAttente(ModalScreen[None]):
    DEFAULT_CSS = """
    EcranAttente { align: center middle; }
    #attente { width: 60; height: auto; border: thick $accent; background: $surface; padding: 1 2; }
    #attente-indicateur { height: 3; }
    #attente-annuler { margin-top: 1; }
    """

    BINDINGS = [Binding("escape", "annuler", "Annuler", id="attente.annuler")]

    def __init__(self, message: str, annuler: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.message = message
        self._annuler = annuler
        self.annulation_demandee = False

    def compose(self) -> ComposeResult:
        with Vertical(id="attente"):
            yield Label(self.message, id="attente-message")
            yield LoadingIndicator(id="attente-indicateur")
            if self._annuler is not None:
                yield Button("Annuler", id="attente-annuler")

    def action_annuler(self) -> None:
        if self._annuler is None:
            self.notify("Opération en cours : attendez la fin.", severity="warning")
            return
        if not self.annulation_demandee:
            self.annulation_demandee = True
            self._annuler()
            self.query_one("#attente-message", Label).update(f"{self.message}\nAnnulation demandée…")

    @on(Button.Pressed, "#attente-annuler")
    def _bouton(self) -> None:
        self.action_annuler()

    def terminer(self) -> None:
        """Remove the modal, if still shown (the worker's report may come after the app moved on)."""
        if self.is_attached and self.app.screen is self:
            self.dismiss(None)
