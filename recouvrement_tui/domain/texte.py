"""Comparing what people type: the same word with or without its accents."""

from __future__ import annotations

import unicodedata


def sans_accents(texte: str) -> str:
    """`texte` without its accents and diacritics ("Réunion" -> "Reunion"), case kept: NFKD
    decomposition, combining marks dropped (ligatures such as "œ" are not letters + accent and stay)."""
    return "".join(c for c in unicodedata.normalize("NFKD", texte) if not unicodedata.combining(c))
