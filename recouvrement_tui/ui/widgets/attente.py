"""A modal saying what is under way while a worker does it: the screen stays drawn and answers.

Shown at once by whoever starts the worker, removed (`terminer`) when the worker reports back.
For work that is short but must not be stopped halfway (a document written then journaled):
Échap says to wait rather than leaving the user unsure whether it happened.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, LoadingIndicator


class EcranAttente(ModalScreen[None]):
    DEFAULT_CSS = """
    EcranAttente { align: center middle; }
    #attente { width: 60; height: auto; border: thick $accent; background: $surface; padding: 1 2; }
    #attente-indicateur { height: 3; }
    """

    BINDINGS = [Binding("escape", "patienter", "Patienter", id="attente.patienter")]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message
        self.fini = False

    def compose(self) -> ComposeResult:
        with Vertical(id="attente"):
            yield Label(self.message, id="attente-message")
            yield LoadingIndicator(id="attente-indicateur")

    def action_patienter(self) -> None:
        self.notify("Opération en cours : elle ne s'interrompt pas à mi-chemin, attendez la fin.", severity="warning")

    def terminer(self) -> None:
        """Remove the modal; if another screen covers it (the command palette), once that one closes."""
        self.fini = True
        if self.is_attached and self.is_current:
            self.dismiss(None)

    def on_screen_resume(self) -> None:
        if self.fini:
            self.dismiss(None)
