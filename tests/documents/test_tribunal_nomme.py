"""Every filing names its court: the directory's exact court of the debtor's commune (art. 1406 CPC),
never "tribunal de commerce compétent pour X", and says so when it cannot place the commune."""

from __future__ import annotations

import pytest

from recouvrement_tui.documents.lecture import texte_docx
from recouvrement_tui.documents.rendu import ErreurDocument
from recouvrement_tui.domain.etapes import Etape
from tests.conftest import CREANCIER, DEBITEUR


def _requete(service, ville: str, code_postal: str, **debiteur) -> tuple[str, str]:
    service.enregistrer_parametres(CREANCIER, {})
    d = service.creer_dossier({**DEBITEUR, "ville": ville, "code_postal": code_postal, **debiteur})
    d = service.ajouter_creance(
        d, {"numero": "F1", "date_facture": "01/06/2026", "date_echeance": "01/07/2026", "montant_ttc": "3000"}
    )
    d = service.changer_etape(d, Etape.RELANCE_AMIABLE, {"date": "01/08/2026"})
    d = service.changer_etape(d, Etape.MISE_EN_DEMEURE, {"date": "01/09/2026", "date_reception": "08/09/2026"})
    offres = {o.modele.cle: o for o in service.documents.offre(d)}
    cle = next(c for c in ("requete_injonction_commerce", "requete_injonction_judiciaire") if offres[c].possible)
    genere = service.documents.generer(d, cle)
    return cle, " ".join(texte_docx(genere.chemin.read_bytes()).split())


@pytest.mark.parametrize(
    ("ville", "code_postal", "debiteur", "modele", "tribunal"),
    [
        # A TAE replaces the tribunal de commerce in its whole ressort, not only in its city.
        ("Villeurbanne", "69100", {}, "requete_injonction_commerce", "tribunal des activités économiques de Lyon"),
        ("Boulogne-Billancourt", "92100", {}, "requete_injonction_commerce",
         "tribunal des activités économiques de Nanterre"),
        # Overseas: the tribunal mixte de commerce.
        ("Saint-Denis", "97400", {}, "requete_injonction_commerce", "tribunal mixte de commerce de Saint-Denis"),
        # Alsace-Moselle: the commercial chamber of the tribunal judiciaire.
        ("Colmar", "68000", {}, "requete_injonction_commerce",
         "chambre commerciale du tribunal judiciaire de Colmar"),
        # A consumer's debt is civil: the tribunal judiciaire of their home.
        ("Villeurbanne", "69100", {"type_personne": "physique", "qualite": "consommateur", "nom": "Martin",
                                   "prenom": "Anne", "forme_juridique": "", "siren": ""},
         "requete_injonction_judiciaire", "tribunal judiciaire de Lyon"),
    ],
)
def test_la_requete_nomme_le_tribunal_de_la_commune_du_debiteur(service, ville, code_postal, debiteur, modele,
                                                                 tribunal):
    cle, texte = _requete(service, ville, code_postal, **debiteur)
    assert cle == modele
    assert f"Président du {tribunal}" in texte or f"Président de la {tribunal}" in texte
    assert "compétent pour" not in texte and "version à confirmer" not in texte


def test_une_commune_que_l_annuaire_ne_place_pas_est_dite_avec_les_candidats(service):
    service.enregistrer_parametres(CREANCIER, {})
    d = service.creer_dossier({**DEBITEUR, "ville": "Nulle-Part-sur-Loire", "code_postal": "99999"})
    d = service.ajouter_creance(
        d, {"numero": "F1", "date_facture": "01/06/2026", "date_echeance": "01/07/2026", "montant_ttc": "3000"}
    )
    d = service.changer_etape(d, Etape.RELANCE_AMIABLE, {"date": "01/08/2026"})
    d = service.changer_etape(d, Etape.MISE_EN_DEMEURE, {"date": "01/09/2026"})
    with pytest.raises(ErreurDocument, match="Le tribunal compétent n'est pas déterminé .art. 1406 CPC."):
        service.documents.generer(d, "requete_injonction_commerce")
    assert service.documents.versions(service.charger(d.reference)) == []


def test_la_couverture_de_l_annuaire_est_rapportee(service):
    avec_tj, avec_commerce, total = service.annuaire().couverture()
    print(f"annuaire : {avec_tj}/{total} communes placées pour le TJ, {avec_commerce}/{total} pour le commerce")
    assert total > 34_000 and avec_tj / total > 0.9 and avec_commerce / total > 0.9



def _apres_mise_en_demeure(service, ville: str, code_postal: str):
    service.enregistrer_parametres(CREANCIER, {})
    d = service.creer_dossier({**DEBITEUR, "ville": ville, "code_postal": code_postal})
    d = service.ajouter_creance(
        d, {"numero": "F1", "date_facture": "01/06/2026", "date_echeance": "01/07/2026", "montant_ttc": "3000"}
    )
    d = service.changer_etape(d, Etape.RELANCE_AMIABLE, {"date": "01/08/2026"})
    return service.changer_etape(d, Etape.MISE_EN_DEMEURE, {"date": "01/09/2026", "date_reception": "08/09/2026"})


def test_l_evaluation_nomme_le_meme_tribunal_que_la_requete(service):
    """The évaluation names the court the filing will name, not "tribunal compétent pour X"."""
    evaluation = service.evaluer(_apres_mise_en_demeure(service, "Villeurbanne", "69100"))
    noms = {r.route.name: r.juridiction for r in evaluation.routes if r.possible}
    assert noms["INJONCTION_DE_PAYER"] == "Tribunal des activités économiques de Lyon"
    assert not any("compétent pour" in nom for nom in noms.values())


def test_l_evaluation_dit_quand_le_tribunal_n_est_pas_determine(service):
    evaluation = service.evaluer(_apres_mise_en_demeure(service, "Nulle-Part-sur-Loire", "99999"))
    noms = [r.juridiction for r in evaluation.routes if r.juridiction.startswith("Président")]
    assert len(noms) >= 2 and all(nom.endswith("(tribunal exact à déterminer)") for nom in noms)
