"""Comparing what people type: the same word with or without its accents."""

from __future__ import annotations

import unicodedata


def sans_accents(texte: str) -> str:
    """`texte` without its accents and diacritics ("Réunion" -> "Reunion"), case kept: NFKD
    decomposition, combining marks dropped (ligatures such as "œ" are not letters + accent and stay)."""
    return "".join(c for c in unicodedata.normalize("NFKD", texte) if not unicodedata.combining(c))


def chemin_colle(texte: str) -> str:
    """A file path as users paste it, made plain: surrounding quotes (Windows' "Copier en tant que
    chemin d'accès", a shell's 'quotes') and a file:// address (a file dragged from a file manager)
    are removed, %20 and the like decoded. Only the text changes: the file is checked where it is read."""
    chemin = texte.strip()
    if len(chemin) >= 2 and chemin[0] == chemin[-1] and chemin[0] in "\"'":
        chemin = chemin[1:-1].strip()
    if chemin.lower().startswith("file://"):
        from urllib.parse import unquote, urlsplit

        adresse = urlsplit(chemin)
        chemin = unquote(adresse.path)
        if adresse.netloc and adresse.netloc.lower() != "localhost":
            chemin = f"//{adresse.netloc}{chemin}"  # a network share: file://serveur/partage/…
        elif len(chemin) > 2 and chemin[0] == "/" and chemin[2] == ":":
            chemin = chemin[1:]  # file:///C:/… on Windows
    return chemin
