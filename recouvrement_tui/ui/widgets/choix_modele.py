"""Choosing a template to generate; those the dossier cannot fill yet say what is missing."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from recouvrement_tui.documents.catalogue import Modele


class ChoixModele(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "annuler", "Annuler")]

    def __init__(self, modeles: list[tuple[Modele, list[str]]]) -> None:
        super().__init__()
        self.modeles = modeles

    def compose(self) -> ComposeResult:
        options = []
        for m, manques in self.modeles:
            libelle = m.titre if not manques else f"{m.titre} — {manques[0]}"
            options.append(Option(libelle, id=m.cle, disabled=bool(manques)))
        with Vertical(id="choix-modele"):
            yield Label("Générer un document :", id="choix-modele-titre")
            yield OptionList(*options, id="choix-modele-liste")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_annuler(self) -> None:
        self.dismiss(None)
