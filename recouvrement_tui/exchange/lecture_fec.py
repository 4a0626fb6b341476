"""Reading a FEC (fichier des écritures comptables, art. A47 A-1 LPF): its header, every line.

The norm fixes 18 columns, separated by a tab or a pipe, dates AAAAMMJJ, amounts with a decimal
comma, in UTF-8 or ISO-8859-15; Debit and Credit may be replaced by Montant and Sens. Only what a
recovery needs is kept: the lines on customer accounts (411…, 416…), and which journals are
treasury journals (they move a 51… bank or 53… cash account). Every wrong line is reported at
once with its line number; nothing is imported from a file with errors (docs/import-fec.md).
Pure: the bytes are given, no file is read here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from recouvrement_tui.domain.erreurs import ErreurSaisie, ErreursSaisie
from recouvrement_tui.domain.formatage import montant
from recouvrement_tui.domain.money import ZERO
from recouvrement_tui.domain.texte import sans_accents

# The norm's columns (A47 A-1 LPF), compared without case; "Montantdevise" and "Idevise" are optional.
OBLIGATOIRES = ("JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum", "CompteLib",
                "CompAuxNum", "CompAuxLib", "PieceRef", "PieceDate", "EcritureLib", "EcritureLet", "DateLet",
                "ValidDate")
MONTANTS_DEBIT_CREDIT = ("Debit", "Credit")
MONTANTS_SENS = ("Montant", "Sens")
# Not in the norm, but some software add the due date: used when present.
ECHEANCE = ("DateEcheance", "EcheanceDate", "Echeance", "DateEch")

COMPTES_CLIENTS = ("411", "416")  # clients, clients douteux ou litigieux (PCG)
COMPTES_TRESORERIE = ("51", "53")  # banques, caisse: a journal moving them is a treasury journal
LIGNES_MAX = 2_000_000  # a FEC of a large company is a few hundred thousand lines
ERREURS_MONTREES = 30


@dataclass(frozen=True, slots=True)
class Ecriture:
    """One line of the FEC on a customer account."""

    ligne: int
    journal: str
    journal_lib: str
    numero: str  # EcritureNum
    date: dt.date  # EcritureDate
    compte: str  # CompteNum
    compte_lib: str
    aux: str  # CompAuxNum
    aux_lib: str
    piece: str  # PieceRef
    date_piece: dt.date | None
    libelle: str
    debit: Decimal
    credit: Decimal
    lettrage: str
    date_lettrage: dt.date | None
    echeance: dt.date | None = None

    @property
    def client(self) -> str:
        """The customer's account: the auxiliary account, else the general one."""
        return self.aux or self.compte

    @property
    def nom_client(self) -> str:
        return self.aux_lib or self.compte_lib


@dataclass(frozen=True)
class Fec:
    ecritures: tuple[Ecriture, ...]  # on customer accounts, in file order
    journaux_tresorerie: frozenset[str]
    lignes: int  # lines read, header excluded
    separateur: str
    encodage: str
    avec_echeance: bool = False
    journaux: dict[str, str] = field(default_factory=dict)  # code -> label


def est_fec(debut: bytes) -> bool:
    """Whether these first bytes are a FEC's header (for the importer to choose its reader)."""
    try:
        texte, _ = _decoder(debut[:4096], tronque=True)
    except ErreurSaisie:
        return False
    premiere = texte.split("\n", 1)[0]
    return _separateur(premiere) is not None


