"""The legal guard (domain.garde), one rule per test, each a worked example with its dates.

Every test asserts the verdict (permis, averti, refusé) and that the reason cites its article.
Dossiers are built through the service, as a user would: invoices, payments, stage moves with
their facts, an urgency. "Today" is 23/11/2026 (tests/conftest.py); the mise en demeure gives
8 days (the default reminder calendar).

The `dossier` fixture: a SARL in Lyon, FA-001 1,200.00 € due 31/08/2026, FA-002 800.50 € due
30/09/2026, 500 € paid on 15/10/2026 — its last fact.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from recouvrement_tui.domain.erreurs import ErreurSaisie
from recouvrement_tui.domain.etapes import Etape as E
from recouvrement_tui.domain.garde import (
    Acte,
    Verdict,
    avis_acte,
    avis_document,
    avis_passage,
    passages,
)
from recouvrement_tui.services.dossiers import ServiceDossiers
from tests.conftest import AUJOURDHUI, DEBITEUR

J = dt.date
PERMIS, AVERTI, REFUSE = Verdict.PERMIS, Verdict.AVERTI, Verdict.REFUSE

ROUTES_JUDICIAIRES = {
    Acte.INJONCTION: E.INJONCTION_DE_PAYER,
    Acte.REFERE: E.REFERE_PROVISION,
    Acte.FOND: E.ASSIGNATION_AU_FOND,
    Acte.PETITES_CREANCES: E.PETITES_CREANCES,
}

# The facts each move needs (FAITS_REQUIS), the date left to the caller.
FAITS = {
    E.RELANCE_PREVENTIVE: {},
    E.RELANCE_AMIABLE: {},
    E.RELANCE_FERME: {},
    E.MISE_EN_DEMEURE: {},
    E.PETITES_CREANCES: {"intervenant": "Me Lefèvre, commissaire de justice"},
    E.INJONCTION_DE_PAYER: {"juridiction": "Tribunal des activités économiques de Lyon"},
    E.REFERE_PROVISION: {"juridiction": "Tribunal des activités économiques de Lyon"},
    E.ASSIGNATION_AU_FOND: {"juridiction": "Tribunal des activités économiques de Lyon"},
    E.TITRE_EXECUTOIRE: {},
    E.LITIGE: {"motif": "Livraison contestée"},
    E.PROMESSE: {"jusquau": "30/11/2026"},
    E.ECHEANCIER: {"premiere_echeance": "15/12/2026", "nombre_echeances": "6"},
    E.PROCEDURE_COLLECTIVE: {"nature": "redressement", "juridiction": "Tribunal des activités économiques de Lyon",
                             "mandataire": "Me Perrin", "date_bodacc": "23/11/2026"},
    E.CLOTURE: {"motif": "abandon"},
}

COMMUNE = {**DEBITEUR, "nom": "Commune de Villeurbanne", "forme_juridique": "", "siren": "",
           "code_postal": "69100", "ville": "Villeurbanne", "secteur_public": "oui"}
EN_MARTINIQUE = {**DEBITEUR, "siren": "", "code_postal": "97200", "ville": "Fort-de-France"}
EN_BELGIQUE = {**DEBITEUR, "siren": "", "code_postal": "1000", "ville": "Bruxelles", "pays": "Belgique"}
CONSOMMATEUR = {**DEBITEUR, "siren": "", "forme_juridique": "", "type_personne": "physique",
                "qualite": "consommateur", "nom": "Dupont", "prenom": "Jean"}


def nouveau(service, debiteur=DEBITEUR, factures=(("FA-001", "01/08/2026", "31/08/2026", "1 200,00"),),
            paiements=()):
    d = service.creer_dossier(debiteur)
    for numero, date_facture, echeance, montant in factures:
        d = service.ajouter_creance(d, {"numero": numero, "date_facture": date_facture, "date_echeance": echeance,
                                        "montant_ttc": montant})
    for date, montant in paiements:
        d = service.ajouter_paiement(d, {"date": date, "montant": montant})
    return d


def passer(service, d, vers, date, **faits):
    return service.changer_etape(d, vers, {"date": date, **FAITS[vers], **faits})


def mis_en_demeure(service, d, le="20/10/2026", relance="16/10/2026"):
    """Relance amiable, then the mise en demeure (a relance must come first in the chain)."""
    return passer(service, passer(service, d, E.RELANCE_AMIABLE, relance), E.MISE_EN_DEMEURE, le)


def avis(service, d, au, acte):
    return avis_acte(service.etat(d, au), acte)


# --- 1. a closed dossier ---------------------------------------------------------------------


def test_closed_dossier_produces_nothing_but_annexes(service, dossier):
    d = passer(service, dossier, E.CLOTURE, "20/11/2026", motif="irrécouvrable")
    for acte in (Acte.RELANCE, Acte.MISE_EN_DEMEURE, Acte.INJONCTION, Acte.FOND, Acte.DECLARATION_CREANCE,
                 Acte.TRANSMISSION_COMMISSAIRE):
        refus = avis(service, d, AUJOURDHUI, acte)
        assert refus.verdict is REFUSE and "clôturé" in refus.motif, acte
    assert avis(service, d, AUJOURDHUI, Acte.ANNEXE).verdict is PERMIS  # the décompte stays printable
    assert passages(service.etat(d, AUJOURDHUI)) == []


# --- 2. nothing exigible ---------------------------------------------------------------------


def test_mise_en_demeure_before_the_first_due_date_is_refused_art_1305_2(service):
    """Invoice of 15/11/2026 payable 15/12/2026: on 23/11 nothing can be demanded yet. And the reported
    bug, a '0,00 € (zéro euro)' mise en demeure dated 2020, is refused too, without a zero amount."""
    d = nouveau(service, factures=(("FA-100", "15/11/2026", "15/12/2026", "500,00"),))
    refus = avis(service, d, AUJOURDHUI, Acte.MISE_EN_DEMEURE)
    assert refus.verdict is REFUSE
    assert "art. 1305-2" in refus.motif and "15/12/2026" in refus.motif
    en_2020 = avis(service, d, J(2020, 3, 1), Acte.MISE_EN_DEMEURE)
    assert en_2020.verdict is REFUSE and "0,00" not in en_2020.motif


def test_fully_paid_dossier_has_nothing_to_claim(service, dossier):
    """Paid on 20/11/2026 exactly what the décompte says is owed that day (principal, penalties, 40 €)."""
    solde = service.decompte(dossier, J(2026, 11, 20)).total
    paye = service.ajouter_paiement(dossier, {"date": "20/11/2026", "montant": str(solde).replace(".", ",")})
    for acte in (Acte.RELANCE, Acte.MISE_EN_DEMEURE, Acte.INJONCTION, Acte.ECHEANCIER):
        refus = avis(service, paye, AUJOURDHUI, acte)
        assert refus.verdict is REFUSE and "rien à réclamer" in refus.motif, acte


def test_paid_first_invoice_and_next_not_yet_due_cites_art_1305_2(service):
    """A (100 €, due 31/08) paid on 20/08; B (500 €) payable 15/12/2026: 500 € are owed, not yet exigible."""
    d = nouveau(service, factures=(("A", "01/08/2026", "31/08/2026", "100,00"), ("B", "01/11/2026", "15/12/2026",
                                                                               "500,00")),
                paiements=(("20/08/2026", "100"),))
    refus = avis(service, d, AUJOURDHUI, Acte.MISE_EN_DEMEURE)
    assert refus.verdict is REFUSE
    assert "art. 1305-2" in refus.motif and "15/12/2026" in refus.motif


# --- 3. a document dated before the dossier's facts ------------------------------------------


def test_document_dated_before_the_last_fact_is_refused_naming_it(service, dossier):
    refus = avis(service, dossier, J(2026, 10, 1), Acte.RELANCE)
    assert refus.verdict is REFUSE
    assert "paiement du 15/10/2026" in refus.motif and "01/10/2026" in refus.motif
    assert avis(service, dossier, J(2026, 10, 15), Acte.RELANCE).verdict is PERMIS  # the same day is fine
    assert avis(service, dossier, J(2026, 10, 1), Acte.ANNEXE).verdict is PERMIS  # a statement of fact


# --- 4. relance préventive --------------------------------------------------------------------


def test_relance_preventive_only_while_an_invoice_is_a_echoir(service, dossier):
    refus = avis(service, dossier, AUJOURDHUI, Acte.RELANCE_PREVENTIVE)  # both invoices past due
    assert refus.verdict is REFUSE and "à échoir" in refus.motif
    assert avis_passage(service.etat(dossier, AUJOURDHUI), E.RELANCE_PREVENTIVE).verdict is REFUSE
    a_venir = nouveau(service, factures=(("FA-200", "15/11/2026", "15/12/2026", "900,00"),))
    assert avis(service, a_venir, AUJOURDHUI, Acte.RELANCE_PREVENTIVE).verdict is PERMIS
    assert avis_passage(service.etat(a_venir, AUJOURDHUI), E.RELANCE_PREVENTIVE).verdict is PERMIS


# --- 5. the mise en demeure first (art. 1344 C. civ.) ----------------------------------------


def test_court_routes_refused_without_mise_en_demeure_art_1344(service, dossier):
    e = service.etat(dossier, AUJOURDHUI)
    for acte, etape in ROUTES_JUDICIAIRES.items():
        document, passage = avis_acte(e, acte), avis_passage(e, etape)
        assert document.verdict is REFUSE and "art. 1344" in document.motif, acte
        assert passage.verdict is REFUSE and "art. 1344" in passage.motif, etape


def test_court_route_opens_the_day_after_the_mise_en_demeures_last_day(service, dossier):
    """Mise en demeure of 10/11/2026, 8 days: runs to 18/11 inclusive, the court route opens on 19/11."""
    d = mis_en_demeure(service, dossier, le="10/11/2026")
    dernier_jour = avis(service, d, J(2026, 11, 18), Acte.INJONCTION)
    assert dernier_jour.verdict is REFUSE
    assert "art. 1344" in dernier_jour.motif and "18/11/2026" in dernier_jour.motif and "19/11/2026" in dernier_jour.motif
    assert avis_passage(service.etat(d, J(2026, 11, 18)), E.INJONCTION_DE_PAYER).verdict is REFUSE
    assert avis(service, d, J(2026, 11, 19), Acte.INJONCTION).verdict is PERMIS
    assert avis_passage(service.etat(d, J(2026, 11, 19)), E.INJONCTION_DE_PAYER).verdict is PERMIS


def test_overseas_debtor_time_runs_from_the_recorded_receipt(service):
    """Fort-de-France: sent 10/11/2026, nothing can be counted until the avis de réception is recorded;
    received 13/11, the 8 days run to 21/11 and the court route opens on 22/11."""
    d = mis_en_demeure(service, nouveau(service, EN_MARTINIQUE), le="10/11/2026")
    sans_reception = avis(service, d, AUJOURDHUI, Acte.INJONCTION)
    assert sans_reception.verdict is REFUSE and "10/11/2026" in sans_reception.motif
    assert "réception" in sans_reception.motif
    d = service.completer_faits(d, {"date_reception": "13/11/2026"})
    dernier_jour = avis(service, d, J(2026, 11, 21), Acte.INJONCTION)
    assert dernier_jour.verdict is REFUSE and "21/11/2026" in dernier_jour.motif and "art. 1344" in dernier_jour.motif
    assert avis(service, d, J(2026, 11, 22), Acte.INJONCTION).verdict is PERMIS


def test_missing_receipt_refusal_cites_art_1344(service):
    d = mis_en_demeure(service, nouveau(service, EN_MARTINIQUE), le="10/11/2026")
    refus = avis(service, d, AUJOURDHUI, Acte.INJONCTION)
    assert refus.verdict is REFUSE and "art. 1344" in refus.motif


def test_recorded_urgency_turns_the_refusal_into_a_warning_quoting_its_motif(service, dossier):
    motif = "Risque d'insolvabilité : cession du fonds annoncée"
    sans_mise_en_demeure = service.invoquer_urgence(dossier.reference, motif)
    alerte = avis(service, sans_mise_en_demeure, AUJOURDHUI, Acte.INJONCTION)
    assert alerte.verdict is AVERTI and "art. 1344" in alerte.motif and motif in alerte.motif
    # Within the time of a mise en demeure of 20/11/2026 (to 28/11), urgency recorded the same day.
    d = mis_en_demeure(service, nouveau(service), le="20/11/2026")
    assert avis(service, d, AUJOURDHUI, Acte.REFERE).verdict is REFUSE
    d = service.invoquer_urgence(d.reference, motif)
    alerte = avis(service, d, AUJOURDHUI, Acte.REFERE)
    assert alerte.verdict is AVERTI and "28/11/2026" in alerte.motif and motif in alerte.motif
    assert dict(passages(service.etat(d, AUJOURDHUI)))[E.REFERE_PROVISION].verdict is AVERTI


def test_urgency_recorded_before_a_later_mise_en_demeure_no_longer_counts(service, racine, dossier):
    """Urgency recorded on 02/11/2026, mise en demeure sent on 20/11: on 23/11 its time still runs."""
    le_2_novembre = ServiceDossiers(racine, aujourdhui=lambda: J(2026, 11, 2), auteur="c.martin")
    le_2_novembre.invoquer_urgence(dossier.reference, "Risque d'insolvabilité")
    d = mis_en_demeure(service, service.charger(dossier.reference), le="20/11/2026")
    refus = avis(service, d, AUJOURDHUI, Acte.INJONCTION)
    assert refus.verdict is REFUSE and "art. 1344" in refus.motif and "urgence invoquée" not in refus.motif


# --- 6. procédure collective (L622-21, L622-7, L622-28, L622-24, L622-26 C. com.) ----------

ANCIENNE = (("FA-050", "10/01/2025", "10/02/2025", "3 000,00"),)


@pytest.fixture
def en_redressement(service):
    """Opening judgment 03/03/2025, published in the BODACC on Friday 14/03/2025."""
    d = nouveau(service, factures=ANCIENNE)
    return passer(service, d, E.PROCEDURE_COLLECTIVE, "03/03/2025", date_bodacc="14/03/2025")


def test_procedure_collective_stops_individual_actions_l622_21(service, en_redressement):
    e = service.etat(en_redressement, J(2025, 4, 1))
    for acte in (Acte.RELANCE, Acte.MISE_EN_DEMEURE, Acte.ECHEANCIER, Acte.INJONCTION, Acte.REFERE, Acte.FOND,
                 Acte.PETITES_CREANCES, Acte.TRANSMISSION_COMMISSAIRE):
        refus = avis_acte(e, acte)
        assert refus.verdict is REFUSE, acte
        assert all(article in refus.motif for article in ("L622-21", "L622-7", "L622-28")), acte
    assert avis_acte(e, Acte.DECLARATION_CREANCE).verdict is PERMIS
    montres = dict(passages(e))
    assert all(montres[r].verdict is REFUSE and "L622-21" in montres[r].motif for r in ROUTES_JUDICIAIRES.values())
    assert montres[E.ECHEANCIER].verdict is REFUSE and "L622-21" in montres[E.ECHEANCIER].motif
    # Without a procédure collective there is nothing to declare.
    sain = avis(service, nouveau(service, factures=ANCIENNE), J(2025, 4, 1), Acte.DECLARATION_CREANCE)
    assert sain.verdict is REFUSE and "procédure collective" in sain.motif


def test_declaration_within_two_months_of_bodacc_then_only_the_releve(service, en_redressement):
    """BODACC 14/03/2025: declare until 14/05/2025; from 15/05 only the relevé, until 14/09/2025."""
    assert avis(service, en_redressement, J(2025, 5, 14), Acte.DECLARATION_CREANCE).verdict is PERMIS
    refus = avis(service, en_redressement, J(2025, 5, 15), Acte.DECLARATION_CREANCE)
    assert refus.verdict is REFUSE
    assert "R622-24" in refus.motif and "14/05/2025" in refus.motif
    assert "relevé de forclusion" in refus.motif and "L622-26" in refus.motif and "14/09/2025" in refus.motif


def test_declaration_deadline_doubled_for_a_creditor_outside_metropolitan_france(service, en_redressement):
    """4 months from 14/03/2025: Monday 14/07/2025 is the fête nationale, moved to 15/07 (art. 642 CPC)."""
    def hors_metropole(au):
        return replace(service.etat(en_redressement, au), creancier_hors_metropole=True)

    assert avis_acte(hors_metropole(J(2025, 7, 15)), Acte.DECLARATION_CREANCE).verdict is PERMIS
    refus = avis_acte(hors_metropole(J(2025, 7, 16)), Acte.DECLARATION_CREANCE)
    assert refus.verdict is REFUSE and "R622-24" in refus.motif and "15/07/2025" in refus.motif
    assert avis_acte(hors_metropole(J(2025, 7, 15)), Acte.RELEVE_FORCLUSION).verdict is REFUSE  # still in time


def test_releve_de_forclusion_window_l622_26(service, en_redressement):
    """BODACC 14/03/2025: the relevé once the declaration deadline (14/05/2025) has passed, freely until
    14/09/2025, with a warning until 14/03/2026 (a creditor who could not know), never after."""
    def releve(au):
        return avis(service, en_redressement, au, Acte.RELEVE_FORCLUSION)

    trop_tot = releve(J(2025, 5, 14))
    assert trop_tot.verdict is REFUSE and "L622-24" in trop_tot.motif and "14/05/2025" in trop_tot.motif
    assert releve(J(2025, 5, 15)).verdict is PERMIS
    assert releve(J(2025, 9, 14)).verdict is PERMIS
    for au in (J(2025, 9, 15), J(2026, 3, 14)):
        alerte = releve(au)
        assert alerte.verdict is AVERTI and "L622-26" in alerte.motif and "14/09/2025" in alerte.motif, au
    trop_tard = releve(J(2026, 3, 15))
    assert trop_tard.verdict is REFUSE and "L622-26" in trop_tard.motif and "14/03/2025" in trop_tard.motif


def test_without_bodacc_date_the_declaration_is_warned_and_the_releve_refused(service):
    """The opening judgment known only from the décompte's conditions: no BODACC date to count from."""
    d = service.modifier_conditions(nouveau(service, factures=ANCIENNE), {"date_jugement_ouverture": "03/03/2025"})
    e = service.etat(d, J(2025, 4, 1))
    declaration, releve = avis_acte(e, Acte.DECLARATION_CREANCE), avis_acte(e, Acte.RELEVE_FORCLUSION)
    assert declaration.verdict is AVERTI and "R622-24" in declaration.motif and "BODACC" in declaration.motif
    assert releve.verdict is REFUSE and "L622-26" in releve.motif and "BODACC" in releve.motif
    assert avis_acte(e, Acte.MISE_EN_DEMEURE).verdict is REFUSE  # the procédure is open all the same


