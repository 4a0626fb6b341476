"""Choosing a file in a folder tree instead of typing its path (pièces, revised documents, imports).

A modal: Textual's DirectoryTree, starting at the folder of the path already typed (or the home
folder), and an Input showing the path chosen. Enter or a double click on a file chooses it,
Escape cancels. Hidden files are not listed; a filter by extension can narrow the list (Ctrl+T
shows every file). The picker only proposes a path: whoever asked checks it as if it had been
typed (chemin_colle, verifier_fichier_source…), so nothing here needs to trust it.

Folders are read in a worker thread with os.scandir, which tells files from folders without a
stat per entry, so a folder of thousands of files neither freezes the screen nor floods it (only
the first LIMITE entries are listed). Symbolic links are shown, marked, and never followed: a
linked folder does not open (its path can be typed), a linked file can be chosen and is then
checked by the caller like any path.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DirectoryTree, Input, Label, Static
from textual.widgets.directory_tree import DirEntry
from textual.widgets.tree import TreeNode
from textual.worker import Worker, get_current_worker

from recouvrement_tui.domain.texte import chemin_colle

LIMITE = 2000  # entries listed per folder; beyond, the path is better typed

# Extensions proposed for an import from the accounting (an old .xls or an .ods is listed so
# that choosing it gets the message saying how to convert it).
EXTENSIONS_IMPORT = (".csv", ".txt", ".tsv", ".xlsx", ".xls", ".ods")

_DOSSIER, _FICHIER, _LIEN = "dossier", "fichier", "lien"


def dossier_de_depart(texte: str) -> Path:
    """Where the tree opens: the folder of the path typed (its nearest existing ancestor), else home."""
    tape = chemin_colle(texte)
    if tape:
        try:
            chemin = Path(os.path.abspath(Path(tape).expanduser()))
        except (OSError, RuntimeError, ValueError):
            chemin = None
        if chemin is not None:
            for candidat in (chemin, *chemin.parents):
                try:
                    if candidat.is_dir():
                        return candidat
                except (OSError, ValueError):
                    continue
    try:
        return Path.home()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(os.curdir))


def _cache(entree: os.DirEntry[str]) -> bool:
    """Hidden: a dot name, or the Windows hidden attribute (free to read from scandir there)."""
    if entree.name.startswith("."):
        return True
    if os.name == "nt":
        try:
            return bool(getattr(entree.stat(follow_symlinks=False), "st_file_attributes", 0) & 2)
        except OSError:
            return False
    return False


class ArbreFichiers(DirectoryTree):
    """A DirectoryTree that never follows links, hides hidden files and may filter by extension."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("backspace", "parent", "Dossier parent", id="choix_fichier.parent"),
    ]

    def __init__(self, path: str | Path, extensions: tuple[str, ...] = (), **kwargs) -> None:
        self.extensions = tuple(e.lower() for e in extensions)
        self._genres: dict[Path, str] = {}  # filled by the worker: folder, file or link
        self._coupes: dict[Path, int] = {}  # folders listed partly: how many entries left out
        self._clic_simple = False
        super().__init__(path, **kwargs)

    # --- reading, in the worker thread ---------------------------------------------------

    def _directory_content(self, location: Path, worker: Worker) -> Iterator[Path]:
        gardees = 0
        try:
            with os.scandir(location) as entrees:
                for entree in entrees:
                    if worker.is_cancelled:
                        break
                    try:
                        if _cache(entree):
                            continue
                        if entree.is_symlink():
                            genre = _LIEN
                        elif entree.is_dir(follow_symlinks=False):
                            genre = _DOSSIER
                        else:
                            genre = _FICHIER
                    except OSError:
                        continue
                    chemin = Path(entree.path)
                    if genre != _DOSSIER and self.extensions and chemin.suffix.lower() not in self.extensions:
                        continue
                    if gardees >= LIMITE:
                        self._coupes[location] = self._coupes.get(location, 0) + 1
                        continue
                    gardees += 1
                    self._genres[chemin] = genre
                    yield chemin
        except OSError:
            return

    @work(thread=True, exit_on_error=False)
    def _load_directory(self, node: TreeNode[DirEntry]) -> list[Path]:
        # As DirectoryTree's, without resolving the folder: a link in its path is not followed
        # either, and the paths shown are the ones the user navigated.
        assert node.data is not None
        self._coupes.pop(node.data.path, None)
        return sorted(
            self._directory_content(node.data.path, get_current_worker()),
            key=lambda chemin: (self._genres.get(chemin) != _DOSSIER, chemin.name.lower()),
        )

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return paths  # done while reading (_directory_content)

    def _safe_is_dir(self, path: Path) -> bool:  # type: ignore[override]  # a static method upstream
        genre = self._genres.get(path)
        if genre is not None:
            return genre == _DOSSIER
        try:
            return path.is_dir() and not path.is_symlink()
        except OSError:
            return False

    # --- showing, on the main thread -------------------------------------------------------

    def _populate_node(self, node: TreeNode[DirEntry], content: Iterable[Path]) -> None:
        node.remove_children()
        for chemin in content:
            genre = self._genres.get(chemin, _FICHIER)
            libelle = f"{chemin.name} (lien, non suivi)" if genre == _LIEN else chemin.name
            node.add(libelle, data=DirEntry(chemin), allow_expand=genre == _DOSSIER)
        assert node.data is not None
        if coupes := self._coupes.get(node.data.path):
            node.add_leaf(f"… et {coupes} autres éléments : tapez le chemin du fichier", data=None)
        node.expand()

    def genre(self, chemin: Path) -> str:
        return self._genres.get(chemin, _FICHIER)

    # --- choosing --------------------------------------------------------------------------

    async def _on_click(self, event: events.Click) -> None:
        # A single click on a file only puts the cursor on it; a double click chooses it.
        # Tree's handler is called here, with the flag set, and not again after this one.
        self._clic_simple = event.chain < 2
        try:
            await super()._on_click(event)
        finally:
            self._clic_simple = False
        event.prevent_default()

    def action_select_cursor(self) -> None:
        noeud = self.cursor_node
        if self._clic_simple and noeud is not None and not noeud.allow_expand:
            return
        super().action_select_cursor()

    def action_parent(self) -> None:
        chemin = Path(self.path)
        if chemin.parent != chemin:
            self.path = chemin.parent


