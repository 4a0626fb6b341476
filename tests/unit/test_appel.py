"""Telephone calls: each outcome's effect on the stage and the agenda, what is refused and why,
the call sheet per kind of debtor, the stored record, and the `appel` command."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from recouvrement_tui.cli import principal
from recouvrement_tui.domain import codec
from recouvrement_tui.domain.agenda import actions_du_dossier
from recouvrement_tui.domain.appel import Issue, fiche_appel, lire_appel, lire_issue
from recouvrement_tui.domain.erreurs import ErreursSaisie
from recouvrement_tui.domain.etapes import Etape, TypeEvenement
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
    service.changer_etape(dossier, Etape.CLOTURE, {"date": "23/11/2026", "motif": "payé"})
    code, _, erreur = cli(capsys, "appel", dossier.reference, "--issue", "contestation", "--note", "Prix.")
    assert code == 0
    assert erreur == "recouvrement : étape non modifiée : Le dossier est clôturé.\n"
    assert len(service.charger(dossier.reference).appels) == 1


def test_cli_fiche_prints_the_sheet_without_saving(cli, capsys, dossier, service):
    code, sortie, _ = cli(capsys, "appel", dossier.reference, "--fiche")
    assert code == 0 and "Ce qu'il faut dire" in sortie and "FA-002" in sortie
    assert service.charger(dossier.reference).journal == dossier.journal
