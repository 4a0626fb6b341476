"""One folder and one TinyDB file per dossier: round trip, atomicity, lock, damage."""

import datetime as dt
import json
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import pytest
from filelock import FileLock

from recouvrement_tui.services.dossiers import ServiceDossiers
from recouvrement_tui.storage import dossiers as module_dossiers
from recouvrement_tui.storage.dossiers import DepotDossiers
from recouvrement_tui.storage.erreurs import (
    ConflitModification,
    DossierEndommage,
    DossierVerrouille,
    VersionTropRecente,
)
from recouvrement_tui.storage.index import VERSION_INDEX, Index
from tests.conftest import AUJOURDHUI, DEBITEUR


def test_round_trip_keeps_everything(service, dossier, racine):
    relu = DepotDossiers(racine).charger(dossier.reference)
    assert relu == dossier
    assert relu.revision == 4  # creation, two invoices, one payment


def test_layout_of_a_dossier_folder(dossier, racine):
    chemin = racine / dossier.reference
    assert (chemin / "dossier.json").is_file()
    assert (chemin / "documents").is_dir() and (chemin / "pieces").is_dir()
    brut = json.loads((chemin / "dossier.json").read_text(encoding="utf-8"))
    assert set(brut) == {"_meta", "dossier", "creances", "paiements", "journal"}
    assert brut["_meta"]["1"]["schema"] == module_dossiers.SCHEMA
    # Money is stored as strings with two decimals, dates ISO.
    assert brut["creances"]["2"]["montant_ttc"] == "800.50"
    assert brut["creances"]["1"]["date_echeance"] == "2026-08-31"


def test_references_are_sequential_per_year_and_human_readable(service):
    refs = [service.creer_dossier(DEBITEUR).reference for _ in range(3)]
    assert refs == ["2026-0001", "2026-0002", "2026-0003"]


def test_concurrent_creations_never_share_a_reference(racine):
    depot = DepotDossiers(racine, fsync=False)
    from recouvrement_tui.domain.saisie import debiteur_depuis_saisie

    debiteur = debiteur_depuis_saisie(DEBITEUR)
    with ThreadPoolExecutor(8) as pool:
        refs = list(pool.map(lambda _: depot.creer(debiteur, "a", dt.datetime(2026, 11, 23)).reference, range(40)))
    assert len(set(refs)) == 40


