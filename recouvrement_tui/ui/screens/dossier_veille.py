"""The dossier screen sees what colleagues do (issue 17.4): a dossier saved by another process
is shown again at once, a document or pièce changed on disk is noticed, and a form being filled
meanwhile keeps what the user typed (widgets.formulaire.fusionner).

A mixin of EcranDossier. Every PERIODE seconds a worker looks at the dossier's files (a few
stats, storage.dossiers.empreintes_sur_disque): it works the same on a network share, where
file-change notifications from other machines do not arrive, and costs nothing measurable.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import work

from recouvrement_tui.domain.agenda import Vue
from recouvrement_tui.ui.widgets.formulaire import Formulaire

if TYPE_CHECKING:  # for mypy, the mixin is what it mixes into: a Screen with these attributes
    from textual.screen import Screen

    from recouvrement_tui.domain.model import Dossier
    from recouvrement_tui.ui.app import RecouvrementApp

    _Ecran = Screen[None]
else:
    _Ecran = object

PERIODE = 1.0  # seconds between two looks at the dossier's files


class VeilleDossier(_Ecran):
    if TYPE_CHECKING:  # provided by EcranDossier
        app: RecouvrementApp
        dossier: Dossier

        def afficher(self) -> None: ...

        def afficher_documents(self) -> None: ...

        def _apres(self, dossier: Dossier | None, message: str) -> None: ...

    _empreintes: tuple[object, object] | None = None  # the files as last seen (None: not yet looked)

    def commencer_veille(self) -> None:
        """Called once mounted: remember the files as they are, then look every PERIODE seconds."""
        self._empreintes = self.app.service.empreintes_sur_disque(self.dossier.reference)
        self.set_interval(PERIODE, self._veiller, name="veille-dossier")

    def _veiller(self) -> None:
        if not any(w.group == "veille-dossier" and w.is_running for w in self.workers):
            self._regarder_les_fichiers()

    @work(thread=True, group="veille-dossier", exit_on_error=False)
    def _regarder_les_fichiers(self) -> None:
        service = self.app.service
        reference = self.dossier.reference
        empreintes = service.empreintes_sur_disque(reference)
        avant, self._empreintes = self._empreintes, empreintes
        if avant is None or empreintes == avant:
            return
        if empreintes[0] != avant[0]:
            try:
                frais = service.charger(reference)
            except Exception:  # noqa: BLE001 - being written, gone, damaged: the next save will say it in French
                return
            if frais.revision != self.dossier.revision:
                self.app.call_from_thread(self.modifie_ailleurs, frais)
                return  # afficher() redraws the Documents tab too
        self.app.call_from_thread(self._fichiers_changes)

    def modifie_ailleurs(self, frais: Dossier) -> None:
        """A newer revision was saved by someone else: show it (nothing of ours is pending, a
        form open on top re-applies its input on it when saved)."""
        if frais.reference != self.dossier.reference or frais.revision <= self.dossier.revision:
            return  # our own save got there first, or an older read
        self.dossier = frais
        self.afficher()
        self.app.dossier_enregistre(frais)
        dernier = frais.journal[-1] if frais.journal else None
        qui = f" par {dernier.auteur}" if dernier and dernier.auteur != self.app.service.auteur else " ailleurs"
        self.notify(f"Le dossier {frais.reference} vient d'être modifié{qui} : l'affichage est à jour.",
                    title="Modification d'un collègue", timeout=8)

    def _fichiers_changes(self) -> None:
        """A document or pièce appeared, disappeared or was edited (a lawyer saved it in Word)."""
        onglets = self.query("TabbedContent")
        if onglets and getattr(onglets.first(), "active", None) == Vue.DOCUMENTS:
            self.afficher_documents()

    def recharger(self) -> None:
        """The dossier as on disk now, before a save builds on it (a stat, a read if it changed)."""
        try:
            frais = self.app.service.charger(self.dossier.reference)
        except Exception:  # noqa: BLE001 - the save that follows says what is wrong, in French
            return
        self.modifie_ailleurs(frais)

    def ouvrir_formulaire(
        self,
        formulaire: Formulaire,
        message: str,
        valeurs_de: Callable[[Dossier], dict[str, Any]] | None = None,
    ) -> None:
        """Open a form on this dossier. Just before saving, the dossier is reloaded if a colleague
        saved it meanwhile; `valeurs_de(dossier)` gives the form's values as that version has them,
        so that the user's input is merged into it field by field (None: a form that only adds)."""

        def actuelles() -> dict[str, Any] | None:
            self.recharger()
            return valeurs_de(self.dossier) if valeurs_de is not None else None

        formulaire.actuelles = actuelles
        self.app.push_screen(formulaire, lambda d: self._apres(d, message))
