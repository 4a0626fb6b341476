"""Reading an aged-balance ("balance âgée") CSV: separator, header, columns, every line.

`lire_balance` checks the whole text (separator, header found by its column names, every
line) and groups the invoices by debtor; any wrong line raises ErreursSaisie naming its line
and column, so nothing is ever imported in part. Pure: no file is read here
(docs/import-balance.md). Planning what to create lives in exchange/balance.py.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from recouvrement_tui.domain.dates import lire_date
from recouvrement_tui.domain.erreurs import ErreurSaisie, ErreursSaisie
from recouvrement_tui.domain.formatage import montant, nombre
from recouvrement_tui.domain.identifiants import formater_siren, lire_siren, lire_siret
from recouvrement_tui.domain.model import Adresse, Creance, Debiteur
from recouvrement_tui.domain.money import ZERO, lire_montant
from recouvrement_tui.domain.saisie import (
    lire_email,
    lire_telephone,
    localisation_depuis_adresse,
)
from recouvrement_tui.domain.texte import sans_accents

# --- columns ------------------------------------------------------------------------------

# Logical column -> header names accepted, best first: when a file has two columns for the
# same thing ("Client" as a code and "Raison sociale"), the one listed first wins. Headers
# are compared normalised (see _cle_entete): case, accents, punctuation, "de/du/d'" and the
# spellings of "numéro" (N°, No, Num) do not matter.
COLONNES: dict[str, tuple[str, ...]] = {
    "client": (
        "Raison sociale", "Nom du client", "Nom client", "Nom du tiers", "Nom", "Libellé compte",
        "Intitulé compte", "Intitulé", "Tiers", "Client", "Débiteur", "Société",
    ),
    "siren": ("SIREN", "N° SIREN", "SIRET", "N° SIRET"),
    "numero": (
        "N° facture", "Facture", "N° pièce", "Pièce", "Référence facture", "Référence", "Réf", "N° document",
    ),
    "date_facture": ("Date facture", "Date de pièce", "Date document", "Date d'émission", "Date"),
    "date_echeance": ("Date d'échéance", "Échéance", "Date limite de paiement"),
    "reste": (
        "Reste dû", "Restant dû", "Reste à payer", "Reste à régler", "Montant restant", "Montant restant dû",
        "Montant dû", "Solde", "Solde dû",
    ),
    "montant_ttc": ("Montant TTC", "Total TTC", "TTC", "Montant facture", "Montant", "Débit"),
    "objet": ("Libellé", "Libellé écriture", "Objet", "Désignation"),
    "adresse1": ("Adresse", "Adresse 1", "Adresse ligne 1", "Rue"),
    "adresse2": ("Adresse 2", "Adresse ligne 2", "Complément d'adresse"),
    "code_postal": ("Code postal", "CP"),
    "ville": ("Ville", "Commune", "Localité"),
    "pays": ("Pays",),
    "email": ("Email", "E-mail", "Mail", "Courriel", "Adresse e-mail"),
    "telephone": ("Téléphone", "Tél", "Tel"),
}  # fmt: skip

OBLIGATOIRES = ("client", "numero", "date_facture", "date_echeance")
# The amount owed comes from "reste" when the file has it, else from "montant_ttc".
COLONNES_MONTANT = ("reste", "montant_ttc")

_LIBELLES = {
    "client": "client",
    "numero": "numéro de facture",
    "date_facture": "date de facture",
    "date_echeance": "échéance",
    "montant": "montant",
}
_MOTS_VIDES = {"de", "du", "d", "la", "le", "l", "des"}
_NUMERO = {"n", "no", "num", "numero"}
SEPARATEURS = (";", "\t", ",")
_LIGNES_AVANT_ENTETE = 20  # title lines an export may print above its header
_MAX_ERREURS = 50

# Bounds of one import, checked before the whole file is read or parsed: the size from the
# file system first (TAILLE_MAX_BALANCE, verifier_taille), then the lines counted while the
# CSV is read (LIGNES_MAX_BALANCE). An aged balance of 100,000 open invoices is already far
# beyond any one creditor's; past that the file is not a balance (a whole general ledger, a
# wrong export), and reading it would take minutes and gigabytes (1,000,000 lines: 219 s,
# 1.5 GB) before saying so.
TAILLE_MAX_BALANCE = 50 * 1024 * 1024
LIGNES_MAX_BALANCE = 100_000


def _mots(texte: str) -> list[str]:
    return re.sub(r"[^0-9a-z]+", " ", sans_accents(texte).casefold()).split()


def _cle_entete(texte: str) -> str:
    mots = ("numero" if m in _NUMERO else m for m in _mots(texte))
    return " ".join(m for m in mots if m not in _MOTS_VIDES)


_PAR_ENTETE: dict[str, tuple[str, int]] = {
    _cle_entete(nom): (cle, rang) for cle, noms in COLONNES.items() for rang, nom in enumerate(noms)
}

# Legal forms left out when comparing debtors' names ("DURAND SARL" is "Durand").
_FORMES = {
    "sa", "sas", "sasu", "sarl", "eurl", "sci", "snc", "scop", "sca", "scs", "sel", "selarl", "selas",
    "selafa", "ei", "eirl", "ste", "societe", "gie", "scp", "scm",
}  # fmt: skip


# Legal forms split off a name into the debtor's forme juridique ("Durand SARL").
_FORMES_JURIDIQUES = {
    "SA", "SAS", "SASU", "SARL", "EURL", "SCI", "SNC", "SCOP", "SCA", "SCS", "SELARL", "SELAS", "SELAFA",
    "EI", "EIRL", "GIE", "SCP", "SCM",
}  # fmt: skip


def nom_et_forme(nom: str) -> tuple[str, str]:
    """"Menuiserie Durand SARL" -> ("Menuiserie Durand", "SARL"); "SAS Martin" -> ("Martin", "SAS")."""
    mots = nom.split()
    if len(mots) > 1:
        for rang in (-1, 0):
            forme = mots[rang].strip("().,")
            if forme in _FORMES_JURIDIQUES:  # written in capitals: "Sa Majesté" keeps its name
                reste = mots[:-1] if rang == -1 else mots[1:]
                return " ".join(reste).strip(" ,-"), forme
    return nom, ""


def normaliser_nom(nom: str) -> str:
    """How debtors' names are compared: "Menuiserie DURAND (SARL)" -> "menuiserie durand"."""
    return " ".join(m for m in _mots(nom) if m not in _FORMES)


