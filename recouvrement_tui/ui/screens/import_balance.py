"""Importing an aged balance (.csv) from the accounting: preview first, then write.

Nothing is written until the user has seen the preview of that very file and confirmed.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from recouvrement_tui.exchange.correspondance import LIBELLES, PROPOSEES
from recouvrement_tui.services.comptabilite import fichier_est_un_fec
from recouvrement_tui.services.erreurs import ColonnesManquantes, ErreurSaisie, ErreursSaisie, ErreurStockage
from recouvrement_tui.system.incidents import consigner
from recouvrement_tui.ui.screens.import_fec import EcranImportFec
from recouvrement_tui.ui.widgets.formulaire import Champ, Formulaire, Section, TypeChamp

if TYPE_CHECKING:
    from recouvrement_tui.ui.app import RecouvrementApp


class EcranImportBalance(ModalScreen[bool]):
    if TYPE_CHECKING:
        app: RecouvrementApp  # for mypy: Textual types it App[object]; ours has service, aujourdhui()…

    BINDINGS = [
        Binding("ctrl+s", "appliquer", "Importer", id="import.appliquer"),
        Binding("escape", "fermer", "Fermer", id="import.fermer"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.apercu_de: str | None = None  # the file whose preview is shown
        self.empreinte_apercue = ""  # its content then: a file changed since is previewed again
        self.importe = False

    def compose(self) -> ComposeResult:
        with Vertical(id="import"):
            yield Label("Importer de la comptabilité : une balance âgée (.csv, .xlsx) ou un FEC", id="import-titre")
            yield Input(placeholder="chemin du fichier, par exemple /home/moi/balance-novembre.csv ou /home/moi/FEC2026.txt",
                        id="import-fichier")
            yield Static("Entrée : aperçu (rien n'est écrit). Ctrl+S : importer ce qui est affiché. Échap : fermer.",
                         id="import-aide")
            with VerticalScroll(id="import-resultat"):
                yield Static(id="import-apercu")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._apercu(event.value.strip())

    def _plan(self, chemin: str, appliquer: bool):
        titre = "L'import s'est arrêté :" if appliquer else "Le fichier ne peut pas être importé ; rien n'a été écrit."
        try:
            return self.app.service.echanges.importer_balance(Path(chemin).expanduser(), appliquer=appliquer)
        except ColonnesManquantes as erreurs:
            self._montrer_erreurs([e.message for e in erreurs.erreurs], titre)
            if not appliquer:
                self._demander_colonnes(chemin, erreurs)
        except ErreursSaisie as erreurs:
            self._montrer_erreurs([e.message for e in erreurs.erreurs], titre)
        except (ErreurSaisie, ErreurStockage) as erreur:
            self._montrer_erreurs([str(erreur)], titre)
        except Exception as erreur:  # noqa: BLE001 - never a traceback in front of the user
            self._montrer_erreurs([consigner(erreur)], titre)
        return None

    def _empreinte(self, chemin: str) -> str:
        try:
            return hashlib.sha256(Path(chemin).expanduser().read_bytes()).hexdigest()
        except OSError:
            return ""

    def _montrer_erreurs(self, messages: list[str], titre: str = "") -> None:
        self.apercu_de = None
        titre = titre or "Le fichier ne peut pas être importé ; rien n'a été écrit."
        texte = Text(titre + "\n", style="bold red")
        for message in messages:
            texte.append(f"  • {message}\n")
        self.query_one("#import-apercu", Static).update(texte)

    def _apercu(self, chemin: str) -> None:
        if not chemin:
            self._montrer_erreurs(["Indiquez le chemin du fichier .csv à importer."])
            return
        if fichier_est_un_fec(Path(chemin).expanduser()):
            self._importer_fec(chemin)
            return
        plan = self._plan(chemin, appliquer=False)
        if plan is not None:
            self._montrer_apercu(chemin, plan)

    def _importer_fec(self, chemin: str) -> None:
        """A FEC (the accounts' entries) has its own preview, in place of this screen."""
        if self.importe:  # a balance imported before: the list is refreshed as on closing
            self.app.ecran_liste.actualiser(forcer=True)
        self.app.switch_screen(EcranImportFec(chemin))

    def _montrer_apercu(self, chemin: str, plan) -> None:
        self.apercu_de = None if plan.rien_a_faire else chemin
        self.empreinte_apercue = self._empreinte(chemin)
        texte = Text(plan.resume() + "\n", style="bold")
        for ligne in plan.details():
            texte.append(f"  {ligne}\n")
        texte.append("\nCtrl+S pour importer." if self.apercu_de else "\nRien à écrire.", style="dim")
        self.query_one("#import-apercu", Static).update(texte)

    def _demander_colonnes(self, chemin: str, manquantes: ColonnesManquantes) -> None:
        """Mapping once: which column of the file is which; recorded for this software's exports
        once the file reads with it, then the preview (docs/import-balance.md)."""
        entete = list(dict.fromkeys(c for c in manquantes.entete if c))
        options = (("— aucune —", ""), *((escape(_court(c)), c) for c in entete))
        obligatoires = {"client", "numero", "date_facture", "date_echeance"}
        champs = tuple(
            Champ(cle, LIBELLES[cle], TypeChamp.CHOIX, options, obligatoire=cle in obligatoires) for cle in PROPOSEES
        )
        section = Section("Reste dû ou Montant TTC : au moins l'un des deux. Votre choix vaudra pour les prochains "
                          "fichiers de ce logiciel (même en-tête).", champs)

        def valider(valeurs: dict[str, Any]):
            try:
                return self.app.service.echanges.importer_balance(
                    Path(chemin).expanduser(), appliquer=False, colonnes=valeurs
                )
            except ErreursSaisie as erreurs:
                par_colonne = [e for e in erreurs.erreurs if e.champ in LIBELLES or e.champ == "colonnes"]
                if par_colonne:
                    raise ErreursSaisie(par_colonne) from None
                n = len(erreurs.erreurs)
                raise ErreurSaisie(
                    "generale",
                    f"Avec ces colonnes, le fichier ne se lit pas ({n} erreur{'s' if n > 1 else ''}), par exemple : "
                    f"{erreurs.erreurs[0].message} Vérifiez le choix des colonnes.",
                ) from None

        def apres(plan) -> None:
            if plan is not None:
                self.notify("Colonnes enregistrées pour les fichiers de ce logiciel.")
                self._montrer_apercu(chemin, plan)

        formulaire: Formulaire[Any] = Formulaire(
            "Quelle colonne du fichier contient quoi ?", [section], dict(manquantes.reconnues), valider,
            bouton="Enregistrer et voir l'aperçu",
        )
        self.app.push_screen(formulaire, apres)

    def action_appliquer(self) -> None:
        chemin = self.query_one("#import-fichier", Input).value.strip()
        if self.apercu_de is None or chemin != self.apercu_de:
            self.notify("Affichez d'abord l'aperçu de ce fichier (Entrée).", severity="warning")
            return
        if self._empreinte(chemin) != self.empreinte_apercue:
            self.notify("Le fichier a changé depuis l'aperçu : voici le nouvel aperçu.", severity="warning")
            self._apercu(chemin)
            return
        plan = self._plan(chemin, appliquer=True)
        if plan is None:
            return
        self.importe = True
        self.apercu_de = None
        texte = Text(plan.resume() + "\n", style="bold green")
        for ligne in plan.details():
            texte.append(f"  {ligne}\n")
        self.query_one("#import-apercu", Static).update(texte)

    def action_fermer(self) -> None:
        self.dismiss(self.importe)


def _court(texte: str, longueur: int = 60) -> str:
    return texte if len(texte) <= longueur else texte[: longueur - 1] + "…"
