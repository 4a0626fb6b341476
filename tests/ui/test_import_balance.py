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


# An export whose column names are not known (issue 16, point 4: mapping once).
LOGICIEL_X = (
    "Tiers;Doc;Emis le;Exigible le;Solde TTC\n"
    "Menuiserie Durand SARL;D-1;01/09/2026;01/10/2026;1 234,56\n"
)
LOGICIEL_X_SUIVANT = (
    "Tiers;Doc;Emis le;Exigible le;Solde TTC\n"
    "Transports Lefèvre;D-9;05/11/2026;05/12/2026;850,00\n"
    "Café du Port;D-10;05/11/2026;05/12/2026;99,90\n"
)


async def test_colonnes_inconnues_choisies_une_fois(service, tmp_path):
    from textual.widgets import Select

    from recouvrement_tui.ui.widgets.formulaire import Formulaire

    novembre, decembre = tmp_path / "novembre.csv", tmp_path / "decembre.csv"
    novembre.write_text(LOGICIEL_X, encoding="utf-8")
    decembre.write_text(LOGICIEL_X_SUIVANT, encoding="utf-8")
    app = RecouvrementApp(service, aujourdhui=lambda: AUJOURDHUI)
    async with app.run_test(size=(130, 50)) as pilot:
        await _ouvrir(pilot)
        app.screen.query_one("#import-fichier", Input).value = str(novembre)
        await pilot.press("enter")
        await pilot.pause()
        formulaire = app.screen
        assert isinstance(formulaire, Formulaire)
        assert formulaire.query_one("#champ-client", Select).value == "Tiers"  # what was recognised
        assert formulaire.query_one("#champ-numero", Select).value == ""  # "— aucune —"
        # a header chosen twice is refused under its field, nothing recorded
        formulaire.query_one("#champ-numero", Select).value = "Doc"
        formulaire.query_one("#champ-date_facture", Select).value = "Doc"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, Formulaire)
        assert "déjà choisie" in str(formulaire.query_one("#erreur-date_facture", Static).render())
        assert not (service.racine / "correspondances").exists()
        formulaire.query_one("#champ-date_facture", Select).value = "Emis le"
        formulaire.query_one("#champ-date_echeance", Select).value = "Exigible le"
        formulaire.query_one("#champ-reste", Select).value = "Solde TTC"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EcranImportBalance)
        apercu = str(app.screen.query_one("#import-apercu", Static).render())
        assert "1 dossier à créer" in apercu and "Correspondance des colonnes enregistrée" in apercu
        assert len(list((service.racine / "correspondances").iterdir())) == 1
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert len(service.depot.references()) == 1
        # next month's file of the same software: straight to the preview, no form
        app.screen.query_one("#import-fichier", Input).value = str(decembre)
        app.screen.query_one("#import-fichier", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EcranImportBalance)
        assert "2 dossiers à créer" in str(app.screen.query_one("#import-apercu", Static).render())
