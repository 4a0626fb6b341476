"""Telephone calls: each outcome's effect on the stage and the agenda, what is refused and why,
the call sheet per kind of debtor, the stored record, and the `appel` command."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from recouvrement_tui.cli import principal
from recouvrement_tui.domain import codec
from recouvrement_tui.domain.agenda import actions_du_dossier
from recouvrement_tui.domain.appel import Issue, lire_appel, lire_issue
from recouvrement_tui.domain.erreurs import ErreursSaisie
from recouvrement_tui.domain.etapes import Etape, TypeEvenement
from recouvrement_tui.domain.fiche_appel import fiche_appel
from recouvrement_tui.domain.formatage import montant
from recouvrement_tui.domain.parametres import CalendrierRelances
from recouvrement_tui.services.dossiers import ServiceDossiers
from recouvrement_tui.storage.dossiers import DepotDossiers
from tests.conftest import AUJOURDHUI, DEBITEUR

MIDI = dt.datetime.combine(AUJOURDHUI, dt.time(12))


def _actions(dossier) -> list[tuple[str, dt.date]]:
    return [(a.libelle, a.date) for a in actions_du_dossier(dossier, CalendrierRelances())]


def _erreurs(valeurs: dict[str, str]) -> dict[str, str]:
    with pytest.raises(ErreursSaisie) as erreurs:
        lire_appel(valeurs, MIDI)
    return erreurs.value.par_champ()


# --- what the user typed ---------------------------------------------------------------------------


def test_a_promise_needs_its_date_and_its_amount():
    erreurs = _erreurs({"issue": "promesse"})
    assert erreurs == {
        "jusquau": "Indiquez la date à laquelle le débiteur promet de payer (JJ/MM/AAAA).",
        "montant": "Indiquez le montant que le débiteur promet de payer, par exemple 1 234,56.",
    }


def test_a_promised_or_callback_date_in_the_past_is_refused_and_today_is_not():
    assert _erreurs({"issue": "promesse", "jusquau": "22/11/2026", "montant": "100"})["jusquau"] == (
        "La date promise (22/11/2026) est passée : indiquez une date à partir d'aujourd'hui (23/11/2026).")
    assert "La date de rappel (01/11/2026) est passée" in _erreurs({"issue": "rappeler", "jusquau": "01/11/2026"})["jusquau"]
    assert lire_appel({"issue": "promesse", "jusquau": "23/11/2026", "montant": "100"}, MIDI).date == AUJOURDHUI


def test_a_dispute_needs_its_reason_and_a_callback_its_date():
    assert "motif de la contestation" in _erreurs({"issue": "contestation"})["note"]
    assert _erreurs({"issue": "rappeler"})["jusquau"] == "Indiquez la date à laquelle rappeler (JJ/MM/AAAA)."


def test_a_date_or_amount_the_outcome_does_not_use_is_refused_rather_than_dropped():
    erreurs = _erreurs({"issue": "pas_de_reponse", "jusquau": "01/12/2026", "montant": "50"})
    assert "ne sert qu'à une promesse de paiement ou à un rappel" in erreurs["jusquau"]
    assert "ne sert qu'à une promesse de paiement" in erreurs["montant"]


def test_an_outcome_is_read_from_its_key_or_its_french_label():
    assert lire_issue("Promesse de paiement") is Issue.PROMESSE
    assert lire_issue("rappeler le") is Issue.RAPPELER
    assert lire_issue("échéancier demandé") is Issue.ECHEANCIER_DEMANDE
    assert lire_issue("MESSAGE") is Issue.MESSAGE_LAISSE
    with pytest.raises(Exception, match="n'est pas une issue d'appel : choisissez parmi pas_de_reponse"):
        lire_issue("fâché")


# --- each outcome's effect -------------------------------------------------------------------------


def test_a_promise_moves_to_promesse_until_the_date_and_the_agenda_checks_the_day_after(service, dossier):
    d = service.appels.appeler(dossier.reference, {"issue": "promesse", "jusquau": "10/12/2026", "montant": "1 000,50"})
    assert d.etape is Etape.PROMESSE
    assert d.passage_courant is not None and d.passage_courant.faits["jusquau"] == "2026-12-10"  # the stage's own fact
    assert _actions(d)[0] == ("Vérifier le paiement promis (1\u202f000,50\u00a0€)", dt.date(2026, 12, 11))
    assert [a for a, _ in _actions(d)].count("Vérifier le paiement promis") == 0  # one check, not two
    assert [e.type for e in d.journal[-2:]] == [TypeEvenement.ETAPE, TypeEvenement.APPEL]
    assert d.journal[-1].texte == ("Appel à Service comptable : promesse de paiement de 1\u202f000,50\u00a0€ "
                                   "au plus tard le 10/12/2026.")
    assert service.resumes_actualises()[0].prochaine_action.startswith("Vérifier le paiement promis")


def test_a_renewed_promise_replaces_the_first_in_the_agenda_without_a_refused_move(service, dossier):
    service.appels.appeler(dossier.reference, {"issue": "promesse", "jusquau": "30/11/2026", "montant": "500"})
    d = service.appels.appeler(dossier.reference, {"issue": "promesse", "jusquau": "15/12/2026", "montant": "1500,50"})
    assert d.etape is Etape.PROMESSE and d.appels[-1].refus == ""
    assert [x for x in _actions(d) if x[0].startswith("Vérifier")] == [
        ("Vérifier le paiement promis (1\u202f500,50\u00a0€)", dt.date(2026, 12, 16))]


def test_a_dispute_moves_to_litige_with_its_reason(service, dossier):
    d = service.appels.appeler(dossier.reference, {"issue": "contestation", "note": "Livraison incomplète."})
    assert d.etape is Etape.LITIGE
    assert d.passage_courant is not None and d.passage_courant.faits["motif"] == "Livraison incomplète."
    assert ("Instruire la contestation", dt.date(2026, 12, 8)) in _actions(d)


def test_a_callback_is_a_dated_action_until_a_later_call_or_move(service, dossier):
    d = service.appels.appeler(dossier.reference, {"issue": "rappeler", "jusquau": "26/11/2026", "contact": "M. Durand"})
    assert d.etape is Etape.NOUVEAU  # no move
    assert ("Rappeler M. Durand", dt.date(2026, 11, 26)) in _actions(d)
    plus_tard = service.appels.appeler(dossier.reference, {"issue": "pas_de_reponse"})
    assert "Rappeler M. Durand" not in [a for a, _ in _actions(plus_tard)]
    d = service.appels.appeler(dossier.reference, {"issue": "rappeler", "jusquau": "26/11/2026", "contact": "M. Durand"})
    deplace = service.changer_etape(d, Etape.RELANCE_AMIABLE, {"date": "23/11/2026"})
    assert "Rappeler M. Durand" not in [a for a, _ in _actions(deplace)]


def test_a_plan_requested_and_a_wrong_number_leave_an_action_and_no_move(service, dossier):
    d = service.appels.appeler(dossier.reference, {"issue": "echeancier_demande"})
    assert d.etape is Etape.NOUVEAU
    assert any(a.startswith("Proposer un échéancier") and j == dt.date(2026, 11, 24) for a, j in _actions(d))
    d = service.appels.appeler(dossier.reference, {"issue": "mauvais_numero", "contact": "04 00 00 00 00"})
    assert ("Trouver le bon numéro du débiteur et corriger sa fiche (d)", AUJOURDHUI) in _actions(d)


@pytest.mark.parametrize("issue", ["pas_de_reponse", "message_laisse"])
def test_no_answer_or_a_message_is_journaled_only(service, dossier, issue):
    avant = _actions(dossier)
    d = service.appels.appeler(dossier.reference, {"issue": issue, "note": "Standard fermé."})
    assert d.etape is Etape.NOUVEAU and _actions(d) == avant
    assert d.journal[-1].type is TypeEvenement.APPEL and "Standard fermé." in d.journal[-1].texte


def test_a_move_the_guard_refuses_keeps_the_call_and_its_reason(service, dossier):
    clos = service.changer_etape(dossier, Etape.CLOTURE, {"date": "23/11/2026", "motif": "abandon"})
    d = service.appels.appeler(clos.reference, {"issue": "contestation", "note": "Prix contesté."})
    assert d.etape is Etape.CLOTURE
    assert d.appels[-1].refus == "Le dossier est clôturé."
    assert d.journal[-1].texte.endswith("Étape non modifiée : Le dossier est clôturé.")
    assert DepotDossiers(service.racine).charger(d.reference).appels == d.appels  # saved


def test_a_promise_in_a_procedure_collective_is_kept_but_nothing_is_to_be_checked(service, dossier):
    pc = service.changer_etape(dossier, Etape.PROCEDURE_COLLECTIVE, {
        "date": "10/11/2026", "nature": "redressement", "juridiction": "TC Lyon", "mandataire": "Me Prévost",
        "date_bodacc": "14/11/2026"})
    d = service.appels.appeler(pc.reference, {"issue": "promesse", "jusquau": "01/12/2026", "montant": "100"})
    assert d.etape is Etape.PROCEDURE_COLLECTIVE and "procédure collective" in d.appels[-1].refus
    assert not any(a.startswith("Vérifier le paiement promis") for a, _ in _actions(d))  # L622-7: no payment
    assert "ne réclamez aucun paiement" in service.appels.fiche(d).texte


def test_wrong_input_saves_nothing(service, dossier):
    with pytest.raises(ErreursSaisie):
        service.appels.appeler(dossier.reference, {"issue": "promesse", "montant": "-3"})
    relu = service.charger(dossier.reference)
    assert relu.appels == () and relu.journal == dossier.journal


# --- stored --------------------------------------------------------------------------------------


def test_calls_round_trip_and_files_without_them_still_load(service, dossier):
    d = service.appels.appeler(dossier.reference, {"issue": "promesse", "jusquau": "10/12/2026", "montant": "12,30",
                                                    "note": "Virement lundi."})
    assert DepotDossiers(service.racine).charger(d.reference).appels == d.appels
    appel = d.appels[-1]
    assert appel.montant == Decimal("12.30") and appel.etape is Etape.PROMESSE and appel.horodatage == MIDI
    entete = codec.dossier_entete_dict(d)
    assert codec.dossier_depuis_entete(entete, d.debiteur, d.creances, d.paiements, d.journal).appels == d.appels
    del entete["appels"]
    assert codec.dossier_depuis_entete(entete, d.debiteur, d.creances, d.paiements, d.journal).appels == ()
    entete["appels"] = [{**codec.appel_dict(appel), "issue": "fâché"}]
    with pytest.raises(codec.ChampIllisible, match=r"appels\[0\]\.issue : valeur inconnue"):
        codec.dossier_depuis_entete(entete, d.debiteur, d.creances, d.paiements, d.journal)


def test_an_exported_dossier_keeps_its_calls_when_imported(service, dossier, tmp_path):
    import json

    d = service.appels.appeler(dossier.reference, {"issue": "rappeler", "jusquau": "30/11/2026"})
    fichier = tmp_path / "d.json"
    exporte = service.montrer(d.reference)
    del exporte["reference"]  # imported as a new dossier
    fichier.write_text(json.dumps(exporte), encoding="utf-8")
    importe = service.importer_dossier(fichier)
    assert [(a.issue, a.date) for a in importe.appels] == [(Issue.RAPPELER, dt.date(2026, 11, 30))]


# --- the call sheet ------------------------------------------------------------------------------


def _fiche(service, dossier) -> str:
    return service.appels.fiche(dossier).texte


def test_the_sheet_names_the_due_amount_overdue_invoices_and_b2b_consequences(service, dossier):
    texte = _fiche(service, service.modifier_debiteur(dossier, {**DEBITEUR, "relance_telephone": "04 78 00 00 00"}))
    decompte = service.decompte(dossier, AUJOURDHUI)
    assert "Service comptable — 04 78 00 00 00" in texte
    assert f"Montant dû ce jour : {montant(decompte.total_exigible)} (principal 1\u202f558,85\u00a0€" in texte
    # The payment went to the indemnity and interest first (art. 1343-1), as in the décompte.
    assert "Facture FA-001 du 01/08/2026 : 758,35\u00a0€ restant dû sur 1\u202f200,00\u00a0€, échue le 31/08/2026, " \
           "en retard de 84 jours" in texte
    assert "en retard de 54 jours" in texte  # FA-002, due 30/09
    assert "Pouvez-vous me confirmer la date à laquelle le paiement sera effectué" in texte
    assert "L441-10" in texte and "indemnité forfaitaire de 40 € par facture" in texte
    assert "une mise en demeure vous sera adressée par lettre recommandée" in texte


def test_the_sheet_for_a_consumer_speaks_of_legal_interest_and_no_40_euros(service, dossier):
    conso = service.modifier_debiteur(dossier, {**DEBITEUR, "qualite": "consommateur", "type_personne": "physique",
                                                "prenom": "Jean", "nom": "Durand", "siren": "", "forme_juridique": ""})
    texte = _fiche(service, conso)
    assert "intérêts au taux légal courent à compter de la mise en demeure (art. 1344-1" in texte
    assert "L441-10 ni d'indemnité de 40 €" in texte and "par facture est due" not in texte


def test_the_sheet_for_a_public_debtor_cites_the_code_de_la_commande_publique(service, dossier):
    public = service.modifier_debiteur(dossier, {**DEBITEUR, "secteur_public": True, "nom": "Commune de Lyon",
                                                 "forme_juridique": "", "siren": ""})
    texte = _fiche(service, public)
    assert "intérêts moratoires" in texte and "L2192-13" in texte and "D2192-35" in texte


def test_the_sheet_after_a_mise_en_demeure_and_with_history(service, dossier):
    d = service.changer_etape(dossier, Etape.RELANCE_AMIABLE, {"date": "01/10/2026"})
    d = service.changer_etape(d, Etape.MISE_EN_DEMEURE, {"date": "02/11/2026"})
    d = service.appels.appeler(d.reference, {"issue": "message_laisse"})
    texte = _fiche(service, d)
    assert "une mise en demeure vous a été adressée le 02/11/2026 : sans paiement, nous saisirons la justice" in texte
    historique = texte.split("Appels et courriers précédents")[1]
    assert historique.index("Message laissé".lower()) < historique.index("Relance amiable → Mise en demeure")


def test_the_sheet_falls_back_to_the_debtor_phone_and_warns_without_any():
    from recouvrement_tui.domain.model import Contact, Debiteur, Dossier

    sans = Dossier("2026-0001", AUJOURDHUI, Debiteur(nom="Durand"))
    assert "Aucun numéro de téléphone" in fiche_appel(sans, AUJOURDHUI, None, sans_decompte="taux manquant").texte
    avec = Dossier("2026-0001", AUJOURDHUI, Debiteur(nom="Durand", telephone="01 02 03 04 05",
                                                     contact_relance=Contact(nom="Mme Petit")))
    fiche = fiche_appel(avec, AUJOURDHUI, None)
    assert (fiche.contact, fiche.telephone) == ("Mme Petit", "01 02 03 04 05")


# --- the command -----------------------------------------------------------------------------------


@pytest.fixture
def cli(monkeypatch, racine):
    """`main` on the fixture's data folder, at the fixed date."""
    monkeypatch.setattr(principal, "_service",
                        lambda args: ServiceDossiers(racine, aujourdhui=lambda: AUJOURDHUI, auteur="c.martin"))

    def lancer(capsys, *args: str):
        code = principal.main([*args, "--dossiers", str(racine)])
        sortie = capsys.readouterr()
        return code, sortie.out, sortie.err

    return lancer


