"""Skeletons of the demo dossiers: who the debtor is, which stage, and the dates of the path.

A skeleton is everything decided before any text or amount: the kind of debtor, where it
lives, the stage reached, the stages it went through with their dates, and whether it paid.
`_squelettes` draws the whole batch at once, so rare stages and kinds can be forced in.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from recouvrement_tui.demo.outils import _JOUR, _jour_ouvre, _poids
from recouvrement_tui.demo.referentiel import (
    _CONSOMMATEUR,
    _ENTREPRENEUR,
    _PUBLIC,
    _SOCIETE,
)
from recouvrement_tui.domain.etapes import Etape
from recouvrement_tui.domain.model import Localisation

# Amicable stages weigh most: that is where most of a legal team's dossiers sit.
_POIDS_ETAPES = {
    Etape.NOUVEAU: 10, Etape.RELANCE_PREVENTIVE: 5, Etape.RELANCE_AMIABLE: 16, Etape.RELANCE_FERME: 12,
    Etape.MISE_EN_DEMEURE: 11, Etape.PETITES_CREANCES: 3, Etape.INJONCTION_DE_PAYER: 6,
    Etape.REFERE_PROVISION: 2, Etape.ASSIGNATION_AU_FOND: 2, Etape.TITRE_EXECUTOIRE: 3, Etape.EXECUTION: 2,
    Etape.LITIGE: 4, Etape.PROMESSE: 6, Etape.ECHEANCIER: 6, Etape.PROCEDURE_COLLECTIVE: 3, Etape.CLOTURE: 7,
}
_AMIABLES = (Etape.NOUVEAU, Etape.RELANCE_PREVENTIVE, Etape.RELANCE_AMIABLE, Etape.RELANCE_FERME,
             Etape.MISE_EN_DEMEURE, Etape.LITIGE, Etape.PROMESSE, Etape.ECHEANCIER, Etape.CLOTURE)
# A public body cannot be enforced against nor put into a procédure collective; its
# contract disputes go to the administrative court (référé-provision, R541-1 CJA).
_ETAPES_PUBLIC = _AMIABLES + (Etape.REFERE_PROVISION,)
_JUDICIAIRES = (Etape.PETITES_CREANCES, Etape.INJONCTION_DE_PAYER, Etape.REFERE_PROVISION, Etape.ASSIGNATION_AU_FOND)

# Days since the current stage began, by stage: recent for reminders, long for court routes.
_ANCIENNETE = {
    Etape.NOUVEAU: 15, Etape.RELANCE_PREVENTIVE: 6, Etape.RELANCE_AMIABLE: 25, Etape.RELANCE_FERME: 25,
    Etape.MISE_EN_DEMEURE: 30, Etape.PETITES_CREANCES: 40, Etape.INJONCTION_DE_PAYER: 45,
    Etape.REFERE_PROVISION: 40, Etape.ASSIGNATION_AU_FOND: 120, Etape.TITRE_EXECUTOIRE: 30,
    Etape.EXECUTION: 90, Etape.LITIGE: 60, Etape.PROMESSE: 25, Etape.ECHEANCIER: 150,
    Etape.PROCEDURE_COLLECTIVE: 120, Etape.CLOTURE: 300,
}

# Payment kinds of a dossier.
_AUCUN, _PARTIEL, _SOLDE = "aucun", "partiel", "solde"


@dataclass(frozen=True)
class _Squelette:
    """What is decided before references are given: enough to know `cree_le`."""

    index: int
    categorie: str
    localisation: Localisation
    piege: bool
    etape: Etape
    parcours: tuple[tuple[Etape, dt.date], ...]
    cree_le: dt.date
    echeance_cible: dt.date  # where the oldest due date should fall
    a_echoir: bool  # invoices may still be before their due date (new dossier, preventive reminder)
    reglement: str  # _AUCUN, _PARTIEL or _SOLDE
    motif_cloture: str
    graine: int


def _etapes_permises(categorie: str, localisation: Localisation) -> list[Etape]:
    if categorie == _PUBLIC:
        return list(_ETAPES_PUBLIC)
    if localisation is Localisation.ETRANGER:
        # Suing abroad needs European or foreign procedures the product does not model.
        return list(_AMIABLES)
    permises = list(Etape)
    if categorie == _CONSOMMATEUR:
        permises.remove(Etape.PROCEDURE_COLLECTIVE)  # consumers go to surendettement instead
    return permises


def _parcours(rng: random.Random, etape: Etape, categorie: str) -> tuple[list[Etape], str]:
    """The stages a dossier went through to reach `etape`, and why it was closed if it was."""
    A, F, M = Etape.RELANCE_AMIABLE, Etape.RELANCE_FERME, Etape.MISE_EN_DEMEURE
    chaine = [A, F, M]
    motif = ""
    match etape:
        case Etape.NOUVEAU:
            etapes = []
        case Etape.RELANCE_PREVENTIVE:
            etapes = [Etape.RELANCE_PREVENTIVE]
        case Etape.RELANCE_AMIABLE:
            etapes = ([Etape.RELANCE_PREVENTIVE] if rng.random() < 0.2 else []) + [A]
        case Etape.RELANCE_FERME:
            etapes = [A, F]
        case Etape.MISE_EN_DEMEURE:
            etapes = [A, F, M] if rng.random() < 0.85 else [A, M]
        case Etape.PETITES_CREANCES | Etape.INJONCTION_DE_PAYER | Etape.REFERE_PROVISION:
            etapes = chaine + [etape]
        case Etape.ASSIGNATION_AU_FOND:
            etapes = chaine + ([Etape.LITIGE] if rng.random() < 0.4 else []) + [etape]
        case Etape.TITRE_EXECUTOIRE | Etape.EXECUTION:
            voie = rng.choices(_JUDICIAIRES, weights=(10, 60, 20, 10))[0]
            etapes = chaine + [voie, Etape.TITRE_EXECUTOIRE]
            if etape is Etape.EXECUTION:
                etapes.append(Etape.EXECUTION)
        case Etape.LITIGE:
            etapes = [A] + ([F] if rng.random() < 0.5 else []) + [Etape.LITIGE]
        case Etape.PROMESSE:
            etapes = chaine[: rng.choice((1, 2, 2, 3))] + [Etape.PROMESSE]
        case Etape.ECHEANCIER:
            etapes = chaine[: rng.choice((1, 2, 2, 3))] + [Etape.ECHEANCIER]
        case Etape.PROCEDURE_COLLECTIVE:
            etapes = chaine[: rng.choice((1, 2, 3))] + [Etape.PROCEDURE_COLLECTIVE]
        case Etape.CLOTURE:
            tirage = rng.random()
            collective_possible = categorie in (_SOCIETE, _ENTREPRENEUR)
            if tirage < 0.75:
                motif = "solde"
                etapes = rng.choice(([A], [A, F], [A, F, M], [A, Etape.PROMESSE], [A, F, Etape.ECHEANCIER]))
            elif tirage < 0.85 and collective_possible:
                motif = "insuffisance"
                etapes = chaine[: rng.choice((1, 2))] + [Etape.PROCEDURE_COLLECTIVE]
            else:
                motif = rng.choice(("abandon", "transaction"))
                etapes = chaine + ([Etape.LITIGE] if rng.random() < 0.4 else [])
            etapes = etapes + [Etape.CLOTURE]
        case _:  # pragma: no cover - every stage is listed above
            raise AssertionError(etape)
    return etapes, motif


def _ecart(rng: random.Random, avant: Etape, apres: Etape) -> int:
    """Days between two successive stages, as long as such a step takes in practice."""
    E = Etape
    match apres:
        case E.RELANCE_FERME:
            return rng.randint(10, 21)
        case E.MISE_EN_DEMEURE:
            return rng.randint(10, 25) if avant is E.RELANCE_FERME else rng.randint(20, 40)
        case E.PETITES_CREANCES | E.INJONCTION_DE_PAYER | E.REFERE_PROVISION:
            return rng.randint(12, 60)
        case E.ASSIGNATION_AU_FOND:
            return rng.randint(20, 90) if avant is E.LITIGE else rng.randint(15, 60)
        case E.TITRE_EXECUTOIRE:
            # IP: ordonnance, signification, then one month for opposition; a judgment on
            # the merits takes months.
            return {E.INJONCTION_DE_PAYER: rng.randint(45, 75), E.REFERE_PROVISION: rng.randint(25, 60),
                    E.ASSIGNATION_AU_FOND: rng.randint(90, 180)}.get(avant, rng.randint(35, 60))
        case E.EXECUTION:
            return rng.randint(10, 40)
        case E.LITIGE:
            return rng.randint(2, 30)
        case E.PROMESSE:
            return rng.randint(2, 15)
        case E.ECHEANCIER:
            return rng.randint(3, 20)
        case E.PROCEDURE_COLLECTIVE:
            return rng.randint(5, 90)
        case E.CLOTURE:
            return rng.randint(60, 200) if avant is E.PROCEDURE_COLLECTIVE else rng.randint(3, 60)
        case _:
            return rng.randint(10, 30)


def _squelette(
    index: int, categorie: str, localisation: Localisation, piege: bool, etape: Etape, graine: int,
    aujourdhui: dt.date,
) -> _Squelette:
    rng = random.Random(graine)
    etapes, motif = _parcours(rng, etape, categorie)
    # Offsets in days from the dossier's creation (day 0); shifted to real dates at the end.
    decalages: list[int] = []
    if not etapes:
        echeance = rng.randint(-45, 30)
    elif etapes[0] is Etape.RELANCE_PREVENTIVE:
        decalages.append(rng.randint(0, 2))
        echeance = decalages[0] + rng.randint(3, 8)
    else:
        echeance = -rng.randint(1, 60)  # opened once an invoice was already overdue
    for position, courante in enumerate(etapes):
        if position == 0 and courante is Etape.RELANCE_PREVENTIVE:
            continue
        if courante is Etape.RELANCE_AMIABLE:
            # First reminder about a month after the due date (DOMAIN.md §1), not before opening.
            depart = decalages[-1] if decalages else 0
            decalages.append(max(depart + rng.randint(0, 10), echeance + rng.randint(20, 35)))
        else:
            decalages.append(decalages[-1] + _ecart(rng, etapes[position - 1], courante))
    dernier = decalages[-1] if decalages else 0
    # Keep every invoice within two years of today: the oldest is about 110 days before
    # its due date at worst (60-day terms plus end-of-month rounding).
    anciennete = rng.randint(0, _ANCIENNETE[etape])
    if rng.random() < 0.12:
        # Some dossiers stall: nobody acted for months, and the agenda shows them overdue.
        anciennete += rng.randint(30, 240)
    anciennete = min(anciennete, max(0, 725 - 110 - (dernier - echeance)))
    origine = aujourdhui - (anciennete + dernier) * _JOUR
    bruts = [origine] + [origine + d * _JOUR for d in decalages]
    # Off weekends, keeping the order: each date stays between the one before (as moved)
    # and the one after (as drawn), and never passes today.
    ouvres: list[dt.date] = []
    for position, jour in enumerate(bruts):
        plafond = bruts[position + 1] if position + 1 < len(bruts) else aujourdhui
        ouvres.append(_jour_ouvre(jour, ouvres[-1] if ouvres else None, plafond))
    cree_le = ouvres[0]
    dates = list(zip(etapes, ouvres[1:]))

    if etape is Etape.CLOTURE:
        reglement = _SOLDE if motif == "solde" else (_PARTIEL if rng.random() < 0.4 else _AUCUN)
    elif etape is Etape.ECHEANCIER:
        reglement = _PARTIEL
    else:
        taux_partiel = {Etape.NOUVEAU: 0.15, Etape.RELANCE_PREVENTIVE: 0.05, Etape.PROMESSE: 0.45,
                        Etape.EXECUTION: 0.6, Etape.TITRE_EXECUTOIRE: 0.4, Etape.LITIGE: 0.45}.get(etape, 0.4)
        tirage = rng.random()
        peut_solder = etape in (Etape.RELANCE_AMIABLE, Etape.RELANCE_FERME, Etape.MISE_EN_DEMEURE, Etape.PROMESSE)
        if peut_solder and tirage < 0.05:
            reglement = _SOLDE  # paid after the last reminder: the dossier is waiting to be closed
        elif tirage < taux_partiel:
            reglement = _PARTIEL
        else:
            reglement = _AUCUN
    return _Squelette(
        index=index,
        categorie=categorie,
        localisation=localisation,
        piege=piege,
        etape=etape,
        parcours=tuple(dates),
        cree_le=cree_le,
        echeance_cible=origine + echeance * _JOUR,
        a_echoir=not etapes or etapes[0] is Etape.RELANCE_PREVENTIVE,
        reglement=reglement,
        motif_cloture=motif,
        graine=rng.getrandbits(64),
    )


def _squelettes(nombre: int, graine: int, aujourdhui: dt.date) -> list[_Squelette]:
    """Draw every dossier's category and stage, then force the rare ones to appear.

    Forcing happens here, over the whole batch, so a demo of 50 dossiers still shows every
    stage, every kind of debtor and the tricky name, whatever the seed.
    """
    maitre = random.Random(graine)
    categories = maitre.choices((_SOCIETE, _ENTREPRENEUR, _CONSOMMATEUR, _PUBLIC), weights=(75, 10, 12, 3), k=nombre)
    localisations = []
    for categorie in categories:
        if categorie == _PUBLIC:
            poids = {Localisation.METROPOLE: 80, Localisation.ALSACE_MOSELLE: 10, Localisation.OUTRE_MER: 10}
        elif categorie == _ENTREPRENEUR:
            poids = {Localisation.METROPOLE: 91, Localisation.ALSACE_MOSELLE: 5, Localisation.OUTRE_MER: 4}
        else:
            poids = {Localisation.METROPOLE: 89, Localisation.ALSACE_MOSELLE: 5, Localisation.OUTRE_MER: 4,
                     Localisation.ETRANGER: 2}
        localisations.append(_poids(maitre, poids))
    piege = [False] * nombre

    if nombre >= 20:
        # Take the missing kinds from the most common one (French company in metropolitan
        # France), so forcing one kind never removes the only instance of another.
        communs = [i for i in range(nombre)
                   if categories[i] == _SOCIETE and localisations[i] is Localisation.METROPOLE]
        maitre.shuffle(communs)
        for categorie in (_ENTREPRENEUR, _CONSOMMATEUR, _PUBLIC):
            if categorie not in categories and communs:
                categories[communs.pop()] = categorie
        for localisation in (Localisation.ALSACE_MOSELLE, Localisation.OUTRE_MER, Localisation.ETRANGER):
            if localisation not in localisations and communs:
                localisations[communs.pop()] = localisation
        # The tricky name goes to a French company (it needs a SIREN to exercise letters).
        position = communs.pop() if communs else maitre.randrange(nombre)
        categories[position], localisations[position] = _SOCIETE, Localisation.METROPOLE
        piege[position] = True

    etapes = []
    for categorie, localisation in zip(categories, localisations):
        permises = _etapes_permises(categorie, localisation)
        etapes.append(maitre.choices(permises, weights=[_POIDS_ETAPES[e] for e in permises])[0])
    if nombre >= len(Etape):
        for etape in Etape:
            if etape in etapes:
                continue
            candidats = [
                i for i in range(nombre)
                if etape in _etapes_permises(categories[i], localisations[i]) and etapes.count(etapes[i]) > 1
            ]
            if candidats:  # a small demo cannot always show every stage: best effort, never a crash
                etapes[maitre.choice(candidats)] = etape

    return [
        _squelette(i, categories[i], localisations[i], piege[i], etapes[i], maitre.getrandbits(64), aujourdhui)
        for i in range(nombre)
    ]
