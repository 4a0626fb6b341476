"""Generated documents and attached pieces on disk: versions that are never overwritten.

A version is `documents/<date>_<modele>_v<N>.docx`; N counts every version of that template
in the dossier, whatever its date. A file is created with a hard link from a finished
temporary file, which fails rather than replace a file of the same name: two instances
generating at once get v3 and v4, never one over the other.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import io
import os
import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path

from recouvrement_tui.domain.erreurs import raison_systeme
from recouvrement_tui.storage.atomique import ecrire_atomiquement, ecrire_temporaire, synchroniser_dossier
from recouvrement_tui.storage.confinement import (
    CheminRefuse,
    chemin_confine,
    est_lien,
    fichier_ordinaire,
    motif_lien,
)
from recouvrement_tui.storage.erreurs import ErreurStockage

__all__ = ["CheminRefuse", "chemin_confine"]  # re-exported: the way to a path recorded in a dossier

DOCUMENTS = "documents"
PIECES = "pieces"
NOM_VERSION = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})_(?P<modele>[a-z0-9_]+)_v(?P<version>\d+)\.docx$", re.ASCII)
TAILLE_MAX = 50 * 1024 * 1024  # a Word letter is kilobytes; 50 MB is surely not one


@dataclass(frozen=True)
class FichierDocument:
    chemin_relatif: str  # "documents/2026-11-23_mise_en_demeure_v1.docx"
    date: dt.date
    modele: str
    version: int
    empreinte: str  # SHA-256 of the file as it is now
    modifie_le: dt.datetime
    taille: int


def empreinte(contenu: bytes) -> str:
    return hashlib.sha256(contenu).hexdigest()


def empreinte_fichier(chemin: Path) -> str:
    h = hashlib.sha256()
    with open(chemin, "rb") as fichier:
        for bloc in iter(lambda: fichier.read(1 << 16), b""):
            h.update(bloc)
    return h.hexdigest()


def lister_documents(dossier: Path) -> list[FichierDocument]:
    """The versions in a dossier folder, by template then version.

    A symbolic link is not a version: its target, possibly outside the data folder, is
    never read (hashed, exported or opened).
    """
    repertoire = dossier / DOCUMENTS
    if est_lien(repertoire) or not repertoire.is_dir():
        return []
    fichiers = []
    for chemin in repertoire.iterdir():
        trouve = NOM_VERSION.match(chemin.name)
        if not trouve or est_lien(chemin):
            continue
        try:
            date = dt.date.fromisoformat(trouve["date"])
            etat = chemin.stat()
            if not chemin.is_file() or etat.st_size == 0:  # a name reserved by a generation under way
                continue
            sha = empreinte_fichier(chemin)
        except (ValueError, OSError):  # an impossible date in a hand-made name; a file just removed
            continue
        fichiers.append(
            FichierDocument(
                f"{DOCUMENTS}/{chemin.name}",
                date,
                trouve["modele"],
                int(trouve["version"]),
                sha,
                dt.datetime.fromtimestamp(etat.st_mtime).replace(microsecond=0),
                etat.st_size,
            )
        )
    return sorted(fichiers, key=lambda f: (f.modele, f.version))


def prochaine_version(dossier: Path, modele: str) -> int:
    """1 + the highest version of `modele` in the folder (files only: a journal may lag)."""
    repertoire = dossier / DOCUMENTS
    versions = [
        int(t["version"])
        for chemin in (repertoire.iterdir() if repertoire.is_dir() else ())
        if (t := NOM_VERSION.match(chemin.name)) and t["modele"] == modele
    ]
    return 1 + max(versions, default=0)


def ecrire_version(
    dossier: Path, modele: str, date: dt.date, contenu: bytes, *, fsync: bool = True, apres: int = 0
) -> str:
    """Write a new version and return its path relative to the dossier folder.

    Never replaces an existing file: if another instance took the number first, the next
    number is used. `apres` is the highest number the journal knows, so that a version
    whose file was moved away keeps its number.
    """
    candidats = (
        f"{date.isoformat()}_{modele}_v{max(prochaine_version(dossier, modele), apres + 1)}.docx" for _ in range(100)
    )
    nom = _placer(dossier / DOCUMENTS, contenu, candidats, ".generation.", fsync, "Le document")
    return f"{DOCUMENTS}/{nom}"


# An e-mail as sent (or its draft), kept beside the letters: "2026-11-29_courriel_relance_amiable_1.eml".
NOM_COURRIEL = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})_courriel_(?P<modele>[a-z0-9_]+)_(?P<rang>\d+)\.eml$", re.ASCII)


def lister_courriels(dossier: Path) -> list[str]:
    """The e-mails kept in a dossier folder (paths relative to it), in name order; a symbolic
    link is not one (its target is never read)."""
    repertoire = dossier / DOCUMENTS
    if est_lien(repertoire) or not repertoire.is_dir():
        return []
    return sorted(f"{DOCUMENTS}/{c.name}" for c in repertoire.iterdir()
                  if NOM_COURRIEL.match(c.name) and not est_lien(c) and c.is_file())


def lire_fichier_borne(chemin: Path, taille_max: int, quoi: str) -> bytes:
    """The bytes of a regular file of at most `taille_max` bytes, checked on the opened file itself:
    a named pipe (which would block for ever), a device, a link or a file too big is refused
    (ErreurStockage, in French) before anything is read."""
    try:
        with fichier_ordinaire(chemin) as fichier:
            if fichier is None:
                raise ErreurStockage(f"{quoi} {chemin.name} n'est pas un fichier ordinaire : il est ignoré.")
            taille = os.fstat(fichier.fileno()).st_size
            if taille > taille_max:
                raise ErreurStockage(f"{quoi} {chemin.name} pèse {taille / 1048576:.1f} Mo, au-delà de "
                                     f"{taille_max / 1048576:.1f} Mo.")
            return fichier.read(taille_max + 1)[:taille_max]
    except OSError as erreur:
        raise ErreurStockage(f"{quoi} {chemin.name} ne peut pas être lu ({raison_systeme(erreur)}).") from None


# While an e-mail is being handed to the server, a marker in the dossier folder says so: a colleague's
# batch running at the same time skips it, and a send cut short leaves it to be checked by a person.
ENVOI_EN_COURS = ".envoi-en-cours-{cle}"


def reserver_envoi(dossier: Path, cle: str) -> Path:
    """Claim the sending of e-mail `cle` for this dossier (ErreurStockage if someone holds it)."""
    marque = dossier / ENVOI_EN_COURS.format(cle=cle)
    try:
        os.close(os.open(marque, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0), 0o664))
    except FileExistsError:
        raise ErreurStockage(
            f"Un envoi de ce courriel ({cle}) est en cours ou a été interrompu pour ce dossier (marque {marque.name}) : "
            "s'il n'est pas en cours chez un collègue, vérifiez dans les éléments envoyés de la messagerie qu'il "
            "n'est pas parti, puis supprimez ce fichier pour pouvoir le renvoyer.") from None
    except OSError as erreur:
        raise ErreurStockage(f"L'envoi ne peut pas être réservé dans {dossier} ({raison_systeme(erreur)}).") from None
    return marque


def ecrire_courriel(dossier: Path, modele: str, date: dt.date, contenu: bytes, *, fsync: bool = True) -> str:
    """Write an e-mail's .eml in documents/ under the first free name; its path relative to the dossier."""
    candidats = (f"{date.isoformat()}_courriel_{modele}_{rang}.eml" for rang in range(1, 1000))
    nom = _placer(dossier / DOCUMENTS, contenu, candidats, ".courriel.", fsync, "Le courriel")
    return f"{DOCUMENTS}/{nom}"


