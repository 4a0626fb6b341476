"""Export bundle for the commissaire de justice, and its restoration elsewhere."""

from __future__ import annotations

import hashlib
import json
import stat
import zipfile

import pytest

from recouvrement_tui.domain.erreurs import ErreurSaisie
from recouvrement_tui.domain.noms import nom_sur
from recouvrement_tui.exchange import archive
from recouvrement_tui.services.dossiers import ServiceDossiers
from tests.conftest import AUJOURDHUI


@pytest.mark.parametrize(
    "nom, attendu",
    [
        ('Dupont & Fils <SARL> "L\'Atelier".pdf', "Dupont & Fils _SARL_ _L'Atelier_.pdf"),
        ("CON.docx", "_CON.docx"),
        ("../../etc/passwd", "_.._etc_passwd"),
        ("facture?.pdf. ", "facture_.pdf"),
        ("e\u0301cheance.pdf", "\u00e9cheance.pdf"),  # decomposed é (macOS) -> composed
        ("", "fichier"),
    ],
)
def test_noms_surs(nom, attendu):
    assert nom_sur(nom) == attendu


def _exporter(demo, tmp_path, reference=None):
    reference = reference or demo.documents.relances_dues(AUJOURDHUI)[0][0]
    dossier = demo.charger(reference)
    demo.documents.generer(dossier, "mise_en_demeure")
    pieces = demo.depot.chemin(reference) / "pieces"
    pieces.mkdir(exist_ok=True)
    (pieces / "Bon de commande: n°12?.pdf").write_bytes(b"%PDF-1.4 bon de commande")
    return reference, demo.echanges.exporter(reference, tmp_path / "export")


def test_export_complet_et_manifeste(demo, tmp_path):
    reference, chemin = _exporter(demo, tmp_path)
    with zipfile.ZipFile(chemin) as z:
        noms = z.namelist()
        manifeste = json.loads(z.read("manifest.json"))
        for f in manifeste["fichiers"]:
            contenu = z.read(f["nom"])
            assert hashlib.sha256(contenu).hexdigest() == f["sha256"] and len(contenu) == f["taille"]
    assert manifeste["reference"] == reference and manifeste["application"].startswith("recouvrement ")
    assert manifeste["exporte_le"] and manifeste["arrete_au"] == AUJOURDHUI.isoformat()
    attendus = ["01 - Fiche de synthèse pour le commissaire de justice.docx", "02 - Décompte de créance.docx",
                "02 - Décompte de créance.csv", "03 - Bordereau de pièces.docx", "journal.csv", "dossier.json"]
    assert all(n in noms for n in attendus)
    assert any(n.startswith("dernieres versions/") and "mise_en_demeure" in n for n in noms)
    piece = next(n for n in noms if n.startswith("pieces/"))
    assert piece.endswith("Bon de commande_ n°12_.pdf")  # numbered as in the bordereau, safe everywhere
    assert all(archive._chemin_sur(n) for n in noms)


def test_export_puis_import_meme_decompte_et_documents(demo, tmp_path):
    reference, chemin = _exporter(demo, tmp_path)
    ailleurs = ServiceDossiers(tmp_path / "autre", aujourdhui=lambda: AUJOURDHUI, auteur="b.dupont", fsync=False)
    restaure = ailleurs.echanges.importer_archive(chemin)
    assert restaure.reference == reference
    assert ailleurs.decompte(restaure, AUJOURDHUI) == demo.decompte(demo.charger(reference), AUJOURDHUI)
    source = {v.chemin: v.empreinte_actuelle for v in demo.documents.versions(demo.charger(reference))}
    copie = {v.chemin: v.empreinte_actuelle for v in ailleurs.documents.versions(restaure)}
    assert copie == source
    assert all(v.etat == "tel que généré" for v in ailleurs.documents.versions(restaure))
    assert (ailleurs.depot.chemin(reference) / "pieces" / "Bon de commande_ n°12_.pdf").read_bytes() == b"%PDF-1.4 bon de commande"


def _reecrire(chemin, tmp_path, modifier):
    """A copy of the bundle with `modifier(name, bytes) -> bytes | None` applied (None drops it)."""
    cible = tmp_path / "modifiee.zip"
    with zipfile.ZipFile(chemin) as source, zipfile.ZipFile(cible, "w") as sortie:
        for info in source.infolist():
            contenu = modifier(info.filename, source.read(info.filename))
            if contenu is not None:
                sortie.writestr(info.filename, contenu)
    return cible


def _rien_ecrit(tmp_path):
    return not (tmp_path / "autre").exists() or not any((tmp_path / "autre").iterdir())


@pytest.mark.parametrize(
    "modifier, message",
    [
        (lambda n, c: c.replace(b"FA-", b"FB-") if n == "dossier.json" else c, "dossier.json ne correspond pas"),
        (lambda n, c: None if n == "journal.csv" else c, "journal.csv manque"),
    ],
)
def test_archive_modifiee_ou_incomplete_refusee(demo, tmp_path, modifier, message):
    _, chemin = _exporter(demo, tmp_path)
    modifiee = _reecrire(chemin, tmp_path, modifier)
    ailleurs = ServiceDossiers(tmp_path / "autre", aujourdhui=lambda: AUJOURDHUI, fsync=False)
    with pytest.raises(ErreurSaisie, match=message):
        ailleurs.echanges.importer_archive(modifiee)
    assert _rien_ecrit(tmp_path)


