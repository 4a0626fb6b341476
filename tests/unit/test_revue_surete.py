"""What an attacker's review of the safety work found, each reproduced, then closed."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import zipfile
from importlib.metadata import version

import pytest

from recouvrement_tui.cli.principal import main
from recouvrement_tui.domain.erreurs import ErreurSaisie
from recouvrement_tui.domain.noms import est_nom_sur, nom_sur
from recouvrement_tui.exchange import archive
from recouvrement_tui.storage.erreurs import DossierEndommage
from recouvrement_tui.system.ouverture import commande_ouverture
from tests.conftest import AUJOURDHUI


def test_jinja_sans_la_faille_du_bac_a_sable():
    """Jinja2 3.1.5 and older let a template escape the sandbox with |attr('format')."""
    assert tuple(int(x) for x in version("jinja2").split(".")[:3]) >= (3, 1, 6)


def test_un_lien_remplace_ne_donne_pas_ses_droits_0777(service, dossier, tmp_path):
    """A symlink's own mode is 0777: copying it made index.json writable by everyone."""
    ailleurs = tmp_path / "ailleurs.json"
    ailleurs.write_text("{}", encoding="utf-8")
    index = service.racine / "index.json"
    index.unlink(missing_ok=True)
    index.symlink_to(ailleurs)
    service.index.ecrire()
    assert not index.is_symlink()
    assert stat.S_IMODE(index.stat().st_mode) & 0o111 == 0
    assert stat.S_IMODE(index.stat().st_mode) & 0o002 == 0
    assert ailleurs.read_text(encoding="utf-8") == "{}"


def test_remplacer_un_dossier_qui_est_un_lien_refuse(demo, tmp_path):
    reference = demo.documents.relances_dues(AUJOURDHUI)[0][0]
    export = demo.echanges.exporter(reference, tmp_path / "export")
    victime = tmp_path / "victime"
    shutil.move(demo.depot.chemin(reference), victime)
    demo.depot.chemin(reference).symlink_to(victime)
    avant = sorted(os.listdir(victime))
    with pytest.raises(DossierEndommage, match="lien symbolique"):
        demo.echanges.importer_archive(export, remplacer=True)
    assert sorted(os.listdir(victime)) == avant  # not even a lock file written through the link
    assert not [p for p in demo.racine.iterdir() if p.name.startswith(".")]


def test_un_nom_importe_ne_pilote_pas_le_terminal(service, tmp_path, capsys):
    """Evil\\x1b]52;…: printed raw, a name wrote to the clipboard and cleared the screen."""
    from tests.conftest import DEBITEUR

    dossier = service.creer_dossier({**DEBITEUR, "nom": "Menuiserie Durand"})
    brut = json.loads(service.depot.fichier(dossier.reference).read_text(encoding="utf-8"))
    piege = "Evil\x1b]52;c;ZWNobw==\x07\x1b[2J\u202eSARL\x85"
    brut["dossier"]["1"]["debiteur"]["nom"] = piege
    service.depot.fichier(dossier.reference).write_text(json.dumps(brut), encoding="utf-8")
    assert main(["liste", "--dossiers", str(service.racine)]) == 0
    sortie = capsys.readouterr().out
    assert "Evil" in sortie and not any(c in sortie for c in "\x1b\x07\u202e\x85")
    assert main(["liste", "--json", "--dossiers", str(service.racine)]) == 0
    lu = json.loads(capsys.readouterr().out)
    assert lu[0]["debiteur"].startswith(piege)  # JSON keeps the data, escaped


def test_schema_zero_est_un_dossier_abime(service, dossier, capsys):
    fichier = service.depot.fichier(dossier.reference)
    brut = json.loads(fichier.read_text(encoding="utf-8"))
    for version_schema in (0, -3, False):
        brut["_meta"]["1"]["schema"] = version_schema
        fichier.write_text(json.dumps(brut), encoding="utf-8")
        with pytest.raises(DossierEndommage):
            service.charger(dossier.reference)
        assert main(["decompte", dossier.reference, "--dossiers", str(service.racine)]) == 2
        assert "Erreur inattendue" not in capsys.readouterr().err