def test_cli_records_a_promise(cli, capsys, dossier, service):
    code, sortie, erreur = cli(capsys, "appel", dossier.reference, "--issue", "promesse", "--jusquau", "10/12/2026",
                               "--montant", "700", "--contact", "M. Durand")
    assert code == 0 and erreur == ""
    assert "Le dossier passe à l'étape « Promesse de paiement »." in sortie
    assert "Prochaine action : Vérifier le paiement promis (700,00\u00a0€) le 11/12/2026." in sortie
    assert service.charger(dossier.reference).etape is Etape.PROMESSE


def test_cli_refuses_incomplete_input_in_french_with_status_2(cli, capsys, dossier, service):
    code, _, erreur = cli(capsys, "appel", dossier.reference, "--issue", "promesse", "--jusquau", "01/01/2026")
    assert code == 2
    assert erreur.startswith("recouvrement : appel non enregistré :\n")
    assert "La date promise (01/01/2026) est passée" in erreur and "Indiquez le montant" in erreur
    assert service.charger(dossier.reference).appels == ()
    code, _, erreur = cli(capsys, "appel", dossier.reference)
    assert code == 2 and "Indiquez l'issue de l'appel avec --issue" in erreur


def test_cli_prints_the_guard_refusal_and_keeps_the_call(cli, capsys, dossier, service):
    service.changer_etape(dossier, Etape.CLOTURE, {"date": "23/11/2026", "motif": "abandon"})
    code, _, erreur = cli(capsys, "appel", dossier.reference, "--issue", "contestation", "--note", "Prix.")
    assert code == 0
    assert erreur == "recouvrement : étape non modifiée : Le dossier est clôturé.\n"
    assert len(service.charger(dossier.reference).appels) == 1