# --- what a balance holds -------------------------------------------------------------------


@dataclass(frozen=True)
class LigneFacture:
    """One invoice line of the file, checked."""

    ligne: int  # line number in the file (the header is usually line 1)
    numero: str
    date_facture: dt.date
    date_echeance: dt.date
    montant: Decimal  # what is still owed: the "reste dû" column, else the invoice amount
    montant_ttc: Decimal | None = None  # the invoice amount, when the file also gives it
    objet: str = ""

    def creance(self) -> Creance:
        """The invoice as it enters a dossier, for the amount still owed.

        A payment already made reduces the claim but its date is unknown: the invoice is
        recorded for what remains (the décompte then never claims interest on paid sums),
        and its object says what was invoiced.
        """
        objet = self.objet
        if self.montant_ttc is not None and self.montant_ttc != self.montant:
            note = (
                f"facturé {montant(self.montant_ttc)} TTC, reste dû {montant(self.montant)} selon la balance âgée"
            )
            objet = f"{objet} ({note})" if objet else note[0].upper() + note[1:]
        return Creance(
            numero=self.numero,
            date_facture=self.date_facture,
            date_echeance=self.date_echeance,
            montant_ttc=self.montant,
            objet=objet,
        )


@dataclass(frozen=True)
class ClientBalance:
    """One debtor of the file (a company unless the user says otherwise) and its invoices."""

    nom: str
    siren: str = ""
    siret: str = ""
    adresse: Adresse = field(default_factory=Adresse)
    email: str = ""
    telephone: str = ""
    factures: tuple[LigneFacture, ...] = ()

    @property
    def total(self) -> Decimal:
        return sum((f.montant for f in self.factures), ZERO)

    @property
    def designation(self) -> str:
        """"Menuiserie Durand (SIREN 732 829 320)", for previews."""
        return f"{self.nom} (SIREN {formater_siren(self.siren)})" if self.siren else self.nom

    def debiteur(self) -> Debiteur:
        nom, forme = nom_et_forme(self.nom)
        return Debiteur(
            nom=nom,
            forme_juridique=forme,
            siren=self.siren,
            siret=self.siret,
            adresse=self.adresse,
            email=self.email,
            telephone=self.telephone,
            localisation=localisation_depuis_adresse(self.adresse.code_postal, self.adresse.pays),
        )


