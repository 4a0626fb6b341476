"""Directory of French courts (tribunaux judiciaires and commercial courts) and their ressort by commune.

Pure: the texts of the two CSV files come in as strings (storage/annuaire.py reads them), so the
rules of matching an address to a commune are tested without any file. Files, separator « ; »:

- tribunaux.csv: id;nature;nom;siege;adresse;code_postal;ville;telephone;source;date_source;statut
  (adresse: lines separated by « / »; statut « confirmé » or « à confirmer »);
- communes.csv: insee;nom;codes_postaux;departement;tj;commerce;source
  (codes_postaux separated by spaces; tj and commerce are tribunal ids, empty when unknown).

A commune is never picked silently: `placer` answers with the commune only when the postal code
and the town name designate exactly one; otherwise its `message` says why and lists the candidates.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum

from recouvrement_tui.domain.texte import sans_accents

COLONNES_TRIBUNAUX = (
    "id", "nature", "nom", "siege", "adresse", "code_postal", "ville", "telephone", "source", "date_source", "statut",
)
COLONNES_COMMUNES = ("insee", "nom", "codes_postaux", "departement", "tj", "commerce", "source")
CONFIRME = "confirmé"
A_CONFIRMER = "à confirmer"
# A commune placed by inference, not read in a source, carries this in its `source`.
MARQUE_DEDUIT = "déduit"


class NatureTribunal(StrEnum):
    JUDICIAIRE = "judiciaire"
    COMMERCE = "commerce"
    TAE = "tae"
    MIXTE_COMMERCE = "mixte_commerce"
    CHAMBRE_COMMERCIALE = "chambre_commerciale"

    @property
    def libelle(self) -> str:
        return _LIBELLES[self]

    @property
    def commerciale(self) -> bool:
        """True for the courts that hear commercial matters (everything but the TJ itself)."""
        return self is not NatureTribunal.JUDICIAIRE


_LIBELLES = {
    NatureTribunal.JUDICIAIRE: "tribunal judiciaire",
    NatureTribunal.COMMERCE: "tribunal de commerce",
    NatureTribunal.TAE: "tribunal des activités économiques",
    NatureTribunal.MIXTE_COMMERCE: "tribunal mixte de commerce",
    NatureTribunal.CHAMBRE_COMMERCIALE: "chambre commerciale du tribunal judiciaire",
}


class AnnuaireIllisible(ValueError):
    """A directory file is malformed; the message names the file and the line."""


@dataclass(frozen=True)
class Tribunal:
    id: str
    nature: NatureTribunal
    nom: str  # exactly as printed in a filing: « Tribunal judiciaire de Lyon »
    siege: str
    adresse: tuple[str, ...]  # address lines, without postal code and town
    code_postal: str
    ville: str
    telephone: str
    source: str
    date_source: str
    a_confirmer: bool

    @property
    def adresse_complete(self) -> tuple[str, ...]:
        """Address lines then « code postal ville », empty when the address is not known."""
        derniere = f"{self.code_postal} {self.ville}".strip()
        return (*self.adresse, derniere) if derniere else self.adresse


@dataclass(frozen=True)
class Commune:
    insee: str
    nom: str
    codes_postaux: tuple[str, ...]
    departement: str
    tj: str  # tribunal id, "" when unknown
    commerce: str  # tribunal id, "" when unknown
    source: str = ""

    @property
    def a_confirmer(self) -> bool:
        """The placement was inferred (shared postal code, arrondissement), not read in a source."""
        return MARQUE_DEDUIT in self.source


@dataclass(frozen=True)
class Placement:
    """The answer of `Annuaire.placer`: the commune, or why none was chosen (French) and the candidates."""

    commune: Commune | None
    candidats: tuple[Commune, ...] = ()
    message: str = ""


# ---------------------------------------------------------------------------------------- names

_ARRONDISSEMENTS = {"paris": ("751", 20), "lyon": ("6938", 9), "marseille": ("132", 16)}
_RE_ARRONDISSEMENT = re.compile(
    r"^(paris|lyon|marseille)\s*(\d{1,2})\s*(?:e|er|eme|ere|em)?\s*(?:arr|arrt|arrondissement)?$"
)
_VILLES_DIVISEES = frozenset({"75056", "69123", "13055"})
_RE_CEDEX = re.compile(r"\bcedex\b.*$")
_RE_NON_MOT = re.compile(r"[^a-z0-9]+")
_ABREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}


def normaliser_nom(nom: str) -> str:
    """Lower case, no accents, no punctuation, « St »/« Ste » spelled out, « Cedex … » dropped."""
    sans_accent = sans_accents(nom.replace("œ", "oe").replace("Œ", "oe")).lower()
    sans_cedex = _RE_CEDEX.sub("", sans_accent)
    mots = _RE_NON_MOT.sub(" ", sans_cedex).split()
    return " ".join(_ABREVIATIONS.get(mot, mot) for mot in mots)


def code_arrondissement(nom_normalise: str) -> str | None:
    """INSEE code of a Paris/Lyon/Marseille arrondissement named « Lyon 3e », « Paris 15 »…"""
    trouve = _RE_ARRONDISSEMENT.match(nom_normalise)
    if trouve is None:
        return None
    prefixe, nombre = _ARRONDISSEMENTS[trouve.group(1)]
    numero = int(trouve.group(2))
    if not 1 <= numero <= nombre:
        return None
    return f"{prefixe}{numero:0{5 - len(prefixe)}d}"


def _departement_du_code_postal(code_postal: str) -> str:
    if code_postal.startswith("97"):
        return code_postal[:3]
    if code_postal.startswith("20"):
        return "2A" if code_postal < "20200" else "2B"
    return code_postal[:2]


# ---------------------------------------------------------------------------------------- parsing

def _lignes(texte: str, colonnes: tuple[str, ...], origine: str) -> Iterator[tuple[int, list[str]]]:
    texte = texte.lstrip("\ufeff")
    if '"' not in texte:  # no quoting (the shipped files): splitting is five times faster than csv
        yield from _lignes_simples(texte, colonnes, origine)
        return
    lecteur = csv.reader(io.StringIO(texte), delimiter=";")
    entete = next(lecteur, None)
    if entete is None:
        return
    if tuple(c.strip() for c in entete) != colonnes:
        raise AnnuaireIllisible(
            f"{origine}, ligne 1 : en-tête inattendu « {';'.join(entete)} » ; attendu « {';'.join(colonnes)} »."
        )
    nombre = len(colonnes)
    for valeurs in lecteur:
        if len(valeurs) != nombre:
            if not valeurs or all(not v.strip() for v in valeurs):
                continue
            raise AnnuaireIllisible(
                f"{origine}, ligne {lecteur.line_num} : {len(valeurs)} colonnes au lieu de {nombre} "
                f"(séparateur « ; », en-tête « {';'.join(colonnes)} »)."
            )
        yield lecteur.line_num, valeurs


def _lignes_simples(texte: str, colonnes: tuple[str, ...], origine: str) -> Iterator[tuple[int, list[str]]]:
    lignes = texte.splitlines()
    if not lignes:
        return
    entete = lignes[0].split(";")
    if tuple(c.strip() for c in entete) != colonnes:
        raise AnnuaireIllisible(
            f"{origine}, ligne 1 : en-tête inattendu « {lignes[0]} » ; attendu « {';'.join(colonnes)} »."
        )
    nombre = len(colonnes)
    for numero, ligne in enumerate(lignes[1:], start=2):
        valeurs = ligne.split(";")
        if len(valeurs) != nombre:
            if not ligne.strip():
                continue
            raise AnnuaireIllisible(
                f"{origine}, ligne {numero} : {len(valeurs)} colonnes au lieu de {nombre} "
                f"(séparateur « ; », en-tête « {';'.join(colonnes)} »)."
            )
        yield numero, valeurs


def _tribunal(valeurs: list[str], numero: int, origine: str) -> Tribunal:
    ligne = dict(zip(COLONNES_TRIBUNAUX, (v.strip() for v in valeurs)))

    def erreur(message: str) -> AnnuaireIllisible:
        return AnnuaireIllisible(f"{origine}, ligne {numero} : {message}.")

    if not ligne["id"]:
        raise erreur("l'identifiant (colonne id) est vide")
    try:
        nature = NatureTribunal(ligne["nature"])
    except ValueError:
        permises = ", ".join(n.value for n in NatureTribunal)
        raise erreur(f"nature « {ligne['nature']} » inconnue (permises : {permises})") from None
    if not ligne["nom"]:
        raise erreur("le nom du tribunal est vide")
    if ligne["statut"] not in (CONFIRME, A_CONFIRMER):
        raise erreur(f"statut « {ligne['statut']} » inconnu (« {CONFIRME} » ou « {A_CONFIRMER} »)")
    adresse = tuple(p.strip() for p in ligne["adresse"].split("/") if p.strip())
    return Tribunal(
        id=ligne["id"], nature=nature, nom=ligne["nom"], siege=ligne["siege"], adresse=adresse,
        code_postal=ligne["code_postal"], ville=ligne["ville"], telephone=ligne["telephone"],
        source=ligne["source"], date_source=ligne["date_source"], a_confirmer=ligne["statut"] == A_CONFIRMER,
    )


_RE_INSEE = re.compile(r"^\d[\dAB]\d{3}$")


def _verifier_commune(valeurs: list[str], numero: int, origine: str, connus: Mapping[str, Tribunal]) -> list[str]:
    """The row, stripped, if it is a valid commune (the Commune object is built on first use)."""
    insee, nom, codes, dept, tj, commerce, source = valeurs
    insee, nom, dept, tj, commerce = insee.strip(), nom.strip(), dept.strip(), tj.strip(), commerce.strip()

    def erreur(message: str) -> AnnuaireIllisible:
        return AnnuaireIllisible(f"{origine}, ligne {numero} : {message}.")

    if len(insee) != 5 or not _RE_INSEE.match(insee):
        raise erreur(f"code INSEE « {insee} » invalide (5 caractères, ex. 69266)")
    if not nom:
        raise erreur("le nom de la commune est vide")
    for code in codes.split():
        if len(code) != 5 or not code.isdigit():
            raise erreur(f"code postal « {code} » invalide (5 chiffres, séparés par des espaces)")
    for colonne, ident in (("tj", tj), ("commerce", commerce)):
        if ident and ident not in connus:
            raise erreur(f"tribunal « {ident} » (colonne {colonne}) absent de tribunaux.csv")
    return [insee, nom, codes, dept, tj, commerce, source.strip()]


class Communes(Mapping[str, Commune]):
    """Communes by INSEE code. Rows are kept as read and turned into Commune objects on first
    access: the shipped directory has 35,000 of them and is loaded on every start."""

    def __init__(self, lignes: dict[str, list[str]] | None = None) -> None:
        self._lignes: dict[str, list[str]] = dict(lignes or {})
        self._objets: dict[str, Commune] = {}

    def __getitem__(self, insee: str) -> Commune:
        commune = self._objets.get(insee)
        if commune is None:
            l = self._lignes[insee]
            commune = Commune(l[0], l[1], tuple(l[2].split()), l[3], l[4], l[5], l[6])
            self._objets[insee] = commune
        return commune

    def __iter__(self) -> Iterator[str]:
        return iter(self._lignes)

    def __len__(self) -> int:
        return len(self._lignes)

    def lignes(self) -> Iterator[list[str]]:
        """The raw rows (insee, nom, codes_postaux, departement, tj, commerce, source)."""
        return iter(self._lignes.values())

    def ajouter(self, ligne: list[str]) -> None:
        self._lignes[ligne[0]] = ligne
        self._objets.pop(ligne[0], None)

    def copie(self) -> Communes:
        copie = Communes(self._lignes)
        copie._objets = dict(self._objets)
        return copie


# ---------------------------------------------------------------------------------------- directory

class Annuaire:
    """Courts by id and communes by INSEE code; `placer` finds a commune from a postal address."""

    def __init__(self, tribunaux: dict[str, Tribunal] | None = None, communes: Communes | None = None,
                 origines: list[str] | None = None) -> None:
        self.tribunaux: dict[str, Tribunal] = dict(tribunaux or {})
        self.communes: Communes = communes.copie() if communes is not None else Communes()
        self.origines: list[str] = list(origines or [])
        self._par_code_postal: dict[str, list[str]] | None = None
        self._par_nom: dict[str, list[str]] | None = None

    def copie(self) -> Annuaire:
        """An independent copy, to merge corrections into without touching this one."""
        return Annuaire(self.tribunaux, self.communes, self.origines)

    @classmethod
    def depuis_textes(cls, tribunaux_csv: str, communes_csv: str, origine: str) -> Annuaire:
        """Parse both files (raises AnnuaireIllisible naming the file and the line)."""
        annuaire = cls()
        annuaire.fusionner(tribunaux_csv, communes_csv, origine)
        return annuaire

    def fusionner(self, tribunaux_csv: str | None, communes_csv: str | None, origine: str) -> None:
        """Add or replace rows by id / INSEE code. `origine` names the files in error messages: a
        folder ending with « / » gets the file name appended, anything else « (tribunaux.csv) »."""
        def nom_fichier(fichier: str) -> str:
            return f"{origine}{fichier}" if origine.endswith(("/", "\\")) else f"{origine} ({fichier})"

        nouveaux: dict[str, Tribunal] = {}
        if tribunaux_csv is not None:
            fichier = nom_fichier("tribunaux.csv")
            for numero, valeurs in _lignes(tribunaux_csv, COLONNES_TRIBUNAUX, fichier):
                tribunal = _tribunal(valeurs, numero, fichier)
                nouveaux[tribunal.id] = tribunal
        connus = {**self.tribunaux, **nouveaux}
        nouvelles: list[list[str]] = []
        if communes_csv is not None:
            fichier = nom_fichier("communes.csv")
            nouvelles = [
                _verifier_commune(valeurs, numero, fichier, connus)
                for numero, valeurs in _lignes(communes_csv, COLONNES_COMMUNES, fichier)
            ]
        self.tribunaux = connus
        for ligne in nouvelles:
            self.communes.ajouter(ligne)
        self.origines.append(origine)
        self._par_code_postal = None
        self._par_nom = None

    # -------------------------------------------------------------------------------- queries

    def tribunal(self, id: str) -> Tribunal:
        try:
            return self.tribunaux[id]
        except KeyError:
            raise KeyError(f"Tribunal « {id} » absent de l'annuaire.") from None

    def tj(self, commune: Commune) -> Tribunal | None:
        return self.tribunaux.get(commune.tj) if commune.tj else None

    def commercial(self, commune: Commune) -> Tribunal | None:
        return self.tribunaux.get(commune.commerce) if commune.commerce else None

    def couverture(self) -> tuple[int, int, int]:
        """(communes with a TJ, communes with a commercial court, total communes)."""
        connus = self.tribunaux
        avec_tj = avec_commerce = total = 0
        for ligne in self.communes.lignes():
            total += 1
            avec_tj += ligne[4] in connus
            avec_commerce += ligne[5] in connus
        return avec_tj, avec_commerce, total

    def _index_codes(self) -> dict[str, list[str]]:
        if self._par_code_postal is None:
            # Paris, Lyon and Marseille list every postal code of their arrondissements: the
            # postal index keeps the arrondissements only, so « 75015 » designates one commune.
            par_code: dict[str, list[str]] = {}
            for ligne in self.communes.lignes():
                if ligne[0] not in _VILLES_DIVISEES:
                    for code in ligne[2].split():
                        par_code.setdefault(code, []).append(ligne[0])
            self._par_code_postal = par_code
        return self._par_code_postal

    def _index_noms(self) -> dict[str, list[str]]:
        if self._par_nom is None:  # only needed when the postal code is unknown (Cedex, typo)
            par_nom: dict[str, list[str]] = {}
            for ligne in self.communes.lignes():
                par_nom.setdefault(normaliser_nom(ligne[1]), []).append(ligne[0])
            self._par_nom = par_nom
        return self._par_nom

    def placer(self, code_postal: str, ville: str) -> Placement:
        """The commune of a postal address; never a silent pick among several."""
        par_code = self._index_codes()
        code = "".join(c for c in code_postal if c.isdigit())
        nom = normaliser_nom(ville)
        arrondissement = code_arrondissement(nom)
        if arrondissement and arrondissement in self.communes:
            commune = self.communes[arrondissement]
            if not code or code in commune.codes_postaux or code not in par_code:
                return Placement(commune, (commune,))
        candidats = [self.communes[i] for i in par_code.get(code, ())] if len(code) == 5 else []
        if candidats:
            if len(candidats) == 1:  # the postal code alone designates the commune
                return Placement(candidats[0], tuple(candidats))
            if not nom:
                return Placement(None, tuple(candidats), (
                    f"Le code postal {code} couvre plusieurs communes : {_liste(candidats)}. Précisez la ville."
                ))
            memes = [c for c in candidats if _meme_nom(c, nom)]
            if len(memes) == 1:
                return Placement(memes[0], tuple(candidats))
            liste = _liste(candidats)
            if not memes:
                return Placement(None, tuple(candidats), (
                    f"Aucune commune nommée « {ville.strip()} » n'a le code postal {code} ; "
                    f"communes de ce code postal : {liste}. Corrigez la ville ou le code postal."
                ))
            return Placement(None, tuple(memes), (
                f"Plusieurs communes du code postal {code} répondent au nom « {ville.strip()} » : "
                f"{_liste(memes)}. Précisez la commune (code INSEE)."
            ))
        if not nom:
            return Placement(None, (), f"Code postal « {code_postal.strip()} » inconnu et ville vide : impossible de trouver la commune.")
        homonymes = [self.communes[i] for i in self._index_noms().get(nom, ())]
        if len(code) == 5:
            departement = _departement_du_code_postal(code)
            dans_departement = [c for c in homonymes if c.departement == departement]
            if len(dans_departement) == 1:
                return Placement(dans_departement[0], tuple(dans_departement))
            if dans_departement:
                homonymes = dans_departement
        if not homonymes:
            return Placement(None, (), (
                f"Aucune commune ne correspond à « {code_postal.strip()} {ville.strip()} » "
                "(ni code postal connu, ni nom de commune). Vérifiez l'adresse."
            ))
        if len(homonymes) == 1 and not code:
            return Placement(homonymes[0], tuple(homonymes))
        return Placement(None, tuple(homonymes), (
            f"Code postal « {code_postal.strip()} » inconnu ; plusieurs communes s'appellent « {ville.strip()} » : "
            f"{_liste(homonymes)}. Précisez le code postal."
            if len(homonymes) > 1 else
            f"Code postal « {code_postal.strip()} » inconnu ; la seule commune nommée « {ville.strip()} » est "
            f"{_liste(homonymes)}, dans un autre département : vérifiez l'adresse."
        ))


def _meme_nom(commune: Commune, nom: str) -> bool:
    propre = normaliser_nom(commune.nom)
    if propre == nom:
        return True
    # « Lyon » with 69003 designates the arrondissement « Lyon 3e Arrondissement ».
    trouve = _RE_ARRONDISSEMENT.match(propre)
    return trouve is not None and trouve.group(1) == nom


def _liste(communes: list[Commune] | tuple[Commune, ...]) -> str:
    premieres = [f"{c.nom} ({c.departement}, INSEE {c.insee})" for c in communes[:12]]
    reste = len(communes) - len(premieres)
    return ", ".join(premieres) + (f" et {reste} autres" if reste > 0 else "")
