"""The next thing to do in a dossier, and when, from its stage and the reminder calendar."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from recouvrement_tui.domain.dates import UN_JOUR
from recouvrement_tui.domain.etapes import Etape
from recouvrement_tui.domain.model import Dossier
from recouvrement_tui.domain.parametres import CalendrierRelances


@dataclass(frozen=True)
class ProchaineAction:
    libelle: str
    date: dt.date
    vers: Etape | None = None  # the stage this action moves to, when it is a letter to send
    # The last day this action can still be taken, when it has one: afterwards the calendar asks
    # for another (see prochaine_action), whatever the dossier.
    jusqua: dt.date | None = None


def prochaine_action(dossier: Dossier, calendrier: CalendrierRelances, au: dt.date | None = None) -> ProchaineAction | None:
    """What the calendar asks for next at `au`, or None for a closed dossier.

    Dates may be in the past: that is an overdue action, shown as such by the agenda. One action
    expires instead: the relance préventive recalls a due date to come, so it is possible only
    while an invoice is still à échoir (the legal guard refuses it afterwards); from the day after
    the last one falls due, or from the day the first invoice's relance amiable is due if that
    comes first, the relance amiable is next. Without `au`, the plan as the calendar draws it,
    the préventive included.
    """
    if dossier.etape is Etape.CLOTURE:
        return None
    ouvertes = dossier.creances_ouvertes()
    depuis = dossier.etape_depuis or dossier.cree_le
    if not ouvertes:
        if not dossier.creances:
            return ProchaineAction("Saisir les factures impayées", dossier.cree_le)
        dernier = max((p.date for p in dossier.paiements), default=depuis)
        return ProchaineAction("Clôturer : dossier soldé", dernier)
    echeance = ouvertes[0].date_echeance
    c = calendrier
    premiere_relance = echeance + c.jours_apres_echeance_premiere_relance * UN_JOUR
    match dossier.etape:
        case Etape.NOUVEAU:
            preventive = echeance - c.jours_avant_echeance_preventive * UN_JOUR
            # Possible while an invoice is à échoir (Dossier.a_echoir: up to the last due date), and the
            # step to take until the first invoice's relance amiable is due.
            jusqua = min(ouvertes[-1].date_echeance, premiere_relance - UN_JOUR)
            if dossier.cree_le <= preventive and (au is None or au <= jusqua):
                return ProchaineAction("Relance préventive", preventive, Etape.RELANCE_PREVENTIVE, jusqua=jusqua)
            return ProchaineAction("Relance amiable", premiere_relance, Etape.RELANCE_AMIABLE)
        case Etape.RELANCE_PREVENTIVE:
            return ProchaineAction("Relance amiable", premiere_relance, Etape.RELANCE_AMIABLE)
        case Etape.RELANCE_AMIABLE:
            return ProchaineAction("Relance ferme", depuis + c.jours_entre_relances * UN_JOUR, Etape.RELANCE_FERME)
        case Etape.RELANCE_FERME:
            return ProchaineAction(
                "Mise en demeure (LRAR)", depuis + c.jours_avant_mise_en_demeure * UN_JOUR, Etape.MISE_EN_DEMEURE
            )
        case Etape.MISE_EN_DEMEURE:
            return ProchaineAction(
                "Choisir une voie judiciaire", depuis + (c.delai_mise_en_demeure + 1) * UN_JOUR
            )
        case Etape.LITIGE:
            return ProchaineAction("Instruire la contestation", depuis + c.jours_entre_relances * UN_JOUR)
        case Etape.PROMESSE | Etape.ECHEANCIER:
            return ProchaineAction("Vérifier le paiement promis", depuis + c.jours_entre_relances * UN_JOUR)
        case Etape.PROCEDURE_COLLECTIVE:
            return ProchaineAction("Déclarer la créance au mandataire", depuis + 30 * UN_JOUR)
        case Etape.TITRE_EXECUTOIRE:
            return ProchaineAction("Confier l'exécution à un commissaire de justice", depuis + 15 * UN_JOUR)
        case _:
            return ProchaineAction("Suivre la procédure", depuis + 30 * UN_JOUR)
