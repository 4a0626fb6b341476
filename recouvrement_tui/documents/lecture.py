"""Read a .docx back as text: what tests and the preview check a document says."""

from __future__ import annotations

import io

from docx import Document


def texte_docx(contenu: bytes) -> str:
    """All the text of a document, headers, tables and footers included, one paragraph a line."""
    doc = Document(io.BytesIO(contenu))
    lignes: list[str] = []
    for section in doc.sections:
        lignes += [p.text for p in section.header.paragraphs]
    lignes += _blocs(doc)
    for section in doc.sections:
        lignes += [p.text for p in section.footer.paragraphs]
    return "\n".join(lignes)


def _blocs(conteneur) -> list[str]:
    """Paragraphs and table rows in document order (a row's cells joined by " | ")."""
    lignes = []
    for element in conteneur.iter_inner_content():
        if hasattr(element, "rows"):
            for row in element.rows:
                lignes.append(" | ".join(cell.text for cell in row.cells))
        else:
            lignes.append(element.text)
    return lignes
