"""The team's day as SVG snapshots (issue 17): a debtor's form where a colleague saved the same
field meanwhile (both values shown, field by field), and the list still being read on a first
opening ("Lecture des dossiers… n / N", filled as it goes).

Same terminal size, fixed date and demo data as test_snapshots.py. Update after an intended change
with `python -m pytest tests/snapshots/test_snapshots_equipe.py --snapshot-update`.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual.widgets import Input

from recouvrement_tui.demo import ecrire_demo
from recouvrement_tui.services.dossiers import ServiceDossiers
from recouvrement_tui.storage import index as module_index
from recouvrement_tui.ui.app import RecouvrementApp
from recouvrement_tui.ui.formulaires import valeurs_debiteur
from tests.conftest import AUJOURDHUI, calme
from tests.snapshots.test_snapshots import TAILLE


@pytest.fixture
def racine(tmp_path: Path) -> Path:
    racine = tmp_path / "dossiers"
    ecrire_demo(racine, 40, graine=5, aujourdhui=AUJOURDHUI)
    return racine


def _app(racine: Path) -> RecouvrementApp:
    service = ServiceDossiers(racine, aujourdhui=lambda: AUJOURDHUI, auteur="c.martin")
    return RecouvrementApp(service, aujourdhui=lambda: AUJOURDHUI)


def test_formulaire_en_conflit_avec_un_collegue(snap_compare, racine):
    reference = "2026-0021"

    async def preparer(pilot):
        await calme(pilot)
        pilot.app.ouvrir_dossier(reference)
        await calme(pilot)
        await pilot.press("d")
        await calme(pilot)
        pilot.app.screen.query_one("#champ-email", Input).value = "recouvrement@debiteur.example"
        collegue = ServiceDossiers(racine, aujourdhui=lambda: AUJOURDHUI, auteur="j.dupont")
        dossier = collegue.charger(reference)
        valeurs = valeurs_debiteur(dossier.debiteur)
        valeurs["email"], valeurs["telephone"] = "compta@debiteur.example", "04 72 10 20 30"
        collegue.modifier_debiteur(dossier, valeurs)
        await pilot.press("ctrl+s")
        await calme(pilot)

    assert snap_compare(_app(racine), terminal_size=TAILLE, run_before=preparer)


def test_liste_en_cours_de_lecture(snap_compare, racine, monkeypatch):
    (racine / module_index.NOM).unlink()
    monkeypatch.setattr(module_index, "PAS_PROGRESSION", 0.0)
    lus, a_mi_chemin, fin = 0, threading.Event(), threading.Event()
    entree = module_index.Index._entree

    def lente(self, reference, empreinte):
        nonlocal lus
        lus += 1
        if lus == 16:
            a_mi_chemin.set()
            fin.wait(30)
        return entree(self, reference, empreinte)

    monkeypatch.setattr(module_index.Index, "_entree", lente)

    async def preparer(pilot):
        for _ in range(400):
            if a_mi_chemin.is_set():
                break
            await pilot.pause(0.05)
        await pilot.pause(0.2)  # the worker is held: not calme, which would wait for it
        for entree in pilot.app.screen.query(Input):
            entree.cursor_blink = False
        await pilot.pause()

    try:
        assert snap_compare(_app(racine), terminal_size=TAILLE, run_before=preparer)
    finally:
        fin.set()
