"""Telephone calls to the debtor: the outcome of each and what it changes.

A call is a journal event (TypeEvenement.APPEL) with a structured record (`Appel`, kept in
`Dossier.appels`). Its outcome may ask for a move along the chain, which the legal guard decides
like any other move (services.appels asks it): a promise moves the dossier to PROMESSE until the
promised date (the stage's fact `jusquau`), a dispute to LITIGE with its reason (fact `motif`).
A move the guard refuses does not stop the call from being recorded: the refusal's reason is
kept with it. A callback date, a request for a payment plan or a wrong number give a dated
action in the agenda (`suite_de_l_appel`) until a later call or move supersedes it.

What to say on the phone is the call sheet's (domain.fiche_appel).

No import of the model at run time: the model imports this module (Dossier.appels).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from recouvrement_tui.domain.dates import UN_JOUR, lire_date
from recouvrement_tui.domain.erreurs import Collecteur, ErreurSaisie
from recouvrement_tui.domain.etapes import Etape
from recouvrement_tui.domain.formatage import date_courte, montant
from recouvrement_tui.domain.money import lire_montant
from recouvrement_tui.domain.texte import sans_accents

if TYPE_CHECKING:  # the model imports this module
    pass


class Issue(StrEnum):
    """How a call ended."""

    PAS_DE_REPONSE = "pas_de_reponse"
    MESSAGE_LAISSE = "message_laisse"
    PROMESSE = "promesse"
    CONTESTATION = "contestation"
    ECHEANCIER_DEMANDE = "echeancier_demande"
    MAUVAIS_NUMERO = "mauvais_numero"
    RAPPELER = "rappeler"

    @property
    def libelle(self) -> str:
        return _LIBELLES[self]


_LIBELLES = {
    Issue.PAS_DE_REPONSE: "Pas de réponse",
    Issue.MESSAGE_LAISSE: "Message laissé",
    Issue.PROMESSE: "Promesse de paiement",
    Issue.CONTESTATION: "Contestation",
    Issue.ECHEANCIER_DEMANDE: "Échéancier demandé",
    Issue.MAUVAIS_NUMERO: "Mauvais numéro",
    Issue.RAPPELER: "Rappeler le",
}

# The fact keys of the moves a call makes (domain.procedure.FAITS_REQUIS): the promised date of
# PROMESSE is the one the agenda's "Vérifier le paiement promis" reads, the reason of LITIGE the
# one "Instruire la contestation" shows.
FAIT_PROMESSE = "jusquau"
FAIT_CONTESTATION = "motif"


@dataclass(frozen=True)
class Appel:
    """One call, as recorded."""

    horodatage: dt.datetime
    issue: Issue
    contact: str = ""  # who was called: name and number as typed
    date: dt.date | None = None  # promised payment date (promesse) or callback date (rappeler)
    montant: Decimal | None = None  # amount promised (promesse)
    note: str = ""  # what was said; for a contestation, its reason
    etape: Etape | None = None  # the dossier's stage once the call was recorded (its move made)
    refus: str = ""  # why the move the outcome asked for was refused (the legal guard), if it was
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])

    @property
    def texte(self) -> str:
        """The journal's line for this call."""
        qui = f" à {self.contact}" if self.contact else ""
        texte = f"Appel{qui} : {self.issue.libelle.lower()}"
        if self.issue is Issue.PROMESSE and self.montant is not None and self.date is not None:
            texte = f"Appel{qui} : promesse de paiement de {montant(self.montant)} au plus tard le {date_courte(self.date)}"
        elif self.issue is Issue.RAPPELER and self.date is not None:
            texte = f"Appel{qui} : rappeler le {date_courte(self.date)}"
        texte += "."
        if self.note:
            texte += f" {'Motif' if self.issue is Issue.CONTESTATION else 'Note'} : {self.note}"
            texte += "" if self.note.endswith((".", "!", "?", "…")) else "."
        if self.refus:
            texte += f" Étape non modifiée : {self.refus}"
        return texte


# --- what the user typed -----------------------------------------------------------------------


def lire_issue(texte: str) -> Issue:
    """An outcome typed as its key ("promesse") or its label ("Promesse de paiement", "rappeler le",
    accents and case ignored); ErreurSaisie listing the outcomes otherwise."""
    simple = "_".join(sans_accents(texte).casefold().replace("'", " ").replace("-", " ").split())
    for issue in Issue:
        libelle = "_".join(sans_accents(issue.libelle).casefold().split())
        if simple in (issue.value, libelle) or (simple and libelle.startswith(simple) and len(simple) >= 4):
            return issue
    permis = ", ".join(f"{i.value} ({i.libelle.lower()})" for i in Issue)
    if not simple:
        raise ErreurSaisie("issue", f"Indiquez l'issue de l'appel parmi : {permis}.")
    raise ErreurSaisie("issue", f"« {texte} » n'est pas une issue d'appel : choisissez parmi {permis}.")


