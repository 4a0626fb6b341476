"""An attacker's read of the e-mail channel, kept as tests: the shared data folder (templates,
settings, dossiers) and imported debtor data are hostile until checked."""

from __future__ import annotations

import datetime as dt
import os
import zipfile
from email import message_from_bytes, policy

import pytest

from recouvrement_tui.documents.courriels import Redaction, composer, en_html
from recouvrement_tui.documents.rendu import ErreurDocument
from recouvrement_tui.domain.courriel import courriel_depuis_saisie
from recouvrement_tui.domain.erreurs import ErreursSaisie
from recouvrement_tui.domain.etapes import TypeEvenement
from recouvrement_tui.services.courriels import Statut
from recouvrement_tui.services.erreurs import ErreurEnvoi, ErreurStockage
from recouvrement_tui.storage.parametres import lire_parametres
from tests.courriel.serveur import Serveur
from tests.courriel.test_envoi import _dossier, _parametrer

MOT = "=?utf-8?q?Electricite_Rhone=0D=0ABcc:_espion@evil.example?="


def test_un_mot_encode_ne_glisse_pas_d_en_tete_cache():
    """CVE-2024-6923: an RFC 2047 encoded word with =0D=0A in the subject or the sender's name."""
    redaction = Redaction(f"Relance {MOT}", "Bonjour\n", en_html("Bonjour\n", "x"))
    message = composer(redaction, expediteur="a@b.fr", nom_expediteur=MOT, a=["c@d.fr"],
                       date=dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC))
    relu = message_from_bytes(message.as_bytes(), policy=policy.default)
    assert relu["Bcc"] is None and "espion" not in str(relu["To"])
    assert set(relu.keys()) == {"From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type"}


def test_une_raison_sociale_piegee_n_ajoute_pas_de_destinataire(service):
    _parametrer(service)
    service.enregistrer_parametres({"raison_sociale": MOT, "siren": "552 100 554", "siege_adresse1": "1 rue",
                                    "siege_code_postal": "69002", "siege_ville": "Lyon",
                                    "representant_nom": "Claire Martin"}, {},
                                   {"hote": "127.0.0.1", "expediteur": "r@e.fr"})
    envoi = service.courriels.brouillon(_dossier(service), "relance_amiable")
    relu = message_from_bytes(envoi.chemin.read_bytes(), policy=policy.default)
    assert relu["Bcc"] is None and relu["To"] == "compta@durand.fr"


def test_le_mot_de_passe_ne_part_jamais_en_clair(service, monkeypatch):
    monkeypatch.setenv("RECOUVREMENT_SMTP_MOT_DE_PASSE", "S3cret")
    _parametrer(service, hote="smtp.exemple.fr", port="25", securite="aucune", utilisateur="moi")
    with pytest.raises(ErreurEnvoi, match="jamais en clair"):
        service.courriels.tester_connexion()


def test_la_copie_cachee_est_dite_et_journalisee(service):
    d = _dossier(service)
    with Serveur() as serveur:
        _parametrer(service, port=str(serveur.port), copie_cachee="archives@electricite-rhone.fr")
        assert service.courriels.preparer(d, "relance_amiable").cci == "archives@electricite-rhone.fr"
        envoi = service.courriels.envoyer(d, "relance_amiable")
    assert "copie cachée à archives@electricite-rhone.fr" in envoi.dossier.journal[-1].texte


@pytest.mark.parametrize("champ", ["port", "taille_max_mo", "envois_par_minute"])
def test_un_chiffre_exotique_est_refuse_sans_planter(champ):
    with pytest.raises(ErreursSaisie):
        courriel_depuis_saisie({"hote": "smtp.exemple.fr", champ: "²"})


def test_un_fichier_de_parametres_piege_n_arrete_pas_l_application(racine):
    racine.mkdir(parents=True)
    (racine / "parametres.json").write_text('{"courriel": {"hote": "smtp.exemple.fr", "port": "²"}}', encoding="utf-8")
    _parametres, motif = lire_parametres(racine)
    assert "courriel.port" in motif
    (racine / "parametres.json").write_text('{"calendrier": {"delai_mise_en_demeure": ' + "1" * 5000 + "}}",
                                            encoding="utf-8")
    _parametres, motif = lire_parametres(racine)
    assert "illisible" in motif