def test_cli_fiche_prints_the_sheet_without_saving(cli, capsys, dossier, service):
    code, sortie, _ = cli(capsys, "appel", dossier.reference, "--fiche")
    assert code == 0 and "Ce qu'il faut dire" in sortie and "FA-002" in sortie
    assert service.charger(dossier.reference).journal == dossier.journal


# --- the sheet as a recovery lawyer read it: what may be said at each stage, to whom --------------


def _discours(texte: str) -> str:
    """The sheet's "Ce qu'il faut dire" section alone."""
    return texte.split("Ce qu'il faut dire")[1].split("Appels et courriers précédents")[0]


def _consommateur(service, dossier):
    return service.modifier_debiteur(dossier, {**DEBITEUR, "qualite": "consommateur", "type_personne": "physique",
                                               "prenom": "Jean", "nom": "Durand", "siren": "", "forme_juridique": ""})


def _vers_injonction(service, dossier):
    d = service.changer_etape(dossier, Etape.RELANCE_AMIABLE, {"date": "01/09/2026"})
    d = service.changer_etape(d, Etape.MISE_EN_DEMEURE, {"date": "02/09/2026"})
    return service.changer_etape(d, Etape.INJONCTION_DE_PAYER, {"date": "14/09/2026",
                                                                "juridiction": "Tribunal judiciaire de Lyon"})


