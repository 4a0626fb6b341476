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

import copy
import functools
import hashlib
import io
import re
import struct
import threading
import zipfile
import zlib
from collections import OrderedDict
from collections.abc import Callable

import jinja2
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.coreprops import CoreProperties
from docx.opc.oxml import serialize_part_xml
from docx.oxml.ns import nsmap
from docx.oxml.parser import parse_xml
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
        gabarit = _gabarit(modele)
        if gabarit is not None:
            return gabarit.rendre(contexte)
        return _rendre_docxtpl(modele, contexte)
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


def _rendre_docxtpl(modele: bytes, contexte: dict) -> bytes:
    """docxtpl's own way, whole: the reference the fast path (_Gabarit) reproduces byte for byte,
    and the way for a template it does not handle (footnotes, no core properties)."""
    gabarit = DocxTemplate(io.BytesIO(modele))
    gabarit.render(contexte, environnement(), autoescape=True)
    sortie = io.BytesIO()
    gabarit.save(sortie)
    return _sans_horodatage(sortie.getvalue(), _typographie_xml)


# --- the fast path: a template read once per process ------------------------------------------
#
# docxtpl, for every letter, unzips and parses the whole template (350 kB of styles twice over),
# rewrites its XML with regular expressions, renders it, serialises every part and zips them
# all; _sans_horodatage then unzipped, re-parsed the text parts for the typography and zipped
# everything again. A _Gabarit does the work that does not depend on the dossier once: the
# parts no tag touches are kept compressed, exactly as they would be written; the body, the
# headers and footers are kept as compiled templates (in the same sandbox); each letter then
# renders those, applies the typography to the parsed tree and writes the zip once. The result
# is the same file, byte for byte (tests/documents/test_rendu_identique.py).

_DATE_FIXE = (1980, 1, 1, 0, 0, 0)
_DATE_DOS = (_DATE_FIXE[0] - 1980) << 9 | _DATE_FIXE[1] << 5 | _DATE_FIXE[2]  # as zipfile packs them
_HEURE_DOS = _DATE_FIXE[3] << 11 | _DATE_FIXE[4] << 5 | _DATE_FIXE[5] // 2
_REPERTOIRE = "<4s4B4HL2L5H2L"  # a central directory record, then the end record (the zip format)
_FIN = "<4s4H2LH"
_OUTILS = DocxTemplate(io.BytesIO())  # patch_xml, resolve_listing, fix_tables: they keep no state
_LISTING = re.compile("[\t\a\n\f]")
_NOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
# The core properties docxtpl renders as templates (DocxTemplate.render_properties).
_PROPRIETES = ("author", "comments", "identifier", "language", "subject", "title")
_GABARITS_MAX = 32  # templates kept per process (the catalogue has 19): memory stays bounded
_GABARITS: OrderedDict[str, _Gabarit | None] = OrderedDict()
_VERROU_GABARITS = threading.Lock()


class _Inadapte(Exception):
    """A template the fast path does not reproduce exactly: docxtpl renders it whole."""


def _gabarit(modele: bytes) -> _Gabarit | None:
    """The template read once (None: rendered by docxtpl whole); keyed by its content, so a
    template edited in Word is read again however it was saved."""
    cle = hashlib.sha256(modele).hexdigest()
    with _VERROU_GABARITS:
        if cle in _GABARITS:
            _GABARITS.move_to_end(cle)
            return _GABARITS[cle]
    try:
        gabarit: _Gabarit | None = _Gabarit(modele, environnement())
    except _Inadapte:
        gabarit = None
    with _VERROU_GABARITS:
        _GABARITS[cle] = gabarit
        while len(_GABARITS) > _GABARITS_MAX:
            _GABARITS.popitem(last=False)
    return gabarit


class _Differe:
    """A part's compiled template, or the syntax error compiling it raised: raised when the
    render reaches that part, as docxtpl would (an unknown variable earlier is reported first)."""

    def __init__(self, env: jinja2.Environment, source: str) -> None:
        self.gabarit: jinja2.Template | None = None
        self.erreur: Exception | None = None
        try:
            self.gabarit = env.from_string(source)
        except jinja2.TemplateError as erreur:
            self.erreur = erreur

    def rendre(self, contexte: dict) -> str:
        if self.erreur is not None:
            # A fresh traceback each time: the kept one would grow and hold every letter's frames.
            raise self.erreur.with_traceback(None)
        assert self.gabarit is not None
        return self.gabarit.render(contexte)


