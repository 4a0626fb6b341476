"""The dossier model: one dossier per debtor, with its invoices, payments and journal.

All objects are frozen: an edit produces a new Dossier. Each edit goes through a Dossier
method that also appends the journal entry describing it, so the journal is complete by
construction and never rewritten.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum

from recouvrement_tui.domain.appel import Appel
from recouvrement_tui.domain.conditions import ConditionsDecompte
from recouvrement_tui.domain.erreurs import ErreurSaisie
from recouvrement_tui.domain.etapes import Etape, TypeEvenement
from recouvrement_tui.domain.formatage import date_courte, fait_lisible, montant
from recouvrement_tui.domain.money import ZERO
from recouvrement_tui.domain.procedure import (
    FAITS_A_COMPLETER,
    FAITS_REQUIS,
    Passage,
    Situation,
    apres_passage,
    dernier_passage,
    etape_de_la_chaine,
    faits_repris,
    motif_cloture_impossible,
    verifier_passage,
)


def nouvel_identifiant() -> str:
    """A stable id for a créance, payment or journal entry (never a TinyDB doc_id)."""
    return uuid.uuid4().hex[:12]


class TypePersonne(StrEnum):
    MORALE = "morale"
    PHYSIQUE = "physique"

    @property
    def libelle(self) -> str:
        return "Personne morale" if self is TypePersonne.MORALE else "Personne physique"


class Qualite(StrEnum):
    """In which capacity the debtor acts (article liminaire C. conso.): it changes the law.

    A consumer is a natural person acting outside any professional purpose; a non-professional
    is a legal person doing the same (many SCI, associations). Against either, no L441-10
    penalties and no 40 € indemnity: legal interest from the mise en demeure (art. 1344-1 C. civ.).
    """

    PROFESSIONNEL = "professionnel"
    CONSOMMATEUR = "consommateur"
    NON_PROFESSIONNEL = "non_professionnel"

    @property
    def libelle(self) -> str:
        return {
            Qualite.PROFESSIONNEL: "Professionnel",
            Qualite.CONSOMMATEUR: "Consommateur",
            Qualite.NON_PROFESSIONNEL: "Non-professionnel (SCI, association…)",
        }[self]


class Activite(StrEnum):
    """The kind of professional activity: a profession libérale or a farmer is never judged by
    the commercial court, even as an entrepreneur individuel (L526-22 C. com.) or a company."""

    COMMERCIALE = "commerciale"
    ARTISANALE = "artisanale"
    LIBERALE = "liberale"
    AGRICOLE = "agricole"

    @property
    def libelle(self) -> str:
        return {
            Activite.COMMERCIALE: "Commerciale",
            Activite.ARTISANALE: "Artisanale",
            Activite.LIBERALE: "Libérale (avocat, médecin, architecte…)",
            Activite.AGRICOLE: "Agricole",
        }[self]

    @property
    def civile(self) -> bool:
        """A civil activity: its debts go to the tribunal judiciaire, not the commercial court."""
        return self in (Activite.LIBERALE, Activite.AGRICOLE)


class Civilite(StrEnum):
    """How a natural person is addressed; empty when unknown (letters then say "Madame, Monsieur")."""

    INCONNUE = ""
    MADAME = "Madame"
    MONSIEUR = "Monsieur"

    @property
    def libelle(self) -> str:
        return self.value or "Non précisée"


class Localisation(StrEnum):
    """Where the debtor is: it sets public holidays and the délais de distance."""

    METROPOLE = "metropole"
    ALSACE_MOSELLE = "alsace_moselle"
    OUTRE_MER = "outre_mer"
    ETRANGER = "etranger"

    @property
    def libelle(self) -> str:
        return {
            Localisation.METROPOLE: "France métropolitaine",
            Localisation.ALSACE_MOSELLE: "Alsace-Moselle",
            Localisation.OUTRE_MER: "Outre-mer",
            Localisation.ETRANGER: "Étranger",
        }[self]


class ModePaiement(StrEnum):
    VIREMENT = "virement"
    CHEQUE = "cheque"
    CARTE = "carte"
    PRELEVEMENT = "prelevement"
    ESPECES = "especes"
    COMPENSATION = "compensation"
    AVOIR = "avoir"  # a credit note issued to the debtor (imported from the accounts)
    AUTRE = "autre"

    @property
    def libelle(self) -> str:
        return {
            ModePaiement.VIREMENT: "Virement",
            ModePaiement.CHEQUE: "Chèque",
            ModePaiement.CARTE: "Carte bancaire",
            ModePaiement.PRELEVEMENT: "Prélèvement",
            ModePaiement.ESPECES: "Espèces",
            ModePaiement.COMPENSATION: "Compensation",
            ModePaiement.AVOIR: "Avoir",
            ModePaiement.AUTRE: "Autre",
        }[self]


@dataclass(frozen=True)
class Adresse:
    lignes: tuple[str, ...] = ()
    code_postal: str = ""
    ville: str = ""
    pays: str = "France"

    def en_lignes(self) -> list[str]:
        """The address as printed on an envelope (country only when not France)."""
        lignes = [ligne for ligne in self.lignes if ligne]
        lignes.append(f"{self.code_postal} {self.ville}".strip())
        if self.pays and self.pays.casefold() != "france":
            lignes.append(self.pays.upper())
        return [ligne for ligne in lignes if ligne]

    def sur_une_ligne(self) -> str:
        return ", ".join(self.en_lignes())


@dataclass(frozen=True)
class Contact:
    """A person to write to or call: reminders often go to accounts payable, not to the buyer."""

    nom: str = ""
    fonction: str = ""
    email: str = ""
    telephone: str = ""

    @property
    def vide(self) -> bool:
        return not (self.nom or self.email or self.telephone)


@dataclass(frozen=True)
class Creancier:
    """The user's company, printed on every letter; set once per data folder."""

    raison_sociale: str = ""
    forme_juridique: str = ""
    capital: Decimal | None = None
    siren: str = ""
    rcs: str = ""  # city of the greffe, e.g. "Lyon"
    siege: Adresse = field(default_factory=Adresse)
    representant_nom: str = ""
    representant_qualite: str = ""
    email: str = ""
    telephone: str = ""
    iban: str = ""

    @property
    def est_renseigne(self) -> bool:
        return bool(self.raison_sociale and self.siren)


