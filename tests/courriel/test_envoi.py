"""E-mails rendered, kept and sent to a real SMTP server on localhost (aiosmtpd), read back as the
debtor's server receives them: headers, both parts, amounts, attachments by name and hash, STARTTLS
with a login, and the failures a user meets (refused recipient, server down, wrong password)."""

from __future__ import annotations

import datetime as dt
import email
import hashlib
import ssl
from email import policy

import pytest
import trustme

from recouvrement_tui.documents.rendu import ErreurDocument
from recouvrement_tui.domain.etapes import Etape, TypeEvenement
from recouvrement_tui.services.courriels import Canal, ErreurEnvoi, Statut
from tests.conftest import CREANCIER, DEBITEUR
from tests.courriel.serveur import Serveur, port_libre

IBAN = "FR7630006000011234567890189"
EXPEDITEUR = "recouvrement@electricite-rhone.fr"


def _parametrer(service, **courriel):
    reglages = {"hote": "127.0.0.1", "port": "25", "securite": "aucune", "expediteur": EXPEDITEUR,
                "envois_par_minute": "600", **courriel}
    service.enregistrer_parametres({**CREANCIER, "iban": IBAN, "email": "compta@electricite-rhone.fr",
                                    "telephone": "04 72 00 00 00"}, {}, reglages)


def _dossier(service, **debiteur):
    d = service.creer_dossier({**DEBITEUR, "facturation_email": "factures@durand.fr", **debiteur})
    d = service.ajouter_creance(d, {"numero": "FA-001", "date_facture": "01/08/2026", "date_echeance": "31/08/2026",
                                    "montant_ttc": "1 200,00"})
    return service.ajouter_creance(d, {"numero": "FA-002", "date_facture": "01/09/2026",
                                       "date_echeance": "30/09/2026", "montant_ttc": "800,50"})


def _texte(message: email.message.EmailMessage, sous_type: str) -> str:
    return message.get_body((sous_type,)).get_content()


def test_brouillon_eml_pret_a_envoyer_et_journalise(service):
    _parametrer(service)
    d = _dossier(service)
    envoi = service.courriels.brouillon(d, "relance_amiable")
    message = email.message_from_bytes(envoi.chemin.read_bytes(), policy=policy.default)
    assert message["X-Unsent"] == "1"
    assert message["To"] == "compta@durand.fr" and message["Cc"] == "factures@durand.fr"
    assert message["From"].addresses[0].addr_spec == EXPEDITEUR
    assert message["Reply-To"] == "compta@electricite-rhone.fr"  # who to answer
    assert "FA-001" in message["Subject"] or "2026-" in message["Subject"]
    texte = _texte(message, "plain")
    for attendu in ("FA-001", "FA-002", "31/08/2026", "IBAN FR76 3000 6000 0112 3456 7890 189",
                    "merci de ne pas tenir compte de ce message", "jours de retard"):
        assert attendu in texte, attendu
    assert "FA-002" in _texte(message, "html")
    # Kept with its hash and journaled; a draft does not move the stage.
    entree = envoi.dossier.journal[-1]
    assert entree.type is TypeEvenement.COURRIEL and entree.document.endswith(".eml")
    assert entree.empreinte == hashlib.sha256(envoi.chemin.read_bytes()).hexdigest()
    assert "Brouillon" in entree.texte and message["Message-ID"] in entree.texte
    assert envoi.dossier.etape is Etape.NOUVEAU


def test_le_montant_du_courriel_est_celui_du_decompte(service):
    _parametrer(service)
    d = _dossier(service)
    total = service.decompte(d).total_exigible
    courriel = service.courriels.preparer(d, "relance_amiable")
    from recouvrement_tui.domain.formatage import montant

    assert montant(total).replace("\u202f", " ").replace("\u00a0", " ") in \
        courriel.redaction.texte.replace("\u202f", " ").replace("\u00a0", " ")


def test_un_consommateur_n_a_ni_penalites_ni_40_euros(service):
    _parametrer(service)
    d = _dossier(service, type_personne="physique", qualite="consommateur", nom="Martin", prenom="Anne",
                 forme_juridique="", siren="")
    d = service.changer_etape(d, Etape.RELANCE_AMIABLE, {"date": "10/10/2026"})
    texte = service.courriels.preparer(d, "relance_ferme").redaction.texte
    assert "L441-10" not in texte and "40 €" not in texte and "indemnité forfaitaire" not in texte
    assert "intérêts" in texte


