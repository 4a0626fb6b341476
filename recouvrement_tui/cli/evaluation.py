"""`recouvrement evaluer`: each route's cost against the debt, and a recommendation."""

from __future__ import annotations

import argparse
from decimal import Decimal

from recouvrement_tui.cli.sortie import afficher_json
from recouvrement_tui.domain.dates import lire_date
from recouvrement_tui.domain.evaluation import Cout, Evaluation, RouteEvaluee
from recouvrement_tui.domain.formatage import date_courte, montant, pourcentage


def ajouter_commandes(commandes, option_dossiers) -> None:
    evaluer = commandes.add_parser(
        "evaluer",
        description="Pour chaque voie (amiable, petites créances, injonction de payer, référé-provision, "
        "assignation au fond ; déclaration de créance en procédure collective ; référé-provision au tribunal "
        "administratif et mandatement d'office contre une personne publique) : coûts — le reste à engager si la "
        "voie est engagée —, recouvrement attendu, gain net attendu, durée, avertissements, puis une "
        "recommandation motivée ; une voie que la garde juridique refuse est dite impossible, avec sa raison. Les "
        "tarifs et hypothèses sont ceux de tarifs.json et hypotheses.json (livrés, ou ceux du dossier de données).",
    )
    option_dossiers(evaluer, argparse.SUPPRESS)
    evaluer.add_argument("reference", metavar="REFERENCE", help="référence du dossier")
    evaluer.add_argument("--au", metavar="DATE", help="date de l'évaluation (aujourd'hui par défaut)")
    evaluer.add_argument("--insolvabilite", action="store_true", help="tenir compte de signes d'insolvabilité du débiteur")
    evaluer.add_argument("--json", action="store_true", help="sortie JSON")


def commande_evaluer(args, service_pour) -> int:
    service = service_pour(args)
    au = lire_date(args.au, "--au") if args.au else None
    evaluation = service.evaluer(service.charger(args.reference), au, insolvabilite=args.insolvabilite)
    if args.json:
        afficher_json(evaluation_dict(evaluation))
        return 0
    print(f"Évaluation du dossier {args.reference} au {date_courte(evaluation.au)} : {montant(evaluation.montant_du)} "
          f"exigibles, {evaluation.anciennete_mois} mois d'ancienneté.")
    for hypothese in evaluation.hypotheses_appliquees:
        print(f"  hypothèse : {hypothese}")
    print()
    print(f"{'Voie':<24} {'Coût attendu':>14} {'Recouvrement':>14} {'Coût du délai':>14} {'Net attendu':>14} "
          f"{'Proba.':>7} {'Durée':>7}")
    for r in evaluation.routes:
        if not r.possible:
            print(f"{r.route.libelle:<24} impossible : {r.raison}")
            continue
        if r.engagee:
            print(f"{r.route.libelle} (engagée : reste à engager)")
        print(f"{r.route.libelle:<24} {montant(r.cout_attendu):>14} {montant(r.recuperation_attendue):>14} "
              f"{montant(r.cout_du_delai):>14} {montant(r.net_attendu):>14} {pourcentage(r.probabilite * 100):>8} "
              f"{r.duree_jours:>5} j")
        if r.juridiction:
            print(f"{'':<24} → {r.juridiction}")
        for avertissement in r.avertissements:
            print(f"{'':<24} ⚠ {avertissement}")
    print()
    print(f"Recommandation : {evaluation.conseil}")
    for raison in evaluation.raisons:
        print(f"  - {raison}")
    return 0


def _d(x: Decimal) -> str:
    return str(x)


def _cout(c: Cout) -> dict:
    return {
        "libelle": c.libelle,
        "montant": _d(c.montant),
        "source": c.source,
        "a_confirmer": c.a_confirmer,
        "recuperable_sur_le_debiteur": c.recuperable,
        "seulement_si_recouvrement": c.si_recouvre,
    }


def _route(r: RouteEvaluee, evaluation: Evaluation) -> dict:
    part = evaluation.part_de_la_dette(r) if r.possible else None
    return {
        "route": r.route.value,
        "libelle": r.route.libelle,
        "possible": r.possible,
        "raison": r.raison,
        "juridiction": r.juridiction,
        "engagee": r.engagee,
        "couts": [_cout(c) for c in r.couts],  # what remains to be spent once engaged
        "deja_engages": [_cout(c) for c in r.deja_engages],
        "a_charge_du_debiteur": [_cout(c) for c in r.a_charge_du_debiteur],
        "cout_total": _d(r.cout_total),
        "cout_attendu": _d(r.cout_attendu),
        "part_de_la_dette_pct": _d(part) if part is not None else None,
        "probabilite": _d(r.probabilite),
        "recuperation_attendue": _d(r.recuperation_attendue),
        "cout_du_delai": _d(r.cout_du_delai),
        "net_attendu": _d(r.net_attendu),
        "duree_jours": r.duree_jours,
        "avertissements": list(r.avertissements),
    }


def evaluation_dict(e: Evaluation) -> dict:
    return {
        "au": e.au.isoformat(),
        "montant_du": _d(e.montant_du),
        "anciennete_mois": e.anciennete_mois,
        "chances_de_base": _d(e.chances_de_base),
        "hypotheses": list(e.hypotheses_appliquees),
        "routes": [_route(r, e) for r in e.routes],
        "recommandation": e.recommandation.value if e.recommandation else "arreter",
        "raisons": list(e.raisons),
    }
