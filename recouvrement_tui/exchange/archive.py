"""A dossier bundle (.zip) with its manifest: written atomically, read back only once verified.

manifest.json lists every file with its SHA-256 and size, plus where it goes back in a
dossier folder. Reading refuses, before anything is written anywhere: a path that is
absolute, goes up (..), uses backslashes or a drive; a link; a file not in the manifest or
missing from the archive; a hash or size that differs; an absurd uncompressed size.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from recouvrement_tui.domain.erreurs import ErreurSaisie
from recouvrement_tui.domain.noms import est_nom_sur
from recouvrement_tui.storage.documents import NOM_VERSION

MANIFESTE = "manifest.json"
FORMAT = "recouvrement-export"
TAILLE_MAX = 2 * 1024**3  # 2 GiB uncompressed: far above any dossier, far below a zip bomb
FICHIERS_MAX = 10_000


@dataclass(frozen=True)
class Fichier:
    nom: str  # path inside the archive, "/"-separated
    contenu: bytes
    restaurer_vers: str = ""  # path in the dossier folder it comes back to ("" = not restored)


def construire(fichiers: list[Fichier], entete: dict) -> bytes:
    """The zip bytes: every file, then manifest.json describing them."""
    manifeste = {
        "format": FORMAT,
        **entete,
        "fichiers": [
            {
                "nom": f.nom,
                "sha256": hashlib.sha256(f.contenu).hexdigest(),
                "taille": len(f.contenu),
                **({"restaurer_vers": f.restaurer_vers} if f.restaurer_vers else {}),
            }
            for f in fichiers
        ],
    }
    sortie = io.BytesIO()
    with zipfile.ZipFile(sortie, "w", zipfile.ZIP_DEFLATED) as archive:
        noms, cibles = set(), set()
        for f in fichiers:
            if f.nom in noms or not _chemin_sur(f.nom):
                raise ValueError(f"nom de fichier d'archive incorrect ou en double : {f.nom}")
            if f.restaurer_vers and (f.restaurer_vers in cibles or not _cible_sure(f.restaurer_vers)):
                raise ValueError(f"destination de restauration incorrecte ou en double : {f.restaurer_vers}")
            noms.add(f.nom)
            cibles.add(f.restaurer_vers)
            archive.writestr(zipfile.ZipInfo(f.nom, date_time=_horodatage()), f.contenu, zipfile.ZIP_DEFLATED)
        archive.writestr(MANIFESTE, json.dumps(manifeste, ensure_ascii=False, indent=2))
    return sortie.getvalue()


def _horodatage() -> tuple[int, int, int, int, int, int]:
    maintenant = dt.datetime.now()
    return (maintenant.year, maintenant.month, maintenant.day, maintenant.hour, maintenant.minute, maintenant.second)


def _chemin_sur(nom: str) -> bool:
    """Relative, no "..", and every part a name Windows, macOS and Linux all accept."""
    if not nom or "\\" in nom or nom.startswith("/"):
        return False
    parties = nom.split("/")
    return all(p not in ("", ".", "..") and est_nom_sur(p) for p in parties)


def _cible_sure(cible: str) -> bool:
    """Where a file may go back in a dossier folder: pieces/<name> or documents/<version>."""
    if not _chemin_sur(cible):
        return False
    parties = cible.split("/")
    return len(parties) == 2 and (parties[0] == "pieces" or (parties[0] == "documents" and bool(NOM_VERSION.match(parties[1]))))


@dataclass(frozen=True)
class ArchiveVerifiee:
    manifeste: dict
    fichiers: dict[str, bytes]  # name -> content, every hash checked

    def restaurables(self) -> list[tuple[str, bytes]]:
        return [
            (f["restaurer_vers"], self.fichiers[f["nom"]]) for f in self.manifeste["fichiers"] if f.get("restaurer_vers")
        ]


def lire(chemin: Path) -> ArchiveVerifiee:
    """The verified content of a bundle, or ErreurSaisie naming what is wrong."""
    chemin = Path(chemin)
    try:
        archive = zipfile.ZipFile(chemin)
    except FileNotFoundError:
        raise ErreurSaisie("fichier", f"Le fichier {chemin} n'existe pas.") from None
    except (zipfile.BadZipFile, OSError):
        raise ErreurSaisie("fichier", f"{chemin.name} n'est pas une archive .zip lisible.") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > FICHIERS_MAX or sum(i.file_size for i in infos) > TAILLE_MAX:
            raise ErreurSaisie("fichier", f"{chemin.name} est démesurée une fois décompressée : elle est refusée.")
        for info in infos:
            if not _chemin_sur(info.filename.rstrip("/")):
                raise ErreurSaisie("fichier", f"{chemin.name} contient un chemin dangereux (« {info.filename} ») : "
                                              "archive refusée, rien n'a été écrit.")
            if stat.S_ISLNK(info.external_attr >> 16):
                raise ErreurSaisie("fichier", f"{chemin.name} contient un lien (« {info.filename} ») : archive refusée.")
        noms = {i.filename for i in infos if not i.is_dir()}
        if MANIFESTE not in noms:
            raise ErreurSaisie("fichier", f"{chemin.name} n'a pas de manifest.json : ce n'est pas un export recouvrement.")
        try:
            manifeste = json.loads(_lire_membre(archive, MANIFESTE).decode("utf-8"))
            listes = {f["nom"]: f for f in manifeste["fichiers"]}
            forme = all(
                isinstance(f["nom"], str) and isinstance(f["sha256"], str) and isinstance(f["taille"], int)
                and isinstance(f.get("restaurer_vers", ""), str)
                for f in manifeste["fichiers"]
            )
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
            forme = False
        if not forme:
            raise ErreurSaisie("fichier", f"Le manifest.json de {chemin.name} est illisible.")
        if manifeste.get("format") != FORMAT:
            raise ErreurSaisie("fichier", f"{chemin.name} n'est pas un export recouvrement (format inconnu).")
        if manquants := sorted(set(listes) - noms):
            raise ErreurSaisie("fichier", f"Archive incomplète : {manquants[0]} manque (listé au manifeste).")
        if intrus := sorted(noms - set(listes) - {MANIFESTE}):
            raise ErreurSaisie("fichier", f"Archive modifiée : {intrus[0]} n'est pas listé au manifeste.")
        contenus, cibles = {}, set()
        for nom, attendu in listes.items():
            contenu = _lire_membre(archive, nom)
            if len(contenu) != attendu.get("taille") or hashlib.sha256(contenu).hexdigest() != attendu.get("sha256"):
                raise ErreurSaisie("fichier", f"Archive modifiée : le contenu de {nom} ne correspond pas au manifeste "
                                              "(empreinte SHA-256). Demandez un nouvel export.")
            cible = attendu.get("restaurer_vers", "")
            if cible and (not _cible_sure(cible) or cible in cibles):
                raise ErreurSaisie("fichier", f"Le manifeste place {nom} à un endroit refusé (« {cible} ») : "
                                              "archive refusée.")
            cibles.add(cible)
            contenus[nom] = contenu
    return ArchiveVerifiee(manifeste, contenus)


def _lire_membre(archive: zipfile.ZipFile, nom: str) -> bytes:
    """A member's bytes, or a French refusal if the archive is damaged or encrypted there."""
    try:
        return archive.read(nom)
    except (zipfile.BadZipFile, zlib.error, RuntimeError, NotImplementedError, OSError, EOFError):
        raise ErreurSaisie("fichier", f"Archive endommagée : {nom} ne peut pas être décompressé. "
                                      "Demandez un nouvel export.") from None
