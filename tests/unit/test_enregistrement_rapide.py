"""A save costs what changed, not the dossier's size (issue 18, target 6), and writes the same
file as before: same bytes, same checks (revision, journal only extended, damage), whoever wrote
the file last."""

from __future__ import annotations

import datetime as dt
import json
import sys
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from recouvrement_tui.demo import ecrire_demo
from recouvrement_tui.domain import codec
from recouvrement_tui.domain.etapes import TypeEvenement
from recouvrement_tui.storage import dossiers as module_dossiers
from recouvrement_tui.storage.dossiers import DepotDossiers
from recouvrement_tui.storage.erreurs import ConflitModification, DossierEndommage
from recouvrement_tui.system.horloge import HorlogeFixe

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from bench_enregistrement import dossier_de  # noqa: E402

QUAND = dt.datetime(2026, 11, 23, 10, 0)


def _brut_depuis_dossier(dossier, enregistre_le: dt.datetime) -> dict:
    """The whole TinyDB dict of a dossier, as the save built it before issue 18."""
    def table(enregistrements: list[dict]) -> dict:
        return {str(i): e for i, e in enumerate(enregistrements, start=1)}

    return {
        "_meta": table([module_dossiers._meta(dossier, enregistre_le)]),
        "dossier": table([codec.dossier_entete_dict(dossier)]),
        "creances": table([codec.creance_dict(c) for c in dossier.creances]),
        "paiements": table([codec.paiement_dict(p) for p in dossier.paiements]),
        "journal": table([codec.evenement_dict(e) for e in dossier.journal]),
    }


def _attendu(dossier, depot: DepotDossiers) -> bytes:
    """What the save wrote before issue 18: json.dumps of the whole TinyDB dict."""
    brut = _brut_depuis_dossier(dossier, depot.horloge.maintenant())
    return json.dumps(brut, ensure_ascii=False).encode("utf-8")


@pytest.fixture
def depot(tmp_path) -> DepotDossiers:
    # A stopped clock: the file's `enregistre_le` is compared with what json.dumps writes at the
    # same instant (the system clock made that comparison fail when a second ticked in between).
    return DepotDossiers(tmp_path / "donnees", fsync=False, horloge=HorlogeFixe(dt.datetime(2026, 11, 23, 10, 0)))


def test_the_file_is_byte_for_byte_what_json_dumps_writes(tmp_path):
    racine = tmp_path / "demo"
    ecrire_demo(racine, 25, 3)
    depot = DepotDossiers(racine, fsync=False, horloge=HorlogeFixe(dt.datetime(2026, 11, 23, 10, 0)))
    for reference in depot.references():
        dossier = depot.charger(reference)
        for i in range(3):  # the first save encodes everything, the next ones reuse the tables
            dossier = depot.enregistrer(dossier.noter(TypeEvenement.NOTE, f"Note « {i} » — été", "Zoé", QUAND))
            assert depot.fichier(reference).read_bytes() == _attendu(dossier, depot)


def test_tables_edited_inside_shortened_or_reordered_are_written_whole_and_right(depot):
    dossier = depot.importer(dossier_de(60))
    dossier = depot.enregistrer(dossier.noter(TypeEvenement.NOTE, "a", "x", QUAND))  # tables remembered
    creances = list(dossier.creances)
    creances[3] = replace(creances[3], montant_ttc=Decimal("99.90"), objet="Corrigée")
    modifications = [
        replace(dossier, creances=tuple(creances)),  # one invoice edited in the middle
        replace(dossier, paiements=dossier.paiements[1:]),  # the first payment removed
        replace(dossier, paiements=dossier.paiements[::-1]),  # reordered
        replace(dossier, creances=(), paiements=()),  # emptied
        replace(dossier, creances=dossier.creances[:2]),  # from empty to two again
    ]
    for modifie in modifications:
        dossier = depot.enregistrer(replace(modifie, revision=dossier.revision))
        assert depot.fichier(dossier.reference).read_bytes() == _attendu(dossier, depot)
        assert DepotDossiers(depot.racine).charger(dossier.reference) == dossier


