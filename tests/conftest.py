"""Shared fixtures: a fixed "today", and services on temporary data folders."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from recouvrement_tui.demo import ecrire_demo
from recouvrement_tui.services.dossiers import ServiceDossiers

AUJOURDHUI = dt.date(2026, 11, 23)

# In CI (a fresh clone, no example database) property tests run the same examples every time:
# a submission is judged on what it changed, not on what a random search happened to find.
# Locally they keep searching at random, which is how new cases are found.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

DEBITEUR = {
    "nom": "Menuiserie Durand",
    "forme_juridique": "SARL",
    "siren": "732 829 320",
    "adresse1": "12 rue de la République",
    "code_postal": "69002",
    "ville": "Lyon",
    "email": "contact@durand.fr",
    "relance_nom": "Service comptable",
    "relance_email": "compta@durand.fr",
}


# The creditor's settings as typed in the settings screen (Paramètres).
CREANCIER = {
    "raison_sociale": "Électricité Rhône SAS",
    "siren": "552 100 554",
    "siege_adresse1": "4 quai Perrache",
    "siege_code_postal": "69002",
    "siege_ville": "Lyon",
    "representant_nom": "Claire Martin",
}


@pytest.fixture
def aujourdhui() -> dt.date:
    return AUJOURDHUI


@pytest.fixture
def racine(tmp_path: Path) -> Path:
    return tmp_path / "dossiers"


@pytest.fixture
def service(racine: Path) -> ServiceDossiers:
    return ServiceDossiers(racine, aujourdhui=lambda: AUJOURDHUI, auteur="c.martin")


@pytest.fixture
def dossier(service: ServiceDossiers):
    """A company debtor with two invoices and one payment not designating an invoice."""
    d = service.creer_dossier(DEBITEUR)
    d = service.ajouter_creance(
        d, {"numero": "FA-001", "date_facture": "01/08/2026", "date_echeance": "31/08/2026", "montant_ttc": "1 200,00"}
    )
    d = service.ajouter_creance(
        d, {"numero": "FA-002", "date_facture": "01/09/2026", "date_echeance": "30/09/2026", "montant_ttc": "800,50"}
    )
    return service.ajouter_paiement(d, {"date": "15/10/2026", "montant": "500"})


# --- a demo data folder (40 varied dossiers at the fixed date), for documents ---------------


@pytest.fixture(scope="session")
def demo_modele(tmp_path_factory) -> Path:
    racine = tmp_path_factory.mktemp("demo") / "dossiers"
    ecrire_demo(racine, 40, graine=5, aujourdhui=AUJOURDHUI)
    return racine


@pytest.fixture
def demo(demo_modele: Path, tmp_path: Path) -> ServiceDossiers:
    """A fresh copy for each test: generation writes files and journal entries."""
    racine = tmp_path / "dossiers"
    shutil.copytree(demo_modele, racine)
    return ServiceDossiers(racine, aujourdhui=lambda: AUJOURDHUI, auteur="c.martin", fsync=False)


async def calme(pilot) -> None:
    """Wait for background refreshes and stop cursors blinking, so every run draws the same."""
    from textual.widgets import Input

    await pilot.app.workers.wait_for_complete()
    for entree in pilot.app.screen.query(Input):
        entree.cursor_blink = False
    await pilot.pause()


@pytest.fixture(scope="session")
def demo_lecture(demo_modele: Path) -> ServiceDossiers:
    """Read-only use of the shared folder (rendering without writing)."""
    return ServiceDossiers(demo_modele, aujourdhui=lambda: AUJOURDHUI, auteur="c.martin", fsync=False)
