"""The debtor's legal kind decides the law applied to it (DOMAIN.md §3 and §7).

- A non-professional (a legal person outside any professional purpose: many SCI, associations)
  is treated like a consumer for sums: no L441-10 penalties, no 40 € indemnity (D441-5),
  legal interest from the mise en demeure (art. 1344-1 C. civ.), tribunal judiciaire. But the
  2-year prescription (L218-2 C. conso.) protects consumers only: a non-professional has 5.
- An entrepreneur individuel (L526-22 C. com.) is named as such with its SIREN; a trader or a
  craftsman goes to the commercial court, a liberal profession or a farmer to the TJ.
- A known civilité gives letters their salutation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal as D

import pytest

from recouvrement_tui.domain.agenda import actions_du_dossier
from recouvrement_tui.domain.codec import debiteur_depuis_dict, debiteur_dict
from recouvrement_tui.domain.conditions import Regime
from recouvrement_tui.domain.erreurs import ErreursSaisie
from recouvrement_tui.domain.juridiction import NatureJuridiction, juridiction_injonction
from recouvrement_tui.domain.model import Activite, Adresse, Civilite, Debiteur, Qualite, TypePersonne
from recouvrement_tui.domain.parametres import CalendrierRelances
from recouvrement_tui.domain.saisie import debiteur_depuis_saisie
from tests.conftest import DEBITEUR

J = dt.date

SCI = {**DEBITEUR, "nom": "SCI Les Tilleuls", "forme_juridique": "SCI", "qualite": "non_professionnel"}
# A kinésithérapeute working alone under her own name, with a SIREN (Luhn-valid).
EI_LIBERALE = {**DEBITEUR, "type_personne": "physique", "qualite": "professionnel", "civilite": "Madame",
               "nom": "Martin", "prenom": "Anne", "forme_juridique": "", "activite": "liberale",
               "adresse1": "3 place Bellecour", "code_postal": "69002", "ville": "Lyon"}
FACTURE = {"numero": "F1", "date_facture": "15/01/2026", "date_echeance": "15/02/2026", "montant_ttc": "1200,00"}


# --- the décompte --------------------------------------------------------------------------


def test_an_sci_non_professionnel_owes_legal_interest_from_the_mise_en_demeure_and_no_40_euros(service):
    """1,200 € due 15 Feb 2026, mise en demeure 10 March, stated 30 June 2026: 112 days at the
    taux légal "autres cas" of 2026-S1 (2.62 %) = 9.65 €; no penalties, no indemnity."""
    sci = service.ajouter_creance(service.creer_dossier(SCI), FACTURE)
    sci = service.modifier_conditions(sci, {"date_mise_en_demeure": "10/03/2026"})
    d = service.decompte(sci, J(2026, 6, 30))
    assert d.creances[0].regime is Regime.LEGAL
    assert [(l.du, l.au, l.jours, l.taux, l.montant) for l in d.lignes] == [
        (J(2026, 3, 11), J(2026, 6, 30), 112, D("2.62"), D("9.65"))
    ]
    assert d.indemnites == D("0.00")
    assert d.total == D("1209.65")

    # The same invoice owed by a trading company: penalties from the day after the due date, and 40 €.
    societe = service.ajouter_creance(service.creer_dossier(DEBITEUR), FACTURE)
    b2b = service.decompte(societe, J(2026, 6, 30))
    assert b2b.creances[0].regime is Regime.B2B
    assert b2b.lignes[0].du == J(2026, 2, 16)
    assert b2b.indemnites == D("40.00")


def test_forcing_b2b_penalties_on_a_non_professionnel_is_warned(service):
    sci = service.ajouter_creance(service.creer_dossier(SCI), FACTURE)
    sci = service.modifier_conditions(sci, {"regime": "b2b", "date_mise_en_demeure": "10/03/2026"})
    d = service.decompte(sci, J(2026, 6, 30))
    assert any("non-professionnel" in a and "L441-10" in a for a in d.avertissements)
    assert d.indemnites == D("0.00")  # D441-5 is between professionals, whatever the rate


def test_proven_recovery_costs_are_not_charged_to_a_non_professionnel(service):
    sci = service.ajouter_creance(service.creer_dossier(SCI), FACTURE)
    sci = service.modifier_conditions(sci, {"date_mise_en_demeure": "10/03/2026", "frais_justifies": "150"})
    d = service.decompte(sci, J(2026, 6, 30))
    assert d.frais_complementaires == D("0.00")
    assert any("L111-8" in a for a in d.avertissements)


# --- prescription ------------------------------------------------------------------------


def _alerte_prescription(dossier):
    return next(a for a in actions_du_dossier(dossier, CalendrierRelances()) if a.libelle.startswith("Prescription"))


def test_a_consumer_keeps_the_two_year_prescription_a_non_professionnel_has_five(service):
    facture = {"numero": "F1", "date_facture": "01/01/2025", "date_echeance": "15/01/2025", "montant_ttc": "900"}
    consommateur = service.creer_dossier({**DEBITEUR, "type_personne": "physique", "qualite": "consommateur",
                                          "siren": "", "prenom": "Léa", "nom": "Martin"})
    consommateur = service.ajouter_creance(consommateur, facture)
    alerte = _alerte_prescription(consommateur)
    assert "Prescription le 15/01/2027" in alerte.libelle and "L218-2" in alerte.regle

    sci = service.ajouter_creance(service.creer_dossier(SCI), facture)
    alerte = _alerte_prescription(sci)
    assert "Prescription le 15/01/2030" in alerte.libelle and "L218-2" not in alerte.regle


# --- the court of the injonction de payer --------------------------------------------------


def test_an_ei_liberal_goes_to_the_tribunal_judiciaire_an_ei_commercant_to_the_commercial_court():
    liberale = debiteur_depuis_saisie(EI_LIBERALE)
    assert liberale.entrepreneur_individuel
    j = juridiction_injonction(liberale)
    assert j.nature is NatureJuridiction.JUDICIAIRE and "tribunal judiciaire" in j.nom and "Lyon" in j.nom

    commercant = replace(liberale, activite=Activite.COMMERCIALE, adresse=Adresse(("1 rue X",), "42000", "Saint-Étienne"))
    assert juridiction_injonction(commercant).nature is NatureJuridiction.COMMERCE
    artisan = replace(commercant, activite=Activite.ARTISANALE)
    assert juridiction_injonction(artisan).nature is NatureJuridiction.COMMERCE
    agriculteur = replace(commercant, activite=Activite.AGRICOLE)
    assert juridiction_injonction(agriculteur).nature is NatureJuridiction.JUDICIAIRE
    # In a pilot city a trader goes to the TAE; a liberal profession still to the TJ.
    assert juridiction_injonction(replace(liberale, activite=Activite.COMMERCIALE)).nature is NatureJuridiction.TAE


def test_a_company_with_a_liberal_activity_and_a_non_professional_go_to_the_tribunal_judiciaire():
    societe = debiteur_depuis_saisie(DEBITEUR)
    assert juridiction_injonction(societe).nature is NatureJuridiction.TAE  # Lyon
    assert juridiction_injonction(replace(societe, activite=Activite.LIBERALE)).nature is NatureJuridiction.JUDICIAIRE
    association = replace(societe, nom="Club de voile", forme_juridique="", qualite=Qualite.NON_PROFESSIONNEL)
    assert juridiction_injonction(association).nature is NatureJuridiction.JUDICIAIRE


# --- designation and salutation in documents ----------------------------------------------


def test_an_ei_is_designated_entrepreneur_individuel_with_its_siren(service):
    dossier = service.ajouter_creance(service.creer_dossier(EI_LIBERALE), FACTURE)
    debiteur = service.documents.contexte(dossier, J(2026, 6, 30))["debiteur"]
    assert debiteur["designation"] == (
        "Madame Anne Martin, entrepreneur individuel, immatriculée sous le numéro SIREN 732 829 320, "
        "dont l'adresse professionnelle est 3 place Bellecour, 69002 Lyon"
    )
    assert debiteur["entrepreneur_individuel"] is True and debiteur["non_professionnel"] is False
    assert (debiteur["civilite"], debiteur["appel"], debiteur["nom_avec_civilite"]) == (
        "Madame", "Madame,", "Madame Anne Martin"
    )


def test_salutation_follows_the_civilite_and_falls_back_to_madame_monsieur(service):
    particulier = {**DEBITEUR, "type_personne": "physique", "qualite": "consommateur", "siren": "",
                   "prenom": "Paul", "nom": "Durand", "forme_juridique": ""}
    for civilite, appel, nom in (("Monsieur", "Monsieur,", "Monsieur Paul Durand"),
                                 ("", "Madame, Monsieur,", "Paul Durand")):
        dossier = service.ajouter_creance(service.creer_dossier({**particulier, "civilite": civilite}), FACTURE)
        debiteur = service.documents.contexte(dossier, J(2026, 6, 30))["debiteur"]
        assert (debiteur["appel"], debiteur["nom_avec_civilite"]) == (appel, nom)
        assert debiteur["designation"].startswith(f"{civilite} Paul Durand, demeurant".lstrip())
        assert debiteur["entrepreneur_individuel"] is False

    sci = service.ajouter_creance(service.creer_dossier(SCI), FACTURE)
    debiteur = service.documents.contexte(sci, J(2026, 6, 30))["debiteur"]
    assert debiteur["appel"] == "Madame, Monsieur,"
    assert debiteur["non_professionnel"] is True and debiteur["consommateur"] is False
    assert debiteur["designation"].startswith("SCI Les Tilleuls, SCI, immatriculée sous le numéro SIREN")


# --- entry and storage ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "valeurs, champ, extrait",
    [
        ({**DEBITEUR, "type_personne": "physique", "prenom": "Léa", "qualite": "non_professionnel"},
         "qualite", "Consommateur"),
        ({**DEBITEUR, "qualite": "consommateur"}, "qualite", "Non-professionnel"),
        ({**DEBITEUR, "civilite": "Madame"}, "civilite", "personne physique"),
        ({**DEBITEUR, "civilite": "Mlle"}, "civilite", "Madame, Monsieur"),
        ({**DEBITEUR, "activite": "industrielle"}, "activite", "liberale"),
        ({**SCI, "secteur_public": True}, "secteur_public", "commande publique"),
    ],
)
def test_entry_refuses_a_kind_of_debtor_that_does_not_exist(valeurs, champ, extrait):
    with pytest.raises(ErreursSaisie) as erreur:
        debiteur_depuis_saisie(valeurs)
    assert extrait in erreur.value.par_champ()[champ]


def test_a_dossier_file_written_before_these_fields_still_loads():
    ancien = {"type_personne": "physique", "qualite": "professionnel", "nom": "Roux", "prenom": "Marc",
              "siren": "732829320", "adresse": {"lignes": ["1 rue X"], "code_postal": "42000", "ville": "Saint-Étienne"}}
    d = debiteur_depuis_dict(ancien)
    assert (d.activite, d.civilite) == (Activite.COMMERCIALE, Civilite.INCONNUE)
    assert juridiction_injonction(d).nature is NatureJuridiction.COMMERCE  # as before the field existed
    nouveau = replace(d, activite=Activite.LIBERALE, civilite=Civilite.MONSIEUR)
    ecrit = debiteur_dict(nouveau)
    assert (ecrit["activite"], ecrit["civilite"]) == ("liberale", "Monsieur")
    assert debiteur_depuis_dict(ecrit) == nouveau
    sans_civilite = debiteur_dict(Debiteur(nom="X", type_personne=TypePersonne.MORALE))
    assert debiteur_depuis_dict(sans_civilite).civilite is Civilite.INCONNUE


@pytest.mark.parametrize("cle, valeur", [("activite", "industrielle"), ("civilite", "Mlle"), ("civilite", None)])
def test_a_damaged_kind_is_refused_not_repaired(cle, valeur):
    from recouvrement_tui.domain.codec import ChampIllisible

    with pytest.raises(ChampIllisible) as erreur:
        debiteur_depuis_dict({"nom": "X", cle: valeur})
    assert erreur.value.champ == cle
