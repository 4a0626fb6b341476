"""Imputation of payments (art. 1342-10 and 1343-1 C. civ.) and the running account of one invoice.

`Compte` is the state of one invoice while the décompte processes payments in date order;
`ordre_legal` says which debts a payment goes to first, `repartir` shares it within a group
of equal debts, `payer` applies it within one debt: indemnity, then interest, then principal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal

from recouvrement_tui.domain.conditions import Regime
from recouvrement_tui.domain.decompte_resultat import Imputation
from recouvrement_tui.domain.formatage import date_courte, montant
from recouvrement_tui.domain.interets import LigneInterets, TauxDuJour
from recouvrement_tui.domain.model import Creance, Paiement
from recouvrement_tui.domain.money import ZERO


@dataclass
class Compte:
    """Working state of one invoice while payments are processed in date order."""

    creance: Creance
    regime: Regime
    depart: dt.date | None
    taux_du_jour: Callable[[dt.date], TauxDuJour]
    principal: Decimal
    calcule_jusqua: dt.date  # interest is computed up to this day inclusive
    interets: Decimal = ZERO
    capitalise: Decimal = ZERO
    courus: Decimal = ZERO
    indemnite: Decimal = ZERO
    indemnite_due: Decimal = ZERO
    lignes: list[LigneInterets] = field(default_factory=list)


def ordre_legal(comptes: list[Compte], jour: dt.date) -> list[list[Compte]]:
    """Art. 1342-10 C. civ.: due debts first; among them the one the debtor has most
    interest in paying (the highest rate), then the oldest; all else equal, in proportion.
    Returns groups to pay one after the other; a group is shared in proportion.

    The décompte keeps this order from one payment to the next instead of sorting again
    (decompte._Deroulement); this form serves amounts not written to the cent."""

    def taux_courant(compte: Compte) -> Decimal:
        if compte.depart is None or jour < compte.depart:
            return ZERO
        return compte.taux_du_jour(jour).taux

    def cle(compte: Compte) -> tuple[bool, Decimal, dt.date]:
        return (compte.creance.date_echeance >= jour, -taux_courant(compte), compte.creance.date_echeance)

    groupes: dict[tuple[bool, Decimal, dt.date], list[Compte]] = {}
    for compte in sorted(comptes, key=cle):
        groupes.setdefault(cle(compte), []).append(compte)
    return list(groupes.values())


def reste_du(compte: Compte) -> Decimal:
    """Everything the invoice still owes: indemnity, interest (capitalised or not), principal."""
    return compte.indemnite_due + compte.interets + compte.capitalise + compte.principal


def repartir(montant_a_repartir: Decimal, dus: list[Decimal]) -> list[Decimal]:
    """Shares of a payment among debts: each is paid in full while the money lasts; if it does
    not cover the group, in proportion to what each owes (cents left by rounding go first)."""
    total = sum(dus, ZERO)
    if montant_a_repartir >= total or len(dus) == 1:
        return [min(d, montant_a_repartir) for d in dus] if len(dus) == 1 else list(dus)
    parts = [(montant_a_repartir * d / total).quantize(Decimal("0.01"), rounding=ROUND_DOWN) for d in dus]
    reste = montant_a_repartir - sum(parts, ZERO)
    i = 0
    while reste > 0:
        if parts[i] < dus[i]:
            parts[i] += Decimal("0.01")
            reste -= Decimal("0.01")
        i = (i + 1) % len(parts)
    return parts


def payer(compte: Compte, somme: Decimal) -> tuple[Decimal, Decimal, Decimal]:
    """Within one debt: indemnity and costs, then interest, then principal (art. 1343-1)."""
    sur_indemnite = min(somme, compte.indemnite_due)
    compte.indemnite_due -= sur_indemnite
    somme -= sur_indemnite
    sur_interets = min(somme, compte.interets + compte.capitalise)
    simples = min(sur_interets, compte.interets)
    compte.interets -= simples
    compte.capitalise -= sur_interets - simples
    somme -= sur_interets
    sur_principal = min(somme, compte.principal)
    compte.principal -= sur_principal
    return sur_indemnite, sur_interets, sur_principal


def trop_percu(paiement: Paiement, reste: Decimal, avertir: Callable[[str], None]) -> list[Imputation]:
    """What a payment leaves over once everything due is paid: an imputation to no invoice, and a warning."""
    if reste <= 0:
        return []
    avertir(f"Le paiement du {date_courte(paiement.date)} dépasse de {montant(reste)} tout ce qui était dû : "
            "trop-perçu à restituer ou à affecter.")
    return [Imputation(paiement.id, paiement.date, None, "", sur_principal=reste)]


def payer_groupe(groupe: list[Compte], reste: Decimal, parts: dict[str, list[Decimal]]) -> Decimal:
    """Share `reste` over a group of invoices of equal rank (in proportion to what each owes), add
    what each received to `parts` (interest, indemnity, principal), and return what is left."""
    for compte, part in zip(groupe, repartir(reste, [reste_du(c) for c in groupe])):
        paye = payer(compte, part)
        reste -= sum(paye)
        if any(paye):
            cumul = parts.setdefault(compte.creance.id, [ZERO, ZERO, ZERO])
            for i, valeur in enumerate(paye):
                cumul[i] += valeur
    return reste
