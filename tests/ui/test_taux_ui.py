"""The coming half-year's rates in the TUI: the list's banner, the agenda's line, the rates screen."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input, Static

from recouvrement_tui.services.dossiers import ServiceDossiers
from recouvrement_tui.ui.app import RecouvrementApp
from recouvrement_tui.ui.screens.agenda import EcranAgenda, TableAgenda
from recouvrement_tui.ui.screens.liste import EcranListe
from recouvrement_tui.ui.screens.parametres_courriel import EcranParametres
from recouvrement_tui.ui.screens.taux import EcranTaux
from tests.conftest import AUJOURDHUI

TAILLE = (130, 40)


def _service(racine, jour: dt.date) -> ServiceDossiers:
    return ServiceDossiers(racine, aujourdhui=lambda: jour, auteur="c.martin")


async def _saisir(pilot, app, valeurs: dict[str, str]) -> None:
    for cle, valeur in valeurs.items():
        app.screen.query_one(f"#champ-{cle}", Input).value = valeur
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_no_banner_on_the_snapshots_day(racine):
    app = RecouvrementApp(_service(racine, AUJOURDHUI))
    async with app.run_test(size=TAILLE) as pilot:
        await pilot.pause()
        assert not app.screen.query_one("#bandeau", Static).display


async def test_from_mid_december_the_list_warns_and_the_settings_screen_adds_the_rates(racine):
    service = _service(racine, dt.date(2026, 12, 15))
    app = RecouvrementApp(service)
    async with app.run_test(size=TAILLE) as pilot:
        await pilot.pause()
        bandeau = app.screen.query_one("#bandeau", Static)
        assert bandeau.display
        assert "semestre 2027-S1" in str(bandeau.render()) and "recouvrement taux ajouter 2027-S1" in str(bandeau.render())
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, EcranParametres)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, EcranTaux)
        assert app.screen.query_one("#champ-semestre", Input).value == "2027-S1"
        assert "Derniers connus" in str(app.screen.query_one("#taux-connus", Static).render())
        # Refused: each reason under its field, in French, nothing written.
        await _saisir(pilot, app, {"bce": "25", "legal_particulier": "6,5", "source": ""})
        assert isinstance(app.screen, EcranTaux)
        assert "plage plausible" in str(app.screen.query_one("#erreur-bce", Static).render())
        assert "publiés ensemble" in str(app.screen.query_one("#erreur-legal_autres", Static).render())
        assert "Indiquez la source" in str(app.screen.query_one("#erreur-source", Static).render())
        assert not (racine / "taux").exists()
        await _saisir(pilot, app, {"bce": "2,15", "legal_particulier": "6,50", "legal_autres": "2,60",
                                   "source": "décision BCE du 10/12/2026 ; arrêté du 18/12/2026"})
        assert not isinstance(app.screen, EcranTaux)
        assert (racine / "taux" / "taux_bce_semestres.csv").exists()
        await pilot.press("escape")  # leave the settings
        await pilot.pause()
        assert isinstance(app.screen, EcranListe)
        assert not app.screen.query_one("#bandeau", Static).display
    assert service.alerte_taux() is None


async def test_the_agenda_shows_the_critical_line_and_opens_the_rates_screen(racine):
    app = RecouvrementApp(_service(racine, dt.date(2027, 1, 2)))
    async with app.run_test(size=TAILLE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, EcranAgenda)
        premiere = app.screen.query_one(TableAgenda).lignes_visibles[0]
        assert premiere.cellules[0] == "01/01/2027" and premiere.cellules[1] == "Taux"
        assert premiere.cellules[4].startswith("⚠ Saisir les taux du semestre 2027-S1")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EcranTaux)


async def test_the_command_palette_offers_the_rates_screen(racine):
    app = RecouvrementApp(_service(racine, AUJOURDHUI))
    async with app.run_test(size=TAILLE) as pilot:
        await pilot.pause()
        noms = [c.title for c in app.get_system_commands(app.screen)]
        assert noms.count("Taux du semestre") == 1
        app.action_taux_du_semestre()
        await pilot.pause()
        assert isinstance(app.screen, EcranTaux)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EcranListe)
