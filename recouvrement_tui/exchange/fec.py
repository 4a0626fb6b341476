"""A FEC turned into dossiers, invoices and payments: the import plan, and building it. Pure.

Per customer account (exchange.lecture_fec), the lines say:
- a debit outside a treasury journal is an invoice (PieceRef, PieceDate, amount); a debit in a
  treasury journal gives money back (a refund of what the customer overpaid), kept as a debit too;
- a credit in a treasury journal is a payment, elsewhere a credit note (avoir);
- a lettrage code whose debits and credits balance is settled: its invoices are paid.

Open invoices (unlettered, or in a group that does not balance) give a dossier; a customer whose
every invoice is settled gets none. Each invoice and payment keeps its entry's reference
("VT/000123/D1"): importing the same FEC again, or the next month's, adds only what is new.
The FEC has no due date: the invoice's date plus `echeance_jours`, unless the file has one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal

from recouvrement_tui.domain.etapes import Etape, TypeEvenement
from recouvrement_tui.domain.formatage import date_courte, montant, nombre
from recouvrement_tui.domain.model import Creance, Debiteur, Dossier, ModePaiement, Paiement
from recouvrement_tui.domain.money import ZERO
from recouvrement_tui.domain.procedure import ROUTES
from recouvrement_tui.exchange.lecture_balance import nom_et_forme, normaliser_nom
from recouvrement_tui.exchange.lecture_fec import Ecriture, Fec

ECHEANCE_JOURS = 30  # L441-10 C. com. allows up to 60 days (45 end of month): the settings may say more
_JUDICIAIRES = (*ROUTES, Etape.TITRE_EXECUTOIRE, Etape.EXECUTION)


# --- what the accounts say, per customer -------------------------------------------------------------


@dataclass(frozen=True)
class FactureFec:
    reference: str  # the entry: "VT/000123/D1234.56"
    numero: str  # PieceRef
    date: dt.date
    echeance: dt.date
    montant: Decimal
    objet: str
    lettrage: str
    remboursement: bool = False  # money given back to the customer (debit in a treasury journal)


@dataclass(frozen=True)
class ReglementFec:
    reference: str
    date: dt.date
    montant: Decimal
    avoir: bool  # a credit note (credit outside a treasury journal)
    piece: str
    libelle: str
    lettrage: str


@dataclass(frozen=True)
class ClientFec:
    compte: str
    nom: str
    factures: tuple[FactureFec, ...]
    reglements: tuple[ReglementFec, ...]

    @property
    def groupes_soldes(self) -> frozenset[str]:
        """Lettrage codes whose debits and credits balance: settled."""
        sommes: dict[str, Decimal] = defaultdict(lambda: ZERO)
        for f in self.factures:
            if f.lettrage:
                sommes[f.lettrage] += f.montant
        for r in self.reglements:
            if r.lettrage:
                sommes[r.lettrage] -= r.montant
        return frozenset(code for code, solde in sommes.items() if solde == ZERO)

    @property
    def solde(self) -> Decimal:
        """What the account says the customer owes: its debits less its credits."""
        return sum((f.montant for f in self.factures), ZERO) - sum((r.montant for r in self.reglements), ZERO)

    def ouvertes(self) -> list[FactureFec]:
        soldes = self.groupes_soldes
        return [f for f in self.factures if f.lettrage not in soldes or not f.lettrage]


def clients(fec: Fec, echeance_jours: int = ECHEANCE_JOURS) -> list[ClientFec]:
    """The FEC's customers with their invoices and payments, each entry line given a stable reference."""
    par_client: dict[str, list[Ecriture]] = defaultdict(list)
    for e in fec.ecritures:
        par_client[e.client].append(e)
    resultat = []
    for compte, lignes in par_client.items():
        factures: list[FactureFec] = []
        reglements: list[ReglementFec] = []
        vus: dict[str, int] = defaultdict(int)
        for e in lignes:
            tresorerie = e.journal in fec.journaux_tresorerie
            cote, valeur = ("D", e.debit) if e.debit else ("C", e.credit)
            if not valeur:
                continue
            base = f"{e.journal}/{e.numero}/{cote}{valeur}"
            vus[base] += 1
            reference = base if vus[base] == 1 else f"{base}#{vus[base]}"
            if cote == "D":
                date = e.date_piece or e.date
                factures.append(FactureFec(
                    reference, e.piece or e.numero, date, e.echeance or date + dt.timedelta(days=echeance_jours),
                    valeur, e.libelle, e.lettrage, remboursement=tresorerie))
            else:
                reglements.append(ReglementFec(reference, e.date, valeur, not tresorerie, e.piece, e.libelle,
                                               e.lettrage))
        resultat.append(ClientFec(compte, lignes[0].nom_client, tuple(factures), tuple(reglements)))
    return sorted(resultat, key=lambda c: c.compte)