def test_le_html_ne_reprend_jamais_de_balise_venue_des_donnees(service):
    _parametrer(service)
    dossier_modeles = service.racine / "modeles" / "courriels"
    dossier_modeles.mkdir(parents=True)
    (dossier_modeles / "relance_amiable.txt").write_text(
        "Objet : Rappel\n\nBonjour {{ debiteur.nom }},\n<img src=x onerror=alert(2)>\n", encoding="utf-8")
    d = _dossier(service, nom="<script>alert(1)</script> SARL")
    redaction = service.courriels.preparer(d, "relance_amiable").redaction
    assert "<script>alert(1)</script> SARL" in redaction.texte  # the plain text says it as it is
    corps = redaction.html.split("<body", 1)[1]
    assert "<script>" not in corps and "<img" not in corps
    assert "&lt;script&gt;" in corps and "&lt;img src=x" in corps


def test_un_modele_personnalise_qui_sort_du_bac_a_sable_est_refuse(service):
    _parametrer(service)
    dossier_modeles = service.racine / "modeles" / "courriels"
    dossier_modeles.mkdir(parents=True)
    (dossier_modeles / "relance_amiable.txt").write_text(
        "Objet : {{ reference.__class__.__mro__[1].__subclasses__() }}\n\nTexte", encoding="utf-8")
    with pytest.raises(ErreurDocument, match="sécurité"):
        service.courriels.preparer(_dossier(service), "relance_amiable")


def test_un_modele_personnalise_remplace_le_modele_livre(service):
    _parametrer(service)
    dossier_modeles = service.racine / "modeles" / "courriels"
    dossier_modeles.mkdir(parents=True)
    (dossier_modeles / "relance_amiable.txt").write_text(
        "Objet : Petit rappel {{ reference }}\n\nBonjour,\nmerci de régler {{ totaux_echus.total.chiffres }}.\n",
        encoding="utf-8")
    courriel = service.courriels.preparer(_dossier(service), "relance_amiable")
    assert courriel.redaction.objet.startswith("Petit rappel 2026-")
    (dossier_modeles / "relance_amiable.txt").write_bytes(b"\xff\xfeO\x00")
    with pytest.raises(ErreurDocument, match="UTF-8"):
        service.courriels.preparer(_dossier(service), "relance_amiable")


def test_la_garde_refuse_un_courriel_comme_une_lettre(service):
    _parametrer(service)
    d = service.changer_etape(_dossier(service), Etape.CLOTURE, {"date": "20/11/2026", "motif": "abandon"})
    with pytest.raises(ErreurDocument, match="clôturé"):
        service.courriels.preparer(d, "relance_amiable")


def test_sans_adresse_le_courriel_est_refuse_et_le_lot_prevoit_la_lettre(service):
    _parametrer(service)
    d = _dossier(service, email="", relance_email="", facturation_email="")
    with pytest.raises(ErreurDocument, match="par courrier"):
        service.courriels.preparer(d, "relance_amiable")
    ligne = next(l for l in service.courriels.lot(service.aujourdhui()) if l.reference == d.reference)
    assert ligne.canal is Canal.COURRIER and "par courrier" in ligne.remarque


def test_envoi_au_serveur_entetes_parties_et_pieces_jointes(service):
    d = _dossier(service)
    pdf = b"%PDF-1.4\n% facture FA-001\n%%EOF\n"
    chemin = service.racine.parent / "FA-001.pdf"
    chemin.write_bytes(pdf)
    d = service.echanges.joindre_piece(d, {"fichier": str(chemin), "type": "facture", "description": "Facture FA-001"})
    with Serveur() as serveur:
        _parametrer(service, port=str(serveur.port), copie_cachee="archives@electricite-rhone.fr")
        envoi = service.courriels.envoyer(d, "relance_amiable")
    [recu] = serveur.recus
    assert recu.destinataires == ["compta@durand.fr", "factures@durand.fr", "archives@electricite-rhone.fr"]
    m = recu.message
    for entete in ("From", "To", "Cc", "Subject", "Message-ID", "Date"):
        assert m[entete], entete
    assert m["Bcc"] is None and m["X-Unsent"] is None  # the blind copy is in the envelope only
    assert m["Message-ID"] == envoi.message_id
    assert "FA-002" in _texte(m, "plain") and "FA-002" in _texte(m, "html")
    jointes = {p.get_filename(): hashlib.sha256(p.get_content()).hexdigest() for p in m.iter_attachments()}
    assert jointes == {"FA-001.pdf": hashlib.sha256(pdf).hexdigest()}
    # What was sent is kept byte for byte, journaled once, and the reminder counts: the stage moves.
    assert envoi.chemin.read_bytes().replace(b"\r\n", b"\n").strip() == recu.contenu.replace(b"\r\n", b"\n").strip()
    d = service.charger(d.reference)
    assert d.etape is Etape.RELANCE_AMIABLE
    courriels = [e for e in d.journal if e.type is TypeEvenement.COURRIEL]
    assert len(courriels) == 1 and "Courriel envoyé" in courriels[0].texte and envoi.message_id in courriels[0].texte


