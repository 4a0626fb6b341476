"""Importing an aged balance (.csv, .xlsx) from the accounting: preview first, then write.

Nothing is written until the user has seen the preview of that very file and confirmed. Reading
a large workbook takes seconds, so the reading (sheets, FEC or balance, preview, import) runs in a
worker while the screen says so. A workbook of several sheets shows them in a choice, the first
preselected; a FEC goes to its own screen; once imported, the reconciliation view takes this
screen's place (issue 16, point 5).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static
from textual.worker import Worker, WorkerState

from recouvrement_tui.domain.texte import chemin_colle
from recouvrement_tui.exchange.correspondance import LIBELLES, PROPOSEES
from recouvrement_tui.exchange.lecture_balance import OBLIGATOIRES
from recouvrement_tui.services.comptabilite import empreinte_du_fichier, feuilles_du_fichier, fichier_est_un_fec
from recouvrement_tui.services.erreurs import ColonnesManquantes, ErreurSaisie, ErreursSaisie, ErreurStockage
from recouvrement_tui.system.incidents import consigner
from recouvrement_tui.ui.screens.import_fec import LIGNES_MAX, EcranImportFec, et_les_autres
from recouvrement_tui.ui.screens.rapprochement import EcranRapprochement
from recouvrement_tui.ui.widgets.choix_fichier import EXTENSIONS_IMPORT, ChoixFichier
from recouvrement_tui.ui.widgets.formulaire import Champ, Formulaire, Section, TypeChamp

if TYPE_CHECKING:
    from recouvrement_tui.exchange.balance import PlanImport
    from recouvrement_tui.ui.app import RecouvrementApp


@dataclass
class Lecture:
    """What the worker found: the file's sheets, and a FEC, a plan, or the messages saying why there is none."""

    chemin: str
    feuilles: list[str]
    feuille: str | None  # the sheet read (None: a text file, or a workbook's only sheet)
    empreinte: str = ""  # the file's digest when read: a file changed since is previewed again
    fec: bool = False
    plan: PlanImport | None = None
    titre: str = ""
    messages: list[str] = field(default_factory=list)
    manquantes: ColonnesManquantes | None = None
    change: bool = False  # asked to import, but the file changed since its preview


