"""<data folder>/correspondances/<signature>.json: the columns the user chose, per software.

The data folder is shared on a network drive: a file here is read as hostile. No symbolic
link is followed (correspondances/ or the file), only a regular file of at most TAILLE_MAX
is read, and a file that cannot be read or decoded is reported in French and ignored, so
that the import goes on as if no choice had been made (the user chooses again, which
replaces it). Writing is atomic: a colleague never reads half a file.
"""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

from recouvrement_tui.domain.erreurs import raison_systeme
from recouvrement_tui.domain.json_sur import lire_json
from recouvrement_tui.storage.atomique import creer_repertoire, ecrire_atomiquement
from recouvrement_tui.storage.confinement import (
    CheminRefuse,
    chemin_confine,
    est_lien,
    fichier_ordinaire,
    motif_lien,
)
from recouvrement_tui.storage.erreurs import ErreurStockage

DOSSIER = "correspondances"
TAILLE_MAX = 64 * 1024  # a correspondence is a few hundred bytes
_SIGNATURE = re.compile(r"[0-9a-f]{32}")


def _chemin(racine: Path, signature: str) -> Path:
    if not _SIGNATURE.fullmatch(signature):
        raise CheminRefuse(f"« {signature[:40]} » n'est pas une signature d'en-tête.")
    return chemin_confine(Path(racine), f"{DOSSIER}/{signature}.json")


def ignoree(chemin: Path | str, raison: str) -> str:
    """Why the correspondence at `chemin` is not used, and what the user does about it."""
    return (f"La correspondance de colonnes {chemin} est ignorée : {raison}. Choisissez de nouveau les colonnes de "
            "ce fichier ; votre choix la remplacera.")


def charger_correspondance(racine: Path, signature: str) -> tuple[object | None, str]:
    """(the decoded JSON, "") for the header `signature`; (None, "") when none was recorded;
    (None, why it is ignored) for a link, a non-file, an oversized or undecodable file."""
    try:
        chemin = _chemin(racine, signature)
    except CheminRefuse as erreur:
        return None, ignoree(Path(racine) / DOSSIER / f"{signature[:40]}.json", str(erreur).rstrip("."))
    try:
        with fichier_ordinaire(chemin) as fichier:
            if fichier is None:
                return None, ignoree(chemin, "ce n'est pas un fichier ordinaire")
            octets = fichier.read(TAILLE_MAX + 1)
    except FileNotFoundError:
        return None, ""
    except OSError as erreur:
        return None, ignoree(chemin, f"elle ne peut pas être lue ({raison_systeme(erreur)})")
    if len(octets) > TAILLE_MAX:
        return None, ignoree(chemin, f"elle dépasse {TAILLE_MAX // 1024} Ko, ce n'est pas une correspondance")
    try:
        return lire_json(octets.decode("utf-8-sig")), ""
    except UnicodeDecodeError:
        return None, ignoree(chemin, "elle n'est pas encodée en UTF-8")
    except json.JSONDecodeError:
        return None, ignoree(chemin, "elle est endommagée (ce n'est pas du JSON valide)")


def enregistrer_correspondance(racine: Path, signature: str, donnees: dict, *, fsync: bool = True) -> Path:
    """Write (or replace) the correspondence of `signature`, atomically; its path.

    ErreurStockage, in French, when correspondances/ or the file is a symbolic link or the
    disk refuses."""
    dossier = Path(racine) / DOSSIER
    try:
        if est_lien(dossier):
            raise CheminRefuse(motif_lien(dossier, f"Le dossier {DOSSIER}"))
        os.makedirs(racine, exist_ok=True)  # a new data folder, before its first dossier
        try:
            creer_repertoire(dossier)
        except FileExistsError:
            pass
        chemin = _chemin(racine, signature)
        if os.path.lexists(chemin) and not stat.S_ISREG(os.stat(chemin, follow_symlinks=False).st_mode):
            raise ErreurStockage(f"{chemin} n'est pas un fichier ordinaire : retirez-le, puis choisissez de nouveau "
                                 "les colonnes.")
        contenu = json.dumps(donnees, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
        ecrire_atomiquement(chemin, contenu, fsync=fsync)
    except CheminRefuse as erreur:
        raise ErreurStockage(f"La correspondance de colonnes n'est pas enregistrée : {erreur}") from None
    except OSError as erreur:
        raise ErreurStockage(f"La correspondance de colonnes n'a pas pu être enregistrée dans {dossier} "
                             f"({raison_systeme(erreur)}).") from None
    return chemin
