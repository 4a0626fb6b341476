"""The settings screen (Paramètres, `p` in the list): the creditor, the reminder calendar and the
mail server, saved together; a test of the server's connection.

The form is the application's generic one (ui.widgets.formulaire) with a "Courriel" section.
The password is never written in the data folder: it comes from the environment variable
(RECOUVREMENT_SMTP_MOT_DE_PASSE) or the system keyring, where the optional field keeps it.
Testing saves first (what is tested is what is saved), then connects in a worker thread: a server
that does not answer takes up to 30 s, during which the screen stays usable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.binding import Binding
from textual.widgets import Button, Input, Static

from recouvrement_tui.domain.courriel import Securite, courriel_saisie
from recouvrement_tui.services.erreurs import ErreurSaisie, ErreursSaisie, ErreurStockage
from recouvrement_tui.system.incidents import consigner
from recouvrement_tui.system.smtp import VARIABLE_MOT_DE_PASSE, ErreurEnvoi, enregistrer_mot_de_passe
from recouvrement_tui.ui.formulaires import SECTION_CALENDRIER, SECTIONS_CREANCIER, valeurs_parametres
from recouvrement_tui.ui.widgets.formulaire import Champ, Formulaire, Section, TypeChamp

if TYPE_CHECKING:
    from recouvrement_tui.domain.parametres import Parametres
    from recouvrement_tui.services.dossiers import ServiceDossiers
    from recouvrement_tui.ui.app import RecouvrementApp

SECTION_COURRIEL = Section(
    "Courriel (serveur d'envoi des relances)",
    (
        Champ("hote", "Serveur SMTP", aide="smtp.office365.com ; vide : brouillons seulement"),
        Champ("port", "Port", aide="587 (starttls), 465 (ssl), 25 (relais local)"),
        Champ("securite", "Sécurité", TypeChamp.CHOIX, tuple((s.libelle, s.value) for s in Securite)),
        Champ("utilisateur", "Identifiant", aide="relances@votre-societe.fr ; vide pour un relais sans authentification"),
        Champ("mot_de_passe", "Mot de passe (gardé dans le trousseau du système)", aide="vide : inchangé"),
        Champ("expediteur", "Adresse d'expéditeur", aide="relances@votre-societe.fr"),
        Champ("copie_cachee", "Copie cachée de chaque envoi (boîte d'archive)", aide="archives@votre-societe.fr"),
        Champ("taille_max_mo", "Taille maximale des pièces jointes (Mo)", aide="10"),
        Champ("envois_par_minute", "Envois par minute (lot du jour)", aide="30"),
    ),
)
CLES_CALENDRIER = frozenset(c.cle for c in SECTION_CALENDRIER.champs)
CLES_COURRIEL = frozenset(c.cle for c in SECTION_COURRIEL.champs) - {"mot_de_passe"}

NOTE_MOT_DE_PASSE = (
    "Le mot de passe n'est jamais écrit dans le dossier de données : il vient de la variable d'environnement "
    f"{VARIABLE_MOT_DE_PASSE} ou du trousseau du système (Windows, macOS, GNOME), où ce champ l'enregistre."
)


class EcranParametres(Formulaire["Parametres"]):
    """Dismisses with the settings saved (by Enregistrer or by a test), or None if nothing was saved."""

    DEFAULT_CSS = """
    EcranParametres #note-mot-de-passe { color: $text-muted; padding: 0 1; }
    EcranParametres #test-connexion { height: auto; padding: 0 1; }
    EcranParametres #test-connexion.erreur-test { color: $error; text-style: bold; }
    EcranParametres #test-connexion.reussite { color: $success; text-style: bold; }
    """
    BINDINGS = [
        Binding("ctrl+t", "tester", "Tester la connexion", id="parametres.tester"),
        Binding("ctrl+r", "app.taux_du_semestre", "Taux du semestre", id="parametres.taux"),
    ]

    if TYPE_CHECKING:
        app: RecouvrementApp

    def __init__(self, service: ServiceDossiers) -> None:
        p = service.parametres
        valeurs: dict[str, Any] = {**valeurs_parametres(p.creancier, p.calendrier), **courriel_saisie(p.courriel)}
        super().__init__("Paramètres", [*SECTIONS_CREANCIER, SECTION_CALENDRIER, SECTION_COURRIEL], valeurs,
                         self._enregistrer)
        self.service = service
        self.enregistres: Parametres | None = None
        self.test_en_cours = False

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#champ-mot_de_passe", Input).password = True
        self.query_one("#formulaire-champs").mount(
            Static(NOTE_MOT_DE_PASSE, id="note-mot-de-passe"), after="#erreur-mot_de_passe")
        self.query_one("#formulaire").mount(Static("", id="test-connexion"), before="#formulaire-boutons")
        self.query_one("#formulaire-boutons").mount(Button("Tester la connexion (Ctrl+T)", id="tester"), before="#valider")

    def _enregistrer(self, valeurs: dict[str, Any]) -> Parametres:
        creancier = {k: v for k, v in valeurs.items()
                     if k not in CLES_CALENDRIER and k not in CLES_COURRIEL and k != "mot_de_passe"}
        calendrier = {k: v for k, v in valeurs.items() if k in CLES_CALENDRIER}
        courriel = {k: v for k, v in valeurs.items() if k in CLES_COURRIEL}
        parametres = self.service.enregistrer_parametres(creancier, calendrier, courriel)
        self.enregistres = parametres
        secret = str(valeurs.get("mot_de_passe") or "")
        if secret:
            try:
                enregistrer_mot_de_passe(parametres.courriel, secret)
            except ErreurEnvoi as erreur:
                raise ErreurSaisie("mot_de_passe", f"Les paramètres sont enregistrés, pas le mot de passe : {erreur}") from None
            self.query_one("#champ-mot_de_passe", Input).value = ""
        return parametres

    def action_annuler(self) -> None:
        self.dismiss(self.enregistres)  # a test saved them: the list must learn of it

    # --- testing the server -----------------------------------------------------------------

    def _resultat(self, message: str, classe: str = "") -> None:
        cible = self.query_one("#test-connexion", Static)
        cible.update(message)
        cible.set_classes(classe)

    def action_tester(self) -> None:
        if self.test_en_cours:
            return
        self._effacer_erreurs()
        try:
            self._enregistrer(self.valeurs())
        except ErreursSaisie as erreurs:
            self._signaler(erreurs.par_champ())
            self._resultat("Corrigez les champs signalés : les paramètres ne sont pas enregistrés, rien n'est testé.",
                           "erreur-test")
            return
        except ErreurSaisie as erreur:
            self._signaler({erreur.champ: erreur.message})
            if erreur.champ != "mot_de_passe":
                return
        except ErreurStockage as erreur:
            self._montrer_erreur("generale", str(erreur))
            return
        except Exception as erreur:  # noqa: BLE001 - a bug must not lose what the user typed
            self._montrer_erreur("generale", consigner(erreur))
            return
        p = self.service.parametres.courriel
        self.test_en_cours = True
        self.query_one("#tester", Button).disabled = True
        self._resultat(f"Paramètres enregistrés. Connexion à {p.hote or '(aucun serveur)'}:{p.port} en cours… "
                       "(jusqu'à 30 secondes si le serveur ne répond pas)")
        courriels = self.service.courriels

        def travail() -> None:
            try:
                message, classe = courriels.tester_connexion(), "reussite"
            except ErreurEnvoi as erreur:
                message, classe = str(erreur), "erreur-test"
            except Exception as erreur:  # noqa: BLE001 - the incident file keeps the detail
                message, classe = consigner(erreur), "erreur-test"
            self.app.call_from_thread(self._teste, message, classe)

        self.run_worker(travail, thread=True, exclusive=True, exit_on_error=False, group="test-connexion")

    def _teste(self, message: str, classe: str) -> None:
        self.test_en_cours = False
        self.query_one("#tester", Button).disabled = False
        self._resultat(message, classe)
        self.notify(message, title="Test de la connexion", severity="information" if classe == "reussite" else "error",
                    timeout=10)

    @on(Button.Pressed, "#tester")
    def _bouton_tester(self) -> None:
        self.action_tester()
