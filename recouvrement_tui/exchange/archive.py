"""A dossier bundle (.zip) with its manifest: written atomically, read back only once verified.

manifest.json lists every file with its SHA-256 and size, plus where it goes back in a
dossier folder. Reading refuses, before anything is written anywhere: a path that is
absolute, goes up (..), uses backslashes or a drive; a link; a name twice (in the zip or in
the manifest) or two files sent to one place; a file not in the manifest or missing from the
archive; a hash or size that differs; an absurd uncompressed size. What is restored is
exactly the list that was checked, and every target is resolved again when written.
Members are streamed (1 MiB at a time) within the size the manifest promised: a 2 MB zip
that inflates to 2 GB is cut off, not loaded. Writing streams too: a pièce goes from its file
to the zip 1 MiB at a time, hashed on the way; a compressed format (PDF, JPEG, .docx…) is
stored as is, not deflated a second time.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import io
import json
import os
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from recouvrement_tui.domain.erreurs import ErreurSaisie
from recouvrement_tui.domain.formatage import nombre
from recouvrement_tui.domain.noms import est_nom_sur
from recouvrement_tui.storage.confinement import fichier_ordinaire
from recouvrement_tui.storage.documents import NOM_COURRIEL, NOM_VERSION

MANIFESTE = "manifest.json"
FORMAT = "recouvrement-export"
TAILLE_MAX = 2 * 1024**3  # 2 GiB uncompressed: far above any dossier, far below a zip bomb
FICHIERS_MAX = 10_000
MANIFESTE_MAX = 16 * 1024**2
MORCEAU = 1024**2  # members are streamed in pieces of this size, never held whole


@dataclass(frozen=True)
class Fichier:
    nom: str  # path inside the archive, "/"-separated
    contenu: bytes = b""
    restaurer_vers: str = ""  # path in the dossier folder it comes back to ("" = not restored)
    source: Path | None = None  # when set, the member is streamed from this file (`contenu` unused)


class SourceIllisible(Exception):
    """A file to be archived could not be read (gone, not a regular file, an I/O error)."""

    def __init__(self, chemin: Path, cause: OSError) -> None:
        super().__init__(f"{chemin}: {cause}")
        self.chemin = chemin
        self.cause = cause


# Formats that are compressed already: deflating them again costs time and gains nothing.
EXTENSIONS_COMPRESSEES = frozenset({
    ".pdf", ".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".heif", ".jp2",
    ".zip", ".gz", ".tgz", ".bz2", ".xz", ".zst", ".7z", ".rar",
    ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp",
    ".mp3", ".m4a", ".mp4", ".mov", ".avi", ".mkv",
})
ECHANTILLON = 256 * 1024  # what is deflated, for a name that says nothing, to see whether it shrinks


def _deja_compresse(nom: str, debut: bytes) -> bool:
    """Stored, not deflated: a compressed format by its name, or a start that does not shrink."""
    if os.path.splitext(nom)[1].lower() in EXTENSIONS_COMPRESSEES:
        return True
    echantillon = debut[:ECHANTILLON]
    return len(echantillon) >= 4096 and len(zlib.compress(echantillon, 1)) > 0.9 * len(echantillon)


def construire(fichiers: list[Fichier], entete: dict, horodatage: dt.datetime) -> bytes:
    """The zip bytes (ecrire into memory: for small bundles and tests)."""
    sortie = io.BytesIO()
    ecrire(sortie, fichiers, entete, horodatage)
    return sortie.getvalue()


def ecrire(
    sortie: BinaryIO, fichiers: list[Fichier], entete: dict, horodatage: dt.datetime,
    avant_chaque: Callable[[Fichier], None] | None = None,
) -> None:
    """Write the zip into `sortie` (a seekable file): every file, then manifest.json describing them.

    A file given by its `source` is streamed in MORCEAU pieces and hashed on the way (read
    once, never held whole); a compressed format is stored, the rest deflated. Every member
    is dated `horodatage` (the caller's clock, read once): the same files, header and time
    give the same bytes. `avant_chaque` is called before each member (progress, cancelling).
    The caller owns `sortie` and removes it on error.
    """
    noms, cibles = set(), set()
    for f in fichiers:  # every name checked before anything is written
        if f.nom in noms or f.nom == MANIFESTE or not _chemin_sur(f.nom):
            raise ValueError(f"nom de fichier d'archive incorrect ou en double : {f.nom}")
        if f.restaurer_vers and (f.restaurer_vers in cibles or not _cible_sure(f.restaurer_vers)):
            raise ValueError(f"destination de restauration incorrecte ou en double : {f.restaurer_vers}")
        noms.add(f.nom)
        cibles.add(f.restaurer_vers)
    date_zip = (horodatage.year, horodatage.month, horodatage.day, horodatage.hour, horodatage.minute, horodatage.second)
    listes: list[dict] = []
    with zipfile.ZipFile(sortie, "w", zipfile.ZIP_DEFLATED) as archive:
        for f in fichiers:
            if avant_chaque is not None:
                avant_chaque(f)
            # A ZipInfo, not a bare name: zipfile would date the member with the computer's clock.
            info = zipfile.ZipInfo(f.nom, date_time=date_zip)
            if f.source is None:
                methode = zipfile.ZIP_STORED if _deja_compresse(f.nom, f.contenu) else zipfile.ZIP_DEFLATED
                archive.writestr(info, f.contenu, methode)
                sha, taille = hashlib.sha256(f.contenu).hexdigest(), len(f.contenu)
            else:
                sha, taille = _ajouter_source(archive, info, f.source)
            listes.append({"nom": f.nom, "sha256": sha, "taille": taille,
                           **({"restaurer_vers": f.restaurer_vers} if f.restaurer_vers else {})})
        manifeste = {"format": FORMAT, **entete, "fichiers": listes}
        archive.writestr(zipfile.ZipInfo(MANIFESTE, date_time=date_zip),
                         json.dumps(manifeste, ensure_ascii=False, indent=2), zipfile.ZIP_DEFLATED)


def _ajouter_source(archive: zipfile.ZipFile, info: zipfile.ZipInfo, chemin: Path) -> tuple[str, int]:
    """Stream the regular file `chemin` into the member `info`; its (SHA-256, size) as written.

    Opened without following a link, and checked on the opened file itself: a link or a
    named pipe put in place after the caller looked is refused, never followed or waited on.
    """
    empreinte = hashlib.sha256()
    taille = 0
    try:
        with fichier_ordinaire(chemin) as source:
            if source is None:
                raise OSError(errno.EINVAL, "ce n'est pas un fichier ordinaire")
            etat = os.fstat(source.fileno())
            morceau = source.read(MORCEAU)
            info.compress_type = zipfile.ZIP_STORED if _deja_compresse(info.filename, morceau) else zipfile.ZIP_DEFLATED
            info.file_size = etat.st_size  # zipfile decides on zip64 from it; the real size is written after
            with archive.open(info, "w", force_zip64=etat.st_size > TAILLE_MAX) as membre:
                while morceau:
                    empreinte.update(morceau)
                    taille += len(morceau)
                    membre.write(morceau)
                    morceau = source.read(MORCEAU)
    except OSError as erreur:
        raise SourceIllisible(chemin, erreur) from None
    return empreinte.hexdigest(), taille


def _chemin_sur(nom: str) -> bool:
    """Relative, no "..", and every part a name Windows, macOS and Linux all accept."""
    if not nom or "\\" in nom or nom.startswith("/"):
        return False
    parties = nom.split("/")
    return all(p not in ("", ".", "..") and est_nom_sur(p) for p in parties)


def _cible_sure(cible: str) -> bool:
    """Where a file may go back in a dossier folder: pieces/<name>, documents/<version> or an
    e-mail kept as documents/<date>_courriel_<modèle>_<n>.eml."""
    if not _chemin_sur(cible):
        return False
    parties = cible.split("/")
    return len(parties) == 2 and (parties[0] == "pieces" or (
        parties[0] == "documents" and bool(NOM_VERSION.match(parties[1]) or NOM_COURRIEL.match(parties[1]))))


@dataclass(frozen=True)
class Entree:
    """One file of a verified bundle, as the manifest lists it."""

    nom: str
    sha256: str
    taille: int
    restaurer_vers: str = ""


@dataclass(frozen=True)
class ArchiveVerifiee:
    """A bundle whose manifest and every member were checked; members are re-read on demand.

    Nothing is kept in memory but the manifest: a member is streamed again, and hashed again,
    when it is read or extracted, so a file swapped after the check is refused too.
    """

    chemin: Path
    manifeste: dict
    entrees: tuple[Entree, ...]

    def restaurables(self) -> list[Entree]:
        """Exactly the entries that were checked and go back into the dossier folder."""
        return [e for e in self.entrees if e.restaurer_vers]

    def entree(self, nom: str) -> Entree | None:
        return next((e for e in self.entrees if e.nom == nom), None)

    def lire(self, nom: str, limite: int = 64 * 1024**2) -> bytes:
        """A (small) member's verified bytes; ErreurSaisie if absent, too big or changed."""
        entree = self.entree(nom)
        if entree is None:
            raise ErreurSaisie("fichier", f"L'archive ne contient pas de {nom}.")
        if entree.taille > limite:
            raise ErreurSaisie("fichier", f"{nom} est démesuré dans l'archive : elle est refusée.")
        morceaux: list[bytes] = []
        with _ouvrir(self.chemin) as archive:
            _verifier_flux(archive, entree, self.chemin.name, morceaux.append)
        return b"".join(morceaux)

    def copier(self, entree: Entree, sortie: BinaryIO) -> None:
        """Stream `entree` into `sortie`, hashed again on the way: ErreurSaisie if it changed.

        The caller (storage) chose and confined the file `sortie` writes to, and removes it
        on error.
        """
        with _ouvrir(self.chemin) as archive:
            _verifier_flux(archive, entree, self.chemin.name, sortie.write)


def _ouvrir(chemin: Path) -> zipfile.ZipFile:
    try:
        if not stat.S_ISREG(os.stat(chemin).st_mode):
            raise ErreurSaisie("fichier", f"{chemin} n'est pas un fichier ordinaire : ce n'est pas une archive .zip.")
        _compter_membres(chemin)
        return zipfile.ZipFile(chemin)
    except ErreurSaisie:
        raise
    except FileNotFoundError:
        raise ErreurSaisie("fichier", f"Le fichier {chemin} n'existe pas.") from None
    except IsADirectoryError:
        raise ErreurSaisie("fichier", f"{chemin} est un dossier, pas une archive .zip.") from None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ErreurSaisie("fichier", f"{Path(chemin).name} n'est pas une archive .zip lisible.") from None


def _compter_membres(chemin: Path) -> None:
    """Refuse an archive announcing more than FICHIERS_MAX members before zipfile reads its
    directory: a million empty members is an 88 MB file that zipfile would turn into 600 MB."""
    with open(chemin, "rb") as fichier:
        try:
            fin = zipfile._EndRecData(fichier)  # type: ignore[attr-defined]  # private, not in typeshed: the end record, zip64 included (stable since 2.6)
        except (AttributeError, OSError, ValueError, struct.error):
            return  # let zipfile say what is wrong
    if fin and fin[zipfile._ECD_ENTRIES_TOTAL] > FICHIERS_MAX:  # type: ignore[attr-defined]  # private, as above
        raise ErreurSaisie("fichier", f"{chemin.name} contient plus de {nombre(Decimal(FICHIERS_MAX), 0)} fichiers : "
                                      "ce n'est pas un export de dossier, elle est refusée.")


def lire(chemin: Path) -> ArchiveVerifiee:
    """The verified bundle, or ErreurSaisie naming what is wrong (nothing is written here)."""
    chemin = Path(chemin)
    nom_archive = chemin.name
    with _ouvrir(chemin) as archive:
        infos = archive.infolist()
        if len(infos) > FICHIERS_MAX or sum(i.file_size for i in infos) > TAILLE_MAX:
            raise ErreurSaisie("fichier", f"{nom_archive} est démesurée une fois décompressée : elle est refusée.")
        vus: set[str] = set()
        for info in infos:
            if not _chemin_sur(info.filename.rstrip("/")):
                raise ErreurSaisie("fichier", f"{nom_archive} contient un chemin dangereux (« {info.filename} ») : "
                                              "archive refusée, rien n'a été écrit.")
            if stat.S_ISLNK(info.external_attr >> 16):
                raise ErreurSaisie("fichier", f"{nom_archive} contient un lien (« {info.filename} ») : archive refusée.")
            if info.filename in vus:
                raise ErreurSaisie("fichier", f"{nom_archive} contient deux fois « {info.filename} » : archive "
                                              "refusée (une archive d'export n'a jamais de doublon).")
            vus.add(info.filename)
        membres = {i.filename: i for i in infos if not i.is_dir()}
        if MANIFESTE not in membres:
            raise ErreurSaisie("fichier", f"{nom_archive} n'a pas de manifest.json : ce n'est pas un export recouvrement.")
        if membres[MANIFESTE].file_size > MANIFESTE_MAX:
            raise ErreurSaisie("fichier", f"Le manifest.json de {nom_archive} est démesuré : archive refusée.")
        manifeste, entrees = _lire_manifeste(archive, membres[MANIFESTE], nom_archive)
        listes = {e.nom: e for e in entrees}
        if manquants := sorted(set(listes) - set(membres)):
            raise ErreurSaisie("fichier", f"Archive incomplète : {manquants[0]} manque (listé au manifeste).")
        if intrus := sorted(set(membres) - set(listes) - {MANIFESTE}):
            raise ErreurSaisie("fichier", f"Archive modifiée : {intrus[0]} n'est pas listé au manifeste.")
        for entree in entrees:
            if membres[entree.nom].file_size != entree.taille:
                raise ErreurSaisie("fichier", f"Archive modifiée : la taille de {entree.nom} ne correspond pas au "
                                              "manifeste. Demandez un nouvel export.")
            _verifier_flux(archive, entree, nom_archive, lambda morceau: None)
    return ArchiveVerifiee(chemin, manifeste, tuple(entrees))


def _lire_manifeste(archive: zipfile.ZipFile, info: zipfile.ZipInfo, nom_archive: str) -> tuple[dict, list[Entree]]:
    """The manifest and its entries, each checked: names and targets unique and safe."""
    illisible = ErreurSaisie("fichier", f"Le manifest.json de {nom_archive} est illisible.")
    morceaux: list[bytes] = []
    _lire_flux(archive, info, MANIFESTE_MAX, nom_archive, morceaux.append)
    try:
        manifeste = json.loads(b"".join(morceaux).decode("utf-8"), parse_constant=_refuser_constante)
        if not isinstance(manifeste, dict) or not isinstance(manifeste.get("fichiers"), list):
            raise illisible
        entrees = [_entree(f) for f in manifeste["fichiers"]]
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        raise illisible from None
    if manifeste.get("format") != FORMAT:
        raise ErreurSaisie("fichier", f"{nom_archive} n'est pas un export recouvrement (format inconnu).")
    noms: set[str] = {MANIFESTE}
    for entree in entrees:
        if entree.nom in noms:
            raise ErreurSaisie("fichier", f"Le manifeste de {nom_archive} liste deux fois « {entree.nom} » : "
                                          "archive refusée.")
        noms.add(entree.nom)
    cibles: set[str] = set()
    total = 0
    for entree in entrees:
        if entree.restaurer_vers:
            if not _cible_sure(entree.restaurer_vers) or entree.restaurer_vers in cibles:
                raise ErreurSaisie("fichier", f"Le manifeste place {entree.nom} à un endroit refusé "
                                              f"(« {entree.restaurer_vers} ») : archive refusée.")
            cibles.add(entree.restaurer_vers)
        total += entree.taille
    if total > TAILLE_MAX:
        raise ErreurSaisie("fichier", f"{nom_archive} est démesurée une fois décompressée : elle est refusée.")
    return manifeste, entrees


def _refuser_constante(nom: str) -> object:
    raise ValueError(f"constante JSON refusée : {nom}")


def _entree(brut: object) -> Entree:
    if not isinstance(brut, dict):
        raise TypeError("entrée de manifeste")
    nom, sha, taille, cible = brut["nom"], brut["sha256"], brut["taille"], brut.get("restaurer_vers", "")
    if not (
        isinstance(nom, str) and isinstance(sha, str) and len(sha) == 64 and all(c in "0123456789abcdef" for c in sha)
        and type(taille) is int and 0 <= taille <= TAILLE_MAX and isinstance(cible, str)
    ):
        raise TypeError("entrée de manifeste")
    return Entree(nom, sha, taille, cible)


def _verifier_flux(archive: zipfile.ZipFile, entree: Entree, nom_archive: str, recevoir) -> None:
    """Stream `entree`'s member to `recevoir`; refuse it if it is longer, shorter or other than listed."""
    empreinte = hashlib.sha256()

    def recevoir_et_hacher(morceau: bytes) -> None:
        empreinte.update(morceau)
        recevoir(morceau)

    lu = _lire_flux(archive, archive.getinfo(entree.nom), entree.taille, nom_archive, recevoir_et_hacher)
    if lu != entree.taille or empreinte.hexdigest() != entree.sha256:
        raise ErreurSaisie("fichier", f"Archive modifiée : le contenu de {entree.nom} ne correspond pas au manifeste "
                                      "(empreinte SHA-256). Demandez un nouvel export.")


def _lire_flux(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limite: int, nom_archive: str, recevoir) -> int:
    """Stream a member in 1 MiB pieces, never more than `limite` + 1 bytes; the count read.

    The budget is what the manifest promised, not what the zip header claims: a member that
    inflates beyond it (a zip bomb, a lying size) is cut off at once.
    """
    lu = 0
    try:
        with archive.open(info) as flux:
            while morceau := flux.read(min(MORCEAU, limite + 1 - lu)):
                lu += len(morceau)
                if lu > limite:
                    raise ErreurSaisie("fichier", f"Archive modifiée : {info.filename} est plus gros qu'annoncé. "
                                                  "Archive refusée.")
                recevoir(morceau)
                if lu == limite:
                    # One byte more would exceed the budget: check that the member ends here.
                    if flux.read(1):
                        raise ErreurSaisie("fichier", f"Archive modifiée : {info.filename} est plus gros "
                                                      "qu'annoncé. Archive refusée.")
                    break
    except ErreurSaisie:
        raise
    except (zipfile.BadZipFile, zlib.error, RuntimeError, NotImplementedError, OSError, EOFError, ValueError):
        raise ErreurSaisie("fichier", f"Archive endommagée : {info.filename} ne peut pas être décompressé. "
                                      "Demandez un nouvel export.") from None
    return lu
