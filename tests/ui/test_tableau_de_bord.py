"""The dashboard screen: its figures appear, Enter on a row restricts the list to its dossiers."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from recouvrement_tui.demo import ecrire_demo
from recouvrement_tui.services.dossiers import ServiceDossiers
from recouvrement_tui.ui.app import RecouvrementApp
from recouvrement_tui.ui.screens.liste import EcranListe
from recouvrement_tui.ui.screens.tableau_de_bord import EcranTableauDeBord
from recouvrement_tui.ui.widgets.table_dossiers import TableDossiers
from tests.conftest import AUJOURDHUI

TAILLE = (130, 40)


async def test_tableau_de_bord_affiche_les_chiffres_et_entree_filtre_la_liste(tmp_path):
    racine = tmp_path / "d"
    ecrire_demo(racine, 60, graine=4, aujourdhui=AUJOURDHUI)
    service = ServiceDossiers(racine, aujourdhui=lambda: AUJOURDHUI)
    attendu = service.tableau_de_bord(AUJOURDHUI)
    app = RecouvrementApp(service, aujourdhui=lambda: AUJOURDHUI)
    async with app.run_test(size=TAILLE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("b")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, EcranTableauDeBord)
        synthese = str(app.screen.query_one("#synthese", Static).render())
        assert "Encours" in synthese and "DSO" in synthese and "décomptes arrêtés au" in synthese
        etapes = app.screen.query_one("#etapes", DataTable)
        assert etapes.row_count == len(attendu.par_etape)
        assert app.screen.query_one("#anciennete", DataTable).row_count == 6
        assert app.screen.query_one("#mois", DataTable).row_count == 12
        # The second stage row: Enter lands on the list restricted to that stage's dossiers.
        etape = attendu.par_etape[1]
        etapes.focus()
        etapes.move_cursor(row=1)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EcranListe)
        visibles = {l.cle for l in app.screen.query_one(TableDossiers).lignes_visibles}
        assert visibles == set(etape.references) and len(visibles) == etape.nombre
        assert f"{etape.libelle} : {etape.nombre} dossier" in str(app.screen.query_one("#etat", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        # Back to the work queue: the open dossiers (a figure's restriction showed closed ones too).
        table = app.screen.query_one(TableDossiers)
        ouverts = [l for l in table.toutes_les_lignes if l.donnee.ouvert]
        assert len(table.toutes_les_lignes) == 60 and 0 < len(ouverts) < 60
        assert len(table.lignes_visibles) == len(ouverts)
