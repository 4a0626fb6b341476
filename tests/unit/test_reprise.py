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
    # An older version's backup may be the only complete copy: left for a person to compare.
    assert [p.name for p in racine.iterdir() if p.name.startswith(".")] == [f".{dossier.reference}.avant-import"]


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
    from recouvrement_tui.storage.documents import empreinte, marque_en_attente

    marque = marque_en_attente(service.depot.chemin(dossier.reference), joint.pieces[0].fichier)
    marque.write_text(empreinte(source.read_bytes()), encoding="ascii")  # killed after the record, before the mark went
    _vieillir(marque)
    reprendre(service.racine)
    assert (pieces / joint.pieces[0].fichier).exists() and not marque.exists()


def test_liste_dit_quun_dossier_a_ete_remis_en_place(service, dossier, capsys):
    from recouvrement_tui.cli.principal import main

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


def test_piece_deposee_a_la_main_jamais_prise_pour_une_copie_interrompue(service, dossier, tmp_path):
    """Found by review: the mark held only a hash, so a file the user had dropped into pieces/
    by hand with the same content as an interrupted attach was deleted with it."""
    from recouvrement_tui.storage.documents import copier_piece

    pieces = service.depot.chemin(dossier.reference) / "pieces"
    (pieces / "contrat-signe.pdf").write_bytes(b"%PDF-1.4 contrat")  # dropped in by hand
    source = tmp_path / "contrat.pdf"
    source.write_bytes(b"%PDF-1.4 contrat")
    nom, _ = copier_piece(service.depot.chemin(dossier.reference), source, "contrat.pdf", fsync=False)  # then killed
    for marque in pieces.glob(".en-attente-*"):
        _vieillir(marque)
    reprendre(service.racine)
    assert (pieces / "contrat-signe.pdf").exists()
    assert not (pieces / nom).exists()
    assert not list(pieces.glob(".en-attente-*"))


def test_marque_plantee_ne_supprime_rien(service, dossier):
    """A mark planted by someone who can write in the folder names no file of ours: nothing goes."""
    pieces = service.depot.chemin(dossier.reference) / "pieces"
    depose = pieces / "releve.pdf"
    depose.write_bytes(b"%PDF-1.4 releve")
    from recouvrement_tui.storage.documents import empreinte

    for nom, contenu in ((f".en-attente-{depose.stat().st_ino + 1}", empreinte(b"%PDF-1.4 releve")),
                         (f".en-attente-{depose.stat().st_ino}", "0" * 64), (".en-attente-nimporte", "x")):
        (pieces / nom).write_text(contenu, encoding="ascii")
        _vieillir(pieces / nom)
    reprendre(service.racine)
    assert depose.exists()


def test_toute_commande_retrouve_un_dossier_dont_le_remplacement_a_ete_interrompu(service, dossier, capsys):
    """Not only the list: `decompte` on the dossier finds it back where it was."""
    from recouvrement_tui.cli.principal import main

    os.rename(service.depot.chemin(dossier.reference), service.racine / f".ancien-{dossier.reference}-0badc0de")
    assert main(["decompte", dossier.reference, "--dossiers", str(service.racine)]) == 0
    assert service.depot.chemin(dossier.reference).is_dir()
