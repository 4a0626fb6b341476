"""Key screens as SVG snapshots, at a fixed terminal size and a fixed date.

After an intended change of the display, review the report, then update with
`python -m pytest tests/snapshots --snapshot-update`.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from recouvrement_tui.ui.app import RecouvrementApp
from tests.conftest import AUJOURDHUI, calme

TAILLE = (130, 38)


@pytest.fixture
def app(demo) -> RecouvrementApp:
    """The app on the demo folder (40 dossiers, seed 5) at the fixed date."""
    return RecouvrementApp(demo, aujourdhui=lambda: AUJOURDHUI)



def test_liste(snap_compare, app):
    assert snap_compare(app, terminal_size=TAILLE, run_before=calme)


def test_liste_filtree_et_triee(snap_compare, app):
    async def avant(pilot):
        await calme(pilot)
        await pilot.press("slash", *"sa")
        await pilot.press("enter", "t", "t", "t", "T")  # from the date: reference, debtor, balance; descending
        await calme(pilot)

    assert snap_compare(app, terminal_size=TAILLE, run_before=avant)


def test_dossier_creances_et_paiements(snap_compare, app):
    async def avant(pilot):
        await calme(pilot)
        await pilot.press("enter")
        await pilot.pause()
        pilot.app.screen.query_one("TabbedContent").active = "creances"
        await calme(pilot)

    assert snap_compare(app, terminal_size=TAILLE, run_before=avant)


def test_dossier_synthese(snap_compare, app):
    async def avant(pilot):
        await calme(pilot)
        pilot.app.screen.table.aller_a("2026-0003")  # a given dossier, whatever the list's order
        await pilot.press("enter")
        await calme(pilot)

    assert snap_compare(app, terminal_size=TAILLE, run_before=avant)


def test_formulaire_facture_avec_erreurs(snap_compare, app):
    async def avant(pilot):
        await calme(pilot)
        await pilot.press("enter", "f")
        await pilot.pause()
        ecran = pilot.app.screen
        ecran.query_one("#champ-numero", Input).value = "FA-2026-0099"
        ecran.query_one("#champ-date_facture", Input).value = "31/02/2026"
        ecran.query_one("#champ-montant_ttc", Input).value = "mille"
        await pilot.press("ctrl+s")
        await calme(pilot)

    assert snap_compare(app, terminal_size=TAILLE, run_before=avant)


def test_dossier_decompte(snap_compare, app):
    async def avant(pilot):
        await calme(pilot)
        pilot.app.screen.table.aller_a("2026-0002")  # a given dossier, whatever the list's order
        await pilot.press("enter")
        await pilot.pause()
        pilot.app.screen.query_one("TabbedContent").active = "decompte"
        await calme(pilot)

    assert snap_compare(app, terminal_size=TAILLE, run_before=avant)


def test_agenda(snap_compare, app):
    async def avant(pilot):
        await calme(pilot)
        await pilot.press("a")
        await calme(pilot)
        await pilot.pause()

    assert snap_compare(app, terminal_size=TAILLE, run_before=avant)


def test_dossier_documents(snap_compare, app):
    """The Documents tab after generating two letters (deterministic files: same SHA-256 each run)."""

    async def avant(pilot):
        await calme(pilot)
        service = pilot.app.service
        reference = service.documents.relances_dues(AUJOURDHUI)[0][0]
        dossier = service.documents.generer(service.charger(reference), "mise_en_demeure").dossier
        service.documents.generer(dossier, "decompte_creance")
        pilot.app.ouvrir_dossier(reference, "documents")
        await calme(pilot)

    assert snap_compare(app, terminal_size=TAILLE, run_before=avant)


def test_dossier_evaluation(snap_compare, app):
    """The Évaluation tab: recommendation, comparison table, chart, the recommended route's costs."""

    async def avant(pilot):
        await calme(pilot)
        reference = pilot.app.service.documents.relances_dues(AUJOURDHUI)[0][0]
        pilot.app.ouvrir_dossier(reference, "evaluation")
        await calme(pilot)

    assert snap_compare(app, terminal_size=TAILLE, run_before=avant)
