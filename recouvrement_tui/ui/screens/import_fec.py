"""Importing a FEC (the accounts' entries, issue 16): preview first, then write.

Takes the import screen's place (i in the list) when the file given is a FEC; a workbook of several
sheets shows them in a choice (the sheet read preselected). Reading a large FEC
takes seconds, so the preview and the import run in a worker while the screen says so. Nothing is
written until the user has seen the preview of that very file, with that payment term, and confirmed;
then the reconciliation view takes this screen's place. Escape returns to the list.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static
from textual.worker import Worker, WorkerState

from recouvrement_tui.services.comptabilite import empreinte_du_fichier
from recouvrement_tui.services.erreurs import ErreurSaisie, ErreursSaisie, ErreurStockage
from recouvrement_tui.system.incidents import consigner
from recouvrement_tui.ui.screens.rapprochement import EcranRapprochement

if TYPE_CHECKING:
    from recouvrement_tui.exchange.fec import PlanFec
    from recouvrement_tui.ui.app import RecouvrementApp

# What a preview or an import gave: (plan or None, payment term, file's digest, title, messages, file changed)
Resultat = tuple["PlanFec | None", int | None, str, str, list[str], bool]
ERREURS_MAX = 50  # more wrong lines than this: the first ones, then how many others
# A preview's lines shown at most: laying out a Static of 20,000 lines holds the screen for a
# quarter of a second at every redraw; the summary line above them counts everything.
LIGNES_MAX = 500


def et_les_autres(total: int) -> str:
    """The line saying how many of a preview's lines are not shown ("" when all are)."""
    autres = total - LIGNES_MAX
    if autres <= 0:
        return ""
    return (f"  … et {autres} autre{'s' if autres > 1 else ''} ligne{'s' if autres > 1 else ''} (non affichée"
            f"{'s' if autres > 1 else ''} ; l'import les reprend toutes).\n")