def _placer(repertoire: Path, contenu: bytes, candidats, prefixe: str, fsync: bool, quoi: str,
            avant_de_nommer=None) -> str:
    """Write `contenu` under the first free name among `candidats`; never replaces a file.

    `avant_de_nommer(temporary path)` runs once the content is on disk, before it gets a name.
    """
    _refuser_liens(repertoire, quoi)
    try:
        repertoire.mkdir(parents=True, exist_ok=True)
        temporaire = ecrire_temporaire(repertoire, contenu, prefixe=prefixe, fsync=fsync)
    except OSError as erreur:
        raise ErreurStockage(f"{quoi} n'a pas pu être {_ecrit(quoi)} dans {repertoire} ({raison_systeme(erreur)}).") from None
    try:
        if avant_de_nommer is not None:
            avant_de_nommer(temporaire)
    except OSError as erreur:
        os.unlink(temporaire)
        raise ErreurStockage(f"{quoi} n'a pas pu être {_ecrit(quoi)} dans {repertoire} ({raison_systeme(erreur)}).") from None
    try:
        for nom in candidats:
            try:
                _creer_sans_ecraser(temporaire, repertoire / nom)
            except FileExistsError:
                continue
            if fsync:
                synchroniser_dossier(repertoire)
            return nom
        raise ErreurStockage(f"{quoi} : aucun nom libre dans {repertoire}.")
    except OSError as erreur:
        raise ErreurStockage(f"{quoi} n'a pas pu être {_ecrit(quoi)} dans {repertoire} ({raison_systeme(erreur)}).") from None
    finally:
        try:
            os.unlink(temporaire)
        except FileNotFoundError:
            pass


