"""The command palette (ctrl+p): open any dossier by name, reference or SIREN, or run a command.

The commands themselves come from RecouvrementApp.get_system_commands only (they replace
Textual's English ones); the dossier provider adds no command of its own, so none is listed twice.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, ClassVar

from rich.align import Align
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.command import CommandList, CommandPalette, Hit, Hits, Provider
from textual.widgets.option_list import Option

from recouvrement_tui.ui.widgets.table_virtuelle import normaliser

if TYPE_CHECKING:
    from recouvrement_tui.ui.app import RecouvrementApp

MAX_RESULTATS = 40


class FournisseurDossiers(Provider):
    """Matches the typed text, accents and spaces ignored, against every dossier."""

    if TYPE_CHECKING:
        app: RecouvrementApp  # for mypy: Textual types it App[object]; ours has service, aujourdhui()…

    def _lignes(self):
        return self.app.lignes_dossiers()

    async def search(self, query: str) -> Hits:
        cible = normaliser(query)
        if not cible:
            return
        matcher = self.matcher(query)
        trouves = 0
        for ligne in self._lignes():
            position = ligne.recherche.find(cible)
            if position < 0:
                continue
            r = ligne.donnee
            texte = f"{r.reference}  {r.debiteur or '(dossier illisible)'}  {r.siren}".rstrip()
            # Matches at the start of the reference or name rank first.
            score = 1.0 if position == 0 or ligne.recherche[position - 1 : position] == " " else 0.6
            yield Hit(score, matcher.highlight(texte), partial(self.app.ouvrir_dossier, r.reference), help="Ouvrir le dossier")
            trouves += 1
            if trouves >= MAX_RESULTATS:
                return


class PaletteFrancaise(CommandPalette, inherit_bindings=False):
    """Textual's palette with its few English words (key descriptions, "No matches found") in French.

    Its keys are Textual 8.2's (Screen's and CommandPalette's), redeclared with French descriptions.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "app.focus_next", "Élément suivant", show=False),
        Binding("shift+tab", "app.focus_previous", "Élément précédent", show=False),
        Binding("ctrl+c,super+c", "screen.copy_text", "Copier le texte sélectionné", show=False),
        Binding("ctrl+end, shift+end", "command_list('last')", "Dernière commande", show=False),
        Binding("ctrl+home, shift+home", "command_list('first')", "Première commande", show=False),
        Binding("down", "cursor_down", "Commande suivante", show=False),
        Binding("escape", "escape", "Fermer la palette"),
        Binding("pagedown", "command_list('page_down')", "Page suivante", show=False),
        Binding("pageup", "command_list('page_up')", "Page précédente", show=False),
        Binding("up", "command_list('cursor_up')", "Commande précédente", show=False),
    ]

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual 8.2's method, with its message in French.
        self._stop_no_matches_countdown()

        def _aucun_resultat() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text("Aucun résultat", style="not bold")), disabled=True, id=self._NO_MATCHES)
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, _aucun_resultat)
