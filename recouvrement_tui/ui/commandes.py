"""The command palette (ctrl+p): open any dossier by name, reference or SIREN."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

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

    async def discover(self) -> Hits:
        yield DiscoveryHit("Nouveau dossier", self.app.action_nouveau_dossier, help="Créer le dossier d'un débiteur")
        yield DiscoveryHit("Paramètres", self.app.action_parametres, help="Votre société et le calendrier de relance")
