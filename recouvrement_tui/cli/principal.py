"""The `recouvrement` command: opens the TUI, or runs one task for scripts.

A thin face over recouvrement_tui.services.dossiers, like the TUI. Errors a user can fix are
printed in French on stderr with exit status 2; nothing here shows a traceback.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from recouvrement_tui import __version__
from recouvrement_tui.cli.erreurs import ErreurUtilisateur
from recouvrement_tui.cli.francais import ParseurFrancais
from recouvrement_tui.cli.sortie import afficher_json, sorties_sures
from recouvrement_tui.services.emplacement import VARIABLE, dossier_de_donnees

DESCRIPTION = "Recouvrement de créances impayées : un dossier par débiteur, dans le terminal."
EPILOGUE = (
    "Sans commande, ouvre l'application sur le dossier de données. Le dossier de données est "
    f"--dossiers, sinon la variable {VARIABLE}, sinon ./dossiers."
)


def _option_dossiers(parseur: argparse.ArgumentParser, defaut=None) -> None:
    parseur.add_argument(
        "--dossiers",
        metavar="CHEMIN",
        default=defaut,
        help=f"dossier de données (par défaut : ${VARIABLE}, sinon ./dossiers)",
    )


# The commands in the order `--help` lists them: name -> (module of recouvrement_tui.cli, its function
# that adds the command's parser, one-line help). A module is imported only when its command is
# used (or its own --help asked): `recouvrement --help` and each command pay only for what they use.
COMMANDES: dict[str, tuple[str, str, str]] = {
    "demo": ("principal", "_ajouter_demo", "écrire des dossiers de démonstration réalistes"),
    "liste": ("principal", "_ajouter_liste", "lister les dossiers ouverts, prochaine action la plus proche en tête"),
    "decompte": ("decompte", "ajouter_commandes", "calculer le décompte d'un dossier, ou d'une somme sans dossier"),
    "taux": ("decompte", "ajouter_commandes",
             "lister les taux connus par semestre, ou ajouter ceux d'un nouveau semestre"),
    "delai": ("procedure", "ajouter_commandes", "calculer l'échéance d'un délai de procédure (art. 641 et 642 CPC)"),
    "agenda": ("procedure", "ajouter_agenda", "lister les actions et échéances de tous les dossiers, par date"),
    "montrer": ("procedure", "ajouter_montrer",
                "afficher un dossier (JSON : le format documenté dans docs/format-dossier.md)"),
    "importer": ("procedure", "ajouter_importer",
                 "importer un dossier (.json), une archive (.zip), un FEC, une balance âgée (.csv, .xlsx) ou une "
                 "facture (.pdf, .xml)"),
    "exporter": ("procedure", "ajouter_exporter",
                 "exporter un dossier complet et vérifiable (.zip) pour un commissaire de justice"),
    "urgence": ("journal", "ajouter_commandes",
                "invoquer l'urgence pour saisir le juge avant la fin du délai de la mise en demeure"),
    "noter": ("journal", "ajouter_commandes",
              "ajouter une note au journal d'un dossier (pour les scripts et standards téléphoniques)"),
    "joindre": ("journal", "ajouter_commandes", "joindre une pièce (fichier) à un dossier, avec son type et sa date"),
    "appel": ("appel", "ajouter_commandes",
              "noter un appel téléphonique au débiteur et son issue (promesse, contestation, rappel…)"),
    "courriel": ("courriel", "ajouter_commandes",
                 "prévisualiser, écrire en brouillon ou envoyer un courriel de relance"),
    "modeles": ("documents", "ajouter_commandes", "lister les modèles de documents"),
    "generer": ("documents", "ajouter_commandes", "générer un document pour un dossier et afficher son chemin"),
    "documents": ("documents", "ajouter_commandes", "lister les versions des documents d'un dossier"),
    "deposer": ("documents", "ajouter_commandes", "enregistrer le fichier révisé par un avocat comme nouvelle version"),
    "relances": ("documents", "ajouter_relances", "préparer en lot les relances et mises en demeure dues"),
    "evaluer": ("evaluation", "ajouter_commandes",
                "comparer le coût de chaque voie de recouvrement à ce qu'elle peut rapporter"),
    "tableau-de-bord": ("tableau_de_bord", "ajouter_commandes",
                        "les chiffres du portefeuille : encours, étapes, ancienneté, recouvrements, DSO"),
    "serve": ("serve", "ajouter_commandes",
              "ouvrir l'application dans un navigateur web, pour les collègues sans terminal"),
}


def _module(nom: str) -> ModuleType:
    return sys.modules[__name__] if nom == "principal" else importlib.import_module(f"recouvrement_tui.cli.{nom}")


class _CommandesALaDemande(argparse._SubParsersAction):
    """Sub-commands listed at once but whose parser is built when first used.

    The options of a command come from its module, and a module brings what its command needs
    (the domain, TinyDB, docxtpl, aiohttp…): building every parser cost each command, `--help`
    included, all of them. `annoncer` lists a command (its name is a valid choice, its help line
    shows in `--help`); the parser is built by the module's function when argparse selects the
    command, or by `construire` (the full parser, for whoever inspects it)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._a_construire: dict[str, Callable[[], None]] = {}

    def annoncer(self, nom: str, aide: str, construire: Callable[[], None]) -> None:
        self._choices_actions.append(self._ChoicesPseudoAction(nom, (), aide))
        self._name_parser_map[nom] = None  # type: ignore[assignment]  # a valid choice, built later
        self._a_construire[nom] = construire

    def add_parser(self, name, **kwargs):
        if self._a_construire.pop(name, None) is None:
            return super().add_parser(name, **kwargs)
        kwargs.pop("help", None)  # listed already, with COMMANDES' help line
        ordre = list(self._name_parser_map)
        del self._name_parser_map[name]
        parseur = super().add_parser(name, **kwargs)
        places = {nom: self._name_parser_map[nom] for nom in ordre}  # the announced order, for error messages
        self._name_parser_map.clear()
        self._name_parser_map.update(places)
        return parseur

    def construire(self, nom: str) -> None:
        if (construire := self._a_construire.get(nom)) is not None:
            construire()

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        if values:
            self.construire(values[0])
        super().__call__(parser, namespace, values, option_string)


