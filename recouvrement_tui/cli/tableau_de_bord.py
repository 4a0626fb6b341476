"""`recouvrement tableau-de-bord`: the portfolio's figures, as text, JSON or an .xlsx report."""

from __future__ import annotations

import argparse
import sys

from recouvrement_tui.cli.sortie import afficher_json
from recouvrement_tui.domain.dates import lire_date
from recouvrement_tui.domain.formatage import date_courte, montant, nombre
from recouvrement_tui.domain.tableau_de_bord import JOURS_DSO, Chiffre, TableauDeBord


def ajouter_commandes(commandes, option_dossiers) -> None:
    tableau = commandes.add_parser(
        "tableau-de-bord",
        description="Encours et total dû avec intérêts, répartition par étape, ancienneté des factures, montants "
        "recouvrés sur 12 mois, DSO, montants en justice et titres à exécuter, actions en retard et critiques, "
        "issue des dossiers par voie. Calculé depuis l'index de la liste, sans relire chaque dossier.",
    )
    option_dossiers(tableau, argparse.SUPPRESS)
    tableau.add_argument("--au", metavar="DATE", help="date d'arrêté (aujourd'hui par défaut), JJ/MM/AAAA")
    tableau.add_argument("--json", action="store_true", help="sortie JSON")
    tableau.add_argument("--xlsx", metavar="FICHIER", dest="fichier",
                         help="écrire aussi le rapport en classeur .xlsx (une feuille par tableau)")


def _chiffre(c: Chiffre) -> dict:
    return {"libelle": c.libelle, "nombre": c.nombre, "montant": f"{c.montant:.2f}", "references": c.references}


def en_json(t: TableauDeBord) -> dict:
    return {
        "au": t.au.isoformat(),
        "dossiers": t.dossiers,
        "endommages": t.endommages,
        "encours": _chiffre(t.encours),
        "du_avec_interets": {**_chiffre(t.du_avec_interets),
                             "decomptes_du": t.du_calcule_du.isoformat() if t.du_calcule_du else None,
                             "decomptes_au": t.du_calcule_au.isoformat() if t.du_calcule_au else None},
        "sans_decompte": _chiffre(t.sans_decompte),
        "par_etape": [_chiffre(c) for c in t.par_etape],
        "anciennete": [_chiffre(c) for c in t.anciennete],
        "recouvre_par_mois": [{"mois": m.strftime("%Y-%m"), **_chiffre(c)} for m, c in t.recouvre_par_mois],
        "dso": {"jours": str(t.dso) if t.dso is not None else None, "ventes_periode": f"{t.ventes_periode:.2f}",
                "formule": f"encours / factures des {JOURS_DSO} derniers jours × {JOURS_DSO}"},
        "en_justice": _chiffre(t.en_justice),
        "titres_a_executer": _chiffre(t.titres_a_executer),
        "actions_en_retard": _chiffre(t.actions_en_retard),
        "critiques_en_retard": _chiffre(t.critiques_en_retard),
        "critiques_a_venir": _chiffre(t.critiques_a_venir),
        "issues_par_voie": [{"voie": i.voie, "libelle": i.libelle, "recouvre": _chiffre(i.recouvre),
                             "poursuivi": _chiffre(i.poursuivi), "perdu": _chiffre(i.perdu)} for i in t.issues],
    }


def _dossiers(n: int) -> str:
    return f"{n} dossier{'s' if n > 1 else ''}"


def en_texte(t: TableauDeBord) -> list[str]:
    lignes = [f"Tableau de bord au {date_courte(t.au)} ({_dossiers(t.dossiers)}"
              + (f", {t.endommages} illisible(s) non compté(s))" if t.endommages else ")"), ""]
    lignes.append(f"Encours (principal restant dû)   {montant(t.encours.montant):>18}  {_dossiers(t.encours.nombre)}")
    if periode := t.periode_des_decomptes:
        lignes.append(f"Total dû avec intérêts           {montant(t.du_avec_interets.montant):>18}  "
                      f"décomptes arrêtés {periode}")
    if t.sans_decompte.nombre:
        lignes.append(f"  sans décompte (taux manquant)  {montant(t.sans_decompte.montant):>18}  "
                      f"{_dossiers(t.sans_decompte.nombre)}")
    dso = f"{nombre(t.dso, 1)} jours" if t.dso is not None else "non calculable (aucune facture sur la période)"
    lignes.append(f"DSO                              {dso:>18}  encours / factures des {JOURS_DSO} derniers jours × "
                  f"{JOURS_DSO}")
    lignes.append(f"En justice                       {montant(t.en_justice.montant):>18}  {_dossiers(t.en_justice.nombre)}")
    lignes.append(f"Titres à exécuter                {montant(t.titres_a_executer.montant):>18}  "
                  f"{_dossiers(t.titres_a_executer.nombre)}")
    lignes.append(f"Actions en retard                {t.actions_en_retard.nombre:>18}  dont critiques ⚠ : "
                  f"{t.critiques_en_retard.nombre} ; critiques dans 30 jours : {t.critiques_a_venir.nombre}")
    lignes += ["", "Par étape"]
    lignes += [f"  {c.libelle:<28} {c.nombre:>6}  {montant(c.montant):>18}" for c in t.par_etape]
    lignes += ["", "Ancienneté (principal restant dû par jours de retard)"]
    lignes += [f"  {c.libelle:<28} {c.nombre:>6}  {montant(c.montant):>18}" for c in t.anciennete]
    lignes += ["", "Recouvré par mois"]
    lignes += [f"  {m:%m/%Y}                      {len(c.references):>6}  {montant(c.montant):>18}"
               for m, c in t.recouvre_par_mois]
    lignes += ["", f"Issue par voie                 {'recouvrés':>10} {'poursuivis':>10} {'perdus':>10}"]
    lignes += [f"  {i.libelle:<28} {i.recouvre.nombre:>10} {i.poursuivi.nombre:>10} {i.perdu.nombre:>10}"
               for i in t.issues]
    return lignes


def commande_tableau_de_bord(args, service_pour) -> int:
    au = lire_date(args.au, "--au") if args.au else None  # ErreurSaisie (exit 2) before any reading
    service = service_pour(args)
    tableau = service.tableau_de_bord(au)
    if service.avertissement_liste:
        print(f"recouvrement : {service.avertissement_liste}", file=sys.stderr)
    if args.fichier:
        service.exporter_tableau_de_bord(tableau, args.fichier)
    if args.json:
        afficher_json(en_json(tableau))
    else:
        print("\n".join(en_texte(tableau)))
        if args.fichier:
            print(f"\nRapport écrit dans {args.fichier}.")
    return 0
