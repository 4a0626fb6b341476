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

from recouvrement_tui.documents import rendu
from recouvrement_tui.documents.erreurs import ErreurDocument
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


# --- the template read once per process gives what docxtpl gives, whatever the template ------------


def _modele_personnalise(*, titre: str = "Relance {{ nom }}", notes: bool = False, corps: str = "{{ nom }}") -> bytes:
    """A template as a lawyer may make one: tags in the header, the footer, a table loop and the
    document's title; with `notes`, a footnotes part (docxtpl renders it)."""
    from docx import Document

    doc = Document()
    doc.core_properties.title = titre
    doc.sections[0].header.paragraphs[0].text = "Dossier {{ reference }} : {{ nom }}"
    doc.sections[0].footer.paragraphs[0].text = "Page de {{ nom }} !"
    doc.add_paragraph("Madame, Monsieur,")
    doc.add_paragraph(f"Nous écrivons à {corps} : « {{{{ adresse }}}} ».")
    table = doc.add_table(rows=3, cols=2)
    table.cell(0, 0).text = "{%tr for f in factures %}"
    table.cell(1, 0).text = "{{ f.numero }}"
    table.cell(1, 1).text = "{{ f.montant }} €"
    table.cell(2, 0).text = "{%tr endfor %}"
    sortie = io.BytesIO()
    doc.save(sortie)
    if not notes:
        return sortie.getvalue()
    # A footnotes part, as Word writes one, with a tag in it.
    avec = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(sortie.getvalue())) as source, zipfile.ZipFile(avec, "w") as cible:
        for info in source.infolist():
            donnees = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                donnees = donnees.replace(b"</Types>", b'<Override PartName="/word/footnotes.xml" ContentType="'
                                          b'application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes'
                                          b'+xml"/></Types>')
            elif info.filename == "word/_rels/document.xml.rels":
                donnees = donnees.replace(b"</Relationships>", b'<Relationship Id="rIdNotes" Type="http://schemas.'
                                          b'openxmlformats.org/officeDocument/2006/relationships/footnotes" '
                                          b'Target="footnotes.xml"/></Relationships>')
            cible.writestr(info, donnees)
        cible.writestr("word/footnotes.xml", b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                       b'<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                       b'<w:footnote w:id="1"><w:p><w:r><w:t>Voir {{ nom }} : note</w:t></w:r></w:p></w:footnote>'
                       b'</w:footnotes>')
    return avec.getvalue()


CONTEXTE = {"nom": "Dupont & Fils <SARL>", "reference": "2026-0042", "adresse": "3 rue Neuve\n69002 Lyon",
            "factures": [{"numero": "FA-1", "montant": "12,00"}, {"numero": "FA-2", "montant": "1 200,00"}]}


@pytest.mark.parametrize("notes", [False, True], ids=["sans-notes", "avec-notes"])
def test_le_gabarit_lu_une_fois_donne_ce_que_donne_docxtpl(notes):
    modele = _modele_personnalise(notes=notes)
    rapide = rendre(modele, CONTEXTE, "essai")
    assert rapide == rendu._rendre_docxtpl(modele, CONTEXTE)
    assert rendre(modele, CONTEXTE, "essai") == rapide  # from the process's cache this time
    texte = texte_docx(rapide)
    assert "Dupont & Fils <SARL>" in texte and "FA-2" in texte
    assert (rendu._gabarit(modele) is None) == notes  # footnotes: docxtpl renders the template whole


def test_un_modele_modifie_est_relu():
    """The cache is keyed by the template's content: a template edited in Word (same name, same
    second even) is read again."""
    avant = rendre(_modele_personnalise(corps="{{ nom }}"), CONTEXTE, "essai")
    apres = rendre(_modele_personnalise(corps="{{ reference }}"), CONTEXTE, "essai")
    assert "Nous écrivons à 2026-0042" in texte_docx(apres)
    assert "Nous écrivons à Dupont" in texte_docx(avant)


def test_les_erreurs_d_un_modele_restent_les_memes():
    """A broken template is refused with the same French message by both ways, in the same order:
    the body's unknown variable before the footer's malformed tag."""
    for modele in (_modele_personnalise(corps="{{ inconnue }}"), _modele_personnalise(titre="{{ nom ")):
        messages = []
        for rendre_un in (rendu._rendre_docxtpl, lambda m, c: rendu._Gabarit(m, rendu.environnement()).rendre(c)):
            with pytest.raises(Exception) as erreur:
                rendre_un(modele, CONTEXTE)
            messages.append((type(erreur.value), str(erreur.value)))
        assert messages[0] == messages[1]
    with pytest.raises(ErreurDocument, match="donnée inconnue"):
        rendre(_modele_personnalise(corps="{{ inconnue }}"), CONTEXTE, "essai")


def test_le_cache_de_gabarits_est_borne():
    for rang in range(rendu._GABARITS_MAX + 5):
        rendre(_modele_personnalise(corps=f"{{{{ nom }}}} {rang}"), CONTEXTE, "essai")
    assert len(rendu._GABARITS) == rendu._GABARITS_MAX


def test_rendu_depuis_plusieurs_fils():
    """The TUI renders in worker threads: a template kept for the process is only read by them."""
    from concurrent.futures import ThreadPoolExecutor

    modele = _modele_personnalise(corps="{{ nom }} en parallèle")
    attendu = rendu._rendre_docxtpl(modele, CONTEXTE)
    with ThreadPoolExecutor(4) as fils:
        resultats = list(fils.map(lambda _: rendre(modele, CONTEXTE, "essai"), range(16)))
    assert all(r == attendu for r in resultats)
