"""The dashboard as an SVG snapshot: 40 demo dossiers (seed 5) at the fixed date, the same
data and terminal size as test_snapshots.py. Update after an intended change with
`python -m pytest tests/snapshots/test_snapshots_tableau_de_bord.py --snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from recouvrement_tui.demo import ecrire_demo
from recouvrement_tui.services.dossiers import ServiceDossiers
from recouvrement_tui.ui.app import RecouvrementApp
from tests.snapshots.test_snapshots import AUJOURDHUI, TAILLE, _calme


@pytest.fixture
def app(tmp_path: Path) -> RecouvrementApp:
    racine = tmp_path / "dossiers"
    ecrire_demo(racine, 40, graine=5, aujourdhui=AUJOURDHUI)
    service = ServiceDossiers(racine, aujourdhui=lambda: AUJOURDHUI, auteur="c.martin")
    return RecouvrementApp(service, aujourdhui=lambda: AUJOURDHUI)


def test_tableau_de_bord(snap_compare, app):
    """Summary, stages with bars, ageing buckets: the top of the dashboard."""

    async def avant(pilot):
        await _calme(pilot)
        await pilot.press("b")
        await _calme(pilot)

    assert snap_compare(app, terminal_size=TAILLE, run_before=avant)
