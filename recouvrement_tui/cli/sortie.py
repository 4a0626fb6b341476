"""How the command line prints: machine-readable JSON, and text that cannot drive the terminal.

Names, invoice numbers and notes come from imported files: a debtor called
"Evil\\x1b]52;c;…\\x07" would, printed raw, write to the clipboard or clear the screen of
whoever runs `recouvrement liste`. Every text a command prints goes through `sorties_sures`,
which replaces control characters (C0 but tab and newline, DEL, C1) and the invisible
direction marks with "�"; JSON escapes them instead, so a script still reads the data as is.
"""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Iterator

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (6 ms) for every command
if TYPE_CHECKING:
    from typing import Any

_INVISIBLES = [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0), 0x200E, 0x200F,
               *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_REMPLACER = {code: "\ufffd" for code in _INVISIBLES}
_ECHAPPER = {code: f"\\u{code:04x}" for code in _INVISIBLES if code >= 0x7F}  # json already escapes C0


def afficher_json(donnees: Any) -> None:
    """UTF-8 JSON on stdout (accents kept as is), indented, newline-terminated."""
    import json

    texte = json.dumps(donnees, ensure_ascii=False, indent=2).translate(_ECHAPPER)
    sys.stdout.write(texte + "\n")


class _SansControle:
    """A text stream that writes everything but the characters that steer a terminal."""

    def __init__(self, flux) -> None:
        self._flux = flux

    def write(self, texte: str) -> int:
        # A carriage return that starts a write is our own progress line ("\r120/200"); one
        # inside a text comes from data and could overwrite what the line shows.
        if texte.startswith("\r"):
            return self._flux.write("\r" + texte[1:].translate(_REMPLACER))
        return self._flux.write(texte.translate(_REMPLACER))

    def __getattr__(self, nom: str) -> Any:
        return getattr(self._flux, nom)


@contextlib.contextmanager
def sorties_sures() -> Iterator[None]:
    """For one command: stdout and stderr neutralise control characters, and a character the
    console cannot encode (a Windows cp1252 console and the narrow no-break space of French
    amounts) is replaced instead of stopping the command."""
    anciens = sys.stdout, sys.stderr
    for flux in anciens:
        try:
            flux.reconfigure(errors="replace")  # type: ignore[union-attr]  # else AttributeError, below
        except (AttributeError, ValueError, io.UnsupportedOperation):
            pass  # not a real console (a test's capture): nothing to encode
    sys.stdout, sys.stderr = _SansControle(sys.stdout), _SansControle(sys.stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = anciens
