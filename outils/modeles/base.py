"""Building blocks for writing the shipped Word templates with python-docx.

The .docx files in recouvrement_tui/modeles/ are the source of truth once a lawyer has
edited them in Word; these builders wrote their first version. Each paragraph is written as
whole runs so that every docxtpl tag stays in one piece (a tag split across runs breaks).

Markup in texts: **bold** segments become bold runs (never put a ** inside a {{ tag }}).
"""

from __future__ import annotations

import re

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

POLICE = "Times New Roman"  # LibreOffice substitutes Liberation Serif, metric-compatible
TAILLE = 11
GRIS = RGBColor(0x55, 0x55, 0x55)


def nouveau_document(titre: str):
    """An A4 document with French-letter margins, the creditor's letterhead and footer."""
    doc = Document()
    doc.core_properties.title = titre
    doc.core_properties.language = "fr-FR"
    doc.core_properties.author = "recouvrement"
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    normal = doc.styles["Normal"]
    normal.font.name = POLICE
    normal.font.size = Pt(TAILLE)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), POLICE)
    normal.paragraph_format.space_after = Pt(6)
    _langue_francaise(normal)
    _entete(section)
    _pied(section)
    return doc


def _langue_francaise(style) -> None:
    """Spell-check the templates in French in Word and LibreOffice."""
    rpr = style.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "fr-FR")
    rpr.append(lang)


def _entete(section) -> None:
    entete = section.header
    p = entete.paragraphs[0]
    run = p.add_run("{{ creancier.nom }}")
    run.bold = True
    run.font.size = Pt(13)
    for texte in ("{% for ligne in creancier.adresse.lignes %}{{ ligne }}{% if not loop.last %}, {% endif %}{% endfor %}",
                  "{% if creancier.telephone %}Tél. {{ creancier.telephone }}{% endif %}"
                  "{% if creancier.telephone and creancier.email %} — {% endif %}"
                  "{% if creancier.email %}{{ creancier.email }}{% endif %}"):
        ligne = entete.add_paragraph()
        r = ligne.add_run(texte)
        r.font.size = Pt(9)
        r.font.color.rgb = GRIS


def _pied(section) -> None:
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run("{{ creancier.nom }} — {{ creancier.identification }}")
    r.font.size = Pt(8)
    r.font.color.rgb = GRIS


def paragraphe(doc, texte: str = "", *, align: str = "justifie", taille: int | None = None, avant: int = 0,
               apres: int | None = None, italique: bool = False):
    """A paragraph; **bold** markup becomes bold runs."""
    p = doc.add_paragraph()
    p.alignment = {
        "justifie": WD_ALIGN_PARAGRAPH.JUSTIFY,
        "gauche": WD_ALIGN_PARAGRAPH.LEFT,
        "droite": WD_ALIGN_PARAGRAPH.RIGHT,
        "centre": WD_ALIGN_PARAGRAPH.CENTER,
    }[align]
    if avant:
        p.paragraph_format.space_before = Pt(avant)
    if apres is not None:
        p.paragraph_format.space_after = Pt(apres)
    for i, morceau in enumerate(re.split(r"\*\*", texte)):
        if morceau:
            run = p.add_run(morceau)
            run.bold = i % 2 == 1
            run.italic = italique
            if taille:
                run.font.size = Pt(taille)
    return p


def balise(doc, instruction: str) -> None:
    """A paragraph holding only a {%p ... %} tag: docxtpl removes the paragraph itself."""
    doc.add_paragraph(f"{{%p {instruction} %}}")


def titre(doc, texte: str, taille: int = 14) -> None:
    paragraphe(doc, f"**{texte}**", align="centre", taille=taille, avant=6, apres=12)


def intertitre(doc, texte: str) -> None:
    paragraphe(doc, f"**{texte}**", align="gauche", avant=10, apres=4)


