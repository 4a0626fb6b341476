"""The exceptions the faces (ui/, cli/) catch, from one place.

Each is raised where its cause is (a wrong entry in the domain, a file in storage, a template
in documents); the faces import them from here only, so that neither needs to know the
layers below the services. Importing this module stays light (no TinyDB, docxtpl or Jinja):
ColonnesManquantes, whose module reads balances (openpyxl's and the model's imports), is
imported only when asked for.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from recouvrement_tui.documents.erreurs import ErreurDocument
from recouvrement_tui.domain.erreurs import ErreurSaisie, ErreursSaisie
from recouvrement_tui.domain.taux import TauxIllisibles, TauxInconnu
from recouvrement_tui.storage.erreurs import (
    ConflitModification,
    DossierEndommage,
    DossierIntrouvable,
    DossierVerrouille,
    ErreurStockage,
)
from recouvrement_tui.system.envoi import EnvoiIncertain, ErreurEnvoi

if TYPE_CHECKING:
    from recouvrement_tui.exchange.lecture_balance import ColonnesManquantes

# Imported on first use (PEP 562): name -> module.
_A_LA_DEMANDE = {"ColonnesManquantes": "recouvrement_tui.exchange.lecture_balance"}


def __getattr__(nom: str) -> object:
    if nom in _A_LA_DEMANDE:
        return getattr(importlib.import_module(_A_LA_DEMANDE[nom]), nom)
    raise AttributeError(f"module {__name__!r} has no attribute {nom!r}")


__all__ = [
    "ColonnesManquantes",
    "ConflitModification",
    "DossierEndommage",
    "DossierIntrouvable",
    "DossierVerrouille",
    "EnvoiIncertain",
    "ErreurDocument",
    "ErreurEnvoi",
    "ErreurSaisie",
    "ErreurStockage",
    "ErreursSaisie",
    "TauxIllisibles",
    "TauxInconnu",
]
