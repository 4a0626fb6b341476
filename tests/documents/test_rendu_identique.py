"""Every document says exactly what it said before rendering was made faster (issue 18).

For every template of the catalogue and every kind of debtor it may be written for, plus a
debtor whose name needs escaping, the rendered document is compared with a reference taken with
the code as it was before: its text read back (headers, paragraphs, tables, footers), and the XML
of every part of the package, canonicalised (C14N), so an attribute order or a quote style may
change but not a character, a run or a property. The zip's parts must be the same, in the same
order; with the same zlib, the file itself must be byte for byte the same (a letter regenerated
after an upgrade keeps its SHA-256).

The reference is tests/donnees/rendu_reference.json. To take it again on purpose (a template
or the typography was changed, and the change was checked by reading the documents):

    RECOUVREMENT_REFERENCE_RENDU=1 .venv/bin/python -m pytest -p no:cacheprovider tests/documents/test_rendu_identique.py
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
import zlib
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from recouvrement_tui.documents.lecture import texte_docx
from recouvrement_tui.documents.rendu import rendre
from recouvrement_tui.storage.modeles import modeles_livres
from tests.documents.test_courriers_juridiques import contexte
from tests.documents.test_matrice_documents import PAIRES, dossier_du_genre

REFERENCE = Path(__file__).resolve().parent.parent / "donnees" / "rendu_reference.json"
REGENERER = os.environ.get("RECOUVREMENT_REFERENCE_RENDU") == "1"

# A name with every character XML must escape, and a contact line that the typography edits.
ECHAPPE = "echappe"


def _dossier(genre: str):
    if genre != ECHAPPE:
        return dossier_du_genre(genre)
    d = dossier_du_genre("b2b")
    return replace(d, debiteur=replace(d.debiteur, nom="Dupont & Fils <SARL> \"L'Atelier\"",
                                        representant_legal="Me Jean d'Arc : gérant"))


CAS = [*PAIRES, *((cle, ECHAPPE) for cle in ("mise_en_demeure", "relance_amiable", "decompte_creance",
                                              "bordereau_pieces"))]


def empreintes(contenu: bytes) -> dict:
    """What a document is, for comparison: its text, and each part of the zip, XML canonicalised."""
    parties = {}
    with zipfile.ZipFile(io.BytesIO(contenu)) as archive:
        for nom in archive.namelist():
            donnees = archive.read(nom)
            if nom.endswith((".xml", ".rels")):
                donnees = etree.tostring(etree.fromstring(donnees), method="c14n")
            parties[nom] = hashlib.sha256(donnees).hexdigest()
    return {"texte": texte_docx(contenu), "parties": parties, "fichier": hashlib.sha256(contenu).hexdigest(),
            "zlib": zlib.ZLIB_RUNTIME_VERSION}


def _rendu(cle: str, genre: str) -> bytes:
    return rendre((modeles_livres() / f"{cle}.docx").read_bytes(), contexte(_dossier(genre)), cle)


def _reference() -> dict:
    return json.loads(REFERENCE.read_text(encoding="utf-8")) if REFERENCE.is_file() else {}


_ATTENDU = _reference()


@pytest.mark.parametrize(("cle", "genre"), CAS, ids=[f"{c}-{g}" for c, g in CAS])
def test_rendu_identique(cle, genre):
    obtenu = empreintes(_rendu(cle, genre))
    attendu = _ATTENDU.get(f"{cle}/{genre}")
    if REGENERER:
        _ATTENDU[f"{cle}/{genre}"] = obtenu
        REFERENCE.write_text(json.dumps(dict(sorted(_ATTENDU.items())), ensure_ascii=False, indent=1) + "\n",
                             encoding="utf-8")
        return
    assert attendu is not None, f"{cle}/{genre} : pas de référence (voir la docstring du module)"
    assert obtenu["texte"] == attendu["texte"]
    assert list(obtenu["parties"]) == list(attendu["parties"])
    assert obtenu["parties"] == attendu["parties"]
    if obtenu["zlib"] == attendu["zlib"]:  # the same compressor: byte for byte the same file
        assert obtenu["fichier"] == attendu["fichier"]


def test_meme_contenu_memes_octets():
    """Same dossier, same day: the same bytes (the journal's SHA-256 of a regenerated letter)."""
    assert _rendu("mise_en_demeure", "b2b") == _rendu("mise_en_demeure", "b2b")