@dataclass(frozen=True)
class Debiteur:
    type_personne: TypePersonne = TypePersonne.MORALE
    qualite: Qualite = Qualite.PROFESSIONNEL
    nom: str = ""  # raison sociale, or family name of a natural person
    prenom: str = ""
    forme_juridique: str = ""
    siren: str = ""
    siret: str = ""
    # For a company: who represents it (court filings must name them, art. 1407 CPC).
    representant_legal: str = ""
    adresse: Adresse = field(default_factory=Adresse)
    email: str = ""
    telephone: str = ""
    contact_relance: Contact = field(default_factory=Contact)
    contact_facturation: Contact = field(default_factory=Contact)
    localisation: Localisation = Localisation.METROPOLE
    secteur_public: bool = False
    activite: Activite = Activite.COMMERCIALE  # of a professional: commercial or civil court
    civilite: Civilite = Civilite.INCONNUE  # of a natural person
    compte_client: str = ""  # the customer account in the accounts (FEC CompAuxNum, else CompteNum)

    @property
    def nom_complet(self) -> str:
        """How the debtor is named in lists and letters."""
        if self.type_personne is TypePersonne.PHYSIQUE and self.prenom:
            return f"{self.prenom} {self.nom}"
        if self.forme_juridique:
            return f"{self.nom} ({self.forme_juridique})"
        return self.nom

    @property
    def est_consommateur(self) -> bool:
        """A natural person outside its profession: the 2-year prescription (L218-2 C. conso.)."""
        return self.qualite is Qualite.CONSOMMATEUR

    @property
    def non_professionnel_ou_consommateur(self) -> bool:
        """Not acting as a professional (consumer or non-professional legal person): no L441-10
        penalties, no 40 € indemnity (D441-5), legal interest from the mise en demeure."""
        return self.qualite is not Qualite.PROFESSIONNEL

    @property
    def entrepreneur_individuel(self) -> bool:
        """A natural person registered (SIREN) and acting for its business (L526-22 C. com.)."""
        return self.type_personne is TypePersonne.PHYSIQUE and self.qualite is Qualite.PROFESSIONNEL and bool(self.siren)