def test_big_dossiers_come_back_equal(depot):
    """5,000 records: saved, extended, saved again, reloaded by a fresh process: equal."""
    dossier = depot.importer(dossier_de(5000))
    assert DepotDossiers(depot.racine).charger(dossier.reference) == dossier
    for i in range(5):
        dossier = depot.enregistrer(dossier.noter(TypeEvenement.NOTE, f"Relance {i}", "bench", QUAND))
    relu = DepotDossiers(depot.racine).charger(dossier.reference)
    assert relu == dossier and len(relu.journal) == len(dossier_de(5000).journal) + 5
    assert depot.fichier(dossier.reference).read_bytes() == _attendu(dossier, depot)
    # Saved by a fresh process (nothing remembered) after this one: still equal.
    autre = DepotDossiers(depot.racine)
    relu = autre.enregistrer(relu.noter(TypeEvenement.NOTE, "Ailleurs", "b", QUAND))
    assert DepotDossiers(depot.racine).charger(dossier.reference) == relu


def test_a_save_from_elsewhere_is_still_a_conflict(depot):
    dossier = depot.importer(dossier_de(100))
    dossier = depot.enregistrer(dossier.noter(TypeEvenement.NOTE, "ici", "a", QUAND))
    ailleurs = DepotDossiers(depot.racine, fsync=False)
    ailleurs.enregistrer(ailleurs.charger(dossier.reference).noter(TypeEvenement.NOTE, "là-bas", "b", QUAND))
    with pytest.raises(ConflitModification):
        depot.enregistrer(dossier.noter(TypeEvenement.NOTE, "encore ici", "a", QUAND))


def test_a_file_changed_under_the_same_revision_is_read_again(depot):
    """Only the very bytes last written count as known: a hand edit that keeps the revision
    but rewrites a journal line is caught by the journal check, as before."""
    dossier = depot.importer(dossier_de(30))
    dossier = depot.enregistrer(dossier.noter(TypeEvenement.NOTE, "ici", "a", QUAND))
    fichier = depot.fichier(dossier.reference)
    brut = json.loads(fichier.read_text(encoding="utf-8"))
    brut["journal"]["1"]["texte"] = "Réécrit à la main."
    fichier.write_text(json.dumps(brut, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ConflitModification, match="journal"):
        depot.enregistrer(dossier.noter(TypeEvenement.NOTE, "encore", "a", QUAND))
    assert depot.charger(dossier.reference).journal[0].texte == "Réécrit à la main."


def test_a_damaged_file_is_never_written_over_even_just_after_a_save(depot):
    dossier = depot.importer(dossier_de(30))
    dossier = depot.enregistrer(dossier.noter(TypeEvenement.NOTE, "ici", "a", QUAND))
    fichier = depot.fichier(dossier.reference)
    fichier.write_bytes(fichier.read_bytes()[:-40])  # truncated
    with pytest.raises(DossierEndommage):
        depot.enregistrer(dossier.noter(TypeEvenement.NOTE, "encore", "a", QUAND))
    with pytest.raises(DossierEndommage):
        depot.charger(dossier.reference)


def test_an_unchanged_file_is_not_decoded_again(depot, monkeypatch):
    dossier = depot.importer(dossier_de(30))
    dossier = depot.enregistrer(dossier.noter(TypeEvenement.NOTE, "ici", "a", QUAND))
    decodages = []
    original = module_dossiers._dossier_depuis_brut
    monkeypatch.setattr(module_dossiers, "_dossier_depuis_brut", lambda *a: decodages.append(a) or original(*a))
    assert depot.charger(dossier.reference) == dossier
    dossier = depot.enregistrer(dossier.noter(TypeEvenement.NOTE, "encore", "a", QUAND))
    assert decodages == []
    (depot.fichier(dossier.reference)).write_bytes(_attendu(dossier, depot) + b" ")  # same data, other bytes
    assert depot.charger(dossier.reference) == dossier
    assert len(decodages) == 1


def test_what_is_remembered_is_bounded(depot):
    references = [depot.importer(dossier_de(10)).reference for _ in range(module_dossiers.CONNUS + 5)]
    for reference in references:
        depot.charger(reference)
    assert len(depot._connus) == module_dossiers.CONNUS
    assert list(depot._connus) == references[-module_dossiers.CONNUS:]
