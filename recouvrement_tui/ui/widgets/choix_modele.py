"""Choosing a template to generate: those the law refuses here, or the dossier cannot fill yet, are
greyed with their reason; those allowed with a warning say it (domain.garde, via the service)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from recouvrement_tui.services.documents import Offre


class ChoixModele(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "annuler", "Annuler")]

    def __init__(self, offres: list[Offre]) -> None:
        super().__init__()
        self.offres = offres

    def compose(self) -> ComposeResult:
        options = []
        for offre in self.offres:
            libelle = offre.modele.titre
            if offre.raison:
                libelle += (" — ⚠ " if offre.possible else " — ") + offre.raison
            options.append(Option(libelle, id=offre.modele.cle, disabled=not offre.possible))
        with Vertical(id="choix-modele"):
            yield Label("Générer un document :", id="choix-modele-titre")
            yield OptionList(*options, id="choix-modele-liste")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_annuler(self) -> None:
        self.dismiss(None)
