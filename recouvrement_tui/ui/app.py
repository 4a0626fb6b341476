"""The Textual application: screens over a ServiceDossiers, nothing more.

Only the list is imported up front: the dossier screen brings the documents' machinery
(docxtpl, Jinja, python-docx), which the start-up must not pay for (issue 18: cold start).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen

from recouvrement_tui.services.dossiers import ServiceDossiers
from recouvrement_tui.services.erreurs import ErreurStockage
from recouvrement_tui.system.incidents import consigner
from recouvrement_tui.ui.commandes import FournisseurDossiers, PaletteFrancaise
from recouvrement_tui.ui.screens.liste import EcranListe
from recouvrement_tui.ui.widgets.table_dossiers import TableDossiers
from recouvrement_tui.ui.widgets.table_virtuelle import Ligne

if TYPE_CHECKING:  # the agenda's rules are not imported until a dossier opens (issue 18)
    from recouvrement_tui.domain.agenda import Vue
    from recouvrement_tui.domain.model import Dossier


class RecouvrementApp(App):
    CSS_PATH = "app.tcss"
    TITLE = "recouvrement"
    COMMANDS = App.COMMANDS | {FournisseurDossiers}
    BINDINGS = [Binding("ctrl+p", "command_palette", "Commandes", show=False, priority=True, id="app.commandes")]

    def __init__(self, service: ServiceDossiers, *, aujourdhui: Callable[[], dt.date] | None = None) -> None:
        super().__init__()
        self.service = service
        self.aujourdhui = aujourdhui or service.aujourdhui
        self._avertissements_montres: set[str] = set()

    def get_default_screen(self) -> Screen:
        # The list is the first screen itself, not pushed over Textual's blank one once mounted:
        # that blank screen was composed, laid out and drawn first (issue 18: cold start).
        return EcranListe()

    def on_mount(self) -> None:
        if self.service.parametres_illisibles:
            # The list shows why in its banner; the settings open at once to repair the file.
            self.action_parametres()
            self.notify(
                "parametres.json est endommagé : vérifiez les paramètres puis enregistrez-les (Ctrl+S) pour le réécrire.",
                title="Paramètres",
                severity="error",
                timeout=15,
            )
        elif not self.service.parametres.creancier.est_renseigne:
            self.notify(
                "Votre société n'est pas encore renseignée : appuyez sur p pour la saisir (elle figure sur chaque courrier).",
                title="Paramètres",
                severity="warning",
                timeout=8,
            )

    def on_unmount(self) -> None:
        self.service.fermer()

    # --- shared by screens -------------------------------------------------------------

    @property
    def ecran_liste(self) -> EcranListe:
        return next(s for s in self.screen_stack if isinstance(s, EcranListe))

    def lignes_dossiers(self) -> list[Ligne]:
        return self.ecran_liste.query_one(TableDossiers).toutes_les_lignes

    def ouvrir_dossier(self, reference: str, onglet: Vue | None = None) -> None:
        """Open a dossier at the tab an action points to (None: the synthèse)."""
        from recouvrement_tui.domain.agenda import Vue
        from recouvrement_tui.ui.screens.dossier import EcranDossier

        ecran = self.screen
        if isinstance(ecran, EcranDossier) and ecran.dossier.reference == reference:
            # Already open (a second Enter arriving before the first screen finished
            # mounting used to pop it mid-mount and crash Textual's Header).
            return
        try:
            dossier = self.service.charger(reference)
        except ErreurStockage as erreur:
            self.notify(str(erreur), title=f"Dossier {reference}", severity="error", timeout=15)
            return
        except Exception as erreur:  # noqa: BLE001 - a damaged dossier must never close the app
            self.notify(consigner(erreur), title=f"Dossier {reference}", severity="error", timeout=15)
            return
        if self.service.actualiser_du(dossier):  # its "Dû + intérêts" was of an earlier day
            self.dossier_enregistre(dossier)
        while isinstance(self.screen, EcranDossier):
            self.pop_screen()
        self.push_screen(EcranDossier(dossier, onglet or Vue.SYNTHESE))

    def avertir_une_fois(self, message: str, titre: str) -> None:
        """Show a lasting condition (an index that cannot be written…) once per session."""
        if message and message not in self._avertissements_montres:
            self._avertissements_montres.add(message)
            self.notify(message, title=titre, severity="warning", timeout=15)

    def dossier_enregistre(self, dossier: Dossier) -> None:
        self.ecran_liste.mettre_a_jour(self.service.resume(dossier))

    # --- actions -----------------------------------------------------------------------

    def action_nouveau_dossier(self) -> None:
        from recouvrement_tui.ui.formulaires import formulaire_debiteur
        from recouvrement_tui.ui.screens.dossier import EcranDossier


        def cree(dossier: Dossier | None) -> None:
            if dossier is not None:
                self.dossier_enregistre(dossier)
                self.push_screen(EcranDossier(dossier))
                self.notify(f"Dossier {dossier.reference} créé. Ajoutez ses factures (f).")

        self.push_screen(formulaire_debiteur("Nouveau dossier : le débiteur", None, self.service.creer_dossier), cree)

    def action_agenda(self) -> None:
        from recouvrement_tui.ui.screens.agenda import EcranAgenda

        if not isinstance(self.screen, EcranAgenda):
            self.push_screen(EcranAgenda())

    def action_tableau_de_bord(self) -> None:
        from recouvrement_tui.ui.screens.tableau_de_bord import EcranTableauDeBord

        if not isinstance(self.screen, EcranTableauDeBord):
            self.push_screen(EcranTableauDeBord())

    def action_relances(self) -> None:
        from recouvrement_tui.ui.screens.dossier import EcranDossier
        from recouvrement_tui.ui.screens.relances import EcranRelances


        def fini(references: list[str] | None) -> None:
            if references:
                self.ecran_liste.actualiser(forcer=True)
                # A dossier open underneath got a journal entry: show it, and edit from it.
                for ecran in self.screen_stack:
                    if isinstance(ecran, EcranDossier) and ecran.dossier.reference in references:
                        ecran.dossier = self.service.charger(ecran.dossier.reference)
                        ecran.afficher()

        if not isinstance(self.screen, EcranRelances):
            self.push_screen(EcranRelances(), fini)

    def action_importer(self) -> None:
        from recouvrement_tui.ui.screens.import_balance import EcranImportBalance

        def fini(importe) -> None:
            if importe:
                self.ecran_liste.actualiser(forcer=True)

        if not isinstance(self.screen, EcranImportBalance):
            self.push_screen(EcranImportBalance(), fini)

    def action_parametres(self) -> None:
        from recouvrement_tui.ui.screens.parametres_courriel import EcranParametres

        def enregistre(resultat) -> None:
            if resultat is not None:
                self.notify("Paramètres enregistrés.")
                self.ecran_liste.afficher_bandeau()
                self.ecran_liste.actualiser(forcer=True)

        self.push_screen(EcranParametres(self.service), enregistre)

    def action_taux_du_semestre(self) -> None:
        from recouvrement_tui.ui.screens.taux import EcranTaux

        def ajoute(ajout) -> None:
            if ajout is None:
                return
            self.notify(f"Taux du semestre {ajout.semestre} enregistrés dans le dossier de données.", title="Taux")
            for avertissement in ajout.avertissements:
                self.notify(avertissement, title="Taux", severity="warning", timeout=15)
            self.ecran_liste.afficher_bandeau()

        if not isinstance(self.screen, EcranTaux):
            self.push_screen(EcranTaux(self.service), ajoute)

    def action_command_palette(self) -> None:
        if not CommandPalette.is_open(self):
            self.push_screen(
                PaletteFrancaise(placeholder="Ouvrir un dossier (nom, référence, SIREN) ou une commande…", id="--command-palette")
            )

    def quitter_sur_signal(self) -> bool:
        """Safe from a signal handler: asks the running app to quit as 'Quitter' does (terminal
        restored, index written). False if it is not running."""
        boucle = self._loop
        if boucle is None or boucle.is_closed() or not self.is_running:
            return False
        boucle.call_soon_threadsafe(self.exit)
        return True

    def search_themes(self) -> None:
        # Textual's theme picker, with a French prompt (the themes keep their names).
        from textual.theme import ThemeProvider

        self.push_screen(PaletteFrancaise(providers=[ThemeProvider], placeholder="Choisir un thème…"))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Replaces Textual's English system commands with what our users need, in French.
        yield SystemCommand("Nouveau dossier", "Créer le dossier d'un débiteur", self.action_nouveau_dossier)
        yield SystemCommand("Agenda", "Les actions et échéances de tous les dossiers", self.action_agenda)
        yield SystemCommand("Tableau de bord", "Les chiffres du portefeuille : encours, ancienneté, recouvrements",
                            self.action_tableau_de_bord)
        from recouvrement_tui.ui.screens.dossier import EcranDossier

        if isinstance(screen, EcranDossier):
            yield SystemCommand("Exporter ce dossier", "Archive .zip vérifiable pour un commissaire de justice (x)",
                                screen.action_exporter)
            yield SystemCommand("Joindre une pièce", "Facture PDF, bon de commande, contrat, avis de réception… (j)",
                                screen.action_joindre)
        yield SystemCommand("Relances du jour", "Préparer en lot les relances et mises en demeure dues", self.action_relances)
        yield SystemCommand("Importer de la comptabilité", "Balance âgée (.csv, .xlsx) ou FEC : créer et compléter des dossiers",
                            self.action_importer)
        yield SystemCommand("Paramètres", "Votre société, le calendrier de relance et le serveur de courriel", self.action_parametres)
        yield SystemCommand("Taux du semestre", "Ajouter les taux BCE et d'intérêt légal d'un semestre publié",
                            self.action_taux_du_semestre)
        yield SystemCommand("Thème", "Changer les couleurs de l'application", self.action_change_theme)
        yield SystemCommand("Quitter", "Fermer l'application", self.action_quit)