def test_console_qui_ne_sait_pas_ecrire_lespace_fine(demo):
    """A redirected Windows console (cp1252) cannot encode the narrow no-break space of amounts."""
    environnement = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    resultat = subprocess.run([sys.executable, "-m", "recouvrement_tui", "liste", "--dossiers", str(demo.racine)],
                              capture_output=True, env=environnement, timeout=120)
    assert resultat.returncode == 0, resultat.stderr.decode("cp1252", "replace")
    assert b"Erreur inattendue" not in resultat.stderr


def test_reference_en_chiffres_non_ascii_refusee(service, tmp_path, capsys):
    """"２０２６-００９９" (full-width) passed for a reference: a look-alike of a real dossier."""
    from recouvrement_tui.exchange.dossier_json import dossier_vers_json
    from tests.conftest import DEBITEUR

    dossier = service.creer_dossier(DEBITEUR)
    contenu = dossier_vers_json(dossier)
    for reference in ("２０２６-００９９", "٢٠٢٦-٠٠٠٩"):
        contenu["reference"] = reference
        chemin = tmp_path / "faux.json"
        chemin.write_text(json.dumps(contenu, ensure_ascii=False), encoding="utf-8")
        assert main(["importer", str(chemin), "--dossiers", str(service.racine)]) == 2
        assert "référence" in capsys.readouterr().err
    assert service.depot.references() == [dossier.reference]


def test_archive_aux_membres_innombrables_refusee_avant_lecture(tmp_path, monkeypatch):
    monkeypatch.setattr(archive, "FICHIERS_MAX", 5)
    chemin = tmp_path / "foule.zip"
    with zipfile.ZipFile(chemin, "w") as z:
        for i in range(6):
            z.writestr(f"f{i}", b"")
    monkeypatch.setattr(zipfile, "ZipFile", lambda *a, **k: pytest.fail("the directory was read"))
    with pytest.raises(ErreurSaisie, match="contient plus de 5 fichiers"):
        archive.lire(chemin)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX pipes")
@pytest.mark.parametrize("nom", ["tube.json", "tube.zip", "tube.csv", "tube.xml"])
def test_un_tube_donne_a_importer_ne_bloque_pas(service, tmp_path, capsys, nom):
    tube = tmp_path / nom
    os.mkfifo(tube)
    assert main(["importer", str(tube), "--dossiers", str(service.racine)]) == 2
    assert "fichier ordinaire" in capsys.readouterr().err


@pytest.mark.parametrize("nom", ["facture\u202efdp.exe", "a\u200fb.pdf", "x\x85y.pdf", "z\u2066w.pdf"])
def test_nom_de_piece_sans_marque_de_direction(nom):
    assert not est_nom_sur(nom)
    assert est_nom_sur(nom_sur(nom)) and "_" in nom_sur(nom)


def test_accolades_deja_entre_guillemets(tmp_path):
    """sh -c "libreoffice '{}'": our quotes would cancel the user's and leave the name bare."""
    fichier = tmp_path / "a'$(touch INJECTE)'.docx"
    commande = commande_ouverture(fichier, {"RECOUVREMENT_OUVRIR": "sh -c \"true '{}'\""}, "linux")
    subprocess.run(commande, cwd=tmp_path, check=True, timeout=30)
    assert not (tmp_path / "INJECTE").exists()


# --- a second review, of the fixes ---------------------------------------------------------------


