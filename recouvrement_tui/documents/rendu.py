"""Render a template: docxtpl with autoescape on and every unknown or empty value an error.

Autoescape matters: docxtpl's default leaves "&" and "<" raw in the XML, and a debtor named
"Dupont & Fils <SARL>" silently truncates the whole document. StrictUndefined turns a
misspelt variable into an error instead of a blank; `finalize` does the same for a fact the
dossier does not have (None) that a template prints without testing for it.

The sandbox matters as much: a template is a file anyone with access to the shared data
folder can drop into modeles/, or receive from outside, and plain Jinja lets
`{{ cycler.__init__.__globals__.os.popen(...) }}` run any command. In the immutable sandbox a
template reaches only the context's data (no attribute starting with "_", no method that
changes a list or a dict, no `str.format` escape); anything else is refused, naming the template.
"""

from __future__ import annotations

import io
import re
import threading
import zipfile

import jinja2
from docxtpl import DocxTemplate
from jinja2.sandbox import ImmutableSandboxedEnvironment

from recouvrement_tui.documents.erreurs import ErreurDocument


def _refuser_vide(valeur: object) -> object:
    if valeur is None:
        raise ErreurDocument("une donnée du dossier manque")
    return valeur


class _Environnement(ImmutableSandboxedEnvironment):
    """A sandbox that keeps each compiled template: docxtpl recompiles the document's XML on
    every render, which is most of the time of a batch of a thousand letters from the same template."""

    def __init__(self) -> None:
        super().__init__(autoescape=True, undefined=jinja2.StrictUndefined, finalize=_refuser_vide)
        self._compiles: dict[str, jinja2.Template] = {}
        self._verrou = threading.Lock()

    def from_string(self, source, globals=None, template_class=None):
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        with self._verrou:
            compile = self._compiles.get(source)
            if compile is None:
                if len(self._compiles) > 200:  # templates edited many times in one session
                    self._compiles.clear()
                compile = self._compiles[source] = super().from_string(source)
            return compile


_ENVIRONNEMENT = _Environnement()


def environnement() -> jinja2.Environment:
    return _ENVIRONNEMENT


def rendre(modele: bytes, contexte: dict, nom: str) -> bytes:
    """The .docx produced from the template bytes `modele`; `nom` names it in errors."""
    try:
        gabarit = DocxTemplate(io.BytesIO(modele))
        gabarit.render(contexte, environnement(), autoescape=True)
    except jinja2.exceptions.SecurityError as erreur:
        raise _refus(nom, _variable(str(erreur))) from None
    except jinja2.UndefinedError as erreur:
        variable = _variable(str(erreur))
        if variable.startswith("_"):  # no data is named so: an attribute hunted past the sandbox's refusal
            raise _refus(nom, variable) from None
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
    except zipfile.BadZipFile:
        raise ErreurDocument(
            f"Le modèle « {nom} » n'est pas un fichier Word lisible : enregistrez-le à nouveau au format .docx."
        ) from None
    except Exception as erreur:  # noqa: BLE001 - an edited template can fail in many ways
        raise ErreurDocument(
            f"Le modèle « {nom} » ne peut pas être rempli ({type(erreur).__name__} : {erreur}). Vérifiez les "
            "balises modifiées dans Word (docs/modeles.md)."
        ) from None
    sortie = io.BytesIO()
    gabarit.save(sortie)
    return _sans_horodatage(sortie.getvalue())


def _refus(nom: str, acces: str) -> ErreurDocument:
    """A template that reaches past the dossier's data (attack or copied snippet): refused, in French."""
    quoi = f"accès à « {acces} »" if re.fullmatch(r"\w+", acces) else "opération interdite"
    return ErreurDocument(
        f"Le modèle « {nom} » contient une expression refusée pour des raisons de sécurité ({quoi}) : un modèle "
        "ne peut lire que les données du dossier. Corrigez-le dans Word ou retirez-le de modeles/."
    )


def _sans_horodatage(contenu: bytes) -> bytes:
    """The same .docx with fixed zip entry times: same dossier and date, same bytes, same SHA-256.

    python-docx stamps each zip entry with the time of saving; without this, regenerating an
    identical letter would look like a different document.
    """
    sortie = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(contenu)) as source, zipfile.ZipFile(sortie, "w", zipfile.ZIP_DEFLATED) as cible:
        for entree in source.infolist():
            fixe = zipfile.ZipInfo(entree.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixe.compress_type = zipfile.ZIP_DEFLATED
            fixe.external_attr = entree.external_attr
            cible.writestr(fixe, source.read(entree.filename))
    return sortie.getvalue()


def variables_utilisees(modele: bytes) -> set[str]:
    """Top-level names a template reads (for the test that the context provides them all)."""
    return DocxTemplate(io.BytesIO(modele)).get_undeclared_template_variables(environnement())


def _variable(message: str) -> str:
    """"'dict object' has no attribute 'rg'" -> "rg"; "'x' is undefined" -> "x"."""
    trouve = re.search(r"attribute '([^']+)'", message) or re.search(r"'([^']+)' is undefined", message)
    return trouve.group(1) if trouve else message