# --- 7. a public-sector debtor (L2311-1 CG3P, R541-1 CJA, loi 80-539) ------------------------


def test_public_debtor_no_judicial_route_nor_commissaire_l2311_1(service):
    d = mis_en_demeure(service, nouveau(service, COMMUNE))
    e = service.etat(d, AUJOURDHUI)  # the mise en demeure's time ran out on 28/10
    for acte in (*ROUTES_JUDICIAIRES, Acte.TRANSMISSION_COMMISSAIRE):
        refus = avis_acte(e, acte)
        assert refus.verdict is REFUSE, acte
        assert all(texte in refus.motif for texte in ("L2311-1 CG3P", "R541-1 CJA", "80-539")), acte
    montres = dict(passages(e))
    for etape in (E.INJONCTION_DE_PAYER, E.PETITES_CREANCES, E.ASSIGNATION_AU_FOND):
        assert montres[etape].verdict is REFUSE and "L2311-1" in montres[etape].motif, etape


def test_public_debtor_refere_provision_before_the_tribunal_administratif_after_the_deadline(service):
    """Mise en demeure of 20/10/2026 to a commune: the TA requête (R541-1 CJA) and the move to the
    référé-provision stage open on 29/10, under the administrative rules, not the judicial référé's."""
    d = mis_en_demeure(service, nouveau(service, COMMUNE))
    trop_tot = avis(service, d, J(2026, 10, 28), Acte.REFERE_ADMINISTRATIF)
    assert trop_tot.verdict is REFUSE and "art. 1344" in trop_tot.motif
    assert avis_passage(service.etat(d, J(2026, 10, 28)), E.REFERE_PROVISION).verdict is REFUSE
    ouvert = service.etat(d, J(2026, 10, 29))
    assert avis_acte(ouvert, Acte.REFERE_ADMINISTRATIF).verdict is PERMIS
    assert avis_acte(ouvert, Acte.REFERE).verdict is REFUSE  # the judicial référé stays closed
    assert avis_passage(ouvert, E.REFERE_PROVISION).verdict is PERMIS
    assert passer(service, d, E.REFERE_PROVISION, "29/10/2026", juridiction="Tribunal administratif de Lyon").etape \
        is E.REFERE_PROVISION


