"""Aged-balance ("balance âgée") CSV exports turned into dossiers: the import plan.

`lecture_balance.lire_balance` reads and checks the file. `planifier` compares the result
with the existing dossiers (same SIREN, else same name) and keeps only invoices whose number
is not already there: importing the same file twice changes nothing. `nouveau_dossier` and
`completer_dossier` build what the plan describes; the service saves them. Pure.

The reading API is re-exported here, so `balance.lire_balance` and friends keep working.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal

from recouvrement_tui.domain.etapes import Etape, TypeEvenement
from recouvrement_tui.domain.formatage import montant
from recouvrement_tui.domain.model import Debiteur, Dossier
from recouvrement_tui.domain.money import ZERO
from recouvrement_tui.exchange.lecture_balance import (  # noqa: F401 - re-exported
    COLONNES,
    LIGNES_MAX_BALANCE,
    OBLIGATOIRES,
    TAILLE_MAX_BALANCE,
    Balance,
    ClientBalance,
    LigneFacture,
    decoder,
    erreur_cellule,
    lire_balance,
    nom_et_forme,
    normaliser_nom,
    verifier_taille,
)

# --- planning the import ------------------------------------------------------------------------


@dataclass(frozen=True)
class Complement:
    """Invoices of the file to add to an existing dossier."""

    dossier: Dossier
    factures: tuple[LigneFacture, ...]


@dataclass(frozen=True)
class DejaPresente:
    """An invoice of the file whose number the debtor's dossier already has: left as is."""

    reference: str
    facture: LigneFacture
    reste_dossier: Decimal  # principal the dossier still counts on it

    @property
    def ecart(self) -> bool:
        """The file and the dossier disagree on what is owed (a payment to record?)."""
        return self.facture.montant != self.reste_dossier


@dataclass(frozen=True)
class PlanImport:
    """What importing a balance does, for a preview, and once applied what it did."""

    a_creer: tuple[ClientBalance, ...] = ()
    a_completer: tuple[Complement, ...] = ()
    deja_presentes: tuple[DejaPresente, ...] = ()
    lignes_soldees: tuple[int, ...] = ()
    applique: bool = False
    references_creees: tuple[str, ...] = ()  # once applied, in the order of a_creer
    avertissements: tuple[str, ...] = ()  # about the columns' correspondence, shown with the details

    @property
    def factures_a_creer(self) -> int:
        return sum(len(c.factures) for c in self.a_creer)

    @property
    def factures_a_ajouter(self) -> int:
        return sum(len(c.factures) for c in self.a_completer)

    @property
    def ecarts(self) -> tuple[DejaPresente, ...]:
        return tuple(d for d in self.deja_presentes if d.ecart)

    @property
    def rien_a_faire(self) -> bool:
        return not (self.a_creer or self.a_completer)

    def resume(self) -> str:
        """"3 dossiers à créer (7 factures), 5 factures à ajouter à 2 dossiers existants,
        12 factures déjà présentes" (past tense once applied)."""
        fait = self.applique
        parties = []
        if self.a_creer:
            parties.append(
                f"{_n(len(self.a_creer), 'dossier')} {'créé' + _s(len(self.a_creer)) if fait else 'à créer'} "
                f"({_n(self.factures_a_creer, 'facture')})"
            )
        if self.a_completer:
            ajoutees = "ajoutée" + _s(self.factures_a_ajouter) if fait else "à ajouter"
            parties.append(
                f"{_n(self.factures_a_ajouter, 'facture')} {ajoutees} à "
                f"{_n(len(self.a_completer), 'dossier')} existant{_s(len(self.a_completer))}"
            )
        if self.deja_presentes:
            n = len(self.deja_presentes)
            texte = f"{_n(n, 'facture')} déjà présente{_s(n)}"
            if self.ecarts:
                texte += f", dont {len(self.ecarts)} au reste dû différent"
            parties.append(texte)
        if self.lignes_soldees:
            n = len(self.lignes_soldees)
            parties.append(f"{_n(n, 'ligne')} soldée{_s(n)} ignorée{_s(n)}")
        if self.rien_a_faire:
            return "Rien à importer" + (" : " + ", ".join(parties) if parties else "")
        return ", ".join(parties)

    def details(self) -> list[str]:
        """One line per dossier touched, then the disagreements to check: for previews."""
        lignes = []
        for rang, client in enumerate(self.a_creer):
            reference = self.references_creees[rang] if rang < len(self.references_creees) else "Nouveau dossier"
            lignes.append(
                f"{reference} : {client.designation} : {_n(len(client.factures), 'facture')} "
                f"({_numeros(client.factures)}), {montant(client.total)}"
            )
        for complement in self.a_completer:
            total = sum((f.montant for f in complement.factures), ZERO)
            lignes.append(
                f"{complement.dossier.reference} : {complement.dossier.debiteur.nom_complet} : + "
                f"{_n(len(complement.factures), 'facture')} ({_numeros(complement.factures)}), {montant(total)}"
            )
        for ecart in self.ecarts:
            lignes.append(
                f"{ecart.reference} : facture {ecart.facture.numero} : reste dû {montant(ecart.facture.montant)} "
                f"selon la balance, {montant(ecart.reste_dossier)} dans le dossier (paiement à enregistrer ?)"
            )
        return lignes + list(self.avertissements)