def construire_parseur(a_la_demande: bool = False) -> argparse.ArgumentParser:
    """The `recouvrement` parser; `a_la_demande`: each command's parser is built only when used."""
    parseur = ParseurFrancais(prog="recouvrement", description=DESCRIPTION, epilog=EPILOGUE)
    parseur.add_argument("--version", action="version", version=f"recouvrement {__version__}", help="afficher la version et quitter")
    _option_dossiers(parseur)
    parseur.add_argument(
        "--demo", action="store_true", help="ouvrir l'application sur une copie temporaire de dossiers de démonstration"
    )
    commandes = parseur.add_subparsers(
        dest="commande", title="commandes", metavar="COMMANDE", action=_CommandesALaDemande)
    assert isinstance(commandes, _CommandesALaDemande)
    for nom, (module, fonction, aide) in COMMANDES.items():
        def construire(module=module, fonction=fonction) -> None:
            getattr(_module(module), fonction)(commandes, _option_dossiers)
        commandes.annoncer(nom, aide, construire)
    if not a_la_demande:
        for nom in COMMANDES:
            commandes.construire(nom)
    return parseur


def _ajouter_demo(commandes, option_dossiers) -> None:
    demo = commandes.add_parser(
        "demo",
        description="Écrit N dossiers fictifs mais réalistes (sociétés avec SIREN valides, consommateurs, "
        "paiements partiels, toutes les étapes) dans le dossier de données indiqué.",
    )
    option_dossiers(demo, argparse.SUPPRESS)
    demo.add_argument("--nombre", type=int, default=200, metavar="N", help="nombre de dossiers (200 par défaut)")
    demo.add_argument("--graine", type=int, default=0, metavar="S", help="graine du hasard : même graine, mêmes dossiers")


