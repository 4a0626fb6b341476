"""Unexpected errors (bugs): the user gets a French message, the details go to a file."""

from __future__ import annotations

import tempfile
import traceback
from pathlib import Path

FICHIER = Path(tempfile.gettempdir()) / "recouvrement-erreur.txt"


def consigner(erreur: BaseException) -> str:
    """Write the traceback to FICHIER and return the message to show instead of it."""
    try:
        FICHIER.write_text("".join(traceback.format_exception(erreur)), encoding="utf-8")
        ou = f"Le détail technique est dans {FICHIER} : joignez-le à votre signalement."
    except OSError:
        ou = ""
    return f"Erreur inattendue ({type(erreur).__name__}). Ce qui était déjà enregistré n'a pas été touché. {ou}".strip()
