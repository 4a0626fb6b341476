"""An e-mail from a dossier: `m` chooses the message, then a preview shows what will leave (recipients,
subject, body, attachments, the legal guard's warning) and sends it or writes it as a draft.

Everything shown and done is the service's (services.courriels): preparing, the guard, the draft's
.eml, the SMTP exchange and the journal entry. Preparing may call LibreOffice (the mise en demeure's
copy) and sending waits on a server (up to 30 s when it is down): both run in a worker thread, so
the screen stays responsive. `ActionsCourriel` is the dossier screen's mixin for the key.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, OptionList, Static
from textual.widgets.option_list import Option

from recouvrement_tui.domain.agenda import Vue
from recouvrement_tui.domain.courriel import COURRIELS
from recouvrement_tui.domain.formatage import date_courte, nombre
from recouvrement_tui.services.erreurs import ErreurDocument, ErreurSaisie, ErreursSaisie, ErreurStockage
from recouvrement_tui.system.incidents import consigner

if TYPE_CHECKING:  # for mypy, the mixin is what it mixes into: a Screen with these attributes
    from textual.screen import Screen

    from recouvrement_tui.domain.model import Dossier
    from recouvrement_tui.services.courriels import Courriel, Envoi
    from recouvrement_tui.ui.app import RecouvrementApp

    _Ecran = Screen[None]
else:
    _Ecran = object


def taille_lisible(octets: int) -> str:
    """1 234 octets as "1,2 Ko", in French."""
    if octets < 1024:
        return f"{octets} octets"
    if octets < 1024 * 1024:
        return f"{nombre(Decimal(octets) / 1024, 1)} Ko"
    return f"{nombre(Decimal(octets) / 1048576, 1)} Mo"


def message_erreur(erreur: BaseException) -> str:
    """What the user reads for a failure: the service's French message, or the incident's for a bug."""
    from recouvrement_tui.services.courriels import ErreurEnvoi  # light import of the screen module

    if isinstance(erreur, ErreursSaisie):
        return " ".join(e.message for e in erreur.erreurs)
    if isinstance(erreur, ErreurSaisie):
        return erreur.message
    if isinstance(erreur, (ErreurDocument, ErreurEnvoi, ErreurStockage)):
        return str(erreur)
    return consigner(erreur)


def cle_du_calendrier(dossier: Dossier, app: RecouvrementApp) -> str | None:
    """The e-mail the reminder calendar asks for next in this dossier, if its next action is a reminder."""
    return app.service.courriels.modele_du_calendrier(dossier)


class ChoixCourriel(ModalScreen[str | None]):
    """Which message to write; the one the calendar asks for comes first, highlighted."""

    DEFAULT_CSS = """
    ChoixCourriel { align: center middle; }
    ChoixCourriel #choix-courriel { width: 80; height: auto; max-height: 90%; border: thick $accent;
                                    background: $surface; padding: 1; }
    ChoixCourriel #choix-courriel-liste { height: auto; max-height: 16; }
    """
    BINDINGS = [Binding("escape", "annuler", "Annuler")]

    def __init__(self, suggere: str | None) -> None:
        super().__init__()
        self.suggere = suggere

    def compose(self) -> ComposeResult:
        modeles = sorted(COURRIELS, key=lambda m: m.cle != self.suggere)
        options = [Option(m.titre + (" — demandée par le calendrier" if m.cle == self.suggere else ""), id=m.cle)
                   for m in modeles]
        with Vertical(id="choix-courriel"):
            yield Label("Courriel à préparer (Entrée pour l'aperçu, Échap pour annuler) :", id="choix-courriel-titre")
            yield OptionList(*options, id="choix-courriel-liste")

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_annuler(self) -> None:
        self.dismiss(None)


def texte_entete(courriel: Courriel) -> Text:
    """Recipients, subject, attachments and warning as Text (a debtor's name may hold brackets)."""
    d = courriel.destinataires
    texte = Text()
    lignes = [("À", ", ".join(d.a)), ("Cc", ", ".join(d.cc)), ("Objet", courriel.redaction.objet)]
    for libelle, valeur in lignes:
        if valeur:
            texte.append(f"{libelle:<6}", style="dim")
            texte.append(valeur + "\n", style="bold" if libelle == "Objet" else "")
    if courriel.pieces:
        texte.append("Pièces jointes", style="dim")
        texte.append(f" ({len(courriel.pieces)}, {taille_lisible(courriel.taille_pieces)} en tout)\n")
        for piece in courriel.pieces:
            texte.append(f"  · {piece.nom} ({taille_lisible(piece.taille)})\n")
    else:
        texte.append("Aucune pièce jointe\n", style="dim")
    if courriel.avertissement:
        texte.append(f"⚠ {courriel.avertissement}\n", style="bold yellow")
    return texte


class ApercuCourriel(ModalScreen["Envoi | None"]):
    """The message as it will leave; dismisses with the Envoi (sent or draft), or None."""

    DEFAULT_CSS = """
    ApercuCourriel { align: center middle; }
    ApercuCourriel #apercu-courriel { width: 110; max-width: 96%; height: 92%; border: thick $accent;
                                      background: $surface; padding: 0 1; }
    ApercuCourriel #apercu-titre { text-style: bold; width: 100%; content-align: center middle; padding: 1 0 0 0; }
    ApercuCourriel #apercu-entete { height: auto; margin: 1 0 0 0; }
    ApercuCourriel #apercu-corps { height: 1fr; border: round $primary; padding: 0 1; }
    ApercuCourriel #apercu-etat { height: auto; padding: 0 1; }
    ApercuCourriel #apercu-etat.erreur { color: $error; text-style: bold; }
    ApercuCourriel #apercu-boutons { height: auto; align: right middle; padding: 1 0 0 0; }
    ApercuCourriel #apercu-boutons Button { margin: 0 1; }
    """
    BINDINGS = [
        Binding("e", "envoyer", "Envoyer", id="courriel.envoyer"),
        Binding("b", "brouillon", "Écrire le brouillon", id="courriel.brouillon"),
        Binding("escape", "annuler", "Annuler", id="courriel.annuler"),
    ]

    def __init__(self, courriel: Courriel) -> None:
        super().__init__()
        self.courriel = courriel
        self.en_cours = False

    if TYPE_CHECKING:
        app: RecouvrementApp

    @property
    def configure(self) -> bool:
        return self.app.service.parametres.courriel.configure

    def compose(self) -> ComposeResult:
        c = self.courriel
        with Vertical(id="apercu-courriel"):
            # Text, not markup: a debtor's name such as "Menuiserie [/b] Durand" is shown as it is.
            yield Label(Text(f"{c.modele.titre} — {c.dossier.debiteur.nom_complet} ({c.dossier.reference}), "
                             f"au {date_courte(c.au)}"), id="apercu-titre")
            yield Static(texte_entete(c), id="apercu-entete")
            with VerticalScroll(id="apercu-corps"):
                yield Static(Text(c.redaction.texte), id="apercu-texte")
            yield Static(Text(self._etat_initial()), id="apercu-etat")
            with Horizontal(id="apercu-boutons"):
                yield Button("Envoyer (e)", variant="primary", id="envoyer", disabled=not self.configure)
                yield Button("Écrire le brouillon (b)", id="brouillon")
                yield Button("Annuler", id="annuler")

    def _etat_initial(self) -> str:
        if self.configure:
            p = self.app.service.parametres.courriel
            return f"Envoi par {p.hote} depuis {p.expediteur}. Le brouillon (.eml) s'ouvre prêt à envoyer dans Outlook ou Thunderbird."
        return ("Aucun serveur d'envoi n'est paramétré (Paramètres > Courriel, touche p dans la liste) : écrivez le "
                "brouillon (.eml) et envoyez-le depuis votre messagerie.")

    def on_mount(self) -> None:
        self.query_one("#brouillon" if not self.configure else "#envoyer", Button).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "envoyer":
            return not self.en_cours or None  # without a server, pressing it says where to set one
        if action == "brouillon":
            return not self.en_cours or None
        return True

    def _etat(self, message: str, *, erreur: bool = False) -> None:
        etat = self.query_one("#apercu-etat", Static)
        etat.update(Text(message))  # a server's answer or a file name is never read as markup
        etat.set_class(erreur, "erreur")

    def _occupe(self, occupe: bool) -> None:
        self.en_cours = occupe
        self.query_one("#envoyer", Button).disabled = occupe or not self.configure
        self.query_one("#brouillon", Button).disabled = occupe
        self.refresh_bindings()

    def _lancer(self, faire: Callable[[], Envoi], message: str) -> None:
        if self.en_cours:
            return
        self._occupe(True)
        self._etat(message)

        def travail() -> None:
            try:
                envoi = faire()
            except BaseException as erreur:  # noqa: BLE001 - said in French, the preview stays open
                self.app.call_from_thread(self._echec, message_erreur(erreur))
                return
            self.app.call_from_thread(self.dismiss, envoi)

        self.run_worker(travail, thread=True, exclusive=True, exit_on_error=False, group="courriel")

    def _echec(self, message: str) -> None:
        self._occupe(False)
        self._etat(message, erreur=True)
        self.notify(message, title="Courriel", severity="error", timeout=15, markup=False)

    def action_envoyer(self) -> None:
        if not self.configure:
            self.notify("Aucun serveur d'envoi n'est paramétré : Paramètres > Courriel (p dans la liste), ou écrivez "
                        "le brouillon (b).", severity="warning", timeout=10)
            return
        c, courriels = self.courriel, self.app.service.courriels
        self._lancer(lambda: courriels.envoyer(c.dossier, c.modele.cle, c.au),
                     f"Envoi en cours par {self.app.service.parametres.courriel.hote}…")

    def action_brouillon(self) -> None:
        c, courriels = self.courriel, self.app.service.courriels
        self._lancer(lambda: courriels.brouillon(c.dossier, c.modele.cle, c.au), "Écriture du brouillon…")

    def action_annuler(self) -> None:
        if self.en_cours:
            self.notify("Attendez la réponse du serveur : le courriel est peut-être déjà parti.", severity="warning", markup=False)
            return
        self.dismiss(None)

    @on(Button.Pressed, "#envoyer")
    def _bouton_envoyer(self) -> None:
        self.action_envoyer()

    @on(Button.Pressed, "#brouillon")
    def _bouton_brouillon(self) -> None:
        self.action_brouillon()

    @on(Button.Pressed, "#annuler")
    def _bouton_annuler(self) -> None:
        self.action_annuler()


class ActionsCourriel(_Ecran):
    """`m` in a dossier: choose the message, preview it, send it or write the draft."""

    if TYPE_CHECKING:  # provided by EcranDossier
        app: RecouvrementApp
        dossier: Dossier

        def _apres(self, dossier: Dossier | None, message: str) -> None: ...

        def _montrer(self, onglet: Vue) -> None: ...

    def action_courriel(self) -> None:
        try:
            suggere = cle_du_calendrier(self.dossier, self.app)
        except Exception as erreur:  # noqa: BLE001 - the list still opens, without a suggestion
            consigner(erreur)
            suggere = None
        self.app.push_screen(ChoixCourriel(suggere), self._courriel_choisi)

    def _courriel_choisi(self, cle: str | None) -> None:
        if cle is None:
            return
        dossier, au, courriels = self.dossier, self.app.aujourdhui(), self.app.service.courriels
        self.notify("Préparation du courriel…", timeout=3, markup=False)

        def travail() -> None:
            try:
                courriel = courriels.preparer(dossier, cle, au)
            except BaseException as erreur:  # noqa: BLE001 - a refusal or a bug, said in French
                self.app.call_from_thread(self.notify, message_erreur(erreur), title="Courriel",
                                          severity="error", timeout=15)
                return
            self.app.call_from_thread(self.app.push_screen, ApercuCourriel(courriel), self._courriel_fait)

        self.run_worker(travail, thread=True, exclusive=True, exit_on_error=False, group="courriel")

    def _courriel_fait(self, envoi: Envoi | None) -> None:
        if envoi is None:
            return
        nom = envoi.chemin.name
        if envoi.envoye:
            message = f"Courriel envoyé (Message-ID {envoi.message_id}), gardé dans documents/{nom} et inscrit au journal."
            if envoi.etape is not None:
                message += f" Le dossier passe à l'étape « {envoi.etape.libelle} »."
        else:
            message = (f"Brouillon écrit : documents/{nom} (à ouvrir et envoyer depuis votre messagerie), "
                       "inscrit au journal.")
        self._montrer(Vue.JOURNAL)
        self._apres(envoi.dossier, message)
        if envoi.avertissement:
            self.notify(envoi.avertissement, title="Mise en garde", severity="warning", timeout=15, markup=False)