def _ecrit(quoi: str) -> str:
    return "écrite" if quoi.startswith("La ") else "écrit"  # "La pièce", "Le document"


def _refuser_liens(repertoire: Path, quoi: str) -> None:
    """CheminRefuse if the dossier folder or its documents/ or pieces/ is a symbolic link."""
    for lien in (repertoire.parent, repertoire):
        if est_lien(lien):
            accord = "e" if quoi.startswith("La ") else ""
            raise CheminRefuse(f"{quoi} n'a pas été écrit{accord} : " + motif_lien(lien, f"le dossier {lien.name}"))


def _creer_sans_ecraser(temporaire: str, cible: Path) -> None:
    """Give the finished temporary file the name `cible`, failing if that name exists.

    A hard link does it atomically; FAT drives and many network shares refuse hard links,
    so there the name is first reserved with an exclusive create, then replaced.
    """
    try:
        os.link(temporaire, cible)
        return
    except FileExistsError:
        raise
    except OSError as erreur:
        if erreur.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.ENOSYS, errno.EACCES):
            raise
    os.close(os.open(cible, os.O_CREAT | os.O_EXCL | os.O_WRONLY))  # FileExistsError: taken
    os.replace(temporaire, cible)


def lire_docx_depose(chemin: Path) -> bytes:
    """The bytes of a file a user hands in as a revised version; ErreurStockage if it is not a Word file."""
    chemin = Path(chemin).expanduser()
    if not chemin.is_file():
        raise ErreurStockage(f"Le fichier {chemin} n'existe pas : indiquez le chemin complet du fichier révisé.")
    if chemin.stat().st_size > TAILLE_MAX:
        raise ErreurStockage(f"{chemin.name} dépasse 50 Mo : ce n'est pas un courrier Word.")
    try:
        contenu = chemin.read_bytes()
    except OSError as erreur:
        raise ErreurStockage(f"Le fichier {chemin} ne peut pas être lu ({raison_systeme(erreur)}).") from None
    if not _est_docx(contenu):
        raise ErreurStockage(
            f"{chemin.name} n'est pas un document Word (.docx) : enregistrez-le au format Word (.docx) puis recommencez."
        )
    return contenu


def _est_docx(contenu: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(contenu)) as archive:
            return "word/document.xml" in archive.namelist()
    except Exception:  # noqa: BLE001 - any unreadable archive is "not a Word file"
        return False


def chemin_piece(dossier: Path, nom: str) -> Path:
    """The file of the pièce `nom` that a dossier records, checked (CheminRefuse, in French).

    `nom` comes from dossier.json: a name with a folder in it ("../x", "/etc/passwd"), or a
    file that is a symbolic link, is refused, so nothing outside the dossier is ever read.
    """
    if not isinstance(nom, str) or "/" in nom or "\\" in nom:
        raise CheminRefuse(
            f"La pièce « {nom} » inscrite au dossier ne désigne pas un fichier de son dossier pieces/ : elle est refusée."
        )
    return chemin_confine(dossier, f"{PIECES}/{nom}")


def pieces_jointes(dossier: Path) -> tuple[str, ...]:
    """Names of the files attached to the dossier (its bordereau lists them)."""
    repertoire = dossier / PIECES
    if est_lien(repertoire) or not repertoire.is_dir():
        return ()
    # A symbolic link is not a pièce: its target is never read, listed or exported.
    return tuple(
        sorted(c.name for c in repertoire.iterdir() if not c.name.startswith(".") and not est_lien(c) and c.is_file())
    )


