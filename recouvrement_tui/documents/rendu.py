"""Render a template: docxtpl with autoescape on and every unknown or empty value an error.

Autoescape matters: docxtpl's default leaves "&" and "<" raw in the XML, and a debtor named
"Dupont & Fils <SARL>" silently truncates the whole document. StrictUndefined turns a
misspelt variable into an error instead of a blank; `finalize` does the same for a fact the
dossier does not have (None) that a template prints without testing for it.
"""

from __future__ import annotations

import io
import re

import jinja2
from docxtpl import DocxTemplate


class ErreurDocument(Exception):
    """A document cannot be produced; the message says why, in French, and how to fix it."""


def _refuser_vide(valeur: object) -> object:
    if valeur is None:
        raise ErreurDocument("une donnée du dossier manque")
    return valeur


def environnement() -> jinja2.Environment:
    return jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, finalize=_refuser_vide)


def rendre(modele: bytes, contexte: dict, nom: str) -> bytes:
    """The .docx produced from the template bytes `modele`; `nom` names it in errors."""
    gabarit = DocxTemplate(io.BytesIO(modele))
    try:
        gabarit.render(contexte, environnement(), autoescape=True)
    except jinja2.UndefinedError as erreur:
        variable = _variable(str(erreur))
        raise ErreurDocument(
            f"Le modèle « {nom} » utilise une donnée inconnue ({variable}). Corrigez la balise dans le modèle "
            "(la liste des données disponibles est dans docs/modeles.md)."
        ) from None
    except jinja2.TemplateSyntaxError as erreur:
        raise ErreurDocument(
            f"Le modèle « {nom} » contient une balise mal formée ({erreur.message}). Dans Word, ressaisissez la "
            "balise d'un seul tenant, sans changer de mise en forme au milieu."
        ) from None
    except ErreurDocument as erreur:
        raise ErreurDocument(
            f"Le modèle « {nom} » imprime une donnée que ce dossier n'a pas ({erreur}) : complétez le dossier "
            "ou placez la balise dans un {% if %}."
        ) from None
    sortie = io.BytesIO()
    gabarit.save(sortie)
    return sortie.getvalue()


def variables_utilisees(modele: bytes) -> set[str]:
    """Top-level names a template reads (for the test that the context provides them all)."""
    return DocxTemplate(io.BytesIO(modele)).get_undeclared_template_variables(environnement())


def _variable(message: str) -> str:
    """"'dict object' has no attribute 'rg'" -> "rg"; "'x' is undefined" -> "x"."""
    trouve = re.search(r"attribute '([^']+)'", message) or re.search(r"'([^']+)' is undefined", message)
    return trouve.group(1) if trouve else message
