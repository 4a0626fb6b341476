"""argparse speaking French: help headings, the -h option and error messages.

argparse's own texts are English and only translatable through gettext catalogues that
Python does not ship in French. Rather than patching the argparse module for the whole
process, this subclass sets its headings and translates its error messages.
"""

from __future__ import annotations

import argparse
import re
import sys

# argparse error messages (Python 3.11 wording) -> French.
_ERREURS = [
    (r"the following arguments are required: (.*)", r"arguments obligatoires manquants : \1"),
    (r"unrecognized arguments: (.*)", r"arguments non reconnus : \1"),
    (r"argument (.*?): invalid choice: (.*) \(choose from (.*)\)", r"argument \1 : choix invalide \2 (possibles : \3)"),
    (r"argument (.*?): invalid int value: (.*)", r"argument \1 : \2 n'est pas un nombre entier"),
    (r"argument (.*?): invalid (.*) value: (.*)", r"argument \1 : valeur invalide \3"),
    (r"argument (.*?): expected one argument", r"argument \1 : une valeur est attendue"),
    (r"argument (.*?): expected at least one argument", r"argument \1 : au moins une valeur est attendue"),
    (r"argument (.*?): not allowed with argument (.*)", r"argument \1 : incompatible avec \2"),
    (r"ambiguous option: (.*) could match (.*)", r"option ambiguë : \1 peut désigner \2"),
    (r"one of the arguments (.*) is required", r"l'un de ces arguments est obligatoire : \1"),
    (r"argument (.*?): expected at most one argument", r"argument \1 : une seule valeur au plus"),
    (r"argument (.*?): expected (\d+) arguments?", r"argument \1 : \2 valeur(s) attendue(s)"),
    (r"argument (.*?): ignored explicit argument (.*)", r"option \1 : ne prend pas de valeur (\2 reçu)"),
    (r"argument (.*?): unknown parser (.*?) \(choices: (.*)\)", r"argument \1 : commande inconnue \2 (possibles : \3)"),
    (r"unexpected option string: (.*)", r"option inattendue : \1"),
]
# Whatever argparse says that is not listed above is still not shown in English.
_INCONNUE = "arguments incorrects : voyez « recouvrement -h »."


def traduire_erreur(message: str) -> str:
    for motif, francais in _ERREURS:
        if re.fullmatch(motif, message, flags=re.DOTALL):
            return re.sub(motif, francais, message, flags=re.DOTALL)
    return _INCONNUE


class _UsageFrancais:
    """Mixed into any argparse formatter: "Utilisation :" instead of "usage:"."""

    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, "Utilisation : " if prefix is None else prefix)


class _FormateurFrancais(_UsageFrancais, argparse.HelpFormatter):
    pass


def formateur_francais(classe: type[argparse.HelpFormatter]) -> type[argparse.HelpFormatter]:
    """`classe` (RawDescriptionHelpFormatter…) speaking French."""
    if issubclass(classe, _UsageFrancais):
        return classe
    return type(f"{classe.__name__}Francais", (_UsageFrancais, classe), {})


class ParseurFrancais(argparse.ArgumentParser):
    """Sub-commands are ParseurFrancais too (add_subparsers uses the parent's class), and
    whatever formatter_class a sub-command asks for is given the French usage heading."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs["formatter_class"] = formateur_francais(kwargs.get("formatter_class", _FormateurFrancais))
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="afficher cette aide et quitter")

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : erreur : {traduire_erreur(message)}\n")
