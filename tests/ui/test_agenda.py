"""The agenda screen: every dossier's actions by date, filtered, opening the right tab."""

from __future__ import annotations

from textual.widgets import Select, Static

from recouvrement_tui.domain.etapes import Etape
from recouvrement_tui.ui.app import RecouvrementApp
from recouvrement_tui.ui.screens.agenda import EcranAgenda, TableAgenda
from recouvrement_tui.ui.screens.dossier import EcranDossier
from tests.conftest import AUJOURDHUI, DEBITEUR

TAILLE = (130, 36)


def _dates(app) -> list[str]:
    return [l.cellules[0] for l in app.screen.query_one(TableAgenda).lignes_visibles]


async def test_agenda_lists_overdue_first_and_filters_by_period_and_stage(service):
    en_retard = service.creer_dossier(DEBITEUR)
    en_retard = service.ajouter_creance(
        en_retard, {"numero": "F1", "date_facture": "01/06/2026", "date_echeance": "01/07/2026", "montant_ttc": "900"}
    )
    service.changer_etape(
        en_retard, Etape.PROCEDURE_COLLECTIVE,
        {"date": "10/08/2026", "nature": "liquidation", "juridiction": "TC Lyon", "mandataire": "Me Prévost",
         "date_bodacc": "14/08/2026"},
    )
    a_venir = service.creer_dossier({**DEBITEUR, "nom": "Boulangerie du Marché"})
    service.ajouter_creance(a_venir, {"numero": "B1", "date_facture": "01/11/2026", "date_echeance": "30/11/2026", "montant_ttc": "80"})
    app = RecouvrementApp(service, aujourdhui=lambda: AUJOURDHUI)
    async with app.run_test(size=TAILLE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, EcranAgenda)
        premiere = app.screen.query_one(TableAgenda).lignes_visibles[0]
        assert premiere.cellules[0] == "14/10/2026" and premiere.cellules[4].startswith("⚠ Déclarer la créance")
        nombre_retard = len(_dates(app))
        app.screen.query_one("#agenda-periode", Select).value = "tout"
        await pilot.pause()
        assert len(_dates(app)) > nombre_retard
        assert "Boulangerie du Marché (SARL)" in {l.cellules[2] for l in app.screen.query_one(TableAgenda).lignes_visibles}
        app.screen.query_one("#agenda-etape", Select).value = "procedure_collective"
        await pilot.pause()
        assert {l.cellules[3] for l in app.screen.query_one(TableAgenda).lignes_visibles} == {"Procédure collective"}
        await pilot.pause()
        assert "L622-24" in str(app.screen.query_one("#agenda-regle", Static).render())
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EcranDossier) and app.screen.dossier.reference == en_retard.reference


def _compteur(app) -> str:
    return str(app.screen.query_one("#agenda-etat", Static).render())


async def test_agenda_counter_follows_the_text_filter_and_the_agenda_refreshes_after_an_edit(service):
    from textual.widgets import Input, OptionList

    from recouvrement_tui.ui.widgets.formulaire import Formulaire

    for nom in ("Menuiserie Durand", "Boulangerie du Marché"):
        d = service.creer_dossier({**DEBITEUR, "nom": nom})
        service.ajouter_creance(d, {"numero": "F1", "date_facture": "01/09/2026", "date_echeance": "01/10/2026",
                                    "montant_ttc": "800"})
    app = RecouvrementApp(service, aujourdhui=lambda: AUJOURDHUI)
    async with app.run_test(size=TAILLE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, EcranAgenda)
        table = app.screen.query_one(TableAgenda)
        assert len(table.lignes_visibles) == 2
        assert _compteur(app).startswith("2 actions affichées sur 4 ;")
        app.screen.query_one("#agenda-filtre", Input).value = "boulangerie"
        await pilot.pause()
        assert len(table.lignes_visibles) == 1
        assert _compteur(app).startswith("1 action affichée sur 4 ;")
        app.screen.query_one("#agenda-etape", Select).value = "relance_amiable"  # no dossier there yet
        await pilot.pause()
        assert _compteur(app).startswith("0 action affichée sur 4 ;")
        app.screen.query_one("#agenda-etape", Select).value = ""
        await pilot.pause()
        assert _compteur(app).startswith("1 action affichée sur 4 ;")
        avant = table.lignes_visibles[0].cellules[4]
        # Open the dossier from the agenda, move it to the next stage, come back.
        table.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EcranDossier)
        reference = app.screen.dossier.reference
        await pilot.press("s")
        await pilot.pause()
        app.screen.query_one(OptionList).highlighted = 1  # Relance amiable
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, Formulaire)
        app.screen.query_one("#champ-date", Input).value = "30/10/2026"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EcranDossier) and app.screen.dossier.etape is Etape.RELANCE_AMIABLE
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, EcranAgenda)
        ligne = table.lignes_visibles[0]
        assert ligne.donnee[0].reference == reference and ligne.cellules[3] == "Relance amiable"
        assert ligne.cellules[4] != avant
        assert _compteur(app).startswith("1 action affichée sur 4 ;")
        app.screen.query_one("#agenda-etape", Select).value = "relance_amiable"
        await pilot.pause()
        assert _compteur(app).startswith("1 action affichée sur 4 ;")
