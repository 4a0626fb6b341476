"""`recouvrement delai` (when a procedural deadline expires) and `recouvrement agenda`."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from recouvrement_tui.cli.erreurs import ErreurUtilisateur
from recouvrement_tui.cli.sortie import afficher_json
from recouvrement_tui.domain.dates import en_retard, lire_date
from recouvrement_tui.domain.delais import Zone, calculer_delai, lire_duree
from recouvrement_tui.domain.formatage import date_courte, date_longue

if TYPE_CHECKING:
    from recouvrement_tui.services.erreurs import ColonnesManquantes

# The import commands' modules (balances, FEC, spreadsheets) are imported by `importer` alone:
# `delai`, `agenda`, `montrer` do not pay for them.


def _libelles() -> str:
    """The logical columns of a balance, for --colonne's help and messages."""
    from recouvrement_tui.exchange.correspondance import LIBELLES

    return ", ".join(LIBELLES)

AIDE_DELAI = """\
Calcule l'échéance d'un délai de procédure : le jour de l'événement ne compte pas ; un délai en
mois finit le même quantième (ou le dernier jour du mois) ; un délai qui finit un samedi, un
dimanche ou un jour férié de la zone est prorogé au premier jour ouvrable suivant.
  recouvrement delai 2026-03-28 "8 jours"
  recouvrement delai 2026-01-31 "1 mois" --zone alsace-moselle --json"""