@dataclass(frozen=True)
class Creance:
    """One unpaid invoice."""

    numero: str
    date_facture: dt.date
    date_echeance: dt.date
    montant_ttc: Decimal
    objet: str = ""
    taux_contractuel: Decimal | None = None  # annual %, when the contract sets a late rate
    id: str = field(default_factory=nouvel_identifiant)
    # The accounting entry it comes from ("VT/000123/D1"), when imported from a FEC: how the next
    # month's import knows it already has it.
    reference_comptable: str = ""


@dataclass(frozen=True)
class Paiement:
    date: dt.date
    montant: Decimal
    mode: ModePaiement = ModePaiement.VIREMENT
    creance_id: str | None = None  # the invoice the debtor named, if any (art. 1342-10)
    commentaire: str = ""
    id: str = field(default_factory=nouvel_identifiant)
    reference_comptable: str = ""  # the accounting entry it comes from (FEC import), see Creance


class TypePiece(StrEnum):
    """What a supporting document proves (the bordereau names each piece by its type)."""

    FACTURE = "facture"
    BON_DE_COMMANDE = "bon_de_commande"
    CONTRAT = "contrat"
    CONDITIONS_GENERALES = "conditions_generales"
    BON_DE_LIVRAISON = "bon_de_livraison"
    ACCUSE_DE_RECEPTION = "accuse_de_reception"
    CORRESPONDANCE = "correspondance"
    DECISION = "decision"
    AUTRE = "autre"

    @property
    def libelle(self) -> str:
        return {
            TypePiece.FACTURE: "Facture",
            TypePiece.BON_DE_COMMANDE: "Bon de commande",
            TypePiece.CONTRAT: "Contrat",
            TypePiece.CONDITIONS_GENERALES: "Conditions générales de vente",
            TypePiece.BON_DE_LIVRAISON: "Bon de livraison",
            TypePiece.ACCUSE_DE_RECEPTION: "Avis de réception de la lettre recommandée",
            TypePiece.CORRESPONDANCE: "Correspondance",
            TypePiece.DECISION: "Décision de justice",
            TypePiece.AUTRE: "Pièce",
        }[self]


@dataclass(frozen=True)
class Piece:
    """A supporting document attached to the dossier, kept in its pieces/ folder."""

    fichier: str  # name in pieces/
    type: TypePiece
    date: dt.date | None = None
    description: str = ""
    id: str = field(default_factory=nouvel_identifiant)

    @property
    def libelle(self) -> str:
        texte = self.description or self.type.libelle
        if self.date:
            texte += f" du {date_courte(self.date)}"
        return texte


@dataclass(frozen=True)
class EvenementJournal:
    horodatage: dt.datetime
    auteur: str
    type: TypeEvenement
    texte: str
    document: str = ""  # path, relative to the dossier folder, of a linked document
    empreinte: str = ""  # SHA-256 of that document as written, to tell later edits
    id: str = field(default_factory=nouvel_identifiant)


