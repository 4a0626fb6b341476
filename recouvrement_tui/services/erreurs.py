"""The exceptions the faces (ui/, cli/) catch, from one place.

Each is raised where its cause is (a wrong entry in the domain, a file in storage, a template
in documents); the faces import them from here only, so that neither needs to know the
layers below the services. Importing this module stays light (no TinyDB, docxtpl or Jinja).
"""

from __future__ import annotations

from recouvrement_tui.documents.erreurs import ErreurDocument
from recouvrement_tui.domain.erreurs import ErreurSaisie, ErreursSaisie
from recouvrement_tui.domain.taux import TauxIllisibles, TauxInconnu
from recouvrement_tui.exchange.lecture_balance import ColonnesManquantes
from recouvrement_tui.storage.erreurs import (
    ConflitModification,
    DossierEndommage,
    DossierIntrouvable,
    DossierVerrouille,
    ErreurStockage,
)
from recouvrement_tui.system.envoi import EnvoiIncertain, ErreurEnvoi

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
