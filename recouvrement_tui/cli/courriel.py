"""CLI for e-mail: `courriel` (preview, draft or send one message) and `relances --canal courriel`."""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
from pathlib import Path

from recouvrement_tui.cli.erreurs import ErreurUtilisateur
from recouvrement_tui.cli.sortie import afficher_json
from recouvrement_tui.domain.courriel import COURRIELS
from recouvrement_tui.domain.dates import lire_date
from recouvrement_tui.domain.formatage import date_courte
from recouvrement_tui.services.courriels import Canal, ErreurEnvoi, Statut


def ajouter_commandes(commandes, option_dossiers) -> None:
    courriel = commandes.add_parser(
        "courriel",
        description="Sans option, affiche le courriel (destinataires, objet, texte, pièces jointes) sans rien écrire. "
        "--brouillon écrit le message .eml (prêt à envoyer depuis Outlook ou Thunderbird) dans le dossier "
        "documents/ du dossier et l'inscrit au journal ; --envoyer l'envoie par le serveur des paramètres, le garde "
        "et l'inscrit au journal ; une relance envoyée fait passer le dossier à son étape. Le mot de passe du "
        "serveur vient de la variable RECOUVREMENT_SMTP_MOT_DE_PASSE ou du trousseau du système.",
    )
    option_dossiers(courriel, argparse.SUPPRESS)
    courriel.add_argument("reference", metavar="REFERENCE", help="référence du dossier (ex. 2026-0042)")
    courriel.add_argument("--modele", metavar="MODELE", choices=[m.cle for m in COURRIELS],
                          help="message : " + ", ".join(m.cle for m in COURRIELS)
                          + " (par défaut : la relance que prévoit le calendrier)")
    courriel.add_argument("--au", metavar="DATE", help="date du message et du décompte (aujourd'hui par défaut)")
    sortie = courriel.add_mutually_exclusive_group()
    sortie.add_argument("--brouillon", metavar="DOSSIER", nargs="?", const="",
                        help="écrire le brouillon .eml (et en déposer une copie dans DOSSIER si indiqué)")
    sortie.add_argument("--envoyer", action="store_true", help="envoyer par le serveur de courriel des paramètres")
    courriel.add_argument("--json", action="store_true", help="sortie JSON")


def ajouter_options_relances(relances) -> None:
    relances.add_argument("--canal", choices=[c.value for c in Canal], default=Canal.COURRIER.value,
                          help="courrier (lettres Word, par défaut) ou courriel (brouillons .eml, ou envoi avec "
                          "--envoyer ; lettre pour les débiteurs sans adresse et pour la mise en demeure)")
    relances.add_argument("--envoyer", action="store_true", help="avec --canal courriel : envoyer les courriels")


def commande_courriel(args, service_pour) -> int:
    service = service_pour(args)
    au = lire_date(args.au, "--au") if args.au else service.aujourdhui()
    dossier = service.charger(args.reference)
    cle = args.modele or _modele_du_calendrier(service, dossier, au)
    try:
        if args.envoyer:
            envoi = service.courriels.envoyer(dossier, cle, au)
        elif args.brouillon is not None:
            envoi = service.courriels.brouillon(dossier, cle, au)
        else:
            envoi = None
    except ErreurEnvoi as erreur:
        print(f"recouvrement : {erreur}", file=sys.stderr)
        return 2
    if envoi is None:
        courriel = service.courriels.preparer(dossier, cle, au)
        _afficher(courriel, args.json)
        return 0
    copie = None
    if args.brouillon:
        copie = _deposer(envoi.chemin, Path(args.brouillon).expanduser())
    service.fermer()
    if args.json:
        afficher_json({"reference": dossier.reference, "modele": cle, "envoye": envoi.envoye,
                       "message_id": envoi.message_id, "fichier": str(envoi.chemin), "sha256": envoi.empreinte,
                       "copie": str(copie) if copie else None,
                       "etape": envoi.etape.value if envoi.etape else None, "avertissement": envoi.avertissement})
        return 0
    if envoi.avertissement:
        print(f"Mise en garde : {envoi.avertissement}", file=sys.stderr)
    quoi = "Courriel envoyé" if envoi.envoye else "Brouillon écrit (à envoyer depuis la messagerie)"
    print(f"{quoi} : {envoi.chemin}")
    print(f"Message-ID : {envoi.message_id}")
    if copie:
        print(f"Copie : {copie}")
    if envoi.etape:
        print(f"Le dossier passe à l'étape « {envoi.etape.libelle} ».")
    return 0


