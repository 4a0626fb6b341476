"""The telephone call: `t` in a dossier shows the call sheet beside the form of the call's outcome.

The sheet's text is the domain's (domain.fiche_appel, through services.appels); the form's
checks and effects are the service's. This screen only shows and asks. `ActionsAppel` is the
dossier screen's mixin for the key, like ActionsDocuments.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Label, Static

from recouvrement_tui.domain.agenda import Vue
from recouvrement_tui.domain.appel import Issue
from recouvrement_tui.domain.fiche_appel import FicheAppel
from recouvrement_tui.domain.model import Dossier
from recouvrement_tui.system.incidents import consigner
from recouvrement_tui.ui.widgets.formulaire import Champ, Formulaire, Section, TypeChamp

if TYPE_CHECKING:  # for mypy, the mixin is what it mixes into: a Screen with these attributes
    from textual.screen import Screen

    from recouvrement_tui.ui.app import RecouvrementApp

    _Ecran = Screen[None]
else:
    _Ecran = object


SECTIONS_APPEL = [
    Section(
        "Issue de l'appel",
        (
            Champ("issue", "Issue", TypeChamp.CHOIX, tuple((i.libelle, i.value) for i in Issue), obligatoire=True),
            Champ("contact", "Personne et numéro appelés"),
            Champ("jusquau", "Date promise ou date du rappel", aide="JJ/MM/AAAA (promesse, rappeler le)"),
            Champ("montant", "Montant promis (€)", aide="1 234,56 (promesse)"),
            Champ("note", "Note (pour une contestation : son motif)", TypeChamp.ZONE),
        ),
    )
]


def texte_fiche(fiche: FicheAppel) -> Text:
    """The sheet as Text (never markup: a debtor's name may hold brackets)."""
    texte = Text()
    for rang, section in enumerate(fiche.sections):
        if rang:
            texte.append("\n")
        texte.append(section.titre + "\n", style="bold")
        for ligne in section.lignes:
            texte.append(f"  {ligne}\n", style="italic" if ligne.startswith("«") else "")
    return texte


class EcranAppel(Formulaire[Dossier]):
    """The call sheet (left) and the outcome's form (right); dismisses with the saved dossier."""

    DEFAULT_CSS = """
    EcranAppel #appel-corps { height: 1fr; }
    EcranAppel #fiche-appel { width: 3fr; height: 1fr; border: round $primary; padding: 0 1; }
    EcranAppel #appel-saisie { width: 2fr; height: 1fr; padding: 0 0 0 1; }
    EcranAppel #formulaire-champs { height: 1fr; }
    EcranAppel TextArea { height: 5; }
    """

    def __init__(self, dossier: Dossier, fiche: FicheAppel, valider: Callable[[dict[str, Any]], Dossier]) -> None:
        contact = f"{fiche.contact} ({fiche.telephone})" if fiche.telephone else fiche.contact
        super().__init__(f"Appel téléphonique — {dossier.debiteur.nom_complet} ({dossier.reference})", SECTIONS_APPEL,
                         {"issue": Issue.PAS_DE_REPONSE.value, "contact": contact}, valider)
        self.fiche = fiche

    def on_mount(self) -> None:
        # Wider than the other forms, for the sheet beside the fields (inline: app.tcss sizes #formulaire).
        cadre = self.query_one("#formulaire")
        cadre.styles.width = "96%"
        cadre.styles.max_width = "100%"
        cadre.styles.height = "94%"
        super().on_mount()

    def compose(self) -> ComposeResult:
        with Vertical(id="formulaire"):
            yield Label(self.titre, id="formulaire-titre")
            with Horizontal(id="appel-corps"):
                with VerticalScroll(id="fiche-appel"):
                    yield Static(texte_fiche(self.fiche), id="fiche-texte")
                with Vertical(id="appel-saisie"):
                    yield Static("", id="erreur-generale", classes="erreur")
                    with VerticalScroll(id="formulaire-champs"):
                        for section in self.sections:
                            yield Label(section.titre, classes="section")
                            for champ in section.champs:
                                yield from self._composer_champ(champ)
            with Horizontal(id="formulaire-boutons"):
                yield Button("Enregistrer l'appel", variant="primary", id="valider")
                yield Button("Annuler", id="annuler")


class ActionsAppel(_Ecran):
    """`t` in a dossier: the call sheet, then the call's outcome recorded (services.appels)."""

    if TYPE_CHECKING:  # provided by EcranDossier
        app: RecouvrementApp
        dossier: Dossier

        def _apres(self, dossier: Dossier | None, message: str) -> None: ...

        def _montrer(self, onglet: Vue) -> None: ...

    def action_appel(self) -> None:
        appels = self.app.service.appels
        try:
            fiche = appels.fiche(self.dossier)
        except Exception as erreur:  # noqa: BLE001 - never a traceback in front of the user
            self.notify(consigner(erreur), severity="error", timeout=15)
            return
        etape_avant = self.dossier.etape

        def fini(dossier: Dossier | None) -> None:
            if dossier is None:  # cancelled: nothing recorded
                return
            appel = dossier.appels[-1]
            message = "Appel enregistré au journal."
            if dossier.etape is not etape_avant:
                message += f" Dossier passé à l'étape « {dossier.etape.libelle} »."
            self._montrer(Vue.JOURNAL)
            self._apres(dossier, message)
            if appel.refus:
                self.notify(f"Étape non modifiée : {appel.refus}", title="Contrôle juridique", severity="warning",
                            timeout=15)

        reference = self.dossier.reference
        self.app.push_screen(
            EcranAppel(self.dossier, fiche, lambda v: appels.appeler(reference, v, depuis=self.dossier)), fini
        )