# --- the plan ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Changement:
    """What the import does to one dossier (a new one has no reference yet)."""

    dossier: Dossier  # before the import (a new dossier: its debtor only)
    nouveau: bool
    factures: tuple[Creance, ...] = ()
    paiements: tuple[Paiement, ...] = ()
    solde: bool = False  # nothing left to pay once the payments are in: closing is proposed
    en_procedure: bool = False  # a court route or a title: the décompte filed needs updating
    desaccords: tuple[str, ...] = ()  # the accounts and the dossier disagree
    compte: str = ""  # the customer's account in the FEC

    @property
    def rien(self) -> bool:
        return not (self.factures or self.paiements or self.desaccords or self.associe_le_compte)

    @property
    def associe_le_compte(self) -> bool:
        """A dossier found by its debtor's name gets the FEC's account, for the next imports."""
        return not self.nouveau and not self.dossier.debiteur.compte_client and bool(self.compte)


@dataclass(frozen=True)
class PlanFec:
    changements: tuple[Changement, ...]
    clients_soldes: int  # customers whose every invoice is settled: no dossier
    lignes: int
    ecritures_clients: int
    applique: bool = False
    references_creees: tuple[str, ...] = ()
    fichier: str = ""

    @property
    def a_creer(self) -> tuple[Changement, ...]:
        return tuple(c for c in self.changements if c.nouveau)

    @property
    def a_mettre_a_jour(self) -> tuple[Changement, ...]:
        return tuple(c for c in self.changements if not c.nouveau and not c.rien)

    @property
    def rien_a_faire(self) -> bool:
        return not any(c.factures or c.paiements for c in self.changements)

    def resume(self) -> str:
        creer, maj = self.a_creer, self.a_mettre_a_jour
        factures = sum(len(c.factures) for c in self.changements)
        paiements = sum(len(c.paiements) for c in self.changements)
        soldes = sum(1 for c in self.changements if c.solde and not c.nouveau)
        verbe = "importés" if self.applique else "à importer"
        morceaux = [
            f"FEC de {_n(self.lignes, 'ligne')}, {_n(self.ecritures_clients, 'écriture')} sur des comptes clients",
            _n(len(creer), "dossier", "créé") if self.applique else _n(len(creer), "dossier", None, "à créer"),
            _n(len(maj), "dossier", None, "à compléter"),
            f"{_n(factures, 'facture')} et {_n(paiements, 'paiement')} {verbe}",
            _n(self.clients_soldes, "client", "entièrement réglé", ": aucun dossier"),
        ]
        if soldes:
            morceaux.append(_n(soldes, "dossier", "désormais soldé", ": clôture proposée"))
        desaccords = sum(len(c.desaccords) for c in self.changements)
        if desaccords:
            morceaux.append(f"{_n(desaccords, 'désaccord')} entre la comptabilité et les dossiers")
        return " ; ".join(morceaux) + "."

    def details(self) -> list[str]:
        lignes = []
        creees = iter(self.references_creees)
        for c in self.changements:
            if c.rien:
                continue
            qui = (next(creees, "nouveau dossier") if self.applique else "nouveau dossier") if c.nouveau \
                else c.dossier.reference
            tete = f"{qui} — {c.dossier.debiteur.nom_complet} ({c.dossier.debiteur.compte_client})"
            parts = []
            if c.factures:
                parts.append(f"{_n(len(c.factures), 'facture')} ({', '.join(f.numero for f in c.factures[:5])}"
                             + ("…" if len(c.factures) > 5 else "") + ")")
            if c.paiements:
                parts.append(f"{_n(len(c.paiements), 'paiement')} ({montant(sum((p.montant for p in c.paiements), ZERO))})")
            if c.solde and not c.nouveau:
                parts.append("soldé : clôture proposée")
            if c.en_procedure and c.paiements:
                parts.append("en procédure : le décompte déposé est à mettre à jour")
            lignes.append(f"{tete} : " + ", ".join(parts) if parts else tete)
            lignes += [f"    ⚠ {d}" for d in c.desaccords]
        return lignes