def _ajouter_liste(commandes, option_dossiers) -> None:
    liste = commandes.add_parser(
        "liste",
        description="Liste les dossiers ouverts, par date de prochaine action (les retards en tête, les dossiers "
                    "sans action datée à la fin) : référence, débiteur, principal dû (factures moins paiements), "
                    "dû avec intérêts (décompte, s'il est connu), étape, prochaine action.",
    )
    option_dossiers(liste, argparse.SUPPRESS)
    liste.add_argument("--tous", action="store_true", help="inclure les dossiers clôturés (avec le motif de clôture)")
    liste.add_argument("--json", action="store_true", help="sortie JSON (un objet par dossier)")


# Commands that work on a data folder: each is `commande_<name>` (dashes as underscores) of its
# module in COMMANDES, imported when the command runs, and gets the parsed arguments and a way to
# open the folder.
COMMANDES_SUR_DOSSIERS = frozenset({
    "decompte", "taux", "agenda", "montrer", "importer", "exporter", "noter", "joindre", "urgence", "appel",
    "courriel", "modeles", "generer", "documents", "deposer", "relances", "evaluer", "tableau-de-bord", "serve",
})


def main(argv: list[str] | None = None) -> int:
    parseur = construire_parseur(a_la_demande=True)
    args = parseur.parse_args(argv)
    if args.commande is None:
        return _executer(parseur, args)  # the TUI draws with control sequences of its own
    with sorties_sures():
        return _executer(parseur, args)


