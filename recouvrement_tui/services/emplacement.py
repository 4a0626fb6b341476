"""Where the data folder is, for the faces: --dossiers, else $RECOUVREMENT_DOSSIERS, else ./dossiers.

(storage.emplacement decides it; the faces ask here so that they never reach into storage.)
"""

from __future__ import annotations

from recouvrement_tui.storage.emplacement import VARIABLE, dossier_de_donnees

__all__ = ["VARIABLE", "dossier_de_donnees"]