def planifier_fec(fec: Fec, dossiers_existants: list[Dossier], *, echeance_jours: int = ECHEANCE_JOURS,
                  fichier: str = "") -> PlanFec:
    """Compare the FEC's customers with the dossiers: what to create, add, and where they disagree."""
    # Indexed once, in reference order: each customer looked up by account then name, not by
    # normalising every dossier's name for every customer (10,000 dossiers × 5,000 customers).
    par_compte: dict[str, list[Dossier]] = {}
    par_nom: dict[str, list[Dossier]] = {}
    for d in sorted(dossiers_existants, key=lambda d: d.reference):
        if d.debiteur.compte_client:
            par_compte.setdefault(d.debiteur.compte_client, []).append(d)
        else:
            par_nom.setdefault(normaliser_nom(d.debiteur.nom), []).append(d)
    changements: list[Changement] = []
    soldes = 0
    for client in clients(fec, echeance_jours):
        dossier = _dossier_du_client(client, par_compte, par_nom)
        if dossier is None:
            ouvertes = client.ouvertes()
            if not ouvertes or client.solde <= ZERO:  # lettered, or netting to nothing: nothing owed
                soldes += 1
                continue
            debiteur = _debiteur(client)
            vide = Dossier(reference="", cree_le=dt.date.min, debiteur=debiteur)
            factures = tuple(_creance(f) for f in ouvertes)
            paiements = _paiements_pour(client, factures, set())
            changements.append(Changement(vide, True, factures, paiements, compte=client.compte))
            continue
        changements.append(_completer(client, dossier))
    return PlanFec(tuple(changements), soldes, fec.lignes, len(fec.ecritures), fichier=fichier)


def _completer(client: ClientFec, dossier: Dossier) -> Changement:
    connues = {c.reference_comptable for c in dossier.creances if c.reference_comptable}
    numeros = {c.numero: c for c in dossier.creances}
    soldes = client.groupes_soldes
    nouvelles = tuple(_creance(f) for f in client.factures
                      if f.reference not in connues and f.numero not in numeros
                      and (not f.lettrage or f.lettrage not in soldes))
    desaccords = []
    for f in client.factures:
        existante = numeros.get(f.numero)
        if existante is not None and existante.montant_ttc != f.montant and not f.remboursement:
            desaccords.append(f"Facture {f.numero} : {montant(existante.montant_ttc)} au dossier, "
                              f"{montant(f.montant)} en comptabilité.")
    paiements_connus = {p.reference_comptable for p in dossier.paiements if p.reference_comptable}
    paiements = _paiements_pour(client, (*dossier.creances, *nouvelles), paiements_connus)
    # A payment typed in the dossier that the accounts do not have (same date and amount).
    comptables = {(r.date, r.montant) for r in client.reglements}
    for p in dossier.paiements:
        if not p.reference_comptable and (p.date, p.montant) not in comptables:
            desaccords.append(f"Paiement de {montant(p.montant)} du {date_courte(p.date)} inscrit au dossier, "
                              "inconnu de la comptabilité.")
    apres = dossier.solde + sum((c.montant_ttc for c in nouvelles), ZERO) - sum((p.montant for p in paiements), ZERO)
    return Changement(dossier, False, nouvelles, paiements, solde=bool(paiements) and apres <= ZERO,
                      en_procedure=dossier.etape_de_la_chaine in _JUDICIAIRES, desaccords=tuple(desaccords),
                      compte=client.compte)