@dataclass(frozen=True)
class Dossier:
    reference: str
    cree_le: dt.date
    debiteur: Debiteur
    creances: tuple[Creance, ...] = ()
    paiements: tuple[Paiement, ...] = ()
    journal: tuple[EvenementJournal, ...] = ()
    etape: Etape = Etape.NOUVEAU
    etape_depuis: dt.date | None = None
    conditions: ConditionsDecompte = field(default_factory=ConditionsDecompte)
    passages: tuple[Passage, ...] = ()  # every move in the chain, with its facts
    etape_avant_pause: Etape | None = None  # where a litige / promesse / échéancier returns to
    pieces: tuple[Piece, ...] = ()  # supporting documents, in the order they were attached
    appels: tuple[Appel, ...] = ()  # telephone calls with their outcome (domain.appel), oldest first
    # Incremented by storage on every save: how a second running instance notices that
    # the dossier changed under it.
    revision: int = 0

    # --- reading -------------------------------------------------------------------------

    @property
    def total_creances(self) -> Decimal:
        return sum((c.montant_ttc for c in self.creances), ZERO)

    @property
    def total_paiements(self) -> Decimal:
        return sum((p.montant for p in self.paiements), ZERO)

    @property
    def solde(self) -> Decimal:
        """Principal still owed (interest and indemnities come from the décompte)."""
        return self.total_creances - self.total_paiements

    def creance(self, creance_id: str) -> Creance:
        for creance in self.creances:
            if creance.id == creance_id:
                return creance
        raise KeyError(creance_id)

    def restant_par_creance(self) -> dict[str, Decimal]:
        """Principal left on each invoice, for reminders and the list.

        Payments the debtor designated go to their invoice; the others settle the oldest
        due invoices first. (The décompte applies art. 1343-1 to interest; this is only
        about which invoices are still open.)
        """
        restant = {c.id: c.montant_ttc for c in self.creances}
        libres: list[Decimal] = []
        for paiement in sorted(self.paiements, key=lambda p: p.date):
            if paiement.creance_id in restant:
                pris = min(paiement.montant, restant[paiement.creance_id])
                restant[paiement.creance_id] -= pris
                if paiement.montant > pris:
                    libres.append(paiement.montant - pris)
            else:
                libres.append(paiement.montant)
        disponible = sum(libres, ZERO)
        for creance in sorted(self.creances, key=lambda c: (c.date_echeance, c.numero)):
            pris = min(disponible, restant[creance.id])
            restant[creance.id] -= pris
            disponible -= pris
        return restant

    def creances_ouvertes(self) -> list[Creance]:
        """Invoices with principal still owed, oldest due first."""
        restant = self.restant_par_creance()
        return sorted(
            (c for c in self.creances if restant[c.id] > 0), key=lambda c: (c.date_echeance, c.numero)
        )

    def a_echoir(self, au: dt.date) -> bool:
        """Some invoice with principal left is not yet due at `au` (one due that very day still is)."""
        return any(c.date_echeance >= au for c in self.creances_ouvertes())

    # --- editing: each edit appends its own journal entry --------------------------------

    def noter(
        self,
        type: TypeEvenement,
        texte: str,
        auteur: str,
        quand: dt.datetime,
        document: str = "",
        empreinte: str = "",
    ) -> Dossier:
        """Append a journal entry. The journal is never edited or shortened."""
        if not texte.strip():
            raise ErreurSaisie("texte", "Le texte de la note est vide : écrivez ce qui s'est passé.")
        # Stored to the second: keeping microseconds in memory would make the saved
        # journal differ from the one just written.
        entree = EvenementJournal(quand.replace(microsecond=0), auteur, type, texte.strip(), document, empreinte)
        return replace(self, journal=self.journal + (entree,))

    def invoquer_urgence(self, motif: str, auteur: str, quand: dt.datetime) -> Dossier:
        """Record why a court is seized before the mise en demeure's time has run out (see `urgence`)."""
        if not motif.strip():
            raise ErreurSaisie("motif", "Indiquez le motif de l'urgence (risque d'insolvabilité, prescription proche…).")
        return self.noter(TypeEvenement.URGENCE, motif, auteur, quand)

    def noter_appel(self, appel: Appel, auteur: str, quand: dt.datetime) -> Dossier:
        """Record a telephone call with its outcome (domain.appel); the move its outcome asked for,
        if the guard allowed it, is already made: the call keeps the stage it left the dossier in."""
        appel = replace(appel, etape=self.etape)
        return replace(self, appels=self.appels + (appel,)).noter(TypeEvenement.APPEL, appel.texte, auteur, quand)

    def modifier_debiteur(self, debiteur: Debiteur, auteur: str, quand: dt.datetime) -> Dossier:
        changes = _champs_modifies(self.debiteur, debiteur)
        if not changes:
            return self
        texte = "Fiche débiteur modifiée : " + ", ".join(changes) + "."
        return replace(self, debiteur=debiteur).noter(TypeEvenement.DEBITEUR, texte, auteur, quand)

    def ajouter_creance(self, creance: Creance, auteur: str, quand: dt.datetime) -> Dossier:
        if any(c.numero == creance.numero for c in self.creances):
            raise ErreurSaisie(
                "numero", f"La facture {creance.numero} figure déjà dans ce dossier : modifiez-la plutôt."
            )
        return replace(self, creances=self.creances + (creance,)).noter(
            TypeEvenement.CREANCE, f"Facture {creance.numero} ajoutée ({montant(creance.montant_ttc)} TTC, échéance {date_courte(creance.date_echeance)}).", auteur, quand
        )

    def modifier_creance(self, creance: Creance, auteur: str, quand: dt.datetime) -> Dossier:
        ancienne = self.creance(creance.id)
        if any(c.numero == creance.numero and c.id != creance.id for c in self.creances):
            raise ErreurSaisie("numero", f"Une autre facture porte déjà le numéro {creance.numero}.")
        changes = _champs_modifies(ancienne, creance)
        if not changes:
            return self
        creances = tuple(creance if c.id == creance.id else c for c in self.creances)
        texte = f"Facture {creance.numero} modifiée : " + ", ".join(changes) + "."
        return replace(self, creances=creances).noter(TypeEvenement.CREANCE, texte, auteur, quand)

    @property
    def etape_de_la_chaine(self) -> Etape:
        """Where the chain stands: during a pause (litige, promesse, échéancier), the stage it paused."""
        return etape_de_la_chaine(self.etape, self.etape_avant_pause)

    def dernier_passage(self, *etapes: Etape) -> Passage | None:
        """The latest recorded move to one of `etapes` (None if the dossier never went there)."""
        return dernier_passage(self.passages, *etapes)

    @property
    def date_mise_en_demeure(self) -> dt.date | None:
        """When the (latest) mise en demeure was sent: its recorded move, else the décompte's condition."""
        passage = self.dernier_passage(Etape.MISE_EN_DEMEURE)
        return passage.date if passage else self.conditions.date_mise_en_demeure

    def a_genere(self, *modeles: str) -> bool:
        """Whether a document of one of these templates was generated: the journal records each one
        with its file, named after its template (a fact, never a guess)."""
        return any(e.type is TypeEvenement.DOCUMENT and any(m in e.document for m in modeles) for e in self.journal)

    @property
    def urgence(self) -> str | None:
        """Why a court may be seized before the mise en demeure's time has run out: the latest
        urgency recorded (TypeEvenement.URGENCE) since the last mise en demeure, else None. An
        urgency speaks of the situation when it was recorded, not of one to come."""
        envoi = self.date_mise_en_demeure
        entree = next((e for e in reversed(self.journal) if e.type is TypeEvenement.URGENCE), None)
        if entree is None or (envoi is not None and entree.horodatage.date() < envoi):
            return None
        return entree.texte

    def situation(self, montant_reclame: Decimal) -> Situation:
        return Situation(self.etape, self.etape_avant_pause, montant_reclame, self.etape is Etape.LITIGE,
                         self.urgence is not None)

    def changer_etape(
        self,
        vers: Etape,
        date: dt.date,
        faits: dict[str, str],
        montant_reclame: Decimal,
        auteur: str,
        quand: dt.datetime,
    ) -> Dossier:
        """Move along the chain (ErreurSaisie when the move is not offered or misdated).

        The mise en demeure's date and a judgment's signification feed the décompte's
        conditions when those are still empty, so the user types each fact once.
        """
        # Past moves may be entered after the fact, but not out of order.
        precedent = self.passages[-1].date if self.passages else None
        verifier_passage(self.situation(montant_reclame), vers, date, quand.date(), precedent)
        if vers is Etape.CLOTURE and (motif := motif_cloture_impossible(faits.get("motif", ""), self.solde)):
            raise ErreurSaisie("motif", motif)
        # Resuming after a pause, the paused stage's facts carry over; what was just typed prevails.
        faits = {**faits_repris(self.etape, self.etape_avant_pause, self.passages, vers), **faits}
        passage = Passage(self.etape, vers, date, dict(faits))
        conditions = self.conditions
        if vers is Etape.MISE_EN_DEMEURE and conditions.date_mise_en_demeure is None:
            conditions = replace(conditions, date_mise_en_demeure=date)
        if vers is Etape.PROCEDURE_COLLECTIVE and conditions.date_jugement_ouverture is None:
            conditions = replace(conditions, date_jugement_ouverture=date)
        if (signification := passage.fait_date("date_signification")) and conditions.date_signification_jugement is None:
            conditions = replace(conditions, date_signification_jugement=signification)
        libelles = {f.cle: f.libelle for f in FAITS_REQUIS.get(vers, ())}
        details = "; ".join(
            f"{libelles.get(cle, cle)} : {fait_lisible(valeur)}" for cle, valeur in faits.items() if cle != "date"
        )
        texte = f"{self.etape.libelle} → {vers.libelle}, le {date_courte(date)}." + (f" {details}." if details else "")
        return replace(
            self,
            etape=vers,
            etape_depuis=date,
            passages=self.passages + (passage,),
            etape_avant_pause=apres_passage(self.etape_avant_pause, self.etape, vers),
            conditions=conditions,
        ).noter(TypeEvenement.ETAPE, texte, auteur, quand)

    @property
    def passage_courant(self) -> Passage | None:
        """The move that brought the dossier to its current stage, if recorded."""
        if self.passages and self.passages[-1].vers is self.etape:
            return self.passages[-1]
        return None

    def completer_faits(self, faits: dict[str, str], auteur: str, quand: dt.datetime) -> Dossier:
        """Add facts that arrive later to the current stage (ordonnance, service, hearing…)."""
        courant = self.passage_courant
        if courant is None:
            raise ErreurSaisie("etape", f"L'étape « {self.etape.libelle} » n'a pas été enregistrée avec ses faits.")
        nouveaux = {cle: valeur for cle, valeur in faits.items() if courant.faits.get(cle) != valeur}
        if not nouveaux:
            return self
        _verifier_chronologie(courant, {**courant.faits, **nouveaux}, quand.date())
        passage = replace(courant, faits={**courant.faits, **nouveaux})
        conditions = self.conditions
        signification = passage.fait_date("date_signification")
        if signification and self.etape is not Etape.INJONCTION_DE_PAYER and conditions.date_signification_jugement is None:
            conditions = replace(conditions, date_signification_jugement=signification)
        libelles = {f.cle: f.libelle for f in FAITS_A_COMPLETER.get(self.etape, ())}
        texte = f"{self.etape.libelle} : " + "; ".join(
            f"{libelles.get(cle, cle)} : {fait_lisible(valeur)}" for cle, valeur in nouveaux.items()
        ) + "."
        return replace(self, passages=self.passages[:-1] + (passage,), conditions=conditions).noter(
            TypeEvenement.ETAPE, texte, auteur, quand
        )

    def joindre_piece(self, piece: Piece, empreinte: str, auteur: str, quand: dt.datetime) -> Dossier:
        """Record a file already copied into pieces/, with its SHA-256 in the journal."""
        if any(p.fichier == piece.fichier for p in self.pieces):
            raise ErreurSaisie("fichier", f"Une pièce s'appelle déjà « {piece.fichier} » dans ce dossier.")
        texte = f"Pièce jointe : {piece.libelle} ({piece.fichier})."
        return replace(self, pieces=self.pieces + (piece,)).noter(
            TypeEvenement.PIECE, texte, auteur, quand, f"pieces/{piece.fichier}", empreinte
        )

    def modifier_conditions(self, conditions: ConditionsDecompte, auteur: str, quand: dt.datetime) -> Dossier:
        changes = _champs_modifies(self.conditions, conditions)
        if not changes:
            return self
        texte = "Conditions du décompte modifiées : " + ", ".join(changes) + "."
        return replace(self, conditions=conditions).noter(TypeEvenement.NOTE, texte, auteur, quand)

    def ajouter_paiement(self, paiement: Paiement, auteur: str, quand: dt.datetime) -> Dossier:
        if paiement.creance_id is not None:
            cible = self.creance(paiement.creance_id)  # KeyError: a bug, not user input
            sur = f" sur la facture {cible.numero}"
        else:
            sur = ""
        texte = f"Paiement de {montant(paiement.montant)} reçu le {date_courte(paiement.date)} ({paiement.mode.libelle}){sur}."
        return replace(self, paiements=self.paiements + (paiement,)).noter(
            TypeEvenement.PAIEMENT, texte, auteur, quand
        )


