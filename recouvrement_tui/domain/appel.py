"""Telephone calls to the debtor: the outcome of each, what it changes, and the call sheet.

A call is a journal event (TypeEvenement.APPEL) with a structured record (`Appel`, kept in
`Dossier.appels`). Its outcome may ask for a move along the chain, which the legal guard decides
like any other move (services.appels asks it): a promise moves the dossier to PROMESSE until the
promised date (the stage's fact `jusquau`), a dispute to LITIGE with its reason (fact `motif`).
A move the guard refuses does not stop the call from being recorded: the refusal's reason is
kept with it. A callback date, a request for a payment plan or a wrong number give a dated
action in the agenda (`suite_de_l_appel`) until a later call or move supersedes it.

`fiche_appel` writes what to say, filled for this debtor, as French recovery guides put it:
what is due and its overdue invoices, a request for a payment date, what happens otherwise
(which depends on who the debtor is), and what was already said and sent.

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
from recouvrement_tui.domain.etapes import Etape, TypeEvenement
from recouvrement_tui.domain.formatage import date_courte, montant
from recouvrement_tui.domain.money import ZERO, lire_montant
from recouvrement_tui.domain.texte import sans_accents

if TYPE_CHECKING:  # the model imports this module
    from recouvrement_tui.domain.decompte import Decompte
    from recouvrement_tui.domain.model import Debiteur, Dossier


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


# --- the call sheet --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SectionFiche:
    titre: str
    lignes: tuple[str, ...]


@dataclass(frozen=True)
class FicheAppel:
    """What to say on the phone, by section; `contact` and `telephone` prefill the outcome's form."""

    sections: tuple[SectionFiche, ...]
    contact: str
    telephone: str

    @property
    def texte(self) -> str:
        return "\n\n".join("\n".join((s.titre, *(f"  {ligne}" for ligne in s.lignes))) for s in self.sections)


def contact_appele(debiteur: Debiteur) -> str:
    """Who a call reaches when the user does not say: "name (phone)" from qui_appeler."""
    nom, telephone = qui_appeler(debiteur)
    return f"{nom} ({telephone})" if telephone else nom


def qui_appeler(debiteur: Debiteur) -> tuple[str, str]:
    """(name, phone) to call: the reminder contact when it has a phone, else the debtor's number."""
    relance = debiteur.contact_relance
    if relance.telephone:
        nom = relance.nom + (f" ({relance.fonction})" if relance.fonction else "")
        return nom or debiteur.nom_complet, relance.telephone
    return (relance.nom or debiteur.nom_complet), debiteur.telephone


def _jours(n: int) -> str:
    return f"{n} jour{'s' if n > 1 else ''}"


def _suite_a_defaut(dossier: Dossier) -> list[str]:
    """What happens if the debtor does not pay, as the law of this debtor says it."""
    d = dossier.debiteur
    lignes: list[str] = []
    if d.secteur_public:
        lignes.append("des intérêts moratoires courent de plein droit depuis l'expiration du délai de paiement "
                      "(taux de la BCE majoré de 8 points), avec l'indemnité forfaitaire de 40 € pour frais de "
                      "recouvrement (art. L2192-13, R2192-31 et D2192-35 du Code de la commande publique) ;")
    elif d.non_professionnel_ou_consommateur:
        lignes.append("des intérêts au taux légal courent à compter de la mise en demeure (art. 1344-1 du Code "
                      "civil) ;")
    else:
        lignes.append("des pénalités de retard courent depuis le lendemain de l'échéance (art. L441-10 du Code de "
                      "commerce), et une indemnité forfaitaire de 40 € par facture est due pour frais de recouvrement "
                      "(art. D441-5) ;")
    envoi = dossier.date_mise_en_demeure
    if envoi is None:
        lignes.append("sans paiement à la date convenue, une mise en demeure vous sera adressée par lettre "
                      "recommandée avec avis de réception, avant toute action en justice.")
    else:
        recours = "le tribunal administratif" if d.secteur_public else "la justice"
        lignes.append(f"une mise en demeure vous a été adressée le {date_courte(envoi)} : sans paiement, nous "
                      f"saisirons {recours}.")
    return lignes


def _promesse_en_cours(dossier: Dossier) -> str:
    """The promise the dossier awaits ("1 200,00 € au plus tard le 30/11/2026"), or "": the latest
    call's when it stands (it may renew the one that moved the dossier), else the stage's fact."""
    if dossier.etape is not Etape.PROMESSE:
        return ""
    appel = appel_en_vigueur(dossier.appels, dossier.etape, dossier.etape_depuis)
    if appel is not None and appel.issue is Issue.PROMESSE and appel.date is not None:
        somme = f"{montant(appel.montant)} " if appel.montant is not None else ""
        return f"{somme}au plus tard le {date_courte(appel.date)}"
    passage = dossier.dernier_passage(Etape.PROMESSE)
    jusquau = passage.fait_date(FAIT_PROMESSE) if passage else None
    return f"au plus tard le {date_courte(jusquau)}" if jusquau else ""


_HISTORIQUE = (TypeEvenement.APPEL, TypeEvenement.COURRIEL, TypeEvenement.DOCUMENT, TypeEvenement.ETAPE)
HISTORIQUE_MAX = 12


