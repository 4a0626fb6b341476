"""A form whose saving is slow (copying a large file with its fsync): it runs in a worker thread.

The form stays on screen, covered by a loading indicator with what is under way, and answers;
its errors come back under their fields exactly as with Formulaire. Échap waits for the end: the
saving (copy, then record, or neither) is not stopped halfway.
"""

from __future__ import annotations

from typing import Any, TypeVar

from textual.widgets import Static

from recouvrement_tui.ui.widgets.formulaire import Formulaire

R = TypeVar("R")


class FormulaireEnFond(Formulaire[R]):
    def __init__(self, *args: Any, en_cours: str = "Enregistrement…", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.message_en_cours = en_cours
        self.en_cours = False

    def action_valider(self, essai: int = 1) -> None:  # noqa: ARG002 - Formulaire's signature
        if self.en_cours:
            return
        self._effacer_erreurs()
        valeurs = self.valeurs()
        self.en_cours = True
        self.query_one("#formulaire-champs").loading = True
        generale = self.query_one("#erreur-generale", Static)
        generale.update(self.message_en_cours)
        generale.display = True
        self.run_worker(lambda: self._enregistrer(valeurs), thread=True, exit_on_error=False, group="formulaire")

    def _enregistrer(self, valeurs: dict[str, Any]) -> None:
        try:
            resultat = self.valider(valeurs)
        except Exception as erreur:  # noqa: BLE001 - shown under its field, or in general, by _echec
            self.app.call_from_thread(self._echec, erreur)
            return
        self.app.call_from_thread(self._fini, resultat)

    def _fini(self, resultat: R) -> None:
        self.en_cours = False
        self.dismiss(resultat)

    def _echec(self, erreur: Exception) -> None:
        self.en_cours = False
        self.query_one("#formulaire-champs").loading = False
        self._effacer_erreurs()  # the "under way" line
        self._montrer_echec(erreur)

    def action_annuler(self) -> None:
        if self.en_cours:
            self.notify("Enregistrement en cours : attendez la fin.", severity="warning")
            return
        super().action_annuler()
