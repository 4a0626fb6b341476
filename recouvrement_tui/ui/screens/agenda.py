"""The agenda: every dated action of every dossier, overdue first, filtered by period and stage."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Header, Input, Select, Static
from textual.worker import Worker, WorkerState

from recouvrement_tui.domain.agenda import Action, Vue, action_des_taux
from recouvrement_tui.domain.dates import en_retard
from recouvrement_tui.domain.etapes import Etape
from recouvrement_tui.domain.formatage import date_courte
from recouvrement_tui.domain.resume import ResumeDossier
from recouvrement_tui.system.incidents import consigner
from recouvrement_tui.ui.widgets.pied_de_page import PiedDePage
from recouvrement_tui.ui.widgets.table_dossiers import motif_court
from recouvrement_tui.ui.widgets.table_virtuelle import (
    Colonne,
    Ligne,
    TableVirtuelle,
    normaliser,
)

if TYPE_CHECKING:
    from recouvrement_tui.ui.app import RecouvrementApp

PERIODES = (
    ("En retard et aujourd'hui", "retard"),
    ("Cette semaine (7 jours)", "semaine"),
    ("Ce mois-ci (30 jours)", "mois"),
    ("Tout", "tout"),
)


# The agenda line of the coming half-year's rates stands for the whole data folder, not a dossier.
RESUME_TAUX = ResumeDossier(reference="Taux", debiteur="Tous les dossiers", siren="", solde=Decimal("0.00"),
                            etape=None, prochaine_action="", prochaine_date=None)


class TableAgenda(TableVirtuelle):
    COLONNES = (
        Colonne("date", "Date", 10),
        Colonne("reference", "Dossier", 10),
        Colonne("debiteur", "Débiteur", 28),
        Colonne("etape", "Étape", 20),
        Colonne("action", "Action", 0),
    )

    def cle_de_tri(self, colonne: str) -> Callable[[Ligne], Any]:
        if colonne == "date":
            return lambda l: (l.date, not l.donnee[1].critique, l.donnee[0].reference)
        return super().cle_de_tri(colonne)


def ligne_agenda(numero: int, resume: ResumeDossier, action: Action) -> Ligne:
    libelle = ("⚠ " if action.critique else "") + action.libelle
    cellules = (
        date_courte(action.date),
        resume.reference,
        resume.debiteur,
        resume.etape.libelle if resume.etape else "",
        libelle,
    )
    recherche = normaliser(f"{resume.reference} {resume.debiteur} {resume.siren} {action.libelle}")
    return Ligne(f"{resume.reference}#{numero}", cellules, recherche, (resume, action), action.date)


class EcranAgenda(Screen):
    """What to do today, this week, this month, in every dossier."""

    if TYPE_CHECKING:
        app: RecouvrementApp  # for mypy: Textual types it App[object]; ours has service, aujourdhui()…

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Liste", id="agenda.retour"),
        Binding("slash", "filtrer", "Filtrer", key_display="/", id="agenda.filtrer"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="agenda-filtres"):
            yield Select(PERIODES, value="retard", allow_blank=False, id="agenda-periode")
            yield Select(
                (("Toutes les étapes", ""), *((e.libelle, e.value) for e in Etape if e is not Etape.CLOTURE)),
                value="", allow_blank=False, id="agenda-etape",
            )
            yield Input(placeholder="Filtrer : nom, référence, SIREN, action…", id="agenda-filtre")
        yield TableAgenda(self.app.aujourdhui(), id="agenda-table")
        yield Static("Lecture des dossiers…", id="agenda-etat")
        yield Static("", id="agenda-regle")
        yield PiedDePage()

    def __init__(self) -> None:
        super().__init__()
        self._toutes: list[tuple[ResumeDossier, Action]] = []
        self._endommages: list[tuple[ResumeDossier, Action]] = []
        self._retards = 0  # overdue actions in all, whatever the filters

    def on_mount(self) -> None:
        self.title = "Agenda"
        self.sub_title = f"au {date_courte(self.app.aujourdhui())}"
        self.query_one(TableAgenda).focus()

    def on_screen_resume(self) -> None:
        """Read the actions when the agenda is shown, and again on coming back to it: a dossier
        opened from here may have been changed (a payment, a stage moved) meanwhile."""
        self.charger()

    def donnees_changees(self) -> None:
        """A colleague saved a dossier (seen by the list's watch, which has just checked every
        folder): read the actions again."""
        self.charger(verifier=False)

    @work(thread=True, exclusive=True, group="agenda", exit_on_error=False)
    def charger(self, verifier: bool = True) -> None:
        """Read every dossier's actions from the checked index (a thread: it stats every folder)."""
        lignes = self.app.service.agenda(verifier=verifier)
        endommages = self.app.service.dossiers_endommages()
        alerte = self.app.service.alerte_taux(self.app.aujourdhui())
        if alerte:  # no dossier's own: every décompte of the data folder needs those rates
            lignes = [(RESUME_TAUX, action_des_taux(alerte, self.app.aujourdhui())), *lignes]
        self.app.call_from_thread(self._charge, lignes, endommages)

    def _charge(self, lignes: list[tuple[ResumeDossier, Action]], endommages: list[ResumeDossier]) -> None:
        self._toutes = lignes
        self._retards = sum(1 for r, a in lignes if en_retard(a.date, self.app.aujourdhui()))
        # A dossier that cannot be read has no dates to show, yet someone must act on it today.
        racine = str(self.app.service.racine)
        self._endommages = [
            (r, Action(f"Dossier illisible : {motif_court(r.endommage, racine)}", self.app.aujourdhui(),
                       r.endommage, True, Vue.SYNTHESE))
            for r in endommages
        ]
        self._appliquer()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR:
            assert event.worker.error is not None  # set with the ERROR state
            message = consigner(event.worker.error)
            self.query_one("#agenda-etat", Static).update("L'agenda n'a pas pu être lu.")
            self.notify(message, title="Agenda", severity="error", timeout=15)

    @on(Select.Changed)
    def _filtres(self) -> None:
        self._appliquer()

    def _appliquer(self) -> None:
        aujourdhui = self.app.aujourdhui()
        periode = self.query_one("#agenda-periode", Select).value
        etape = self.query_one("#agenda-etape", Select).value
        limites: dict[object, dt.date] = {  # a blank Select is no period: no limit
            "retard": aujourdhui,
            "semaine": aujourdhui + dt.timedelta(days=7),
            "mois": aujourdhui + dt.timedelta(days=30),
        }
        limite = limites.get(periode, dt.date.max)
        choisies = [
            ligne_agenda(i, r, a)
            for i, (r, a) in enumerate(self._toutes)
            if a.date <= limite and (not etape or (r.etape and r.etape.value == etape))
        ]
        if not etape:
            choisies += [ligne_agenda(len(self._toutes) + i, r, a) for i, (r, a) in enumerate(self._endommages)]
        table = self.query_one(TableAgenda)
        table.charger(choisies)
        table.filtrer(self.query_one("#agenda-filtre", Input).value)

    @on(TableVirtuelle.Filtree)
    def _compte(self, event: TableVirtuelle.Filtree) -> None:
        """The counter under the table, after every filter: period, stage and text."""
        retards = self._retards
        illisibles = len(self._endommages)
        visibles = event.visibles
        self.query_one("#agenda-etat", Static).update(
            f"{visibles} action{'s' if visibles > 1 else ''} affichée{'s' if visibles > 1 else ''} "
            f"sur {len(self._toutes) + illisibles} ; {retards} en retard au total"
            + (f" ; ⚠ {illisibles} dossier{'s' if illisibles > 1 else ''} illisible{'s' if illisibles > 1 else ''}"
               if illisibles else ""),
            layout=False,
        )

    @on(Input.Changed, "#agenda-filtre")
    def _texte(self, event: Input.Changed) -> None:
        self.query_one(TableAgenda).filtrer(event.value)

    @on(Input.Submitted, "#agenda-filtre")
    def _vers_table(self) -> None:
        self.query_one(TableAgenda).focus()

    def on_table_virtuelle_ouvrir(self, event: TableVirtuelle.Ouvrir) -> None:
        resume, action = event.ligne.donnee
        if resume is RESUME_TAUX:
            self.app.action_taux_du_semestre()
            return
        self.app.ouvrir_dossier(resume.reference, action.onglet)

    def on_table_virtuelle_surlignee(self, event: TableVirtuelle.Surlignee) -> None:
        """Under the table, the rule behind the highlighted action."""
        regle = self.query_one("#agenda-regle", Static)
        if event.ligne is None:
            regle.update("")
            return
        resume, action = event.ligne.donnee
        regle.update(f"{resume.reference} — {action.libelle} le {date_courte(action.date)} : {action.regle}")

    def action_filtrer(self) -> None:
        self.query_one("#agenda-filtre", Input).focus()
