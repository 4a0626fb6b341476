"""The dashboard as an SVG snapshot: 40 demo dossiers (seed 5) at the fixed date, the same
data and terminal size as test_snapshots.py. Update after an intended change with
`python -m pytest tests/snapshots/test_snapshots_tableau_de_bord.py --snapshot-update`.
"""

from __future__ import annotations

import pytest

from recouvrement_tui.ui.app import RecouvrementApp
from tests.conftest import AUJOURDHUI, calme
from tests.snapshots.test_snapshots import TAILLE


@pytest.fixture
def app(demo) -> RecouvrementApp:
    """The app on the demo folder (40 dossiers, seed 5) at the fixed date."""
    return RecouvrementApp(demo, aujourdhui=lambda: AUJOURDHUI)


def test_tableau_de_bord(snap_compare, app):
    """Summary, stages with bars, ageing buckets: the top of the dashboard."""

    async def avant(pilot):
        await calme(pilot)
        await pilot.press("b")
        await calme(pilot)

    assert snap_compare(app, terminal_size=TAILLE, run_before=avant)