class EcranImportBalance(ModalScreen[bool]):
    if TYPE_CHECKING:
        app: RecouvrementApp  # for mypy: Textual types it App[object]; ours has service, aujourdhui()…

    BINDINGS = [
        Binding("ctrl+s", "appliquer", "Importer", id="import.appliquer"),
        Binding("escape", "fermer", "Fermer", id="import.fermer"),
        Binding("ctrl+o", "parcourir", "Parcourir", id="import.parcourir"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.apercu_de: tuple[str, str | None] | None = None  # (file, sheet) whose preview is shown
        self.empreinte_apercue = ""  # its content then: a file changed since is previewed again
        self.importe = False
        self.feuilles: list[str] = []  # the sheets of the workbook shown in the choice
        self.feuille: str | None = None  # the sheet chosen there
        self.fichier_des_feuilles = ""  # the file they are of
        self.en_cours: str | None = None  # "apercu" or "import" while the worker runs
        self._travail: Worker | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="import"):
            yield Label("Importer de la comptabilité : une balance âgée (.csv, .xlsx) ou un FEC", id="import-titre")
            with Horizontal(id="import-ligne-fichier"):
                yield Input(placeholder="chemin du fichier, par exemple /home/moi/balance-novembre.csv ou /home/moi/FEC2026.txt",
                            id="import-fichier")
                yield Button("Parcourir… (Ctrl+O)", id="import-parcourir")
            with Horizontal(id="import-choix-feuille"):
                yield Label("Feuille du classeur :")
                yield Select[str]([], allow_blank=True, id="import-feuille")
            yield Static("Entrée : aperçu (rien n'est écrit). Ctrl+S : importer ce qui est affiché. Échap : fermer.",
                         id="import-aide")
            yield Static("", id="import-etat")
            with VerticalScroll(id="import-resultat"):
                yield Static(id="import-apercu")

    def on_mount(self) -> None:
        self.query_one("#import-choix-feuille").display = False
        self.query_one("#import-etat").display = False  # shown while the worker reads

    # --- what the user asks --------------------------------------------------------------

    def _chemin(self) -> str:
        return chemin_colle(self.query_one("#import-fichier", Input).value)

    def action_parcourir(self) -> None:
        """Choose the file in a folder tree; once chosen, its preview at once (as Enter would)."""
        entree = self.query_one("#import-fichier", Input)

        def choisi(chemin: str | None) -> None:
            entree.focus()
            if chemin:
                entree.value = chemin
                self._apercu(chemin_colle(chemin))

        self.app.push_screen(ChoixFichier("Fichier à importer", entree.value, EXTENSIONS_IMPORT), choisi)

    @on(Button.Pressed, "#import-parcourir")
    def _bouton_parcourir(self) -> None:
        self.action_parcourir()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._apercu(chemin_colle(event.value))

    @on(Select.Changed, "#import-feuille")
    def _feuille_choisie(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.feuille:
            self.feuille = event.value
            if self.fichier_des_feuilles == self._chemin():
                self._apercu(self._chemin())  # the sheet chosen: its preview at once

    def _apercu(self, chemin: str) -> None:
        if self.en_cours:
            self.notify("Lecture en cours : attendez l'aperçu.", severity="warning")
            return
        if not chemin:
            self._montrer_erreurs(["Indiquez le chemin du fichier à importer (.csv, .xlsx ou FEC)."])
            return
        self._lancer(chemin, appliquer=False)

    def action_appliquer(self) -> None:
        if self.en_cours:
            self.notify("Lecture en cours : attendez l'aperçu.", severity="warning")
            return
        chemin = self._chemin()
        if self.apercu_de is None or self.apercu_de != (chemin, self._feuille_pour(chemin)):
            self.notify("Affichez d'abord l'aperçu de ce fichier (Entrée).", severity="warning")
            return
        self._lancer(chemin, appliquer=True)

    def action_fermer(self) -> None:
        if self.en_cours == "import":
            self.notify("Import en cours : attendez la fin.", severity="warning")
            return
        if self._travail is not None:
            self._travail.cancel()  # a preview no one will read
        self.dismiss(self.importe)

    # --- the work ------------------------------------------------------------------------

    def _feuille_pour(self, chemin: str) -> str | None:
        """The sheet chosen on screen, if the choice shown is this file's."""
        return self.feuille if self.feuilles and self.fichier_des_feuilles == chemin else None

    def _lancer(self, chemin: str, *, appliquer: bool) -> None:
        self.en_cours = "import" if appliquer else "apercu"
        etat = self.query_one("#import-etat", Static)
        etat.update("Import en cours… (l'écran se met à jour à la fin)" if appliquer
                    else "Lecture du fichier… (quelques secondes pour un grand classeur)")
        etat.display = True
        self.query_one("#import-resultat").loading = True
        empreinte = self.empreinte_apercue if appliquer else None
        self._travail = self._travailler(chemin, self._feuille_pour(chemin), appliquer, empreinte)

    @work(thread=True, exclusive=True, group="import-balance", exit_on_error=False)
    def _travailler(self, chemin: str, feuille: str | None, appliquer: bool, empreinte_apercue: str | None) -> Lecture:
        """The file's sheets, then whether it is a FEC, then the balance's plan (applied if asked and
        the file is still the one previewed): everything that reads the file, off the screen's thread."""
        fichier = Path(chemin).expanduser()
        feuilles = feuilles_du_fichier(fichier)
        if len(feuilles) < 2:
            feuille = None  # a text file or a single sheet: nothing to choose
        elif feuille not in feuilles:
            feuille = feuilles[0]
        lecture = Lecture(chemin, feuilles, feuille, empreinte_du_fichier(fichier))
        if appliquer and lecture.empreinte != empreinte_apercue:
            appliquer, lecture.change = False, True  # the file changed since the preview: write nothing
        if not appliquer and fichier_est_un_fec(fichier, feuille):
            lecture.fec = True
            return lecture
        lecture.titre = "L'import s'est arrêté :" if appliquer else "Le fichier ne peut pas être importé ; rien n'a été écrit."
        try:
            lecture.plan = self.app.service.echanges.importer_balance(fichier, appliquer=appliquer, feuille=feuille)
        except ColonnesManquantes as erreurs:
            lecture.messages = [e.message for e in erreurs.erreurs]
            lecture.manquantes = None if appliquer else erreurs
        except ErreursSaisie as erreurs:
            lecture.messages = [e.message for e in erreurs.erreurs]
        except (ErreurSaisie, ErreurStockage) as erreur:
            lecture.messages = [str(erreur)]
        except Exception as erreur:  # noqa: BLE001 - never a traceback in front of the user
            lecture.messages = [consigner(erreur)]
        return lecture

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker is not self._travail or event.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        self.en_cours = None
        self.query_one("#import-resultat").loading = False
        self.query_one("#import-etat", Static).display = False
        if event.state is WorkerState.ERROR:  # the worker catches everything; this is a last resort
            assert event.worker.error is not None
            self._montrer_erreurs([consigner(event.worker.error)], "L'opération s'est arrêtée :")
            return
        lecture: Lecture | None = event.worker.result
        assert lecture is not None  # set with the SUCCESS state
        self._montrer_feuilles(lecture)
        if lecture.fec:
            self._importer_fec(lecture)
        elif lecture.plan is None:
            self._montrer_erreurs(lecture.messages, lecture.titre)
            if lecture.manquantes is not None:
                self._demander_colonnes(lecture.chemin, lecture.manquantes, lecture.feuille, lecture.empreinte)
        elif lecture.plan.applique:
            self._importe(lecture.chemin, lecture.plan)
        else:
            if lecture.change:
                self.notify("Le fichier a changé depuis l'aperçu : voici le nouvel aperçu.", severity="warning")
            self._montrer_apercu(lecture.chemin, lecture.feuille, lecture.plan, lecture.empreinte)

    def _montrer_feuilles(self, lecture: Lecture) -> None:
        """The sheets' choice, shown for a workbook of several, on the sheet read."""
        choix = self.query_one("#import-feuille", Select)
        self.fichier_des_feuilles = lecture.chemin
        if lecture.feuilles != self.feuilles:
            self.feuilles = lecture.feuilles
            with self.prevent(Select.Changed):
                choix.set_options([(escape(nom), nom) for nom in lecture.feuilles])
        self.feuille = lecture.feuille
        if lecture.feuille is not None and choix.value != lecture.feuille:
            with self.prevent(Select.Changed):
                choix.value = lecture.feuille
        self.query_one("#import-choix-feuille").display = len(lecture.feuilles) > 1

    def _importer_fec(self, lecture: Lecture) -> None:
        """A FEC (the accounts' entries) has its own preview, in place of this screen."""
        if self.importe:  # a balance imported before: the list is refreshed as on closing
            self.app.ecran_liste.actualiser(forcer=True)
        self.app.switch_screen(EcranImportFec(lecture.chemin, feuille=lecture.feuille,
                                              feuilles=tuple(lecture.feuilles)))

    def _importe(self, chemin: str, plan: PlanImport) -> None:
        """Imported: the list refreshed at once (the palette finds the new dossiers), then what changed,
        dossier by dossier, in this screen's place."""
        self.importe = True
        self.apercu_de = None
        self.notify(f"Balance importée : {Path(chemin).name}.")
        service = self.app.service
        noms = {r.reference: r.debiteur for r in service.resumes_en_cache()}
        self.app.ecran_liste.actualiser(forcer=True)
        self.app.switch_screen(EcranRapprochement.de_la_balance(plan, Path(chemin).name, noms))

    # --- showing -------------------------------------------------------------------------

    def _montrer_erreurs(self, messages: list[str], titre: str = "") -> None:
        self.apercu_de = None
        titre = titre or "Le fichier ne peut pas être importé ; rien n'a été écrit."
        texte = Text(titre + "\n", style="bold red")
        for message in messages:
            texte.append(f"  • {message}\n")
        self.query_one("#import-apercu", Static).update(texte)

    def _montrer_apercu(self, chemin: str, feuille: str | None, plan: PlanImport, empreinte: str) -> None:
        self.apercu_de = None if plan.rien_a_faire else (chemin, feuille)
        self.empreinte_apercue = empreinte
        texte = Text(plan.resume() + "\n", style="bold")
        details = plan.details()
        for ligne in details[:LIGNES_MAX]:
            texte.append(f"  {ligne}\n")
        texte.append(et_les_autres(len(details)))
        texte.append("\nCtrl+S pour importer." if self.apercu_de else "\nRien à écrire.", style="dim")
        self.query_one("#import-apercu", Static).update(texte)

    def _demander_colonnes(self, chemin: str, manquantes: ColonnesManquantes, feuille: str | None,
                           empreinte: str) -> None:
        """Mapping once: which column of the file is which; recorded for this software's exports
        once the file reads with it, then the preview (docs/import-balance.md)."""
        entete = list(dict.fromkeys(c for c in manquantes.entete if c))
        options = (("— aucune —", ""), *((escape(_court(c)), c) for c in entete))
        champs = tuple(
            Champ(cle, LIBELLES[cle], TypeChamp.CHOIX, options, obligatoire=cle in OBLIGATOIRES) for cle in PROPOSEES
        )
        section = Section("Reste dû ou Montant TTC : au moins l'un des deux. Votre choix vaudra pour les prochains "
                          "fichiers de ce logiciel (même en-tête).", champs)

        def valider(valeurs: dict[str, Any]):
            try:
                return self.app.service.echanges.importer_balance(
                    Path(chemin).expanduser(), appliquer=False, colonnes=valeurs, feuille=feuille
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
                self._montrer_apercu(chemin, feuille, plan, empreinte)

        formulaire: Formulaire[Any] = Formulaire(
            "Quelle colonne du fichier contient quoi ?", [section], dict(manquantes.reconnues), valider,
            bouton="Enregistrer et voir l'aperçu",
        )
        self.app.push_screen(formulaire, apres)


def _court(texte: str, longueur: int = 60) -> str:
    return texte if len(texte) <= longueur else texte[: longueur - 1] + "…"