class ChoixFichier(ModalScreen[str | None]):
    """Pick a file; dismisses with its path, or None when cancelled."""

    BINDINGS = [
        Binding("escape", "annuler", "Annuler", id="choix_fichier.annuler"),
        Binding("ctrl+t", "tous", "Tous les fichiers", id="choix_fichier.tous"),
    ]

    def __init__(self, titre: str = "Choisir un fichier", depart: str = "", extensions: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.titre = titre
        self.depart = depart
        self.extensions = extensions

    def _aide(self) -> str:
        filtre = ""
        if self.extensions:
            filtre = f" Fichiers {', '.join(self.extensions)} seulement (Ctrl+T : tous)."
        return ("Entrée ou double clic : choisir le fichier. Retour arrière : dossier parent. "
                f"Échap : annuler.{filtre}")

    def compose(self) -> ComposeResult:
        with Vertical(id="choix-fichier"):
            yield Label(self.titre, id="choix-fichier-titre")
            yield Static(self._aide(), id="choix-fichier-aide")
            yield ArbreFichiers(dossier_de_depart(self.depart), self.extensions, id="choix-fichier-arbre")
            yield Input(chemin_colle(self.depart), placeholder="chemin du fichier", id="choix-fichier-chemin")
            with Horizontal(id="choix-fichier-boutons"):
                yield Button("Choisir", variant="primary", id="choix-fichier-choisir")
                yield Button("Annuler", id="choix-fichier-annuler")

    @property
    def arbre(self) -> ArbreFichiers:
        return self.query_one(ArbreFichiers)

    @property
    def entree(self) -> Input:
        return self.query_one("#choix-fichier-chemin", Input)

    def on_mount(self) -> None:
        self.arbre.focus()

    @on(DirectoryTree.NodeHighlighted, "#choix-fichier-arbre")
    def _surligne(self, event: DirectoryTree.NodeHighlighted[DirEntry]) -> None:
        if event.node.data is not None and event.node is not self.arbre.root:
            self.entree.value = str(event.node.data.path)

    @on(DirectoryTree.FileSelected, "#choix-fichier-arbre")
    def _fichier(self, event: DirectoryTree.FileSelected) -> None:
        event.stop()
        if self.arbre.genre(event.path) == _LIEN and self.arbre._safe_is_dir(event.path.resolve()):
            self.notify("Ce lien mène à un dossier : il n'est pas suivi. Tapez le chemin du fichier voulu.",
                        severity="warning")
            return
        self.dismiss(str(event.path))

    @on(DirectoryTree.DirectorySelected, "#choix-fichier-arbre")
    def _dossier(self, event: DirectoryTree.DirectorySelected) -> None:
        event.stop()
        self.entree.value = str(event.path)

    @on(Input.Submitted, "#choix-fichier-chemin")
    def _tape(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_choisir()

    @on(Button.Pressed, "#choix-fichier-choisir")
    def _bouton_choisir(self) -> None:
        self.action_choisir()

    @on(Button.Pressed, "#choix-fichier-annuler")
    def _bouton_annuler(self) -> None:
        self.action_annuler()

    def action_choisir(self) -> None:
        """The path in the Input: a folder opens in the tree, anything else is the choice."""
        texte = chemin_colle(self.entree.value)
        if not texte:
            self.notify("Choisissez un fichier dans la liste ou tapez son chemin.", severity="warning")
            return
        chemin = Path(texte).expanduser()
        try:
            dossier = chemin.is_dir() and not chemin.is_symlink()
        except (OSError, ValueError):
            dossier = False
        if dossier:
            self.arbre.path = chemin
            self.arbre.focus()
            return
        self.dismiss(texte)

    def action_tous(self) -> None:
        self.extensions = ()
        self.arbre.extensions = ()
        self.query_one("#choix-fichier-aide", Static).update(self._aide())
        self.arbre.reload()

    def action_annuler(self) -> None:
        self.dismiss(None)
