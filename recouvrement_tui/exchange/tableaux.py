"""CSV copies of the décompte and the journal, as French spreadsheets open them.

Semicolon-separated, decimal commas, UTF-8 with a BOM: Excel in a French locale opens them
straight away, and LibreOffice too.

No cell is ever a formula. A spreadsheet evaluates a cell starting with = + - @ (a tab or a
carriage return can hide one): an invoice number `+cmd|' /C calc'!A0` from an imported
balance, or a debtor named `=HYPERLINK(...)`, would run or leak when the CSV is opened. Every
CSV the app writes goes through `tableur_csv`, which prefixes such text cells with a single
quote (OWASP's advice); the amounts and counts the app formats itself are marked `Nombre` and
written as they are, so "-12,50" stays a number.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from recouvrement_tui.domain.decompte import Decompte
from recouvrement_tui.domain.formatage import date_courte, nombre, taux_sans_signe
from recouvrement_tui.domain.model import Dossier

# OWASP's list, and the full-width forms some spreadsheets also take for the ASCII ones.
_DEBUTS_DE_FORMULE = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


class Nombre(str):
    """A cell the app formatted itself from a number (amount, rate, count): written as is."""


def cellule(texte: str) -> str:
    """A text cell as a spreadsheet must show it and never evaluate it."""
    return "'" + texte if texte.startswith(_DEBUTS_DE_FORMULE) else texte


def tableur_csv(lignes: Iterable[Iterable[str]]) -> bytes:
    """The CSV bytes of `lignes`: every cell neutralised unless it is a `Nombre`."""
    sortie = io.StringIO()
    csv.writer(sortie, delimiter=";", lineterminator="\r\n").writerows(
        [c if isinstance(c, Nombre) else cellule(str(c)) for c in ligne] for ligne in lignes
    )
    return ("\ufeff" + sortie.getvalue()).encode("utf-8")


def _n(valeur) -> Nombre:
    return Nombre(nombre(valeur, milliers=False))


def decompte_csv(d: Decompte) -> bytes:
    lignes = [["facture", "echeance", "du", "au", "jours", "taux_annuel", "assiette", "interets"]]
    for c in d.creances:
        for ligne in c.lignes:
            lignes.append([c.creance.numero, date_courte(c.creance.date_echeance), date_courte(ligne.du),
                           date_courte(ligne.au), Nombre(ligne.jours), Nombre(taux_sans_signe(ligne.taux)),
                           _n(ligne.assiette), _n(ligne.montant)])
    lignes.append([])
    lignes.append(["facture", "montant_ttc", "principal_du", "interets_dus", "indemnite_due", "total_du"])
    for c in d.creances:
        lignes.append([c.creance.numero, _n(c.creance.montant_ttc), _n(c.principal_du), _n(c.interets_dus),
                       _n(c.indemnite_due), _n(c.total_du)])
    lignes.append(["TOTAL", "", _n(d.principal), _n(d.interets), _n(d.indemnites), _n(d.total)])
    lignes.append([f"arrêté au {date_courte(d.au)}"])
    return tableur_csv(lignes)


def journal_csv(dossier: Dossier) -> bytes:
    lignes = [["horodatage", "auteur", "type", "texte", "document", "sha256"]]
    for e in dossier.journal:
        lignes.append([e.horodatage.strftime("%d/%m/%Y %H:%M:%S"), e.auteur, e.type.libelle, e.texte, e.document,
                       e.empreinte])
    return tableur_csv(lignes)