def test_fichier_en_trop_refuse(demo, tmp_path):
    _, chemin = _exporter(demo, tmp_path)
    with zipfile.ZipFile(chemin, "a") as z:
        z.writestr("pieces/99 - ajout.pdf", b"glisse apres coup")
    with pytest.raises(ErreurSaisie, match="n'est pas listé au manifeste"):
        archive.lire(chemin)


def _zip(tmp_path, membres) -> object:
    chemin = tmp_path / "piege.zip"
    with zipfile.ZipFile(chemin, "w") as z:
        for info, contenu in membres:
            z.writestr(info, contenu)
    return chemin


@pytest.mark.parametrize("nom", ["../../evil.txt", "/etc/evil", "pieces/../../evil", "C:/evil", "a\\..\\evil"])
def test_zip_slip_refuse(tmp_path, nom):
    chemin = _zip(tmp_path, [(nom, b"x"), ("manifest.json", b"{}")])
    with pytest.raises(ErreurSaisie, match="chemin dangereux"):
        archive.lire(chemin)


def test_lien_refuse(tmp_path):
    lien = zipfile.ZipInfo("pieces/lien")
    lien.external_attr = (stat.S_IFLNK | 0o777) << 16
    chemin = _zip(tmp_path, [(lien, "/etc/passwd"), ("manifest.json", b"{}")])
    with pytest.raises(ErreurSaisie, match="contient un lien"):
        archive.lire(chemin)


def test_taille_absurde_refusee(tmp_path, monkeypatch):
    monkeypatch.setattr(archive, "TAILLE_MAX", 1000)
    chemin = _zip(tmp_path, [("gros.bin", b"\0" * 5000), ("manifest.json", b"{}")])
    with pytest.raises(ErreurSaisie, match="démesurée"):
        archive.lire(chemin)


def test_pas_un_zip(tmp_path):
    chemin = tmp_path / "faux.zip"
    chemin.write_bytes(b"pas une archive")
    with pytest.raises(ErreurSaisie, match="n'est pas une archive .zip lisible"):
        archive.lire(chemin)


def test_dossier_existant_remplace_seulement_sur_demande(demo, tmp_path):
    reference, chemin = _exporter(demo, tmp_path)
    with pytest.raises(ErreurSaisie, match="existe déjà ici"):
        demo.echanges.importer_archive(chemin)
    avant = demo.charger(reference)
    demo.ajouter_note(avant, "Note ajoutée après l'export.")
    restaure = demo.echanges.importer_archive(chemin, remplacer=True)
    assert not any("après l'export" in e.texte for e in restaure.journal)
    assert not any(p.name.endswith(".avant-import") for p in demo.racine.iterdir())


def test_cli_exporter_et_importer(demo, tmp_path, capsys):
    from recouvrement_tui.cli.principal import main

    reference = demo.documents.relances_dues(AUJOURDHUI)[0][0]
    assert main(["exporter", reference, "--vers", str(tmp_path / "x"), "--dossiers", str(demo.racine)]) == 0
    chemin = capsys.readouterr().out.strip()
    assert chemin.endswith(".zip")
    assert main(["importer", chemin, "--dossiers", str(tmp_path / "neuf")]) == 0
    assert "restauré" in capsys.readouterr().out
    faux = tmp_path / "faux.zip"
    faux.write_bytes(b"x")
    assert main(["importer", str(faux), "--dossiers", str(tmp_path / "neuf")]) == 2
    assert "n'est pas une archive .zip lisible" in capsys.readouterr().err


def test_joindre_une_piece_type_date_bordereau_journal_export(demo, tmp_path):
    reference = demo.documents.relances_dues(AUJOURDHUI)[0][0]
    source = tmp_path / "BC 2026-17.pdf"
    source.write_bytes(b"%PDF-1.4 bon de commande signe")
    dossier = demo.echanges.joindre_piece(demo.charger(reference), {
        "fichier": str(source), "type": "bon_de_commande", "date": "12/03/2026", "description": ""})
    piece = dossier.pieces[-1]
    assert piece.fichier == "BC 2026-17.pdf" and piece.type.value == "bon_de_commande"
    copie = demo.depot.chemin(reference) / "pieces" / piece.fichier
    assert copie.read_bytes() == source.read_bytes() and source.exists()  # copied, never moved
    entree = dossier.journal[-1]
    assert entree.type.value == "piece" and entree.document == "pieces/BC 2026-17.pdf"
    assert entree.empreinte == hashlib.sha256(source.read_bytes()).hexdigest()
    contexte = demo.documents.contexte(dossier, AUJOURDHUI)
    ligne = next(p for p in contexte["pieces"] if p["fichier"] == piece.fichier)
    assert ligne["libelle"] == "Bon de commande du 12/03/2026 (BC 2026-17.pdf)"
    # A second file of the same name does not replace the first.
    autre = demo.echanges.joindre_piece(dossier, {"fichier": str(source), "type": "autre"})
    assert autre.pieces[-1].fichier == "BC 2026-17 (2).pdf"
    # Export: numbered as in the bordereau; import: type and date come back.
    chemin = demo.echanges.exporter(reference, tmp_path / "x")
    with zipfile.ZipFile(chemin) as z:
        assert f"pieces/{ligne['numero']:02d} - BC 2026-17.pdf" in z.namelist()
    ailleurs = ServiceDossiers(tmp_path / "autre", aujourdhui=lambda: AUJOURDHUI, fsync=False)
    restaure = ailleurs.echanges.importer_archive(chemin)
    assert [p.libelle for p in restaure.pieces] == [p.libelle for p in autre.pieces]
    assert (ailleurs.depot.chemin(reference) / "pieces" / "BC 2026-17.pdf").exists()


