"""Crash-safe file replacement: the old content or the new, never a mix.

Files are created the way the user's umask says (a team sharing a data folder sets it to
0002 and a setgid group folder), not 0600 as `tempfile.mkstemp` would: a colleague must be
able to read and save what another wrote. A file that is replaced keeps its mode and, where
the system allows it, its group.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


def jeton(octets: int) -> str:
    """A random name part, as secrets.token_hex (os.urandom, hex) without importing hmac and
    hashlib with it: 2 ms of every start (issue 18)."""
    return os.urandom(octets).hex()


SUFFIXE_TEMPORAIRE = ".tmp"
# Hidden temporary files all start with "." and end with SUFFIXE_TEMPORAIRE: a process killed
# between writing one and renaming it leaves such a file behind, which `nettoyer_temporaires`
# recognises and removes.


def creer_exclusif(chemin: Path) -> int:
    """A new file opened for writing (FileExistsError if the name is taken), mode 0666 & ~umask."""
    drapeaux = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    return os.open(chemin, drapeaux, 0o666)


def creer_temporaire(dossier: Path, prefixe: str) -> tuple[int, str]:
    """A new hidden temporary file in `dossier`, named as `nettoyer_temporaires` recognises it
    (prefixe + random + SUFFIXE_TEMPORAIRE), opened for writing: its descriptor and path."""
    for _ in range(100):
        temporaire = os.path.join(dossier, f"{prefixe}{jeton(4)}{SUFFIXE_TEMPORAIRE}")
        try:
            return creer_exclusif(Path(temporaire)), temporaire
        except FileExistsError:
            continue
    raise FileExistsError(f"aucun nom temporaire libre dans {dossier}")  # pragma: no cover - 100 collisions


def ecrire_temporaire(
    dossier: Path, contenu: bytes, *, prefixe: str, fsync: bool = True, modele: Path | None = None
) -> str:
    """Write `contenu` to a new hidden temporary file in `dossier`, flushed to disk; its path.

    `modele`, if it exists, is the file this one will replace: its mode and group are copied.
    The caller renames or links it into place, then removes it on failure.
    """
    fd, temporaire = creer_temporaire(dossier, prefixe)
    try:
        _reprendre_droits(fd, modele)
        with os.fdopen(fd, "wb") as fichier:
            fichier.write(contenu)
            fichier.flush()
            if fsync:
                os.fsync(fichier.fileno())
    except BaseException:
        os.unlink(temporaire)
        raise
    return temporaire


def _reprendre_droits(fd: int, modele: Path | None) -> None:
    """Give the new file the mode and group of the file it replaces (best effort)."""
    if modele is None:
        return
    try:
        etat = os.stat(modele, follow_symlinks=False)
    except OSError:
        return
    if not stat.S_ISREG(etat.st_mode):
        return  # a link's own mode is 0777: replacing a link gives a file the umask's mode
    try:
        os.fchmod(fd, etat.st_mode & 0o666)  # read and write bits only: data files never run
    except (OSError, AttributeError):  # AttributeError: Windows has no fchmod
        pass
    try:
        os.fchown(fd, -1, etat.st_gid)  # allowed when we belong to that group
    except (OSError, AttributeError):
        pass


def ecrire_atomiquement(chemin: Path, contenu: bytes, *, fsync: bool = True) -> None:
    """Write `contenu` to a temporary file beside `chemin`, flush it to disk, then rename.

    `os.replace` is atomic on POSIX and Windows when both names are on one filesystem,
    which is why the temporary file lives in the same folder.
    """
    dossier = chemin.parent
    temporaire = ecrire_temporaire(dossier, contenu, prefixe=f".{chemin.name}.", fsync=fsync, modele=chemin)
    try:
        os.replace(temporaire, chemin)
    except BaseException:
        try:
            os.unlink(temporaire)
        except FileNotFoundError:
            pass
        raise
    if fsync:
        synchroniser_dossier(dossier)


def creer_repertoire(chemin: Path) -> None:
    """mkdir with the umask's mode (unlike tempfile.mkdtemp's 0700); FileExistsError if taken."""
    os.mkdir(chemin, 0o777)


def synchroniser_dossier(dossier: Path) -> None:
    """Make a rename or link in `dossier` durable (POSIX); Windows has no directory fsync."""
    if hasattr(os, "O_DIRECTORY"):
        dfd = os.open(dossier, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)


def est_temporaire(nom: str) -> bool:
    """A leftover of `ecrire_temporaire` (a process killed before its rename)."""
    return nom.startswith(".") and nom.endswith(SUFFIXE_TEMPORAIRE)