def test_tribunal_administratif_and_mandatement_refused_for_a_private_debtor(service, dossier):
    e = service.etat(mis_en_demeure(service, dossier), AUJOURDHUI)
    for acte in (Acte.REFERE_ADMINISTRATIF, Acte.MANDATEMENT_OFFICE):
        refus = avis_acte(e, acte)
        assert refus.verdict is REFUSE and "secteur public" in refus.motif, acte


def test_mandatement_office_needs_the_decision_and_waits_two_months_loi_80_539(service):
    """Référé-provision at the TA on 29/10/2026, decision of 10/11/2026: the commune has until
    10/01/2027 to pay; the mandatement is warned until then, allowed from 11/01/2027."""
    d = passer(service, mis_en_demeure(service, nouveau(service, COMMUNE)), E.REFERE_PROVISION, "29/10/2026",
               juridiction="Tribunal administratif de Lyon")
    sans_decision = avis(service, d, AUJOURDHUI, Acte.MANDATEMENT_OFFICE)
    assert sans_decision.verdict is REFUSE and "Titre exécutoire" in sans_decision.motif
    d = passer(service, d, E.TITRE_EXECUTOIRE, "10/11/2026")
    for au in (AUJOURDHUI, J(2027, 1, 10)):
        alerte = avis(service, d, au, Acte.MANDATEMENT_OFFICE)
        assert alerte.verdict is AVERTI and "80-539" in alerte.motif and "10/01/2027" in alerte.motif, au
    assert avis(service, d, J(2027, 1, 11), Acte.MANDATEMENT_OFFICE).verdict is PERMIS


