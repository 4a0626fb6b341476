"""The court filings say what the law asks, read back from the rendered document (issue: a lawyer's review).

Each test renders a shipped template over a demo dossier's context (sometimes adjusted, the way a
dossier at another stage would be) and reads the text back as a client would.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import replace

import pytest

from recouvrement_tui.documents.lecture import texte_docx
from recouvrement_tui.documents.rendu import rendre
from recouvrement_tui.domain.etapes import Etape
from recouvrement_tui.domain.model import Qualite, TypePersonne
from recouvrement_tui.domain.procedure import Passage
from recouvrement_tui.storage.modeles import modeles_livres
from tests.conftest import AUJOURDHUI

ACTES = ("assignation_au_fond", "assignation_refere_provision", "requete_injonction_commerce",
         "requete_injonction_judiciaire", "declaration_creance", "transmission_commissaire_justice",
         "fiche_synthese", "bordereau_pieces", "requete_releve_forclusion",
         "requete_refere_provision_administratif", "demande_mandatement_office")


def _rendu(cle: str, contexte: dict) -> bytes:
    return rendre((modeles_livres() / f"{cle}.docx").read_bytes(), contexte, cle)


def _texte(cle: str, contexte: dict) -> str:
    """The rendered text with plain spaces (the typography puts narrow and no-break spaces in)."""
    return _brut(cle, contexte).replace("\u202f", " ").replace("\u00a0", " ")


def _plat(texte: str) -> str:
    return texte.replace("\u202f", " ").replace("\u00a0", " ")


def _brut(cle: str, contexte: dict) -> str:
    return texte_docx(_rendu(cle, contexte))


def _dossier(service, reference: str):
    return service.charger(reference)


def _contexte(service, dossier) -> dict:
    return service.documents.contexte(dossier, AUJOURDHUI)


def _avec_passage(dossier, vers: Etape, date: str, **faits: str):
    passage = Passage(dossier.etape, vers, dt.date.fromisoformat(date), {"date": date, **faits})
    return replace(dossier, passages=dossier.passages + (passage,), etape=vers, etape_depuis=passage.date)


# --- 2. each route keeps its own hearing -----------------------------------------------------


def test_le_fond_apres_un_refere_imprime_sa_propre_audience(demo_lecture):
    refere = _dossier(demo_lecture, "2026-0014")  # référé, hearing on 23 December 2026
    fond = _avec_passage(refere, Etape.ASSIGNATION_AU_FOND, "2026-11-20", juridiction="tribunal de commerce de Nice",
                         date_audience="2027-02-15", numero_rg="27/00001")
    contexte = _contexte(demo_lecture, fond)
    assert contexte["procedure"]["refere"]["date_audience"] == "23 décembre 2026"
    assert contexte["procedure"]["fond"]["date_audience"] == "15 février 2027"
    texte_fond = _texte("assignation_au_fond", contexte)
    assert "15 février 2027" in texte_fond and "23 décembre 2026" not in texte_fond
    texte_refere = _texte("assignation_refere_provision", contexte)
    assert "23 décembre 2026" in texte_refere and "15 février 2027" not in texte_refere
    # The old flat key still answers, for templates users customised.
    assert contexte["procedure"]["date_audience"] == "15 février 2027"


# --- 1. art. 750-1, 861-2, the hearing's address, page numbers --------------------------------


@pytest.mark.parametrize("cle", ["assignation_au_fond", "assignation_refere_provision"])
def test_article_750_1_en_refere_comme_au_fond(demo_lecture, cle):
    contexte = _contexte(demo_lecture, _dossier(demo_lecture, "2026-0014"))
    sans = _texte(cle, {**contexte, "tentative_prealable_requise": False})
    assert "750-1" not in sans
    requise = {**contexte, "tentative_prealable_requise": True, "petites_creances_echouee": False}
    texte = _texte(cle, requise)
    assert "Sur la tentative préalable de résolution amiable" in texte
    assert "[À compléter avant signification, à peine d'irrecevabilité" in texte
    dispense = _texte(cle, {**requise, "petites_creances_echouee": True})
    assert "article 750-1, 5°" in dispense and "[À compléter avant signification, à peine" not in dispense


def test_article_861_2_seulement_devant_une_juridiction_commerciale(demo_lecture):
    contexte = _contexte(demo_lecture, _dossier(demo_lecture, "2026-0014"))
    assert contexte["juridiction"]["nature"] == "commerce"
    assert "ARTICLE 861-2" in _texte("assignation_au_fond", contexte)
    judiciaire = {**contexte, "juridiction": {**contexte["juridiction"], "nature": "judiciaire"}}
    assert "861-2" not in _texte("assignation_au_fond", judiciaire)
    assert "861-2" not in _texte("assignation_refere_provision", contexte)


@pytest.mark.parametrize("cle", ["assignation_au_fond", "assignation_refere_provision"])
def test_lieu_de_l_audience(demo_lecture, cle):
    contexte = _contexte(demo_lecture, _dossier(demo_lecture, "2026-0014"))
    assert "[À compléter : adresse de la salle d'audience]" in _texte(cle, {**contexte, "juridiction": {
        **contexte["juridiction"], "adresse": ""}})
    adresse = "Palais de justice, 3 place du Palais, 06300 Nice"
    texte = _texte(cle, {**contexte, "juridiction": {**contexte["juridiction"], "adresse": adresse}})
    assert adresse in texte and "[À compléter : adresse" not in texte


@pytest.mark.parametrize("cle", ACTES)
def test_pied_de_page_numerote(demo_lecture, cle):
    """Every act's footer carries "Page X sur Y" as PAGE and NUMPAGES fields."""
    with zipfile.ZipFile(io.BytesIO((modeles_livres() / f"{cle}.docx").read_bytes())) as z:
        pieds = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("word/footer"))
    assert " PAGE " in pieds and " NUMPAGES " in pieds and "Page " in pieds and " sur " in pieds