def test_destinataire_refuse_rien_n_est_envoye_ni_inscrit(service):
    d = _dossier(service)
    with Serveur() as serveur:
        serveur.boite.refuser.add("compta@durand.fr")
        _parametrer(service, port=str(serveur.port))
        with pytest.raises(ErreurEnvoi, match="refusé le destinataire compta@durand.fr .550"):
            service.courriels.envoyer(d, "relance_amiable")
    assert serveur.recus == []  # not even to the copy
    d = service.charger(d.reference)
    assert d.etape is Etape.NOUVEAU and not any(e.type is TypeEvenement.COURRIEL for e in d.journal)
    assert not list((service.depot.chemin(d.reference) / "documents").glob("*.eml"))


def test_serveur_arrete_message_en_francais(service):
    _parametrer(service, port=str(port_libre()))
    d = _dossier(service)
    with pytest.raises(ErreurEnvoi, match="ne répond pas"):
        service.courriels.envoyer(d, "relance_amiable")
    assert not any(e.type is TypeEvenement.COURRIEL for e in service.charger(d.reference).journal)


@pytest.fixture
def autorite(tmp_path, monkeypatch):
    """A throwaway certificate authority the client trusts (SSL_CERT_FILE, as for a company relay)."""
    ca = trustme.CA()
    fichier = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(fichier))
    monkeypatch.setenv("SSL_CERT_FILE", str(fichier))
    contexte = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(contexte)
    return contexte


def test_starttls_avec_identification(service, autorite, monkeypatch):
    d = _dossier(service)
    monkeypatch.setenv("RECOUVREMENT_SMTP_MOT_DE_PASSE", "s3cret")
    with Serveur(tls=autorite, identifiants=("relances", "s3cret")) as serveur:
        _parametrer(service, port=str(serveur.port), securite="starttls", utilisateur="relances")
        assert "chiffrée par STARTTLS" in service.courriels.tester_connexion()
        service.courriels.envoyer(d, "relance_amiable")
    assert len(serveur.recus) == 1


def test_mauvais_mot_de_passe(service, autorite, monkeypatch):
    monkeypatch.setenv("RECOUVREMENT_SMTP_MOT_DE_PASSE", "faux")
    with Serveur(tls=autorite, identifiants=("relances", "s3cret")) as serveur:
        _parametrer(service, port=str(serveur.port), securite="starttls", utilisateur="relances")
        with pytest.raises(ErreurEnvoi, match="refusé l'identifiant ou le mot de passe"):
            service.courriels.tester_connexion()
    assert serveur.recus == []


def test_certificat_inconnu(service, monkeypatch):
    ca = trustme.CA()  # not trusted by the client
    contexte = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(contexte)
    with Serveur(tls=contexte) as serveur:
        _parametrer(service, port=str(serveur.port), securite="starttls")
        with pytest.raises(ErreurEnvoi, match="certificat du serveur"):
            service.courriels.tester_connexion()


