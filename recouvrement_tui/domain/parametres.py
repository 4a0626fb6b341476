"""Settings of a data folder: the creditor's identity, the reminder calendar and the mail server."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from recouvrement_tui.domain.courriel import ParametresCourriel
from recouvrement_tui.domain.erreurs import Collecteur, ErreurSaisie
from recouvrement_tui.domain.model import Creancier


@dataclass(frozen=True)
class CalendrierRelances:
    """When each reminder is due; the defaults follow common French practice (DOMAIN.md §1)."""

    jours_avant_echeance_preventive: int = 5
    jours_apres_echeance_premiere_relance: int = 30
    jours_entre_relances: int = 15
    jours_avant_mise_en_demeure: int = 15
    delai_mise_en_demeure: int = 8  # the deadline the mise en demeure gives the debtor
    # Payment term given to invoices imported from the accounts, whose FEC has no due date
    # (L441-10 C. com.: 30 days by default, at most 60 days, or 45 days end of month, if agreed).
    jours_paiement_factures: int = 30


@dataclass(frozen=True)
class Parametres:
    creancier: Creancier = field(default_factory=Creancier)
    calendrier: CalendrierRelances = field(default_factory=CalendrierRelances)
    courriel: ParametresCourriel = field(default_factory=ParametresCourriel)


def _jours(c: Collecteur, valeurs: Mapping[str, object], cle: str, defaut: int) -> int:
    brut = str(valeurs.get(cle, "")).strip()
    if not brut:
        return defaut
    if not re.fullmatch(r"[0-9]{1,3}", brut) or not 0 < int(brut) <= 365:  # "²".isdigit() is True
        c.signaler(cle, f"« {brut} » : indiquez un nombre de jours entre 1 et 365.")
        return defaut
    return int(brut)


def calendrier_depuis_saisie(valeurs: Mapping[str, object]) -> CalendrierRelances:
    """Check the reminder calendar typed in the settings form (numbers of days)."""
    c = Collecteur()
    defaut = CalendrierRelances()
    resultat = CalendrierRelances(
        **{nom: _jours(c, valeurs, nom, getattr(defaut, nom)) for nom in defaut.__dataclass_fields__}
    )
    c.verifier()
    return resultat


def calendrier_depuis_dict(x: Mapping[str, object]) -> CalendrierRelances:
    defaut = CalendrierRelances()
    valeurs: dict[str, int] = {}
    for nom in defaut.__dataclass_fields__:
        valeur = x.get(nom, getattr(defaut, nom))
        if not isinstance(valeur, int) or valeur <= 0:
            raise ErreurSaisie(nom, f"{nom} : « {valeur} » n'est pas un nombre de jours.")
        valeurs[nom] = valeur
    return CalendrierRelances(**valeurs)


def calendrier_dict(c: CalendrierRelances) -> dict[str, int]:
    return {nom: getattr(c, nom) for nom in c.__dataclass_fields__}
