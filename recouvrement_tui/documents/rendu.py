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
from collections.abc import Callable

import jinja2
from docxtpl import DocxTemplate
from jinja2.sandbox import ImmutableSandboxedEnvironment
from lxml import etree

from recouvrement_tui.documents.erreurs import ErreurDocument


def _refuser_vide(valeur: object) -> object:
    if valeur is None:
        raise ErreurDocument("une donnée du dossier manque")
    return valeur


_TAILLE_MAX_PRODUIT = 100_000  # characters or items a template may build by repetition


class _Environnement(ImmutableSandboxedEnvironment):
    """A sandbox that keeps each compiled template: docxtpl recompiles the document's XML on
    every render, which is most of the time of a batch of a thousand letters from the same template."""

    # A template from the shared data folder must not be able to fill the memory: "{{ 'x' * 10**9 }}"
    # is refused (the sandbox already caps range() at 100,000).
    intercepted_binops = frozenset(["*", "**"])

    def call_binop(self, context, operator, left, right):
        if operator == "**" and isinstance(right, int) and abs(right) > 64:
            raise jinja2.exceptions.SecurityError("exposant trop grand")
        if operator == "*":
            for sequence, fois in ((left, right), (right, left)):
                if isinstance(sequence, (str, list, tuple)) and isinstance(fois, int) \
                        and len(sequence) * fois > _TAILLE_MAX_PRODUIT:
                    raise jinja2.exceptions.SecurityError("texte trop long")
        return super().call_binop(context, operator, left, right)

    def __init__(self, autoescape: bool = True) -> None:
        super().__init__(autoescape=autoescape, undefined=jinja2.StrictUndefined, finalize=_refuser_vide)
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
# The same sandbox for plain text (e-mails): nothing to escape in text; their HTML is built from
# the rendered text, every character escaped (documents.courriels).
_ENVIRONNEMENT_TEXTE = _Environnement(autoescape=False)


def environnement() -> jinja2.Environment:
    return _ENVIRONNEMENT


def environnement_texte() -> jinja2.Environment:
    return _ENVIRONNEMENT_TEXTE


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
    return _sans_horodatage(sortie.getvalue(), _typographie_xml)


def _refus(nom: str, acces: str) -> ErreurDocument:
    """A template that reaches past the dossier's data (attack or copied snippet): refused, in French."""
    quoi = f"accès à « {acces} »" if re.fullmatch(r"\w+", acces) else "opération interdite"
    return ErreurDocument(
        f"Le modèle « {nom} » contient une expression refusée pour des raisons de sécurité ({quoi}) : un modèle "
        "ne peut lire que les données du dossier. Corrigez-le dans Word ou retirez-le de modeles/."
    )