def lire_appel(valeurs: Mapping[str, object], quand: dt.datetime) -> Appel:
    """Check a call as typed (keys: issue, contact, jusquau, montant, note), every error at once.

    A promise needs its date (today or later) and its amount; a dispute its reason (the note);
    a callback its date (today or later). A date or an amount another outcome does not use is
    refused rather than silently dropped: the user may have picked the wrong outcome.
    """
    c = Collecteur()
    issue = c.lire(lire_issue, str(valeurs.get("issue", "") or ""))
    contact = " ".join(str(valeurs.get("contact", "") or "").split())
    note = str(valeurs.get("note", "") or "").strip()
    brut_date = str(valeurs.get("jusquau", "") or "").strip()
    brut_montant = str(valeurs.get("montant", "") or "").strip()
    jour = quand.date()
    date = c.lire(lire_date, brut_date, "jusquau") if brut_date else None
    somme = c.lire(lire_montant, brut_montant, "montant") if brut_montant else None
    if issue is Issue.PROMESSE:
        if not brut_date:
            c.signaler("jusquau", "Indiquez la date à laquelle le débiteur promet de payer (JJ/MM/AAAA).")
        if not brut_montant:
            c.signaler("montant", "Indiquez le montant que le débiteur promet de payer, par exemple 1 234,56.")
    if issue is Issue.RAPPELER and not brut_date:
        c.signaler("jusquau", "Indiquez la date à laquelle rappeler (JJ/MM/AAAA).")
    if issue in (Issue.PROMESSE, Issue.RAPPELER) and date is not None and date < jour:
        quoi = "La date promise" if issue is Issue.PROMESSE else "La date de rappel"
        c.signaler("jusquau", f"{quoi} ({date_courte(date)}) est passée : indiquez une date à partir "
                              f"d'aujourd'hui ({date_courte(jour)}).")
    if issue is Issue.CONTESTATION and not note:
        c.signaler("note", "Indiquez le motif de la contestation dans la note (facture contestée, "
                           "livraison incomplète, prix…) : il est repris au litige.")
    if issue is not None and issue not in (Issue.PROMESSE, Issue.RAPPELER) and brut_date:
        c.signaler("jusquau", f"Une date ne sert qu'à une promesse de paiement ou à un rappel, pas à "
                              f"« {issue.libelle.lower()} » : effacez-la ou changez d'issue.")
    if issue is not None and issue is not Issue.PROMESSE and brut_montant:
        c.signaler("montant", f"Un montant ne sert qu'à une promesse de paiement, pas à "
                              f"« {issue.libelle.lower()} » : effacez-le ou changez d'issue.")
    c.verifier()
    assert issue is not None  # an unreadable outcome was reported above
    return Appel(quand.replace(microsecond=0), issue, contact, date, somme, note)


def passage_de_l_appel(appel: Appel, etape: Etape) -> tuple[Etape, dict[str, str]] | None:
    """The move the call's outcome asks for from `etape`, with its facts as the move's form takes
    them: a promise to PROMESSE until the promised date, a dispute to LITIGE with its reason; None
    otherwise. A promise renewed while the dossier awaits one is no move: the new promise replaces
    the old in the agenda (suite_de_l_appel); likewise a dispute restated while one is open."""
    jour = appel.horodatage.date().isoformat()
    if appel.issue is Issue.PROMESSE and appel.date is not None and etape is not Etape.PROMESSE:
        return Etape.PROMESSE, {"date": jour, FAIT_PROMESSE: appel.date.isoformat()}
    if appel.issue is Issue.CONTESTATION and etape is not Etape.LITIGE:
        return Etape.LITIGE, {"date": jour, FAIT_CONTESTATION: appel.note}
    return None


# --- what the call leaves in the agenda ------------------------------------------------------------


@dataclass(frozen=True)
class Suite:
    """A dated action a call leaves (domain.agenda makes it an Action)."""

    libelle: str
    date: dt.date
    regle: str
    onglet: str  # a domain.agenda.Vue value
    promesse: bool = False  # it replaces the PROMESSE stage's own check (same date, with the amount)


def appel_en_vigueur(appels: Sequence[Appel], etape: Etape, etape_depuis: dt.date | None) -> Appel | None:
    """The latest call, unless a later move superseded it (the stage is no longer the one it left,
    or was entered again after it)."""
    if not appels:
        return None
    dernier = appels[-1]
    if dernier.etape is not None and dernier.etape is not etape:
        return None
    if etape_depuis is not None and etape_depuis > dernier.horodatage.date():
        return None
    return dernier


def suite_de_l_appel(appels: Sequence[Appel], etape: Etape, etape_depuis: dt.date | None) -> Suite | None:
    """What the latest call still asks to do, and when (None: nothing, or superseded)."""
    appel = appel_en_vigueur(appels, etape, etape_depuis)
    if appel is None:
        return None
    le = date_courte(appel.horodatage.date())
    qui = appel.contact or "le débiteur"
    match appel.issue:
        case Issue.RAPPELER if appel.date is not None:
            return Suite(f"Rappeler {qui}", appel.date, f"rappel convenu au téléphone le {le}", "journal")
        # In a procédure collective the debtor may not pay a prior debt (L622-7 C. com.): nothing to check.
        case Issue.PROMESSE if appel.date is not None and etape is not Etape.PROCEDURE_COLLECTIVE:
            somme = f" ({montant(appel.montant)})" if appel.montant is not None else ""
            return Suite(f"Vérifier le paiement promis{somme}", appel.date + UN_JOUR,
                         f"promesse de paiement faite au téléphone le {le}", "creances", promesse=True)
        case Issue.ECHEANCIER_DEMANDE:
            return Suite("Proposer un échéancier au débiteur (modèle « proposition d'échéancier »), "
                         "puis passer à l'étape Échéancier (s)", appel.horodatage.date() + UN_JOUR,
                         f"échéancier demandé au téléphone le {le}", "documents")
        case Issue.MAUVAIS_NUMERO:
            return Suite("Trouver le bon numéro du débiteur et corriger sa fiche (d)", appel.horodatage.date(),
                         f"mauvais numéro le {le}", "synthese")
    return None