def verifier_dossier(dossier: Dossier) -> None:
    """Refuse (ErreurSaisie) a dossier whose parts contradict each other, as a file edited by
    hand or damaged may: two invoices with one id or one number (payments and edits would go
    to both), or two pièces with one file name (the bordereau would list one file twice)."""
    for cle, nom in (("id", "identifiant"), ("numero", "numéro")):
        vus: set[str] = set()
        for creance in dossier.creances:
            valeur = getattr(creance, cle)
            if valeur in vus:
                raise ErreurSaisie("creances", f"creances : deux factures portent le même {nom} ({valeur}).")
            vus.add(valeur)
    fichiers: set[str] = set()
    for piece in dossier.pieces:
        if piece.fichier in fichiers:
            raise ErreurSaisie("pieces", f"pieces : deux pièces portent le même nom de fichier ({piece.fichier}).")
        fichiers.add(piece.fichier)


_NOMS_CHAMPS = {
    "type_personne": "type de personne",
    "qualite": "qualité",
    "nom": "nom",
    "prenom": "prénom",
    "forme_juridique": "forme juridique",
    "siren": "SIREN",
    "siret": "SIRET",
    "representant_legal": "représentant légal",
    "adresse": "adresse",
    "email": "e-mail",
    "telephone": "téléphone",
    "contact_relance": "contact pour les relances",
    "contact_facturation": "contact facturation",
    "localisation": "localisation",
    "secteur_public": "secteur public",
    "activite": "activité",
    "civilite": "civilité",
    "numero": "numéro",
    "date_facture": "date de facture",
    "date_echeance": "échéance",
    "montant_ttc": "montant TTC",
    "objet": "objet",
    "taux_contractuel": "taux contractuel",
    "regime": "régime des intérêts",
    "creancier_particulier": "créancier particulier",
    "date_mise_en_demeure": "date de mise en demeure",
    "date_signification_jugement": "date de signification du jugement",
    "date_jugement_ouverture": "date du jugement d'ouverture",
    "capitalisation": "capitalisation",
    "indemnite_forfaitaire": "indemnité forfaitaire",
    "frais_justifies": "frais justifiés",
    "base": "base annuelle",
}


