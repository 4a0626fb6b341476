"""Every dated action of a dossier, each with the rule that produced it.

The reminder calendar gives the amicable steps (prochaine_action); the facts recorded on
the current stage give the court deadlines (echeances); the invoices give the prescription
alert. The earliest is the dossier's next action in the list.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from recouvrement_tui.domain import echeances
from recouvrement_tui.domain.appel import suite_de_l_appel
from recouvrement_tui.domain.dates import UN_JOUR, en_retard, plus_mois
from recouvrement_tui.domain.delais import zone_depuis_code_postal
from recouvrement_tui.domain.etapes import Etape, TypeEvenement
from recouvrement_tui.domain.formatage import date_courte, montant
from recouvrement_tui.domain.model import Dossier
from recouvrement_tui.domain.parametres import CalendrierRelances
from recouvrement_tui.domain.plan_de_paiement import PlanEnCours, plan_en_cours
from recouvrement_tui.domain.procedure import AMIABLES, LATERALES, ROUTES, Passage
from recouvrement_tui.domain.prochaine_action import ProchaineAction, prochaine_action
from recouvrement_tui.domain.taux import AlerteTaux

# Filing that interrupts prescription (art. 2241 C. civ.): a court claim, even in référé.
_DEMANDES_EN_JUSTICE = (Etape.INJONCTION_DE_PAYER, Etape.REFERE_PROVISION, Etape.ASSIGNATION_AU_FOND,
                        Etape.PROCEDURE_COLLECTIVE)


REGLE_PROMESSE = "promesse de paiement"


def jours_de_retard(date: dt.date, au: dt.date) -> int:
    """How many days an action dated `date` is overdue at `au` (0 when it is not)."""
    return (au - date).days if en_retard(date, au) else 0


class Vue(StrEnum):
    """The part of a dossier an action concerns: where the dossier opens from the agenda."""

    SYNTHESE = "synthese"
    CREANCES = "creances"
    DECOMPTE = "decompte"
    JOURNAL = "journal"
    DOCUMENTS = "documents"
    EVALUATION = "evaluation"


@dataclass(frozen=True)
class Action:
    libelle: str
    date: dt.date
    regle: str = ""
    critique: bool = False  # a right is lost if it is missed
    onglet: Vue = Vue.SYNTHESE

    def __post_init__(self) -> None:
        object.__setattr__(self, "onglet", Vue(self.onglet))  # read back from the index as text


def actions_du_dossier(
    dossier: Dossier, calendrier: CalendrierRelances, creancier_hors_metropole: bool = False, au: dt.date | None = None,
    *, suivante: ProchaineAction | None = None,
) -> list[Action]:
    """All dated actions of the dossier at `au`, earliest first ([] once closed).

    `creancier_hors_metropole`: the creditor is established abroad or overseas, which
    doubles the time to declare a claim in a procédure collective (R622-24 C. com.).
    `au`: the day they are drawn up, which decides whether a relance préventive is still
    possible (prochaine_action); None, the calendar's plan. `suivante`: prochaine_action at `au`
    when the caller has already asked it (the summary does), not worked out again.
    """
    if dossier.etape is Etape.CLOTURE:
        return []
    actions = _actions_de_l_etape(dossier, creancier_hors_metropole)
    if not actions:
        suivante = suivante or prochaine_action(dossier, calendrier, au)
        if suivante:
            actions.append(Action(suivante.libelle, suivante.date, "calendrier de relance (paramètres)", onglet=Vue.CREANCES))
    if suite := suite_de_l_appel(dossier.appels, dossier.etape, dossier.etape_depuis):
        if suite.promesse:  # the call's promise (with its amount) replaces the stage's own check
            actions = [a for a in actions if a.regle != REGLE_PROMESSE]
        actions.append(Action(suite.libelle, suite.date, suite.regle, onglet=Vue(suite.onglet)))
    if alerte := _alerte_prescription(dossier):
        actions.append(alerte)
    if paiement := _paiement_pendant_la_procedure(dossier):
        actions.append(paiement)
    return sorted(actions, key=lambda a: (a.date, not a.critique))


REGLE_PAIEMENT_EN_PROCEDURE = "paiement reçu après la saisie du juge"


def _paiement_pendant_la_procedure(d: Dossier) -> Action | None:
    """A payment received once a court route was engaged (or a title obtained), after a document
    carrying a décompte was produced: the décompte filed or served no longer says what is due; until
    a document is produced after the payment, the agenda says so
    (the judge awards what is due at the hearing, the commissaire de justice recovers what remains)."""
    engagee = next((p for p in reversed(d.passages) if p.vers in (*ROUTES, Etape.TITRE_EXECUTOIRE, Etape.EXECUTION)),
                   None)
    if engagee is None or d.etape_de_la_chaine not in (*ROUTES, Etape.TITRE_EXECUTOIRE, Etape.EXECUTION):
        return None
    apres = [p for p in d.paiements if p.date >= engagee.date]
    if not apres:
        return None
    dernier = max(apres, key=lambda p: p.date)
    documents = [e.horodatage.date() for e in d.journal if e.type is TypeEvenement.DOCUMENT]
    if not any(jour <= dernier.date for jour in documents):
        return None  # nothing was written from this dossier before it: no décompte to correct
    if any(jour > dernier.date for jour in documents):
        return None  # a document was produced since: the décompte it carries is up to date
    return Action(f"Paiement de {montant(dernier.montant)} reçu le {date_courte(dernier.date)} pendant la procédure : "
                  "mettre à jour le décompte (conclusions, commissaire de justice)", dernier.date,
                  REGLE_PAIEMENT_EN_PROCEDURE, onglet=Vue.DECOMPTE)


def _actions_de_l_etape(d: Dossier, creancier_hors_metropole: bool) -> list[Action]:
    actions = _actions_pour(d, d.etape, d.passage_courant, creancier_hors_metropole)
    if d.etape in LATERALES and d.etape_avant_pause and d.etape_avant_pause not in AMIABLES:
        # A pause (dispute, promise, plan) does not stop a court deadline: keep the paused
        # stage's critical ones in view.
        suspendu = d.dernier_passage(d.etape_avant_pause)
        actions += [a for a in _actions_pour(d, d.etape_avant_pause, suspendu, creancier_hors_metropole) if a.critique]
    return actions


def _actions_pour(d: Dossier, etape: Etape, passage: Passage | None, creancier_hors_metropole: bool) -> list[Action]:
    if passage is None or etape in AMIABLES:
        return []
    zone = zone_depuis_code_postal(d.debiteur.adresse.code_postal)
    fait = passage.fait_date
    match etape:
        case Etape.INJONCTION_DE_PAYER:
            if opposition := fait("date_opposition"):
                return [Action("Opposition formée : préparer l'audience au fond (avocat au-delà de 10 000 €)",
                               opposition + 15 * UN_JOUR,
                               "après opposition, l'affaire est jugée au fond ; avocat obligatoire au-delà de 10 000 €",
                               onglet=Vue.JOURNAL)]
            signification = fait("date_signification")
            ordonnance = fait("date_ordonnance")
            if signification and ordonnance:
                limite = echeances.signification_injonction(ordonnance, zone)
                if signification > limite.echeance:
                    return [Action("Ordonnance non avenue : signifiée après le délai, présenter une nouvelle requête",
                                   signification, limite.regle, critique=True)]
            if signification:
                date, regle = echeances.execution_sans_opposition(
                    fait("date_ordonnance") or passage.date, signification, d.debiteur.localisation, zone
                )
                return [Action("Sans opposition, faire exécuter l'ordonnance", date, regle)]
            if ordonnance := fait("date_ordonnance"):
                delai = echeances.signification_injonction(ordonnance, zone)
                return [Action(delai.libelle, delai.echeance, delai.regle, critique=True)]
            return [Action("Vérifier auprès du greffe si l'ordonnance est rendue", passage.date + 15 * UN_JOUR,
                           "ordonnance rendue en moins de 15 jours en moyenne")]
        case Etape.REFERE_PROVISION | Etape.ASSIGNATION_AU_FOND:
            actions = []
            if audience := fait("date_audience"):
                actions.append(Action("Audience", audience, passage.faits.get("juridiction", "")))
                nature = echeances.nature_juridiction(passage.faits.get("juridiction", ""))
                if nature:
                    delai = echeances.enrolement(audience, nature, zone)
                    actions.append(Action(delai.libelle, delai.echeance, delai.regle, critique=True))
            elif not (fait("date_ordonnance") or fait("date_jugement")):
                actions.append(Action("Obtenir la date d'audience", passage.date + 15 * UN_JOUR, "suivi de la procédure"))
            return actions
        case Etape.PROCEDURE_COLLECTIVE:
            if (bodacc := fait("date_bodacc")) and not d.a_genere("declaration_creance", "requete_releve_forclusion"):
                # Until a declaration is made: its deadline, then the relevé de forclusion's (L622-26).
                delai = echeances.declaration_de_creance(bodacc, creancier_hors_metropole)
                releve = echeances.releve_de_forclusion(bodacc)
                return [Action(delai.libelle, delai.echeance, delai.regle, critique=True, onglet=Vue.DOCUMENTS),
                        Action(releve.libelle, releve.echeance, releve.regle, critique=True, onglet=Vue.DOCUMENTS)]
            return []
        case Etape.PROMESSE:
            if jusquau := fait("jusquau"):
                return [Action("Vérifier le paiement promis", jusquau + UN_JOUR, REGLE_PROMESSE, onglet=Vue.CREANCES)]
            return []
        case Etape.ECHEANCIER:
            if plan := plan_en_cours(d, passage):
                return [_echeance_a_verifier(plan)]
            return []
        case Etape.LITIGE:
            return [Action("Instruire la contestation", passage.date + 15 * UN_JOUR, passage.faits.get("motif", ""))]
        case Etape.TITRE_EXECUTOIRE:
            depuis = fait("date_signification") or passage.date
            return [Action("Confier l'exécution à un commissaire de justice", depuis + 15 * UN_JOUR, "titre exécutoire")]
    return []


def _echeance_a_verifier(plan: PlanEnCours) -> Action:
    """The first instalment not yet covered by payments since the plan started.

    Overdue (red in the agenda) means an instalment was missed: the chain resumes (s).
    """
    n = plan.nombre
    prochaine = plan.prochaine
    if prochaine is None:
        return Action("Plan respecté jusqu'au bout : clôturer le dossier", plus_mois(plan.premiere, n - 1) + UN_JOUR,
                      f"échéancier de {n} échéances", onglet=Vue.CREANCES)
    return Action(
        f"Échéance {prochaine.rang}/{n} du plan ({montant(prochaine.montant)}) : vérifier le paiement ; "
        "si elle est manquée, reprendre le recouvrement (s)",
        prochaine.date + UN_JOUR,
        f"échéancier de {n} échéances mensuelles à partir du {date_courte(plan.premiere)}",
        onglet=Vue.CREANCES,
    )


def _alerte_prescription(d: Dossier) -> Action | None:
    """Six months before the oldest open invoice is time-barred, unless a court claim is running."""
    # A dispute or a promise does not stop prescription; a court claim interrupts it for the
    # whole proceedings, petites créances suspends it, and a titre has its own 10 years.
    if any(p.vers in _DEMANDES_EN_JUSTICE for p in d.passages) or d.etape in (
        Etape.PETITES_CREANCES, Etape.TITRE_EXECUTOIRE, Etape.EXECUTION
    ):
        return None
    ouvertes = d.creances_ouvertes()
    if not ouvertes:
        return None
    interruptions = [(p.date, "paiement partiel (reconnaissance de la dette)") for p in d.paiements]
    p = echeances.prescription(ouvertes[0].date_echeance, d.debiteur.est_consommateur, interruptions)
    return Action(
        f"Prescription le {date_courte(p.delai.echeance)} : agir en justice avant",
        p.alerte,
        p.delai.regle,
        critique=True,
    )




def action_des_taux(alerte: AlerteTaux, au: dt.date) -> Action:
    """The agenda's line for a half-year whose rates are not entered (domain.taux.alerte_taux): due today
    while it is only coming, overdue from the half-year's first day, when every décompte needs it."""
    return Action(alerte.libelle, alerte.date if alerte.critique else au, alerte.message, critique=alerte.critique)
