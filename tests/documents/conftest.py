"""A demo data folder (40 varied dossiers at the fixed date) shared by the document tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from recouvrement_tui.demo import ecrire_demo
from recouvrement_tui.services import ServiceDossiers
from tests.conftest import AUJOURDHUI


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


@pytest.fixture(scope="session")
def demo_lecture(demo_modele: Path) -> ServiceDossiers:
    """Read-only use of the shared folder (rendering without writing)."""
    return ServiceDossiers(demo_modele, aujourdhui=lambda: AUJOURDHUI, auteur="c.martin", fsync=False)
