"""The sums a document states, all from the décompte: open invoices, totals (what is due and what
is already due), the basis of interest and indemnities, the décompte's lines and imputations, the
deadlines a letter gives and a payment plan."""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal

from recouvrement_tui.domain.conditions import Regime
from recouvrement_tui.domain.dates import UN_JOUR, plus_mois
from recouvrement_tui.domain.decompte import Decompte
from recouvrement_tui.domain.etapes import Etape
from recouvrement_tui.domain.formatage import (
    date_courte,
    date_longue,
    montant,
    montant_en_lettres,
    taux,
)
from recouvrement_tui.domain.interets import Base
from recouvrement_tui.domain.model import Dossier
from recouvrement_tui.domain.procedure import nombre_echeances

# --- sums --------------------------------------------------------------------------------


def factures_ouvertes(decompte: Decompte, date: dt.date) -> list[dict]:
    """Invoices still owing something in the décompte, oldest due first: what a letter lists.

    The décompte is the one source: payments go to the indemnity and interest before the
    principal (art. 1343-1 C. civ.), so the table adds up to the total the letter claims.
    """
    lignes = []
    for c in sorted(decompte.creances, key=lambda c: (c.creance.date_echeance, c.creance.numero)):
        if c.total_du <= 0:
            continue
        retard = (date - c.creance.date_echeance).days
        lignes.append(
            {
                "numero": c.creance.numero,
                "date": date_courte(c.creance.date_facture),
                "echeance": date_courte(c.creance.date_echeance),
                "objet": c.creance.objet,
                "montant": montant(c.creance.montant_ttc),
                "reste": montant(c.principal_du),
                "echue": retard > 0,
                "jours_retard": max(retard, 0),
                "interets": montant(c.interets_dus),
                "indemnite": montant(c.indemnite_due),
                "total": montant(c.total_du),
            }
        )
    return lignes


def en_chiffres_et_lettres(valeur: Decimal) -> dict:
    return {"chiffres": montant(valeur), "lettres": _en_lettres(max(valeur, Decimal(0)))}


# One context states the same sums several times (totals, sums due, the declaration's): each is
# spelt out once. Equal amounts ("12.5", "12.50") are spelt the same; the memory is bounded.
_en_lettres = functools.lru_cache(maxsize=1024)(montant_en_lettres)


def totaux_du_dossier(dossier: Dossier, decompte: Decompte) -> dict:
    restant = dossier.restant_par_creance()
    return {
        "factures": en_chiffres_et_lettres(dossier.total_creances),
        "paiements": en_chiffres_et_lettres(dossier.total_paiements),
        "reste_principal": en_chiffres_et_lettres(sum((v for v in restant.values()), Decimal(0))),
        "principal": en_chiffres_et_lettres(decompte.principal),
        "interets": en_chiffres_et_lettres(decompte.interets),
        "indemnites": en_chiffres_et_lettres(decompte.indemnites),
        "total": en_chiffres_et_lettres(decompte.total),
        "nombre_factures": sum(1 for c in decompte.creances if c.total_du > 0),
    }


def totaux_exigibles(decompte: Decompte) -> dict:
    echues = decompte.creances_echues
    principal = sum((c.principal_du for c in echues), Decimal(0))
    interets = sum((c.interets_dus for c in echues), Decimal(0))
    return {
        "principal": en_chiffres_et_lettres(principal),
        "interets": en_chiffres_et_lettres(interets),
        "indemnites": en_chiffres_et_lettres(decompte.total_exigible - principal - interets),
        "total": en_chiffres_et_lettres(decompte.total_exigible),
        "tout_est_echu": all(c.echue for c in decompte.creances if c.total_du > 0),
    }


_FONDEMENTS = {
    Regime.B2B: "pénalités de retard au taux de refinancement de la Banque centrale européenne majoré de "
    "10 points (article L441-10 du Code de commerce)",
    Regime.CONTRACTUEL: "pénalités de retard au taux prévu par les conditions générales de vente "
    "(article L441-10 du Code de commerce)",
    Regime.LEGAL: "intérêts au taux légal à compter de la mise en demeure (article 1344-1 du Code civil)",
    # R2192-31 CCP: the rate in force on the first day of the half-year in which interest started,
    # kept for the whole delay (domain.decompte computes it so).
    Regime.PUBLIC: "intérêts moratoires au taux de refinancement de la Banque centrale européenne en vigueur au "
    "premier jour du semestre au cours duquel ils ont commencé à courir, majoré de 8 points, ce taux restant fixe "
    "pendant toute la durée du retard (articles L2192-13 et R2192-31 du Code de la commande publique)",
}

# The basis of the 40 € indemnity: the Code de commerce between professionals, the Code de la
# commande publique against a public buyer.
_FONDEMENT_INDEMNITE_COMMERCE = "articles L441-10 et D441-5 du Code de commerce"
_FONDEMENT_INDEMNITE_PUBLIC = "article D2192-35 du Code de la commande publique"


