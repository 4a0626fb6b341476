"""Every shipped template, rendered for varied demo dossiers and read back as a client would."""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import replace

import pytest
from docx import Document

from recouvrement_tui.demo import NOM_PIEGE
from recouvrement_tui.documents.catalogue import CATALOGUE
from recouvrement_tui.documents.lecture import texte_docx
from recouvrement_tui.documents.rendu import ErreurDocument, rendre, variables_utilisees
from recouvrement_tui.domain.etapes import Etape
from recouvrement_tui.domain.formatage import date_longue
from recouvrement_tui.domain.procedure import Passage
from recouvrement_tui.storage.modeles import modeles_livres
from tests.conftest import AUJOURDHUI

# Courteous reminders list what is left on each invoice, without interest (a first
# reminder assumes an oversight); the bordereau lists pieces; every other document states
# the total owed today.
RAPPELS_COURTOIS = ("relance_preventive", "relance_amiable")


def fait_attendu(cle: str, contexte: dict) -> str:
    if cle in RAPPELS_COURTOIS:
        return contexte["factures"][0]["reste"]
    if cle == "bordereau_pieces":
        return contexte["pieces"][0]["libelle"]
    if cle == "mise_en_demeure":
        return contexte["totaux_echus"]["total"]["chiffres"]
    return contexte["totaux"]["total"]["chiffres"]


BALISES = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")


def dossiers_de_demonstration(service):
    """The demo dossiers, then one the demo does not reach: a public debtor condemned by the
    administrative court (for the mandatement d'office), built from the demo's public debtor."""
    publics = []
    for resume in service.resumes_actualises():
        dossier = service.charger(resume.reference)
        if dossier.debiteur.secteur_public:
            publics.append(dossier)
        yield dossier
    for dossier in publics[:1]:
        for vers, jour, faits in ((Etape.REFERE_PROVISION, "2026-10-20", {"juridiction": "tribunal administratif de Grenoble"}),
                                  (Etape.TITRE_EXECUTOIRE, "2026-11-10", {"numero_rg": "2605123",
                                                                         "date_signification": "2026-11-12"})):
            passage = Passage(dossier.etape, vers, dt.date.fromisoformat(jour), {"date": jour, **faits})
            dossier = replace(dossier, passages=dossier.passages + (passage,), etape=vers, etape_depuis=passage.date)
        yield dossier


def _exemples(service, cle: str, combien: int = 4):
    """Up to `combien` demo dossiers the template can be filled for, varied in debtor kind."""
    retenus, vus = [], set()
    for dossier in dossiers_de_demonstration(service):
        if service.documents.verifier(dossier, cle, AUJOURDHUI):
            continue
        contexte = service.documents.contexte(dossier, AUJOURDHUI)
        genre = (dossier.debiteur.type_personne, dossier.debiteur.qualite, dossier.debiteur.nom == NOM_PIEGE)
        if genre in vus and len(retenus) >= 1:
            continue
        vus.add(genre)
        retenus.append((dossier, contexte))
        if len(retenus) == combien:
            break
    return retenus


def test_chaque_modele_du_catalogue_est_livre():
    for m in CATALOGUE:
        assert (modeles_livres() / f"{m.cle}.docx").is_file(), f"{m.cle}.docx manque dans le paquet"


@pytest.mark.parametrize("cle", [m.cle for m in CATALOGUE])
def test_chaque_variable_utilisee_est_fournie(demo_lecture, cle):
    """The top-level names a template reads all exist in the context built for a dossier."""
    dossier = demo_lecture.charger(demo_lecture.resumes_actualises()[0].reference)
    contexte = demo_lecture.documents.contexte(dossier, AUJOURDHUI)
    utilisees = variables_utilisees((modeles_livres() / f"{cle}.docx").read_bytes())
    assert utilisees, f"{cle} n'utilise aucune donnée du dossier"
    assert utilisees <= set(contexte), f"{cle} utilise des données inconnues : {utilisees - set(contexte)}"


