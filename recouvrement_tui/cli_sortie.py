"""How the command line prints machine-readable output."""

from __future__ import annotations

import json
import sys
from typing import Any


def afficher_json(donnees: Any) -> None:
    """UTF-8 JSON on stdout (accents kept as is), indented, newline-terminated."""
    json.dump(donnees, sys.stdout, ensure_ascii=False, indent=2)
    print()