def _executer(parseur: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    try:
        _verifier_arguments(parseur, args)
        if args.commande == "demo":
            return commande_demo(args)
        if args.commande == "liste":
            _verifier_dossier_de_donnees(args)
            return commande_liste(args)
        if args.commande == "delai":
            return _module("procedure").commande_delai(args)
        if args.commande in COMMANDES_SUR_DOSSIERS:
            _verifier_dossier_de_donnees(args)
            fonction = getattr(_module(COMMANDES[args.commande][0]), "commande_" + args.commande.replace("-", "_"))
            return fonction(args, _service)
        return ouvrir_tui(args)
    except _erreurs_a_dire() as erreur:  # evaluated only once an exception is raised
        from recouvrement_tui.domain.erreurs import franciser

        print(f"recouvrement : {franciser(str(erreur), erreur)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("recouvrement : interrompu.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into a command that stopped reading (head, less): not an error.
        # Point stdout at devnull so the interpreter's final flush does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as erreur:
        # The system refused a file the user named or the data folder (a directory given for a
        # file, a name too long, no rights, disk full): say which and why, in French.
        from recouvrement_tui.domain.erreurs import decrire_erreur_systeme

        print(f"recouvrement : {decrire_erreur_systeme(erreur)}", file=sys.stderr)
        return 2
    except Exception as erreur:
        from recouvrement_tui.system.incidents import consigner

        print(f"recouvrement : {consigner(erreur)}", file=sys.stderr)
        return 1


def _erreurs_a_dire() -> tuple[type[Exception], ...]:
    """The errors a user can fix: printed in French, exit status 2. Their classes are imported
    here, when something went wrong, rather than by every command that went right."""
    from recouvrement_tui.services.erreurs import (
        ErreurDocument,
        ErreurSaisie,
        ErreursSaisie,
        ErreurStockage,
        TauxIllisibles,
        TauxInconnu,
    )

    return (
        ErreurUtilisateur, ErreurStockage, ErreurSaisie, ErreursSaisie, ErreurDocument, TauxInconnu, TauxIllisibles
    )


# Arguments that name files: they may hold bytes that are not UTF-8 (a file name is bytes).
_CHEMINS = {"dossiers", "fichier", "vers", "version"}  # tableau-de-bord --xlsx is "fichier"


def _verifier_arguments(parseur: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Refuse what no save or display could take: a NUL character (a real command line cannot
    hold one, a caller of main() can), and, in a text that is not a path, bytes that are not
    UTF-8 (Python keeps them as lone surrogates, which cannot be written to a UTF-8 file)."""
    actions = {a.dest: a for a in parseur._actions}
    for sous in parseur._subparsers._group_actions if parseur._subparsers else ():
        choix: dict[str, argparse.ArgumentParser] = sous.choices  # type: ignore[assignment]  # name -> parser
        if args.commande in choix:
            actions.update({a.dest: a for a in choix[args.commande]._actions})
    for dest, valeur in vars(args).items():
        for texte in valeur if isinstance(valeur, list) else [valeur]:
            if not isinstance(texte, str):
                continue
            action = actions.get(dest)
            nom = (action.option_strings[-1] if action and action.option_strings else None) or (
                action.metavar if action and isinstance(action.metavar, str) else dest.upper())
            if "\0" in texte:
                raise ErreurUtilisateur(f"{nom} contient un caractère nul (\\0) : retirez-le.")
            if dest not in _CHEMINS and any("\ud800" <= c <= "\udfff" for c in texte):
                raise ErreurUtilisateur(
                    f"{nom} contient des caractères qui ne sont pas en UTF-8 : réécrivez ce texte en UTF-8."
                )


def _racine(args) -> Path:
    return dossier_de_donnees(getattr(args, "dossiers", None))


# Commands that may start from a data folder not created yet: the others read existing dossiers.
_CREENT_LE_DOSSIER = frozenset({"importer", "taux"})


def _verifier_dossier_de_donnees(args) -> None:
    """A mistyped --dossiers is said, rather than answered "Aucun dossier" with exit 0."""
    if args.commande in _CREENT_LE_DOSSIER:
        return
    racine = _racine(args)
    if not racine.exists():
        raise ErreurUtilisateur(
            f"Le dossier de données {racine} n'existe pas : vérifiez --dossiers (ou la variable {VARIABLE}). "
            "Pour essayer l'application, « recouvrement demo --dossiers CHEMIN » en écrit un.")
    if not racine.is_dir():
        raise ErreurUtilisateur(f"{racine} n'est pas un dossier : indiquez avec --dossiers le dossier de données.")


def _service(args):
    from recouvrement_tui.services.dossiers import ServiceDossiers

    return ServiceDossiers(_racine(args))


def commande_demo(args) -> int:
    from recouvrement_tui.demo import ecrire_demo

    if args.nombre < 1:
        raise ErreurUtilisateur("--nombre doit être au moins 1.")
    racine = _racine(args)
    if racine.exists() and any(racine.iterdir()):
        raise ErreurUtilisateur(
            f"{racine} n'est pas vide : choisissez un dossier neuf pour ne rien mélanger à de vrais dossiers."
        )

    def progression(fait: int, total: int) -> None:
        if sys.stderr.isatty() and (fait % 100 == 0 or fait == total):
            print(f"\r{fait}/{total} dossiers écrits", end="" if fait < total else "\n", file=sys.stderr)

    references = ecrire_demo(racine, args.nombre, args.graine, progression=progression)
    print(f"{len(references)} dossiers de démonstration écrits dans {racine}.")
    return 0


def commande_liste(args) -> int:
    import datetime as dt

    from recouvrement_tui.domain.formatage import date_courte, montant
    from recouvrement_tui.domain.procedure import MotifCloture

    service = _service(args)
    if reprise := service.reprendre_apres_incident():
        print(f"recouvrement : {reprise}", file=sys.stderr)
    # What index.json says, then a stat per dossier: the list is rebuilt only if a dossier changed
    # (resumes_actualises would build it twice at 10,000 dossiers: 80 ms).
    resumes = service.resumes_en_cache()
    if (verifies := service.verifier_resumes()) is not None:
        resumes = verifies
    if service.avertissement_liste:  # e.g. index.json is a directory: the list is not cached
        print(f"recouvrement : {service.avertissement_liste}", file=sys.stderr)
    if not args.tous:
        resumes = [r for r in resumes if r.ouvert]
    # The work queue's order: next action date, overdue first, dossiers without a dated action last.
    resumes = sorted(resumes, key=lambda r: (r.prochaine_date or dt.date.max, r.reference))
    if args.json:
        # Built row by row with what repeats (a step's value and label, the balance's text) looked
        # up or formatted once: 10,000 rows in 25 ms rather than 31.
        etapes = {e: (e.value, e.libelle) for e in {r.etape for r in resumes} if e is not None}
        libelles = MotifCloture.LIBELLES
        sortie = []
        for r in resumes:
            etape, libelle = etapes.get(r.etape, (None, None))  # no step: None, not in etapes
            solde = f"{r.solde:.2f}"
            motif = r.motif_cloture
            sortie.append({
                "reference": r.reference,
                "debiteur": r.debiteur,
                "siren": r.siren,
                "etape": etape,
                "etape_libelle": libelle,
                "solde": solde,
                "prochaine_action": r.prochaine_action,
                "prochaine_date": r.prochaine_date.isoformat() if r.prochaine_date else None,
                "endommage": r.endommage or None,
                "ouvert": r.ouvert,
                "motif_cloture": motif or None,
                "motif_cloture_libelle": libelles.get(motif, motif) or None,
                "principal_du": solde,
                "du_avec_interets": f"{r.du:.2f}" if r.du is not None else None,
                "du_avec_interets_au": r.du_au.isoformat() if r.du_au else None,
            })
        afficher_json(sortie)
        return 0
    if not resumes:
        print(f"Aucun dossier ouvert dans {service.racine} (--tous : inclure les clôturés)." if not args.tous
              else f"Aucun dossier dans {service.racine}.")
        return 0
    print(f"{'Référence':<9}  {'Débiteur':<40}  {'Principal dû':>15}  {'Dû avec intérêts':>16}  {'Étape':<20}  "
          "Prochaine action")
    for r in resumes:
        if r.endommage:
            print(f"{r.reference}  ⚠ illisible : {r.endommage}")
            continue
        etape = r.etape.libelle if r.etape else ""
        du = montant(r.du) if r.du is not None else ""
        action = (f"{r.prochaine_action} {date_courte(r.prochaine_date)}" if r.ouvert
                  else f"Clôturé : {MotifCloture.LIBELLES.get(r.motif_cloture, r.motif_cloture) or '?'}")
        print(f"{r.reference:<9}  {r.debiteur[:40]:<40}  {montant(r.solde):>15}  {du:>16}  {etape:<20}  {action}".rstrip())
    return 0


def ouvrir_tui(args) -> int:
    # Start-up builds some 100,000 objects that live as long as the app (modules, the list's rows):
    # collecting while they are built only walks them again and again (60-70 ms at 10,000
    # dossiers). The list screen freezes them and turns collection back on once it is drawn.
    gc.disable()
    from recouvrement_tui.services.dossiers import ServiceDossiers
    from recouvrement_tui.ui.app import RecouvrementApp

    if args.demo:
        from recouvrement_tui.cli.copie_demo import copie_temporaire, fin_propre
        from recouvrement_tui.demo import ecrire_demo

        # A fresh copy each time, removed on exit, on SIGTERM or SIGHUP too, and by the next --demo
        # if the process was killed outright: the demo never mixes with real dossiers.
        app: RecouvrementApp | None = None
        with fin_propre(lambda: app is not None and app.quitter_sur_signal()), copie_temporaire() as temporaire:
            racine = temporaire / "demonstration"
            ecrire_demo(racine, 200, 0)
            app = RecouvrementApp(ServiceDossiers(racine))
            app.run()
        return 0
    # A broken parametres.json does not stop the TUI: it opens with a banner and the settings screen.
    RecouvrementApp(ServiceDossiers(_racine(args), tolerer_parametres=True)).run()
    return 0
