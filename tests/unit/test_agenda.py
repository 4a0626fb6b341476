"""A dossier's dated actions: from the reminder calendar, the stage's facts and prescription."""

import datetime as dt

import pytest

from recouvrement_tui.domain.agenda import REGLE_PAIEMENT_EN_PROCEDURE, actions_du_dossier
from recouvrement_tui.domain.erreurs import ErreurSaisie
from recouvrement_tui.domain.etapes import Etape as E
from recouvrement_tui.domain.etapes import TypeEvenement
from recouvrement_tui.domain.parametres import CalendrierRelances

J = dt.date
CAL = CalendrierRelances()


def _vers(service, d, *etapes):
    for etape, faits in etapes:
        d = service.changer_etape(d, etape, faits)
    return d


@pytest.fixture
def en_injonction(service, dossier):
    return _vers(
        service, dossier,
        (E.RELANCE_AMIABLE, {"date": "01/09/2026"}),
        (E.MISE_EN_DEMEURE, {"date": "15/09/2026"}),
        (E.INJONCTION_DE_PAYER, {"date": "01/10/2026", "juridiction": "Tribunal de commerce de Lyon"}),
    )


def test_amicable_stages_follow_the_calendar(service, dossier):
    d = _vers(service, dossier, (E.RELANCE_AMIABLE, {"date": "01/10/2026"}))
    premiere = actions_du_dossier(d, CAL)[0]
    assert (premiere.libelle, premiere.date, premiere.regle) == ("Relance ferme", J(2026, 10, 16), "calendrier de relance (paramètres)")


def test_a_payment_after_the_requete_asks_to_update_the_decompte(service, en_injonction):
    """The fixture's 500 € arrived on 15/10, after the requête: the ordonnance would grant more than
    is due. The alert stays until a document is produced after that payment."""
    from dataclasses import replace

    from recouvrement_tui.domain.model import EvenementJournal

    d = en_injonction
    assert all(a.regle != REGLE_PAIEMENT_EN_PROCEDURE for a in actions_du_dossier(d, CAL))  # nothing filed yet
    requete = EvenementJournal(dt.datetime(2026, 10, 2, 10), "c.martin", TypeEvenement.DOCUMENT, "Requête générée",
                               "documents/2026-10-02_requete_injonction_commerce_v1.docx")
    d = replace(d, journal=(*d.journal, requete))
    alerte = next(a for a in actions_du_dossier(d, CAL) if a.regle == REGLE_PAIEMENT_EN_PROCEDURE)
    assert alerte.date == J(2026, 10, 15) and "500,00" in alerte.libelle and "décompte" in alerte.libelle
    decompte = replace(requete, horodatage=dt.datetime(2026, 11, 20, 9), texte="Décompte généré")
    d = replace(d, journal=(*d.journal, decompte))
    assert all(a.regle != REGLE_PAIEMENT_EN_PROCEDURE for a in actions_du_dossier(d, CAL))


def _sans_paiement(actions):
    return [a for a in actions if a.regle != REGLE_PAIEMENT_EN_PROCEDURE]


def test_injonction_follows_its_facts_step_by_step(service, en_injonction):
    d = en_injonction
    assert _sans_paiement(actions_du_dossier(d, CAL))[0].libelle == "Vérifier auprès du greffe si l'ordonnance est rendue"
    d = service.completer_faits(d, {"date_ordonnance": "14/10/2026", "numero_rg": "2026R01234"})
    signifier = _sans_paiement(actions_du_dossier(d, CAL))[0]
    assert signifier.critique and signifier.date == J(2027, 1, 14) and "3 mois" in signifier.regle
    d = service.completer_faits(d, {"date_signification": "02/11/2026"})
    executer = _sans_paiement(actions_du_dossier(d, CAL))[0]
    assert executer.libelle == "Sans opposition, faire exécuter l'ordonnance"
    # Opposition until 2 December, but for an ordonnance from 1 Sept 2026 the creditor
    # waits two months after service without notice of opposition (décret 2026-96).
    assert executer.date == J(2027, 1, 3) and "2026-96" in executer.regle
    assert d.journal[-1].texte == "Injonction de payer : Date de signification au débiteur : 02/11/2026."
    d = service.completer_faits(d, {"date_opposition": "20/11/2026"})
    assert "Opposition formée" in _sans_paiement(actions_du_dossier(d, CAL))[0].libelle


