"""A shared data folder: copied dossiers, file modes, and dossiers that appear whole or not at all."""

from __future__ import annotations

import os
import shutil
import stat

import pytest

from recouvrement_tui.cli.principal import main
from recouvrement_tui.domain.erreurs import ErreurSaisie
from recouvrement_tui.storage import chantier as module_chantier
from recouvrement_tui.storage.dossiers import DepotDossiers
from recouvrement_tui.storage.erreurs import DossierEndommage
from tests.conftest import AUJOURDHUI, DEBITEUR

# --- hole 3: a copied dossier folder never writes into the original ---------------------------


def test_copie_dun_dossier_ne_modifie_pas_loriginal(demo, capsys):
    """`cp -r 2026-0001 2026-0099` then `generer 2026-0099 …` wrote into 2026-0001."""
    reference = demo.documents.relances_dues(AUJOURDHUI)[0][0]
    original = demo.depot.chemin(reference)
    copie = original.with_name(f"{reference[:4]}-0999")
    shutil.copytree(original, copie)
    avant = (original / "dossier.json").read_bytes()
    documents_avant = sorted(os.listdir(original / "documents"))

    code = main(["generer", copie.name, "mise_en_demeure", "--dossiers", str(demo.racine), "--au", "2026-11-23"])

    assert code == 2
    erreur = capsys.readouterr().err
    assert f"porte la référence {reference}" in erreur and "copie" in erreur
    assert (original / "dossier.json").read_bytes() == avant
    assert sorted(os.listdir(original / "documents")) == documents_avant
    with pytest.raises(DossierEndommage, match="copie du dossier"):
        demo.charger(copie.name)
    resume = next(r for r in demo.resumes_actualises() if r.reference == copie.name)
    assert "copie" in resume.endommage


# --- hole 4: files follow the umask, a replaced file keeps its mode ----------------------------


@pytest.fixture
def umask_groupe():
    ancien = os.umask(0o002)
    yield
    os.umask(ancien)


def _mode(chemin) -> int:
    return stat.S_IMODE(chemin.stat().st_mode)


def test_fichiers_lisibles_par_le_groupe(demo, umask_groupe, tmp_path):
    """mkstemp made every save, document, pièce, index and export 0600: colleagues were locked out."""
    (demo.racine / "index.json").unlink()  # copied from the demo with the test runner's umask
    dossier = demo.creer_dossier(DEBITEUR)
    dossier = demo.ajouter_note(dossier, "Note")
    racine = demo.depot.chemin(dossier.reference)
    source = tmp_path / "bc.pdf"
    source.write_bytes(b"%PDF-1.4 bc")
    dossier = demo.echanges.joindre_piece(dossier, {"fichier": str(source), "type": "contrat", "date": "01/10/2026"})
    reference = demo.documents.relances_dues(AUJOURDHUI)[0][0]
    genere = demo.documents.generer(demo.charger(reference), "mise_en_demeure")
    export = demo.echanges.exporter(reference, tmp_path / "export")
    demo.fermer()  # writes the index
    fichiers = [racine / "dossier.json", racine / "pieces" / dossier.pieces[0].fichier, genere.chemin, export,
                demo.racine / "index.json", racine / ".verrou"]  # a colleague must be able to take the lock
    for fichier in fichiers:
        assert _mode(fichier) == 0o664, fichier
    for repertoire in (racine, racine / "pieces", racine / "documents"):
        assert _mode(repertoire) == 0o775, repertoire


def test_fichier_remplace_garde_son_mode(service, dossier):
    fichier = service.depot.fichier(dossier.reference)
    os.chmod(fichier, 0o640)
    service.ajouter_note(service.charger(dossier.reference), "Encore une note")
    assert _mode(fichier) == 0o640


# --- hole 6: a dossier appears whole or not at all ---------------------------------------------


def test_creation_interrompue_ne_laisse_aucun_dossier(racine, monkeypatch):
    depot = DepotDossiers(racine, fsync=False)
    from recouvrement_tui.domain.model import Debiteur

    def panne(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(module_chantier.Chantier, "installer", panne)
    with pytest.raises(OSError):
        depot.creer(Debiteur(nom="Durand"), "c.martin", _maintenant())
    assert depot.references() == []
    assert list(racine.iterdir()) == []


def test_reference_deja_prise_jamais_remplacee(racine):
    from recouvrement_tui.domain.model import Debiteur

    depot = DepotDossiers(racine, fsync=False)
    premier = depot.creer(Debiteur(nom="Durand"), "c.martin", _maintenant())
    with pytest.raises(ErreurSaisie, match="existe déjà"):
        depot.creer(Debiteur(nom="Autre"), "c.martin", _maintenant(), reference=premier.reference)
    assert depot.charger(premier.reference).debiteur.nom == "Durand"


def test_un_dossier_vide_laisse_par_une_ancienne_version_est_repris(racine):
    """An empty folder from an older version's crashed creation is taken over, not skipped forever."""
    from recouvrement_tui.domain.model import Debiteur

    (racine / "2026-0001").mkdir(parents=True)
    depot = DepotDossiers(racine, fsync=False)
    cree = depot.creer(Debiteur(nom="Durand"), "c.martin", _maintenant())
    assert cree.reference == "2026-0002"  # the empty folder still counts as taken by the scan…
    assert depot.charger("2026-0002").debiteur.nom == "Durand"


def test_remplacement_sans_echange_atomique(demo, tmp_path, monkeypatch):
    """Where renameat2 is missing, the old folder goes aside and comes back if the second rename fails."""
    reference = demo.documents.relances_dues(AUJOURDHUI)[0][0]
    export = demo.echanges.exporter(reference, tmp_path / "export")
    monkeypatch.setattr(module_chantier, "echanger", lambda a, b: False)
    demo.ajouter_note(demo.charger(reference), "Après l'export")
    restaure = demo.echanges.importer_archive(export, remplacer=True)
    assert not any(e.texte == "Après l'export" for e in restaure.journal)
    assert not [p for p in demo.racine.iterdir() if p.name.startswith(".")]


def _maintenant():
    import datetime as dt

    return dt.datetime.combine(AUJOURDHUI, dt.time(9, 30))


def test_dossier_json_demesure_refuse_sans_etre_lu(service, tmp_path, monkeypatch):
    import recouvrement_tui.services.dossiers as module_services

    monkeypatch.setattr(module_services, "TAILLE_MAX_DOSSIER_JSON", 1000)
    gros = tmp_path / "gros.json"
    gros.write_text("{" + " " * 2000 + "}", encoding="utf-8")
    with pytest.raises(ErreurSaisie, match="dépasse"):
        service.importer_dossier(gros)
    assert service.depot.references() == []


def test_agenda_dit_quels_dossiers_il_ne_peut_pas_lire(service, dossier, capsys):
    from recouvrement_tui.cli.principal import main

    fichier = service.depot.fichier(dossier.reference)
    fichier.write_text("{ abîmé", encoding="utf-8")
    assert main(["agenda", "--dossiers", str(service.racine)]) == 0
    erreur = capsys.readouterr().err
    assert f"{dossier.reference} illisible, absent de l'agenda" in erreur


def test_liste_dit_quand_lindex_ne_peut_pas_etre_ecrit(service, dossier, capsys):
    from recouvrement_tui.cli.principal import main

    (service.racine / "index.json").unlink(missing_ok=True)
    (service.racine / "index.json").mkdir()
    assert main(["liste", "--dossiers", str(service.racine)]) == 0
    sortie = capsys.readouterr()
    assert dossier.reference in sortie.out and "index.json" in sortie.err
