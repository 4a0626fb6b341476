"""The reconciliation view after a FEC import (issue 16, point 5), as an SVG snapshot.

Same terminal size and fixed date as test_snapshots.py. March's FEC is imported first; May's adds
DURAND's new invoice and payment, settles BERNARD (closing proposed) and the bakery's dossier holds
a payment typed by hand that the accounts do not know (a disagreement). The file is named relative
to a temporary working directory, so no machine path shows.
Update after an intended change with
`python -m pytest tests/snapshots/test_snapshots_rapprochement.py --snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from recouvrement_tui.services.dossiers import ServiceDossiers
from recouvrement_tui.ui.app import RecouvrementApp
from recouvrement_tui.ui.screens.rapprochement import EcranRapprochement
from tests.comptabilite.fabrique import avril, mars
from tests.conftest import AUJOURDHUI, calme
from tests.snapshots.test_snapshots import TAILLE


def mai():
    return avril().reglement("C005", "VIR-31", "20260512", [(300, "E")], "Virement BERNARD solde FA-031")


@pytest.fixture
def app(tmp_path: Path, monkeypatch) -> RecouvrementApp:
    racine = tmp_path / "dossiers"
    service = ServiceDossiers(racine, aujourdhui=lambda: AUJOURDHUI, auteur="c.martin")
    compta = tmp_path / "compta"
    compta.mkdir()
    (compta / "FEC-mars.txt").write_bytes(mars().octets())
    (compta / "FEC-mai.txt").write_bytes(mai().octets(separateur="|"))
    monkeypatch.chdir(compta)
    service.comptabilite.importer_fec(Path("FEC-mars.txt"), appliquer=True)
    [boulangerie] = [d for d in map(service.charger, service.depot.references()) if d.debiteur.compte_client == "C003"]
    service.ajouter_paiement(boulangerie, {"date": "02/06/2026", "montant": "150", "mode": "cheque"})
    return RecouvrementApp(service, aujourdhui=lambda: AUJOURDHUI)


def test_rapprochement_apres_import_fec(snap_compare, app):
    """Per dossier: new invoices, new payments with their dates, closing proposed, a disagreement."""

    async def avant(pilot):
        await calme(pilot)
        await pilot.press("i")
        await pilot.pause()
        pilot.app.screen.query_one("#import-fichier", Input).value = "FEC-mai.txt"
        await pilot.press("enter")
        await calme(pilot)
        await pilot.press("ctrl+s")
        await calme(pilot)
        assert isinstance(pilot.app.screen, EcranRapprochement)
        await pilot.press("down")  # the bakery's disagreement in full below the table
        pilot.app.clear_notifications()
        await calme(pilot)

    assert snap_compare(app, terminal_size=TAILLE, run_before=avant)
