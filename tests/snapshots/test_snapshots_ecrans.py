"""More screens as SVG snapshots (issue 13, part 6): the Journal tab, the batch, export and
import screens, the stage and template choices, the command palette.

Same terminal size, fixed date and demo data as test_snapshots.py. Nothing shown depends on
the machine: the home folder (default export destination) is fixed, the balance file is named relative to a
temporary working directory, and only the demo's journal (fixed timestamps) is displayed.
Update after an intended change with
`python -m pytest tests/snapshots/test_snapshots_ecrans.py --snapshot-update`.
"""

from __future__ import annotations

import pytest
from textual.command import CommandList, CommandPalette
from textual.widgets import Input

from recouvrement_tui.ui.app import RecouvrementApp
from recouvrement_tui.ui.screens.export import EcranExport
from recouvrement_tui.ui.screens.import_balance import EcranImportBalance
from recouvrement_tui.ui.screens.relances import EcranRelances
from recouvrement_tui.ui.widgets.choix_etape import ChoixEtape
from recouvrement_tui.ui.widgets.choix_modele import ChoixModele
from tests.conftest import AUJOURDHUI, calme
from tests.snapshots.test_snapshots import TAILLE

# Demo dossiers (40, seed 5, 23/11/2026) chosen for what they show.
LONG_JOURNAL = "2026-0002"  # 15 entries, from the opening to enforcement
MISE_EN_DEMEURE = "2026-0021"  # several next stages; some templates lack facts

BALANCE = (
    "Client;SIREN;N° facture;Date facture;Échéance;Montant TTC\n"
    "Menuiserie Durand SARL;732829320;FA-1;01/08/2026;31/08/2026;1 200,00\n"
    "Menuiserie Durand SARL;732829320;FA-2;01/09/2026;01/10/2026;430,50\n"
    "Transports Lefèvre;552100554;FB-7;05/09/2026;05/10/2026;850,00\n"
)


@pytest.fixture
def app(demo) -> RecouvrementApp:
    """The app on the demo folder (40 dossiers, seed 5) at the fixed date."""
    return RecouvrementApp(demo, aujourdhui=lambda: AUJOURDHUI)


async def _ouvrir(pilot, reference: str, onglet: str = "synthese") -> None:
    await calme(pilot)
    pilot.app.ouvrir_dossier(reference, onglet)
    await calme(pilot)


def test_dossier_journal(snap_compare, app):
    """The Journal tab: the whole history in order, the last entry highlighted and shown in full."""

    async def avant(pilot):
        await _ouvrir(pilot, LONG_JOURNAL, "journal")
        assert pilot.app.screen.dossier.reference == LONG_JOURNAL

    assert snap_compare(app, terminal_size=TAILLE, run_before=avant)


def test_relances_du_jour(snap_compare, app):
    """The batch screen before it runs: the letters due today, one line per dossier."""

    async def avant(pilot):
        await calme(pilot)
        await pilot.press("r")
        await calme(pilot)
        assert isinstance(pilot.app.screen, EcranRelances) and pilot.app.screen.dues

    assert snap_compare(app, terminal_size=TAILLE, run_before=avant)


def test_export_dossier(snap_compare, app, monkeypatch):
    """The export screen (x in a dossier) as it opens: the default destination selected, nothing started."""
    monkeypatch.setenv("HOME", "/home/claire")  # the default destination is the home folder: same on every machine

    async def avant(pilot):
        # The progress bar waits with a moving pulse drawn from the clock: draw it still.
        pilot.app.animation_level = "none"
        await _ouvrir(pilot, MISE_EN_DEMEURE)
        await pilot.press("x")
        await calme(pilot)
        assert isinstance(pilot.app.screen, EcranExport)
        assert pilot.app.screen.query_one("#export-vers", Input).value == "/home/claire"

    assert snap_compare(app, terminal_size=TAILLE, run_before=avant)


def test_import_balance_apercu(snap_compare, app, tmp_path, monkeypatch):
    """The balance import's preview (Entrée) of a small CSV: what would be created, nothing written."""
    dossier_de_travail = tmp_path / "compta"
    dossier_de_travail.mkdir()
    (dossier_de_travail / "balance-novembre.csv").write_text(BALANCE, encoding="utf-8")
    monkeypatch.chdir(dossier_de_travail)  # a relative name: no temporary path on screen

    async def avant(pilot):
        await calme(pilot)
        avant_import = set(pilot.app.service.depot.references())
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(pilot.app.screen, EcranImportBalance)
        pilot.app.screen.query_one("#import-fichier", Input).value = "balance-novembre.csv"
        await pilot.press("enter")
        await calme(pilot)
        assert set(pilot.app.service.depot.references()) == avant_import  # a preview writes nothing

    assert snap_compare(app, terminal_size=TAILLE, run_before=avant)


def test_choix_etape(snap_compare, app):
    """`s` in a dossier at the formal-notice stage: the stages that may follow."""

    async def avant(pilot):
        await _ouvrir(pilot, MISE_EN_DEMEURE)
        await pilot.press("s")
        await calme(pilot)
        assert isinstance(pilot.app.screen, ChoixEtape)

    assert snap_compare(app, terminal_size=TAILLE, run_before=avant)


def test_choix_modele(snap_compare, app):
    """`g` in a dossier: the templates, those it cannot fill yet greyed with what is missing."""

    async def avant(pilot):
        await _ouvrir(pilot, MISE_EN_DEMEURE)
        await pilot.press("g")
        await calme(pilot)
        assert isinstance(pilot.app.screen, ChoixModele)

    assert snap_compare(app, terminal_size=TAILLE, run_before=avant)


def test_palette_de_commandes(snap_compare, app):
    """Ctrl+P then a name typed: the matching dossiers (markup-like characters shown as typed)."""

    async def avant(pilot):
        await calme(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert CommandPalette.is_open(pilot.app)
        await pilot.press(*"dupont")
        # The palette searches in the background after a short debounce.
        for _ in range(100):
            await pilot.app.workers.wait_for_complete()
            await pilot.pause(0.05)
            if pilot.app.screen.query_one(CommandList).option_count >= 2:
                break
        await calme(pilot)

    assert snap_compare(app, terminal_size=TAILLE, run_before=avant)
