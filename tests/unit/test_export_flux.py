"""The export streams (issue 18, target 4): pièces go from their files into the zip a piece at a
time, hashed on the way; compressed formats are stored, not deflated again; the archive appears
whole or not at all. What the archive holds is the same as when it was built in memory, and
restoring streams too, with every check on the bytes actually read."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from recouvrement_tui.domain.erreurs import ErreurSaisie
from recouvrement_tui.exchange import archive
from recouvrement_tui.services.dossiers import ServiceDossiers
from recouvrement_tui.system.horloge import HorlogeFixe
from tests.conftest import AUJOURDHUI

INSTANT = dt.datetime(2026, 11, 23, 15, 42, 8)


def _construire_en_memoire(fichiers: list[archive.Fichier], entete: dict, horodatage: dt.datetime) -> bytes:
    """The archive as the code before streaming built it (everything deflated, in memory): the oracle."""
    date_zip = (horodatage.year, horodatage.month, horodatage.day, horodatage.hour, horodatage.minute, horodatage.second)
    manifeste = {"format": archive.FORMAT, **entete, "fichiers": [
        {"nom": f.nom, "sha256": hashlib.sha256(f.contenu).hexdigest(), "taille": len(f.contenu),
         **({"restaurer_vers": f.restaurer_vers} if f.restaurer_vers else {})} for f in fichiers]}
    sortie = io.BytesIO()
    with zipfile.ZipFile(sortie, "w", zipfile.ZIP_DEFLATED) as z:
        for f in fichiers:
            z.writestr(zipfile.ZipInfo(f.nom, date_time=date_zip), f.contenu, zipfile.ZIP_DEFLATED)
        z.writestr(zipfile.ZipInfo(archive.MANIFESTE, date_time=date_zip),
                   json.dumps(manifeste, ensure_ascii=False, indent=2), zipfile.ZIP_DEFLATED)
    return sortie.getvalue()


def _contenu(zip_octets: bytes) -> list[tuple[str, tuple, int, bytes]]:
    """What a reader sees of each member: name, date, attributes, bytes (not how it is compressed)."""
    with zipfile.ZipFile(io.BytesIO(zip_octets)) as z:
        return [(i.filename, i.date_time, i.external_attr, z.read(i)) for i in z.infolist()]


def _methodes(chemin_ou_octets) -> dict[str, int]:
    source = io.BytesIO(chemin_ou_octets) if isinstance(chemin_ou_octets, bytes) else chemin_ou_octets
    with zipfile.ZipFile(source) as z:
        return {i.filename: i.compress_type for i in z.infolist()}


@pytest.fixture
def sources(tmp_path) -> dict[str, Path]:
    dossier = tmp_path / "sources"
    dossier.mkdir()
    fichiers = {
        "scan.pdf": os.urandom(3 * archive.MORCEAU + 123),  # several pieces, not a multiple of one
        "notes.txt": b"ligne de notes\n" * 100_000,
        "photo.bin": os.urandom(300_000),  # a name that says nothing: detected as incompressible
        "vide.txt": b"",
    }
    for nom, contenu in fichiers.items():
        (dossier / nom).write_bytes(contenu)
    return {nom: dossier / nom for nom in fichiers}


def _liste(sources: dict[str, Path], en_memoire: bool) -> list[archive.Fichier]:
    fichiers = [archive.Fichier("01 - Fiche.docx", b"PK\x03\x04 docx"), archive.Fichier("journal.csv", b"a;b\n" * 500)]
    for i, (nom, chemin) in enumerate(sources.items(), 1):
        cible = f"pieces/{nom}"
        if en_memoire:
            fichiers.append(archive.Fichier(f"pieces/{i:02d} - {nom}", chemin.read_bytes(), cible))
        else:
            fichiers.append(archive.Fichier(f"pieces/{i:02d} - {nom}", restaurer_vers=cible, source=chemin))
    return fichiers


ENTETE = {"reference": "2026-0001", "debiteur": "Dupont & Fils", "exporte_le": INSTANT.isoformat()}


@pytest.mark.parametrize("en_memoire", [True, False], ids=["octets", "fichiers"])
def test_meme_contenu_et_meme_manifeste_qu_en_memoire(sources, en_memoire):
    """Member for member (name, order, date, attributes, bytes) and the manifest byte for byte:
    what the streaming writer produces is what the in-memory builder produced."""
    attendu = _construire_en_memoire(_liste(sources, True), ENTETE, INSTANT)
    obtenu = archive.construire(_liste(sources, en_memoire), ENTETE, INSTANT)
    assert _contenu(obtenu) == _contenu(attendu)


def test_formats_compresses_stockes_le_reste_deflate(sources):
    methodes = _methodes(archive.construire(_liste(sources, False), ENTETE, INSTANT))
    assert methodes == {
        "01 - Fiche.docx": zipfile.ZIP_STORED,
        "journal.csv": zipfile.ZIP_DEFLATED,
        "pieces/01 - scan.pdf": zipfile.ZIP_STORED,
        "pieces/02 - notes.txt": zipfile.ZIP_DEFLATED,
        "pieces/03 - photo.bin": zipfile.ZIP_STORED,  # tried: it does not shrink
        "pieces/04 - vide.txt": zipfile.ZIP_DEFLATED,
        archive.MANIFESTE: zipfile.ZIP_DEFLATED,
    }


def test_meme_octets_a_chaque_fois(sources):
    a = archive.construire(_liste(sources, False), ENTETE, INSTANT)
    b = archive.construire(_liste(sources, False), ENTETE, INSTANT)
    assert a == b


@pytest.mark.parametrize("nom", ["manifest.json", "../x", "a/../../b", "/abs", "a\\b"])
def test_nom_refuse_avant_toute_ecriture(nom):
    sortie = io.BytesIO()
    with pytest.raises(ValueError):
        archive.ecrire(sortie, [archive.Fichier("ok.txt", b"x"), archive.Fichier(nom, b"y")], ENTETE, INSTANT)
    assert sortie.getvalue() == b""


def test_lien_ou_tube_refuse_sans_attendre(tmp_path, sources):
    """A source swapped for a link or a named pipe after the caller looked is refused (never
    followed, never waited on)."""
    lien = tmp_path / "lien.pdf"
    lien.symlink_to(sources["scan.pdf"])
    with pytest.raises(archive.SourceIllisible):
        archive.construire([archive.Fichier("pieces/lien.pdf", source=lien)], ENTETE, INSTANT)
    if hasattr(os, "mkfifo"):
        tube = tmp_path / "tube.pdf"
        os.mkfifo(tube)
        with pytest.raises(archive.SourceIllisible):
            archive.construire([archive.Fichier("pieces/tube.pdf", source=tube)], ENTETE, INSTANT)


# --- the service: a demo dossier with pièces and documents ---------------------------------


def _service(racine: Path) -> ServiceDossiers:
    return ServiceDossiers(racine, horloge=HorlogeFixe(INSTANT), auteur="c.martin", fsync=False)


@pytest.fixture
def dossier_exporte(demo_modele, tmp_path):
    """(service, reference, archive): a dossier with a generated document and three pièces
    (a random 'PDF' of several MiB, a text file, an empty one) attached."""
    import shutil

    racine = tmp_path / "dossiers"
    shutil.copytree(demo_modele, racine)
    service = _service(racine)
    reference = service.documents.relances_dues(AUJOURDHUI)[0][0]
    service.documents.generer(service.charger(reference), "mise_en_demeure")
    origine = tmp_path / "origine"
    origine.mkdir()
    for nom, contenu in (("scan.pdf", os.urandom(5 * archive.MORCEAU + 7)), ("releve.txt", b"12,50;EUR\n" * 50_000),
                         ("vide.txt", b"")):
        (origine / nom).write_bytes(contenu)
        service.echanges.joindre(reference, {"fichier": str(origine / nom), "type": "autre", "date": "01/11/2026",
                                             "description": nom})
    return service, reference, service.echanges.exporter(reference, tmp_path / "export")


def test_export_membres_identiques_aux_fichiers_du_dossier(dossier_exporte):
    service, reference, chemin = dossier_exporte
    disque = service.depot.chemin(reference)
    with zipfile.ZipFile(chemin) as z:
        infos = z.infolist()
        manifeste = json.loads(z.read(archive.MANIFESTE))
        membres = {i.filename: z.read(i) for i in infos}
    # Members in the manifest's order, the manifest last; every hash and size right.
    assert [i.filename for i in infos] == [f["nom"] for f in manifeste["fichiers"]] + [archive.MANIFESTE]
    for f in manifeste["fichiers"]:
        assert hashlib.sha256(membres[f["nom"]]).hexdigest() == f["sha256"] and len(membres[f["nom"]]) == f["taille"]
        if f.get("restaurer_vers"):  # a pièce or a document: byte for byte the dossier's file
            assert membres[f["nom"]] == (disque / f["restaurer_vers"]).read_bytes()
        if f["nom"].startswith("dernieres versions/"):
            assert membres[f["nom"]] == (disque / "documents" / f["nom"].split("/", 1)[1]).read_bytes()
    assert {i.date_time for i in infos} == {(2026, 11, 23, 15, 42, 8)}
    assert {i.external_attr for i in infos} == {0o600 << 16}
    pieces = {f["restaurer_vers"]: f["nom"] for f in manifeste["fichiers"] if f.get("restaurer_vers", "").startswith("pieces/")}
    assert set(pieces) == {"pieces/scan.pdf", "pieces/releve.txt", "pieces/vide.txt"}
    methodes = {i.filename: i.compress_type for i in infos}
    assert methodes[pieces["pieces/scan.pdf"]] == zipfile.ZIP_STORED
    assert methodes[pieces["pieces/releve.txt"]] == zipfile.ZIP_DEFLATED
    assert all(m == zipfile.ZIP_STORED for n, m in methodes.items() if n.endswith(".docx"))
    assert [p.name for p in chemin.parent.iterdir()] == [chemin.name]  # no temporary file left


def test_restauration_rend_le_meme_dossier_et_les_memes_fichiers(dossier_exporte, tmp_path):
    service, reference, chemin = dossier_exporte
    ailleurs = _service(tmp_path / "ailleurs")
    restaure = ailleurs.echanges.importer_archive(chemin)
    assert restaure.reference == reference
    avant, apres = service.depot.chemin(reference), ailleurs.depot.chemin(reference)

    def fichiers(racine: Path) -> dict[str, bytes]:
        return {str(p.relative_to(racine)): p.read_bytes() for sous in ("pieces", "documents")
                for p in sorted((racine / sous).rglob("*")) if p.is_file()}

    assert fichiers(apres) == fichiers(avant)
    original = service.charger(reference)
    assert [(p.fichier, p.type, p.date) for p in restaure.pieces] == [(p.fichier, p.type, p.date) for p in original.pieces]
    assert restaure.creances == original.creances


def test_export_et_restauration_en_memoire_bornee(demo_modele, tmp_path):
    """A 40 MB pièce: neither the export nor the restore holds it (Python allocations stay
    under a few MiB, whatever the pièce's size)."""
    import shutil

    racine = tmp_path / "dossiers"
    shutil.copytree(demo_modele, racine)
    service = _service(racine)
    reference = service.depot.references()[0]
    gros = tmp_path / "gros.pdf"
    with open(gros, "wb") as f:
        for _ in range(40):
            f.write(os.urandom(archive.MORCEAU))
    service.echanges.joindre(reference, {"fichier": str(gros), "type": "autre", "date": "01/11/2026",
                                         "description": "gros"})
    ailleurs = _service(tmp_path / "ailleurs")
    tracemalloc.start()
    try:
        chemin = service.echanges.exporter(reference, tmp_path / "export")
        _, pic_export = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        ailleurs.echanges.importer_archive(chemin)
        _, pic_restauration = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (ailleurs.depot.chemin(reference) / "pieces" / "gros.pdf").read_bytes() == gros.read_bytes()
    assert pic_export < 12 * archive.MORCEAU, pic_export
    assert pic_restauration < 12 * archive.MORCEAU, pic_restauration


def test_annule_pendant_l_ecriture_rien_ne_reste(dossier_exporte, tmp_path):
    service, reference, _ = dossier_exporte

    class Annule(Exception):
        pass

    vus: list[str] = []

    def avance(fait, total, quoi):
        vus.append(quoi)
        if vus.count("Archive") == 4:  # inside the archive, after a few members
            raise Annule

    vers = tmp_path / "annule"
    with pytest.raises(Annule):
        service.echanges.exporter(reference, vers, progression=avance)
    assert list(vers.iterdir()) == []


def test_piece_illisible_pendant_l_export(dossier_exporte, tmp_path, monkeypatch):
    """A pièce that cannot be read while the archive is written: said in French, nothing written."""
    service, reference, _ = dossier_exporte
    ouvrir = os.open

    def refuser(chemin, *args, **kwargs):
        if str(chemin).endswith("scan.pdf"):
            raise PermissionError(13, "Permission denied")
        return ouvrir(chemin, *args, **kwargs)

    monkeypatch.setattr(archive.os, "open", refuser)
    vers = tmp_path / "illisible"
    with pytest.raises(ErreurSaisie, match="ne peut pas être lu pour l'export") as erreur:
        service.echanges.exporter(reference, vers)
    assert "scan.pdf" in str(erreur.value)
    assert list(vers.iterdir()) == []


def test_destination_pleine_rien_ne_reste(dossier_exporte, tmp_path, monkeypatch):
    service, reference, _ = dossier_exporte

    def plein(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(archive, "_ajouter_source", plein)
    vers = tmp_path / "plein"
    with pytest.raises(ErreurSaisie, match="ne peut pas être écrite"):
        service.echanges.exporter(reference, vers)
    assert list(vers.iterdir()) == []


# --- restoring stored members: the checks hold on the bytes actually read -------------------


def _archive_stockee(tmp_path: Path, contenu: bytes, annonce: bytes) -> Path:
    """A bundle with one STORED member `contenu`, whose manifest describes `annonce`."""
    chemin = tmp_path / "stockee.zip"
    manifeste = {"format": archive.FORMAT, "fichiers": [
        {"nom": "pieces/a.pdf", "sha256": hashlib.sha256(annonce).hexdigest(), "taille": len(annonce)}]}
    with zipfile.ZipFile(chemin, "w") as z:
        z.writestr("pieces/a.pdf", contenu, zipfile.ZIP_STORED)
        z.writestr(archive.MANIFESTE, json.dumps(manifeste), zipfile.ZIP_DEFLATED)
    return chemin


def test_membre_stocke_plus_long_qu_annonce_refuse(tmp_path):
    chemin = _archive_stockee(tmp_path, b"x" * 5000, b"x" * 10)
    with pytest.raises(ErreurSaisie, match="taille|plus gros"):
        archive.lire(chemin)


def test_membre_stocke_altere_refuse_par_le_crc(tmp_path):
    """The stored bytes changed in place (CRC no longer matches), the manifest describing the
    altered bytes: zipfile's CRC check, at the end of the stream, refuses it."""
    original = b"%PDF-1.4 " + bytes(range(256)) * 40
    altere = original.replace(b"%PDF-1.4", b"%PDF-1.7")
    chemin = _archive_stockee(tmp_path, original, altere)
    octets = chemin.read_bytes()
    assert octets.count(original) == 1
    chemin.write_bytes(octets.replace(original, altere))
    with pytest.raises(ErreurSaisie, match="endommagée"):
        archive.lire(chemin)