# --- 3. the fiche de synthèse -------------------------------------------------------------------


def test_fiche_d_une_injonction_donne_ses_dates(demo_lecture):
    contexte = _contexte(demo_lecture, _dossier(demo_lecture, "2026-0013"))  # ordonnance served 2 Nov 2026
    texte = _texte("fiche_synthese", contexte)
    assert "ordonnance portant injonction de payer du 27 octobre 2026" in texte
    assert "ordonnance de référé" not in texte
    assert "3 janvier 2027" in texte  # two months after service, décret 2026-96
    nombre = len(contexte["pieces"])
    assert f"{nombre} pièces, numérotées" in texte and "pièce(s)" not in texte


def test_fiche_ne_pretend_pas_une_declaration_non_faite(demo_lecture):
    dossier = _dossier(demo_lecture, "2026-0018")  # procédure collective, no declaration generated
    contexte = _contexte(demo_lecture, dossier)
    texte = _texte("fiche_synthese", contexte)
    assert "créance est déclarée" not in texte and "a été déclarée" not in texte
    assert "Aucune déclaration de créance n'est enregistrée" in texte


def test_fiche_une_seule_piece_au_singulier(demo_lecture):
    contexte = _contexte(demo_lecture, _dossier(demo_lecture, "2026-0014"))
    texte = _texte("fiche_synthese", {**contexte, "pieces": contexte["pieces"][:1]})
    assert "Une pièce, numérotée" in texte


# --- 4. the requêtes ----------------------------------------------------------------------------


@pytest.mark.parametrize("cle", ["requete_injonction_commerce", "requete_injonction_judiciaire"])
def test_requete_sans_note_interne_et_avec_le_decompte_au_bordereau(demo_lecture, cle):
    contexte = _contexte(demo_lecture, _dossier(demo_lecture, "2026-0021"))
    contexte = {**contexte, "juridiction": {**contexte["juridiction"],
                                            "formulaire": "Cerfa 12948*06 (version à confirmer)",
                                            "formulaire_acte": "Cerfa 12948*06"}}
    texte = _texte(cle, contexte)
    assert "à confirmer" not in texte
    assert texte.count("Décompte de la créance arrêté au") == 1
    assert [p["libelle"] for p in contexte["pieces"]].count(f"Décompte de la créance arrêté au {contexte['decompte']['au_court']}") == 1