def _entree(nom: str, attributs: int, donnees: bytes) -> tuple[str, int, int, int, int, bytes]:
    """A zip entry as zipfile writes it with ZIP_DEFLATED: (name, attributes, CRC, sizes, data)."""
    compresseur = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    compresse = compresseur.compress(donnees) + compresseur.flush()
    return nom, attributs, zlib.crc32(donnees), len(compresse), len(donnees), compresse


def _zip(entrees: list[tuple[str, int, int, int, int, bytes]]) -> bytes:
    """The archive zipfile writes for these entries, dated _DATE_FIXE (as _sans_horodatage does)."""
    morceaux: list[bytes] = []
    repertoire: list[bytes] = []
    position = 0
    for nom, attributs, crc, taille_compressee, taille, compresse in entrees:
        info = zipfile.ZipInfo(nom, date_time=_DATE_FIXE)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = attributs
        info.CRC, info.compress_size, info.file_size = crc, taille_compressee, taille
        entete = info.FileHeader(False)
        try:
            nom_octets, drapeaux = nom.encode("ascii"), info.flag_bits
        except UnicodeEncodeError:
            nom_octets, drapeaux = nom.encode("utf-8"), info.flag_bits | 0x800  # as ZipInfo's header says
        repertoire.append(struct.pack(
            _REPERTOIRE, b"PK\001\002", info.create_version, info.create_system,
            info.extract_version, info.reserved, drapeaux, zipfile.ZIP_DEFLATED, _HEURE_DOS, _DATE_DOS, crc,
            taille_compressee, taille, len(nom_octets), 0, 0, 0, info.internal_attr, attributs, position,
        ) + nom_octets)
        morceaux += [entete, compresse]
        position += len(entete) + len(compresse)
    central = b"".join(repertoire)
    fin = struct.pack(_FIN, b"PK\005\006", 0, 0, len(entrees), len(entrees),
                      len(central), position, 0)
    return b"".join(morceaux) + central + fin


def _apres_rendu(xml: str) -> str:
    """What docxtpl does to a part's rendered XML (DocxTemplate.render_xml_part)."""
    xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
    xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
    # resolve_listing turns these characters in a text into Word's tab, break and paragraph;
    # without any, it would give back the same XML (the usual case, and a costly one).
    return _OUTILS.resolve_listing(xml) if _LISTING.search(xml) else xml


def _a_rendre(xml: str) -> str:
    """A part's XML as docxtpl hands it to Jinja (DocxTemplate.patch_xml, render_xml_part)."""
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", _OUTILS.patch_xml(xml))


def _serialiser(racine) -> bytes:
    return etree.tostring(racine, xml_declaration=True, encoding="UTF-8", standalone=True)


