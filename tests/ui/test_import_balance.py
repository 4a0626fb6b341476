"""Importing an aged balance from the list: preview, then Ctrl+S writes; errors explained."""

from __future__ import annotations

from textual.widgets import Input, Static

from recouvrement_tui.ui.app import RecouvrementApp
from recouvrement_tui.ui.screens.import_balance import EcranImportBalance
from tests.conftest import AUJOURDHUI

BALANCE = (
    "Client;SIREN;N° facture;Date facture;Échéance;Montant TTC\n"
    "Menuiserie Durand SARL;732829320;FA-1;01/08/2026;31/08/2026;1 200,00\n"
    "Transports Lefèvre;552100554;FB-7;05/09/2026;05/10/2026;850,00\n"
)


async def _ouvrir(pilot):
    await pilot.pause()
    await pilot.press("i")
    await pilot.pause()
    assert isinstance(pilot.app.screen, EcranImportBalance)


async def test_apercu_puis_import(service, tmp_path):
    fichier = tmp_path / "balance.csv"
    fichier.write_text(BALANCE, encoding="utf-8")
    app = RecouvrementApp(service, aujourdhui=lambda: AUJOURDHUI)
    async with app.run_test(size=(130, 40)) as pilot:
        await _ouvrir(pilot)
        app.screen.query_one("#import-fichier", Input).value = str(fichier)
        await pilot.press("enter")
        await pilot.pause()
        apercu = str(app.screen.query_one("#import-apercu", Static).render())
        assert "2 dossiers à créer" in apercu
        assert service.depot.references() == []  # the preview writes nothing
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert len(service.depot.references()) == 2
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, EcranImportBalance)


async def test_fichier_incorrect_explique_sans_rien_ecrire(service, tmp_path):
    fichier = tmp_path / "balance.csv"
    fichier.write_text(BALANCE.replace("31/08/2026", "31/02/2026"), encoding="utf-8")
    app = RecouvrementApp(service, aujourdhui=lambda: AUJOURDHUI)
    async with app.run_test(size=(130, 40)) as pilot:
        await _ouvrir(pilot)
        app.screen.query_one("#import-fichier", Input).value = str(fichier)
        await pilot.press("enter")
        await pilot.pause()
        apercu = str(app.screen.query_one("#import-apercu", Static).render())
        assert "rien n'a été écrit" in apercu and "31/02/2026" in apercu
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert service.depot.references() == []
