"""File names that are safe on Windows, macOS and Linux, whatever a debtor or file is called."""

from __future__ import annotations

import re
import unicodedata

_INTERDITS = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
# Names Windows reserves whatever the extension ("CON.docx" cannot be created).
_RESERVES = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
LONGUEUR_MAX = 100


def nom_sur(nom: str, defaut: str = "fichier") -> str:
    """"Dupont & Fils <SARL>: facture?.pdf" -> "Dupont & Fils _SARL__ facture_.pdf".

    Composed Unicode (NFC, as macOS may hand decomposed names), no character Windows forbids,
    no trailing dot or space, no reserved device name, at most 100 characters (extension kept).
    """
    nom = unicodedata.normalize("NFC", nom)
    nom = _INTERDITS.sub("_", nom).strip().rstrip(". ")
    nom = nom.lstrip(".") or defaut  # no hidden files, no "." or ".."
    racine, point, extension = nom.rpartition(".")
    if not point or not racine or len(extension) > 10:
        racine, extension = nom, ""
    if racine.split(".")[0].upper() in _RESERVES:
        racine = "_" + racine
    extension = f".{extension}" if extension else ""
    return racine[: LONGUEUR_MAX - len(extension)].rstrip(". ") + extension