def test_lot_envoye_une_seule_fois_meme_lance_deux_fois(service):
    dossiers = [_dossier(service, nom=f"Client {i}", relance_email=f"compta{i}@client{i}.fr") for i in range(3)]
    sans_adresse = _dossier(service, nom="Sans Adresse", email="", relance_email="", facturation_email="")
    pauses = []
    with Serveur() as serveur:
        _parametrer(service, port=str(serveur.port))
        lignes = service.courriels.lot(service.aujourdhui())
        assert {l.reference for l in lignes} == {d.reference for d in [*dossiers, sans_adresse]}
        vus = []
        resultat = service.courriels.traiter_lot(lignes, service.aujourdhui(), envoyer=True, attendre=pauses.append,
                                                 progression=lambda r, t, l, s, x: vus.append((r, t, s)))
        assert resultat.compte(Statut.ENVOYE) == 3 and resultat.compte(Statut.LETTRE) == 1
        assert [r for r, _t, _s in vus] == [1, 2, 3, 4]
        assert pauses == [0.1, 0.1]  # 600 a minute, a pause between two sends
        # The batch again: the stage moved, nothing is due; and the same lines again send nothing twice.
        assert all(l.canal is Canal.COURRIER or l.reference not in {d.reference for d in dossiers}
                   for l in service.courriels.lot(service.aujourdhui()))
        encore = service.courriels.traiter_lot(lignes, service.aujourdhui(), envoyer=True, attendre=pauses.append)
        assert encore.compte(Statut.ENVOYE) == 0
    assert len(serveur.recus) == 3
    for d in dossiers:
        assert sum(e.type is TypeEvenement.COURRIEL for e in service.charger(d.reference).journal) == 1


def test_le_courriel_part_dans_l_export_et_revient_a_la_restauration(service, tmp_path):
    import zipfile

    from recouvrement_tui.services.dossiers import ServiceDossiers
    from tests.conftest import AUJOURDHUI

    _parametrer(service)
    d = _dossier(service)
    envoi = service.courriels.brouillon(d, "relance_amiable")
    zip_ = service.echanges.exporter(d.reference, tmp_path / "export")
    with zipfile.ZipFile(zip_) as archive:
        assert archive.read(f"documents/{envoi.chemin.name}") == envoi.chemin.read_bytes()
    ailleurs = ServiceDossiers(tmp_path / "ailleurs", aujourdhui=lambda: AUJOURDHUI, auteur="cj")
    restaure = ailleurs.echanges.importer_archive(zip_)
    copie = ailleurs.depot.chemin(restaure.reference) / "documents" / envoi.chemin.name
    assert copie.read_bytes() == envoi.chemin.read_bytes()


def test_la_copie_de_la_mise_en_demeure_joint_la_lettre_meme_qui_est_partie(service):
    """The copy is of the registered letter on record (art. 1344 C. civ.): its date, its LRAR
    number, its attachment the letter dated that day; never a newer letter with other sums."""
    _parametrer(service)
    d = _dossier(service)
    with pytest.raises(ErreurDocument, match="Aucune mise en demeure n'est enregistrée"):
        service.courriels.preparer(d, "mise_en_demeure")
    d = service.changer_etape(d, Etape.RELANCE_AMIABLE, {"date": "15/10/2026"})
    lettre = service.documents.generer(d, "mise_en_demeure", dt.date(2026, 11, 2))
    d = service.changer_etape(lettre.dossier, Etape.MISE_EN_DEMEURE,
                              {"date": "02/11/2026", "numero_lrar": "1A 234 567 8901 2"})
    service.documents.generer(d, "mise_en_demeure")  # a newer draft of the letter, never sent
    courriel = service.courriels.preparer(service.charger(d.reference), "mise_en_demeure")
    [piece] = courriel.pieces
    assert piece.nom.startswith(lettre.chemin.stem) and piece.nom.endswith((".pdf", ".docx"))
    texte = " ".join(courriel.redaction.texte.split())
    assert "2 novembre 2026" in courriel.redaction.objet and "1A 234 567 8901 2" in courriel.redaction.objet
    assert "Seule cette lettre fait foi" in texte


def test_sans_la_lettre_du_jour_de_l_envoi_pas_de_copie(service):
    _parametrer(service)
    d = service.changer_etape(_dossier(service), Etape.RELANCE_AMIABLE, {"date": "15/10/2026"})
    d = service.changer_etape(d, Etape.MISE_EN_DEMEURE, {"date": "02/11/2026"})
    service.documents.generer(d, "mise_en_demeure")  # dated today, not the day it left
    with pytest.raises(ErreurDocument, match="la copie envoyée doit être la lettre même qui est partie"):
        service.courriels.preparer(service.charger(d.reference), "mise_en_demeure")


def test_pieces_trop_lourdes_pour_la_limite_des_parametres(service):
    _parametrer(service, taille_max_mo="1")
    d = _dossier(service)
    lourd = service.racine.parent / "FA-001.pdf"
    lourd.write_bytes(b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 10))
    d = service.echanges.joindre_piece(d, {"fichier": str(lourd), "type": "facture"})
    with pytest.raises(ErreurDocument, match="dépassent la limite de 1 Mo"):
        service.courriels.preparer(d, "relance_amiable")
