"""CLI commands for documents: modeles, generer, documents, deposer, relances."""

from __future__ import annotations

import argparse
import sys

from recouvrement_tui.cli.erreurs import ErreurUtilisateur
from recouvrement_tui.cli.sortie import afficher_json
from recouvrement_tui.domain.dates import lire_date
from recouvrement_tui.domain.formatage import date_courte


def ajouter_commandes(commandes, option_dossiers) -> None:
    modeles = commandes.add_parser(
        "modeles",
        description="Liste les modèles Word : nom à donner à « generer », titre, et origine (livré avec "
        "l'application, ou personnalisé dans le dossier modeles/ du dossier de données).",
    )
    option_dossiers(modeles, argparse.SUPPRESS)
    modeles.add_argument("--json", action="store_true", help="sortie JSON")

    generer = commandes.add_parser(
        "generer",
        description="Écrit une nouvelle version du document (jamais d'écrasement) dans le dossier documents/ du "
        "dossier, l'inscrit au journal avec son empreinte SHA-256 et affiche son chemin.",
    )
    option_dossiers(generer, argparse.SUPPRESS)
    generer.add_argument("reference", metavar="REFERENCE", help="référence du dossier (ex. 2026-0042)")
    generer.add_argument("modele", metavar="MODELE", help="nom du modèle (voir « recouvrement modeles »)")
    generer.add_argument("--au", metavar="DATE", help="date du document et du décompte (aujourd'hui par défaut)")

    documents = commandes.add_parser(
        "documents",
        description="Liste les versions des documents d'un dossier et signale celles modifiées depuis leur génération.",
    )
    option_dossiers(documents, argparse.SUPPRESS)
    documents.add_argument("reference", metavar="REFERENCE", help="référence du dossier")
    documents.add_argument("--json", action="store_true", help="sortie JSON")

    deposer = commandes.add_parser(
        "deposer",
        description="Copie le fichier .docx révisé dans le dossier comme nouvelle version du document indiqué "
        "(les versions précédentes restent intactes) et l'inscrit au journal.",
    )
    option_dossiers(deposer, argparse.SUPPRESS)
    deposer.add_argument("reference", metavar="REFERENCE", help="référence du dossier")
    deposer.add_argument("version", metavar="VERSION", help="fichier de la version révisée, ex. 2026-11-23_mise_en_demeure_v1.docx")
    deposer.add_argument("fichier", metavar="FICHIER", nargs="?", help="fichier révisé (par défaut : la version elle-même, modifiée sur place)")


def ajouter_relances(commandes, option_dossiers) -> None:
    # Its --canal comes with the e-mail commands (and their imports): the others do without.
    from recouvrement_tui.cli import courriel

    relances = commandes.add_parser(
        "relances",
        description="Pour chaque dossier dont le calendrier de relance prévoit un courrier au plus tard à la date "
        "indiquée, génère la relance ou la mise en demeure due (une lettre par débiteur, reprenant toutes ses "
        "factures échues) et l'inscrit au journal. Un courrier déjà préparé depuis le dernier changement d'étape "
        "n'est pas refait.",
    )
    option_dossiers(relances, argparse.SUPPRESS)
    relances.add_argument("--au", metavar="DATE", help="date des courriers (aujourd'hui par défaut)")
    relances.add_argument("--liste", action="store_true", help="afficher ce qui serait préparé, sans rien écrire")
    courriel.ajouter_options_relances(relances)


def commande_modeles(args, service_pour) -> int:
    catalogue = service_pour(args).documents.catalogue()
    if args.json:
        afficher_json([{"modele": m.cle, "titre": m.titre, "famille": m.famille, "origine": o} for m, o in catalogue])
        return 0
    largeur = max(len(m.cle) for m, _ in catalogue)
    for m, origine in catalogue:
        print(f"{m.cle:<{largeur}}  {m.famille:<8}  {m.titre} ({origine})")
    return 0


def commande_generer(args, service_pour) -> int:
    service = service_pour(args)
    au = lire_date(args.au, "--au") if args.au else None
    genere = service.documents.generer(service.charger(args.reference), args.modele, au)
    service.fermer()
    if genere.avertissement:
        print(f"Mise en garde : {genere.avertissement}", file=sys.stderr)
    print(genere.chemin)
    return 0


def commande_documents(args, service_pour) -> int:
    service = service_pour(args)
    versions = service.documents.versions(service.charger(args.reference))
    if args.json:
        afficher_json([
            {
                "fichier": v.chemin,
                "modele": v.modele,
                "version": v.version,
                "date": v.date.isoformat(),
                "etat": v.etat,
                "modifie": v.modifie,
                "sha256": v.empreinte_actuelle,
                "sha256_journal": v.empreinte_journal,
            }
            for v in versions
        ])
        return 0
    if not versions:
        print("Aucun document pour ce dossier.")
    for v in versions:
        print(f"{date_courte(v.date)}  {v.chemin.rsplit('/', 1)[-1]:<48}  {v.etat}")
    return 0


def commande_deposer(args, service_pour) -> int:

    service = service_pour(args)
    dossier = service.charger(args.reference)
    versions = service.documents.versions(dossier)
    nom = args.version.rsplit("/", 1)[-1]
    version = next((v for v in versions if v.chemin.rsplit("/", 1)[-1] == nom), None)
    if version is None:
        connus = ", ".join(v.chemin.rsplit("/", 1)[-1] for v in versions) or "aucun"
        raise ErreurUtilisateur(f"Le dossier {args.reference} n'a pas de version « {nom} ». Versions : {connus}.")
    genere = service.documents.deposer_revision(dossier, version, args.fichier)
    service.fermer()
    print(genere.chemin)
    return 0


def commande_relances(args, service_pour) -> int:
    service = service_pour(args)
    if args.canal == "courriel":
        from recouvrement_tui.cli import courriel

        return courriel.commande_relances_courriel(args, service)
    if args.envoyer:
        raise ErreurUtilisateur("--envoyer s'emploie avec --canal courriel : les lettres s'impriment et se postent.")
    au = lire_date(args.au, "--au") if args.au else service.aujourdhui()
    if args.liste:
        dues = service.documents.relances_dues(au)
        for reference, cle in dues:
            print(f"{reference}  {cle}")
        print(f"{len(dues)} courrier(s) dû(s) au {date_courte(au)}.")
        return 0

    def progression(fait: int, total: int) -> None:
        if sys.stderr.isatty():
            print(f"\r{fait}/{total}", end="", file=sys.stderr, flush=True)

    rapport = service.documents.preparer_relances(au, progression)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    for reference, titre, chemin in rapport.prepares:
        print(f"{reference}  {titre}  {chemin}")
    for reference, message in rapport.erreurs:
        print(f"{reference}  ÉCHEC : {message}", file=sys.stderr)
    for message in rapport.messages_taux:  # once for all the dossiers it stopped, not once each
        print(f"recouvrement : {message}", file=sys.stderr)
    sans_taux = len({reference for reference, _s, _serie in rapport.sans_taux})
    print(
        f"{len(rapport.prepares)} courrier(s) préparé(s) au {date_courte(au)}, "
        f"{len(rapport.deja_prepares)} déjà prêt(s), {len(rapport.erreurs)} échec(s)"
        + (f", {sans_taux} en attente du taux du semestre." if sans_taux else ".")
    )
    service.fermer()
    return 1 if rapport.erreurs or rapport.sans_taux else 0
