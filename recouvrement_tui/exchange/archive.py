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
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from recouvrement_tui.domain.erreurs import ErreurSaisie

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
        noms = set()
        for f in fichiers:
            if f.nom in noms or not _chemin_sur(f.nom):
                raise ValueError(f"nom de fichier d'archive incorrect ou en double : {f.nom}")
            noms.add(f.nom)
            archive.writestr(zipfile.ZipInfo(f.nom, date_time=_horodatage()), f.contenu, zipfile.ZIP_DEFLATED)
        archive.writestr(MANIFESTE, json.dumps(manifeste, ensure_ascii=False, indent=2))
    return sortie.getvalue()


def _horodatage() -> tuple[int, int, int, int, int, int]:
    maintenant = dt.datetime.now()
    return (maintenant.year, maintenant.month, maintenant.day, maintenant.hour, maintenant.minute, maintenant.second)


def _chemin_sur(nom: str) -> bool:
    if not nom or "\\" in nom or nom.startswith("/") or ":" in nom.split("/")[0]:
        return False
    parties = PurePosixPath(nom).parts
    return bool(parties) and all(p not in ("", ".", "..") for p in parties)


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
            manifeste = json.loads(archive.read(MANIFESTE).decode("utf-8"))
            listes = {f["nom"]: f for f in manifeste["fichiers"]}
        except (ValueError, KeyError, TypeError):
            raise ErreurSaisie("fichier", f"Le manifest.json de {chemin.name} est illisible.") from None
        if manifeste.get("format") != FORMAT:
            raise ErreurSaisie("fichier", f"{chemin.name} n'est pas un export recouvrement (format inconnu).")
        if manquants := sorted(set(listes) - noms):
            raise ErreurSaisie("fichier", f"Archive incomplète : {manquants[0]} manque (listé au manifeste).")
        if intrus := sorted(noms - set(listes) - {MANIFESTE}):
            raise ErreurSaisie("fichier", f"Archive modifiée : {intrus[0]} n'est pas listé au manifeste.")
        contenus = {}
        for nom, attendu in listes.items():
            contenu = archive.read(nom)
            if len(contenu) != attendu.get("taille") or hashlib.sha256(contenu).hexdigest() != attendu.get("sha256"):
                raise ErreurSaisie("fichier", f"Archive modifiée : le contenu de {nom} ne correspond pas au manifeste "
                                              "(empreinte SHA-256). Demandez un nouvel export.")
            cible = attendu.get("restaurer_vers", "")
            if cible and (not _chemin_sur(cible) or cible.split("/")[0] not in ("pieces", "documents")):
                raise ErreurSaisie("fichier", f"Le manifeste place {nom} hors du dossier (« {cible} ») : archive refusée.")
            contenus[nom] = contenu
    return ArchiveVerifiee(manifeste, contenus)
