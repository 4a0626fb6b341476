"""Crash-safe file replacement: the old content or the new, never a mix."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def ecrire_atomiquement(chemin: Path, contenu: bytes, *, fsync: bool = True) -> None:
    """Write `contenu` to a temporary file beside `chemin`, flush it to disk, then rename.

    `os.replace` is atomic on POSIX and Windows when both names are on one filesystem,
    which is why the temporary file lives in the same folder.
    """
    dossier = chemin.parent
    fd, temporaire = tempfile.mkstemp(prefix=f".{chemin.name}.", suffix=".tmp", dir=dossier)
    try:
        with os.fdopen(fd, "wb") as fichier:
            fichier.write(contenu)
            fichier.flush()
            if fsync:
                os.fsync(fichier.fileno())
        os.replace(temporaire, chemin)
    except BaseException:
        try:
            os.unlink(temporaire)
        except FileNotFoundError:
            pass
        raise
    if fsync and hasattr(os, "O_DIRECTORY"):
        # Make the rename itself durable (POSIX); Windows has no directory fsync.
        dfd = os.open(dossier, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