def test_in_a_procedure_collective_the_script_asks_no_payment_and_threatens_nothing(service, dossier):
    # L622-7 and L622-21 C. com.: no payment of a prior debt, no proceedings; only the claim's declaration.
    pc = service.changer_etape(dossier, Etape.PROCEDURE_COLLECTIVE, {
        "date": "10/11/2026", "nature": "redressement", "juridiction": "TC Lyon", "mandataire": "Me Prévost",
        "date_bodacc": "14/11/2026"})
    discours = _discours(_fiche(service, pc))
    for interdit in ("paiement sera effectué", "mise en demeure", "échéancier", "saisirons", "justice",
                     "pénalités", "Si le paiement est déjà parti"):
        assert interdit not in discours, interdit
    assert "redressement judiciaire ouvert le 10/11/2026" in discours
    assert "Me Prévost" in discours and "mandataire judiciaire" in discours
    assert "liste des créanciers" in discours  # L622-6: the debtor gives the mandataire its creditors
    assert "Ne réclamez aucun paiement" in discours


def test_with_an_enforceable_ordonnance_the_script_says_so_and_no_longer_threatens_a_court(service, dossier):
    d = _vers_injonction(service, _consommateur(service, dossier))
    d = service.completer_faits(d, {"date_ordonnance": "21/09/2026", "date_signification": "01/10/2026"})
    d = service.changer_etape(d, Etape.TITRE_EXECUTOIRE, {"date": "10/11/2026"})
    discours = _discours(_fiche(service, d))
    assert ("« L'ordonnance portant injonction de payer du 21 septembre 2026 est exécutoire : sans paiement, un "
            "commissaire de justice sera chargé de son exécution. »") in discours
    assert "saisirons" not in discours and "mise en demeure vous a été adressée" not in discours
    d = service.changer_etape(d, Etape.EXECUTION, {"date": "21/11/2026", "intervenant": "Me Roux"})
    discours = _discours(_fiche(service, d))
    assert "est exécutoire : son exécution a été confiée le 21/11/2026 à Me Roux, commissaire de justice." in discours


