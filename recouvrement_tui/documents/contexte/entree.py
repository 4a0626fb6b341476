"""Everything a document is made from, gathered by the service."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from recouvrement_tui.domain.decompte import Decompte
from recouvrement_tui.domain.juridiction import Juridiction
from recouvrement_tui.domain.model import Dossier
from recouvrement_tui.domain.parametres import Parametres


@dataclass(frozen=True)
class Entree:
    """Everything a document is made from, gathered by the service."""

    dossier: Dossier
    decompte: Decompte
    parametres: Parametres
    date: dt.date  # the document's date
    pieces_jointes: tuple[str, ...] = ()  # names of the files attached in pieces/
    # The court of the debtor's commune from the court directory (domain.juridiction); None: not named.
    juridiction: Juridiction | None = None