def test_mandatement_office_counts_two_months_from_the_recorded_notification(service):
    """Decision of 01/06/2026 notified on 15/10/2026: the commune may pay until 15/12/2026."""
    d = nouveau(service, COMMUNE, factures=ANCIENNE)
    d = mis_en_demeure(service, d, le="02/03/2026", relance="16/02/2026")
    d = passer(service, d, E.REFERE_PROVISION, "20/03/2026", juridiction="Tribunal administratif de Lyon")
    d = passer(service, d, E.TITRE_EXECUTOIRE, "01/06/2026", date_signification="15/10/2026")
    alerte = avis(service, d, AUJOURDHUI, Acte.MANDATEMENT_OFFICE)
    assert alerte.verdict is AVERTI and "80-539" in alerte.motif


# --- 8. a debtor abroad ------------------------------------------------------------------------


def test_debtor_abroad_no_french_injonction_and_jurisdiction_to_check(service):
    """Brussels: mise en demeure of 02/11/2026, received 05/11 (the time runs from receipt, to 13/11)."""
    d = mis_en_demeure(service, nouveau(service, EN_BELGIQUE), le="02/11/2026")
    sans_reception = avis(service, d, AUJOURDHUI, Acte.REFERE)
    assert sans_reception.verdict is REFUSE and "réception" in sans_reception.motif
    d = service.completer_faits(d, {"date_reception": "05/11/2026"})
    e = service.etat(d, AUJOURDHUI)
    for acte in (Acte.INJONCTION, Acte.PETITES_CREANCES):
        refus = avis_acte(e, acte)
        assert refus.verdict is REFUSE and "1896/2006" in refus.motif, acte
    for acte in (Acte.REFERE, Acte.FOND):
        alerte = avis_acte(e, acte)
        assert alerte.verdict is AVERTI and "1215/2012" in alerte.motif, acte


