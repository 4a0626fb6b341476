"""A virtual table that draws only the rows on screen (the dossier list, the agenda).

Textual's DataTable measures every cell when rows are added (over a second for 10,000
rows, again on every reload), so filtering as the user types would stall. This widget keeps
the pre-formatted rows in a list and renders visible lines through the Line API: filtering
and sorting cost a list comprehension and a sort, whatever the number of dossiers.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

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

from recouvrement_tui.domain.dates import en_retard


def _table_sans_accents() -> dict[str, str]:
    """Latin letters with diacritics -> base letters, other spaces -> removed (built once)."""
    table: dict[str, str] = {}
    for code in range(0xC0, 0x250):
        base = "".join(c for c in unicodedata.normalize("NFKD", chr(code)) if not unicodedata.combining(c))
        if base != chr(code) and base.isascii():
            table[chr(code)] = base.casefold()
    table.update({"œ": "oe", "æ": "ae", "ø": "o", "đ": "d", "ł": "l"})
    for espace in "\u00a0\u202f\u2009":
        table[espace] = ""
    return table


_SANS_ACCENTS = _table_sans_accents()
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _sans_accent(trouve: re.Match[str]) -> str:
    return _SANS_ACCENTS.get(trouve[0], trouve[0])


def normaliser(texte: str) -> str:
    """Lower case without accents or spaces: "Lefèvre" matches "lefevre", "732 829" matches "732829".

    Only the non-ASCII letters go through the table (a regex finds them at C speed): translating
    every character cost 21 ms for 10,000 rows at start-up, and unicodedata per character ~0.1 s.
    """
    texte = texte.casefold()
    if not texte.isascii():
        texte = _NON_ASCII.sub(_sans_accent, texte)
    return texte.replace(" ", "").replace("\t", "")


@dataclass(frozen=True)
class Colonne:
    cle: str
    titre: str
    largeur: int  # 0: takes the remaining width
    a_droite: bool = False
    # When the table is too narrow, columns with masquable > 0 are hidden, 1 first, 2 next…
    # (so that the flexible column keeps a readable width and the last ones stay on screen).
    masquable: int = 0


class Ligne:
    """One row: cells formatted once, search text normalised once, and what it shows.

    `cellules` may be given as a function of the row's `donnee`: the cells are then formatted the
    first time they are read, which is when the row is drawn (or sorted by a text column). A list
    of 10,000 dossiers shows forty of them: formatting the rest up front was a third of the
    start-up. One function for every row, not a closure each: 27 MB less at 100,000 rows."""

    __slots__ = ("_cellules", "_formater", "cle", "date", "donnee", "endommage", "recherche")

    def __init__(
        self,
        cle: str,  # unique row key
        cellules: tuple[str, ...] | Callable[[Any], tuple[str, ...]],
        recherche: str,
        donnee: Any,  # the object behind the row (a ResumeDossier, an agenda action…)
        date: dt.date | None = None,  # shown in red in the "date" column once past
        endommage: bool = False,
    ) -> None:
        self.cle, self.recherche, self.donnee, self.date, self.endommage = cle, recherche, donnee, date, endommage
        if callable(cellules):
            self._cellules: tuple[str, ...] | None = None
            self._formater: Callable[[Any], tuple[str, ...]] | None = cellules
        else:
            self._cellules, self._formater = cellules, None

    @property
    def cellules(self) -> tuple[str, ...]:
        if self._cellules is None:
            assert self._formater is not None  # set whenever the cells are not
            self._cellules, self._formater = self._formater(self.donnee), None
        return self._cellules

    def __repr__(self) -> str:
        return f"Ligne({self.cle!r})"


class TableVirtuelle(ScrollView, can_focus=True):
    """Rows filtered as the user types and sorted by any column; Enter opens the row under the cursor.

    Subclasses set COLONNES and may override `cle_de_tri`."""

    COLONNES: tuple[Colonne, ...] = ()

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
        """The user asked to open the row under the cursor."""

        def __init__(self, ligne: Ligne) -> None:
            super().__init__()
            self.ligne = ligne

    class Surlignee(Message):
        """The cursor moved to another row (None when the table is empty)."""

        def __init__(self, ligne: Ligne | None) -> None:
            super().__init__()
            self.ligne = ligne

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
        self._restriction: frozenset[str] | None = None  # only these keys (a dashboard figure's dossiers)
        # Rows of the current view (e.g. open dossiers only), before the text filter; None: all.
        # A restriction to given keys overrides it: those rows were asked for by name.
        self._vue: Callable[[Ligne], bool] | None = None
        self.tri = self.COLONNES[0].cle
        self.tri_descendant = False
        self._cache_largeurs: tuple[int, tuple[int, ...]] = (-1, ())
        self._cache_styles: tuple[object, dict[str, Style]] = (None, {})
        self._cellules_ajustees: dict[str, tuple[Ligne, tuple[str, ...]]] = {}

    # --- data --------------------------------------------------------------------------

    def charger(self, lignes: list[Ligne]) -> None:
        """Replace all rows, keeping the cursor on the same row when it is still there."""
        courant = self.cle_courante
        self._toutes = lignes
        self._appliquer(garder=courant)

    def mettre_a_jour(self, ligne: Ligne) -> None:
        """Insert or replace one row (after a save), without rebuilding the rest."""
        for i, existante in enumerate(self._toutes):
            if existante.cle == ligne.cle:
                self._toutes[i] = ligne
                break
        else:
            self._toutes.append(ligne)
        self._appliquer(garder=self.cle_courante)

    def aller_a(self, cle: str) -> bool:
        """Put the cursor on the row of this key; False when no visible row has it."""
        position = next((i for i, l in enumerate(self._visibles) if l.cle == cle), None)
        if position is None:
            return False
        self.curseur = position
        return True

    def filtrer(self, texte: str) -> None:
        self._filtre = normaliser(texte)
        self._appliquer(garder=self.cle_courante)

    def restreindre(self, cles: frozenset[str] | None) -> None:
        """Show only the rows of these keys (None: every row), on top of the text filter."""
        self._restriction = cles
        self._appliquer(garder=self.cle_courante)

    @property
    def restriction(self) -> frozenset[str] | None:
        return self._restriction

    def trier(self, colonne: str, descendant: bool = False) -> None:
        self.tri, self.tri_descendant = colonne, descendant
        self._appliquer(garder=self.cle_courante)

    def vue(self, garder: Callable[[Ligne], bool] | None) -> None:
        """Show only the rows `garder` accepts (None: every row), under the text filter."""
        self._vue = garder
        self._appliquer(garder=self.cle_courante)

    def _appliquer(self, garder: str | None) -> None:
        filtre = self._filtre
        base = self._toutes
        if self._restriction is not None:
            base = [l for l in base if l.cle in self._restriction]
        elif self._vue is not None:
            base = [l for l in base if self._vue(l)]
        lignes = [l for l in base if filtre in l.recherche] if filtre else list(base)
        lignes.sort(key=self.cle_de_tri(self.tri), reverse=self.tri_descendant)
        self._visibles = lignes
        self.virtual_size = Size(0, len(lignes) + 1)  # never wider than the screen: no horizontal scrollbar
        position = next((i for i, l in enumerate(lignes) if l.cle == garder), 0)
        self.curseur = min(position, max(len(lignes) - 1, 0))
        self.refresh()
        self.post_message(self.Filtree(len(lignes), len(base)))

    @property
    def toutes_les_lignes(self) -> list[Ligne]:
        return self._toutes

    @property
    def lignes_visibles(self) -> list[Ligne]:
        return self._visibles

    @property
    def ligne_courante(self) -> Ligne | None:
        if 0 <= self.curseur < len(self._visibles):
            return self._visibles[self.curseur]
        return None

    @property
    def cle_courante(self) -> str | None:
        ligne = self.ligne_courante
        return ligne.cle if ligne else None

    def cle_de_tri(self, colonne: str) -> Callable[[Ligne], Any]:
        """How rows sort on a column: by default the cell text, accents ignored."""
        index = [c.cle for c in self.COLONNES].index(colonne)
        return lambda ligne: normaliser(ligne.cellules[index])

    # --- drawing -----------------------------------------------------------------------

    # Rendering runs for every visible line on every refresh (each keystroke in the filter),
    # so what does not change between lines is computed once: column widths per table
    # width, styles per (focus, theme), and each row's padded cells per set of widths.

    def _largeurs(self) -> tuple[int, ...]:
        utile = self.scrollable_content_region.width
        if self._cache_largeurs[0] != utile:
            self._cache_largeurs = (utile, self.repartir(utile))
            self._cellules_ajustees.clear()
        return self._cache_largeurs[1]

    def repartir(self, utile: int) -> tuple[int, ...]:
        """Each column's width (0: hidden) in COLONNES order for `utile` cells: the fixed widths,
        the masquable columns hidden first when narrow, the rest to the flexible column."""
        masquees: set[str] = set()
        ordre = sorted((c for c in self.COLONNES if c.masquable), key=lambda c: c.masquable)
        while True:
            montrees = [c for c in self.COLONNES if c.cle not in masquees]
            fixes = sum(c.largeur for c in montrees) + len(montrees)  # one space between columns
            if utile - fixes >= _LARGEUR_MIN or not ordre:
                break
            masquees.add(ordre.pop(0).cle)
        # Narrower still: the flexible column gives way rather than push the last ones off screen.
        reste = max(utile - fixes, _LARGEUR_MIN if not any(c.masquable for c in self.COLONNES) else 4)
        return tuple(0 if c.cle in masquees else c.largeur or reste for c in self.COLONNES)

    def _styles(self) -> dict[str, Style]:
        cle = (self.has_focus, self.app.theme)
        if self._cache_styles[0] != cle:
            base = self.rich_style
            styles = {"base": base}
            for nom in self.COMPONENT_CLASSES:
                styles[nom] = base + self.get_component_rich_style(nom)
            self._cache_styles = (cle, styles)
        return self._cache_styles[1]

    def _cellules(self, ligne: Ligne, largeurs: tuple[int, ...]) -> tuple[str, ...]:
        reference = ligne.cle
        cellules = self._cellules_ajustees.get(reference)
        if cellules is None or cellules[0] is not ligne:
            textes = tuple(_ajuster(t, l, c.a_droite) if l else "" for c, l, t in zip(self.COLONNES, largeurs, ligne.cellules))
            cellules = (ligne, textes)
            self._cellules_ajustees[reference] = cellules
        return cellules[1]

    def render_line(self, y: int) -> Strip:
        # Line 0 is the header and stays put; rows scroll under it (y counts from the top
        # of the widget, so the scroll offset is applied here).
        largeurs = self._largeurs()
        largeur_totale = self._cache_largeurs[0]
        styles = self._styles()
        if y == 0:
            return self._entete(largeurs, styles["table--entete"], largeur_totale)
        index = y - 1 + self.scroll_offset.y
        if index >= len(self._visibles):
            return Strip.blank(largeur_totale, styles["base"])
        ligne = self._visibles[index]
        style = styles["base"]
        if index % 2:
            style = styles["table--pair"]
        if ligne.endommage:
            style += styles["table--endommage"]
        if index == self.curseur:
            style += styles["table--curseur"]
        retard = ligne.date is not None and en_retard(ligne.date, self.aujourdhui)
        segments = []
        espace = Segment(" ", style)
        for colonne, largeur, texte in zip(self.COLONNES, largeurs, self._cellules(ligne, largeurs)):
            if not largeur:  # hidden: the table is too narrow
                continue
            if retard and colonne.cle == "date":
                segments.append(Segment(texte, style + styles["table--retard"]))
            else:
                segments.append(Segment(texte, style))
            segments.append(espace)
        return Strip(segments).crop(0, largeur_totale).extend_cell_length(largeur_totale, style)

    def _entete(self, largeurs: tuple[int, ...], style: Style, largeur_totale: int) -> Strip:
        segments = []
        for colonne, largeur in zip(self.COLONNES, largeurs):
            if not largeur:
                continue
            titre = colonne.titre
            if colonne.cle == self.tri:
                titre += " ▼" if self.tri_descendant else " ▲"
            segments.append(Segment(_ajuster(titre, largeur, colonne.a_droite), style))
            segments.append(Segment(" ", style))
        return Strip(segments).crop(0, largeur_totale).extend_cell_length(largeur_totale, style)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(0, len(self._visibles) + 1)

    # --- moving ------------------------------------------------------------------------

    def watch_curseur(self, ancien: int, nouveau: int) -> None:
        self.post_message(self.Surlignee(self.ligne_courante))
        self._montrer_curseur()
        # Again once laid out: a row just added (a new dossier) may lie beyond the scroll range
        # the table had when the cursor was set, and scroll_to stops at that range.
        self.call_after_refresh(self._montrer_curseur)
        self.refresh()

    def _montrer_curseur(self) -> None:
        nouveau = self.curseur
        hauteur = max(self.scrollable_content_region.height - 1, 1)
        haut = self.scroll_offset.y
        if nouveau < haut:
            self.scroll_to(y=nouveau, animate=False)
        elif nouveau >= haut + hauteur:
            self.scroll_to(y=nouveau - hauteur + 1, animate=False)

    def action_curseur(self, pas: int) -> None:
        if self._visibles:
            self.curseur = max(0, min(len(self._visibles) - 1, self.curseur + pas))

    def action_page(self, sens: int) -> None:
        self.action_curseur(sens * max(self.size.height - 2, 1))

    def action_extremite(self, fin: int) -> None:
        if self._visibles:
            self.curseur = len(self._visibles) - 1 if fin else 0

    def action_ouvrir(self) -> None:
        if (ligne := self.ligne_courante) is not None:
            self.post_message(self.Ouvrir(ligne))

    def action_trier(self) -> None:
        """Sort by the next column (the header shows which, ▲ or ▼)."""
        cles = [c.cle for c in self.COLONNES]
        montrees = {c.cle for c, largeur in zip(self.COLONNES, self._largeurs()) if largeur}
        i = cles.index(self.tri)
        suivante = next((c for c in cles[i + 1:] + cles[:i + 1] if c in montrees), cles[0])
        self.trier(suivante, False)

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
        for colonne, largeur in zip(self.COLONNES, self._largeurs()):
            if not largeur:
                continue
            if debut <= x < debut + largeur + 1:
                descendant = not self.tri_descendant if colonne.cle == self.tri else False
                self.trier(colonne.cle, descendant)
                return
            debut += largeur + 1


_LARGEUR_MIN = 12  # of the flexible column


def _ajuster(texte: str, largeur: int, a_droite: bool) -> str:
    """Pad or cut `texte` to exactly `largeur` cells, marking a cut with an ellipsis."""
    if cell_len(texte) > largeur:
        return set_cell_size(texte, largeur - 1) + "…"
    if a_droite:
        return " " * (largeur - cell_len(texte)) + texte
    return set_cell_size(texte, largeur)