def test_while_a_court_route_is_engaged_the_script_says_it_is_under_way(service, dossier):
    d = _vers_injonction(service, dossier)
    discours = _discours(_fiche(service, d))
    assert ("« Une requête en injonction de payer a été déposée le 14/09/2026 devant le Tribunal judiciaire de "
            "Lyon : la procédure est en cours. »") in discours
    assert "saisirons" not in discours and "sera adressée" not in discours
    d = service.completer_faits(d, {"date_ordonnance": "21/09/2026"})
    assert "L'ordonnance portant injonction de payer a été rendue le 21 septembre 2026" in _discours(_fiche(service, d))


def test_during_a_payment_plan_the_script_gives_the_next_instalment_and_the_missed_one(service, dossier):
    # Due when the plan started: 2 000,50 - 500 = 1 500,50 in 4 monthly instalments of 375,13 from 30/10.
    plan = service.changer_etape(dossier, Etape.ECHEANCIER, {"date": "20/10/2026", "premiere_echeance": "30/10/2026",
                                                              "nombre_echeances": "4"})
    discours = _discours(_fiche(service, plan))
    assert ("« L'échéance n° 1 du 30/10/2026 (375,13\u00a0€) ne nous est pas parvenue : quand pouvez-vous la "
            "régler ? »") in discours
    assert "proposez un échéancier" not in discours and "paiement sera effectué, et son montant" not in discours
    paye = service.ajouter_paiement(plan, {"date": "29/10/2026", "montant": "375,13"})
    discours = _discours(_fiche(service, paye))
    assert "« Nous avons bien reçu l'échéance n° 1 du 30/10/2026 : merci. »" in discours
    assert "« La prochaine échéance, n° 2 sur 4, de 375,13\u00a0€, est attendue le 30/11/2026. »" in discours
    assert "ne nous est pas parvenue" not in discours