def destinataire_et_date(doc, *, lrar: bool = False) -> None:
    """Addressee block on the right, then place and date, reference and sending mode."""
    bloc = [
        "{{ debiteur.nom }}",
        "{%p if debiteur.a_l_attention_de %}",
        "À l'attention de {{ debiteur.a_l_attention_de }}",
        "{%p endif %}",
        "{%p for ligne in debiteur.adresse.lignes %}",
        "{{ ligne }}",
        "{%p endfor %}",
    ]
    for ligne in bloc:
        p = doc.add_paragraph(ligne)
        p.paragraph_format.left_indent = Cm(9.5)
        p.paragraph_format.space_after = Pt(0)
    paragraphe(doc, "{{ lieu }}, le {{ date }}", align="droite", avant=18, apres=12)
    if lrar:
        paragraphe(doc, "**Lettre recommandée avec demande d'avis de réception**", align="gauche", apres=2)
    paragraphe(doc, "Nos références : dossier {{ reference }}", align="gauche", apres=2)


# "Madame," or "Monsieur," when the debtor's civilité is known (debiteur.appel), else both; a
# template built before that key existed still renders.
APPEL = "{% if debiteur.appel is defined and debiteur.appel %}{{ debiteur.appel }}{% else %}Madame, Monsieur,{% endif %}"
SALUTATIONS = "Nous vous prions d'agréer, " + APPEL + " l'expression de nos salutations distinguées."


def appel(doc) -> None:
    paragraphe(doc, APPEL)


def salutations(doc) -> None:
    paragraphe(doc, SALUTATIONS)


def objet(doc, texte: str) -> None:
    paragraphe(doc, f"**Objet : {texte}**", align="gauche", apres=12)


def signature(doc) -> None:
    paragraphe(doc, "{{ creancier.signataire }}", align="droite", avant=18, apres=0)
    paragraphe(doc, "{{ creancier.nom }}", align="droite")


def tableau(doc, entetes: list[str], cellules: list[str], boucle: str, *, total: list[str] | None = None,
            largeurs: list[float] | None = None, montants: int = 0) -> None:
    """A table with a header row, one row per item of `boucle` ("f in factures"), an optional total row.

    The last `montants` columns hold amounts and are right-aligned, like a ledger.
    """
    table = doc.add_table(rows=0, cols=len(entetes))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _ligne(table, entetes, gras=True)
    _ligne(table, [f"{{%tr for {boucle} %}}"] + [""] * (len(entetes) - 1))
    _ligne(table, cellules)
    _ligne(table, ["{%tr endfor %}"] + [""] * (len(entetes) - 1))
    if total:
        _ligne(table, total, gras=True)
    if largeurs:
        # Word reads the cells' widths, LibreOffice the table grid: set both.
        table.autofit = False
        for colonne, largeur in zip(table.columns, largeurs):
            colonne.width = Cm(largeur)
        for row in table.rows:
            for cellule, largeur in zip(row.cells, largeurs):
                cellule.width = Cm(largeur)
    if montants:
        for row in table.rows:
            for cellule in row.cells[-montants:]:
                for p in cellule.paragraphs:
                    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph()


def _ligne(table, textes: list[str], gras: bool = False) -> None:
    cells = table.add_row().cells
    for cellule, texte in zip(cells, textes):
        p = cellule.paragraphs[0]
        p.paragraph_format.space_after = Pt(0)
        if texte:
            run = p.add_run(texte)
            run.bold = gras
            run.font.size = Pt(9.5)
        # Amounts read best right-aligned, like a ledger.
        if "montant" in texte or "total" in texte or "reste" in texte or "€" in texte or "interets" in texte:
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def tableau_factures(doc, *, liste: str = "factures_echues", avec_interets: bool = False) -> None:
    """The open invoices of a letter: number, date, due date, amount, left to pay."""
    entetes = ["Facture", "Date", "Échéance", "Montant TTC", "Reste dû"]
    cellules = ["{{ f.numero }}", "{{ f.date }}", "{{ f.echeance }}", "{{ f.montant }}", "{{ f.reste }}"]
    largeurs = [3.6, 2.2, 2.2, 2.6, 2.6]
    if avec_interets:
        entetes += ["Pénalités / intérêts", "Indemnité"]
        cellules += ["{{ f.interets }}", "{{ f.indemnite }}"]
        largeurs = [3.4, 2.0, 2.0, 2.4, 2.4, 2.2, 2.0]
    tableau(doc, entetes, cellules, f"f in {liste}", largeurs=largeurs, montants=len(entetes) - 3)


def pluriel(liste: str, singulier: str, pluriel: str) -> str:
    """Jinja choosing the singular or plural wording from the length of the list `liste`."""
    return f"{{% if {liste}|length > 1 %}}{pluriel}{{% else %}}{singulier}{{% endif %}}"
