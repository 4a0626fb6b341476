"""A modal form built from a list of field descriptions.

Every form of the application (debtor, invoice, payment, note, settings) is one of these:
the fields are data, and the `valider` callback does the real work (checking through the
domain, saving through the service). When it raises ErreursSaisie, each message appears
under its field and the form stays open with what the user typed; nothing is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Generic, TypeVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea

from recouvrement_tui.services.erreurs import ConflitModification, ErreurSaisie, ErreursSaisie, ErreurStockage
from recouvrement_tui.system.incidents import consigner
from recouvrement_tui.ui.widgets.choix_fichier import ChoixFichier

R = TypeVar("R")


class TypeChamp(StrEnum):
    """How a field is edited."""

    TEXTE = "texte"  # one line
    CHOIX = "choix"  # a list of options
    CASE = "case"  # a checkbox
    ZONE = "zone"  # multi-line text
    FICHIER = "fichier"  # a file path: typed, or chosen in a folder tree (Parcourir…, Ctrl+O)


@dataclass(frozen=True)
class Champ:
    """One field: `cle` is the key the domain's saisie functions expect."""

    cle: str
    libelle: str
    type: TypeChamp = TypeChamp.TEXTE
    options: tuple[tuple[str, str], ...] = ()  # (label, value) for TypeChamp.CHOIX
    aide: str = ""  # placeholder
    obligatoire: bool = False
    extensions: tuple[str, ...] = ()  # TypeChamp.FICHIER: the files proposed (empty: any)


@dataclass(frozen=True)
class Section:
    titre: str
    champs: tuple[Champ, ...] = field(default_factory=tuple)


def _normal(valeur: Any) -> Any:
    """A field's value for comparison: "" and None alike, text without trailing blanks."""
    if valeur is None:
        return ""
    return valeur.strip() if isinstance(valeur, str) else valeur


def fusionner(
    base: dict[str, Any], les_miennes: dict[str, Any], les_siennes: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, tuple[Any, Any]]]:
    """A three-way merge of a form: `base` is what the form was opened with, `les_miennes` what the
    user typed, `les_siennes` what a colleague saved meanwhile. A field only one side changed takes
    that side's value; a field both changed to different values is a conflict (mine, theirs),
    left with the user's value. Returns (merged values, conflicts)."""
    fusion, conflits = {}, {}
    for cle, mienne in les_miennes.items():
        avant, sienne = _normal(base.get(cle)), les_siennes.get(cle, base.get(cle))
        if _normal(sienne) == avant or _normal(sienne) == _normal(mienne):
            fusion[cle] = mienne
        elif _normal(mienne) == avant:
            fusion[cle] = sienne if sienne is not None else ""
        else:
            fusion[cle] = mienne
            conflits[cle] = (mienne, sienne)
    return fusion, conflits


def _lisible(champ: Champ, valeur: Any) -> str:
    """A value as the user sees it in this field (an option's label, a box ticked or not)."""
    if champ.type is TypeChamp.CASE:
        return "coché" if valeur else "non coché"
    if champ.type is TypeChamp.CHOIX:
        valeur = next((libelle for libelle, v in champ.options if v == valeur), valeur)
    texte = str(valeur or "").strip()
    return f"«\u00a0{texte}\u00a0»" if texte else "(vide)"  # no-break: the guillemets never wrap alone