def test_while_a_promise_is_awaited_the_script_recalls_its_date_and_amount(service, dossier):
    d = service.appels.appeler(dossier.reference, {"issue": "promesse", "jusquau": "10/12/2026", "montant": "1 000,50"})
    discours = _discours(_fiche(service, d))
    assert ("« Le 23/11/2026, vous nous avez promis un paiement de 1\u202f000,50\u00a0€ au plus tard le 10/12/2026 : "
            "pouvez-vous me confirmer qu'il sera bien effectué à cette date ? »") in discours


def test_penalties_are_recalled_as_already_running_not_as_a_consequence_of_a_future_default(service, dossier):
    discours = _discours(_fiche(service, dossier))
    assert "À défaut de paiement à cette date :" not in discours
    assert "« Je vous rappelle que des pénalités de retard courent déjà depuis le lendemain de l'échéance" in discours


def test_a_consumer_is_named_so_and_a_non_professional_legal_person_so(service, dossier):
    conso = _consommateur(service, dossier)
    discours = _discours(_fiche(service, conso))
    assert "Débiteur consommateur : pas de pénalités L441-10 ni d'indemnité de 40 €." in discours
    assert "non professionnel" not in discours
    sci = service.modifier_debiteur(conso, {**DEBITEUR, "qualite": "non_professionnel", "nom": "Les Tilleuls",
                                              "forme_juridique": "SCI"})
    assert "Débiteur non professionnel : pas de pénalités" in _discours(_fiche(service, sci))