def test_un_nouveau_dossier_ne_prend_pas_le_numero_dun_dossier_mis_de_cote(service, dossier, capsys):
    """Killed between the two renames of a replacement, then a creation took the free-looking
    number, and the next tidy-up deleted the set-aside original."""
    from tests.conftest import DEBITEUR

    ancien = service.racine / f".ancien-{dossier.reference}-0badc0de"
    os.rename(service.depot.chemin(dossier.reference), ancien)
    nouveau = service.creer_dossier({**DEBITEUR, "nom": "Autre débiteur"})
    assert nouveau.reference != dossier.reference
    assert service.charger(dossier.reference).debiteur.nom == "Menuiserie Durand"
    assert main(["liste", "--dossiers", str(service.racine)]) == 0
    assert service.charger(dossier.reference).debiteur.nom == "Menuiserie Durand"


def test_ancienne_sauvegarde_davant_import_jamais_supprimee(service, dossier):
    """An older version restored dossier.json before the pièces: its backup may be the only
    complete copy, so it is left for a person to compare."""
    from recouvrement_tui.storage.reprise import reprendre

    sauvegarde = service.racine / f".{dossier.reference}.avant-import"
    shutil.copytree(service.depot.chemin(dossier.reference), sauvegarde)
    reprendre(service.racine)
    assert sauvegarde.is_dir()


def test_ctrl_c_pendant_un_import_de_balance_defait_tout(service, tmp_path, monkeypatch):
    texte = "Client;N° facture;Date facture;Échéance;Montant TTC\n" + "".join(
        f"Client {i};F-{i};01/10/2026;31/10/2026;100,00\n" for i in range(5)
    )
    (tmp_path / "b.csv").write_text(texte, encoding="utf-8")
    importer, faits = service.depot.importer, []

    def importer_puis_ctrl_c(d):
        if len(faits) == 3:
            raise KeyboardInterrupt
        faits.append(importer(d))
        return faits[-1]

    monkeypatch.setattr(service.depot, "importer", importer_puis_ctrl_c)
    with pytest.raises(KeyboardInterrupt):
        service.echanges.importer_balance(tmp_path / "b.csv", appliquer=True)
    assert len(faits) == 3 and service.depot.references() == []


def test_lempreinte_de_lindex_est_celle_de_notre_enregistrement(service, dossier, monkeypatch):
    """A colleague saving between our save and our index update left our summary under their
    fingerprint: the list showed a stale balance for good."""
    from recouvrement_tui.services.dossiers import ServiceDossiers

    indexer = service.indexer

    def collegue_puis_indexer(d):
        collegue = ServiceDossiers(service.racine, aujourdhui=lambda: AUJOURDHUI, auteur="b")
        collegue.ajouter_paiement(collegue.charger(d.reference), {"date": "20/11/2026", "montant": "300"})
        indexer(d)

    monkeypatch.setattr(service, "indexer", collegue_puis_indexer)
    service.ajouter_note(service.charger(dossier.reference), "Appel")
    resumes, _ = service.index.actualiser()
    assert resumes[0].solde == service.charger(dossier.reference).solde


def test_une_copie_echouee_ne_laisse_pas_de_marque(service, dossier, tmp_path, monkeypatch):
    from recouvrement_tui.storage import documents

    source = tmp_path / "bc.pdf"
    source.write_bytes(b"%PDF-1.4 bc")
    monkeypatch.setattr(documents, "_creer_sans_ecraser", lambda t, c: (_ for _ in ()).throw(FileExistsError()))
    with pytest.raises(ErreurSaisie, match="aucun nom libre"):
        service.echanges.joindre_piece(dossier, {"fichier": str(source), "type": "contrat", "date": "01/10/2026"})
    pieces = service.depot.chemin(dossier.reference) / "pieces"
    assert [p.name for p in pieces.iterdir()] == []


