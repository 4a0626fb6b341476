"""`recouvrement serve`: the application in a browser, for colleagues without a terminal."""

from __future__ import annotations

import argparse
import errno
import os
import socket

from recouvrement_tui.cli.erreurs import ErreurUtilisateur
from recouvrement_tui.system.serveur_web import (
    SESSIONS_MAX,
    VARIABLE_JETON,
    ConfigurationRefusee,
    ServeurRecouvrement,
    adresse_a_ouvrir,
    est_boucle_locale,
    nouveau_jeton,
    verifier_configuration,
)


def _port(texte: str) -> int:
    try:
        port = int(texte)
    except ValueError:
        raise argparse.ArgumentTypeError(f"port invalide : {texte!r} (un nombre de 1 à 65535)") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port invalide : {port} (un nombre de 1 à 65535)")
    return port


def _hote(texte: str) -> str:
    """An address or a host name as the system can look it up (not "\u202e", not 300 characters)."""
    try:
        texte.encode("idna")
    except UnicodeError:
        raise argparse.ArgumentTypeError(
            f"adresse invalide : {texte!r} (une adresse IP comme 127.0.0.1 ou 0.0.0.0, ou un nom de machine)") from None
    return texte


def _sessions(texte: str) -> int:
    try:
        nombre = int(texte)
    except ValueError:
        raise argparse.ArgumentTypeError(f"nombre de sessions invalide : {texte!r} (un entier positif)") from None
    if nombre < 1:
        raise argparse.ArgumentTypeError(f"nombre de sessions invalide : {nombre} (un entier positif)")
    return nombre


def ajouter_commandes(commandes, option_dossiers) -> None:
    serve = commandes.add_parser(
        "serve",
        description="Sert l'application par le web : chaque onglet de navigateur ouvre sa propre session sur le "
        "même dossier de données. Par défaut, seule cette machine peut s'y connecter (127.0.0.1), avec un jeton "
        "tiré au démarrage (--sans-jeton pour s'en passer, si vous êtes seul sur la machine). Sur une autre "
        f"adresse (--hote 0.0.0.0 pour tout le réseau), un secret est exigé : la variable {VARIABLE_JETON}, ou "
        "--jeton-aleatoire pour en tirer un au démarrage. L'adresse à ouvrir, jeton compris, est affichée ; le "
        "navigateur le garde ensuite dans un cookie. Un script peut aussi s'identifier en HTTP Basic avec le jeton "
        "pour mot de passe. Le serveur ne chiffre pas (pas de HTTPS) : placez-le derrière un proxy HTTPS ou "
        "gardez-le sur un réseau de confiance. Ctrl+C l'arrête.",
    )
    option_dossiers(serve, argparse.SUPPRESS)
    serve.add_argument("--hote", type=_hote, default="127.0.0.1", metavar="ADRESSE",
                       help="adresse d'écoute (127.0.0.1 par défaut : cette machine seulement ; 0.0.0.0 : tout le réseau)")
    serve.add_argument("--port", type=_port, default=8000, help="port d'écoute (8000 par défaut)")
    serve.add_argument("--sessions-max", type=_sessions, default=SESSIONS_MAX, metavar="N",
                       help=f"sessions ouvertes à la fois, chacune un processus ({SESSIONS_MAX} par défaut) ; "
                            "au-delà, un nouvel onglet est refusé")
    serve.add_argument("--jeton-aleatoire", action="store_true",
                       help=f"sans {VARIABLE_JETON}, tirer un jeton au hasard et l'afficher dans l'adresse à ouvrir "
                            "(toujours fait sur 127.0.0.1)")
    serve.add_argument("--sans-jeton", action="store_true",
                       help="sur 127.0.0.1 seulement, ne pas exiger de jeton (sur une machine où vous êtes seul : "
                            "tout compte de la machine peut joindre 127.0.0.1)")


def commande_serve(args, service) -> int:
    racine = service(args).racine.resolve()
    jeton = os.environ.get(VARIABLE_JETON)
    if jeton is None and (args.jeton_aleatoire or (est_boucle_locale(args.hote) and not args.sans_jeton)):
        # Even on the loopback: every account of this machine can reach 127.0.0.1, and would open
        # the debtors' files with the rights of whoever started the server. The address printed
        # below carries it, so it costs the user nothing.
        jeton = nouveau_jeton()
    try:
        verifier_configuration(args.hote, jeton)
    except ConfigurationRefusee as refus:
        raise ErreurUtilisateur(str(refus)) from None
    serveur = ServeurRecouvrement(racine, args.hote, args.port, jeton, args.sessions_max)
    try:
        serveur.ecouter()
    except OSError as erreur:
        if erreur.errno == errno.EADDRINUSE:
            raise ErreurUtilisateur(
                f"Le port {args.port} est déjà utilisé sur {args.hote} : choisissez-en un autre avec --port.") from None
        if erreur.errno == errno.EADDRNOTAVAIL or isinstance(erreur, socket.gaierror):
            raise ErreurUtilisateur(
                f"L'adresse {args.hote} n'est pas une adresse de cette machine : vérifiez --hote.") from None
        raise
    print(f"recouvrement sert {racine} sur le web.")
    print(f"Adresse à ouvrir : {adresse_a_ouvrir(args.hote, args.port, jeton)}")
    if jeton:
        print("Cette adresse contient le secret d'accès : ne la donnez qu'aux personnes autorisées.")
    if not est_boucle_locale(args.hote):
        print("Attention : la connexion n'est pas chiffrée ; sur un réseau qui n'est pas de confiance, "
              "passez par un proxy HTTPS.")
    print("Ctrl+C pour arrêter.", flush=True)
    try:
        serveur.servir()
    finally:
        serveur.fermer()
    return 0