def _paiements_pour(client: ClientFec, creances: Iterable[Creance], connus: set[str]) -> tuple[Paiement, ...]:
    """The customer's payments and credit notes that concern these invoices, not yet recorded.

    A payment lettered with invoices of the dossier goes to the one it settles (the only invoice
    of its group; else the debtor named none: art. 1342-10 C. civ. imputes it); an unlettered one
    goes to the invoice its label or piece names, if any. A payment lettered with invoices the
    dossier does not hold (settled before the dossier existed), or unlettered and older than every
    invoice of the dossier, is not the dossier's."""
    creances = list(creances)
    par_numero = {c.numero: c for c in creances}
    premiere = min((c.date_facture for c in creances), default=None)
    factures_du_groupe: dict[str, list[FactureFec]] = defaultdict(list)
    for f in client.factures:
        if f.lettrage:
            factures_du_groupe[f.lettrage].append(f)
    paiements = []
    motifs: list[tuple[re.Pattern[str], Creance]] | None = None  # compiled once, at the first unlettered payment
    for r in sorted(client.reglements, key=lambda r: (r.date, r.reference)):
        if r.reference in connus:
            continue
        cible: Creance | None = None
        if r.lettrage:
            du_groupe = [par_numero[f.numero] for f in factures_du_groupe.get(r.lettrage, ()) if f.numero in par_numero]
            if not du_groupe and factures_du_groupe.get(r.lettrage):
                continue  # it settled invoices this dossier does not hold
            cible = du_groupe[0] if len(du_groupe) == 1 else None
        else:
            if premiere is not None and r.date < premiere:
                continue  # an unlettered payment older than every invoice here paid something else
            if motifs is None:
                motifs = [(re.compile(rf"(?<![\w-]){re.escape(numero)}(?![\w-])"), c)
                          for numero, c in par_numero.items() if numero]
            cible = _nommee(r, motifs)
        mode = ModePaiement.AVOIR if r.avoir else _mode(f"{r.piece} {r.libelle}")
        quoi = "Avoir" if r.avoir else "Règlement"
        commentaire = f"{quoi} {r.piece or ''} importé de la comptabilité : {r.libelle}".replace("  ", " ").strip()
        paiements.append(Paiement(r.date, r.montant, mode, cible.id if cible else None, commentaire[:200],
                                  reference_comptable=r.reference))
    return tuple(paiements)


# How a bank line's label usually says the means of payment ("CHQ 1234567", "PRLV SEPA", "CB").
_MODES = (
    (re.compile(r"\b(ch[eè]que|chq)\b", re.IGNORECASE), ModePaiement.CHEQUE),
    (re.compile(r"\b(pr[ée]l[eè]vement|prlv)\b", re.IGNORECASE), ModePaiement.PRELEVEMENT),
    (re.compile(r"\b(carte|cb)\b", re.IGNORECASE), ModePaiement.CARTE),
    (re.compile(r"\besp[eè]ces\b", re.IGNORECASE), ModePaiement.ESPECES),
    (re.compile(r"\bcompensation\b", re.IGNORECASE), ModePaiement.COMPENSATION),
)


def _mode(libelle: str) -> ModePaiement:
    return next((mode for motif, mode in _MODES if motif.search(libelle)), ModePaiement.VIREMENT)


