"""Telephone calls: the call sheet of a dossier, and recording a call's outcome.

The rules are the domain's (domain.appel): which outcome needs what, which move it asks for,
what it leaves in the agenda, what the sheet says. This service reads what the sheet needs (the
décompte, the creditor's name), asks the legal guard for the move through
ServiceDossiers.changer_etape, and saves the call and its move together, once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from recouvrement_tui.domain.appel import lire_appel, passage_de_l_appel
from recouvrement_tui.domain.erreurs import ErreurSaisie, ErreursSaisie
from recouvrement_tui.domain.fiche_appel import FicheAppel, contact_appele, fiche_appel, fuseau_du_debiteur
from recouvrement_tui.domain.model import Dossier
from recouvrement_tui.domain.taux import TauxIllisibles, TauxInconnu

if TYPE_CHECKING:
    from recouvrement_tui.services.dossiers import ServiceDossiers


class ServiceAppels:
    def __init__(self, service: ServiceDossiers) -> None:
        self.service = service

    def fiche(self, dossier: Dossier) -> FicheAppel:
        """What to say when calling the debtor today (domain.fiche_appel)."""
        au = self.service.aujourdhui()
        try:
            decompte, sans_decompte = self.service.decompte(dossier, au), ""
        except (TauxInconnu, TauxIllisibles) as erreur:
            decompte, sans_decompte = None, str(erreur)
        return fiche_appel(dossier, au, decompte, creancier=self.service.parametres.creancier.raison_sociale,
                           sans_decompte=sans_decompte, heure_debiteur=self.heure_du_debiteur(dossier))

    def heure_du_debiteur(self, dossier: Dossier) -> dt.datetime | None:
        """The time now where an overseas debtor is (None in metropolitan France or abroad). The
        clock's naive time is the computer's local time; without a time-zone database (Windows
        without tzdata) the territory's standard offset stands in (only Saint-Pierre-et-Miquelon
        has summer time)."""
        fuseau = fuseau_du_debiteur(dossier.debiteur)
        if fuseau is None:
            return None
        zone: dt.tzinfo
        try:
            zone = ZoneInfo(fuseau.nom)
        except (ZoneInfoNotFoundError, ValueError):
            zone = dt.timezone(fuseau.decalage)
        return self.service.maintenant().astimezone(zone)

    def appeler(self, reference: str, valeurs: Mapping[str, object], *, depuis: Dossier | None = None) -> Dossier:
        """Record a call (keys: issue, contact, jusquau, montant, note) and make the move its outcome
        asks for. ErreursSaisie (French, per field) when the call is not complete; nothing saved then.

        A move the guard or the chain refuses (a promise while a titre is being enforced, a dispute
        already open…) does not lose the call: it is recorded with the refusal's reason
        (`dossier.appels[-1].refus`), which the faces show. Call and move are saved together; if a
        colleague saved the dossier meanwhile, both are redone on the fresh dossier, the guard asked
        again (ServiceDossiers.reessayer)."""
        service = self.service
        maintenant = service.maintenant()
        appel = lire_appel(valeurs, maintenant)

        def modifier(dossier: Dossier) -> Dossier:
            refus = ""
            if passage := passage_de_l_appel(appel, dossier.etape):
                vers, faits = passage
                try:
                    dossier = service.changer_etape(dossier, vers, faits, enregistrer=False)
                except ErreursSaisie as erreurs:
                    refus = " ".join(e.message for e in erreurs.erreurs)
                except ErreurSaisie as erreur:
                    refus = erreur.message
            contact = appel.contact or contact_appele(dossier.debiteur)
            return dossier.noter_appel(replace(appel, contact=contact, refus=refus), service.auteur, maintenant)

        enregistre = service.reessayer(reference, modifier, "l'appel", depuis=depuis)
        service.indexer(enregistre)
        return enregistre
