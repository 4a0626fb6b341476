"""Opening a data folder without an index (issue 17.3): the list says how far the reading is
("Lecture des dossiers… 3 400 / 10 000") and fills as it goes, instead of "Aucun dossier"."""

from __future__ import annotations

import threading

from textual.widgets import Static

from recouvrement_tui.demo import ecrire_demo
from recouvrement_tui.services.dossiers import ServiceDossiers
from recouvrement_tui.storage import index as module_index
from recouvrement_tui.ui.app import RecouvrementApp
from recouvrement_tui.ui.widgets.table_dossiers import TableDossiers
from tests.conftest import AUJOURDHUI


def _etat(app) -> str:
    return str(app.screen.query_one("#etat", Static).render())


async def test_the_list_fills_as_the_dossiers_are_read_and_says_how_far_it_is(tmp_path, monkeypatch):
    racine = tmp_path / "d"
    ecrire_demo(racine, 30, graine=4, aujourdhui=AUJOURDHUI)
    (racine / module_index.NOM).unlink()  # first opening, or an index of another version
    monkeypatch.setattr(module_index, "PAS_PROGRESSION", 0.0)
    lus = 0
    a_mi_chemin, reprendre = threading.Event(), threading.Event()
    entree = module_index.Index._entree

    def lente(self, reference, empreinte):
        nonlocal lus
        lus += 1
        if lus == 12:  # a third of the way: the test looks at the screen meanwhile
            a_mi_chemin.set()
            assert reprendre.wait(20)
        return entree(self, reference, empreinte)

    monkeypatch.setattr(module_index.Index, "_entree", lente)
    service = ServiceDossiers(racine, aujourdhui=lambda: AUJOURDHUI)
    app = RecouvrementApp(service, aujourdhui=lambda: AUJOURDHUI)
    async with app.run_test(size=(130, 40)) as pilot:
        try:
            for _ in range(400):  # waited without blocking the loop: the worker reports through it
                if a_mi_chemin.is_set():
                    break
                await pilot.pause(0.05)
            assert a_mi_chemin.is_set()
            await pilot.pause(0.2)
            table = app.screen.query_one(TableDossiers)
            assert len(table.toutes_les_lignes) == 11  # the dossiers read so far, already usable
            assert _etat(app).startswith("Lecture des dossiers… 11 / 30")
            assert "Aucun dossier" not in _etat(app)
            # The screen answers meanwhile: filtering what is there works.
            premier = table.toutes_les_lignes[0]
            await pilot.press("slash", *premier.cle)
            await pilot.pause()
            assert [l.cle for l in table.lignes_visibles] == [premier.cle]
        finally:
            reprendre.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert len(table.toutes_les_lignes) == 30
        assert "Lecture" not in _etat(app)
        assert "dossier" in _etat(app)