def _s(n: int) -> str:
    return "s" if n > 1 else ""


def _n(n: int, mot: str) -> str:
    return f"{n} {mot}{_s(n)}"


def _numeros(factures: Iterable[LigneFacture], maximum: int = 5) -> str:
    numeros = [f.numero for f in factures]
    return ", ".join(numeros[:maximum]) + (f"… (+{len(numeros) - maximum})" if len(numeros) > maximum else "")


def _noms_du_debiteur(debiteur: Debiteur) -> set[str]:
    noms = {normaliser_nom(debiteur.nom)}
    if debiteur.prenom:  # a natural person may be listed "Prénom Nom" or "Nom Prénom"
        noms |= {
            normaliser_nom(f"{debiteur.prenom} {debiteur.nom}"),
            normaliser_nom(f"{debiteur.nom} {debiteur.prenom}"),
        }
    return noms - {""}


def _candidats(client: ClientBalance, dossiers: list[Dossier]) -> list[Dossier]:
    """The dossiers of this debtor: same SIREN; else same name (a dossier holding another
    SIREN is another company, whatever its name)."""
    if client.siren:
        memes = [d for d in dossiers if d.debiteur.siren == client.siren]
        if memes:
            return memes
    nom = normaliser_nom(client.nom)
    return [
        d
        for d in dossiers
        if nom in _noms_du_debiteur(d.debiteur) and not (client.siren and d.debiteur.siren)
    ]


def planifier(balance: Balance, dossiers_existants: list[Dossier]) -> PlanImport:
    """Decide, per debtor of the balance, which dossier its invoices go to.

    Invoices whose number is already in one of the debtor's dossiers are left as they are.
    New ones go to the debtor's latest dossier that is not closed; without one, a new
    dossier is planned for them.
    """
    dossiers = sorted(dossiers_existants, key=lambda d: d.reference)
    a_creer: list[ClientBalance] = []
    ajouts: dict[str, list[LigneFacture]] = {}
    cibles: dict[str, Dossier] = {}
    deja: list[DejaPresente] = []
    for client in balance.clients:
        candidats = _candidats(client, dossiers)
        presentes: dict[str, tuple[str, Decimal]] = {}
        for dossier in candidats:
            restant = dossier.restant_par_creance()
            for creance in dossier.creances:
                presentes.setdefault(creance.numero, (dossier.reference, restant[creance.id]))
        nouvelles = []
        for facture in client.factures:
            if facture.numero in presentes:
                reference, reste = presentes[facture.numero]
                deja.append(DejaPresente(reference, facture, reste))
            else:
                nouvelles.append(facture)
        if not nouvelles:
            continue
        ouverts = [d for d in candidats if d.etape is not Etape.CLOTURE]
        if not ouverts:
            a_creer.append(replace(client, factures=tuple(nouvelles)))
            continue
        cible = ouverts[-1]
        cibles[cible.reference] = cible
        prevues = ajouts.setdefault(cible.reference, [])
        for facture in nouvelles:  # two groups of the file may lead to one dossier
            if any(f.numero == facture.numero for f in prevues):
                deja.append(DejaPresente(cible.reference, facture, facture.montant))
            else:
                prevues.append(facture)
    return PlanImport(
        a_creer=tuple(a_creer),
        a_completer=tuple(Complement(cibles[r], tuple(f)) for r, f in ajouts.items()),
        deja_presentes=tuple(deja),
        lignes_soldees=balance.lignes_soldees,
    )


# --- building the dossiers ------------------------------------------------------------------------


def nouveau_dossier(client: ClientBalance, fichier: str, auteur: str, quand: dt.datetime) -> Dossier:
    """A new dossier (no reference yet: storage allocates it) with the client's invoices."""
    debiteur = client.debiteur()
    dossier = Dossier(reference="", cree_le=quand.date(), debiteur=debiteur, etape_depuis=quand.date())
    dossier = dossier.noter(TypeEvenement.CREATION, f"Dossier ouvert pour {debiteur.nom_complet}.", auteur, quand)
    return completer_dossier(dossier, client.factures, fichier, auteur, quand)


def completer_dossier(
    dossier: Dossier, factures: Iterable[LigneFacture], fichier: str, auteur: str, quand: dt.datetime
) -> Dossier:
    """Add the invoices (each journaled), then a journal line naming the imported file."""
    factures = tuple(factures)
    for facture in factures:
        dossier = dossier.ajouter_creance(facture.creance(), auteur, quand)
    texte = f"Importé de {fichier} : {_n(len(factures), 'facture')}."
    return dossier.noter(TypeEvenement.IMPORT, texte, auteur, quand)