def ajouter_commandes(commandes, _option_dossiers=None) -> None:
    delai = commandes.add_parser(
        "delai",
        description=AIDE_DELAI,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    delai.add_argument("date", metavar="DATE", help="date de l'événement qui fait courir le délai")
    delai.add_argument("duree", metavar="DUREE", help="« 8 jours », « 15 jours », « 1 mois », « 3 mois », « 2 ans »")
    delai.add_argument("--zone", choices=[z.value for z in Zone], default=Zone.METROPOLE.value,
                       help="jours fériés de la zone (métropole par défaut)")
    delai.add_argument("--json", action="store_true", help="sortie JSON")


def commande_delai(args) -> int:
    depart = lire_date(args.date, "DATE")
    echeance = calculer_delai(depart, lire_duree(args.duree, "DUREE"), Zone(args.zone))
    if args.json:
        afficher_json({
                "depart": echeance.depart.isoformat(),
                "duree": str(echeance.duree),
                "zone": echeance.zone.value,
                "echeance_brute": echeance.echeance_brute.isoformat(),
                "echeance": echeance.echeance.isoformat(),
                "motif_report": echeance.motif_report,
            })
        return 0
    print(f"Délai de {echeance.duree} à compter du {date_longue(depart)} :")
    if echeance.motif_report:
        print(f"  échéance le {date_longue(echeance.echeance_brute)}, reportée ({echeance.motif_report})")
        print(f"  au {date_longue(echeance.echeance)}, minuit (art. 642 CPC).")
    else:
        print(f"  expire le {date_longue(echeance.echeance)} à minuit.")
    return 0


def ajouter_agenda(commandes, option_dossiers) -> None:
    agenda = commandes.add_parser(
        "agenda",
        description="Liste, de la plus ancienne à la plus lointaine, chaque action à mener et chaque échéance de "
        "tous les dossiers ouverts, avec la règle qui la fixe ; les retards sont signalés par rapport à --au.",
    )
    option_dossiers(agenda, argparse.SUPPRESS)
    agenda.add_argument("--au", metavar="DATE", help="date de référence des retards (aujourd'hui par défaut)")
    agenda.add_argument("--json", action="store_true", help="sortie JSON")


def commande_agenda(args, service_pour) -> int:

    service = service_pour(args)
    au = lire_date(args.au, "--au") if args.au else service.aujourdhui()
    lignes = service.agenda()
    if args.json:
        afficher_json([
                {
                    "date": action.date.isoformat(),
                    "reference": resume.reference,
                    "debiteur": resume.debiteur,
                    "etape": resume.etape.value if resume.etape else None,
                    "action": action.libelle,
                    "regle": action.regle,
                    "critique": action.critique,
                    "en_retard": en_retard(action.date, au),
                }
                for resume, action in lignes
            ])
        return 0
    # A dossier that cannot be read has no dated action: it would silently drop out of the day's work.
    for resume in service.dossiers_endommages():
        print(f"recouvrement : {resume.reference} illisible, absent de l'agenda : {resume.endommage}", file=sys.stderr)
    if service.avertissement_liste:
        print(f"recouvrement : {service.avertissement_liste}", file=sys.stderr)
    if alerte := service.alerte_taux(au):  # no dossier's own: every décompte needs the half-year's rates
        print(f"recouvrement : {alerte.message}", file=sys.stderr)
    if not lignes:
        print("Aucune action à venir.")
        return 0
    retards = sum(1 for _, action in lignes if en_retard(action.date, au))
    print(f"{len(lignes)} actions, dont {retards} en retard au {date_courte(au)}.")
    for resume, action in lignes:
        marque = "EN RETARD" if en_retard(action.date, au) else ("aujourd'hui" if action.date == au else "")
        critique = "⚠ " if action.critique else ""
        print(f"{date_courte(action.date)}  {marque:<11}  {resume.reference}  {resume.debiteur[:32]:<32}  {critique}{action.libelle}")
    return 0


def ajouter_montrer(commandes, option_dossiers) -> None:
    montrer = commandes.add_parser(
        "montrer",
        description="Affiche un dossier ; avec --json, dans le format que « recouvrement importer » relit.",
    )
    option_dossiers(montrer, argparse.SUPPRESS)
    montrer.add_argument("reference", metavar="REFERENCE", help="référence du dossier (ex. 2026-0042)")
    montrer.add_argument("--json", action="store_true", help="le dossier complet en JSON")


def ajouter_importer(commandes, option_dossiers) -> None:
    importer = commandes.add_parser(
        "importer",
        description="Crée un dossier à partir d'un fichier JSON (docs/format-dossier.md), restaure une archive "
        "d'export (.zip, empreintes vérifiées), ou crée et complète des dossiers depuis une balance âgée exportée "
        "de la comptabilité (.csv ou classeur Excel .xlsx, docs/import-balance.md : aperçu, puis --appliquer), "
        "crée, complète et tient à jour les dossiers depuis le fichier des écritures comptables (FEC, reconnu à son "
        "en-tête, texte ou .xlsx, docs/import-fec.md : aperçu, puis --appliquer), ou ajoute une facture "
        "électronique Factur-X, CII ou UBL (.pdf, .xml, docs/import-factures.md) au dossier de son débiteur, avec "
        "le fichier comme pièce. Tout est vérifié avant la moindre écriture.",
    )
    option_dossiers(importer, argparse.SUPPRESS)
    importer.add_argument("fichier", metavar="FICHIER", help="fichier .json d'un dossier, ou archive .zip d'un export")
    importer.add_argument("--remplacer", action="store_true", help="archive .zip : remplacer un dossier existant de même référence")
    importer.add_argument("--dossier", metavar="REFERENCE",
                          help="facture .pdf/.xml : dossier auquel l'ajouter (par défaut : celui du même SIREN ou nom)")
    importer.add_argument("--appliquer", action="store_true",
                          help="balance .csv : écrire les dossiers et factures (sans cette option : aperçu seulement)")
    importer.add_argument("--colonne", metavar="DONNEE=EN-TETE", action="append", default=[],
                          help="balance .csv : quelle colonne du fichier contient quoi, quand ses noms ne sont pas "
                          "reconnus (par exemple --colonne numero=\"N° doc\" --colonne reste=Solde) ; retenu pour les "
                          "fichiers suivants du même logiciel. Données : " + _libelles())
    importer.add_argument("--feuille", metavar="NOM",
                          help="balance ou FEC en .xlsx : la feuille du classeur à lire (par défaut : la première)")
    importer.add_argument("--echeance-jours", metavar="N", type=int,
                          help="FEC : délai de paiement donné aux factures importées, le FEC n'ayant pas "
                          "d'échéance (par défaut : celui des paramètres, 30 jours)")


def ajouter_exporter(commandes, option_dossiers) -> None:
    exporter = commandes.add_parser(
        "exporter",
        description="Écrit une archive .zip : fiche de synthèse, décompte (.docx et .csv), bordereau, pièces "
        "numérotées comme au bordereau, documents générés, journal (.csv), dossier (JSON) et manifest.json avec "
        "l'empreinte SHA-256 et la taille de chaque fichier. « recouvrement importer ARCHIVE.zip » la restaure.",
    )
    option_dossiers(exporter, argparse.SUPPRESS)
    exporter.add_argument("reference", metavar="REFERENCE", help="référence du dossier")
    exporter.add_argument("--vers", metavar="DOSSIER", default=".", help="où écrire l'archive (dossier courant par défaut)")
    exporter.add_argument("--pdf", action="store_true", help="ajouter des copies PDF des fichiers Word (LibreOffice requis)")
    exporter.add_argument("--instruction", metavar="TEXTE", default="", help="instruction donnée au commissaire de justice")


def commande_montrer(args, service_pour) -> int:
    service = service_pour(args)
    if args.json:
        afficher_json(service.montrer(args.reference))
        return 0
    dossier = service.charger(args.reference)
    resume = service.resume(dossier)
    print(f"Dossier {dossier.reference} — {dossier.debiteur.nom_complet}")
    print(f"  étape : {dossier.etape.libelle} ; factures : {len(dossier.creances)} ; paiements : {len(dossier.paiements)}")
    if resume.prochaine_action:
        print(f"  prochaine action : {resume.prochaine_action} le {date_courte(resume.prochaine_date)}")
    print("  (--json pour le dossier complet)")
    return 0


# An aged balance: its CSV, or the workbook itself (the old .xls and .xlsm too: the reader names
# what to do with an .xls, and reads an .xlsm's cells without running anything).
_BALANCES = (".csv", ".xlsx", ".xlsm", ".xls")


def commande_importer(args, service_pour) -> int:
    from recouvrement_tui.cli import comptabilite
    from recouvrement_tui.services.erreurs import ColonnesManquantes

    service = service_pour(args)
    nom = args.fichier.lower()
    if nom.endswith(".zip"):
        dossier = service.echanges.importer_archive(args.fichier, remplacer=args.remplacer)
        service.fermer()
        print(f"Dossier {dossier.reference} restauré pour {dossier.debiteur.nom_complet} (empreintes vérifiées).")
        return 0
    if nom.endswith((".pdf", ".xml")):
        dossier = service.echanges.importer_facture(args.fichier, reference=args.dossier)
        service.fermer()
        creance = dossier.creances[-1]
        print(f"Facture {creance.numero} ajoutée au dossier {dossier.reference} ({dossier.debiteur.nom_complet}), "
              "le fichier étant joint comme pièce.")
        return 0
    if comptabilite.est_un_fec(args):  # recognised by its header, whatever its name (often SIRENFEC….txt)
        return comptabilite.commande_importer_fec(args, service)
    if args.echeance_jours is not None:
        raise ErreurUtilisateur("--echeance-jours ne sert qu'à l'import d'un FEC.")
    colonnes = _colonnes_choisies(args.colonne)
    est_balance = nom.endswith(_BALANCES)
    if colonnes and not est_balance:
        raise ErreurUtilisateur("--colonne ne sert qu'à l'import d'une balance âgée (.csv, .xlsx).")
    if args.feuille and not est_balance:
        raise ErreurUtilisateur("--feuille ne sert qu'à l'import d'une balance âgée en classeur Excel (.xlsx).")
    if est_balance:
        try:
            plan = service.echanges.importer_balance(args.fichier, appliquer=args.appliquer, colonnes=colonnes,
                                                     feuille=args.feuille)
        except ColonnesManquantes as erreur:
            raise ErreurUtilisateur(_aide_colonnes(erreur)) from None
        service.fermer()
        return comptabilite.afficher_plan(plan, args.appliquer, "ces dossiers et factures")
    if not nom.endswith(".json"):
        raise ErreurUtilisateur(
            f"« {args.fichier} » : s'importent ici un dossier JSON (.json, docs/format-dossier.md), une archive "
            "d'export (.zip), une balance âgée (.csv ou .xlsx, docs/import-balance.md) ou une facture électronique "
            "Factur-X, CII ou UBL (.pdf, .xml, docs/import-factures.md)."
        )
    dossier = service.importer_dossier(args.fichier)
    print(f"Dossier {dossier.reference} créé pour {dossier.debiteur.nom_complet}.")
    return 0


def _colonnes_choisies(brutes: list[str]) -> list[tuple[str, str]] | None:
    """--colonne numero="N° doc" … as (logical column, header) pairs; None when none given."""
    if not brutes:
        return None
    paires = []
    for brute in brutes:
        cle, egal, entete = brute.partition("=")
        if not egal or not cle.strip():
            raise ErreurUtilisateur(f"--colonne « {brute} » : écrivez DONNEE=EN-TETE, par exemple --colonne "
                                    f"numero=\"N° doc\" (données : {_libelles()}).")
        paires.append((cle.strip(), entete.strip()))
    return paires


def _aide_colonnes(erreur: ColonnesManquantes) -> str:
    lignes = "\n".join(f"  • {e.message}" for e in erreur.erreurs)
    exemple = next((c for c in erreur.entete if c), "En-tête")
    return (f"le fichier ne peut pas être importé ; rien n'a été écrit.\n{lignes}\nIndiquez quelle colonne contient "
            f"quoi, par exemple --colonne numero=\"{exemple}\" (données : {_libelles()}) : le choix sera "
            "retenu pour les fichiers suivants du même logiciel.")


def commande_exporter(args, service_pour) -> int:

    service = service_pour(args)

    def progression(fait: int, total: int, quoi: str) -> None:
        if sys.stderr.isatty():
            print(f"\r{fait}/{total} {quoi:<45}", end="", file=sys.stderr, flush=True)

    from recouvrement_tui.system import libreoffice

    if args.pdf and libreoffice.programme() is None:
        print("recouvrement : LibreOffice n'est pas installé : l'archive est écrite sans copies PDF.", file=sys.stderr)
    chemin = service.echanges.exporter(args.reference, args.vers, pdf=args.pdf, instruction=args.instruction,
                                       progression=progression)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    if mise_en_garde := service.echanges.mise_en_garde_export(args.reference):
        print(f"Mise en garde : {mise_en_garde}", file=sys.stderr)
    service.fermer()
    print(chemin)
    return 0
