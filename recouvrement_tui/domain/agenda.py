"""Every dated action of a dossier, each with the rule that produced it.

The reminder calendar gives the amicable steps (prochaine_action); the facts recorded on
the current stage give the court deadlines (echeances); the invoices give the prescription
alert. The earliest is the dossier's next action in the list.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from recouvrement_tui.domain import echeances
from recouvrement_tui.domain.delais import zone_depuis_code_postal
from recouvrement_tui.domain.etapes import Etape
from recouvrement_tui.domain.formatage import date_courte
from recouvrement_tui.domain.model import Dossier
from recouvrement_tui.domain.parametres import CalendrierRelances
from recouvrement_tui.domain.procedure import AMIABLES
from recouvrement_tui.domain.prochaine_action import prochaine_action

UN_JOUR = dt.timedelta(days=1)
# Filing that interrupts prescription (art. 2241 C. civ.): a court claim, even in référé.
_DEMANDES_EN_JUSTICE = (Etape.INJONCTION_DE_PAYER, Etape.REFERE_PROVISION, Etape.ASSIGNATION_AU_FOND,
                        Etape.PROCEDURE_COLLECTIVE)


@dataclass(frozen=True)
class Action:
    libelle: str
    date: dt.date
    regle: str = ""
    critique: bool = False  # a right is lost if it is missed
    onglet: str = "synthese"  # where the dossier opens from the agenda


def actions_du_dossier(dossier: Dossier, calendrier: CalendrierRelances) -> list[Action]:
    """All dated actions of the dossier, earliest first ([] once closed)."""
    if dossier.etape is Etape.CLOTURE:
        return []
    actions = _actions_de_l_etape(dossier)
    if not actions:
        suivante = prochaine_action(dossier, calendrier)
        if suivante:
            actions.append(Action(suivante.libelle, suivante.date, "calendrier de relance (paramètres)", onglet="creances"))
    if alerte := _alerte_prescription(dossier):
        actions.append(alerte)
    return sorted(actions, key=lambda a: (a.date, not a.critique))


def _actions_de_l_etape(d: Dossier) -> list[Action]:
    passage = d.passage_courant
    if passage is None or d.etape in AMIABLES:
        return []
    zone = zone_depuis_code_postal(d.debiteur.adresse.code_postal)
    fait = passage.fait_date
    match d.etape:
        case Etape.INJONCTION_DE_PAYER:
            if opposition := fait("date_opposition"):
                return [Action("Opposition formée : préparer l'audience au fond (avocat au-delà de 10 000 €)",
                               opposition + 15 * UN_JOUR,
                               "après opposition, l'affaire est jugée au fond ; avocat obligatoire au-delà de 10 000 €",
                               onglet="journal")]
            if signification := fait("date_signification"):
                delai = echeances.opposition_injonction(signification, d.debiteur.localisation, zone)
                return [Action("Sans opposition, faire exécuter l'ordonnance", delai.echeance + UN_JOUR,
                               f"fin du délai d'opposition le {date_courte(delai.echeance)} : {delai.regle}")]
            if ordonnance := fait("date_ordonnance"):
                delai = echeances.signification_injonction(ordonnance, zone)
                return [Action(delai.libelle, delai.echeance, delai.regle, critique=True)]
            return [Action("Vérifier auprès du greffe si l'ordonnance est rendue", passage.date + 15 * UN_JOUR,
                           "ordonnance rendue en moins de 15 jours en moyenne")]
        case Etape.REFERE_PROVISION | Etape.ASSIGNATION_AU_FOND:
            actions = []
            if audience := fait("date_audience"):
                actions.append(Action("Audience", audience, passage.faits.get("juridiction", "")))
                if "commerce" in passage.faits.get("juridiction", "").casefold():
                    delai = echeances.enrolement_tribunal_commerce(audience, zone)
                    actions.append(Action(delai.libelle, delai.echeance, delai.regle, critique=True))
            elif not (fait("date_ordonnance") or fait("date_jugement")):
                actions.append(Action("Obtenir la date d'audience", passage.date + 15 * UN_JOUR, "suivi de la procédure"))
            return actions
        case Etape.PROCEDURE_COLLECTIVE:
            if bodacc := fait("date_bodacc"):
                delai = echeances.declaration_de_creance(bodacc)
                return [Action(delai.libelle, delai.echeance, delai.regle, critique=True)]
            return []
        case Etape.PROMESSE:
            if jusquau := fait("jusquau"):
                return [Action("Vérifier le paiement promis", jusquau + UN_JOUR, "promesse de paiement", onglet="creances")]
            return []
        case Etape.ECHEANCIER:
            if premiere := fait("premiere_echeance"):
                return [Action("Vérifier la première échéance du plan", premiere + UN_JOUR, "échéancier", onglet="creances")]
            return []
        case Etape.LITIGE:
            return [Action("Instruire la contestation", passage.date + 15 * UN_JOUR, passage.faits.get("motif", ""))]
        case Etape.TITRE_EXECUTOIRE:
            depuis = fait("date_signification") or passage.date
            return [Action("Confier l'exécution à un commissaire de justice", depuis + 15 * UN_JOUR, "titre exécutoire")]
    return []


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