# --- 9. ceilings and disputes ----------------------------------------------------------------


def test_petites_creances_refused_above_5000_euros_exigible_l125_1(service):
    """6,000 € due 31/08/2026 plus penalties and 40 €: above the ceiling, for the document and the move."""
    d = mis_en_demeure(service, nouveau(service, factures=(("FA-300", "01/08/2026", "31/08/2026", "6 000,00"),)))
    e = service.etat(d, AUJOURDHUI)
    assert e.exigible > 5000
    for reponse in (avis_acte(e, Acte.PETITES_CREANCES), avis_passage(e, E.PETITES_CREANCES)):
        assert reponse.verdict is REFUSE and "L125-1" in reponse.motif
    with pytest.raises(ErreurSaisie, match="L125-1"):
        passer(service, d, E.PETITES_CREANCES, "23/11/2026")
    petite = service.etat(mis_en_demeure(service, nouveau(service)), AUJOURDHUI)  # 1,200 € and accessories
    assert avis_acte(petite, Acte.PETITES_CREANCES).verdict is PERMIS


def test_dispute_refuses_the_refere_and_warns_the_injonction(service, dossier):
    """Mise en demeure of 20/10/2026, then a dispute recorded on 02/11 (art. 835/873, 1412 CPC)."""
    d = passer(service, mis_en_demeure(service, dossier), E.LITIGE, "02/11/2026")
    e = service.etat(d, AUJOURDHUI)
    for reponse in (avis_acte(e, Acte.REFERE), avis_passage(e, E.REFERE_PROVISION)):
        assert reponse.verdict is REFUSE and "835" in reponse.motif and "873" in reponse.motif
    alerte = avis_acte(e, Acte.INJONCTION)
    assert alerte.verdict is AVERTI and "art. 1412" in alerte.motif


