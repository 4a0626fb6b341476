"""`recouvrement noter`, `joindre` and `urgence`: what scripts and phone systems add to a dossier.

Both only add to the dossier (a journal line, a pièce), so a save refused because a colleague
saved first is redone on the fresh dossier by the service (ServiceDossiers.reessayer): the
command never needs anyone to look at the screen, and never loses or doubles what it adds.
"""

from __future__ import annotations

import argparse
import sys

from recouvrement_tui.domain.model import TypePiece
from recouvrement_tui.domain.texte import sans_accents
from recouvrement_tui.services.erreurs import ErreurSaisie

# services.DUREE_TENTATIVES, written out: importing services here would slow every command's start
# (a test keeps the two in step).
_CONCURRENCE = (
    "Si un collègue enregistre le même dossier au même moment, l'ajout est refait sur le\n"
    "dossier à jour (jusqu'à 30 secondes), sans jamais être perdu ni doublé."
)


AIDE_NOTER = f"""\
Ajoute une note au journal du dossier (appel, courriel, promesse de paiement…), au nom de
$RECOUVREMENT_AUTEUR, sinon de votre identifiant système.
{_CONCURRENCE}

  recouvrement noter 2026-0042 "Appel du débiteur : promet de payer le 15/12."
  echo "Courriel reçu du conseil du débiteur." | recouvrement noter 2026-0042 -"""


def _types() -> str:
    return "\n".join(f"  {t.value:<22} {t.libelle}" for t in TypePiece)


AIDE_JOINDRE = f"""\
Copie un fichier (facture, bon de commande, contrat, avis de réception…) dans le dossier
pieces/ du dossier, l'inscrit au bordereau et au journal avec son empreinte SHA-256.
L'original n'est ni déplacé ni modifié ; un fichier du même nom qu'une pièce déjà jointe
reçoit un autre nom (« bon (2).pdf »).
{_CONCURRENCE}

Types de pièce (la clé ou le libellé) :
{_types()}

  recouvrement joindre 2026-0042 ~/scans/bc-17.pdf --type bon_de_commande --date 12/03/2026
  recouvrement joindre 2026-0042 ar.pdf --type "avis de réception" --description "AR de la mise en demeure\""""


AIDE_URGENCE = """\
Inscrit au journal le motif d'urgence qui justifie de saisir le juge avant la fin du délai
laissé par la mise en demeure (ou sans mise en demeure). Les voies judiciaires (requête,
assignation, petites créances) sont alors permises, avec une mise en garde reprenant le motif.
Une urgence vaut pour la situation du moment : une nouvelle mise en demeure l'efface.

  recouvrement urgence 2026-0042 "Cession du fonds annoncée au BODACC : risque d'insolvabilité."
"""


def ajouter_commandes(commandes, option_dossiers) -> None:
    urgence = commandes.add_parser(
        "urgence",
        description=AIDE_URGENCE,
        formatter_class=argparse.RawDescriptionHelpFormatter,  # examples kept as written
    )
    option_dossiers(urgence, argparse.SUPPRESS)
    urgence.add_argument("reference", metavar="REFERENCE", help="référence du dossier (ex. 2026-0042)")
    urgence.add_argument("motif", metavar="MOTIF", help="le motif de l'urgence")

    noter = commandes.add_parser(
        "noter",
        description=AIDE_NOTER,
        formatter_class=argparse.RawDescriptionHelpFormatter,  # examples kept as written
    )
    option_dossiers(noter, argparse.SUPPRESS)
    noter.add_argument("reference", metavar="REFERENCE", help="référence du dossier (ex. 2026-0042)")
    noter.add_argument("texte", metavar="TEXTE", help="le texte de la note ; « - » : le lire sur l'entrée standard")

    joindre = commandes.add_parser(
        "joindre",
        description=AIDE_JOINDRE,
        formatter_class=argparse.RawDescriptionHelpFormatter,  # examples kept as written
    )
    option_dossiers(joindre, argparse.SUPPRESS)
    joindre.add_argument("reference", metavar="REFERENCE", help="référence du dossier (ex. 2026-0042)")
    joindre.add_argument("fichier", metavar="FICHIER", help="le fichier à joindre (il est copié)")
    joindre.add_argument("--type", metavar="TYPE", default="",
                         help="type de pièce, clé ou libellé (liste ci-dessus ; par défaut : autre, « Pièce »)")
    joindre.add_argument("--date", metavar="DATE", default="",
                         help="date de la pièce, JJ/MM/AAAA ou AAAA-MM-JJ (par défaut : aucune, comme dans l'application)")
    joindre.add_argument("--description", metavar="TEXTE", default="",
                         help="remplace le type dans le bordereau (facultatif)")


def commande_noter(args, service_pour) -> int:
    texte = args.texte
    if texte == "-":
        try:
            texte = sys.stdin.read()
        except (OSError, UnicodeDecodeError):
            raise ErreurSaisie("texte", "La note n'a pas pu être lue sur l'entrée standard (texte UTF-8 attendu).") from None
    service = service_pour(args)
    dossier = service.noter(args.reference, texte)
    print(f"Note ajoutée au journal du dossier {dossier.reference} ({dossier.debiteur.nom_complet}).")
    return 0


def commande_urgence(args, service_pour) -> int:
    service = service_pour(args)
    dossier = service.invoquer_urgence(args.reference, args.motif)
    print(f"Urgence inscrite au journal du dossier {dossier.reference} : les voies judiciaires sont permises, "
          "avec mise en garde.")
    return 0


def commande_joindre(args, service_pour) -> int:
    service = service_pour(args)
    valeurs = {"fichier": args.fichier, "type": type_piece(args.type), "date": args.date,
               "description": args.description}
    dossier = service.echanges.joindre(args.reference, valeurs)
    piece = dossier.pieces[-1]
    print(f"Pièce « {piece.fichier} » jointe au dossier {dossier.reference} : {piece.libelle}.")
    return 0


def _simplifier(texte: str) -> str:
    """Lower case, no accents, words joined by "_": "Avis de réception" -> "avis_de_reception"."""
    return "_".join(sans_accents(texte).lower().replace("'", " ").replace("’", " ").replace("-", " ").split())


def type_piece(saisi: str) -> str:
    """The TypePiece key for a key or a French label typed by a user, or the start of just one
    of them ("avis de réception"); "" stays "" (the default type). ErreurSaisie if none fits."""
    if not saisi.strip():
        return ""
    cherche = _simplifier(saisi)
    noms = {t: (t.value, _simplifier(t.libelle)) for t in TypePiece}
    exacts = [t for t, n in noms.items() if cherche in n]
    debuts = [t for t, n in noms.items() if any(x.startswith(cherche) for x in n)]
    if trouve := exacts or (debuts if len(debuts) == 1 and len(cherche) >= 3 else []):
        return trouve[0].value
    permis = "\n".join(f"  {t.value} ({t.libelle})" for t in TypePiece)
    raise ErreurSaisie("type", f"« {saisi} » n'est pas un type de pièce. Types possibles (clé ou libellé) :\n{permis}")