def test_one_invoice_is_spoken_of_in_the_singular_and_apostrophes_are_straight(service, dossier):
    seule = service.ajouter_creance(service.creer_dossier(DEBITEUR), {
        "numero": "FA-009", "date_facture": "01/09/2026", "date_echeance": "30/09/2026", "montant_ttc": "800,50"})
    texte = _fiche(service, seule)
    assert "« Je vous appelle au sujet d'une facture échue restée impayée, pour un montant de" in texte
    assert "« L'avez-vous bien reçue ?" in texte
    assert "au sujet de 2 factures échues restées impayées" in _fiche(service, dossier)
    assert "’" not in texte  # the app and its documents write the straight apostrophe


def test_a_public_buyer_is_asked_about_chorus_pro_service_fait_and_mandatement(service, dossier):
    public = service.modifier_debiteur(dossier, {**DEBITEUR, "secteur_public": True, "nom": "Commune de Lyon",
                                                 "forme_juridique": "", "siren": ""})
    discours = _discours(_fiche(service, public))
    assert "« Les factures ont-elles été déposées sur Chorus Pro ? Le service fait est-il constaté ? " \
           "Le mandatement est-il émis ? »" in discours  # two invoices
    assert "échéancier" not in discours


def test_a_consumer_call_reminds_to_speak_of_the_debt_to_the_debtor_only(service, dossier):
    assert "Ne parlez de la dette qu'au débiteur lui-même" in _discours(_fiche(service, _consommateur(service, dossier)))
    assert "Ne parlez de la dette qu'au débiteur lui-même" not in _fiche(service, dossier)


def test_an_overseas_debtor_shows_its_local_time(racine, service, dossier):
    from zoneinfo import ZoneInfo

    from recouvrement_tui.system.horloge import HorlogeFixe

    paris = ServiceDossiers(racine, horloge=HorlogeFixe(dt.datetime(2026, 11, 23, 12, tzinfo=ZoneInfo("Europe/Paris"))),
                            auteur="c.martin")
    assert "Heure locale du débiteur" not in _fiche(paris, dossier)  # Lyon
    for code_postal, attendu in (("97110", "07:00 (Guadeloupe)"), ("97200", "07:00 (Martinique)"),
                                 ("97300", "08:00 (Guyane)"), ("97400", "15:00 (La Réunion)"),
                                 ("97600", "14:00 (Mayotte)")):
        dossier = loin = service.modifier_debiteur(dossier, {**DEBITEUR, "code_postal": code_postal})
        assert f"Heure locale du débiteur : {attendu}" in _fiche(paris, loin), code_postal


def test_a_closed_dossier_s_call_sheet_claims_nothing(service, dossier):
    d = service.changer_etape(dossier, Etape.CLOTURE, {"date": "20/11/2026", "motif": "abandon"})
    fiche = service.appels.fiche(d)
    texte = " ".join(ligne for section in fiche.sections for ligne in section.lignes)
    assert "ne réclamez rien" in texte
    assert "Pouvez-vous me confirmer la date" not in texte and "saisirons la justice" not in texte