# Facts about events still to come (a hearing, a promised date) may be in the future.
_FAITS_A_VENIR = ("date_audience", "jusquau", "premiere_echeance")
# Each of these cannot precede the one before it.
_ORDRE_INJONCTION = ("date_ordonnance", "date_signification", "date_opposition")


def _verifier_chronologie(passage: Passage, faits: dict[str, str], aujourdhui: dt.date) -> None:
    """Later facts of a stage must be possible: not before the stage, not in the future, in order."""
    dates = {cle: dt.date.fromisoformat(v) for cle, v in faits.items() if cle.startswith("date") and cle != "date"}
    for cle, jour in dates.items():
        if jour < passage.date:
            raise ErreurSaisie(cle, f"Cette date précède le passage à l'étape ({date_courte(passage.date)}).")
        if jour > aujourdhui and cle not in _FAITS_A_VENIR:
            raise ErreurSaisie(cle, "Un événement passé ne peut pas être daté dans le futur.")
    precedents = [(cle, dates[cle]) for cle in _ORDRE_INJONCTION if cle in dates]
    for (_avant, jour_avant), (apres, jour_apres) in zip(precedents, precedents[1:]):
        if jour_apres < jour_avant:
            raise ErreurSaisie(apres, "Cette date précède l'étape de la procédure qui la rend possible "
                               "(ordonnance, puis signification, puis opposition).")


def _champs_modifies(avant: object, apres: object) -> list[str]:
    """Names, in French, of the fields that differ between two versions of a record."""
    noms = []
    for nom in avant.__dataclass_fields__:  # type: ignore[attr-defined]
        if nom != "id" and getattr(avant, nom) != getattr(apres, nom):
            noms.append(_NOMS_CHAMPS.get(nom, nom))
    return noms
