"""The list is a work queue: open dossiers by next action date (overdue first); `c` shows the closed ones."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Static

from recouvrement_tui.demo import ecrire_demo
from recouvrement_tui.domain.etapes import Etape
from recouvrement_tui.domain.formatage import montant
from recouvrement_tui.services.dossiers import ServiceDossiers
from recouvrement_tui.ui.app import RecouvrementApp
from recouvrement_tui.ui.widgets.table_dossiers import TableDossiers
from tests.conftest import AUJOURDHUI


def _app_demo(tmp_path, nombre: int, au=AUJOURDHUI) -> RecouvrementApp:
    """The app on `nombre` demo dossiers written at AUJOURDHUI, opened on day `au`."""
    racine = tmp_path / "d"
    ecrire_demo(racine, nombre, graine=4, aujourdhui=AUJOURDHUI)
    return RecouvrementApp(ServiceDossiers(racine, aujourdhui=lambda: au), aujourdhui=lambda: au)


def _etat(app) -> str:
    return str(app.screen.query_one("#etat", Static).render())


async def test_default_is_open_dossiers_by_next_action_date_and_c_shows_the_closed_ones(tmp_path):
    app = _app_demo(tmp_path, 60)
    async with app.run_test(size=(130, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one(TableDossiers)
        toutes = table.toutes_les_lignes
        ouverts = [l for l in toutes if l.donnee.etape is not Etape.CLOTURE]
        assert 0 < len(ouverts) < len(toutes) == 60
        visibles = table.lignes_visibles
        assert {l.cle for l in visibles} == {l.cle for l in ouverts}
        dates = [l.donnee.prochaine_date or dt.date.max for l in visibles]
        assert dates == sorted(dates)  # overdue first, undated last
        assert visibles[0].donnee.prochaine_date < AUJOURDHUI  # the demo has overdue actions
        assert _etat(app) == f"{len(ouverts)} dossiers ouverts (c : afficher les clôturés)"
        # The balance says what it is; the décompte total comes from the index.
        assert visibles[0].cellules[2] == montant(visibles[0].donnee.solde)
        assert any(l.donnee.du is not None and l.cellules[3] == montant(l.donnee.du) for l in visibles)

        await pilot.press("c")
        await pilot.pause()
        assert len(table.lignes_visibles) == 60
        assert _etat(app) == "60 dossiers, clôturés compris (c : masquer les clôturés)"
        clos = [l for l in table.lignes_visibles if l.donnee.etape is Etape.CLOTURE]
        assert clos and all(l.cellules[5].startswith("Clôturé : ") for l in clos)
        assert {l.cellules[5] for l in clos} <= {"Clôturé : payé", "Clôturé : accord exécuté",
                                                 "Clôturé : irrécouvrable", "Clôturé : abandon"}
        # `t` still sorts by column, over the closed ones too.
        await pilot.press("t")
        await pilot.pause()
        assert table.tri == "reference"
        assert [l.cle for l in table.lignes_visibles] == sorted(l.cle for l in toutes)

        await pilot.press("c")
        await pilot.pause()
        assert len(table.lignes_visibles) == len(ouverts)
        assert _etat(app).endswith("(c : afficher les clôturés)")


async def test_at_80_columns_the_date_stays_visible(tmp_path):
    app = _app_demo(tmp_path, 10)
    async with app.run_test(size=(80, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one(TableDossiers)
        entete = table.render_line(0).text
        assert "Date" in entete and "Principal dû" in entete and "Prochaine action" in entete
        premiere = table.lignes_visibles[0]
        assert premiere.cellules[6] and premiere.cellules[6] in table.render_line(1).text


async def test_a_total_due_computed_on_an_earlier_day_says_so(tmp_path):
    """The index keeps each dossier's décompte total as of the day it was built: when that day is
    past, interest has run since, and the list marks the figure and says as of when."""
    plus_tard = AUJOURDHUI + dt.timedelta(days=10)
    app = _app_demo(tmp_path, 20, plus_tard)
    async with app.run_test(size=(130, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one(TableDossiers)
        avec_du = [l for l in table.lignes_visibles if l.donnee.du is not None]
        assert avec_du and all(l.cellules[3] == montant(l.donnee.du) + "*" for l in avec_du)
        assert _etat(app).endswith(f"· * intérêts arrêtés au {AUJOURDHUI:%d/%m/%Y} ou après")
        # Opening a dossier brings its row up to today.
        ligne = avec_du[0]
        app.ouvrir_dossier(ligne.cle)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        apres = next(l for l in table.toutes_les_lignes if l.cle == ligne.cle)
        assert apres.donnee.du_au == plus_tard and not apres.cellules[3].endswith("*")