# --- 10. a hearing already past ----------------------------------------------------------------


@pytest.mark.parametrize("acte, etape", [(Acte.REFERE, E.REFERE_PROVISION), (Acte.FOND, E.ASSIGNATION_AU_FOND)])
def test_assignation_whose_recorded_hearing_is_past_is_refused(service, dossier, acte, etape):
    """Assignation of 29/10/2026 for a hearing on 20/11: fine to prepare on 20/11, not on 23/11."""
    d = passer(service, mis_en_demeure(service, dossier), etape, "29/10/2026", date_audience="20/11/2026")
    assert avis(service, d, J(2026, 11, 20), acte).verdict is PERMIS
    refus = avis(service, d, AUJOURDHUI, acte)
    assert refus.verdict is REFUSE and "20/11/2026" in refus.motif and "audience" in refus.motif


def test_past_hearing_still_counts_while_the_fond_is_paused(service, dossier):
    """Fond: hearing 20/11/2026; the debtor promises to pay on 21/11; an assignation on 23/11 still
    names a hearing already past."""
    d = passer(service, mis_en_demeure(service, dossier), E.ASSIGNATION_AU_FOND, "29/10/2026",
               date_audience="20/11/2026")
    d = passer(service, d, E.PROMESSE, "21/11/2026")
    refus = avis(service, d, AUJOURDHUI, Acte.FOND)
    assert refus.verdict is REFUSE and "20/11/2026" in refus.motif