TAILLE_MAX_PIECE = 200 * 1024 * 1024


def copier_piece(
    dossier: Path, source: Path, nom: str, *, fsync: bool = True, exclus: frozenset[str] = frozenset()
) -> tuple[str, str]:
    """Copy `source` into pieces/ as `nom` (made unique: "bon (2).pdf"); (name, SHA-256).

    The original is never moved or changed; an existing piece is never replaced.
    """
    source = Path(source).expanduser()
    if not source.is_file():
        raise ErreurStockage(f"Le fichier {source} n'existe pas : indiquez le chemin complet de la pièce.")
    if source.stat().st_size > TAILLE_MAX_PIECE:
        raise ErreurStockage(f"{source.name} dépasse 200 Mo : réduisez-le (PDF compressé) avant de le joindre.")
    try:
        contenu = source.read_bytes()
    except OSError as erreur:
        raise ErreurStockage(f"Le fichier {source} ne peut pas être lu ({raison_systeme(erreur)}).") from None
    racine, point, extension = nom.rpartition(".")
    if not point:
        racine, extension = nom, ""
    # `exclus`: names the dossier records even if their file went missing. A " (n)" suffix
    # replaces the end of a long name rather than making it longer than a safe name may be.
    suffixe = f".{extension}" if extension else ""
    candidats = (
        c for c in (nom if rang == 1 else f"{racine[:90]} ({rang}){suffixe}" for rang in range(1, 1000))
        if c not in exclus
    )
    sha = empreinte(contenu)
    marques: list[Path] = []
    try:
        nom = _placer(dossier / PIECES, contenu, candidats, ".piece.", fsync, "La pièce",
                      avant_de_nommer=lambda temporaire: marques.append(_marquer_en_attente(temporaire, sha, fsync)))
    except BaseException:
        for marque in marques:  # nothing was placed: the mark must not outlive the attempt
            marque.unlink(missing_ok=True)
        raise
    return nom, sha


# A pièce is copied first, then recorded in dossier.json. A process killed in between would
# leave a copy nobody recorded, indistinguishable from a file dropped in by hand. So before the
# copy gets its name, a mark is written beside it, named after the copy's inode (the same file
# under its final name: a hard link, or the renamed temporary) and holding its SHA-256, its
# modification time to the nanosecond and its size. The mark goes once the record is saved
# (or the copy removed); storage.reprise removes a copy whose mark outlived its process only
# if all of these match and nothing records it: a file a user dropped in by hand, even one
# that reuses a freed inode, has its own modification time and is never taken for it.
PREFIXE_EN_ATTENTE = ".en-attente-"


def _marque(repertoire: Path, inode: int) -> Path:
    return repertoire / f"{PREFIXE_EN_ATTENTE}{inode}"


def _marquer_en_attente(temporaire: str, sha: str, fsync: bool) -> Path:
    etat = os.stat(temporaire)
    marque = _marque(Path(temporaire).parent, etat.st_ino)
    ecrire_atomiquement(marque, f"{sha} {etat.st_mtime_ns} {etat.st_size}".encode("ascii"), fsync=fsync)
    return marque


def marque_en_attente(dossier: Path, nom: str) -> Path | None:
    """The mark of the pièce `nom` just copied into the dossier folder `dossier`, if any."""
    try:
        return _marque(Path(dossier) / PIECES, os.stat(Path(dossier) / PIECES / nom, follow_symlinks=False).st_ino)
    except OSError:
        return None


def lire_marque(marque: Path) -> tuple[int, str, int, int] | None:
    """(inode, SHA-256, mtime_ns, size) a mark stands for, or None if it is not one of ours.

    Read without following a link and without blocking (a FIFO planted under a mark's name),
    a regular file only, 200 bytes at most (a link to /dev/zero).
    """
    try:
        inode = int(marque.name[len(PREFIXE_EN_ATTENTE):])
        fd = os.open(marque, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None
            sha, mtime, taille = os.read(fd, 200).decode("ascii").split()
        finally:
            os.close(fd)
        return (inode, sha, int(mtime), int(taille)) if len(sha) == 64 else None
    except (ValueError, OSError, UnicodeError):
        return None
