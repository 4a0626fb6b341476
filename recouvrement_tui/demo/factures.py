"""Invoices of a demo dossier: French payment terms, amounts, subjects and numbers.

Due dates are placed from the skeleton (`echeance_cible`, `cree_le`), so the invoices fit
the path the dossier went through: overdue when it was opened, unless it is still new.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from decimal import Decimal

from recouvrement_tui.demo.outils import _JOUR, _fin_de_mois, _id, _poids
from recouvrement_tui.demo.parcours import _Squelette
from recouvrement_tui.demo.referentiel import (
    _CONSOMMATEUR,
    _ENTREPRENEUR,
    _OBJETS_PARTICULIER,
    _OBJETS_PRO,
    _OBJETS_PUBLIC,
    _PUBLIC,
    _SOCIETE,
    _TAUX_CONTRACTUELS,
)
from recouvrement_tui.domain import formatage
from recouvrement_tui.domain.etapes import Etape
from recouvrement_tui.domain.model import Creance, Debiteur
from recouvrement_tui.domain.money import arrondir


def _conditions(rng: random.Random, sq: _Squelette, debiteur: Debiteur) -> str:
    """The payment terms of this customer's contract (one per dossier, as in real life)."""
    if sq.categorie == _PUBLIC:
        # Public buyers pay within 30 days, public hospitals within 50 (R2192-10 CCP).
        return "50 jours" if debiteur.nom.startswith("Centre hospitalier") else "30 jours"
    if sq.categorie == _CONSOMMATEUR:
        return rng.choice(("à réception", "30 jours")) if not sq.a_echoir else "30 jours"
    options = {"30 jours": 45, "45 jours fin de mois": 25, "60 jours": 20}
    if sq.a_echoir:
        options.pop("45 jours fin de mois")  # keeps the due date a few days after the reminder
    return _poids(rng, options)


def _dates(rng: random.Random, sq: _Squelette, conditions: str, cible: dt.date) -> tuple[dt.date, dt.date]:
    """(date_facture, date_echeance) with the due date on or a few days before `cible`."""
    if conditions == "45 jours fin de mois":
        # Due at the end of the month in which the invoice date + 45 days falls.
        echeance = cible if cible == _fin_de_mois(cible) else cible.replace(day=1) - _JOUR
        premier_du_mois = echeance.replace(day=1)
        facture = premier_du_mois - 45 * _JOUR + rng.randint(0, echeance.day - 1) * _JOUR
        return facture, _fin_de_mois(facture + 45 * _JOUR)
    delai = {"30 jours": 30, "60 jours": 60, "50 jours": 50, "à réception": 0}[conditions]
    echeance = cible - rng.randint(0, 0 if sq.a_echoir else 4) * _JOUR
    return echeance - delai * _JOUR, echeance


def _montant(rng: random.Random, categorie: str, plafond: Decimal | None) -> Decimal:
    tirage = rng.random()
    if categorie == _CONSOMMATEUR:
        ht = math.exp(rng.uniform(math.log(120), math.log(7000)))
        tva = rng.choices((Decimal("1.20"), Decimal("1.10"), Decimal("1.055")), weights=(50, 40, 10))[0]
    else:
        if tirage < 0.08:
            ht = rng.uniform(67, 420)
        elif tirage < 0.85:
            ht = math.exp(rng.uniform(math.log(420), math.log(6700)))
        elif tirage < 0.97:
            ht = rng.uniform(6700, 21000)
        else:
            ht = rng.uniform(21000, 50000)
        tva = Decimal("1.20")
    montant_ht = Decimal(round(ht)) if rng.random() < 0.4 else Decimal(f"{ht:.2f}")
    ttc = arrondir(montant_ht * tva)
    if plafond is not None:
        ttc = min(ttc, plafond)
    return max(Decimal("80.00"), min(ttc, Decimal("60000.00")))


def _objet(rng: random.Random, categorie: str, facture: dt.date) -> str:
    modeles = {_CONSOMMATEUR: _OBJETS_PARTICULIER, _PUBLIC: _OBJETS_PUBLIC}.get(categorie, _OBJETS_PRO)
    return rng.choice(modeles).format(
        mois=f"{formatage.MOIS[facture.month - 1]} {facture.year}", annee=facture.year, date=formatage.date_courte(facture),
        bc=f"{facture.year}-{rng.randint(1, 999):03d}",
    )


def _creances(rng: random.Random, sq: _Squelette, debiteur: Debiteur) -> tuple[Creance, ...]:
    """The dossier's invoices, oldest first, all entered when the dossier was opened."""
    petites = any(e is Etape.PETITES_CREANCES for e, _ in sq.parcours)
    nombre = rng.choices(range(1, 7), weights=(35, 25, 15, 10, 8, 7))[0]
    if petites:
        nombre = min(nombre, 3)  # the procedure is for claims up to 5,000 € in all
    plafond = Decimal(4500 // nombre) if petites else None
    conditions = _conditions(rng, sq, debiteur)
    taux = None
    if sq.categorie in (_SOCIETE, _ENTREPRENEUR) and rng.random() < 0.2:
        taux = rng.choice(_TAUX_CONTRACTUELS)
    if sq.a_echoir:
        borne = sq.echeance_cible + rng.randint(0, 30) * _JOUR
    else:
        borne = sq.cree_le - _JOUR  # every invoice was overdue when the dossier was opened
    premiere = min(sq.echeance_cible, borne)
    cibles = [premiere] + [
        premiere + rng.randint(0, max(0, min(120, (borne - premiere).days))) * _JOUR for _ in range(nombre - 1)
    ]
    brutes = []
    for cible in cibles:
        facture, echeance = _dates(rng, sq, conditions, cible)
        if facture > sq.cree_le:  # invoices are all entered when the dossier is opened
            if sq.a_echoir:
                # Keep the due date ahead: an invoice issued just before the dossier opened.
                delai = echeance - facture
                facture = sq.cree_le - rng.randint(0, 3) * _JOUR
                echeance = facture + delai
            else:
                facture, echeance = _dates(rng, sq, conditions, sq.cree_le - _JOUR)
        brutes.append((facture, echeance))
    brutes.sort()
    creances = []
    numeros: list[str] = []
    for facture, echeance in brutes:
        # The creditor numbers invoices by date: FA-<year>-<day of year><counter>.
        rang = facture.timetuple().tm_yday * 100 + rng.randint(0, 99)
        while (numero := f"FA-{facture.year}-{rang:05d}") in numeros:
            rang += 1
        numeros.append(numero)
        creances.append(Creance(numero=numero, date_facture=facture, date_echeance=echeance,
                                montant_ttc=_montant(rng, sq.categorie, plafond),
                                objet=_objet(rng, sq.categorie, facture),
                                taux_contractuel=taux, id=_id(rng)))
    return tuple(creances)