# --- 11. a route foreclosed by the stage reached ---------------------------------------------


def test_titre_executoire_forecloses_every_court_route(service, dossier):
    d = passer(service, mis_en_demeure(service, dossier), E.INJONCTION_DE_PAYER, "29/10/2026")
    d = passer(service, d, E.TITRE_EXECUTOIRE, "20/11/2026")
    e = service.etat(d, AUJOURDHUI)
    for acte in ROUTES_JUDICIAIRES:
        refus = avis_acte(e, acte)
        assert refus.verdict is REFUSE and "titre exécutoire est déjà obtenu" in refus.motif, acte


def test_at_the_injonction_stage_only_the_fond_or_the_titre_follow(service, dossier):
    """An opposition sends the injonction to the merits; a référé or petites créances no longer fit."""
    d = passer(service, mis_en_demeure(service, dossier), E.INJONCTION_DE_PAYER, "29/10/2026")
    e = service.etat(d, AUJOURDHUI)
    for acte in (Acte.REFERE, Acte.PETITES_CREANCES):
        refus = avis_acte(e, acte)
        assert refus.verdict is REFUSE, acte
        assert "« Titre exécutoire »" in refus.motif and "« Assignation au fond »" in refus.motif, acte
    assert avis_acte(e, Acte.FOND).verdict is PERMIS
    assert avis_passage(e, E.ASSIGNATION_AU_FOND).verdict is PERMIS
    assert avis_passage(e, E.REFERE_PROVISION).verdict is REFUSE


# --- 12. the moves shown, and those the service performs --------------------------------------


def relance_amiable(service):
    """FA-001 (1,200 € due 31/08/2026), relance amiable of 16/10/2026, no mise en demeure."""
    return passer(service, nouveau(service), E.RELANCE_AMIABLE, "16/10/2026")


def test_passages_from_relance_amiable_grey_the_court_routes_citing_art_1344(service):
    montres = passages(service.etat(relance_amiable(service), AUJOURDHUI))
    etapes = [etape for etape, _ in montres]
    assert set(ROUTES_JUDICIAIRES.values()) <= set(etapes)
    for etape, reponse in montres:
        if etape in ROUTES_JUDICIAIRES.values():
            assert reponse.verdict is REFUSE and "art. 1344" in reponse.motif, etape
    assert {e for e, r in montres if not r.refuse} >= {E.RELANCE_FERME, E.MISE_EN_DEMEURE, E.CLOTURE}


def test_the_permitted_moves_are_exactly_those_changer_etape_performs(service):
    montres = passages(service.etat(relance_amiable(service), AUJOURDHUI))
    for etape, reponse in montres:
        d = relance_amiable(service)  # a fresh dossier for each try
        if reponse.refuse:
            with pytest.raises(ErreurSaisie) as erreur:
                passer(service, d, etape, "23/11/2026")
            assert erreur.value.message == reponse.motif, etape
        else:
            assert passer(service, d, etape, "23/11/2026").etape is etape


def test_petites_creances_move_the_guard_permits_is_performed(service):
    """4,000 € due 31/08/2026 (4,154.15 € exigible on 23/11) and 3,000 € payable 31/12/2026: only the
    first can be claimed, under the 5,000 € ceiling."""
    d = nouveau(service, factures=(("FA-400", "01/08/2026", "31/08/2026", "4 000,00"),
                                   ("FA-401", "01/11/2026", "31/12/2026", "3 000,00")))
    d = mis_en_demeure(service, d)
    e = service.etat(d, AUJOURDHUI)
    assert e.exigible <= 5000 < e.du
    assert dict(passages(e))[E.PETITES_CREANCES].verdict is PERMIS
    assert passer(service, d, E.PETITES_CREANCES, "23/11/2026").etape is E.PETITES_CREANCES