@pytest.mark.parametrize("cle", [m.cle for m in CATALOGUE])
def test_rendu_relu_contient_les_faits_et_aucune_balise(demo_lecture, cle):
    exemples = _exemples(demo_lecture, cle)
    assert exemples, f"aucun dossier de démonstration ne permet de générer {cle}"
    m = next(m for m in CATALOGUE if m.cle == cle)
    gabarit = (modeles_livres() / f"{cle}.docx").read_bytes()
    for dossier, contexte in exemples:
        contenu = rendre(gabarit, contexte, m.titre)
        texte = texte_docx(contenu)
        assert not BALISES.search(texte), f"{cle} / {dossier.reference} : balise restée dans le texte"
        assert "None" not in texte
        assert dossier.debiteur.nom in texte, f"{cle} / {dossier.reference} : débiteur absent"
        assert contexte["creancier"]["nom"] in texte
        assert contexte["creancier"]["identification"] in texte  # letterhead footer
        # Each document states the day's total owed; a courteous reminder, each invoice's balance.
        assert fait_attendu(cle, contexte) in texte, f"{cle} : montant dû absent"
        # The XML stays well-formed: Word would refuse a file python-docx cannot reopen.
        Document(io.BytesIO(contenu))


@pytest.mark.parametrize("cle", ["mise_en_demeure", "requete_injonction_commerce", "relance_amiable"])
def test_nom_piege_intact(demo_lecture, cle):
    """`Dupont & Fils <SARL> "L'Atelier"` comes out exactly (autoescape on)."""
    m = next(m for m in CATALOGUE if m.cle == cle)
    for resume in demo_lecture.resumes_actualises():
        dossier = demo_lecture.charger(resume.reference)
        if dossier.debiteur.nom == NOM_PIEGE:
            break
    else:
        pytest.fail("la démonstration ne contient plus le nom piège")
    contexte = demo_lecture.documents.contexte(dossier, AUJOURDHUI)
    texte = texte_docx(rendre((modeles_livres() / f"{cle}.docx").read_bytes(), contexte, m.titre))
    assert NOM_PIEGE in texte
    assert "&amp;" not in texte and "&lt;" not in texte


def test_mise_en_demeure_dit_ce_que_la_loi_attend(demo_lecture):
    """Exact sums per invoice, penalties and 40 € in B2B, a dated deadline, the words 'mise en demeure'."""
    for resume in demo_lecture.resumes_actualises():
        dossier = demo_lecture.charger(resume.reference)
        contexte = demo_lecture.documents.contexte(dossier, AUJOURDHUI)
        if contexte["b2b"] and contexte["factures_echues"] and contexte["interets"]["indemnite_forfaitaire"]:
            break
    texte = texte_docx(rendre((modeles_livres() / "mise_en_demeure.docx").read_bytes(), contexte, "MED"))
    for facture in contexte["factures_echues"]:
        assert facture["numero"] in texte and facture["reste"] in texte
    assert "L441-10" in texte and "D441-5" in texte and "40" in texte
    assert contexte["delai"]["mise_en_demeure"]["date"] in texte
    assert "mise en demeure" in texte.lower()
    assert contexte["totaux_echus"]["total"]["lettres"] in texte
    assert f"le {date_longue(AUJOURDHUI)}" in texte


def test_fait_manquant_nomme_en_francais(demo):
    """A filing that needs a court case number refuses, naming it, rather than leaving a blank."""
    titre = next(
        d
        for r in demo.resumes_actualises()
        if r.etape is not None and r.etape.value == "titre_executoire"
        and (d := demo.charger(r.reference)).passage_courant is not None
    )
    sans_rg = replace(titre, passages=tuple(replace(p, faits={k: v for k, v in p.faits.items() if k != "numero_rg"})
                                            for p in titre.passages))
    with pytest.raises(ErreurDocument, match="numéro RG"):
        demo.documents.generer(sans_rg, "transmission_commissaire_justice")
    assert demo.documents.versions(demo.charger(sans_rg.reference)) == []
    assert demo.charger(sans_rg.reference).journal == sans_rg.journal


def _modele_avec(texte: str) -> bytes:
    doc = Document()
    doc.add_paragraph(texte)
    sortie = io.BytesIO()
    doc.save(sortie)
    return sortie.getvalue()


def test_variable_inconnue_refusee_en_nommant_la_balise():
    with pytest.raises(ErreurDocument, match="numero_rgg"):
        rendre(_modele_avec("Affaire {{ procedure.numero_rgg }}"), {"procedure": {"numero_rg": "26/001"}}, "essai")


