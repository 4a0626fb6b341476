"""A décompte as plain data for scripts: JSON-ready dicts, amounts as "1234.56" strings."""

from __future__ import annotations

from decimal import Decimal

from recouvrement_tui.domain.decompte import Decompte
from recouvrement_tui.domain.interets import LigneInterets


def _m(valeur: Decimal) -> str:
    return f"{valeur:.2f}"


def _taux(valeur: Decimal) -> str:
    return f"{valeur:.2f}"


def ligne_dict(ligne: LigneInterets, numero: str) -> dict:
    return {
        "facture": numero,
        "du": ligne.du.isoformat(),
        "au": ligne.au.isoformat(),
        "jours": ligne.jours,
        "taux": _taux(ligne.taux),
        "assiette": _m(ligne.assiette),
        "montant": _m(ligne.montant),
        "semestre": ligne.semestre,
        "taux_a_confirmer": ligne.a_confirmer,
        "majore": ligne.majore,
    }


def decompte_dict(d: Decompte) -> dict:
    """Keys of the issue: principal, interets_courus, interets, indemnites, total, lignes."""
    return {
        "au": d.au.isoformat(),
        "principal": _m(d.principal),
        "interets_courus": _m(d.interets_courus),
        "interets": _m(d.interets),
        "indemnites": _m(d.indemnites),
        "total": _m(d.total),
        "frais_complementaires": _m(d.frais_complementaires),
        "trop_percu": _m(d.trop_percu),
        "lignes": [ligne_dict(l, c.creance.numero) for c in d.creances for l in c.lignes],
        "creances": [
            {
                "facture": c.creance.numero,
                "echeance": c.creance.date_echeance.isoformat(),
                "montant": _m(c.creance.montant_ttc),
                "regime": c.regime.value,
                "depart_interets": c.depart.isoformat() if c.depart else None,
                "principal": _m(c.principal_du),
                "interets_courus": _m(c.interets_courus),
                "interets": _m(c.interets_dus),
                "interets_capitalises": _m(c.interets_capitalises),
                "indemnite": _m(c.indemnite),
                "indemnite_due": _m(c.indemnite_due),
                "total": _m(c.total_du),
            }
            for c in d.creances
        ],
        "imputations": [
            {
                "date": i.date.isoformat(),
                "facture": i.numero or None,
                "sur_indemnite": _m(i.sur_indemnite),
                "sur_interets": _m(i.sur_interets),
                "sur_principal": _m(i.sur_principal),
                "trop_percu": i.creance_id is None,
            }
            for i in d.imputations
        ],
        "avertissements": list(d.avertissements),
    }
