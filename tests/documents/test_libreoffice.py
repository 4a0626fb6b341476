"""Every template opened by a real word processor: LibreOffice converts it to PDF, we read the PDF.

python-docx reading a file back does not prove Word or LibreOffice will open it; this does.
Locally the test is skipped when LibreOffice is missing; in CI (CI=true) .ci/run installs
libreoffice-writer-nogui and poppler-utils, and their absence is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from recouvrement_tui.documents.catalogue import CATALOGUE
from recouvrement_tui.documents.rendu import rendre
from recouvrement_tui.storage.modeles import modeles_livres
from tests.conftest import AUJOURDHUI
from tests.documents.test_modeles import dossiers_de_demonstration, fait_attendu


def _outil(*noms: str) -> str | None:
    for nom in noms:
        if chemin := shutil.which(nom):
            return chemin
    return None


SOFFICE = _outil("soffice", "libreoffice")
PDFTOTEXT = _outil("pdftotext")

if not (SOFFICE and PDFTOTEXT):
    if os.environ.get("CI") == "true":
        pytest.fail("LibreOffice ou pdftotext manque en CI : .ci/run doit les installer.", pytrace=False)
    pytestmark = pytest.mark.skip(reason="LibreOffice (soffice) et pdftotext sont nécessaires")


def _plat(texte: str) -> str:
    """PDF text with every kind of space as one plain space (U+202F, U+00A0, line breaks)."""
    return re.sub(r"[\s\u202f\u00a0]+", " ", texte)


@pytest.fixture(scope="module")
def pdfs(demo_lecture, tmp_path_factory):
    """Each template rendered for the first demo dossier that can fill it, converted in one run."""
    sortie = tmp_path_factory.mktemp("libreoffice")
    attendus = {}
    dossiers = list(dossiers_de_demonstration(demo_lecture))
    for m in CATALOGUE:
        for dossier in dossiers:
            if not demo_lecture.documents.verifier(dossier, m.cle, AUJOURDHUI):
                contexte = demo_lecture.documents.contexte(dossier, AUJOURDHUI)
                break
        else:
            pytest.fail(f"aucun dossier de démonstration ne permet de générer {m.cle}")
        contenu = rendre((modeles_livres() / f"{m.cle}.docx").read_bytes(), contexte, m.titre)
        (sortie / f"{m.cle}.docx").write_bytes(contenu)
        attendus[m.cle] = (dossier, fait_attendu(m.cle, contexte))
    profil = tmp_path_factory.mktemp("profil-libreoffice")
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profil}", "--headless", "--norestore", "--convert-to", "pdf",
         "--outdir", str(sortie), *sorted(str(f) for f in sortie.glob("*.docx"))],
        check=True, capture_output=True, timeout=300,
    )
    textes = {}
    for cle in attendus:
        pdf = sortie / f"{cle}.pdf"
        assert pdf.exists(), f"LibreOffice n'a pas converti {cle}.docx"
        textes[cle] = subprocess.run([PDFTOTEXT, "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True,
                                     text=True).stdout
    return attendus, textes


@pytest.mark.parametrize("cle", [m.cle for m in CATALOGUE])
def test_pdf_libreoffice_contient_les_faits(pdfs, cle):
    attendus, textes = pdfs
    dossier, total = attendus[cle]
    texte = _plat(textes[cle])
    assert texte.strip(), f"{cle} : PDF vide"
    assert not re.search(r"\{\{|\}\}|\{%|%\}", texte), f"{cle} : balise restée dans le PDF"
    assert _plat(dossier.debiteur.nom) in texte, f"{cle} : nom du débiteur absent du PDF"
    assert "Rhône Équipements Techniques" in texte
    assert _plat(total) in texte, f"{cle} : montant {total} absent du PDF"


def test_export_avec_copies_pdf(demo, tmp_path):
    """`exporter --pdf`: the annexes and the latest version of each document travel as PDF too,
    converted by LibreOffice through system/libreoffice.py."""
    import zipfile

    from tests.conftest import AUJOURDHUI

    reference = demo.documents.relances_dues(AUJOURDHUI)[0][0]
    demo.documents.generer(demo.charger(reference), "mise_en_demeure")
    chemin = demo.echanges.exporter(reference, tmp_path / "export", pdf=True)
    with zipfile.ZipFile(chemin) as z:
        pdf = [n for n in z.namelist() if n.startswith("pdf/")]
        assert any("mise_en_demeure" in n for n in pdf) and any("Bordereau" in n for n in pdf)
        assert all(z.read(n).startswith(b"%PDF") for n in pdf)