def test_deux_lots_en_meme_temps_n_envoient_qu_une_fois(service):
    """A colleague's batch holds the send (its marker): this one does not send it too; once sent,
    a batch started before sees it was sent meanwhile."""
    d = _dossier(service)
    with Serveur() as serveur:
        _parametrer(service, port=str(serveur.port))
        lignes = service.courriels.lot(service.aujourdhui())
        marque = service.depot.chemin(d.reference) / ".envoi-en-cours-relance_amiable"
        marque.touch()
        with pytest.raises(ErreurStockage, match="en cours ou a été interrompu"):
            service.courriels.envoyer(d, "relance_amiable")
        marque.unlink()
        service.courriels.envoyer(d, "relance_amiable")  # the colleague's send
        # This batch still holds the old line (due before the colleague's send): it must not resend.
        resultat = service.courriels.traiter_lot(lignes, service.aujourdhui(), envoyer=True, attendre=lambda _s: None)
        assert [s for _l, s, _d in resultat.lignes] == [Statut.DEJA]
    assert len(serveur.recus) == 1


def test_un_brouillon_n_empeche_pas_l_envoi(service):
    d = _dossier(service)
    with Serveur() as serveur:
        _parametrer(service, port=str(serveur.port))
        lignes = service.courriels.lot(service.aujourdhui())
        assert service.courriels.traiter_lot(lignes, service.aujourdhui(), envoyer=False).compte(Statut.BROUILLON) == 1
        envoi = service.courriels.traiter_lot(lignes, service.aujourdhui(), envoyer=True)
        assert envoi.compte(Statut.ENVOYE) == 1
    assert len(serveur.recus) == 1 and service.charger(d.reference).etape.value == "relance_amiable"


def test_arreter_pendant_la_pause_n_envoie_pas_le_suivant(service):
    for i in range(3):
        _dossier(service, nom=f"Client {i}", relance_email=f"c{i}@client{i}.fr")
    arret = []
    with Serveur() as serveur:
        _parametrer(service, port=str(serveur.port))
        lignes = service.courriels.lot(service.aujourdhui())
        service.courriels.traiter_lot(lignes, service.aujourdhui(), envoyer=True, attendre=lambda _s: arret.append(1),
                                      arreter=lambda: bool(arret))
    assert len(serveur.recus) == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_une_piece_remplacee_par_un_tube_ne_bloque_pas(service):
    _parametrer(service)
    d = _dossier(service)
    pdf = service.racine.parent / "FA-001.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    d = service.echanges.joindre_piece(d, {"fichier": str(pdf), "type": "facture"})
    piece = service.depot.chemin(d.reference) / "pieces" / d.pieces[0].fichier
    piece.unlink()
    os.mkfifo(piece)
    courriel = service.courriels.preparer(d, "relance_amiable")
    assert courriel.pieces == () and "n'est pas un fichier ordinaire" in courriel.avertissement


def test_un_eml_depose_a_la_main_ne_part_pas_dans_l_export(service, tmp_path):
    _parametrer(service)
    d = _dossier(service)
    envoi = service.courriels.brouillon(d, "relance_amiable")
    faux = envoi.chemin.with_name("2026-11-20_courriel_relance_ferme_1.eml")
    faux.write_bytes(b"Subject: fausse relance\r\n\r\nJamais envoyee\r\n")
    envoi.chemin.write_bytes(envoi.chemin.read_bytes() + b"\r\nmodifie")  # no longer what the journal hashed
    with zipfile.ZipFile(service.echanges.exporter(d.reference, tmp_path / "x")) as archive:
        assert not [n for n in archive.namelist() if n.endswith(".eml")]
    assert sum(e.type is TypeEvenement.COURRIEL for e in service.charger(d.reference).journal) == 1


def test_un_modele_geant_est_refuse(service):
    _parametrer(service)
    dossier_modeles = service.racine / "modeles" / "courriels"
    dossier_modeles.mkdir(parents=True)
    (dossier_modeles / "relance_amiable.txt").write_text("Objet : x\n\n{{ 'abc' * 100000000 }}\n", encoding="utf-8")
    with pytest.raises(ErreurDocument, match="trop"):
        service.courriels.preparer(_dossier(service), "relance_amiable")


def test_un_dossier_de_modeles_qui_est_un_lien_est_refuse(service, tmp_path):
    _parametrer(service)
    ailleurs = tmp_path / "ailleurs"
    ailleurs.mkdir()
    (ailleurs / "relance_amiable.txt").write_text("Objet : {{ reference }}\n\nlu ailleurs\n", encoding="utf-8")
    (service.racine / "modeles").mkdir()
    (service.racine / "modeles" / "courriels").symlink_to(ailleurs)
    with pytest.raises(ErreurDocument, match="refusé"):
        service.courriels.preparer(_dossier(service), "relance_amiable")
