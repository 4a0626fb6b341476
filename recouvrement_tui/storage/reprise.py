"""After a crash: recognise what an interrupted process left in the data folder, and tidy it.

Every write here is staged so that a process killed at any instant leaves only one of these,
each recognisable by its name:
- `.chantier-…/` a dossier being created or restored (storage.chantier): its builder holds
  its lock while alive; once the lock can be taken, the builder is dead and it is removed;
- `.ancien-<reference>-…/` (and `.<reference>.avant-import/`, from older versions) the old
  dossier set aside during a replacement: put back if the dossier is missing, else removed;
- `.<name>.<random>.tmp` a file written but not yet renamed into place (storage.atomique):
  removed once older than AGE_ABANDON (a live write takes milliseconds);
- `pieces/.en-attente-<inode>` a pièce copied but not yet recorded (storage.documents):
  that very copy (same inode and hash) is removed unless the dossier records it;
- an empty dossier folder with no dossier.json (older versions' interrupted creation).
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from recouvrement_tui.storage.atomique import est_temporaire
from recouvrement_tui.storage.chantier import (
    MOTIF_ANCIEN as _ANCIEN,
)
from recouvrement_tui.storage.chantier import (
    PREFIXE_ANCIEN,
    PREFIXE_CHANTIER,
    SOUS_DOSSIERS,
    VERROU,
)
from recouvrement_tui.storage.chantier import (
    vide as _vide,
)
from recouvrement_tui.storage.confinement import est_lien, motif_dossier_refuse
from recouvrement_tui.storage.documents import (
    PIECES,
    PREFIXE_EN_ATTENTE,
    empreinte_fichier,
    lire_marque,
)
from recouvrement_tui.storage.dossiers import FICHIER, DepotDossiers, est_reference
from recouvrement_tui.storage.erreurs import ErreurStockage

AGE_ABANDON = 600.0  # seconds: far above any single write, far below a working day


@dataclass
class Reprise:
    """What was found and done; `remis_en_place` are dossiers restored from an interrupted swap."""

    remis_en_place: list[str] = field(default_factory=list)
    supprimes: list[str] = field(default_factory=list)

    @property
    def message(self) -> str:
        if not self.remis_en_place:
            return ""
        return (
            "Remplacement interrompu : "
            + ", ".join(self.remis_en_place)
            + " remis dans l'état d'avant la restauration."
        )


def reprendre(racine: Path, *, profond: bool = True, age: float = AGE_ABANDON, maintenant: float | None = None) -> Reprise:
    """Tidy what interrupted processes left in `racine`; never touches a live process's work.

    `profond` also looks inside every dossier folder (about 0.3 s at 10,000 dossiers, so the
    TUI does it once, in the background); without it only the data folder's own entries are
    looked at (a few ms), which is where an interrupted creation or replacement shows.
    """
    racine = Path(racine)
    # Not the clock of system.horloge: ages are compared with file mtimes, which the operating
    # system writes in its own epoch seconds, so the same source must measure "now".
    maintenant = time.time() if maintenant is None else maintenant
    reprise = Reprise()
    try:
        entrees = list(os.scandir(racine))
    except OSError:
        return reprise
    for entree in entrees:
        nom = entree.name
        try:
            if nom.startswith(PREFIXE_CHANTIER) and entree.is_dir(follow_symlinks=False):
                _chantier_abandonne(Path(entree.path), reprise)
            elif (ancien := _ANCIEN.fullmatch(nom)) and entree.is_dir(follow_symlinks=False):
                _ancien(racine, Path(entree.path), ancien["a"] or ancien["b"], reprise)
            elif est_temporaire(nom) and _vieux(entree, maintenant, age):
                os.unlink(entree.path)
                reprise.supprimes.append(nom)
            elif profond and est_reference(nom) and entree.is_dir(follow_symlinks=False):
                _dossier(Path(entree.path), reprise, maintenant, age)
        except (OSError, ValueError, MemoryError):
            continue  # a colleague's file we may not touch, a planted oddity, or gone meanwhile
    return reprise


def _vieux(entree: os.DirEntry, maintenant: float, age: float) -> bool:
    return maintenant - entree.stat(follow_symlinks=False).st_mtime > age


def _chantier_abandonne(chemin: Path, reprise: Reprise) -> None:
    from filelock import FileLock, Timeout  # here, as in storage.dossiers: only a leftover pays its import

    verrou = FileLock(str(chemin / VERROU), timeout=0)
    try:
        verrou.acquire()
    except Timeout:
        return  # its builder is alive
    try:
        shutil.rmtree(chemin, ignore_errors=True)
        reprise.supprimes.append(chemin.name)
    finally:
        verrou.release()


def _ancien(racine: Path, chemin: Path, reference: str, reprise: Reprise) -> None:
    dossier = racine / reference
    if _vide(dossier):
        shutil.rmtree(dossier, ignore_errors=True)  # only a lock file a late save recreated
    if os.path.lexists(dossier):
        # The replacement went through (the set-aside folder is the old version) — unless this
        # is an older version's backup (.<ref>.avant-import), which restored dossier.json before
        # the pièces: that one is left for a person to compare, never removed.
        if chemin.name.startswith(PREFIXE_ANCIEN) and (dossier / FICHIER).is_file():
            shutil.rmtree(chemin, ignore_errors=True)
            reprise.supprimes.append(chemin.name)
        return
    os.rename(chemin, dossier)
    reprise.remis_en_place.append(reference)


def _dossier(chemin: Path, reprise: Reprise, maintenant: float, age: float) -> None:
    fichiers = list(os.scandir(chemin))
    if not any(f.name == FICHIER for f in fichiers):
        _creation_interrompue(chemin, reprise, maintenant, age)
        return
    if motif_dossier_refuse(chemin, FICHIER):
        return  # a link or a damaged folder: the list says why; nothing is touched through it
    for sous in ("", *SOUS_DOSSIERS):
        repertoire = chemin / sous
        if sous and (est_lien(repertoire) or not repertoire.is_dir()):
            continue  # a symlinked pieces/ could lead anywhere: never tidied through
        try:
            contenu = list(os.scandir(repertoire)) if sous else fichiers
        except OSError:
            continue
        for f in contenu:
            if est_temporaire(f.name) and _vieux(f, maintenant, age):
                os.unlink(f.path)
                reprise.supprimes.append(f"{chemin.name}/{sous}/{f.name}".replace("//", "/"))
            elif sous == PIECES and f.name.startswith(PREFIXE_EN_ATTENTE) and _vieux(f, maintenant, age):
                _piece_en_attente(chemin, Path(f.path), reprise)


def _creation_interrompue(chemin: Path, reprise: Reprise, maintenant: float, age: float) -> None:
    """An older version made the folder first, then wrote into it: an empty one is a leftover
    (something real in it is left for the user: the list says the dossier is damaged)."""
    if _vide(chemin) and maintenant - chemin.stat().st_mtime > age:
        shutil.rmtree(chemin, ignore_errors=True)
        reprise.supprimes.append(chemin.name)


def _piece_en_attente(dossier: Path, marque: Path, reprise: Reprise) -> None:
    """A pièce whose copy began but whose record may not have been saved: removed only if it is
    that very copy (same inode, modification time, size and SHA-256) and nothing records it."""
    attendu = lire_marque(marque)
    if attendu is not None:
        inode, empreinte, mtime, taille = attendu
        try:
            enregistrees = {p.fichier for p in DepotDossiers(dossier.parent, fsync=False).charger(dossier.name).pieces}
        except ErreurStockage:
            return  # damaged: the list says so, and its pièces are left alone
        for f in os.scandir(dossier / PIECES):
            if (f.is_file(follow_symlinks=False) and not f.name.startswith(".") and f.name not in enregistrees
                    and f.inode() == inode and (etat := f.stat(follow_symlinks=False)).st_size == taille
                    and etat.st_mtime_ns == mtime and empreinte_fichier(Path(f.path)) == empreinte):
                os.unlink(f.path)
                reprise.supprimes.append(f"{dossier.name}/{PIECES}/{f.name}")
    marque.unlink(missing_ok=True)
