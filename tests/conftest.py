"""Shared fixtures: a fixed "today", and services on temporary data folders."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from recouvrement_tui.services import ServiceDossiers

AUJOURDHUI = dt.date(2026, 11, 23)

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
