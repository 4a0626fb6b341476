"""Unexpected errors (bugs): the user gets a French message, the details go to a file.

The file is created with mkstemp in the temporary folder: a new name each time, created
exclusively (O_CREAT | O_EXCL, so a symlink planted by another user on a shared machine
is never followed or written through) and readable by its owner only.
"""

from __future__ import annotations

import os
import tempfile
import traceback
from pathlib import Path

PREFIXE = "recouvrement-erreur-"


def ecrire_incident(erreur: BaseException) -> Path:
    """Write the traceback of `erreur` to a new private file and return its path (OSError if impossible)."""
    descripteur, chemin = tempfile.mkstemp(prefix=PREFIXE, suffix=".txt", text=False)
    with os.fdopen(descripteur, "wb") as fichier:
        fichier.write("".join(traceback.format_exception(erreur)).encode("utf-8", "backslashreplace"))
    return Path(chemin)


def consigner(erreur: BaseException) -> str:
    """Record the traceback in a file and return the message to show instead of it."""
    try:
        ou = f"Le détail technique est dans {ecrire_incident(erreur)} : joignez-le à votre signalement."
    except OSError:
        ou = ""
    return f"Erreur inattendue ({type(erreur).__name__}). Ce qui était déjà enregistré n'a pas été touché. {ou}".strip()
