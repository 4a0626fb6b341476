"""Exporting from the dossier screen: a modal with destination, PDF option and progress bar."""

from __future__ import annotations

import zipfile

from textual.widgets import Input, ProgressBar

from recouvrement_tui.ui.app import RecouvrementApp
from recouvrement_tui.ui.screens.dossier import EcranDossier
from recouvrement_tui.ui.screens.export import EcranExport
from tests.conftest import AUJOURDHUI


async def test_exporter_depuis_le_dossier(demo, tmp_path):
    reference = demo.documents.relances_dues(AUJOURDHUI)[0][0]
    app = RecouvrementApp(demo, aujourdhui=lambda: AUJOURDHUI)
    async with app.run_test(size=(130, 40)) as pilot:
        await pilot.pause()
        app.ouvrir_dossier(reference)
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, EcranExport)
        app.screen.query_one("#export-vers", Input).value = str(tmp_path / "sortie")
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        barre = app.screen.query_one(ProgressBar)
        assert barre.progress == barre.total
        chemin = app.screen.resultat
        assert chemin is not None and chemin.exists()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EcranDossier)
        assert "exporté" in app.screen.dossier.journal[-1].texte
    with zipfile.ZipFile(chemin) as z:
        assert "manifest.json" in z.namelist()


async def test_export_vers_un_dossier_impossible_explique(demo, tmp_path):
    reference = demo.documents.relances_dues(AUJOURDHUI)[0][0]
    fichier = tmp_path / "un-fichier"
    fichier.write_text("x")
    app = RecouvrementApp(demo, aujourdhui=lambda: AUJOURDHUI)
    async with app.run_test(size=(130, 40)) as pilot:
        await pilot.pause()
        app.ouvrir_dossier(reference)
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#export-vers", Input).value = str(fichier / "dessous")
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.resultat is None
        assert "ne peut pas être écrite" in str(app.screen.query_one("#export-etat").render())


async def test_joindre_une_piece_depuis_le_dossier(demo, tmp_path):
    from textual.widgets import Select, Static

    from recouvrement_tui.ui.widgets.formulaire import Formulaire

    reference = demo.documents.relances_dues(AUJOURDHUI)[0][0]
    source = tmp_path / "contrat cadre.pdf"
    source.write_bytes(b"%PDF-1.4 contrat")
    app = RecouvrementApp(demo, aujourdhui=lambda: AUJOURDHUI)
    async with app.run_test(size=(130, 40)) as pilot:
        await pilot.pause()
        app.ouvrir_dossier(reference)
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, Formulaire)
        app.screen.query_one("#champ-fichier", Input).value = str(source)
        app.screen.query_one("#champ-type", Select).value = "contrat"
        app.screen.query_one("#champ-date", Input).value = "02/01/2026"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()  # the pièce is copied in a thread
        await pilot.pause()
        assert isinstance(app.screen, EcranDossier)
        assert "Contrat du 02/01/2026" in str(app.screen.query_one("#synthese-texte", Static).render())
    assert (demo.depot.chemin(reference) / "pieces" / "contrat cadre.pdf").exists()
