"""A TinyDB storage that writes through an atomic replace.

TinyDB's JSONStorage truncates and rewrites the file in place: a crash mid-write leaves a
truncated database. This one keeps TinyDB's file format and replaces the file atomically.
"""

from __future__ import annotations

import json
from pathlib import Path

from tinydb.storages import Storage

from recouvrement_tui.domain.json_sur import lire_json
from recouvrement_tui.storage.atomique import ecrire_atomiquement
from recouvrement_tui.storage.confinement import est_lien, motif_dossier_refuse, motif_lien
from recouvrement_tui.storage.erreurs import DossierEndommage


class StockageAtomique(Storage):
    def __init__(self, path: str | Path, fsync: bool = True) -> None:
        self.chemin = Path(path)
        self.fsync = fsync

    def read(self) -> dict | None:
        return decoder(self.lire_octets())

    def lire_octets(self) -> bytes | None:
        """The file's bytes as they are (None: no file), for `decoder` and for comparing with
        what was last read or written (storage.dossiers skips decoding an unchanged file)."""
        # A dossier folder or file that is a link (into another dossier, out of the data
        # folder) or a directory named dossier.json is damaged, never followed.
        if motif := motif_dossier_refuse(self.chemin.parent, self.chemin.name):
            raise DossierEndommage(motif)
        try:
            return self.chemin.read_bytes()
        except FileNotFoundError:
            return None

    def write(self, data: dict) -> None:
        # No indent: with indent json falls back to its pure-Python encoder, which alone
        # costs more than the rest of a save. `python -m json.tool` shows a file readably.
        self.ecrire_octets(json.dumps(data, ensure_ascii=False).encode("utf-8"))

    def ecrire_octets(self, contenu: bytes) -> None:
        """Replace the file with `contenu`, already encoded as `write` would."""
        if est_lien(self.chemin.parent):
            raise DossierEndommage(motif_lien(self.chemin.parent, f"Le dossier {self.chemin.parent.name}"))
        ecrire_atomiquement(self.chemin, contenu, fsync=self.fsync)

    def close(self) -> None:
        pass


def decoder(contenu: bytes | None) -> dict | None:
    """What `read` returns for a file's bytes: None for no file or only whitespace.

    Decoded as Path.read_text(encoding="utf-8") would (strict UTF-8, a BOM kept and so refused
    by json, universal newlines), so that a file reads the same whichever way it was read."""
    if contenu is None:
        return None
    texte = contenu.decode("utf-8")
    if "\r" in texte:
        texte = texte.replace("\r\n", "\n").replace("\r", "\n")
    if not texte.strip():
        return None
    return lire_json(texte)  # hostile nesting: JSONDecodeError, not RecursionError