def test_atomic_write_leaves_the_old_file_intact_when_interrupted(service, dossier, racine, monkeypatch):
    fichier = racine / dossier.reference / "dossier.json"
    avant = fichier.read_bytes()

    def panne(*args):
        raise OSError("disque plein")

    monkeypatch.setattr(os, "replace", panne)
    with pytest.raises(OSError):
        service.ajouter_note(dossier, "Ne sera pas enregistrée.")
    assert fichier.read_bytes() == avant
    assert [p.name for p in fichier.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_a_second_instance_cannot_overwrite_changes_it_has_not_seen(racine, dossier):
    poste_a = ServiceDossiers(racine, aujourdhui=lambda: AUJOURDHUI, auteur="a")
    poste_b = ServiceDossiers(racine, aujourdhui=lambda: AUJOURDHUI, auteur="b")
    vu_par_a = poste_a.charger(dossier.reference)
    vu_par_b = poste_b.charger(dossier.reference)
    poste_a.ajouter_note(vu_par_a, "Note du poste A.")
    with pytest.raises(ConflitModification, match="modifié ailleurs"):
        poste_b.ajouter_note(vu_par_b, "Note du poste B.")
    relu = poste_b.charger(dossier.reference)
    assert relu.journal[-1].texte == "Note du poste A."


def test_lock_held_by_another_instance_makes_save_wait_then_give_up(racine, dossier):
    depot = DepotDossiers(racine, attente_verrou=0.2)
    verrou = FileLock(str(racine / dossier.reference / ".verrou"))
    pris = threading.Event()
    liberer = threading.Event()

    def autre_instance():
        with verrou:
            pris.set()
            liberer.wait(5)

    fil = threading.Thread(target=autre_instance)
    fil.start()
    pris.wait(5)
    try:
        with pytest.raises(DossierVerrouille, match="réessayez"):
            depot.enregistrer(dossier)
    finally:
        liberer.set()
        fil.join()
    assert depot.enregistrer(dossier).revision == dossier.revision + 1


def test_journal_is_append_only_even_for_a_buggy_caller(racine, dossier):
    depot = DepotDossiers(racine)
    ampute = replace(dossier, journal=dossier.journal[1:])
    with pytest.raises(ConflitModification, match="journal"):
        depot.enregistrer(ampute)


@pytest.mark.parametrize(
    "contenu, fragment",
    [
        (b'{"_meta": {"1": {"schema": 1', "illisible"),
        (b"", "vide ou tronqu"),
        (b"\xff\xfe\x00garbage", "illisible"),
        (b'{"_meta": {"1": {"schema": 1, "revision": 2}}, "dossier": {"1": {"reference": "x"}}}', "incohérent"),
    ],
)
def test_damaged_file_is_reported_and_never_overwritten(racine, dossier, contenu, fragment):
    fichier = racine / dossier.reference / "dossier.json"
    fichier.write_bytes(contenu)
    depot = DepotDossiers(racine)
    with pytest.raises(DossierEndommage, match=fragment):
        depot.charger(dossier.reference)
    with pytest.raises(DossierEndommage):
        depot.enregistrer(dossier)
    assert fichier.read_bytes() == contenu


def test_damaged_dossier_is_flagged_in_the_list_and_others_still_listed(service, dossier, racine):
    autre = service.creer_dossier({**DEBITEUR, "nom": "Boulangerie du Marché"})
    (racine / dossier.reference / "dossier.json").write_text('{"tronqué', encoding="utf-8")
    resumes = {r.reference: r for r in ServiceDossiers(racine).resumes_actualises()}
    assert "illisible" in resumes[dossier.reference].endommage
    assert resumes[autre.reference].debiteur == "Boulangerie du Marché (SARL)"
    assert not resumes[autre.reference].endommage


def test_newer_schema_is_refused_not_downgraded(racine, dossier):
    fichier = racine / dossier.reference / "dossier.json"
    brut = json.loads(fichier.read_text(encoding="utf-8"))
    brut["_meta"]["1"]["schema"] = module_dossiers.SCHEMA + 1
    fichier.write_text(json.dumps(brut), encoding="utf-8")
    with pytest.raises(VersionTropRecente, match="plus récente"):
        DepotDossiers(racine).charger(dossier.reference)


def test_old_schema_is_migrated_on_read(racine, dossier, monkeypatch):
    fichier = racine / dossier.reference / "dossier.json"
    brut = json.loads(fichier.read_text(encoding="utf-8"))
    # Pretend schema 0 stored the debtor's name under "raison_sociale".
    brut["_meta"]["1"]["schema"] = 0
    entete = brut["dossier"]["1"]
    entete["debiteur"]["raison_sociale"] = entete["debiteur"].pop("nom")
    fichier.write_text(json.dumps(brut), encoding="utf-8")

    def v0_vers_v1(ancien):
        deb = ancien["dossier"]["1"]["debiteur"]
        deb["nom"] = deb.pop("raison_sociale")
        return ancien

    monkeypatch.setattr(module_dossiers, "MIGRATIONS", {0: v0_vers_v1})
    assert DepotDossiers(racine).charger(dossier.reference).debiteur.nom == "Menuiserie Durand"


class TestIndex:
    def test_cache_is_used_then_checked_against_the_folders(self, service, dossier, racine):
        service.fermer()
        index = Index(DepotDossiers(racine), service.parametres.calendrier)
        assert [r.reference for r in index.lire_cache()] == [dossier.reference]
        # Another instance edits the dossier: the list notices on refresh.
        ServiceDossiers(racine, auteur="b").ajouter_note(DepotDossiers(racine).charger(dossier.reference), "x")
        autre = ServiceDossiers(racine, aujourdhui=lambda: AUJOURDHUI).ajouter_paiement(
            DepotDossiers(racine).charger(dossier.reference), {"date": "20/11/2026", "montant": "100"}
        )
        resumes, change = index.actualiser()
        assert change
        assert resumes[0].solde == autre.solde

    def test_removed_folders_disappear_and_unchanged_files_are_not_reread(self, service, dossier, racine, monkeypatch):
        second = service.creer_dossier(DEBITEUR)
        service.fermer()
        index = Index(DepotDossiers(racine), service.parametres.calendrier)
        index.lire_cache()
        lus = []
        charger = DepotDossiers.charger
        monkeypatch.setattr(DepotDossiers, "charger", lambda self, ref: lus.append(ref) or charger(self, ref))
        import shutil

        shutil.rmtree(racine / second.reference)
        resumes, change = index.actualiser()
        assert [r.reference for r in resumes] == [dossier.reference]
        assert change and lus == []

    def test_garbled_index_is_rebuilt_silently(self, service, dossier, racine):
        (racine / "index.json").write_text("n'importe quoi", encoding="utf-8")
        resumes = ServiceDossiers(racine).resumes_actualises()
        assert [r.reference for r in resumes] == [dossier.reference]
        assert json.loads((racine / "index.json").read_text(encoding="utf-8"))["version"] == VERSION_INDEX


def test_data_folder_resolution(monkeypatch, tmp_path):
    from recouvrement_tui.storage.emplacement import dossier_de_donnees

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("RECOUVREMENT_DOSSIERS", raising=False)
    assert dossier_de_donnees() == tmp_path / "dossiers"
    monkeypatch.setenv("RECOUVREMENT_DOSSIERS", str(tmp_path / "env"))
    assert dossier_de_donnees() == tmp_path / "env"
    assert dossier_de_donnees(tmp_path / "option") == tmp_path / "option"


def test_settings_round_trip_and_garbled_settings_message(service, racine):
    from recouvrement_tui.storage.parametres import (
        ParametresIllisibles,
        charger_parametres,
    )

    service.enregistrer_parametres(
        {
            "raison_sociale": "Électricité Rhône",
            "siren": "552100554",
            "siege_adresse1": "4 quai Perrache",
            "siege_code_postal": "69002",
            "siege_ville": "Lyon",
            "representant_nom": "Claire Martin",
        },
        {"jours_apres_echeance_premiere_relance": "45"},
    )
    relu = charger_parametres(racine)
    assert relu.creancier.raison_sociale == "Électricité Rhône"
    assert relu.calendrier.jours_apres_echeance_premiere_relance == 45
    (racine / "parametres.json").write_text("{", encoding="utf-8")
    with pytest.raises(ParametresIllisibles, match="illisible"):
        charger_parametres(racine)


def test_successive_edits_with_the_real_clock(racine):
    """Journal times carry microseconds in memory but seconds on disk: saves must still chain."""
    service = ServiceDossiers(racine, auteur="c.martin")  # real clock, not the fixed test date
    d = service.creer_dossier(DEBITEUR)
    for i in range(3):
        d = service.ajouter_note(d, f"Note {i}.")
    assert DepotDossiers(racine).charger(d.reference) == d


def test_saving_a_new_dossier_makes_its_subfolders(racine, dossier):

    nouveau = replace(dossier, reference="2026-0099", revision=0)
    DepotDossiers(racine).enregistrer(nouveau)
    assert (racine / "2026-0099" / "documents").is_dir() and (racine / "2026-0099" / "pieces").is_dir()


def test_a_command_that_saves_one_dossier_keeps_the_whole_index(demo, capsys):
    """A CLI save used to rewrite index.json with that one dossier: the next start of the list
    then reread every dossier (7 s at 10,000)."""
    from recouvrement_tui.cli.principal import main

    demo.resumes_actualises()
    demo.fermer()
    avant = json.loads((demo.racine / "index.json").read_text(encoding="utf-8"))["dossiers"]
    reference = sorted(avant)[0]
    assert main(["noter", reference, "Appel du débiteur", "--dossiers", str(demo.racine)]) == 0
    assert main(["generer", reference, "decompte_creance", "--dossiers", str(demo.racine), "--au", "2026-11-23"]) == 0
    apres = json.loads((demo.racine / "index.json").read_text(encoding="utf-8"))["dossiers"]
    assert set(apres) == set(avant)
    resumes, change = Index(demo.depot, demo.parametres.calendrier).actualiser()
    assert change and len(resumes) == len(avant)  # the saved dossier is seen as changed, and only it
