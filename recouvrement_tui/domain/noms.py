"""File names that are safe on Windows, macOS and Linux, whatever a debtor or file is called."""

from __future__ import annotations

import re
import unicodedata

# Forbidden by Windows, control characters (C0, DEL, C1), and the invisible direction marks
# that make "facture\u202efdp.exe" show as "facture exe.pdf": a name must read as it is.
_INTERDITS = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]')
# Names Windows reserves whatever the extension ("CON.docx" cannot be created).
_RESERVES = {
    "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
    *(f"{p}{i}" for p in ("COM", "LPT") for i in (*"0123456789", "¹", "²", "³")),
}  # fmt: skip
OCTETS_MAX = 200  # UTF-8 bytes: Linux allows 255, and a " (2)" may still be added


def _couper(texte: str, octets: int) -> str:
    """The longest prefix of `texte` within `octets` UTF-8 bytes (never half a character)."""
    return texte.encode("utf-8")[:octets].decode("utf-8", "ignore")


def nom_sur(nom: str, defaut: str = "fichier") -> str:
    """"Dupont & Fils <SARL>: facture?.pdf" -> "Dupont & Fils _SARL__ facture_.pdf".

    Composed Unicode (NFC, as macOS may hand decomposed names), no character Windows forbids,
    no leading dot, no trailing dot or space, no reserved device name, at most 200 UTF-8
    bytes (extension kept). nom_sur(nom_sur(x)) == nom_sur(x).
    """
    nom = unicodedata.normalize("NFC", nom)
    nom = _INTERDITS.sub("_", nom).strip().rstrip(". ").lstrip(".") or defaut
    racine, point, extension = nom.rpartition(".")
    if not point or not racine or len(extension) > 10:
        racine, extension = nom, ""
    extension = f".{extension}" if extension else ""
    racine = _couper(racine, OCTETS_MAX - len(extension.encode("utf-8"))).rstrip(". ") or defaut
    if racine.split(".")[0].strip().upper() in _RESERVES:
        racine = "_" + racine
    return racine + extension


def est_nom_sur(nom: str) -> bool:
    return bool(nom) and nom_sur(nom) == nom