def test_marque_dun_inode_reutilise_ne_supprime_pas_un_fichier_depose(service, dossier):
    """ext4 reuses a freed inode at once: a hand-copied file can get the inode of a copy whose
    attach failed. Its own modification time tells it apart."""
    from recouvrement_tui.storage.documents import empreinte
    from recouvrement_tui.storage.reprise import reprendre

    pieces = service.depot.chemin(dossier.reference) / "pieces"
    depose = pieces / "facture.pdf"
    depose.write_bytes(b"%PDF-1.4 facture")
    etat = depose.stat()
    marque = pieces / f".en-attente-{etat.st_ino}"
    marque.write_text(f"{empreinte(depose.read_bytes())} {etat.st_mtime_ns - 1} {etat.st_size}", encoding="ascii")
    ancien = etat.st_mtime - 3600
    os.utime(marque, (ancien, ancien))
    reprendre(service.racine)
    assert depose.exists() and not marque.exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX pipes")
def test_une_marque_piegee_ne_bloque_pas_le_rangement(service, dossier):

    pieces = service.depot.chemin(dossier.reference) / "pieces"
    os.mkfifo(pieces / ".en-attente-1")
    (pieces / ".en-attente-2").symlink_to("/dev/zero")
    ancien = 1_600_000_000
    for nom in (".en-attente-1", ".en-attente-2"):
        os.utime(pieces / nom, (ancien, ancien), follow_symlinks=False)
    resultat = subprocess.run(
        [sys.executable, "-c", f"from recouvrement_tui.storage.reprise import reprendre; reprendre({str(service.racine)!r})"],
        timeout=60, capture_output=True,
    )
    assert resultat.returncode == 0, resultat.stderr


def test_enregistrer_un_dossier_disparu_ne_recree_pas_son_dossier(service, dossier):
    from recouvrement_tui.storage.erreurs import DossierIntrouvable

    charge = service.charger(dossier.reference)
    shutil.rmtree(service.depot.chemin(dossier.reference))
    with pytest.raises(DossierIntrouvable, match="supprimé entre-temps"):
        service.ajouter_note(charge, "Trop tard")
    assert not service.depot.chemin(dossier.reference).exists()


def test_annuler_une_creation_respecte_lenregistrement_dun_collegue(service, dossier):
    from recouvrement_tui.storage.erreurs import ConflitModification

    service.ajouter_note(service.charger(dossier.reference), "Note d'un collègue")
    with pytest.raises(ConflitModification):
        service.depot.annuler_creation(dossier)
    assert service.charger(dossier.reference).journal[-1].texte == "Note d'un collègue"


def test_une_piece_inscrite_nest_jamais_retiree(service, dossier, tmp_path, monkeypatch):
    """An fsync failing after dossier.json was replaced: the record exists, so must the file."""
    from recouvrement_tui.storage import atomique

    service.depot.fsync = True
    source = tmp_path / "bc.pdf"
    source.write_bytes(b"%PDF-1.4 bc")
    dossier_disque = service.depot.chemin(dossier.reference)
    synchroniser = atomique.synchroniser_dossier

    def echec_apres_renommage(repertoire):
        if repertoire == dossier_disque:
            raise OSError(5, "Input/output error")
        synchroniser(repertoire)

    monkeypatch.setattr(atomique, "synchroniser_dossier", echec_apres_renommage)
    with pytest.raises(OSError):
        service.echanges.joindre_piece(dossier, {"fichier": str(source), "type": "contrat", "date": "01/10/2026"})
    monkeypatch.undo()
    inscrites = [p.fichier for p in service.charger(dossier.reference).pieces]
    assert inscrites and all((dossier_disque / "pieces" / nom).exists() for nom in inscrites)


def test_la_ligne_de_progression_garde_son_retour_chariot():
    import io

    from recouvrement_tui.cli.sortie import _SansControle

    flux = io.StringIO()
    sortie = _SansControle(flux)
    sortie.write("\r120/200 dossiers écrits")
    sortie.write("Nom\rpiégé")
    assert flux.getvalue() == "\r120/200 dossiers écrits" + "Nom\ufffdpiégé"
