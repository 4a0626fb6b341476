"""Moving a dossier along the chain: pick a next stage, then fill in that move's facts.

Every stage the user would look for is listed; those the law refuses from here are greyed with
their reason, those allowed with a warning say it (domain.garde, via the service)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from recouvrement_tui.domain.etapes import Etape
from recouvrement_tui.domain.garde import Avis, Verdict


class ChoixEtape(ModalScreen[Etape | None]):
    BINDINGS = [Binding("escape", "annuler", "Annuler")]

    def __init__(self, actuelle: Etape, possibles: list[tuple[Etape, Avis]]) -> None:
        super().__init__()
        self.actuelle = actuelle
        self.possibles = possibles

    def compose(self) -> ComposeResult:
        options = []
        for etape, avis in self.possibles:
            libelle = etape.libelle
            if avis.raisons:
                libelle += (" — ⚠ " if avis.verdict is Verdict.AVERTI else " — ") + avis.motif
            options.append(Option(libelle, id=etape.value, disabled=avis.refuse))
        with Vertical(id="choix-etape"):
            yield Label(f"Étape actuelle : {self.actuelle.libelle}. Passer à :", id="choix-etape-titre")
            yield OptionList(*options, id="choix-etape-liste")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        assert event.option.id is not None  # each option's id is its étape's value
        self.dismiss(Etape(event.option.id))

    def action_annuler(self) -> None:
        self.dismiss(None)