@pytest.mark.parametrize(
    "valeurs, champ",
    [({"fichier": "/nulle/part.pdf", "type": "contrat"}, "fichier"),
     ({"fichier": "", "type": "contrat"}, "fichier"),
     ({"fichier": "x.pdf", "type": "inconnu"}, "type"),
     ({"fichier": "x.pdf", "type": "contrat", "date": "31/02/2026"}, "date")],
)
def test_piece_refusee_sans_rien_ecrire(demo, valeurs, champ):
    from recouvrement_tui.domain.erreurs import ErreursSaisie

    reference = demo.documents.relances_dues(AUJOURDHUI)[0][0]
    avant = demo.charger(reference)
    with pytest.raises((ErreurSaisie, ErreursSaisie)) as erreur:
        demo.echanges.joindre_piece(avant, valeurs)
    champs = [e.champ for e in getattr(erreur.value, "erreurs", [erreur.value])]
    assert champ in champs
    assert demo.charger(reference).journal == avant.journal


def test_pieces_aux_noms_longs_restaurees_sans_collision(demo, tmp_path):
    """Three attachments of one long name stay three distinct files after export and import."""
    reference = demo.documents.relances_dues(AUJOURDHUI)[0][0]
    dossier = demo.charger(reference)
    for i in range(3):
        source = tmp_path / f"{i}" / ("x" * 96 + ".pdf")
        source.parent.mkdir()
        source.write_bytes(f"%PDF contenu {i}".encode())
        dossier = demo.echanges.joindre_piece(dossier, {"fichier": str(source), "type": "autre"})
    assert len({p.fichier for p in dossier.pieces}) == 3
    chemin = demo.echanges.exporter(reference, tmp_path / "x")
    ailleurs = ServiceDossiers(tmp_path / "autre", aujourdhui=lambda: AUJOURDHUI, fsync=False)
    restaure = ailleurs.echanges.importer_archive(chemin)
    contenus = {(ailleurs.depot.chemin(reference) / "pieces" / p.fichier).read_bytes() for p in restaure.pieces}
    assert contenus == {f"%PDF contenu {i}".encode() for i in range(3)}


def test_archive_endommagee_refusee_en_francais(demo, tmp_path):
    _, chemin = _exporter(demo, tmp_path)
    octets = bytearray(chemin.read_bytes())
    with zipfile.ZipFile(chemin) as z:
        info = z.getinfo("journal.csv")
    debut = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 2
    octets[debut] ^= 0xFF
    abimee = tmp_path / "abimee.zip"
    abimee.write_bytes(bytes(octets))
    with pytest.raises(ErreurSaisie, match="journal.csv"):
        archive.lire(abimee)


def test_piece_inscrite_mais_absente_refuse_l_export(demo, tmp_path):
    reference = demo.documents.relances_dues(AUJOURDHUI)[0][0]
    source = tmp_path / "bon.pdf"
    source.write_bytes(b"%PDF bon")
    dossier = demo.echanges.joindre_piece(demo.charger(reference), {"fichier": str(source), "type": "bon_de_commande"})
    (demo.depot.chemin(reference) / "pieces" / "bon.pdf").unlink()
    with pytest.raises(ErreurSaisie, match="bon.pdf"):
        demo.echanges.exporter(reference, tmp_path / "x")
    # The name stays taken by the record: a new attachment gets another name.
    suivant = demo.echanges.joindre_piece(dossier, {"fichier": str(source), "type": "bon_de_commande"})
    assert suivant.pieces[-1].fichier == "bon (2).pdf"


def test_deux_exports_le_meme_jour_ne_s_ecrasent_pas(demo, tmp_path):
    reference = demo.documents.relances_dues(AUJOURDHUI)[0][0]
    premier = demo.echanges.exporter(reference, tmp_path / "x")
    second = demo.echanges.exporter(reference, tmp_path / "x")
    assert premier != second and premier.exists() and second.name.endswith("_2.zip")