class EcranImportFec(ModalScreen[None]):
    """The preview of a FEC's import; Ctrl+S applies it and shows what changed, per dossier."""

    if TYPE_CHECKING:
        app: RecouvrementApp  # for mypy: Textual types it App[object]; ours has service, aujourdhui()…

    DEFAULT_CSS = """
    #import-fec { width: 120; max-width: 96%; height: 85%; border: thick $accent; background: $surface; padding: 1; }
    #import-fec-titre { text-style: bold; }
    #import-fec-delai { height: 3; }
    #import-fec-delai Label { padding: 1 1 0 0; }
    #import-fec-jours { width: 12; }
    #import-fec-choix-feuille { height: 3; }
    #import-fec-choix-feuille Label { padding: 1 1 0 0; }
    #import-fec-feuille { width: 40; }
    #import-fec-etat { height: auto; color: $text-muted; }
    #import-fec-resultat { height: 1fr; }
    """

    BINDINGS = [
        Binding("ctrl+s", "appliquer", "Importer", id="import-fec.appliquer"),
        Binding("escape", "fermer", "Fermer", id="import-fec.fermer"),
    ]

    def __init__(self, chemin: str, *, feuille: str | None = None, feuilles: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.chemin = chemin
        self.feuille = feuille  # the workbook's sheet read (None: a text file, or the only sheet)
        self.feuilles = feuilles  # the workbook's sheets, offered when more than one
        self.feuille_essayee: str | None = None  # the sheet of the last preview asked for
        self.plan: PlanFec | None = None  # the preview shown, if it can be imported
        self.apercu_pour: tuple[int | None, str] | None = None  # (payment term, file's digest) of that preview
        self.jours_essayes: int | None = None  # the payment term of the last preview asked for
        self.en_cours: str | None = None  # "apercu" or "import" while the worker runs
        self._travail: Worker | None = None

    @property
    def fichier(self) -> Path:
        return Path(self.chemin).expanduser()

    def compose(self) -> ComposeResult:
        with Vertical(id="import-fec"):
            yield Label(Text(f"Importer le FEC {self.fichier.name} (écritures de la comptabilité)"), id="import-fec-titre")
            with Horizontal(id="import-fec-delai"):
                yield Label("Délai de paiement des factures (jours) :")
                yield Input(str(self.app.service.parametres.calendrier.jours_paiement_factures), type="integer",
                            max_length=3, id="import-fec-jours")
            if len(self.feuilles) > 1:
                with Horizontal(id="import-fec-choix-feuille"):
                    yield Label("Feuille du classeur :")
                    yield Select([(escape(f), f) for f in self.feuilles], allow_blank=False,
                                 value=self.feuille if self.feuille in self.feuilles else self.feuilles[0],
                                 id="import-fec-feuille")
            yield Static("Le FEC ne donne pas d'échéance : celle d'une facture est sa date plus ce délai "
                         "(60 jours au plus, art. L441-10 C. com.). Entrée : nouvel aperçu. "
                         "Ctrl+S : importer ce qui est affiché. Échap : fermer.", id="import-fec-aide")
            yield Static("", id="import-fec-etat")
            with VerticalScroll(id="import-fec-resultat"):
                yield Static(id="import-fec-apercu")

    def on_mount(self) -> None:
        self._lancer(appliquer=False)

    # --- what the user asks --------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if not self.en_cours:
            self._lancer(appliquer=False)

    @on(Select.Changed, "#import-fec-feuille")
    def _feuille_choisie(self, event: Select.Changed) -> None:
        if not isinstance(event.value, str) or event.value == self.feuille:
            return
        if self.en_cours == "import":
            self.notify("Import en cours : attendez la fin.", severity="warning")
            return
        self.feuille = event.value
        self._lancer(appliquer=False)  # a preview of the other sheet replaces one under way

    def action_appliquer(self) -> None:
        if self.en_cours:
            self.notify("Lecture du FEC en cours : attendez l'aperçu.", severity="warning")
            return
        if self._jours() != self.jours_essayes or self.feuille != self.feuille_essayee:
            quoi = "Le délai" if self._jours() != self.jours_essayes else "La feuille"
            self.notify(f"{quoi} a changé depuis l'aperçu : voici le nouvel aperçu.", severity="warning")
            self._lancer(appliquer=False)
            return
        if self.plan is None or self.apercu_pour is None:
            self.notify("Rien à importer : corrigez le fichier ou le délai, puis Entrée pour un nouvel aperçu.",
                        severity="warning")
            return
        self._lancer(appliquer=True)

    def action_fermer(self) -> None:
        if self.en_cours == "import":
            self.notify("Import en cours : attendez la fin.", severity="warning")
            return
        if self._travail is not None:
            self._travail.cancel()  # a preview no one will read
        self.dismiss()

    # --- the work ------------------------------------------------------------------------

    def _jours(self) -> int | None:
        texte = self.query_one("#import-fec-jours", Input).value.strip()
        try:
            return int(texte) if texte else None
        except ValueError:
            return -1  # refused by the service, in French

    def _lancer(self, *, appliquer: bool) -> None:
        self.en_cours = "import" if appliquer else "apercu"
        self.query_one("#import-fec-etat", Static).update(
            "Import en cours… (rien n'est à faire : l'écran se met à jour à la fin)" if appliquer
            else "Lecture du FEC… (quelques secondes pour un grand fichier)")
        self.query_one("#import-fec-resultat").loading = True
        empreinte = self.apercu_pour[1] if appliquer and self.apercu_pour else None
        jours = self._jours()
        if not appliquer:
            self.jours_essayes, self.feuille_essayee = jours, self.feuille
        self._travail = self._travailler(jours, appliquer, empreinte, self.feuille)

    @work(thread=True, exclusive=True, group="import-fec", exit_on_error=False)
    def _travailler(self, jours: int | None, appliquer: bool, empreinte_apercue: str | None,
                    feuille: str | None) -> Resultat:
        """(plan, payment term, digest, title, messages, changed): the plan, or the messages saying why
        there is none."""
        empreinte = empreinte_du_fichier(self.fichier)
        if appliquer and empreinte != empreinte_apercue:
            appliquer = False  # the file changed since the preview: preview it again, write nothing
            change = True
        else:
            change = False
        titre = "L'import s'est arrêté :" if appliquer else "Le fichier ne peut pas être importé ; rien n'a été écrit."
        try:
            plan = self.app.service.comptabilite.importer_fec(self.fichier, appliquer=appliquer, echeance_jours=jours,
                                                              feuille=feuille)
        except ErreursSaisie as erreurs:
            return None, jours, empreinte, titre, [e.message for e in erreurs.erreurs], change
        except (ErreurSaisie, ErreurStockage) as erreur:
            return None, jours, empreinte, titre, [str(erreur)], change
        except Exception as erreur:  # noqa: BLE001 - never a traceback in front of the user
            return None, jours, empreinte, titre, [consigner(erreur)], change
        return plan, jours, empreinte, titre, [], change

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker is not self._travail or event.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        self.en_cours = None
        self.query_one("#import-fec-resultat").loading = False
        self.query_one("#import-fec-etat", Static).update("")
        if event.state is WorkerState.ERROR:  # the worker catches everything; this is a last resort
            assert event.worker.error is not None
            self._montrer_erreurs("L'opération s'est arrêtée :", [consigner(event.worker.error)])
            return
        resultat: Resultat | None = event.worker.result
        assert resultat is not None  # set with the SUCCESS state
        plan, jours, empreinte, titre, messages, change = resultat
        if plan is None:
            self._montrer_erreurs(titre, messages)
        elif plan.applique:
            self.notify(f"FEC importé : {plan.fichier or self.fichier.name}.")
            self.app.ecran_liste.actualiser(forcer=True)  # the palette finds the new dossiers at once
            self.app.switch_screen(EcranRapprochement.du_fec(plan))
        else:
            if change:
                self.notify("Le fichier a changé depuis l'aperçu : voici le nouvel aperçu.", severity="warning")
            self._montrer_apercu(plan, jours, empreinte)

    # --- showing -------------------------------------------------------------------------

    def _montrer_erreurs(self, titre: str, messages: list[str]) -> None:
        self.plan = self.apercu_pour = None
        texte = Text(titre + "\n", style="bold red")
        for message in messages[:ERREURS_MAX]:
            texte.append(f"  • {message}\n")
        if len(messages) > ERREURS_MAX:
            autres = len(messages) - ERREURS_MAX
            texte.append(f"  … et {autres} autre{'s' if autres > 1 else ''} erreur{'s' if autres > 1 else ''}.\n")
        self.query_one("#import-fec-apercu", Static).update(texte)

    def _montrer_apercu(self, plan: PlanFec, jours: int | None, empreinte: str) -> None:
        importable = not plan.rien_a_faire
        self.plan = plan if importable else None
        self.apercu_pour = (jours, empreinte) if importable else None
        texte = Text(plan.resume() + "\n", style="bold")
        details = plan.details()
        for ligne in details[:LIGNES_MAX]:
            if ligne.lstrip().startswith("⚠"):
                texte.append(f"  {ligne}\n", style="yellow")
            else:
                texte.append(f"  {ligne}\n")
        texte.append(et_les_autres(len(details)))
        texte.append("\nCtrl+S pour importer." if importable
                     else "\nRien à importer : les dossiers ont déjà tout ce que dit ce FEC.", style="dim")
        self.query_one("#import-fec-apercu", Static).update(texte)