class Formulaire(ModalScreen[R], Generic[R]):
    """A modal form; dismisses with whatever `valider` returned."""

    BINDINGS = [
        Binding("escape", "annuler", "Annuler", id="formulaire.annuler"),
        Binding("ctrl+s", "valider", "Enregistrer", id="formulaire.enregistrer"),
        Binding("ctrl+o", "parcourir", "Parcourir", id="formulaire.parcourir"),
    ]

    def __init__(
        self,
        titre: str,
        sections: list[Section],
        valeurs: dict[str, Any],
        valider: Callable[[dict[str, Any]], R],
        *,
        bouton: str = "Enregistrer",
        actuelles: Callable[[], dict[str, Any] | None] | None = None,
    ) -> None:
        super().__init__()
        self.titre = titre
        self.sections = sections
        self.valeurs_initiales = valeurs
        self.valider = valider
        self.libelle_bouton = bouton
        # Asked just before saving: the form's values as the data folder holds them now (the
        # screen underneath reloads its dossier if a colleague saved it meanwhile), or None for a
        # form that only adds (a payment, a note), which then applies as is to the fresh dossier.
        self.actuelles = actuelles

    @property
    def champs(self) -> list[Champ]:
        return [c for s in self.sections for c in s.champs]

    def compose(self) -> ComposeResult:
        with Vertical(id="formulaire"):
            yield Label(self.titre, id="formulaire-titre")
            yield Static("", id="erreur-generale", classes="erreur")
            with VerticalScroll(id="formulaire-champs"):
                for section in self.sections:
                    if section.titre:
                        yield Label(section.titre, classes="section")
                    for champ in section.champs:
                        yield from self._composer_champ(champ)
            with Horizontal(id="formulaire-boutons"):
                yield Button(self.libelle_bouton, variant="primary", id="valider")
                yield Button("Annuler", id="annuler")

    def _composer_champ(self, champ: Champ) -> ComposeResult:
        initiale = self.valeurs_initiales.get(champ.cle)
        identifiant = f"champ-{champ.cle}"
        libelle = champ.libelle + (" *" if champ.obligatoire else "")
        if champ.type is TypeChamp.CASE:
            yield Checkbox(libelle, value=bool(initiale), id=identifiant)
        else:
            yield Label(libelle, classes="libelle")
            if champ.type is TypeChamp.CHOIX:
                valeur = initiale if any(v == initiale for _, v in champ.options) else champ.options[0][1]
                yield Select(champ.options, value=valeur, allow_blank=False, id=identifiant)
            elif champ.type is TypeChamp.ZONE:
                yield TextArea(str(initiale or ""), id=identifiant)
            elif champ.type is TypeChamp.FICHIER:
                with Horizontal(classes="champ-fichier"):
                    yield Input(value=str(initiale or ""), placeholder=champ.aide, id=identifiant)
                    yield Button("Parcourir… (Ctrl+O)", id=f"parcourir-{champ.cle}", classes="parcourir")
            else:
                yield Input(value=str(initiale or ""), placeholder=champ.aide, id=identifiant)
        yield Static("", id=f"erreur-{champ.cle}", classes="erreur")

    def on_mount(self) -> None:
        premier = self.champs[0]
        self.query_one(f"#champ-{premier.cle}").focus()

    def valeurs(self) -> dict[str, Any]:
        """What the user typed, keyed like the domain's saisie functions expect."""
        valeurs: dict[str, Any] = {}
        for champ in self.champs:
            widget = self.query_one(f"#champ-{champ.cle}")
            if isinstance(widget, TextArea):
                valeurs[champ.cle] = widget.text
            else:
                # Input, Select and Checkbox all have .value
                valeurs[champ.cle] = cast("Input | Select[Any] | Checkbox", widget).value
        return valeurs

    def _effacer_erreurs(self) -> None:
        for widget in self.query(".erreur").results(Static):
            widget.update("")
            widget.display = False

    def _montrer_erreur(self, cle: str, message: str) -> bool:
        """Show `message` under field `cle`; False if the form has no such field."""
        cibles = self.query(f"#erreur-{cle}")
        if not cibles:
            return False
        cible = cibles.first(Static)
        cible.update(message)
        cible.display = True
        return True

    def action_valider(self, essai: int = 1) -> None:
        self._effacer_erreurs()
        valeurs = self.valeurs()
        if self.actuelles is not None:
            try:
                fraiches = self.actuelles()
            except Exception:  # noqa: BLE001 - the dossier may be gone: the save says so, in French
                fraiches = None
            if fraiches is not None:
                valeurs, conflits = fusionner(self.valeurs_initiales, valeurs, fraiches)
                self.valeurs_initiales = fraiches  # a second Enregistrer keeps the user's values
                self._remplir(valeurs)  # the colleague's changes where the user typed nothing
                if conflits:
                    self._montrer_conflits(conflits)
                    return
        try:
            resultat = self.valider(valeurs)
        except ConflitModification as erreur:
            if self.actuelles is not None and essai < 3:  # a colleague saved between the reload and ours
                self.action_valider(essai + 1)
            else:
                self._montrer_echec(erreur)
            return
        except Exception as erreur:  # noqa: BLE001 - a bug must not lose what the user typed
            self._montrer_echec(erreur)
            return
        self.dismiss(resultat)

    def _montrer_echec(self, erreur: Exception) -> None:
        """Why `valider` refused, under each field concerned, or in general (a bug is logged and
        said in French): the form stays open with what the user typed."""
        if isinstance(erreur, ErreursSaisie):
            self._signaler(erreur.par_champ())
        elif isinstance(erreur, ErreurSaisie):
            self._signaler({erreur.champ: erreur.message})
        elif isinstance(erreur, ErreurStockage):
            self._montrer_erreur("generale", str(erreur))
        else:
            self._montrer_erreur("generale", consigner(erreur))

    def _montrer_conflits(self, conflits: dict[str, tuple[Any, Any]]) -> None:
        """A colleague saved other values in fields the user changed too: show both, field by field."""
        champs = {c.cle: c for c in self.champs}
        messages = {
            cle: (f"Un collègue a enregistré entre-temps : {_lisible(champs[cle], la_sienne)}. Votre saisie : "
                  f"{_lisible(champs[cle], la_votre)}. Enregistrez de nouveau pour garder la vôtre, ou reprenez la sienne.")
            for cle, (la_votre, la_sienne) in conflits.items()
        }
        self._signaler(messages)
        n = len(conflits)
        self._montrer_erreur("generale", (
            f"Ce dossier a été modifié par un collègue pendant votre saisie : {n} champ{'s' if n > 1 else ''} "
            f"diffère{'nt' if n > 1 else ''} de sa version (ci-dessous). Vos autres saisies sont gardées, "
            "ses autres changements repris."))

    def _remplir(self, valeurs: dict[str, Any]) -> None:
        """Show merged values (a colleague's change in a field the user left alone) in their widgets."""
        for champ in self.champs:
            widget = self.query_one(f"#champ-{champ.cle}")
            valeur = valeurs.get(champ.cle)
            if isinstance(widget, TextArea):
                if widget.text != (valeur or ""):
                    widget.text = str(valeur or "")
            elif isinstance(widget, Checkbox):
                widget.value = bool(valeur)
            elif isinstance(widget, Select):
                if any(v == valeur for _, v in champ.options):
                    widget.value = valeur
            elif isinstance(widget, Input) and widget.value != str(valeur or ""):
                widget.value = str(valeur or "")

    def _signaler(self, messages: dict[str, str]) -> None:
        premier = None
        for cle, message in messages.items():
            if self._montrer_erreur(cle, message):
                premier = premier or cle
            else:
                self._montrer_erreur("generale", message)
        if premier:
            widget = self.query_one(f"#champ-{premier}")
            widget.focus()
            widget.scroll_visible(animate=False)

    def action_annuler(self) -> None:
        self.dismiss(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "parcourir":
            return any(c.type is TypeChamp.FICHIER for c in self.champs)
        return True

    def action_parcourir(self, cle: str = "") -> None:
        """Choose the file of a path field in a folder tree: the field named, else the one with
        the focus, else the first; the path chosen replaces what was typed (and is checked as such)."""
        fichiers = [c for c in self.champs if c.type is TypeChamp.FICHIER]
        if not fichiers:
            return
        focus = self.focused.id if self.focused is not None else None
        champ = (next((c for c in fichiers if c.cle == cle), None)
                 or next((c for c in fichiers if focus in (f"champ-{c.cle}", f"parcourir-{c.cle}")), None)
                 or fichiers[0])
        entree = self.query_one(f"#champ-{champ.cle}", Input)

        def choisi(chemin: str | None) -> None:
            if chemin:
                entree.value = chemin
                entree.cursor_position = len(chemin)
            entree.focus()

        self.app.push_screen(ChoixFichier(champ.libelle, entree.value, champ.extensions), choisi)

    @on(Button.Pressed, ".parcourir")
    def _bouton_parcourir(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_parcourir((event.button.id or "").removeprefix("parcourir-"))

    @on(Button.Pressed, "#valider")
    def _bouton_valider(self) -> None:
        self.action_valider()

    @on(Button.Pressed, "#annuler")
    def _bouton_annuler(self) -> None:
        self.action_annuler()

    @on(Input.Submitted)
    def _entree(self) -> None:
        self.action_valider()