def lire_fec(octets: bytes) -> Fec:
    """The FEC's lines on customer accounts; ErreursSaisie listing every wrong line (with its number)."""
    texte, encodage = _decoder(octets)
    lignes = texte.split("\n")
    separateur = _separateur(lignes[0])
    if separateur is None:
        raise ErreurSaisie("fichier", "Ce fichier n'est pas un FEC : sa première ligne devrait nommer les colonnes de "
                                      "la norme (JournalCode, JournalLib, EcritureNum, EcritureDate, CompteNum…), "
                                      "séparées par une tabulation ou une barre verticale |.")
    entete = [_cle(c) for c in lignes[0].rstrip("\r").split(separateur)]
    index = {nom: i for i, nom in reversed(list(enumerate(entete)))}
    sens = _cle("Sens") in index and _cle("Montant") in index and _cle("Debit") not in index
    manquantes = [c for c in (*OBLIGATOIRES, *(MONTANTS_SENS if sens else MONTANTS_DEBIT_CREDIT))
                  if _cle(c) not in index]
    if manquantes:
        raise ErreurSaisie("fichier", "Colonnes du FEC absentes de la ligne d'en-tête : " + ", ".join(manquantes)
                                      + " (article A47 A-1 du livre des procédures fiscales). Exportez le FEC complet "
                                      "depuis le logiciel comptable.")
    if len(lignes) > LIGNES_MAX:
        raise ErreurSaisie("fichier", f"Le FEC compte plus de {LIGNES_MAX:,} lignes".replace(",", "\u202f")
                                      + " : exportez un exercice à la fois.")
    col = {c: index[_cle(c)] for c in (*OBLIGATOIRES, *(MONTANTS_SENS if sens else MONTANTS_DEBIT_CREDIT))}
    col_echeance = next((index[_cle(c)] for c in ECHEANCE if _cle(c) in index), None)
    largeur = max(col.values()) + 1
    i_compte, i_journal = col["CompteNum"], col["JournalCode"]
    ecritures: list[Ecriture] = []
    tresorerie: set[str] = set()
    journaux: dict[str, str] = {}
    erreurs: list[ErreurSaisie] = []
    lues = 0
    for numero, brute in enumerate(lignes[1:], start=2):
        brute = brute.rstrip("\r")
        if not brute.strip():
            continue
        lues += 1
        cellules = brute.split(separateur)
        if len(cellules) < largeur:
            erreurs.append(_erreur(numero, "ligne", f"{len(cellules)} colonnes au lieu de {len(entete)} "
                                                    f"(séparateur « {_nom_separateur(separateur)} » attendu)"))
            continue
        compte = cellules[i_compte].strip()
        journal = cellules[i_journal].strip()
        if compte.startswith(COMPTES_TRESORERIE):
            tresorerie.add(journal)
        if journal not in journaux:
            journaux[journal] = cellules[col["JournalLib"]].strip()
        if not compte.startswith(COMPTES_CLIENTS):
            continue  # only the customers' lines are read in full: a large FEC stays quick
        try:
            ecritures.append(_ecriture(numero, cellules, col, sens, col_echeance))
        except ErreurSaisie as erreur:
            erreurs.append(erreur)
    if erreurs:
        raise ErreursSaisie(_abreger(erreurs))
    if not lues:
        raise ErreurSaisie("fichier", "Le FEC ne contient aucune écriture après sa ligne d'en-tête.")
    return Fec(tuple(ecritures), frozenset(tresorerie), lues, separateur, encodage, col_echeance is not None, journaux)


# --- one line ------------------------------------------------------------------------------------


def _ecriture(numero: int, c: list[str], col: dict[str, int], sens: bool, col_echeance: int | None) -> Ecriture:
    def t(nom: str) -> str:
        return c[col[nom]].strip()

    if sens:
        valeur = _montant(numero, "Montant", t("Montant"))
        s = t("Sens").upper()
        if s in ("D", "+1", "1"):
            debit, credit = valeur, ZERO
        elif s in ("C", "-1"):
            debit, credit = ZERO, valeur
        else:
            raise _erreur(numero, "Sens", f"« {t('Sens')} » : attendu D ou C (ou +1 / -1)")
    else:
        debit = _montant(numero, "Debit", t("Debit"))
        credit = _montant(numero, "Credit", t("Credit"))
    if debit < 0 or credit < 0:
        raise _erreur(numero, "Debit" if debit < 0 else "Credit", "montant négatif : la norme porte les montants en "
                                                                   "valeur absolue, au débit ou au crédit")
    if debit and credit:
        raise _erreur(numero, "Debit", f"débit ({montant(debit)}) et crédit ({montant(credit)}) sur la même ligne")
    echeance = None
    if col_echeance is not None and col_echeance < len(c) and c[col_echeance].strip():
        echeance = _date(numero, "date d'échéance", c[col_echeance].strip())
    return Ecriture(
        ligne=numero,
        journal=t("JournalCode"),
        journal_lib=t("JournalLib"),
        numero=t("EcritureNum"),
        date=_date(numero, "EcritureDate", t("EcritureDate")),
        compte=t("CompteNum"),
        compte_lib=t("CompteLib"),
        aux=t("CompAuxNum"),
        aux_lib=t("CompAuxLib"),
        piece=t("PieceRef"),
        date_piece=_date(numero, "PieceDate", t("PieceDate")) if t("PieceDate") else None,
        libelle=t("EcritureLib"),
        debit=debit,
        credit=credit,
        lettrage=t("EcritureLet"),
        date_lettrage=_date(numero, "DateLet", t("DateLet")) if t("DateLet") else None,
        echeance=echeance,
    )