def test_hearing_at_the_tribunal_de_commerce_brings_the_enrolment_deadline(service, dossier):
    d = _vers(
        service, dossier,
        (E.RELANCE_AMIABLE, {"date": "01/09/2026"}),
        (E.MISE_EN_DEMEURE, {"date": "15/09/2026"}),
        (E.ASSIGNATION_AU_FOND, {"date": "01/10/2026", "juridiction": "Tribunal de commerce de Lyon",
                                 "date_audience": "09/11/2026"}),
    )
    enrolement, audience = actions_du_dossier(d, CAL)[:2]
    assert enrolement.critique and enrolement.date == J(2026, 10, 30) and "857" in enrolement.regle
    assert (audience.libelle, audience.date) == ("Audience", J(2026, 11, 9))


def test_collective_proceedings_bring_the_declaration_deadline(service, dossier):
    d = service.changer_etape(
        dossier, E.PROCEDURE_COLLECTIVE,
        {"date": "10/08/2026", "nature": "liquidation", "juridiction": "TC Lyon", "mandataire": "Me Prévost",
         "date_bodacc": "14/08/2026"},
    )
    declaration, releve = actions_du_dossier(d, CAL)[:2]
    assert declaration.critique and declaration.date == J(2026, 10, 14)
    assert declaration.libelle == "Déclarer la créance au mandataire judiciaire"
    # Then the relevé de forclusion, 6 months from the BODACC publication (L622-26 C. com.).
    assert releve.critique and releve.date == J(2027, 2, 14) and "L622-26" in releve.regle
    assert releve.libelle == "Demander le relevé de forclusion au juge-commissaire"


def test_once_declared_the_collective_proceedings_deadlines_leave_the_agenda(service, dossier):
    from recouvrement_tui.domain.etapes import TypeEvenement

    d = service.changer_etape(
        dossier, E.PROCEDURE_COLLECTIVE,
        {"date": "10/08/2026", "nature": "redressement", "juridiction": "TC Lyon", "mandataire": "Me Prévost",
         "date_bodacc": "14/08/2026"},
    )
    declaree = d.noter(TypeEvenement.DOCUMENT, "Document généré : déclaration de créance, version 1.", "c.martin",
                       dt.datetime(2026, 9, 1, 10), "documents/2026-09-01_declaration_creance_v1.docx", "0" * 64)
    libelles = {a.libelle for a in actions_du_dossier(declaree, CAL)}
    assert "Déclarer la créance au mandataire judiciaire" in {a.libelle for a in actions_du_dossier(d, CAL)}
    assert not libelles & {"Déclarer la créance au mandataire judiciaire",
                           "Demander le relevé de forclusion au juge-commissaire"}


def test_prescription_alert_for_a_consumer_until_a_court_claim(service):
    from tests.conftest import DEBITEUR

    d = service.creer_dossier({**DEBITEUR, "type_personne": "physique", "qualite": "consommateur", "siren": "", "prenom": "Léa"})
    d = service.ajouter_creance(d, {"numero": "F1", "date_facture": "01/01/2025", "date_echeance": "15/01/2025", "montant_ttc": "900"})
    alerte = [a for a in actions_du_dossier(d, CAL) if a.critique][0]
    assert alerte.date == J(2026, 7, 15) and "Prescription le 15/01/2027" in alerte.libelle and "L218-2" in alerte.regle
    d = service.ajouter_paiement(d, {"date": "01/06/2025", "montant": "100"})
    relancee = [a for a in actions_du_dossier(d, CAL) if a.critique][0]
    assert "Prescription le 01/06/2027" in relancee.libelle
    d = _vers(service, d, (E.RELANCE_AMIABLE, {"date": "01/09/2026"}),
              (E.MISE_EN_DEMEURE, {"date": "15/09/2026"}),
              (E.INJONCTION_DE_PAYER, {"date": "01/10/2026", "juridiction": "Tribunal judiciaire de Créteil"}))
    assert not any("Prescription" in a.libelle for a in actions_du_dossier(d, CAL))


def test_facts_can_only_be_completed_on_a_recorded_stage(service, dossier):
    with pytest.raises(ErreurSaisie, match="n'a pas été enregistrée"):
        service.completer_faits(dossier, {})


def test_closed_dossier_has_no_action(service, dossier):
    d = service.changer_etape(dossier, E.CLOTURE, {"date": "20/11/2026", "motif": "abandon"})
    assert actions_du_dossier(d, CAL) == []


