"""JSON text read without crashing on hostile nesting or numbers.

The standard decoder recurses once per nested array or object: `[[[[…]]]]` 100,000 deep
raises RecursionError, which no caller expects. Here it is a JSONDecodeError like any other
malformed file, so every "n'est pas du JSON valide" path handles it.
"""

from __future__ import annotations

import json
from typing import Any


class JSONTropImbrique(json.JSONDecodeError):
    """Nesting deeper than the decoder can follow; its text is French."""

    def __str__(self) -> str:
        return self.msg


def lire_json(texte: str | bytes) -> Any:
    """json.loads, with excessive nesting refused as a json.JSONDecodeError."""
    try:
        return json.loads(texte)
    except RecursionError:
        if isinstance(texte, bytes):
            texte = texte.decode("utf-8", "replace")
        raise JSONTropImbrique("imbrication trop profonde", texte, 0) from None
    except json.JSONDecodeError:
        raise
    except ValueError:  # an integer of more than 4,300 digits (int_max_str_digits), not a JSON error
        if isinstance(texte, bytes):
            texte = texte.decode("utf-8", "replace")
        raise json.JSONDecodeError("nombre démesuré", texte, 0) from None
