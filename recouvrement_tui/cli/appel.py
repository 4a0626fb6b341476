"""`recouvrement appel`: record a telephone call to the debtor and its outcome, or print the call sheet.

The rules are the domain's (domain.appel) through services.appels: a promise moves the dossier to
« Promesse de paiement », a dispute to « Litige », when the legal guard allows it; otherwise the
call is recorded all the same and the refusal's reason is printed on stderr (exit status 0: the
call is saved). Missing or wrong input: exit status 2 with the French reason, nothing saved.
"""

from __future__ import annotations

import argparse
import sys

from recouvrement_tui.cli.erreurs import ErreurUtilisateur
from recouvrement_tui.domain.appel import Issue
from recouvrement_tui.services.erreurs import ErreurSaisie, ErreursSaisie

AIDE_APPEL = f"""\
Inscrit au journal un appel téléphonique au débiteur et son issue, au nom de
$RECOUVREMENT_AUTEUR, sinon de votre identifiant système, daté de maintenant.

Issues (la clé ou le libellé) :
{chr(10).join(f"  {i.value:<20} {i.libelle}" for i in Issue)}

  promesse          --jusquau (date promise, aujourd'hui ou après) et --montant obligatoires :
                    le dossier passe à « Promesse de paiement » jusqu'à cette date, et l'agenda
                    demande de vérifier le paiement le lendemain.
  contestation      --note obligatoire (le motif) : le dossier passe à « Litige ».
  rappeler          --jusquau obligatoire (date du rappel) : une action datée dans l'agenda.
  echeancier_demande, mauvais_numero : une action dans l'agenda (proposer un échéancier,
                    trouver le bon numéro). pas_de_reponse, message_laisse : le journal seul.

Si le contrôle juridique refuse le changement d'étape (titre en cours d'exécution, procédure
collective, dossier clôturé…), l'appel est enregistré quand même et le motif du refus est affiché.
Sans --contact, l'appel est noté auprès du contact pour les relances (sinon du débiteur) et de
son numéro. --fiche affiche ce qu'il faut dire au débiteur (sommes dues, factures échues,
conséquences d'un défaut de paiement, historique) sans rien enregistrer.

  recouvrement appel 2026-0042 --fiche
  recouvrement appel 2026-0042 --issue promesse --jusquau 15/12/2026 --montant "1 200,00"
  recouvrement appel 2026-0042 --issue contestation --note "Livraison incomplète selon le client."
  recouvrement appel 2026-0042 --issue rappeler --jusquau 02/12/2026 --contact "M. Durand\""""


def ajouter_commandes(commandes, option_dossiers) -> None:
    appel = commandes.add_parser(
        "appel",
        description=AIDE_APPEL,
        formatter_class=argparse.RawDescriptionHelpFormatter,  # examples kept as written
    )
    option_dossiers(appel, argparse.SUPPRESS)
    appel.add_argument("reference", metavar="REFERENCE", help="référence du dossier (ex. 2026-0042)")
    appel.add_argument("--issue", metavar="ISSUE", default=None, help="issue de l'appel, clé ou libellé (liste ci-dessus)")
    appel.add_argument("--jusquau", metavar="DATE", default="",
                       help="promesse : paiement promis au plus tard le ; rappeler : date du rappel (JJ/MM/AAAA)")
    appel.add_argument("--montant", metavar="M", default="", help="promesse : montant promis (ex. 1 234,56)")
    appel.add_argument("--contact", metavar="C", default="", help="la personne et le numéro appelés")
    appel.add_argument("--note", metavar="X", default="", help="ce qui a été dit ; contestation : son motif")
    appel.add_argument("--fiche", action="store_true", help="afficher la fiche d'appel (ce qu'il faut dire)")


def commande_appel(args, service_pour) -> int:
    if args.issue is None and not args.fiche:
        raise ErreurSaisie("issue", "Indiquez l'issue de l'appel avec --issue (par exemple --issue promesse), "
                                    "ou --fiche pour afficher ce qu'il faut dire.")
    service = service_pour(args)
    if args.fiche:
        print(service.appels.fiche(service.charger(args.reference)).texte)
        if args.issue is None:
            return 0
        print()
    valeurs = {"issue": args.issue, "jusquau": args.jusquau, "montant": args.montant, "contact": args.contact,
               "note": args.note}
    etape_avant = service.charger(args.reference).etape
    try:
        dossier = service.appels.appeler(args.reference, valeurs)
    except ErreursSaisie as erreurs:  # one line per problem, and say that nothing was saved
        lignes = "\n".join(f"  - {e.message}" for e in erreurs.erreurs)
        raise ErreurUtilisateur(f"appel non enregistré :\n{lignes}") from None
    appel = dossier.appels[-1]
    print(f"Appel enregistré au journal du dossier {dossier.reference} ({dossier.debiteur.nom_complet}).")
    print(dossier.journal[-1].texte)
    if dossier.etape is not etape_avant:
        print(f"Le dossier passe à l'étape « {dossier.etape.libelle} ».")
    if appel.refus:
        print(f"recouvrement : étape non modifiée : {appel.refus}", file=sys.stderr)
    resume = service.resume(dossier)
    if resume.prochaine_date:
        print(f"Prochaine action : {resume.prochaine_action} le {resume.prochaine_date.strftime('%d/%m/%Y')}.")
    return 0