def test_donnee_absente_imprimee_sans_condition_refusee():
    with pytest.raises(ErreurDocument, match="n'a pas"):
        rendre(_modele_avec("Affaire {{ procedure.numero_rg }}"), {"procedure": {"numero_rg": None}}, "essai")


def test_balise_mal_formee_expliquee():
    with pytest.raises(ErreurDocument, match="mal formée"):
        rendre(_modele_avec("Affaire {{ procedure.numero_rg }"), {"procedure": {"numero_rg": "1"}}, "essai")


def test_echappement_des_caracteres_speciaux():
    texte = texte_docx(rendre(_modele_avec("À {{ nom }}."), {"nom": NOM_PIEGE}, "essai"))
    assert texte.strip() == f"À {NOM_PIEGE}."


def test_meme_dossier_meme_date_meme_fichier(demo_lecture):
    """Rendering is deterministic: regenerating an unchanged letter gives the same SHA-256."""
    dossier = demo_lecture.charger(demo_lecture.resumes_actualises()[0].reference)
    contexte = demo_lecture.documents.contexte(dossier, AUJOURDHUI)
    gabarit = (modeles_livres() / "decompte_creance.docx").read_bytes()
    assert rendre(gabarit, contexte, "essai") == rendre(gabarit, contexte, "essai")


def test_mise_en_demeure_ne_reclame_pas_ce_qui_n_est_pas_echu(demo):
    """An invoice not yet due is named as such and left out of the sum claimed."""
    dossier = next(
        demo.charger(r.reference)
        for r in demo.resumes_actualises()
        if not demo.documents.verifier(demo.charger(r.reference), "mise_en_demeure")
    )
    dossier = demo.ajouter_creance(
        dossier,
        {"numero": "FA-A-ECHOIR", "date_facture": "20/11/2026", "date_echeance": "20/12/2026", "montant_ttc": "9 999,00"},
    )
    contexte = demo.documents.contexte(dossier, AUJOURDHUI)
    texte = texte_docx(demo.documents.generer(dossier, "mise_en_demeure").chemin.read_bytes())
    assert "FA-A-ECHOIR" in texte and "ne sont pas visées" in texte
    assert contexte["totaux_echus"]["total"]["chiffres"] in texte
    assert contexte["totaux"]["total"]["chiffres"] not in texte


def test_rien_a_reclamer_dans_un_dossier_solde(demo):
    dossier = demo.charger(demo.documents.relances_dues(AUJOURDHUI)[0][0])
    total = demo.decompte(dossier, AUJOURDHUI).total
    solde = demo.ajouter_paiement(dossier, {"date": "23/11/2026", "montant": str(total).replace(".", ",")})
    assert demo.decompte(solde, AUJOURDHUI).total == 0
    with pytest.raises(ErreurDocument, match="il n'y a rien à réclamer"):
        demo.documents.generer(solde, "mise_en_demeure")


def test_declaration_sans_adresse_du_mandataire_nomme_ce_qui_manque(demo):
    dossier = next(
        d
        for r in demo.resumes_actualises()
        if r.etape is not None and r.etape.value == "procedure_collective"
        and (d := demo.charger(r.reference)).passage_courant is not None
    )
    sans = dossier.passages[-1].faits.copy()
    sans.pop("adresse_mandataire")
    sans.pop("date_bodacc", None)  # the declaration deadline then cannot have run out: the missing fact is named
    dossier = replace(dossier, passages=dossier.passages[:-1] + (replace(dossier.passages[-1], faits=sans),))
    with pytest.raises(ErreurDocument, match="adresse de l'étude du mandataire"):
        demo.documents.generer(dossier, "declaration_creance")


def test_modele_personnalise_abime_explique(demo):
    """A custom template that is not a Word file stops generation with a French message."""
    (demo.racine / "modeles").mkdir()
    (demo.racine / "modeles" / "mise_en_demeure.docx").write_bytes(b"pas un docx")
    dossier = demo.charger(demo.documents.relances_dues(AUJOURDHUI)[0][0])
    with pytest.raises(ErreurDocument, match="n'est pas un fichier Word lisible"):
        demo.documents.generer(dossier, "mise_en_demeure")
