"""Crash-safe file replacement: the old content or the new, never a mix."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def ecrire_temporaire(dossier: Path, contenu: bytes, *, prefixe: str, fsync: bool = True) -> str:
    """Write `contenu` to a new hidden temporary file in `dossier`, flushed to disk; its path.

    The caller renames or links it into place, then removes it on failure.
    """
    fd, temporaire = tempfile.mkstemp(prefix=prefixe, suffix=".tmp", dir=dossier)
    try:
        with os.fdopen(fd, "wb") as fichier:
            fichier.write(contenu)
            fichier.flush()
            if fsync:
                os.fsync(fichier.fileno())
    except BaseException:
        os.unlink(temporaire)
        raise
    return temporaire


def ecrire_atomiquement(chemin: Path, contenu: bytes, *, fsync: bool = True) -> None:
    """Write `contenu` to a temporary file beside `chemin`, flush it to disk, then rename.

    `os.replace` is atomic on POSIX and Windows when both names are on one filesystem,
    which is why the temporary file lives in the same folder.
    """
    dossier = chemin.parent
    temporaire = ecrire_temporaire(dossier, contenu, prefixe=f".{chemin.name}.", fsync=fsync)
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


def synchroniser_dossier(dossier: Path) -> None:
    """Make a rename or link in `dossier` durable (POSIX); Windows has no directory fsync."""
    if hasattr(os, "O_DIRECTORY"):
        dfd = os.open(dossier, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