def _sans_horodatage(contenu: bytes, corriger: Callable[[bytes], bytes] | None = None) -> bytes:
    """The same .docx with fixed zip entry times: same dossier and date, same bytes, same SHA-256.

    python-docx stamps each zip entry with the time of saving; without this, regenerating an
    identical letter would look like a different document. `corriger`, when given, rewrites the
    parts that hold the document's text (body, headers, footers, notes).
    """
    sortie = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(contenu)) as source, zipfile.ZipFile(sortie, "w", zipfile.ZIP_DEFLATED) as cible:
        for entree in source.infolist():
            fixe = zipfile.ZipInfo(entree.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixe.compress_type = zipfile.ZIP_DEFLATED
            fixe.external_attr = entree.external_attr
            donnees = source.read(entree.filename)
            if corriger is not None and _PARTIES_TEXTE.fullmatch(entree.filename):
                donnees = corriger(donnees)
            cible.writestr(fixe, donnees)
    return sortie.getvalue()


# --- French typography, applied to what a template produced --------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML_ESPACE = "{http://www.w3.org/XML/1998/namespace}space"
ESPACE_FINE = "\u202f"  # espace fine insécable: before ; : ! ? (Imprimerie nationale)
INSECABLE = "\u00a0"  # espace insécable: inside guillemets, after n° and Me, before € and %
_OPAQUE = "\ufffc"  # a tab or a line break inside the paragraph: never edited, never a letter
_PARTIES_TEXTE = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")
_VOYELLES_MAJUSCULES = "AEIOUÀÂÄÉÈÊËÎÏÔÖŒÙÛÜ"

# Each rule: a pattern whose group "avant" (an ordinary space, or nothing) becomes `espace`.
_REGLES: tuple[tuple[re.Pattern[str], str], ...] = (
    # A space before ; : ! ? becomes a narrow no-break space; with no space at all, one is added
    # only after a word and before a space or the end ("Note: x"): "10:30", "https://", "?a=b"
    # and an e-mail address stay as they are.
    (re.compile(r"(?P<avant> )(?=[;:!?])"), ESPACE_FINE),
    (re.compile(r"(?<=[\w)»])(?P<avant>)(?=[;:!?](?:[ \u00a0\u202f" + _OPAQUE + r"]|$))"), ESPACE_FINE),
    # Inside guillemets.
    (re.compile(r"(?<=«)(?P<avant> ?)(?=[^ \u00a0\u202f])"), INSECABLE),
    (re.compile(r"(?<=[^ \u00a0\u202f«])(?P<avant> ?)(?=»)"), INSECABLE),
    # n° 12, N° 12, Me Dupont.
    (re.compile(r"(?<![\w])(?:[nN]°|Me)(?P<avant> )(?=[\w])"), INSECABLE),
    # 40 €, 5 %.
    (re.compile(r"(?<=\d)(?P<avant> )(?=[€%])"), INSECABLE),
)
# "de Anne" -> "d'Anne", "de Orange SA" -> "d'Orange SA": a name a variable put after "de". Only
# after a lowercase word ("le compte de Anne", not "Maria de Oliveira", whose "de" is part of the
# name), only before a capital vowel (the h, mute or aspirated, cannot be told apart).
_ELISION = re.compile(r"\b[a-zà-öø-ÿ]{2,} (?P<de>de )(?=[" + _VOYELLES_MAJUSCULES + r"])")


def typographie(texte: str) -> str:
    """`texte` with French typography (one paragraph's text; see _typographie_docx)."""
    return _corriger(texte)[0]


def _corriger(texte: str) -> tuple[str, list[tuple[int, int, str]]]:
    """The corrected text, and the edits made: (start, end, replacement) in the original text."""
    modifications: dict[int, tuple[int, str]] = {}
    for motif, espace in _REGLES:
        for m in motif.finditer(texte):
            debut, fin = m.span("avant")
            if debut not in modifications:
                modifications[debut] = (fin, espace)
    for m in _ELISION.finditer(texte):
        debut, fin = m.span("de")
        modifications.setdefault(debut, (fin, m.group("de")[0] + "'"))
    morceaux, curseur, faites = [], 0, []
    for debut in sorted(modifications):
        fin, remplacement = modifications[debut]
        if debut < curseur:
            continue
        morceaux += [texte[curseur:debut], remplacement]
        faites.append((debut, fin, remplacement))
        curseur = fin
    morceaux.append(texte[curseur:])
    return "".join(morceaux), faites


def _typographie_paragraphe(elements: list) -> None:
    """Correct one paragraph whose text is spread over runs: each edit goes into the w:t node
    holding the character it replaces, or the one it precedes."""
    textes = [(e, e.text or "") if e.tag == _W + "t" else (e, _OPAQUE) for e in elements]
    complet = "".join(t for _, t in textes)
    _, faites = _corriger(complet)
    if not faites:
        return
    # Where each character of the paragraph lives: (index in textes, offset).
    positions = [(i, k) for i, (_, t) in enumerate(textes) for k in range(len(t))]
    nouveaux = {i: list(t) for i, (e, t) in enumerate(textes) if e.tag == _W + "t"}
    for debut, fin, remplacement in reversed(faites):
        i, k = positions[debut]
        if i not in nouveaux:
            continue
        if fin > debut:  # replace the characters (all in the same node, or the edit is skipped)
            if positions[fin - 1][0] != i:
                continue
            nouveaux[i][k:k + fin - debut] = [remplacement]
        else:
            nouveaux[i][k:k] = [remplacement]
    for i, caracteres in nouveaux.items():
        element = textes[i][0]
        texte = "".join(caracteres)
        if texte != textes[i][1]:
            element.text = texte
            element.set(_XML_ESPACE, "preserve")


def _typographie_xml(contenu: bytes) -> bytes:
    racine = etree.fromstring(contenu)
    paragraphes: dict[object, list] = {}
    for element in racine.iter(_W + "t", _W + "tab", _W + "br", _W + "cr"):
        parent = element.getparent()
        while parent is not None and parent.tag != _W + "p":
            parent = parent.getparent()
        if parent is not None:
            paragraphes.setdefault(parent, []).append(element)
    for elements in paragraphes.values():
        if any(e.tag == _W + "t" for e in elements):
            _typographie_paragraphe(elements)
    return etree.tostring(racine, xml_declaration=True, encoding="UTF-8", standalone=True)


def variables_utilisees(modele: bytes) -> set[str]:
    """Top-level names a template reads (for the test that the context provides them all)."""
    return DocxTemplate(io.BytesIO(modele)).get_undeclared_template_variables(environnement())


def _variable(message: str) -> str:
    """"'dict object' has no attribute 'rg'" -> "rg"; "'x' is undefined" -> "x"."""
    trouve = re.search(r"attribute '([^']+)'", message) or re.search(r"'([^']+)' is undefined", message)
    return trouve.group(1) if trouve else message
