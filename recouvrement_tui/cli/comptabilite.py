"""CLI for the accounts: `importer FEC` (preview, then --appliquer), chosen by the file's header."""

from __future__ import annotations

from pathlib import Path

from recouvrement_tui.cli.erreurs import ErreurUtilisateur
from recouvrement_tui.services.comptabilite import fichier_est_un_fec


def est_un_fec(args) -> bool:
    nom = args.fichier.lower()
    return not nom.endswith((".json", ".zip", ".pdf", ".xml")) and fichier_est_un_fec(Path(args.fichier), args.feuille)


def commande_importer_fec(args, service) -> int:
    if args.colonne:
        raise ErreurUtilisateur("--colonne ne sert qu'à une balance âgée : les colonnes d'un FEC sont celles de la "
                                "norme (article A47 A-1 du livre des procédures fiscales).")
    plan = service.comptabilite.importer_fec(args.fichier, appliquer=args.appliquer,
                                             echeance_jours=args.echeance_jours, feuille=args.feuille)
    service.fermer()
    return afficher_plan(plan, args.appliquer, "ces dossiers, factures et paiements")


def afficher_plan(plan, applique: bool, quoi: str) -> int:
    """An import plan (balance or FEC) as both print it: summary, details, and what --appliquer would do."""
    print(plan.resume())
    for ligne in plan.details():
        print(f"  {ligne}")
    if not applique and not plan.rien_a_faire:
        print(f"Aperçu seulement : relancez avec --appliquer pour écrire {quoi}.")
    return 0