def fiche_appel(
    dossier: Dossier, au: dt.date, decompte: Decompte | None, *, creancier: str = "", sans_decompte: str = ""
) -> FicheAppel:
    """The call sheet of `dossier` on `au`. `decompte` is what is owed on `au` (None when it cannot be
    worked out: `sans_decompte` says why, and the principal stands for what is due)."""
    d = dossier.debiteur
    contact, telephone = qui_appeler(d)
    sections: list[SectionFiche] = []

    alertes: list[str] = []
    if dossier.etape is Etape.PROCEDURE_COLLECTIVE or dossier.conditions.date_jugement_ouverture is not None:
        alertes.append("Débiteur en procédure collective : ne réclamez aucun paiement des factures antérieures "
                       "au jugement (L622-7 et L622-21 C. com.) ; déclarez la créance au mandataire.")
    if dossier.etape is Etape.CLOTURE:
        alertes.append("Le dossier est clôturé : l'appel sera noté au journal, sans autre effet.")
    if dossier.etape is Etape.LITIGE and (litige := dossier.dernier_passage(Etape.LITIGE)):
        alertes.append(f"Contestation en cours depuis le {date_courte(litige.date)} : "
                       f"{litige.faits.get(FAIT_CONTESTATION, 'motif non précisé')}. Écoutez les éléments du "
                       "débiteur avant de réclamer le paiement.")
    if promise := _promesse_en_cours(dossier):
        alertes.append(f"Le débiteur a promis de payer {promise}.")
    if not telephone:
        alertes.append("Aucun numéro de téléphone : renseignez-le dans la fiche du débiteur (d).")
    if alertes:
        sections.append(SectionFiche("À savoir avant d'appeler", tuple(alertes)))

    sections.append(SectionFiche("Qui appeler", (
        f"{contact} — {telephone or 'numéro inconnu'}",
        f"Débiteur : {d.nom_complet}" + (f" (SIREN {d.siren})" if d.siren else ""),
    )))

    # Principal left per invoice: the décompte's (payments go to costs and interest first, art.
    # 1343-1), else the plain allocation of payments to invoices.
    restant = dossier.restant_par_creance()
    if decompte is not None:
        restant = {**restant, **{x.creance.id: x.principal_du for x in decompte.creances}}
    echues = sorted((c for c in dossier.creances if c.date_echeance < au and restant[c.id] > 0),
                    key=lambda c: (c.date_echeance, c.numero))
    factures = tuple(
        f"Facture {c.numero} du {date_courte(c.date_facture)} : {montant(restant[c.id])} restant dû "
        f"sur {montant(c.montant_ttc)}, échue le {date_courte(c.date_echeance)}, "
        f"en retard de {_jours((au - c.date_echeance).days)}"
        for c in echues
    )
    if decompte is not None:
        exigible = decompte.total_exigible
        echues_decompte = decompte.creances_echues
        details = [f"principal {montant(sum((x.principal_du for x in echues_decompte), ZERO))}"]
        interets = sum((x.interets_dus for x in echues_decompte), ZERO)
        indemnites = sum((x.indemnite_due for x in echues_decompte), ZERO) + (
            decompte.frais_complementaires if echues_decompte else ZERO)
        if interets:
            details.append(f"intérêts {montant(interets)}")
        if indemnites:
            details.append(f"indemnités {montant(indemnites)}")
        sommes = [f"Montant dû ce jour : {montant(exigible)}"]
        sommes[0] += f" ({', '.join(details)}), d'après le décompte au {date_courte(au)}"
    else:
        exigible = sum((restant[c.id] for c in echues), ZERO)
        sommes = [f"Principal échu : {montant(exigible)} (intérêts non calculés : {sans_decompte})"]
    sections.append(SectionFiche("Ce qui est dû", (*sommes, *(factures or ("Aucune facture échue impayée.",)))))

    nombre = len(echues)
    qui_parle = f"ici {creancier}, service recouvrement" if creancier else "ici le service recouvrement"
    pluriel = "s" if nombre > 1 else ""
    discours = [
        f"« Bonjour, {qui_parle}. Pourrais-je parler à {contact} ? »",
        f"« Je vous appelle au sujet de {nombre} facture{pluriel} échue{pluriel} et restée{pluriel} impayée{pluriel}, "
        f"pour un montant de {montant(exigible)} à ce jour. »" if nombre else
        "« Je vous appelle au sujet de votre compte chez nous. »",
        f"« {'Les avez-vous bien reçues' if nombre > 1 else 'L’avez-vous bien reçue'} ? Y a-t-il une difficulté : "
        "une facture contestée, une livraison, une erreur ? »",
        "« Pouvez-vous me confirmer la date à laquelle le paiement sera effectué, et son montant ? »",
        "« Si le paiement est déjà parti : à quelle date et par quel moyen ? » (pour le rapprocher)",
        "« À défaut de paiement à cette date : »",
        *(f"  {ligne}" for ligne in _suite_a_defaut(dossier)),
        "Si le débiteur ne peut pas tout payer : proposez un échéancier.",
        "Restez courtois et factuel ; notez ce qui est dit, promis ou contesté.",
    ]
    if d.non_professionnel_ou_consommateur and not d.secteur_public:
        discours.append("Débiteur non professionnel : pas de pénalités L441-10 ni d'indemnité de 40 €.")
    sections.append(SectionFiche("Ce qu'il faut dire", tuple(discours)))

    historique = [e for e in dossier.journal if e.type in _HISTORIQUE][-HISTORIQUE_MAX:]
    sections.append(SectionFiche("Appels et courriers précédents (les plus récents d'abord)", tuple(
        f"{e.horodatage.strftime('%d/%m/%Y %H:%M')} · {e.type.libelle} · {e.texte}" for e in reversed(historique)
    ) or ("Aucun appel ni courrier encore.",)))
    return FicheAppel(tuple(sections), contact, telephone)


__all__ = [
    "Appel",
    "FicheAppel",
    "Issue",
    "SectionFiche",
    "Suite",
    "appel_en_vigueur",
    "contact_appele",
    "fiche_appel",
    "lire_appel",
    "lire_issue",
    "passage_de_l_appel",
    "qui_appeler",
    "suite_de_l_appel",
]