def _nommee(r: ReglementFec, motifs: list[tuple[re.Pattern[str], Creance]]) -> Creance | None:
    """The one invoice whose number the payment's piece or label names (`motifs`: number's pattern, invoice)."""
    texte = f" {r.piece} {r.libelle} "
    trouvees = [c for motif, c in motifs if motif.search(texte)]
    return trouvees[0] if len(trouvees) == 1 else None


def _dossier_du_client(client: ClientFec, par_compte: dict[str, list[Dossier]],
                       par_nom: dict[str, list[Dossier]]) -> Dossier | None:
    """The customer's latest dossier: same account, else same name (a dossier holding another account
    is another customer); a closed one is left closed unless the accounts still show it open.
    `par_compte`, `par_nom`: the dossiers by account, and those without one by normalised name."""
    memes = par_compte.get(client.compte) or par_nom.get(normaliser_nom(client.nom), [])
    ouverts = [d for d in memes if d.etape is not Etape.CLOTURE]
    return ouverts[-1] if ouverts else None


def _debiteur(client: ClientFec) -> Debiteur:
    nom, forme = nom_et_forme(client.nom)
    return Debiteur(nom=nom or client.compte, forme_juridique=forme, compte_client=client.compte)


def _creance(f: FactureFec) -> Creance:
    objet = ("Remboursement d'un trop-perçu : " if f.remboursement else "") + f.objet
    return Creance(f.numero, f.date, max(f.echeance, f.date), f.montant, objet[:200],
                   reference_comptable=f.reference)


# --- building the dossiers ----------------------------------------------------------------------------


def appliquer(changement: Changement, fichier: str, auteur: str, quand: dt.datetime) -> Dossier:
    """The dossier with the change applied, each invoice and payment journaled (the service saves it)."""
    dossier = changement.dossier
    if changement.nouveau:
        dossier = replace(dossier, cree_le=quand.date(), etape_depuis=quand.date())
        dossier = dossier.noter(TypeEvenement.CREATION, f"Dossier ouvert pour {dossier.debiteur.nom_complet} "
                                                        f"(compte {dossier.debiteur.compte_client}).", auteur, quand)
    elif changement.associe_le_compte:
        compte = changement.compte
        # Matched by its name: the account is kept, so that next month it is matched by it.
        dossier = replace(dossier, debiteur=replace(dossier.debiteur, compte_client=compte))
        dossier = dossier.noter(TypeEvenement.DEBITEUR, f"Compte client {compte} de la comptabilité associé au "
                                                        "débiteur.", auteur, quand)
    for creance in changement.factures:
        dossier = dossier.ajouter_creance(creance, auteur, quand)
    for paiement in changement.paiements:
        dossier = replace(dossier, paiements=dossier.paiements + (paiement,)).noter(
            TypeEvenement.PAIEMENT,
            f"{'Avoir' if paiement.mode is ModePaiement.AVOIR else 'Paiement'} de {montant(paiement.montant)} du "
            f"{date_courte(paiement.date)} importé de la comptabilité ({paiement.reference_comptable}).",
            auteur, quand)
    morceaux = [f"{_n(len(changement.factures), 'facture')}", f"{_n(len(changement.paiements), 'paiement')}"]
    texte = f"Importé du FEC {fichier} : {' et '.join(morceaux)}."
    if changement.solde:
        texte += " Le dossier est désormais soldé : clôturez-le (touche s)."
    if changement.en_procedure and changement.paiements:
        texte += " Le dossier est en procédure : mettez à jour le décompte déposé."
    for desaccord in changement.desaccords:
        texte += f" Désaccord : {desaccord}"
    return dossier.noter(TypeEvenement.IMPORT, texte, auteur, quand)


def _n(n: int, mot: str, participe: str | None = None, suite: str = "") -> str:
    """"3 dossiers créés", "1 client entièrement réglé : aucun dossier", "12 000 lignes"."""
    s = "s" if n > 1 else ""
    texte = f"{nombre(Decimal(n), 0)} {mot}{s}"
    if participe:
        texte += f" {participe}{s}"
    return f"{texte} {suite}" if suite else texte

