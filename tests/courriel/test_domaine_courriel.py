"""Who receives a reminder e-mail, and every address checked before it may reach a header."""

from __future__ import annotations

import pytest

from recouvrement_tui.domain.courriel import (
    COURRIEL_POUR_ETAPE,
    Securite,
    adresse_sure,
    courriel_depuis_dict,
    courriel_depuis_saisie,
    destinataires,
)
from recouvrement_tui.domain.erreurs import ErreurSaisie, ErreursSaisie
from recouvrement_tui.domain.etapes import Etape
from recouvrement_tui.domain.model import Contact, Debiteur


@pytest.mark.parametrize("adresse", ["compta@durand.fr", "a.b-c+relances@sous.domaine.example.com"])
def test_une_adresse_simple_passe(adresse):
    assert adresse_sure(f"  {adresse} ") == adresse


@pytest.mark.parametrize(("hostile", "motif"), [
    ("compta@durand.fr\r\nBcc: tous@concurrent.fr", "saut de ligne"),
    ("compta@durand.fr\nSubject: x", "saut de ligne"),
    ("compta@durand.fr, patron@durand.fr", "une seule adresse"),
    ("Compta <compta@durand.fr>", "une seule adresse"),
    ("compta@durand", "valable"),
    ("compta@@durand.fr", "valable"),
    ("élodie@durand.fr", "valable"),
    ("compta..x@durand.fr", "valable"),
])
def test_une_adresse_qui_pourrait_injecter_un_en_tete_est_refusee(hostile, motif):
    with pytest.raises(ErreurSaisie, match=motif):
        adresse_sure(hostile)


def test_la_personne_a_relancer_d_abord_la_facturation_en_copie():
    d = Debiteur(nom="Durand", email="contact@durand.fr", contact_relance=Contact(email="compta@durand.fr"),
                 contact_facturation=Contact(email="factures@durand.fr"))
    dest = destinataires(d)
    assert (dest.a, dest.cc, dest.remarque) == (("compta@durand.fr",), ("factures@durand.fr",), "")


def test_sans_contact_de_relance_l_adresse_du_debiteur():
    dest = destinataires(Debiteur(nom="Durand", email="contact@durand.fr"))
    assert dest.a == ("contact@durand.fr",) and dest.cc == ()


def test_sans_adresse_la_relance_part_par_courrier():
    dest = destinataires(Debiteur(nom="Durand"))
    assert dest.vide and "par courrier" in dest.remarque


def test_une_adresse_piegee_est_ecartee_et_dite():
    d = Debiteur(nom="Durand", email="contact@durand.fr",
                 contact_relance=Contact(email="x@durand.fr\r\nBcc: y@z.fr"))
    dest = destinataires(d)
    assert dest.a == ("contact@durand.fr",)
    assert "écartée" in dest.remarque and "saut de ligne" in dest.remarque


def test_la_copie_identique_n_est_pas_doublee():
    d = Debiteur(nom="Durand", email="compta@durand.fr", contact_facturation=Contact(email="COMPTA@durand.fr"))
    assert destinataires(d).cc == ()


def test_le_calendrier_envoie_les_relances_par_courriel_mais_pas_la_mise_en_demeure():
    assert set(COURRIEL_POUR_ETAPE) == {Etape.RELANCE_PREVENTIVE, Etape.RELANCE_AMIABLE, Etape.RELANCE_FERME}


def test_parametres_du_serveur():
    p = courriel_depuis_saisie({"hote": "smtp.office365.com", "port": "587", "securite": "STARTTLS",
                                "utilisateur": "recouvrement@exemple.fr", "expediteur": "recouvrement@exemple.fr"})
    assert p.securite is Securite.STARTTLS and p.configure and p.taille_max_mo == 10


def test_parametres_faux_tous_signales():
    with pytest.raises(ErreursSaisie) as e:
        courriel_depuis_saisie({"hote": "smtp office", "port": "99999", "securite": "tls", "expediteur": "moi"})
    assert set(e.value.par_champ()) == {"hote", "port", "securite", "expediteur"}


def test_un_fichier_de_parametres_modifie_a_la_main_est_dit_par_champ():
    with pytest.raises(ErreurSaisie, match="courriel.port"):
        courriel_depuis_dict({"hote": "smtp.exemple.fr", "port": "abc"})
