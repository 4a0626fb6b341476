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
]


def traduire_erreur(message: str) -> str:
    for motif, francais in _ERREURS:
        if re.fullmatch(motif, message):
            return re.sub(motif, francais, message)
    return message


class _FormateurFrancais(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, "Utilisation : " if prefix is None else prefix)


class ParseurFrancais(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _FormateurFrancais)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="afficher cette aide et quitter")

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : erreur : {traduire_erreur(message)}\n")