def test_requete_decrit_l_imputation_des_paiements(demo_lecture):
    for resume in demo_lecture.resumes_actualises():
        contexte = _contexte(demo_lecture, _dossier(demo_lecture, resume.reference))
        if contexte["imputations"] and not any(i["designee"] for i in contexte["imputations"]) and contexte["factures_echues"]:
            break
    else:
        pytest.skip("aucun paiement non affecté dans la démonstration")
    texte = _texte("requete_injonction_commerce", contexte)
    assert "article 1342-10, alinéa 2, du Code civil" in texte and "la plus ancienne" in texte
    premiere = contexte["imputations"][0]
    assert _plat(f"règlement du {premiere['date']}, {premiere['montant']}") in texte


# --- 5. the transmission letter under décret 2026-96 --------------------------------------------


def test_transmission_donne_la_date_d_execution_pas_celle_du_changement_d_etape(demo_lecture):
    contexte = _contexte(demo_lecture, _dossier(demo_lecture, "2026-0002"))  # titre recorded 1 Sept 2026
    texte = _texte("transmission_commissaire_justice", contexte)
    assert "rendue le 3 juillet 2026" in texte
    assert "18 août 2026" in texte  # opposition period over (art. 1416, 642 CPC)
    assert "1er septembre 2026" not in texte.split("Les parties")[0]


def test_transmission_contre_un_non_professionnel_ne_parle_pas_de_penalites(demo_lecture):
    """An SCI outside its trade owes legal interest (art. 1344-1 C. civ.), not L441-10 penalties:
    the commissaire de justice is not told of "pénalités de retard" nor of a 40 € indemnity."""
    titre = _dossier(demo_lecture, "2026-0002")
    sci = replace(titre.debiteur, type_personne=TypePersonne.MORALE, nom="SCI Les Tilleuls", prenom="",
                  forme_juridique="SCI", siren="732829320", qualite=Qualite.NON_PROFESSIONNEL)
    texte = _texte("transmission_commissaire_justice", _contexte(demo_lecture, replace(titre, debiteur=sci)))
    assert "Intérêts échus" in texte
    assert "Pénalités" not in texte and "Indemnité forfaitaire" not in texte


def test_transmission_avant_signification_avertit_de_la_caducite(demo_lecture):
    contexte = _contexte(demo_lecture, _dossier(demo_lecture, "2026-0012"))  # ordonnance of 20 Nov 2026, not served
    texte = _texte("transmission_commissaire_justice", contexte)
    assert "au plus tard le 22 février 2027" in texte and "trois mois" in texte and "1411" in texte
    ancienne = replace(_dossier(demo_lecture, "2026-0012"))
    passages = list(ancienne.passages)
    passages[-1] = replace(passages[-1], faits={**passages[-1].faits, "date_ordonnance": "2026-08-20"})
    contexte = _contexte(demo_lecture, replace(ancienne, passages=tuple(passages)))
    texte = _texte("transmission_commissaire_justice", contexte)
    # Six months end on Saturday 20 February 2027: moved to Monday 22 (art. 642 CPC).
    assert contexte["procedure"]["injonction"]["date_caducite"] == "22 février 2027"
    assert "six mois" in texte and "au plus tard le 22 février 2027" in texte


# --- 6. and 7. the procédure collective --------------------------------------------------------


def test_declaration_separe_echu_et_a_echoir(demo):
    dossier = demo.charger("2026-0018")  # opened 14 October 2026
    dossier = demo.ajouter_creance(dossier, {"numero": "FA-APRES", "date_facture": "01/10/2026",
                                             "date_echeance": "30/11/2026", "montant_ttc": "1 000,00"})
    contexte = _contexte(demo, dossier)
    assert [f["numero"] for f in contexte["declaration"]["a_echoir"]] == ["FA-APRES"]
    texte = _texte("declaration_creance", contexte)
    assert "Sommes échues au jour du jugement d'ouverture" in texte and "Sommes à échoir" in texte
    assert "FA-APRES" in texte.split("Sommes à échoir")[1] and "30/11/2026" in texte
    assert "L622-28" in texte and "aucun intérêt postérieur" in texte
    assert contexte["declaration"]["delai"]["date"] in texte
    assert "L641-3" not in texte


def test_declaration_en_liquidation_cite_l641_3(demo_lecture):
    contexte = _contexte(demo_lecture, _dossier(demo_lecture, "2026-0015"))
    texte = _texte("declaration_creance", contexte)
    assert "L641-3" in texte and "13 janvier 2027" in texte


