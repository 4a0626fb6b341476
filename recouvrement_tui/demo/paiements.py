"""Payments of a demo dossier: partial payments, the final one, instalments, enforcement.

Which kind of payment a dossier gets (none, partial, in full) was decided with its
skeleton; this module places the payments in time and gives them a mode and a comment
as a bank statement would show them.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from recouvrement_tui.demo.outils import (
    _JOUR,
    _chiffres,
    _id,
    _jour_entre,
    _jour_ouvre,
    _plus_mois,
    _poids,
)
from recouvrement_tui.demo.parcours import _AUCUN, _PARTIEL, _SOLDE, _Squelette
from recouvrement_tui.demo.referentiel import _CONSOMMATEUR, _PUBLIC
from recouvrement_tui.domain.etapes import Etape
from recouvrement_tui.domain.model import Creance, ModePaiement, Paiement
from recouvrement_tui.domain.money import arrondir

# An instalment plan: number of instalments, amount of each, date of the first.
_Plan = tuple[int, Decimal, dt.date]


def _mode(rng: random.Random, categorie: str, montant: Decimal) -> ModePaiement:
    M = ModePaiement
    if categorie == _PUBLIC:
        return M.VIREMENT  # the comptable public pays by transfer only
    if categorie == _CONSOMMATEUR:
        poids = {M.VIREMENT: 40, M.CHEQUE: 30, M.CARTE: 20, M.ESPECES: 6, M.AUTRE: 4}
    else:
        poids = {M.VIREMENT: 65, M.CHEQUE: 20, M.PRELEVEMENT: 5, M.COMPENSATION: 5, M.CARTE: 3, M.AUTRE: 2}
    mode = _poids(rng, poids)
    if mode is M.ESPECES and montant > 1000:
        return M.CHEQUE  # cash above 1,000 € is forbidden (L112-6 CMF)
    return mode


def _commentaire(rng: random.Random, categorie: str, mode: ModePaiement, creance: Creance | None) -> str:
    M = ModePaiement
    match mode:
        case M.VIREMENT:
            if categorie == _PUBLIC:
                return f"Mandat n° {rng.randint(1000, 9999)} du comptable public"
            if creance is not None:
                return f"Virement reçu, libellé « {creance.numero} »"
            return rng.choice(("", "", "Virement sans référence de facture", "Acompte"))
        case M.CHEQUE:
            return f"Chèque n° {_chiffres(rng, 7)} encaissé"
        case M.CARTE:
            return "Paiement par carte via le lien envoyé avec la relance"
        case M.ESPECES:
            return "Remis en main propre au technicien, reçu délivré"
        case M.COMPENSATION:
            return f"Compensation avec la facture fournisseur n° {rng.randint(10000, 99999)}"
        case M.AUTRE:
            return rng.choice(("Paiement via une plateforme de paiement fractionné",
                               "Règlement reçu de la société mère du débiteur"))
        case _:
            return ""


def _paiements(
    rng: random.Random, sq: _Squelette, creances: tuple[Creance, ...], aujourdhui: dt.date
) -> tuple[tuple[Paiement, ...], _Plan | None]:
    """The dossier's payments in date order, and its instalment plan if one was paid into."""
    if sq.reglement == _AUCUN:
        return (), None
    dates_etapes = dict(sq.parcours)
    fin = aujourdhui
    if Etape.PROCEDURE_COLLECTIVE in dates_etapes:
        fin = dates_etapes[Etape.PROCEDURE_COLLECTIVE] - _JOUR  # payments stop at the opening judgment
    if Etape.CLOTURE in dates_etapes:
        fin = min(fin, dates_etapes[Etape.CLOTURE])
    premiere_facture = min(c.date_facture for c in creances)
    debut = premiere_facture + 10 * _JOUR
    if debut > fin:
        return (), None
    total = sum((c.montant_ttc for c in creances), Decimal("0.00"))
    restant = {c.id: c.montant_ttc for c in creances}
    paiements: list[Paiement] = []
    plan = None

    def payer(montant: Decimal, jour: dt.date, creance: Creance | None, mode=None, commentaire=None) -> None:
        mode = mode or _mode(rng, sq.categorie, montant)
        if creance is not None:
            restant[creance.id] -= montant
        paiements.append(Paiement(
            date=jour, montant=montant, mode=mode, creance_id=creance.id if creance else None,
            commentaire=_commentaire(rng, sq.categorie, mode, creance) if commentaire is None else commentaire,
            id=_id(rng),
        ))

    def deja_paye() -> Decimal:
        return sum((p.montant for p in paiements), Decimal("0.00"))

    # When the dossier ends fully paid, the partial payments come before the last one.
    fin_partiels = fin
    jour_solde = None
    if sq.reglement == _SOLDE:
        if sq.etape is Etape.CLOTURE:
            # Paid in full after the last step taken before the closure: a relance or a mise en
            # demeure is never sent for a debt already settled (the legal guard would refuse it).
            avant = [jour for etape, jour in sq.parcours if etape is not Etape.CLOTURE]
            dernier = min(max(avant) + _JOUR, fin) if avant else debut
            jour_solde = _jour_entre(rng, max(debut, dernier, fin - 20 * _JOUR), fin)
        else:
            depuis = sq.parcours[-1][1] if sq.parcours else sq.cree_le
            # After the current stage's letter, not the same day: nothing is claimed once paid.
            jour_solde = _jour_entre(rng, max(debut, min(depuis + _JOUR, fin)), fin)
        fin_partiels = jour_solde - _JOUR

    if sq.etape is Etape.ECHEANCIER:
        plan = _mensualites(rng, sq, payer, total, fin)
    elif debut <= fin_partiels and (sq.reglement == _PARTIEL or rng.random() < 0.5):
        for _ in range(rng.choices((1, 2, 3), weights=(60, 28, 12))[0]):
            reste_total = total - deja_paye()
            if reste_total < Decimal("20.00"):
                break
            # A partial payment always leaves something owed (the full one comes last).
            plafond = reste_total - Decimal("10.00")
            ouvertes = [c for c in creances if restant[c.id] > 0 and c.date_facture + 10 * _JOUR <= fin_partiels]
            if ouvertes and rng.random() < 0.4:
                # The debtor names the invoice it pays (art. 1342-10 C. civ.).
                creance = rng.choice(ouvertes)
                montant = restant[creance.id]
                if montant > plafond or rng.random() < 0.4:
                    montant = arrondir(min(montant, plafond) * Decimal(str(rng.uniform(0.3, 0.7))))
                jour = _jour_entre(rng, creance.date_facture + 10 * _JOUR, fin_partiels)
                payer(montant, jour, creance)
            else:
                montant = reste_total * Decimal(str(rng.uniform(0.1, 0.5)))
                if montant >= 200 and rng.random() < 0.6:
                    montant = (montant / 100).to_integral_value() * 100  # people pay round sums
                montant = arrondir(min(max(montant, Decimal("10.00")), plafond))
                payer(montant, _jour_entre(rng, debut, fin_partiels), None)
        if sq.etape is Etape.EXECUTION and rng.random() < 0.6:
            execution = dates_etapes[Etape.EXECUTION] + 15 * _JOUR
            reste_total = total - deja_paye()
            if execution <= fin and reste_total > 20:
                montant = arrondir(reste_total * Decimal(str(rng.uniform(0.2, 0.6))))
                payer(montant, _jour_ouvre(execution, None, fin), None, ModePaiement.VIREMENT,
                      "Fonds reversés par le commissaire de justice après exécution")
    if jour_solde is not None:
        reste_total = total - deja_paye()
        if reste_total > 0:
            ouvertes = [c for c in creances if restant[c.id] > 0]
            cible = ouvertes[0] if len(ouvertes) == 1 and ouvertes[0].date_facture < jour_solde else None
            payer(reste_total, jour_solde, cible)
    return tuple(sorted(paiements, key=lambda p: p.date)), plan


def _mensualites(rng: random.Random, sq: _Squelette, payer, total: Decimal, fin: dt.date) -> _Plan:
    """Pay the instalments of the plan due by `fin`; return the plan for the journal's text."""
    depuis = dict(sq.parcours)[Etape.ECHEANCIER]
    nombre = rng.randint(3, 10)
    mensualite = arrondir(total / nombre)
    plan = (nombre, mensualite, depuis + rng.randint(5, 15) * _JOUR)
    mode = rng.choice((ModePaiement.PRELEVEMENT, ModePaiement.VIREMENT, ModePaiement.CHEQUE))
    verse = Decimal("0.00")
    for rang in range(nombre):
        jour = _jour_ouvre(_plus_mois(plan[2], rang), None, fin)
        if jour > fin:
            break
        montant = total - verse if rang == nombre - 1 else mensualite
        if montant <= 0:
            break
        verse += montant
        payer(montant, jour, None, mode, f"Échéance {rang + 1}/{nombre} de l'échéancier")
    return plan