# --- 13. a template written for another kind of court ---------------------------------------


def test_commercial_court_requete_refused_for_a_consumer_debtor(service):
    """Jean Dupont, consumer in Lyon: the injonction goes to the tribunal judiciaire (art. 1406 CPC)."""
    e = service.etat(mis_en_demeure(service, nouveau(service, CONSOMMATEUR)), AUJOURDHUI)
    refus = avis_document(e, Acte.INJONCTION, ("commerce", "tae", "chambre_commerciale"))
    assert refus.verdict is REFUSE and "tribunal judiciaire" in refus.motif and "art. 1406" in refus.motif
    assert avis_document(e, Acte.INJONCTION, ("judiciaire",)).verdict is PERMIS


def test_export_to_a_commissaire_warns_when_nothing_can_be_enforced(service, dossier):
    """The archive is still written (it also moves a dossier between colleagues), but the user is told
    why a commissaire de justice could do nothing with it (L622-21 C. com.)."""
    assert service.echanges.mise_en_garde_export(dossier.reference) == ""
    service.changer_etape(
        dossier, E.PROCEDURE_COLLECTIVE,
        {"date": "10/11/2026", "nature": "redressement", "juridiction": "TC Lyon", "mandataire": "Me Prévost",
         "date_bodacc": "14/11/2026"},
    )
    assert "L622-21" in service.echanges.mise_en_garde_export(dossier.reference)


# --- the reminders in the chain's order (a lawyer's reading of the e-mails, issue 15) -----------


def test_no_relance_amiable_after_the_relance_ferme_nor_after_the_mise_en_demeure(service, dossier):
    """A reminder that says less than what was sent misleads on where the recovery stands (a
    consumer: L121-2 C. conso.); after the mise en demeure, only the ferme reminder recalling it."""
    d = passer(service, dossier, E.RELANCE_AMIABLE, "20/10/2026")
    assert avis(service, d, AUJOURDHUI, Acte.RELANCE).verdict is PERMIS  # a second amiable reminder
    d = passer(service, d, E.RELANCE_FERME, "05/11/2026")
    refus = avis(service, d, AUJOURDHUI, Acte.RELANCE)
    assert refus.verdict is REFUSE and "Relance ferme" in refus.motif and "ordre de la chaîne" in refus.motif
    assert avis(service, d, AUJOURDHUI, Acte.RELANCE_PREVENTIVE).verdict is REFUSE
    d = passer(service, d, E.MISE_EN_DEMEURE, "10/11/2026")
    assert avis(service, d, AUJOURDHUI, Acte.RELANCE).verdict is REFUSE
    assert avis(service, d, AUJOURDHUI, Acte.RELANCE_FERME).verdict is PERMIS  # it recalls the letter


def test_no_reminder_once_a_court_is_seized_or_a_title_obtained(service, dossier):
    d = mis_en_demeure(service, dossier)
    d = passer(service, d, E.INJONCTION_DE_PAYER, "05/11/2026")
    for acte in (Acte.RELANCE, Acte.RELANCE_FERME):
        refus = avis(service, d, AUJOURDHUI, acte)
        assert refus.verdict is REFUSE and "Injonction de payer" in refus.motif
    d = passer(service, d, E.TITRE_EXECUTOIRE, "20/11/2026")
    assert avis(service, d, AUJOURDHUI, Acte.RELANCE_FERME).verdict is REFUSE


def test_no_reminder_of_the_whole_debt_during_a_payment_plan_art_1103(service, dossier):
    d = passer(service, dossier, E.RELANCE_AMIABLE, "20/10/2026")
    d = passer(service, d, E.ECHEANCIER, "10/11/2026")
    for acte in (Acte.RELANCE, Acte.RELANCE_FERME, Acte.ECHEANCIER):
        refus = avis(service, d, AUJOURDHUI, acte)
        assert refus.verdict is REFUSE and "1103" in refus.motif


def test_no_payment_plan_offered_to_a_public_buyer_r2192_10(service):
    d = nouveau(service, COMMUNE)
    refus = avis(service, d, AUJOURDHUI, Acte.ECHEANCIER)
    assert refus.verdict is REFUSE and "R2192-10" in refus.motif


def test_no_payment_plan_for_a_debt_not_yet_due_art_1305_2(service):
    d = nouveau(service, factures=(("FA-9", "01/11/2026", "31/12/2026", "900,00"),))
    assert avis(service, d, AUJOURDHUI, Acte.ECHEANCIER).verdict is REFUSE