def _modele_du_calendrier(service, dossier, au) -> str:
    if cle := service.courriels.modele_du_calendrier(dossier, au):
        return cle
    raise ErreurUtilisateur("Le calendrier ne prévoit pas de relance par courriel pour ce dossier : choisissez le "
                            "message avec --modele (" + ", ".join(m.cle for m in COURRIELS) + ").")


def _deposer(fichier: Path, dossier: Path) -> Path:
    if not dossier.is_dir():
        raise ErreurUtilisateur(f"Le dossier {dossier} n'existe pas : le brouillon est écrit dans le dossier, mais sa "
                                "copie n'a pas pu y être déposée.")
    cible = dossier / fichier.name
    if cible.exists():
        raise ErreurUtilisateur(f"{cible} existe déjà : le brouillon est écrit dans le dossier, sa copie n'a pas "
                                "remplacé ce fichier.")
    shutil.copyfile(fichier, cible)
    return cible


def _afficher(courriel, en_json: bool) -> None:
    d, r = courriel.destinataires, courriel.redaction
    if en_json:
        afficher_json({
            "reference": courriel.dossier.reference, "modele": courriel.modele.cle, "a": list(d.a), "cc": list(d.cc),
            "objet": r.objet, "texte": r.texte,
            "pieces_jointes": [{"nom": p.nom, "taille": p.taille, "sha256": hashlib.sha256(p.contenu).hexdigest()}
                               for p in courriel.pieces],
            "avertissement": courriel.avertissement,
        })
        return
    print(f"À : {', '.join(d.a)}")
    if d.cc:
        print(f"Copie : {', '.join(d.cc)}")
    print(f"Objet : {r.objet}")
    for p in courriel.pieces:
        print(f"Pièce jointe : {p.nom} ({p.taille / 1024:.0f} Ko)")
    if courriel.avertissement:
        print(f"Mise en garde : {courriel.avertissement}")
    print()
    print(r.texte, end="")
    print("\n(Aperçu : rien n'a été écrit ni envoyé. --brouillon ou --envoyer pour le faire.)", file=sys.stderr)


def commande_relances_courriel(args, service) -> int:
    """The day's batch by e-mail: drafts (or sends with --envoyer) where the debtor has an address,
    letters elsewhere; the same line-per-dossier report as the letters' batch."""
    au = lire_date(args.au, "--au") if args.au else service.aujourdhui()
    lignes = service.courriels.lot(au)
    if args.liste:
        for ligne in lignes:
            print(f"{ligne.reference}  {ligne.cle}  {ligne.canal.value}  {ligne.destinataires or ligne.remarque}")
        print(f"{len(lignes)} relance(s) due(s) au {date_courte(au)}.")
        return 0

    def progression(rang: int, total: int, ligne, statut: Statut, detail: str) -> None:
        if sys.stderr.isatty():
            print(f"\r{rang}/{total}", end="", file=sys.stderr, flush=True)

    resultat = service.courriels.traiter_lot(lignes, au, envoyer=args.envoyer, progression=progression)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    for ligne, statut, detail in resultat.lignes:
        flux = sys.stderr if statut is Statut.ERREUR else sys.stdout
        print(f"{ligne.reference}  {ligne.cle}  {statut.value}  {detail}", file=flux)
    for message in resultat.messages_taux:  # the command to run, once for every line it stopped
        print(f"recouvrement : {message}", file=sys.stderr)
    print(f"Au {date_courte(au)} : {resultat.compte(Statut.ENVOYE)} courriel(s) envoyé(s), "
          f"{resultat.compte(Statut.BROUILLON)} brouillon(s), {resultat.compte(Statut.LETTRE)} lettre(s), "
          f"{resultat.compte(Statut.DEJA)} déjà fait(s), {resultat.compte(Statut.ERREUR)} échec(s).")
    service.fermer()
    return 1 if resultat.compte(Statut.ERREUR) else 0