def test_releve_de_forclusion(demo_lecture):
    contexte = _contexte(demo_lecture, _dossier(demo_lecture, "2026-0004"))  # BODACC 7 August 2026
    texte = _texte("requete_releve_forclusion", contexte)
    assert "juge-commissaire" in texte and "L622-26" in texte and "L622-6" in texte
    assert "7 février 2027" in texte  # six months from the BODACC publication
    assert "[À compléter avant dépôt : exposer précisément les faits" in texte
    assert "Sommes échues au jour du jugement d'ouverture" in texte


# --- 8. and 9. the public-sector debtor ----------------------------------------------------------


def test_refere_provision_administratif(demo_lecture):
    contexte = _contexte(demo_lecture, _dossier(demo_lecture, "2026-0024"))
    assert contexte["secteur_public"]
    texte = _texte("requete_refere_provision_administratif", contexte)
    for attendu in ("R541-1", "L2192-13", "R2192-31", "L761-1", "R431-2", "R431-3", "[à vérifier",
                    _plat(contexte["totaux_echus"]["total"]["chiffres"])):
        assert attendu in texte, attendu
    for interdit in ("L441-10", "article 700", "injonction de payer", "exécution forcée", "saisie"):
        assert interdit not in texte, interdit


def test_demande_de_mandatement_d_office(demo_lecture):
    dossier = _dossier(demo_lecture, "2026-0024")
    dossier = _avec_passage(dossier, Etape.REFERE_PROVISION, "2026-11-05", juridiction="tribunal administratif de Grenoble")
    dossier = _avec_passage(dossier, Etape.TITRE_EXECUTOIRE, "2026-11-10", numero_rg="2605123",
                            date_signification="2026-11-12")
    contexte = _contexte(demo_lecture, dossier)
    texte = _texte("demande_mandatement_office", contexte)
    for attendu in ("80-539", "L1612-16", "mandatement d'office", "10 novembre 2026", "2605123", "12 novembre 2026"):
        assert attendu in texte, attendu


# --- 10. French ----------------------------------------------------------------------------------


def test_francais_des_actes(demo_lecture):
    contexte = _contexte(demo_lecture, _dossier(demo_lecture, "2026-0014"))
    texte = _brut("assignation_au_fond", contexte)
    assert "n°\u00a0" in texte or "n° " not in texte
    assert " ;" not in texte and " :" not in texte
    assert "Vu article" not in texte and "échus et dus" not in texte.replace("intérêts échus et dus", "")
    assert contexte["de"]["debiteur"].startswith(("d'", "de "))
    from recouvrement_tui.documents.contexte import avec_de
    assert avec_de("Anne Martin") == "d'Anne Martin" and avec_de("Dupont SARL") == "de Dupont SARL"
    assert avec_de("Établissements Besson") == "d'Établissements Besson"


@pytest.mark.parametrize("cle", ["requete_injonction_commerce", "assignation_au_fond", "assignation_refere_provision"])
def test_une_mise_en_demeure_n_est_restee_sans_effet_qu_une_fois_son_delai_expire(cle):
    """Seen in a generated requête: "restée sans effet" about a letter whose time was still running,
    filed on an urgency. The filing says what the letter became (art. 1344 C. civ.)."""
    from tests.documents.test_courriers_juridiques import dossier, lire, med, plat, relance

    expiree = dossier("b2b", relance(dt.date(2026, 9, 15)), med(dt.date(2026, 10, 1)))
    assert "restée sans effet à l'expiration du délai qu'elle accordait au débiteur, le 9 octobre 2026" in plat(
        lire(cle, expiree))
    en_cours = dossier("b2b", relance(dt.date(2026, 9, 15)), med(dt.date(2026, 11, 19))).invoquer_urgence(
        "cession du fonds annoncée", "c.martin", dt.datetime(2026, 11, 20, 9))
    texte = plat(lire(cle, en_cours))
    assert "sans effet" not in texte
    assert "n'est pas encore expiré (il expire le 27 novembre 2026)" in texte
    assert "en raison de l'urgence suivante : cession du fonds annoncée" in texte