_DATE = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")  # AAAAMMJJ (the norm), AAAA-MM-JJ tolerated


def _date(numero: int, colonne: str, brut: str) -> dt.date:
    trouve = _DATE.fullmatch(brut)
    if trouve:
        try:
            return dt.date(int(trouve[1]), int(trouve[2]), int(trouve[3]))
        except ValueError:
            pass
    raise _erreur(numero, colonne, f"« {brut[:20]} » n'est pas une date AAAAMMJJ")


_VIRGULE = re.compile(r"[+-]?\d+(,\d+)?")
_POINT = re.compile(r"[+-]?\d+(\.\d+)?")  # some exports use a decimal point


def _montant(numero: int, colonne: str, brut: str) -> Decimal:
    if not brut:
        return ZERO
    texte = brut.replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if _VIRGULE.fullmatch(texte):
        texte = texte.replace(",", ".")
    elif not _POINT.fullmatch(texte):
        raise _erreur(numero, colonne, f"« {brut[:20]} » n'est pas un montant (virgule décimale, sans séparateur "
                                       "de milliers)")
    try:
        valeur = Decimal(texte)
    except InvalidOperation:
        raise _erreur(numero, colonne, f"« {brut[:20]} » n'est pas un montant") from None
    if abs(valeur) >= Decimal("1e12"):
        raise _erreur(numero, colonne, f"« {brut[:20]} » : montant démesuré")
    return valeur.quantize(Decimal("0.01"))


# --- the header, the encoding ---------------------------------------------------------------------


def _cle(nom: str) -> str:
    return sans_accents(nom).strip().strip('"').casefold()


def _separateur(premiere: str) -> str | None:
    for separateur in ("\t", "|"):
        noms = {_cle(c) for c in premiere.rstrip("\r").split(separateur)}
        if {_cle(c) for c in ("JournalCode", "EcritureNum", "CompteNum", "EcritureDate")} <= noms:
            return separateur
    return None


def _nom_separateur(separateur: str) -> str:
    return "tabulation" if separateur == "\t" else separateur


def _decoder(octets: bytes, *, tronque: bool = False) -> tuple[str, str]:
    """UTF-8 (with or without its mark), else ISO-8859-15, the two encodings the norm allows."""
    if octets.startswith(b"\xef\xbb\xbf"):
        octets = octets[3:]
    try:
        return octets.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as erreur:
        if tronque and erreur.start >= len(octets) - 3:  # a character cut by the 4 KB window
            return octets[: erreur.start].decode("utf-8"), "UTF-8"
    if b"\x00" in octets[:4096]:
        raise ErreurSaisie("fichier", "Ce fichier est binaire (ou en UTF-16) : exportez le FEC en texte, UTF-8 ou "
                                      "ISO-8859-15.")
    return octets.decode("iso-8859-15"), "ISO-8859-15"


def _erreur(numero: int, colonne: str, message: str) -> ErreurSaisie:
    return ErreurSaisie(f"ligne {numero}", f"Ligne {numero}, {colonne} : {message}.")


def _abreger(erreurs: Iterable[ErreurSaisie]) -> list[ErreurSaisie]:
    liste = list(erreurs)
    if len(liste) <= ERREURS_MONTREES:
        return liste
    reste = len(liste) - ERREURS_MONTREES
    return [*liste[:ERREURS_MONTREES], ErreurSaisie("fichier", f"… et {reste} autre(s) ligne(s) en erreur.")]
