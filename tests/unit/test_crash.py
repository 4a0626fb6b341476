"""A process killed (SIGKILL) at random moments while it creates, saves, attaches and restores:
afterwards every dossier is readable and, once storage.reprise has run, nothing is left over.

This is the kill -9 a user's laptop does when its battery dies, or an administrator does to a
stuck process: no `finally`, no `atexit`, only what is on disk.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import signal
import time
import traceback
from pathlib import Path

import pytest

from recouvrement_tui.services.dossiers import ServiceDossiers
from recouvrement_tui.storage.reprise import reprendre
from tests.conftest import AUJOURDHUI, DEBITEUR

ITERATIONS = 60

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="SIGKILL of a forked process: POSIX only")


def _service(racine: Path) -> ServiceDossiers:
    return ServiceDossiers(racine, aujourdhui=lambda: AUJOURDHUI, auteur="crash", fsync=True)


def _travailler(racine: Path, archive: Path, cibles: tuple[str, str], graine: int, journal: Path) -> None:
    """The child: creation, save, attach and restore, in a random order, until killed."""
    hasard = random.Random(graine)
    if graine % 2:  # as on a system without renameat2: the old folder is first set aside
        from recouvrement_tui.storage import chantier

        chantier.echanger = lambda a, b: False
    service = _service(racine)
    source = racine.parent / "piece.pdf"
    try:
        while True:
            operation = hasard.choice(("creer", "noter", "joindre", "restaurer"))
            if operation == "creer":
                service.creer_dossier(DEBITEUR)
            elif operation == "noter":
                service.ajouter_note(service.charger(cibles[1]), f"note {hasard.random()}")
            elif operation == "joindre":
                source.write_bytes(os.urandom(64))  # distinct content each time
                service.echanges.joindre_piece(
                    service.charger(cibles[1]), {"fichier": str(source), "type": "autre", "date": "01/10/2026"}
                )
            else:
                service.echanges.importer_archive(archive, remplacer=True)
    except BaseException:  # noqa: BLE001 - reported to the parent through the file
        journal.write_text(traceback.format_exc(), encoding="utf-8")
        os._exit(1)


def _restes(racine: Path) -> list[str]:
    """Anything an interrupted write may leave: staging folders, set-aside dossiers, temporaries, marks."""
    restes = []
    for chemin in racine.rglob("*"):
        nom = chemin.name
        if nom.startswith((".chantier-", ".ancien-", ".en-attente-")) or nom.endswith(".tmp") or ".avant-import" in nom:
            restes.append(str(chemin.relative_to(racine)))
    return restes


def _verifier(racine: Path, cibles: tuple[str, str], *, apres_reprise: bool) -> None:
    service = _service(racine)
    references = service.depot.references()
    assert set(cibles) <= set(references), "a dossier being replaced went missing"
    for reference in references:
        dossier = service.charger(reference)  # raises if damaged
        pieces = service.depot.chemin(reference) / "pieces"
        recorded = {p.fichier for p in dossier.pieces}
        on_disk = {p.name for p in pieces.iterdir() if not p.name.startswith(".")}
        assert recorded <= on_disk, f"{reference}: recorded pièce without its file"
        if apres_reprise:  # a copy whose record was never saved goes with the tidy-up
            assert on_disk <= recorded, f"{reference}: pièce file nobody recorded: {sorted(on_disk - recorded)}"
        for entree in dossier.journal:
            if entree.document:
                assert (service.depot.chemin(reference) / entree.document).is_file(), entree.document


def test_arret_brutal_pendant_les_ecritures(demo, tmp_path):
    racine = demo.racine
    restaure, note = demo.depot.references()[:2]
    archive = demo.echanges.exporter(restaure, tmp_path / "export")
    cibles = (restaure, note)
    contexte = multiprocessing.get_context("fork")
    hasard = random.Random(12)
    journal = tmp_path / "erreur-enfant.txt"
    dossiers_avant = len(demo.depot.references())
    remis = 0
    for iteration in range(ITERATIONS):
        enfant = contexte.Process(target=_travailler, args=(racine, archive, cibles, iteration, journal))
        enfant.start()
        time.sleep(hasard.uniform(0.005, 0.25))
        os.kill(enfant.pid, signal.SIGKILL)
        enfant.join()
        assert not journal.exists(), journal.read_text(encoding="utf-8")
        assert enfant.exitcode == -signal.SIGKILL, f"iteration {iteration}: the child stopped by itself"
        # Nothing left half-written is ever visible as a dossier, even before the tidy-up.
        _verifier(racine, cibles, apres_reprise=False)
        reprise = reprendre(racine, age=-1)  # the child is dead: everything it left may go
        remis += len(reprise.remis_en_place)
        assert _restes(racine) == [], f"iteration {iteration}"
        _verifier(racine, cibles, apres_reprise=True)
    assert len(_service(racine).depot.references()) > dossiers_avant  # creations did happen
    print(f"{ITERATIONS} arrêts brutaux ; {remis} dossier(s) remis en place après un remplacement interrompu")
    assert json.loads((racine / restaure / "dossier.json").read_text(encoding="utf-8"))
