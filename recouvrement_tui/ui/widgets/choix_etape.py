"""Moving a dossier along the chain: pick a next stage, then fill in that move's facts."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from recouvrement_tui.domain.etapes import Etape


class ChoixEtape(ModalScreen[Etape | None]):
    """The stages offered from here (domain.procedure.transitions_possibles)."""

    BINDINGS = [Binding("escape", "annuler", "Annuler")]

    def __init__(self, actuelle: Etape, possibles: list[Etape]) -> None:
        super().__init__()
        self.actuelle = actuelle
        self.possibles = possibles

    def compose(self) -> ComposeResult:
        with Vertical(id="choix-etape"):
            yield Label(f"Étape actuelle : {self.actuelle.libelle}. Passer à :", id="choix-etape-titre")
            yield OptionList(*(Option(e.libelle, id=e.value) for e in self.possibles), id="choix-etape-liste")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        assert event.option.id is not None  # each option's id is its étape's value
        self.dismiss(Etape(event.option.id))

    def action_annuler(self) -> None:
        self.dismiss(None)