def test_payment_plan_points_at_the_first_instalment_not_covered(service, dossier):
    # dossier: 2,000.50 € invoiced, 500 € paid on 15/10/2026 -> 1,500.50 € in 3 instalments of 500.17 €.
    d = service.changer_etape(dossier, E.ECHEANCIER, {"date": "20/10/2026", "premiere_echeance": "05/11/2026",
                                                       "nombre_echeances": "3"})
    premiere = actions_du_dossier(d, CAL)[0]
    assert premiere.date == J(2026, 11, 6) and premiere.libelle.startswith("Échéance 1/3 du plan (500,17")
    d = service.ajouter_paiement(d, {"date": "05/11/2026", "montant": "500.17"})
    assert actions_du_dossier(d, CAL)[0].date == J(2026, 12, 6)  # instalment 2 on 5 December
    assert "reprendre le recouvrement" in actions_du_dossier(d, CAL)[0].libelle
    assert d.etape_avant_pause is E.NOUVEAU


def test_declaration_deadline_doubles_for_a_creditor_outside_metropolitan_france(service, dossier):
    d = service.changer_etape(
        dossier, E.PROCEDURE_COLLECTIVE,
        {"date": "10/08/2026", "nature": "liquidation", "juridiction": "TC Lyon", "mandataire": "Me Prévost",
         "date_bodacc": "14/08/2026"},
    )
    assert actions_du_dossier(d, CAL, creancier_hors_metropole=True)[0].date == J(2026, 12, 14)
    service.enregistrer_parametres(
        {"raison_sociale": "Réunion Froid SAS", "siren": "552100554", "siege_adresse1": "1 rue de Paris",
         "siege_code_postal": "97400", "siege_ville": "Saint-Denis", "representant_nom": "Paul Hoarau"},
        {},
    )
    assert service.resume(d).prochaine_date == J(2026, 12, 14)


def test_a_pause_keeps_the_injonction_deadline_visible_and_resuming_keeps_its_facts(service, en_injonction):
    d = service.completer_faits(en_injonction, {"date_ordonnance": "14/10/2026"})
    d = service.changer_etape(d, E.ECHEANCIER, {"date": "20/10/2026", "premiere_echeance": "05/11/2026", "nombre_echeances": "3"})
    critiques = [a for a in actions_du_dossier(d, CAL) if a.critique]
    assert any(a.libelle.startswith("Faire signifier l'ordonnance") and a.date == J(2027, 1, 14) for a in critiques)
    d = service.changer_etape(d, E.INJONCTION_DE_PAYER, {"date": "21/11/2026", "juridiction": "Tribunal de commerce de Lyon"})
    assert d.passage_courant.faits["date_ordonnance"] == "2026-10-14"
    assert actions_du_dossier(d, CAL)[0].date == J(2027, 1, 14)


def test_later_facts_must_be_possible_and_in_order(service, en_injonction):
    with pytest.raises(ErreurSaisie, match="précède le passage"):
        service.completer_faits(en_injonction, {"date_ordonnance": "15/09/2026"})
    with pytest.raises(ErreurSaisie, match="futur"):
        service.completer_faits(en_injonction, {"date_ordonnance": "01/12/2030"})
    d = service.completer_faits(en_injonction, {"date_ordonnance": "14/10/2026"})
    with pytest.raises(ErreurSaisie, match="ordonnance, puis signification"):
        service.completer_faits(d, {"date_signification": "10/10/2026"})
    d = service.completer_faits(d, {"date_signification": "02/11/2026"})
    with pytest.raises(ErreurSaisie, match="ordonnance, puis signification"):
        service.completer_faits(d, {"date_opposition": "01/11/2026"})


def test_service_after_the_deadline_means_the_ordonnance_has_lapsed(service, dossier):
    # An invoice due early in the year: nothing can be claimed before its due date (the legal guard).
    dossier = service.ajouter_creance(
        dossier, {"numero": "FA-000", "date_facture": "15/12/2025", "date_echeance": "15/01/2026", "montant_ttc": "900"}
    )
    d = service.changer_etape(dossier, E.RELANCE_AMIABLE, {"date": "01/03/2026"})
    d = service.changer_etape(d, E.MISE_EN_DEMEURE, {"date": "15/03/2026"})
    d = service.changer_etape(d, E.INJONCTION_DE_PAYER, {"date": "01/04/2026", "juridiction": "TC Lyon"})
    d = service.completer_faits(d, {"date_ordonnance": "10/04/2026", "date_signification": "20/10/2026"})
    (action,) = actions_du_dossier(d, CAL)[:1]
    assert action.critique and action.libelle.startswith("Ordonnance non avenue")


def test_a_creditor_in_new_caledonia_is_outside_metropolitan_france(service):
    service.enregistrer_parametres(
        {"raison_sociale": "Nouméa Froid", "siren": "552100554", "siege_adresse1": "1 rue X",
         "siege_code_postal": "98800", "siege_ville": "Nouméa", "representant_nom": "Paul Wamytan"},
        {},
    )
    assert service._creancier_hors_metropole()
