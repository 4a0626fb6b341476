"""The demo shows nothing the legal guard would refuse: replayed move by move, each step of every
demo dossier was allowed on the day it was taken (no relance for a debt already paid, no court
route before the mise en demeure's time has run, overseas from its receipt, art. 1344 C. civ.).
A demo that breaks the law teaches the user to ignore the guard."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from recouvrement_tui.demo.ecriture import ecrire_demo
from recouvrement_tui.domain import garde
from recouvrement_tui.domain.etapes import Etape
from recouvrement_tui.domain.model import Dossier
from recouvrement_tui.domain.procedure import apres_passage
from recouvrement_tui.services.dossiers import ServiceDossiers
from tests.conftest import AUJOURDHUI


def _avant_le_passage(d: Dossier, rang: int) -> Dossier:
    """The dossier as it stood when its move `rang` was made: earlier moves, invoices issued by
    then, payments received before that day, an opening judgment already pronounced."""
    passage = d.passages[rang]
    pause = None
    for precedent in d.passages[:rang]:
        pause = apres_passage(pause, precedent.depuis, precedent.vers)
    ouverture = d.conditions.date_jugement_ouverture
    return replace(
        d,
        passages=d.passages[:rang],
        etape=d.passages[rang - 1].vers if rang else Etape.NOUVEAU,
        etape_depuis=d.passages[rang - 1].date if rang else None,
        etape_avant_pause=pause,
        creances=tuple(c for c in d.creances if c.date_facture <= passage.date),
        paiements=tuple(p for p in d.paiements if p.date < passage.date),
        journal=tuple(e for e in d.journal if e.horodatage.date() <= passage.date),
        conditions=replace(d.conditions, date_jugement_ouverture=ouverture if ouverture and ouverture <= passage.date
                           else None),
    )


@pytest.mark.parametrize("graine", [5, 13])
def test_chaque_etape_de_la_demo_etait_permise_le_jour_ou_elle_a_ete_franchie(tmp_path: Path, graine: int):
    racine = tmp_path / "dossiers"
    ecrire_demo(racine, 300, graine=graine, aujourdhui=AUJOURDHUI)
    service = ServiceDossiers(racine, aujourdhui=lambda: AUJOURDHUI, fsync=False)
    refus, verifies = [], 0
    for resume in service.resumes_actualises():
        d = service.charger(resume.reference)
        for rang, passage in enumerate(d.passages):
            avis = garde.avis_passage(service.etat(_avant_le_passage(d, rang), passage.date), passage.vers)
            verifies += 1
            if avis.refuse:
                refus.append(f"{d.reference} → {passage.vers.libelle} le {passage.date:%d/%m/%Y} : {avis.raisons}")
    assert verifies > 600  # every move of 300 dossiers
    assert refus == []
