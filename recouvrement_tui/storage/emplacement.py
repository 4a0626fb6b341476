"""Which data folder to use: --dossiers, else $RECOUVREMENT_DOSSIERS, else ./dossiers."""

from __future__ import annotations

import os
from pathlib import Path

VARIABLE = "RECOUVREMENT_DOSSIERS"


def dossier_de_donnees(option: str | os.PathLike | None = None) -> Path:
    if option:
        return Path(option).expanduser().resolve()
    if os.environ.get(VARIABLE):
        return Path(os.environ[VARIABLE]).expanduser().resolve()
    return (Path.cwd() / "dossiers").resolve()