class _Gabarit:
    """A template parsed, pre-processed and compiled once; `rendre` makes one letter of it."""

    def __init__(self, modele: bytes, env: jinja2.Environment) -> None:
        document = Document(io.BytesIO(modele))
        partie = document.part
        paquet = partie.package
        if any(p.content_type == _NOTES for p in paquet.iter_parts()):
            raise _Inadapte("notes de bas de page")  # docxtpl renders them once per section
        coeur = next((r.target_part for r in paquet.rels.values()
                      if r.reltype == RELATIONSHIP_TYPE.CORE_PROPERTIES and not r.is_external), None)
        if coeur is None:
            raise _Inadapte("pas de propriétés")  # python-docx would add some, dated of the moment
        # The body, then each header, then each footer, as DocxTemplate.render takes them.
        self._corps = _Differe(env, _a_rendre(etree.tostring(document.element.body, encoding="unicode")))
        self._entetes: list[tuple[str, _Differe]] = []
        for uri in (DocxTemplate.HEADER_URI, DocxTemplate.FOOTER_URI):
            for relation in partie.rels.values():
                if relation.reltype == uri and relation.target_part.blob:
                    xml = etree.tostring(parse_xml(relation.target_part.blob), encoding="unicode")
                    self._entetes.append((relation.target_part.partname.membername, _Differe(env, _a_rendre(xml))))
        # Compiled once, like the parts: a syntax error is raised when the render reaches them.
        self._proprietes = tuple(_Differe(env, getattr(CoreProperties(coeur.element), p)) for p in _PROPRIETES)
        self._coeur = copy.deepcopy(coeur.element)
        self._racine = copy.deepcopy(document.element)
        corps = self._racine.body
        self._rang_corps = self._racine.index(corps)
        self._racine.remove(corps)
        self._nom_corps = partie.partname.membername
        self._nom_coeur = coeur.partname.membername
        dynamiques = [self._nom_corps, self._nom_coeur, *(nom for nom, _ in self._entetes)]
        # Every other part as docxtpl's save and _sans_horodatage write it, kept compressed.
        sortie = io.BytesIO()
        document.save(sortie)
        reference = _sans_horodatage(sortie.getvalue(), _typographie_xml)
        self._entrees: list[tuple[str, int, int, int, int, bytes] | str] = []
        self._attributs: dict[str, int] = {}
        with zipfile.ZipFile(io.BytesIO(reference)) as archive:
            for info in archive.infolist():
                self._attributs[info.filename] = info.external_attr
                if info.filename in dynamiques:
                    self._entrees.append(info.filename)
                    continue
                longueurs = reference[info.header_offset + 26:info.header_offset + 30]
                debut = info.header_offset + 30 + sum(struct.unpack("<HH", longueurs))
                self._entrees.append((info.filename, info.external_attr, info.CRC, info.compress_size,
                                      info.file_size, reference[debut:debut + info.compress_size]))
        if sorted(n for n in self._entrees if isinstance(n, str)) != sorted(dynamiques):
            raise _Inadapte("parties en double ou absentes")
        self._coeurs: OrderedDict[tuple[str, ...], tuple[str, int, int, int, int, bytes]] = OrderedDict()
        self._verrou = threading.Lock()

    def rendre(self, contexte: dict) -> bytes:
        parties: dict[str, bytes] = {}
        # The body: rendered, tables and drawing ids fixed as docxtpl does, put into the document.
        arbre = _OUTILS.fix_tables(_apres_rendu(self._corps.rendre(contexte)))
        for rang, dessin in enumerate(arbre.xpath("//wp:docPr", namespaces=nsmap), start=1001):
            dessin.attrib["id"] = str(rang)
        racine = copy.deepcopy(self._racine)
        racine.insert(self._rang_corps, arbre)
        _typographie_arbre(racine)
        parties[self._nom_corps] = _serialiser(racine)
        for nom, gabarit in self._entetes:
            entete = parse_xml(_apres_rendu(gabarit.rendre(contexte)).encode("utf-8"))
            _typographie_arbre(entete)
            parties[nom] = _serialiser(entete)
        valeurs = tuple(p.rendre(contexte) for p in self._proprietes)
        coeur = self._entree_coeur(valeurs)
        entrees = [
            e if not isinstance(e, str) else coeur if e == self._nom_coeur else
            _entree(e, self._attributs[e], parties[e])
            for e in self._entrees
        ]
        return _zip(entrees)

    def _entree_coeur(self, valeurs: tuple[str, ...]) -> tuple[str, int, int, int, int, bytes]:
        """docProps/core.xml with the rendered properties (the same for every letter, as a rule)."""
        with self._verrou:
            if valeurs in self._coeurs:
                return self._coeurs[valeurs]
        element = copy.deepcopy(self._coeur)
        proprietes = CoreProperties(element)
        for nom, valeur in zip(_PROPRIETES, valeurs, strict=True):
            setattr(proprietes, nom, valeur)
        entree = _entree(self._nom_coeur, self._attributs[self._nom_coeur], serialize_part_xml(element))
        with self._verrou:
            self._coeurs[valeurs] = entree
            while len(self._coeurs) > 8:
                self._coeurs.popitem(last=False)
        return entree


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
            fixe = zipfile.ZipInfo(entree.filename, date_time=_DATE_FIXE)
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


# What every rule needs somewhere in the text: a text with none of these is left as it is.
_DECLENCHEURS = re.compile(r"[;:!?«»°€%]|Me|de ")


@functools.lru_cache(maxsize=4096)  # the same sentences of law in every letter; bounded memory
def _corriger(texte: str) -> tuple[str, tuple[tuple[int, int, str], ...]]:
    """The corrected text, and the edits made: (start, end, replacement) in the original text."""
    if not _DECLENCHEURS.search(texte):
        return texte, ()
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
    return "".join(morceaux), tuple(faites)


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
    _typographie_arbre(racine)
    return _serialiser(racine)


def _typographie_arbre(racine) -> None:
    """French typography in a parsed part (body, header, footer, notes), in place."""
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


def variables_utilisees(modele: bytes) -> set[str]:
    """Top-level names a template reads (for the test that the context provides them all)."""
    return DocxTemplate(io.BytesIO(modele)).get_undeclared_template_variables(environnement())


def _variable(message: str) -> str:
    """"'dict object' has no attribute 'rg'" -> "rg"; "'x' is undefined" -> "x"."""
    trouve = re.search(r"attribute '([^']+)'", message) or re.search(r"'([^']+)' is undefined", message)
    return trouve.group(1) if trouve else message