def fondement_interets(dossier: Dossier, decompte: Decompte) -> dict:
    """The basis of interest and indemnity claims, in words a letter can quote.

    Letters key their wording on these facts, never on the word "consommateur": a consumer and
    a non-professional (SCI, association) both fall under the legal regime, with no 40 €.
    """
    regimes = list(dict.fromkeys(c.regime for c in decompte.creances))
    if not regimes:  # nothing invoiced yet: what the debtor's kind points to
        regimes = [Regime.PUBLIC if dossier.debiteur.secteur_public else Regime.B2B]
    dernier_taux = decompte.lignes[-1].taux if decompte.lignes else None
    indemnite = any(c.indemnite for c in decompte.creances)
    public = Regime.PUBLIC in regimes
    return {
        "fondement": "; ".join(_FONDEMENTS[r] for r in regimes),
        "taux_actuel": taux(dernier_taux) if dernier_taux is not None else "",
        "indemnite_forfaitaire": indemnite,
        "nombre_indemnites": sum(1 for c in decompte.creances if c.indemnite),
        # The indemnity's basis as the regime sets it, even before it falls due (a preventive reminder).
        "fondement_indemnite": "" if regimes == [Regime.LEGAL] else (
            _FONDEMENT_INDEMNITE_PUBLIC if public else _FONDEMENT_INDEMNITE_COMMERCE),
        "legal": regimes == [Regime.LEGAL],
        "public": public,
        # Late-payment penalties of L441-10 C. com. (between professionals) on at least one invoice.
        "penalites": any(r in (Regime.B2B, Regime.CONTRACTUEL) for r in regimes),
        "regime": regimes[0].value if len(regimes) == 1 else "mixte",
    }


def decompte_detaille(decompte: Decompte) -> dict:
    return {
        "au": date_longue(decompte.au),
        "au_court": date_courte(decompte.au),
        "factures": [
            {
                "numero": c.creance.numero,
                "echeance": date_courte(c.creance.date_echeance),
                "montant": montant(c.creance.montant_ttc),
                "regime": c.regime.libelle,
                "depart": date_courte(c.depart) if c.depart else "—",
                "principal": montant(c.principal_du),
                "interets": montant(c.interets_dus),
                "indemnite": montant(c.indemnite_due),
                "total": montant(c.total_du),
            }
            for c in decompte.creances
        ],
        "lignes": [
            {
                "facture": c.creance.numero,
                "du": date_courte(ligne.du),
                "au": date_courte(ligne.au),
                "jours": ligne.jours,
                "taux": taux(ligne.taux),
                "assiette": montant(ligne.assiette),
                "montant": montant(ligne.montant),
            }
            for c in decompte.creances
            for ligne in c.lignes
        ],
        "imputations": [
            {
                "date": date_courte(i.date),
                "facture": i.numero or "trop-perçu",
                "montant": montant(i.total),
                "sur_indemnite": montant(i.sur_indemnite),
                "sur_interets": montant(i.sur_interets),
                "sur_principal": montant(i.sur_principal),
            }
            for i in decompte.imputations
        ],
        "frais_complementaires": montant(decompte.frais_complementaires) if decompte.frais_complementaires else "",
        "avertissements": list(decompte.avertissements),
    }


BASES = {
    Base.ANNEE_365: "365",
    Base.EXACTE: "365, ou 366 pour les jours d'une année bissextile",
}


def delai_accorde(date: dt.date, jours: int) -> dict:
    echeance = date + jours * UN_JOUR
    return {"jours": jours, "date": date_longue(echeance), "date_courte": date_courte(echeance)}


ECHEANCES_PROPOSEES = 6  # a plan offered before the debtor has asked for one


def plan_echeancier(dossier: Dossier, total: Decimal, date: dt.date) -> dict:
    """A payment plan: the one agreed when recorded, else monthly instalments to propose."""
    passage = dossier.dernier_passage(Etape.ECHEANCIER)
    nombre = (nombre_echeances(passage.faits.get("nombre_echeances")) if passage else None) or ECHEANCES_PROPOSEES
    premiere = (passage.fait_date("premiere_echeance") if passage else None) or plus_mois(date, 1)
    base = (total / nombre).quantize(Decimal("0.01"), rounding="ROUND_DOWN")
    lignes = []
    for rang in range(nombre):
        part = base if rang < nombre - 1 else total - base * (nombre - 1)
        lignes.append({"rang": rang + 1, "date": date_courte(plus_mois(premiere, rang)), "montant": montant(part)})
    # `total`: what the plan settles (the sums due today), in figures and in letters, as the
    # debtor copies it by hand in the acknowledgment (art. 1376 C. civ.).
    return {"nombre": nombre, "premiere": date_longue(premiere), "montant": montant(base), "lignes": lignes,
            "total": en_chiffres_et_lettres(total)}


def imputations_des_paiements(dossier: Dossier, decompte: Decompte) -> list[dict]:
    """Each payment and where the décompte put it: on the invoice the debtor named, else by law
    (art. 1342-10 C. civ.: debts due first, the one it had most interest in paying, else the oldest),
    and within an invoice on the indemnity and interest before the principal (art. 1343-1)."""
    designes = {p.id: p.creance_id for p in dossier.paiements}
    numeros = {c.id: c.numero for c in dossier.creances}
    lignes = []
    for i in decompte.imputations:
        designee = designes.get(i.paiement_id)
        lignes.append({
            "date": date_longue(i.date),
            "date_courte": date_courte(i.date),
            "facture": i.numero or "",
            "trop_percu": i.creance_id is None,
            "montant": montant(i.total),
            "sur_indemnite": montant(i.sur_indemnite) if i.sur_indemnite else "",
            "sur_interets": montant(i.sur_interets) if i.sur_interets else "",
            "sur_principal": montant(i.sur_principal) if i.sur_principal else "",
            # The debtor named this invoice (art. 1342-10 al. 1), or named another one: "".
            "designee": designee is not None and designee == i.creance_id,
            "facture_designee": numeros.get(designee or "", ""),
        })
    return lignes
