"""Assembling the demo dossiers: a debtor, invoices, payments and a journal on each skeleton.

Each dossier is built from its own `random.Random(sq.graine)`, in a fixed order (debtor,
invoices, payments, journal texts, timestamps, ids): changing that order changes the
output of every seed.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from typing import Any

from recouvrement_tui.demo.factures import _creances
from recouvrement_tui.demo.identites import _debiteur
from recouvrement_tui.demo.journal import _Redacteur
from recouvrement_tui.demo.outils import _JOUR, _id, _lundi
from recouvrement_tui.demo.paiements import _paiements
from recouvrement_tui.demo.parcours import _Squelette, _squelettes
from recouvrement_tui.demo.referentiel import AUTEURS
from recouvrement_tui.domain.conditions import ConditionsDecompte
from recouvrement_tui.domain.etapes import Etape, TypeEvenement
from recouvrement_tui.domain.model import Dossier
from recouvrement_tui.domain.procedure import Passage, apres_passage
from recouvrement_tui.system.horloge import HorlogeSysteme


def _dossier(rng: random.Random, sq: _Squelette, aujourdhui: dt.date, reference: str) -> Dossier:
    """Build one dossier from its skeleton."""
    ville, debiteur = _debiteur(rng, sq.categorie, sq.localisation, sq.piege)
    creances = _creances(rng, sq, debiteur)
    paiements, plan = _paiements(rng, sq, creances, aujourdhui)
    redacteur = _Redacteur(rng, sq, ville, debiteur, creances, plan)
    gestionnaire = rng.choice(AUTEURS)
    fin = sq.parcours[-1][1] if sq.etape is Etape.CLOTURE else aujourdhui

    # (date, priority, order, kind, payload): sorting gives the journal's order. On one
    # day, the opening comes first, then invoices, payments, then stages and notes. The
    # payload's type depends on the kind (hence Any).
    evenements: list[tuple[dt.date, int, int, str, Any]] = [(sq.cree_le, 0, 0, "creation", None)]
    evenements += [(sq.cree_le, 1, i, "creance", c) for i, c in enumerate(creances)]
    for i, paiement in enumerate(paiements):
        # Seen on the bank statement a day or two later; entered at the opening if earlier.
        saisie = min(max(_lundi(paiement.date + rng.randint(0, 2) * _JOUR), sq.cree_le), fin)
        evenements.append((saisie, 2, i, "paiement", paiement))
    total_paye = Decimal("0.00")
    total = sum((c.montant_ttc for c in creances), Decimal("0.00"))
    precedente = None
    for i, (etape, jour) in enumerate(sq.parcours):
        total_paye = sum((p.montant for p in paiements if p.date <= jour), Decimal("0.00"))
        # The next stage (or the journal's end) bounds this stage's follow-ups and facts.
        suivante, limite = sq.parcours[i + 1] if i + 1 < len(sq.parcours) else (None, fin + _JOUR)
        texte = redacteur.texte_etape(etape, jour, precedente, total - total_paye, suivante, limite)
        evenements.append((jour, 3, i, "etape", (i, texte)))
        precedente = etape
    passages = _passages(sq, redacteur.faits)
    for i, (jour, type_, texte) in enumerate(redacteur.notes(fin)):
        evenements.append((jour, 4, i, "note", (type_, texte)))
    evenements.sort(key=lambda e: (e[0], e[1], e[2]))

    dossier = Dossier(reference=reference, cree_le=sq.cree_le, debiteur=debiteur,
                      etape=Etape.NOUVEAU, etape_depuis=sq.cree_le)
    quand = None
    for jour, _, _, genre, contenu in evenements:
        quand = _horodatage(rng, jour, quand, genre)
        auteur = gestionnaire if rng.random() < 0.85 else rng.choice(AUTEURS)
        # Going through the model's own edit methods keeps the journal texts identical
        # to what a user's edits produce.
        match genre:
            case "creation":
                dossier = dossier.noter(TypeEvenement.CREATION, f"Dossier ouvert pour {debiteur.nom_complet}.",
                                        auteur, quand)
            case "creance":
                dossier = dossier.ajouter_creance(contenu, auteur, quand)
            case "paiement":
                dossier = dossier.ajouter_paiement(contenu, auteur, quand)
            case "etape":
                i, texte = contenu
                passage = passages[i]
                dossier = replace(dossier.noter(TypeEvenement.ETAPE, texte, auteur, quand),
                                  etape=passage.vers, etape_depuis=passage.date, passages=passages[: i + 1],
                                  etape_avant_pause=apres_passage(dossier.etape_avant_pause, passage.depuis,
                                                                  passage.vers))
            case "note":
                type_, texte = contenu
                dossier = dossier.noter(type_, texte, auteur, quand)
    # The model draws journal ids from uuid4; replace them so the output is reproducible.
    journal = tuple(replace(e, id=_id(rng)) for e in dossier.journal)
    return replace(dossier, journal=journal, paiements=paiements, conditions=_conditions(passages))


def _passages(sq: _Squelette, faits: list[dict[str, str]]) -> tuple[Passage, ...]:
    """One recorded move per stage of the path, chained from NOUVEAU, with its facts."""
    depuis = ([Etape.NOUVEAU] + [etape for etape, _ in sq.parcours])[:-1]
    return tuple(Passage(avant, etape, jour, f)
                 for avant, (etape, jour), f in zip(depuis, sq.parcours, faits, strict=True))


def _conditions(passages: tuple[Passage, ...]) -> ConditionsDecompte:
    """What the moves feed into the décompte, as Dossier.changer_etape does."""
    conditions = ConditionsDecompte()
    for passage in passages:
        if passage.vers is Etape.MISE_EN_DEMEURE and conditions.date_mise_en_demeure is None:
            conditions = replace(conditions, date_mise_en_demeure=passage.date)
        if passage.vers is Etape.PROCEDURE_COLLECTIVE and conditions.date_jugement_ouverture is None:
            conditions = replace(conditions, date_jugement_ouverture=passage.date)
    return conditions


def _horodatage(rng: random.Random, jour: dt.date, precedent: dt.datetime | None, genre: str) -> dt.datetime:
    """Office hours, strictly in order; invoices typed in a row are seconds apart."""
    if precedent is None or precedent.date() != jour:
        return dt.datetime.combine(jour, dt.time(rng.randint(8, 10), rng.randint(0, 59), rng.randint(0, 59)))
    pas = rng.randint(15, 90) if genre == "creance" else rng.randint(5 * 60, 45 * 60)
    suivant = precedent + dt.timedelta(seconds=pas)
    return suivant if suivant.date() == jour else precedent


def generer_dossiers(nombre: int, graine: int = 0, aujourdhui: dt.date | None = None) -> Iterator[Dossier]:
    """Yield `nombre` demo dossiers in reference order (2025-0001, 2025-0002, ..., 2026-0001...).

    Same `graine` and same `aujourdhui` (today when None) give identical dossiers, ids
    included. With 50 dossiers or more every stage appears; with 20 or more, every kind of
    debtor and the tricky name NOM_PIEGE.
    """
    if nombre < 0:
        raise ValueError("Le nombre de dossiers de démonstration doit être positif.")
    aujourdhui = aujourdhui or HorlogeSysteme().aujourdhui()
    squelettes = _squelettes(nombre, graine, aujourdhui)
    # References follow the creation dates, numbered from 1 each year, as DepotDossiers does.
    compteurs: dict[int, int] = {}
    for sq in sorted(squelettes, key=lambda s: (s.cree_le, s.index)):
        compteurs[sq.cree_le.year] = compteurs.get(sq.cree_le.year, 0) + 1
        reference = f"{sq.cree_le.year}-{compteurs[sq.cree_le.year]:04d}"
        yield _dossier(random.Random(sq.graine), sq, aujourdhui, reference)
