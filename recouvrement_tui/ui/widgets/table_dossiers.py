"""The dossier list: a virtual table that draws only the rows on screen.

Textual's DataTable measures every cell when rows are added (over a second for 10,000
rows, again on every reload), so filtering as the user types would stall. This widget keeps
the pre-formatted rows in a list and renders visible lines through the Line API: filtering
and sorting cost a list comprehension and a sort, whatever the number of dossiers.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from recouvrement_tui.domain.formatage import date_courte, montant
from recouvrement_tui.domain.resume import ResumeDossier


def normaliser(texte: str) -> str:
    """Lower case without accents or spaces: "Lefèvre" matches "lefevre", "732 829" matches "732829"."""
    decompose = unicodedata.normalize("NFKD", texte.casefold())
    return "".join(c for c in decompose if not unicodedata.combining(c) and not c.isspace())


@dataclass(frozen=True)
class Colonne:
    cle: str
    titre: str
    largeur: int  # 0: takes the remaining width
    a_droite: bool = False


COLONNES = (
    Colonne("reference", "Référence", 11),
    Colonne("debiteur", "Débiteur", 0),
    Colonne("solde", "Solde dû", 15, a_droite=True),
    Colonne("etape", "Étape", 21),
    Colonne("action", "Prochaine action", 32),
    Colonne("date", "Date", 10),
)


@dataclass(frozen=True)
class Ligne:
    """A dossier as the table shows it: cells formatted once, search text normalised once."""

    resume: ResumeDossier
    cellules: tuple[str, ...]
    recherche: str

    @classmethod
    def depuis(cls, r: ResumeDossier) -> Ligne:
        if r.endommage:
            cellules = (r.reference, "⚠ Dossier illisible : ouvrez-le pour le détail", "", "", "", "")
        else:
            cellules = (
                r.reference,
                r.debiteur,
                montant(r.solde),
                r.etape.libelle if r.etape else "",
                r.prochaine_action,
                date_courte(r.prochaine_date),
            )
        return cls(r, cellules, normaliser(f"{r.reference} {r.debiteur} {r.siren}"))


def _cle_tri(colonne: str):
    def cle(ligne: Ligne):
        r = ligne.resume
        match colonne:
            case "solde":
                return r.solde
            case "date":
                return r.prochaine_date or dt.date.max
            case "debiteur":
                return normaliser(r.debiteur)
            case "etape":
                return list(type(r.etape)).index(r.etape) if r.etape else -1
            case "action":
                return normaliser(r.prochaine_action)
            case _:
                return r.reference

    return cle


class TableDossiers(ScrollView, can_focus=True):
    """Every dossier of the data folder, filtered and sorted; Enter opens the one under the cursor."""

    COMPONENT_CLASSES = {
        "table--entete",
        "table--curseur",
        "table--endommage",
        "table--retard",
        "table--pair",
    }

    BINDINGS = [
        Binding("enter", "ouvrir", "Ouvrir", id="liste.ouvrir"),
        Binding("t", "trier", "Trier", id="liste.trier"),
        Binding("T", "inverser", "Inverser le tri", show=False, id="liste.inverser"),
        Binding("up", "curseur(-1)", show=False),
        Binding("down", "curseur(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "extremite(0)", show=False),
        Binding("end", "extremite(1)", show=False),
    ]

    curseur: reactive[int] = reactive(0, always_update=True)

    class Ouvrir(Message):
        """The user asked to open a dossier."""

        def __init__(self, reference: str) -> None:
            super().__init__()
            self.reference = reference

    class Filtree(Message):
        """The visible rows changed (count shown by the screen)."""

        def __init__(self, visibles: int, total: int) -> None:
            super().__init__()
            self.visibles = visibles
            self.total = total

    def __init__(self, aujourdhui: dt.date, **kwargs) -> None:
        super().__init__(**kwargs)
        self.aujourdhui = aujourdhui
        self._toutes: list[Ligne] = []
        self._visibles: list[Ligne] = []
        self._filtre = ""
        self.tri = "reference"
        self.tri_descendant = False

    # --- data --------------------------------------------------------------------------

    def charger(self, resumes: list[ResumeDossier]) -> None:
        """Replace all rows, keeping the cursor on the same dossier when it is still there."""
        courant = self.reference_courante
        self._toutes = [Ligne.depuis(r) for r in resumes]
        self._appliquer(garder=courant)

    def mettre_a_jour(self, resume: ResumeDossier) -> None:
        """Insert or replace one dossier's row (after a save), without rebuilding the rest."""
        ligne = Ligne.depuis(resume)
        for i, existante in enumerate(self._toutes):
            if existante.resume.reference == resume.reference:
                self._toutes[i] = ligne
                break
        else:
            self._toutes.append(ligne)
        self._appliquer(garder=self.reference_courante)

    def filtrer(self, texte: str) -> None:
        self._filtre = normaliser(texte)
        self._appliquer(garder=self.reference_courante)

    def trier(self, colonne: str, descendant: bool = False) -> None:
        self.tri, self.tri_descendant = colonne, descendant
        self._appliquer(garder=self.reference_courante)

    def _appliquer(self, garder: str | None) -> None:
        filtre = self._filtre
        lignes = [l for l in self._toutes if filtre in l.recherche] if filtre else list(self._toutes)
        lignes.sort(key=_cle_tri(self.tri), reverse=self.tri_descendant)
        self._visibles = lignes
        self.virtual_size = Size(self.size.width, len(lignes) + 1)
        position = next((i for i, l in enumerate(lignes) if l.resume.reference == garder), 0)
        self.curseur = min(position, max(len(lignes) - 1, 0))
        self.refresh()
        self.post_message(self.Filtree(len(lignes), len(self._toutes)))

    @property
    def toutes_les_lignes(self) -> list[Ligne]:
        return self._toutes

    @property
    def lignes_visibles(self) -> list[Ligne]:
        return self._visibles

    @property
    def reference_courante(self) -> str | None:
        if 0 <= self.curseur < len(self._visibles):
            return self._visibles[self.curseur].resume.reference
        return None

    # --- drawing -----------------------------------------------------------------------

    def _largeurs(self) -> list[int]:
        fixes = sum(c.largeur for c in COLONNES) + len(COLONNES)  # one space between columns
        reste = max(self._largeur_utile - fixes, 12)
        return [c.largeur or reste for c in COLONNES]

    @property
    def _largeur_utile(self) -> int:
        """Width left for cells once the vertical scrollbar is drawn."""
        return self.scrollable_content_region.width

    def render_line(self, y: int) -> Strip:
        # Line 0 is the header and stays put; rows scroll under it (y counts from the top
        # of the widget, so the scroll offset is applied here).
        largeurs = self._largeurs()
        if y == 0:
            return self._entete(largeurs)
        index = y - 1 + self.scroll_offset.y
        if index >= len(self._visibles):
            return Strip.blank(self._largeur_utile, self.rich_style)
        ligne = self._visibles[index]
        style = self.rich_style
        if index % 2:
            style += self.get_component_rich_style("table--pair")
        if ligne.resume.endommage:
            style += self.get_component_rich_style("table--endommage")
        if index == self.curseur:
            style += self.get_component_rich_style("table--curseur")
        segments = []
        for i, (colonne, largeur, texte) in enumerate(zip(COLONNES, largeurs, ligne.cellules)):
            style_cellule = style
            if colonne.cle == "date" and ligne.resume.prochaine_date and ligne.resume.prochaine_date < self.aujourdhui:
                style_cellule = style + self.get_component_rich_style("table--retard")
            segments.append(Segment(_ajuster(texte, largeur, colonne.a_droite), style_cellule))
            segments.append(Segment(" ", style))
        return Strip(segments).crop(0, self._largeur_utile).extend_cell_length(self._largeur_utile, style)

    def _entete(self, largeurs: list[int]) -> Strip:
        style = self.rich_style + self.get_component_rich_style("table--entete")
        segments = []
        for colonne, largeur in zip(COLONNES, largeurs):
            titre = colonne.titre
            if colonne.cle == self.tri:
                titre += " ▼" if self.tri_descendant else " ▲"
            segments.append(Segment(_ajuster(titre, largeur, colonne.a_droite), style))
            segments.append(Segment(" ", style))
        return Strip(segments).crop(0, self._largeur_utile).extend_cell_length(self._largeur_utile, style)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self._visibles) + 1)

    # --- moving ------------------------------------------------------------------------

    def watch_curseur(self, ancien: int, nouveau: int) -> None:
        hauteur = max(self.size.height - 1, 1)
        haut = self.scroll_offset.y
        if nouveau < haut:
            self.scroll_to(y=nouveau, animate=False)
        elif nouveau >= haut + hauteur:
            self.scroll_to(y=nouveau - hauteur + 1, animate=False)
        self.refresh()

    def action_curseur(self, pas: int) -> None:
        if self._visibles:
            self.curseur = max(0, min(len(self._visibles) - 1, self.curseur + pas))

    def action_page(self, sens: int) -> None:
        self.action_curseur(sens * max(self.size.height - 2, 1))

    def action_extremite(self, fin: int) -> None:
        if self._visibles:
            self.curseur = len(self._visibles) - 1 if fin else 0

    def action_ouvrir(self) -> None:
        if (reference := self.reference_courante) is not None:
            self.post_message(self.Ouvrir(reference))

    def action_trier(self) -> None:
        """Sort by the next column (the header shows which, ▲ or ▼)."""
        cles = [c.cle for c in COLONNES]
        self.trier(cles[(cles.index(self.tri) + 1) % len(cles)], False)

    def action_inverser(self) -> None:
        self.trier(self.tri, not self.tri_descendant)

    def on_click(self, event: events.Click) -> None:
        if event.y == 0:
            self._trier_par_clic(event.x)
            return
        index = event.y - 1 + self.scroll_offset.y
        if 0 <= index < len(self._visibles):
            deja = index == self.curseur
            self.curseur = index
            if deja or event.chain >= 2:
                self.action_ouvrir()

    def _trier_par_clic(self, x: int) -> None:
        debut = 0
        for colonne, largeur in zip(COLONNES, self._largeurs()):
            if debut <= x < debut + largeur + 1:
                descendant = not self.tri_descendant if colonne.cle == self.tri else False
                self.trier(colonne.cle, descendant)
                return
            debut += largeur + 1


def _ajuster(texte: str, largeur: int, a_droite: bool) -> str:
    """Pad or cut `texte` to exactly `largeur` cells, marking a cut with an ellipsis."""
    if cell_len(texte) > largeur:
        return set_cell_size(texte, largeur - 1) + "…"
    if a_droite:
        return " " * (largeur - cell_len(texte)) + texte
    return set_cell_size(texte, largeur)
