"""A dossier folder built whole beside the others, then put in place by one rename.

A new or restored dossier is never assembled in its final folder: a process killed halfway
would leave an empty or half-restored dossier that the list shows as damaged forever. It is
built in a hidden staging folder (`.chantier-…`) of the same data folder, then renamed into
place: the folder appears complete or not at all. Replacing an existing dossier exchanges
the two folders in one system call where the system has one (Linux `renameat2` with
RENAME_EXCHANGE); elsewhere the old folder is first renamed aside (`.ancien-<reference>-…`),
and `storage.reprise` puts it back if the process dies between the two renames.

While it is being built, the staging folder's lock file is held: `storage.reprise` removes
only staging folders whose lock it can take, i.e. whose builder is dead.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from recouvrement_tui.storage.atomique import creer_exclusif, creer_repertoire, jeton, synchroniser_dossier

if TYPE_CHECKING:
    from filelock import FileLock  # imported when a lock is taken (10 ms the list need not pay)

PREFIXE_CHANTIER = ".chantier-"
PREFIXE_ANCIEN = ".ancien-"
VERROU = ".verrou"
SOUS_DOSSIERS = ("documents", "pieces")
# A dossier's reference, "2026-0042" (ASCII digits only: full-width ones would make look-alikes).
REFERENCE = r"([0-9]{4})-([0-9]{4,})"
# A dossier set aside during a replacement; `.<ref>.avant-import` is an older version's name.
MOTIF_ANCIEN = re.compile(rf"(?:{re.escape(PREFIXE_ANCIEN)}(?P<a>{REFERENCE})-[0-9a-f]+|\.(?P<b>{REFERENCE})\.avant-import)")


class Chantier:
    """A hidden folder of `racine` where a dossier is assembled; removed unless installed."""

    def __init__(self, racine: Path, *, fsync: bool = True) -> None:
        self.racine = Path(racine)
        self.fsync = fsync
        self.chemin = self.racine / f"{PREFIXE_CHANTIER}{jeton(8)}"
        self._verrou: FileLock | None = None
        self.installe = False

    def __enter__(self) -> Chantier:
        creer_repertoire(self.chemin)
        try:
            from filelock import FileLock

            self._verrou = FileLock(str(self.chemin / VERROU), timeout=0)
            self._verrou.acquire()
            for nom in SOUS_DOSSIERS:
                creer_repertoire(self.chemin / nom)
        except BaseException:
            self._fermer()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self._fermer()

    def _fermer(self) -> None:
        if self._verrou is not None:
            self._verrou.release()
            self._verrou = None
        if not self.installe:
            shutil.rmtree(self.chemin, ignore_errors=True)

    @contextlib.contextmanager
    def nouveau_fichier(self, relatif: str) -> Iterator[BinaryIO]:
        """A new file at `relatif` inside the staging folder, flushed to disk when the block ends.

        `relatif` is resolved and must stay inside the folder (no "..", no link followed); the
        file must not exist yet. On any error it is removed.
        """
        cible = confiner(self.chemin, relatif)
        cible.parent.mkdir(parents=True, exist_ok=True)
        if cible.parent.resolve() != cible.parent:
            raise ValueError(f"chemin refusé : {relatif}")
        fd = creer_exclusif(cible)
        try:
            with os.fdopen(fd, "wb") as sortie:
                yield sortie
                sortie.flush()
                if self.fsync:
                    os.fsync(sortie.fileno())
        except BaseException:
            cible.unlink(missing_ok=True)
            raise

    def installer(self, cible: Path, *, remplacer: bool = False) -> None:
        """Rename the staging folder to `cible` (FileExistsError if `cible` exists and not `remplacer`).

        With `remplacer`, the caller holds the old dossier's lock; the old folder is removed
        once the new one is in place.
        """
        if self.fsync:
            for nom in ("", *SOUS_DOSSIERS):
                synchroniser_dossier(self.chemin / nom)
        if os.path.lexists(cible):
            if not remplacer:
                raise FileExistsError(errno.EEXIST, "le dossier existe déjà", str(cible))
            self._remplacer(cible)
        else:
            try:
                # POSIX rename replaces an *empty* directory: only the leftover of an older
                # version's interrupted creation can be one, and replacing it is what we want.
                os.rename(self.chemin, cible)
            except OSError as erreur:
                if erreur.errno in (errno.EEXIST, errno.ENOTEMPTY, errno.ENOTDIR):
                    raise FileExistsError(errno.EEXIST, "le dossier existe déjà", str(cible)) from None
                raise
            self.installe = True
        if self.fsync:
            synchroniser_dossier(self.racine)

    def _remplacer(self, cible: Path) -> None:
        if echanger(self.chemin, cible):
            # The staging path now holds the old dossier: removing it is all that is left.
            self.installe = False
            return
        ancien = self.racine / f"{PREFIXE_ANCIEN}{cible.name}-{jeton(4)}"
        os.rename(cible, ancien)
        try:
            os.rename(self.chemin, cible)
        except BaseException:
            os.rename(ancien, cible)
            raise
        self.installe = True
        shutil.rmtree(ancien, ignore_errors=True)


def confiner(racine: Path, relatif: str) -> Path:
    """`racine / relatif` resolved, refused (ValueError) unless it stays strictly inside `racine`."""
    base = Path(racine).resolve()
    if not relatif or os.path.isabs(relatif) or "\\" in relatif:
        raise ValueError(f"chemin refusé : {relatif}")
    cible = (base / relatif).resolve()
    if base not in cible.parents:
        raise ValueError(f"chemin refusé : {relatif}")
    return cible


def echanger(a: Path, b: Path) -> bool:
    """Atomically exchange two folders (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    import ctypes  # here: only a restore pays for it

    try:
        fonction = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    fonction.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    at_fdcwd, rename_exchange = -100, 2
    if fonction(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EPERM):
        return False  # file system or kernel without the flag: two renames instead
    raise OSError(code, os.strerror(code), str(b))


def remettre_en_place(racine: Path, reference: str) -> bool:
    """Put back the dossier `reference` if a replacement was killed between its two renames
    (asked when a dossier is not found, so that every command sees it, not only the list)."""
    racine = Path(racine)
    if os.path.lexists(racine / reference) and not vide(racine / reference):
        return False
    for ancien in sorted(racine.glob(f"{PREFIXE_ANCIEN}{reference}-*")) + [racine / f".{reference}.avant-import"]:
        if MOTIF_ANCIEN.fullmatch(ancien.name) and ancien.is_dir() and not ancien.is_symlink():
            try:
                if os.path.lexists(racine / reference):
                    shutil.rmtree(racine / reference)  # the empty folder a late lock left
                os.rename(ancien, racine / reference)
            except OSError:
                return False
            return True
    return False


def vide(dossier: Path) -> bool:
    """A folder holding nothing but a lock file and empty documents/ pieces/ (not a link)."""
    try:
        if dossier.is_symlink() or not dossier.is_dir():
            return False
        for f in os.scandir(dossier):
            if f.name == VERROU and f.is_file(follow_symlinks=False):
                continue
            if f.name in SOUS_DOSSIERS and f.is_dir(follow_symlinks=False) and not any(os.scandir(f.path)):
                continue
            return False
    except OSError:
        return False
    return True
