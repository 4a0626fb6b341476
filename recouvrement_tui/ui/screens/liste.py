"""The list of dossiers: filter as you type, sort, open, create."""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, Input, Static
from textual.worker import Worker, WorkerState

from recouvrement_tui.domain.formatage import date_courte, nombre
from recouvrement_tui.domain.resume import ResumeDossier
from recouvrement_tui.system.incidents import consigner
from recouvrement_tui.ui.widgets.pied_de_page import PiedDePage
from recouvrement_tui.ui.widgets.table_dossiers import TableDossiers

if TYPE_CHECKING:
    from recouvrement_tui.ui.app import RecouvrementApp


PERIODE_VEILLE = 3.0  # seconds between two checks of the data folder for colleagues' saves


class EcranListe(Screen):
    """Every dossier of the data folder."""

    if TYPE_CHECKING:
        app: RecouvrementApp  # for mypy: Textual types it App[object]; ours has service, aujourdhui()…

    # The list has the focus from the start: focusing the filter first then the list built the
    # footer twice (issue 18: cold start).
    AUTO_FOCUS = "#table"

    # The footer shows these in this order and cuts what does not fit: at 80 columns, up to Quitter.
    BINDINGS = [
        Binding("n", "app.nouveau_dossier", "Nouveau", id="liste.nouveau"),
        Binding("slash", "filtrer", "Filtrer", key_display="/", id="liste.filtrer"),
        Binding("a", "app.agenda", "Agenda", id="app.agenda"),
        Binding("q", "app.quit", "Quitter", id="app.quitter"),
        Binding("r", "app.relances", "Relances", id="app.relances"),
        Binding("i", "app.importer", "Importer", id="app.importer"),
        Binding("p", "app.parametres", "Paramètres", id="app.parametres"),
        Binding("escape", "effacer_filtre", "Effacer", id="liste.effacer"),
        Binding("c", "clotures", "Clôturés", show=False, id="liste.clotures"),  # said by the status line
        Binding("b", "app.tableau_de_bord", "Tableau de bord", show=False, id="app.tableau_de_bord"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="bandeau")
        yield Input(placeholder="Filtrer : nom, référence ou SIREN…", id="filtre")
        yield TableDossiers(self.app.aujourdhui(), id="table")
        yield Static("", id="etat")
        yield PiedDePage()

    @property
    def table(self) -> TableDossiers:
        return self.query_one(TableDossiers)

    def on_mount(self) -> None:
        self.title = "Dossiers de recouvrement"
        self.sub_title = self.app.service.racine.name
        self.afficher_bandeau()
        self.table.racine = str(self.app.service.racine)
        cache = self.app.service.resumes_en_cache()
        self.table.charger_resumes(cache)
        self.table.focus()
        # Collection was held off while the app and its list were built (cli.principal.ouvrir_tui):
        # what exists now lives as long as the app, and no collection needs to walk it again.
        gc.freeze()
        gc.enable()
        if not cache:
            self._lecture = "Lecture des dossiers…"
            self.query_one("#etat", Static).update(self._lecture)
            self.actualiser(forcer=True)
        else:
            # Paint the cached list first; checking 10,000 files competes for the GIL.
            self.call_after_refresh(self.actualiser)
        self.set_interval(PERIODE_VEILLE, self._veiller, name="veille-liste")

    _reprise_faite = False  # the deep tidy-up after a crash (storage.reprise) runs once a session

    def _veiller(self) -> None:
        """Every PERIODE_VEILLE seconds: what colleagues saved shows in the list (and the agenda)."""
        if not any(w.group in ("actualisation", "veille-liste") and w.is_running for w in self.workers):
            self._verifier_en_fond()

    @work(thread=True, exclusive=True, group="veille-liste", exit_on_error=False)
    def _verifier_en_fond(self) -> None:
        """A stat per dossier (60 ms at 10,000), a re-read of those a colleague saved, if any."""
        resumes = self.app.service.verifier_resumes()
        if resumes is not None:
            self.app.call_from_thread(self._change_ailleurs, resumes)

    def _change_ailleurs(self, resumes: list[ResumeDossier]) -> None:
        self._actualise(resumes)
        for ecran in self.app.screen_stack:
            if (rafraichir := getattr(ecran, "donnees_changees", None)) is not None:
                rafraichir()  # the agenda, the dashboard: their figures come from the same index

    @work(thread=True, exclusive=True, group="actualisation", exit_on_error=False)
    def actualiser(self, forcer: bool = False) -> None:
        """Check the cached list against the folders in the background (stats every file)."""
        service = self.app.service
        profond, self._reprise_faite = not self._reprise_faite, True
        if reprise := service.reprendre_apres_incident(profond=profond):  # a crash's leftovers, before reading
            self.app.call_from_thread(self.app.notify, reprise, title="Reprise après incident", timeout=15)
        def progression(fait: int, total: int, resumes: list[ResumeDossier]) -> None:
            self.app.call_from_thread(self._progression, fait, total, resumes)

        resumes = service.resumes_actualises(progression) if forcer else service.verifier_resumes(progression)
        if self._lecture and resumes is None:  # rebuilt, yet as the cache was: the count line still says "Lecture…"
            resumes = service.resumes_en_memoire()
        self._lecture = ""
        if resumes is not None:
            self.app.call_from_thread(self._actualise, resumes)
        else:
            self.app.call_from_thread(self.app.avertir_une_fois, service.avertissement_liste, "Liste des dossiers")
            self.app.call_from_thread(gc.freeze)
        # The dashboard's figures parsed now, in the background, so that `b` answers at once; then
        # frozen with the list, so that no garbage collection walks them again.
        if service.preparer_tableau_de_bord():
            self.app.call_from_thread(gc.freeze)

    _lecture = ""  # "Lecture des dossiers… 3 400 / 10 000" while a long rebuild fills the list

    def _progression(self, fait: int, total: int, resumes: list[ResumeDossier]) -> None:
        """A long rebuild (no index yet, or the settings changed): show how far it is, and the
        dossiers read so far, so that the user can already filter and open them."""
        self._lecture = f"Lecture des dossiers… {nombre(fait, 0)} / {nombre(total, 0)}"
        self.table.charger_resumes(resumes)
        self.table.filtrer(self.query_one("#filtre", Input).value)

    def afficher_bandeau(self) -> None:
        """The banner above the list: what is wrong with the data folder's settings, and the coming
        half-year's rates when they are due and not entered (domain.taux.alerte_taux), if anything."""
        motif = self.app.service.parametres_illisibles
        alerte = self.app.service.alerte_taux(self.app.aujourdhui())
        lignes = [f"⚠ {motif} En attendant, l'application utilise les valeurs par défaut." if motif else "",
                  alerte.message if alerte else ""]
        bandeau = self.query_one("#bandeau", Static)
        bandeau.update("\n".join(l for l in lignes if l))
        bandeau.display = bool(motif or alerte)

    def _actualise(self, resumes: list[ResumeDossier]) -> None:
        self.app.avertir_une_fois(self.app.service.avertissement_liste, "Liste des dossiers")
        self.table.charger_resumes(resumes)
        self.table.filtrer(self.query_one("#filtre", Input).value)
        # The list's tens of thousands of long-lived objects would otherwise be walked by
        # every full garbage collection, a 40-60 ms pause felt while typing in the filter.
        gc.freeze()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR:
            assert event.worker.error is not None  # set with the ERROR state
            message = consigner(event.worker.error)
            self.query_one("#etat", Static).update("La liste n'a pas pu être vérifiée contre les dossiers.")
            self.notify(message, title="Liste des dossiers", severity="error", timeout=15)

    def mettre_a_jour(self, resume: ResumeDossier) -> None:
        """A dossier was saved: refresh its row only. A new dossier also takes the cursor, so
        that Escape from it lands on its row (its filter or dashboard figure set aside if
        either would hide it)."""
        nouveau = all(l.cle != resume.reference for l in self.table.toutes_les_lignes)
        self.table.mettre_a_jour_resume(resume)
        if nouveau and not self.table.aller_a(resume.reference):
            self.action_effacer_filtre()
            self.table.filtrer("")  # at once: the Input's Changed message comes later
            self.table.aller_a(resume.reference)

    @on(Input.Changed, "#filtre")
    def _filtre_change(self, event: Input.Changed) -> None:
        self.table.filtrer(event.value)

    @on(Input.Submitted, "#filtre")
    def _filtre_valide(self) -> None:
        self.table.focus()

    _restriction_libelle = ""  # the dashboard figure the list is restricted to, if any

    def filtrer_references(self, libelle: str, references: list[str]) -> None:
        """Show only a dashboard figure's dossiers (Escape shows them all again)."""
        self._restriction_libelle = libelle
        self.table.restreindre(frozenset(references))
        self.table.focus()

    @on(TableDossiers.Filtree)
    def _compte(self, event: TableDossiers.Filtree) -> None:
        if self._lecture:
            texte = f"{self._lecture} ({nombre(event.visibles, 0)} affiché{'s' if event.visibles > 1 else ''})"
        elif self.table.restriction is not None:
            texte = (f"Tableau de bord, {self._restriction_libelle} : {nombre(event.visibles, 0)} dossier"
                     f"{'s' if event.visibles > 1 else ''} (Échap : tous les dossiers)")
        elif not self.table.toutes_les_lignes:
            texte = "Aucun dossier. Appuyez sur n pour en créer un."
        else:
            texte = _compte_dossiers(event.visibles, event.total, self.table.clotures_affiches)
            if (du_au := self.table.du_le_plus_ancien) is not None:
                texte += f" · * intérêts arrêtés au {date_courte(du_au)} ou après"
        # One fixed-height line: no relayout needed, which matters at every keystroke.
        self.query_one("#etat", Static).update(texte, layout=False)

    @on(TableDossiers.Ouvrir)
    def _ouvrir(self, event: TableDossiers.Ouvrir) -> None:
        self.app.ouvrir_dossier(event.ligne.cle)

    def action_clotures(self) -> None:
        """Show the closed dossiers too (with why they were closed), or the open ones only."""
        self.table.afficher_clotures(not self.table.clotures_affiches)

    def action_filtrer(self) -> None:
        self.query_one("#filtre", Input).focus()

    def action_effacer_filtre(self) -> None:
        if self.table.restriction is not None:
            self._restriction_libelle = ""
            self.table.restreindre(None)
        filtre = self.query_one("#filtre", Input)
        filtre.value = ""
        self.table.focus()


def _compte_dossiers(visibles: int, total: int, clotures: bool) -> str:
    """The status line: how many dossiers the list shows, and how to show or hide the closed ones."""
    s = "s" if total > 1 else ""
    if clotures:
        quoi, bascule = f"dossier{s}, clôturés compris", "c : masquer les clôturés"
    else:
        quoi, bascule = f"dossier{s} ouvert{s}", "c : afficher les clôturés"
    if total == 0:
        return f"Aucun dossier ouvert ({bascule})"
    if visibles == total:
        return f"{nombre(total, 0)} {quoi} ({bascule})"
    return f"{nombre(visibles, 0)} sur {nombre(total, 0)} {quoi} ({bascule})"
