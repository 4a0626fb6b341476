"""Paths that stay where they belong: nothing recorded in a dossier leads outside its folder.

A dossier.json is data anyone may have edited or received: a journal entry's document path
or a pièce name in it is never trusted as a path. `chemin_confine` turns such a relative
name into a path inside the dossier folder, or refuses it. Symbolic links are never
followed: a link in a shared data folder can point at another dossier, at another
colleague's files or at a system file, and reading or writing through it would act there.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import BinaryIO

from recouvrement_tui.domain.erreurs import ErreurSaisie, raison_systeme
from recouvrement_tui.storage.erreurs import ErreurStockage


class CheminRefuse(ErreurStockage):
    """A path recorded in a dossier leads outside it, or through a symbolic link."""


def est_lien(chemin: Path) -> bool:
    """A symbolic link (or a Windows junction), whatever it points at, even nothing."""
    try:
        if os.path.islink(chemin):
            return True
        est_jonction = getattr(os.path, "isjunction", None)  # Python 3.12+
        return bool(est_jonction and est_jonction(chemin))
    except (OSError, ValueError):
        return False


def cible_du_lien(chemin: Path) -> str:
    """Where a link points, for a message ("?" if it cannot be read)."""
    try:
        return os.readlink(chemin)
    except (OSError, ValueError):
        return "?"


@contextmanager
def fichier_ordinaire(chemin: Path) -> Iterator[BinaryIO | None]:
    """The file at `chemin` opened for reading, without following a link and without blocking on
    a named pipe (which would hang the reader for ever); None when what stands there is not a
    regular file (a pipe, a device, a folder). Checked on the opened file itself, so nothing can
    be swapped in between. OSError as os.open raises it (FileNotFoundError, ELOOP for a link)."""
    fd = os.open(chemin, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
                 | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as fichier:
        yield fichier if stat.S_ISREG(os.fstat(fd).st_mode) else None


def motif_lien(chemin: Path, quoi: str) -> str:
    return (
        f"{quoi} est un lien symbolique : il mène à {cible_du_lien(chemin)}. L'application ne suit pas les liens "
        "(ils pourraient la faire lire ou écrire hors du dossier de données) : remplacez le lien par une copie "
        "du dossier ou du fichier."
    )


def motif_dossier_refuse(dossier: Path, fichier: str) -> str:
    """Why the dossier folder `dossier` (whose data file is `fichier`) must not be read, or ""."""
    reference = dossier.name
    if est_lien(dossier):
        return motif_lien(dossier, f"Le dossier {reference}")
    donnees = dossier / fichier
    if est_lien(donnees):
        return motif_lien(donnees, f"Le fichier {fichier} du dossier {reference}")
    try:
        mode = os.stat(donnees, follow_symlinks=False).st_mode
    except OSError:
        return ""  # absent or unreadable: the reader says so in its own words
    if stat.S_ISDIR(mode):
        return (
            f"Dans le dossier {reference}, {fichier} est un répertoire et non un fichier : il n'a pas été modifié. "
            "Renommez-le et restaurez le fichier depuis une sauvegarde."
        )
    if not stat.S_ISREG(mode):
        return f"Dans le dossier {reference}, {fichier} n'est pas un fichier ordinaire : il n'est ni lu ni modifié."
    return ""


def _composants(relatif: str) -> list[str]:
    """The parts of a relative name recorded in a dossier, or CheminRefuse."""
    if not isinstance(relatif, str) or not relatif.strip():
        raise CheminRefuse("Un chemin vide est inscrit au dossier : il est ignoré.")
    if "\x00" in relatif or len(relatif) > 1024:
        raise CheminRefuse("Un chemin inscrit au dossier est invalide : il est ignoré.")
    posix, windows = PurePosixPath(relatif), PureWindowsPath(relatif)
    if posix.is_absolute() or windows.drive or windows.root or relatif.startswith(("/", "\\")):
        raise CheminRefuse(
            f"Le chemin « {relatif} » inscrit au dossier est absolu : seul un fichier du dossier lui-même peut être "
            "lu ou ouvert, il est refusé."
        )
    parties = [p for p in relatif.replace("\\", "/").split("/")]
    if any(p in ("", ".", "..") for p in parties):
        raise CheminRefuse(
            f"Le chemin « {relatif} » inscrit au dossier sort de son dossier ou est mal formé : il est refusé."
        )
    return parties


def chemin_confine(dossier: Path, relatif: str) -> Path:
    """`dossier / relatif`, checked to stay inside `dossier` without crossing a symbolic link.

    Raises CheminRefuse (a French message) for an absolute name, a "..", a link on the way
    or at the end, or a result that resolves elsewhere. The file itself need not exist.
    """
    dossier = Path(dossier)
    parties = _composants(relatif)
    if est_lien(dossier):
        raise CheminRefuse(motif_lien(dossier, f"Le dossier {dossier.name}"))
    chemin = dossier
    for partie in parties:
        chemin = chemin / partie
        if est_lien(chemin):
            raise CheminRefuse(motif_lien(chemin, f"« {relatif} »"))
    try:
        dedans = chemin.resolve().is_relative_to(dossier.resolve())
    except (OSError, RuntimeError, ValueError):
        dedans = False
    if not dedans:
        raise CheminRefuse(f"Le chemin « {relatif} » inscrit au dossier mène hors de son dossier : il est refusé.")
    return chemin


def verifier_fichier_source(source: Path) -> None:
    """Refuse, in French and before anything is read or written, a file given to attach or to
    import that is missing, a directory, a pipe or a device (a FIFO would block for ever)."""
    try:
        etat = source.stat()
    except FileNotFoundError:
        raise ErreurSaisie("fichier", f"Le fichier {source} n'existe pas : indiquez le chemin complet du fichier.") from None
    except NotADirectoryError:
        raise ErreurSaisie("fichier", f"Le chemin {source} passe par un fichier comme s'il était un dossier : "
                                      "indiquez le chemin complet du fichier.") from None
    except PermissionError:
        raise ErreurSaisie("fichier", f"Le fichier {source} est inaccessible : vos droits ne permettent pas "
                                      "d'ouvrir son dossier.") from None
    except OSError as erreur:
        raise ErreurSaisie("fichier", f"Le chemin {source} n'est pas utilisable ({raison_systeme(erreur)}).") from None
    if stat.S_ISDIR(etat.st_mode):
        raise ErreurSaisie("fichier", f"{source} est un dossier : indiquez le fichier lui-même, pas son dossier.")
    if not stat.S_ISREG(etat.st_mode):
        raise ErreurSaisie("fichier", f"{source} n'est pas un fichier ordinaire (périphérique, tube…) : "
                                      "il ne peut être ni joint ni importé.")
    try:
        with open(source, "rb"):
            pass
    except PermissionError:
        raise ErreurSaisie("fichier", f"Le fichier {source} ne peut pas être lu : vos droits ne le permettent pas.") from None
    except OSError as erreur:
        raise ErreurSaisie("fichier", f"Le fichier {source} ne peut pas être lu ({raison_systeme(erreur)}).") from None