@dataclass(frozen=True)
class Balance:
    clients: tuple[ClientBalance, ...]
    separateur: str
    colonnes: dict[str, str]  # logical column -> header as written in the file
    lignes_soldees: tuple[int, ...] = ()  # lines owing nothing (0,00), left out

    @property
    def nombre_factures(self) -> int:
        return sum(len(c.factures) for c in self.clients)


# --- reading ---------------------------------------------------------------------------------


def verifier_taille(taille: int) -> None:
    """Refuse (ErreurSaisie) a file of `taille` bytes above TAILLE_MAX_BALANCE: call it with
    the size the file system gives, before reading the file."""
    if taille > TAILLE_MAX_BALANCE:
        raise ErreurSaisie(
            "fichier",
            f"Ce fichier pèse {_mega(taille)} Mo : une balance âgée en CSV dépasse rarement quelques Mo, et "
            f"l'import s'arrête à {_mega(TAILLE_MAX_BALANCE)} Mo. Vérifiez qu'il s'agit bien de la balance âgée "
            "(et non du grand livre) ; sinon, découpez-la en plusieurs fichiers.",
        )


def _mega(octets: int) -> str:
    return nombre(octets / (1024 * 1024), 0 if octets >= 1024 * 1024 else 1, milliers=False)


def decoder(octets: bytes) -> str:
    """The text of an exported file: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    verifier_taille(len(octets))
    if octets.startswith(b"PK\x03\x04"):
        raise ErreurSaisie(
            "fichier",
            "Ce fichier est un classeur (Excel, LibreOffice) : enregistrez-le au format CSV, puis importez le CSV.",
        )
    if octets.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return octets.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for encodage in ("utf-8-sig", "cp1252"):
        try:
            return octets.decode(encodage)
        except UnicodeDecodeError:
            continue
    raise ErreurSaisie(
        "fichier", "L'encodage de ce fichier n'est pas reconnu : exportez-le en CSV UTF-8 (ou Windows-1252)."
    )


def lire_balance(texte: str, correspondance: Mapping[str, str | None] | None = None) -> Balance:
    """Check a whole aged-balance CSV and group its invoices by debtor (SIREN, else name).

    `correspondance` (exchange/correspondance.py), the columns the user chose for this
    software's exports: logical column -> header as written in the file, or None for "not in
    this file"; it comes first, the known names (COLONNES) fill in the rest.

    Raises ErreursSaisie with every problem at once (missing columns, or one message per
    wrong cell: "ligne 7, colonne « Échéance » : le 31/02/2026 n'existe pas…"); missing
    columns raise ColonnesManquantes, which carries the header so the user can choose.
    """
    separateur, numero_entete, lignes = _entete(texte.removeprefix("\ufeff"), correspondance)
    entete = lignes[numero_entete][1]
    colonnes = colonnes_de(entete, correspondance)
    _verifier_colonnes(colonnes, entete)
    erreurs: list[ErreurSaisie] = []
    lues: list[tuple[str, _Identite, LigneFacture]] = []
    soldees: list[int] = []
    cle_entete = [_cle_entete(x) for x in entete]
    for numero_ligne, cellules in lignes[numero_entete + 1 :]:
        if _a_sauter(cellules, cle_entete, colonnes):
            continue
        lecture = _LectureLigne(numero_ligne, cellules, colonnes, entete)
        lue = lecture.lire()
        erreurs += lecture.erreurs
        if lue is None:
            continue
        if lue[2].montant == 0:
            soldees.append(numero_ligne)
        else:
            lues.append(lue)
    if not lues and not soldees and not erreurs:
        erreurs.append(ErreurSaisie("fichier", "Le fichier ne contient aucune ligne de facture sous son en-tête."))
    clients = _regrouper(lues, entete[colonnes["numero"]], erreurs)
    if erreurs:
        raise ErreursSaisie(_abreger(erreurs))
    return Balance(
        clients=clients,
        separateur=separateur,
        colonnes={cle: entete[i] for cle, i in colonnes.items()},
        lignes_soldees=tuple(soldees),
    )


class _TropDeLignes(ErreursSaisie):
    """The file has more lines than LIGNES_MAX_BALANCE: no separator will make it importable."""


def _lignes(texte: str, separateur: str, maximum: int | None = None) -> list[tuple[int, list[str]]]:
    """The CSV records of `texte` with their line numbers; at most `maximum` records (a
    prefix), else every record, stopping with _TropDeLignes past LIGNES_MAX_BALANCE."""
    lecteur = csv.reader(io.StringIO(texte, newline=""), delimiter=separateur)
    lignes: list[tuple[int, list[str]]] = []
    try:
        for cellules in lecteur:
            if maximum is not None and len(lignes) == maximum:
                break
            if len(lignes) == LIGNES_MAX_BALANCE:
                raise _TropDeLignes(
                    [
                        ErreurSaisie(
                            "fichier",
                            f"Le fichier compte plus de {_milliers(LIGNES_MAX_BALANCE)} lignes : c'est plus qu'une balance "
                            "âgée n'en contient (un grand livre ?). Vérifiez l'export, ou découpez-le en plusieurs "
                            "fichiers importés l'un après l'autre (chacun avec sa ligne d'en-tête).",
                        )
                    ]
                )
            lignes.append((lecteur.line_num, [c.strip() for c in cellules]))
    except csv.Error as erreur:
        raise ErreursSaisie(
            [
                ErreurSaisie(
                    "fichier",
                    f"ligne {lecteur.line_num} : le CSV est mal formé ({erreur}) ; vérifiez les guillemets.",
                )
            ]
        ) from None
    return lignes


def _milliers(n: int) -> str:
    return nombre(n, 0)


def _entete(
    texte: str, correspondance: Mapping[str, str | None] | None = None
) -> tuple[str, int, list[tuple[int, list[str]]]]:
    """The separator and the header line: the line, among the first ones, naming the most
    known columns (exports often print a title and the date above it), a line holding every
    header of `correspondance` first. Only those first lines are read per candidate
    separator; the whole file is then read once."""
    meilleur = _meilleure_entete(texte, correspondance)
    if meilleur is None:
        _lignes(texte, ";", maximum=_LIGNES_AVANT_ENTETE)  # raises the malformed-CSV message
    if meilleur is None or meilleur[0] == (0, 0):
        trouvees = _premiere_ligne(texte)
        erreur = ErreurSaisie(
            "fichier",
            "Aucune ligne d'en-tête reconnue : la première ligne doit nommer les colonnes (Client, "
            "N° facture, Date facture, Échéance, Montant TTC…)."
            + (f" Première ligne lue : {trouvees}." if trouvees else " Le fichier est vide."),
        )
        if (inconnue := entete_inconnue(texte)) is not None:
            raise ColonnesManquantes([erreur], inconnue, {})  # the user may say which column is which
        raise ErreursSaisie([erreur])
    _, rang, separateur = meilleur
    return separateur, rang, _lignes(texte, separateur)


def _meilleure_entete(
    texte: str, correspondance: Mapping[str, str | None] | None
) -> tuple[tuple[int, int], int, str] | None:
    """((holds the chosen headers, known columns), line rank, separator) of the best header."""
    choisies = {n for n in (correspondance or {}).values() if n}
    meilleur: tuple[tuple[int, int], int, str] | None = None
    for separateur in SEPARATEURS:
        try:
            debut = _lignes(texte, separateur, maximum=_LIGNES_AVANT_ENTETE)
        except ErreursSaisie:
            continue
        for rang, (_, cellules) in enumerate(debut):
            score = (int(bool(choisies) and choisies <= set(cellules)), len(_colonnes(cellules)))
            if meilleur is None or score > meilleur[0]:
                meilleur = (score, rang, separateur)
    return meilleur


def entete_inconnue(texte: str) -> tuple[str, ...] | None:
    """The header of a file none of whose column names is known: the first line with the most
    filled cells (at least two) among the first ones, for the user to say which is which."""
    meilleur: tuple[int, int, str] | None = None
    for separateur in SEPARATEURS:
        try:
            debut = _lignes(texte.removeprefix("\ufeff"), separateur, maximum=_LIGNES_AVANT_ENTETE)
        except ErreursSaisie:
            continue
        for rang, (_, cellules) in enumerate(debut):
            remplies = sum(1 for c in cellules if c)
            if remplies >= 2 and (meilleur is None or remplies > meilleur[0]):
                meilleur = (remplies, rang, separateur)
    if meilleur is None:
        return None
    _, rang, separateur = meilleur
    return tuple(_lignes(texte.removeprefix("\ufeff"), separateur, maximum=rang + 1)[rang][1])


def detecter_entete(texte: str) -> tuple[str, ...] | None:
    """The header line `lire_balance` would read without a correspondence (for its signature),
    or None when the file has none."""
    try:
        meilleur = _meilleure_entete(texte.removeprefix("\ufeff"), None)
    except ErreursSaisie:
        return None
    if meilleur is None or meilleur[0] == (0, 0):
        return entete_inconnue(texte)
    _, rang, separateur = meilleur
    return tuple(_lignes(texte.removeprefix("\ufeff"), separateur, maximum=rang + 1)[rang][1])


def _premiere_ligne(texte: str) -> str:
    for ligne in texte.splitlines():
        if ligne.strip():
            return f"« {ligne.strip()[:120]} »"
    return ""


def _colonnes(entete: list[str]) -> dict[str, int]:
    """Logical column -> index in the line, the best-ranked header winning."""
    trouvees: dict[str, tuple[int, int]] = {}
    for index, nom in enumerate(entete):
        connu = _PAR_ENTETE.get(_cle_entete(nom))
        if connu is None:
            continue
        cle, rang = connu
        if cle not in trouvees or rang < trouvees[cle][0]:
            trouvees[cle] = (rang, index)
    return {cle: index for cle, (_, index) in trouvees.items()}


def colonnes_de(entete: Sequence[str], correspondance: Mapping[str, str | None] | None = None) -> dict[str, int]:
    """Logical column -> index: the correspondence's choices first (a header it names, or
    None: "not in this file"), then the known names for the other columns and headers."""
    colonnes = _colonnes(list(entete))
    if not correspondance:
        return colonnes
    choisies: dict[str, int] = {}
    for cle, nom in correspondance.items():
        if cle not in COLONNES:
            continue
        if nom is None:
            colonnes.pop(cle, None)
        elif nom in entete:
            choisies[cle] = list(entete).index(nom)  # the first column of that name
    prises = set(choisies.values())
    for cle, index in colonnes.items():
        if cle not in choisies and correspondance.get(cle, "") is not None and index not in prises:
            choisies[cle] = index
    return choisies


class ColonnesManquantes(ErreursSaisie):
    """Required columns not found: the header, and what was recognised (logical column ->
    header), so the user can say which column is which (exchange/correspondance.py)."""

    def __init__(self, erreurs: list[ErreurSaisie], entete: Sequence[str], reconnues: dict[str, str]) -> None:
        super().__init__(erreurs)
        self.entete = tuple(entete)
        self.reconnues = reconnues


def _verifier_colonnes(colonnes: dict[str, int], entete: list[str]) -> None:
    manquantes = [c for c in OBLIGATOIRES if c not in colonnes]
    if not any(c in colonnes for c in COLONNES_MONTANT):
        manquantes.append("montant")
    if not manquantes:
        return
    trouvees = " ; ".join(f"« {nom} »" for nom in entete if nom) or "aucune"
    erreurs = []
    for cle in manquantes:
        noms = COLONNES[cle] if cle != "montant" else COLONNES["reste"] + COLONNES["montant_ttc"]
        acceptes = ", ".join(f"« {n} »" for n in noms)
        erreurs.append(
            ErreurSaisie(
                f"colonne {cle}",
                f"Colonne « {_LIBELLES[cle]} » absente. Noms acceptés : {acceptes}. "
                f"Colonnes trouvées : {trouvees}.",
            )
        )
    raise ColonnesManquantes(erreurs, entete, {cle: entete[i] for cle, i in colonnes.items()})


def _a_sauter(cellules: list[str], cle_entete: list[str], colonnes: dict[str, int]) -> bool:
    """Empty lines, the header repeated on each page, and per-customer or grand totals."""
    if not any(cellules):
        return True
    if [_cle_entete(x) for x in cellules[: len(cle_entete)]] == cle_entete:
        return True
    numero = colonnes["numero"]
    if numero >= len(cellules) or not cellules[numero]:
        return any(_est_total(c) for c in cellules if c)
    return False


def _est_total(cellule: str) -> bool:
    mots = _mots(cellule)
    return mots[:1] in (["total"], ["totaux"]) or mots[:2] == ["sous", "total"]


@dataclass(frozen=True)
class _Identite:
    nom: str
    siren: str
    siret: str
    adresse1: str
    adresse2: str
    code_postal: str
    ville: str
    pays: str
    email: str
    telephone: str


class _LectureLigne:
    """Reads one line, gathering one message per wrong cell."""

    def __init__(self, ligne: int, cellules: list[str], colonnes: dict[str, int], entete: list[str]) -> None:
        self.ligne = ligne
        self.cellules = cellules
        self.colonnes = colonnes
        self.entete = entete
        self.erreurs: list[ErreurSaisie] = []

    def brut(self, cle: str) -> str:
        index = self.colonnes.get(cle)
        if index is None or index >= len(self.cellules):
            return ""
        return self.cellules[index]

    def signaler(self, cle: str, message: str) -> None:
        self.erreurs.append(erreur_cellule(self.ligne, self.entete[self.colonnes[cle]], message))

    def lire_avec(self, cle: str, lecteur, *args, **kwargs):
        try:
            return lecteur(*args, **kwargs)
        except ErreurSaisie as erreur:
            self.signaler(cle, erreur.message)
            return None

    def requis(self, cle: str, quoi: str) -> str:
        valeur = self.brut(cle)
        if not valeur:
            self.signaler(cle, f"vide : indiquez {quoi}.")
        return valeur

    def lire(self) -> tuple[str, _Identite, LigneFacture] | None:
        nom = self.requis("client", "le nom du client")
        numero = self.requis("numero", "le numéro de la facture")
        date_facture = self.date("date_facture", "la date de la facture")
        date_echeance = self.date("date_echeance", "la date d'échéance")
        if date_facture and date_echeance and date_echeance < date_facture:
            self.signaler("date_echeance", "l'échéance ne peut pas précéder la date de la facture.")
        a_reste = "reste" in self.colonnes
        montant_ttc = None
        if "montant_ttc" in self.colonnes and (self.brut("montant_ttc") or not a_reste):
            montant_ttc = self.somme("montant_ttc")
        reste = self.somme("reste") if a_reste else montant_ttc
        if reste is not None and montant_ttc is not None and reste > montant_ttc:
            self.signaler("reste", f"le reste dû dépasse le montant de la facture ({montant(montant_ttc)}).")
        siren, siret = self.identifiant()
        identite = _Identite(
            nom=nom,
            siren=siren,
            siret=siret,
            adresse1=self.brut("adresse1"),
            adresse2=self.brut("adresse2"),
            code_postal=self.code_postal(),
            ville=self.brut("ville"),
            pays=self.brut("pays"),
            email=self.lire_avec("email", lire_email, self.brut("email")) or "",
            telephone=self.lire_avec("telephone", lire_telephone, self.brut("telephone")) or "",
        )
        if self.erreurs:
            return None
        # Each None above was signalled: a missing date or amount column is refused before the lines.
        assert date_facture is not None and date_echeance is not None and reste is not None
        facture = LigneFacture(
            ligne=self.ligne,
            numero=numero,
            date_facture=date_facture,
            date_echeance=date_echeance,
            montant=reste,
            montant_ttc=montant_ttc if a_reste else None,
            objet=self.brut("objet"),
        )
        return siren or "", identite, facture

    def date(self, cle: str, quoi: str) -> dt.date | None:
        brut = self.requis(cle, quoi)
        return self.lire_avec(cle, lire_date, _date_usuelle(brut), cle) if brut else None

    def somme(self, cle: str) -> Decimal | None:
        brut = self.requis(cle, "le montant (0 pour une facture soldée)")
        if not brut:
            return None
        valeur = self.lire_avec(cle, lire_montant, _montant_usuel(brut), cle, positif=False)
        if valeur is not None and valeur < 0:
            self.signaler(
                cle,
                f"montant négatif ({brut}) : un avoir ou un règlement non lettré ne s'importe pas ; "
                "lettrez-le en comptabilité ou retirez la ligne, puis déduisez-le de la facture concernée.",
            )
            return None
        return valeur

    def identifiant(self) -> tuple[str, str]:
        brut = self.brut("siren")
        chiffres = re.sub(r"[\s.\-\u00a0\u202f]", "", brut)
        if not chiffres:
            return "", ""
        if len(chiffres) == 14:
            siret = self.lire_avec("siren", lire_siret, brut) or ""
            return siret[:9], siret
        return self.lire_avec("siren", lire_siren, brut) or "", ""

    def code_postal(self) -> str:
        brut = self.brut("code_postal")
        en_france = sans_accents(self.brut("pays")).casefold() in ("", "france", "fr")
        if en_france and re.fullmatch(r"\d{4}", brut):
            return "0" + brut  # a spreadsheet dropped the leading zero (01000 Bourg-en-Bresse)
        if brut and en_france and not re.fullmatch(r"\d{5}", brut):
            self.signaler(
                "code_postal", f"« {brut} » : un code postal français compte 5 chiffres, par exemple 69003."
            )
        return brut


def erreur_cellule(ligne: int, colonne: str, message: str) -> ErreurSaisie:
    """"ligne 7, colonne « Échéance » : …", the message starting lower-case."""
    if message and not (len(message) > 1 and message[1].isupper()):  # "SIREN …" stays as is
        message = message[0].lower() + message[1:]
    return ErreurSaisie(f"ligne {ligne}, {colonne}", f"ligne {ligne}, colonne « {colonne} » : {message}")


_DATE_PONCTUEE = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})")
_HEURE = re.compile(r"(\S+)[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?")


def _date_usuelle(brut: str) -> str:
    """Spreadsheet spellings lire_date does not take: 15.03.2026, 15-03-26, "2026-03-15 00:00:00"."""
    if m := _HEURE.fullmatch(brut):
        brut = m.group(1)
    if m := _DATE_PONCTUEE.fullmatch(brut):
        jour, mois, annee = m.groups()
        return f"{jour}/{mois}/{'20' + annee if len(annee) == 2 else annee}"
    return brut


def _montant_usuel(brut: str) -> str:
    """"1 234,56 €", "EUR 1234.56", "120,00-" and "(120,00)" (accounting negatives)."""
    texte = re.sub(r"(?i)€|eur\b", "", brut).strip()
    if texte.startswith("(") and texte.endswith(")"):
        texte = "-" + texte[1:-1].strip()
    elif texte.endswith("-"):
        texte = "-" + texte[:-1].strip()
    return texte


def _regrouper(
    lues: list[tuple[str, _Identite, LigneFacture]], colonne_numero: str, erreurs: list[ErreurSaisie]
) -> tuple[ClientBalance, ...]:
    """Group by SIREN; a line without SIREN joins the SIREN its customer's name has elsewhere
    in the file (if only one), else it is grouped by name."""
    sirens_par_nom: dict[str, set[str]] = {}
    for siren, identite, _ in lues:
        if siren:
            sirens_par_nom.setdefault(normaliser_nom(identite.nom), set()).add(siren)
    groupes: dict[str, list[tuple[_Identite, LigneFacture]]] = {}
    for siren, identite, facture in lues:
        nom = normaliser_nom(identite.nom) or identite.nom.casefold()
        connus = sirens_par_nom.get(nom, set())
        cle = siren or (next(iter(connus)) if len(connus) == 1 else "nom:" + nom)
        groupes.setdefault(cle, []).append((identite, facture))
    clients = []
    for lignes in groupes.values():
        vues: dict[str, int] = {}
        for _, facture in lignes:
            if facture.numero in vues:
                message = (
                    f"la facture {facture.numero} de ce client figure déjà ligne {vues[facture.numero]} : une ligne "
                    "par facture (payable en plusieurs fois, numérotez ses échéances, par exemple "
                    f"{facture.numero}-1, {facture.numero}-2)."
                )
                erreurs.append(erreur_cellule(facture.ligne, colonne_numero, message))
            vues.setdefault(facture.numero, facture.ligne)
        clients.append(_client(lignes))
    return tuple(clients)


def _client(lignes: list[tuple[_Identite, LigneFacture]]) -> ClientBalance:
    """The debtor's identity: for each field, the first line that fills it."""

    def premier(champ: str) -> str:
        return next((getattr(i, champ) for i, _ in lignes if getattr(i, champ)), "")

    adresse = Adresse(
        lignes=tuple(x for x in (premier("adresse1"), premier("adresse2")) if x),
        code_postal=premier("code_postal"),
        ville=premier("ville"),
        pays=premier("pays") or "France",
    )
    return ClientBalance(
        nom=premier("nom"),
        siren=premier("siren"),
        siret=premier("siret"),
        adresse=adresse,
        email=premier("email"),
        telephone=premier("telephone"),
        factures=tuple(f for _, f in lignes),
    )


def _abreger(erreurs: list[ErreurSaisie]) -> list[ErreurSaisie]:
    """At most _MAX_ERREURS messages: past that, the file is probably not what we think."""
    if len(erreurs) <= _MAX_ERREURS:
        return erreurs
    reste = len(erreurs) - _MAX_ERREURS
    return erreurs[:_MAX_ERREURS] + [
        ErreurSaisie("fichier", f"… et {reste} autre{'s' if reste > 1 else ''} erreur{'s' if reste > 1 else ''}.")
    ]
