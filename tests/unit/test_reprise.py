"""storage.reprise: each leftover of an interrupted process is recognised and tidied, and the
work of a live process is never touched."""

from __future__ import annotations

import os
import shutil
import time

from filelock import FileLock

from recouvrement_tui.storage.reprise import reprendre
from tests.conftest import DEBITEUR


def _vieillir(chemin, secondes=3600):
    instant = time.time() - secondes
    os.utime(chemin, (instant, instant))


def test_remplacement_interrompu_remis_en_place(service, dossier):
    racine = service.racine
    ancien = racine / f".ancien-{dossier.reference}-0badc0de"
    os.rename(service.depot.chemin(dossier.reference), ancien)  # killed between the two renames
    reprise = reprendre(racine)
    assert reprise.remis_en_place == [dossier.reference]
    assert "remis dans l'état d'avant" in reprise.message
    assert service.charger(dossier.reference).debiteur.nom == DEBITEUR["nom"]
    assert not ancien.exists()


def test_ancienne_copie_retiree_quand_le_nouveau_est_en_place(service, dossier):
    racine = service.racine
    for nom in (f".ancien-{dossier.reference}-0badc0de", f".{dossier.reference}.avant-import"):
        shutil.copytree(service.depot.chemin(dossier.reference), racine / nom)
    reprise = reprendre(racine)
    assert reprise.remis_en_place == [] and reprise.message == ""
    assert [p.name for p in racine.iterdir() if p.name.startswith(".")] == []


def test_chantier_vivant_garde_chantier_abandonne_retire(racine):
    racine.mkdir(parents=True)
    vivant, abandonne = racine / ".chantier-vivant", racine / ".chantier-abandonne"
    for chemin in (vivant, abandonne):
        (chemin / "pieces").mkdir(parents=True)
    verrou = FileLock(str(vivant / ".verrou"))
    with verrou:  # its builder is still at work
        reprendre(racine)
        assert vivant.exists() and not abandonne.exists()


def test_temporaires_recents_gardes_anciens_retires(service, dossier):
    chemin = service.depot.chemin(dossier.reference)
    recent, ancien = chemin / ".dossier.json.1234abcd.tmp", chemin / "documents" / ".generation.abcd1234.tmp"
    recent.write_bytes(b"{")
    ancien.write_bytes(b"PK")
    _vieillir(ancien)
    reprendre(service.racine)
    assert recent.exists() and not ancien.exists()


def test_dossier_vide_dune_ancienne_version_retire(racine):
    vide = racine / "2026-0007"
    for nom in ("documents", "pieces"):
        (vide / nom).mkdir(parents=True)
    (vide / ".verrou").touch()
    _vieillir(vide)
    plein = racine / "2026-0008"
    (plein / "pieces").mkdir(parents=True)
    (plein / "pieces" / "facture.pdf").write_bytes(b"%PDF")  # something real: left for the user
    _vieillir(plein)
    reprendre(racine)
    assert not vide.exists() and plein.exists()


def test_piece_copiee_mais_jamais_inscrite_retiree(service, dossier, tmp_path):
    """An attach killed after the copy, before the record: the mark tells the copy to go."""
    from recouvrement_tui.storage.documents import copier_piece

    source = tmp_path / "bc.pdf"
    source.write_bytes(b"%PDF-1.4 bon de commande")
    pieces = service.depot.chemin(dossier.reference) / "pieces"
    # The copy and its mark are on disk; the process is killed before the record is saved.

    nom, _ = copier_piece(service.depot.chemin(dossier.reference), source, "bc.pdf", fsync=False)
    marques = [p for p in pieces.iterdir() if p.name.startswith(".en-attente-")]
    assert (pieces / nom).exists() and len(marques) == 1
    _vieillir(marques[0])
    reprendre(service.racine)
    assert not (pieces / nom).exists() and not marques[0].exists()


def test_piece_inscrite_gardee_malgre_sa_marque(service, dossier, tmp_path):
    source = tmp_path / "bc.pdf"
    source.write_bytes(b"%PDF-1.4 bon de commande")
    joint = service.echanges.joindre_piece(dossier, {"fichier": str(source), "type": "contrat", "date": "01/10/2026"})
    pieces = service.depot.chemin(dossier.reference) / "pieces"
    assert not [p for p in pieces.iterdir() if p.name.startswith(".en-attente-")]  # removed once recorded
    from recouvrement_tui.storage.documents import empreinte

    marque = pieces / f".en-attente-{empreinte(source.read_bytes())}"
    marque.touch()  # killed after the record, before the mark went
    _vieillir(marque)
    reprendre(service.racine)
    assert (pieces / joint.pieces[0].fichier).exists() and not marque.exists()


def test_liste_dit_quun_dossier_a_ete_remis_en_place(service, dossier, capsys):
    from recouvrement_tui.cli import main

    os.rename(service.depot.chemin(dossier.reference), service.racine / f".ancien-{dossier.reference}-0badc0de")
    assert main(["liste", "--dossiers", str(service.racine)]) == 0
    sortie = capsys.readouterr()
    assert dossier.reference in sortie.out and "remis dans l'état d'avant" in sortie.err


def test_rien_a_reprendre_dans_un_dossier_sain(service, dossier):
    assert reprendre(service.racine).supprimes == []
    assert service.charger(dossier.reference).revision == dossier.revision


def test_rien_nest_range_a_travers_un_lien(service, dossier, tmp_path):
    """A pièces/ folder replaced by a link to elsewhere: nothing there is removed by the tidy-up."""
    ailleurs = tmp_path / "ailleurs"
    ailleurs.mkdir()
    vieux = ailleurs / ".rapport.1234abcd.tmp"
    vieux.write_bytes(b"a colleague's file")
    marque = ailleurs / (".en-attente-" + "0" * 64)
    marque.touch()
    for chemin in (vieux, marque):
        _vieillir(chemin)
    pieces = service.depot.chemin(dossier.reference) / "pieces"
    shutil.rmtree(pieces)
    pieces.symlink_to(ailleurs)
    reprendre(service.racine)
    assert vieux.exists() and marque.exists()
