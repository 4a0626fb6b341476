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
import re
import sys
from collections.abc import Iterator

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (6 ms) for every command
if TYPE_CHECKING:
    from typing import Any

_INVISIBLES = [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0), 0x200E, 0x200F,
               *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_ECHAPPER = {code: f"\\u{code:04x}" for code in _INVISIBLES if code >= 0x7F}  # json already escapes C0
# The same sets as regular expressions: str.translate with a dict looks every character up
# (0.2 s on the 5 MB of `liste --json` at 10,000 dossiers), a character class scans in 12 ms.
_A_REMPLACER = re.compile("[" + "".join(f"\\u{code:04x}" for code in _INVISIBLES) + "]")
_A_ECHAPPER = re.compile("[" + "".join(f"\\u{code:04x}" for code in _ECHAPPER) + "]")


def _echapper(trouve: re.Match[str]) -> str:
    return _ECHAPPER[ord(trouve[0])]


def afficher_json(donnees: Any) -> None:
    """UTF-8 JSON on stdout (accents kept as is), indented, newline-terminated."""
    texte = _A_ECHAPPER.sub(_echapper, _json_indente(donnees))
    flux = sys.stdout
    if isinstance(flux, _SansControle):
        # Nothing left for it to replace: json escaped C0, _A_ECHAPPER the rest (10 ms at 5 MB).
        flux = flux._flux
    flux.write(texte)
    flux.write("\n")


def _json_indente(donnees: Any) -> str:
    """json.dumps(donnees, ensure_ascii=False, indent=2), byte for byte, at the C encoder's speed.

    With an indent, json encodes in pure Python (70 ms for 5 MB). A list or object holding
    no list or object is encoded here by the C encoder in one call, its item separator
    carrying the newline and indent; only the containers around such leaves are walked in Python.
    """
    import json

    morceaux: list[str] = []
    _ajouter_json(donnees, "\n", morceaux, json)
    return "".join(morceaux)


_SCALAIRES = {str, int, float, bool, type(None)}


def _objets_plats(valeurs: list) -> bool:
    """Whether every element is a non-empty dict (not a subclass) without list or object values;
    iterated in C (map), not element by element."""
    from itertools import chain, repeat

    if set(map(type, valeurs)) != {dict} or not all(valeurs):
        return False
    types = set(map(type, chain.from_iterable(map(dict.values, valeurs))))
    if types <= _SCALAIRES:  # the usual case, 3 ms for 150,000 values
        return True
    conteneurs = (dict, list, tuple)
    return not any(map(isinstance, chain.from_iterable(map(dict.values, valeurs)), repeat(conteneurs)))


def _ajouter_json(valeur: Any, retrait: str, morceaux: list[str], json: Any) -> None:
    """Append valeur's indented JSON; `retrait` is the newline and indent of valeur's own line."""
    if isinstance(valeur, dict):
        elements: Any = valeur.values()
    elif isinstance(valeur, (list, tuple)):
        elements = valeur
    else:
        morceaux.append(json.dumps(valeur, ensure_ascii=False))
        return
    if not elements:
        morceaux.append("{}" if isinstance(valeur, dict) else "[]")
        return
    interieur = retrait + "  "
    if type(valeur) is list and _objets_plats(valeur):
        # A list of objects holding no list or object (a row per dossier): one C call for the
        # whole list. Its separator holds the only raw newline of the text, so "}" + separator +
        # "{" stands between two objects and nowhere else: replaced by what indent=2 writes there.
        champs = interieur + "  "
        texte = json.dumps(valeur, ensure_ascii=False, separators=("," + champs, ": "))
        entre_objets = texte[2:-2].replace("}," + champs + "{", interieur + "}," + interieur + "{" + champs)
        morceaux += ("[", interieur, "{", champs, entre_objets, interieur, "}", retrait, "]")
        return
    if not any(isinstance(e, (dict, list, tuple)) for e in elements):
        texte = json.dumps(valeur, ensure_ascii=False, separators=("," + interieur, ": "))
        morceaux += (texte[0], interieur, texte[1:-1], retrait, texte[-1])
        return
    if isinstance(valeur, dict):
        morceaux.append("{")
        for rang, (cle, element) in enumerate(valeur.items()):
            # The key as json writes it (a number or true/false/null quoted, else TypeError).
            texte_cle = json.dumps({cle: None}, ensure_ascii=False)[1:-7]
            morceaux += ("," + interieur if rang else interieur, texte_cle, ": ")
            _ajouter_json(element, interieur, morceaux, json)
        morceaux += (retrait, "}")
        return
    morceaux.append("[")
    for rang, element in enumerate(valeur):
        morceaux.append("," + interieur if rang else interieur)
        _ajouter_json(element, interieur, morceaux, json)
    morceaux += (retrait, "]")


class _SansControle:
    """A text stream that writes everything but the characters that steer a terminal."""

    def __init__(self, flux) -> None:
        self._flux = flux

    def write(self, texte: str) -> int:
        # A carriage return that starts a write is our own progress line ("\r120/200"); one
        # inside a text comes from data and could overwrite what the line shows.
        # Most texts hold no such character: a search (a scan in C) and the text written as is.
        debut = 1 if texte.startswith("\r") else 0
        if _A_REMPLACER.search(texte, debut) is None:
            return self._flux.write(texte)
        return self._flux.write(texte[:debut] + _A_REMPLACER.sub("\ufffd", texte[debut:]))

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
