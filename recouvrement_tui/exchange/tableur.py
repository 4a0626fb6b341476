"""An Excel workbook (.xlsx) turned into the text of a CSV, so the CSV readers apply unchanged.

`texte_du_classeur` checks the file before openpyxl opens it (a zip holding
`[Content_Types].xml`, a bounded uncompressed size: no zip bomb; an old .xls, an encrypted
workbook, an OpenDocument or binary workbook are named and refused), then writes each row of
the chosen sheet as one line: row n of the sheet is line n of the text, so the reader's
messages ("ligne 7, colonne « Échéance » : …") point at the row the user sees in Excel.

Cells are written as an accounting export would write them: dates "JJ/MM/AAAA" (or the
`format_date` asked, "AAAAMMJJ" for the FEC), numbers with a decimal comma and no thousands
separator, text as is (quoted, its line breaks turned into spaces). A formula whose result was
never saved (a file written by a program rather than by Excel) is refused: its value is
unknown. Nothing here touches the disk (docs/import-balance.md).
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import warnings
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from recouvrement_tui.domain.erreurs import ErreurSaisie, ErreursSaisie
from recouvrement_tui.domain.formatage import nombre, nombre_tel_quel
from recouvrement_tui.domain.texte import sans_accents
from recouvrement_tui.exchange.lecture_balance import LIGNES_MAX_BALANCE, TAILLE_MAX_BALANCE

_ZIP = b"PK\x03\x04"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary formats, and encrypted OOXML
_CHIFFRE = "EncryptedPackage".encode("utf-16-le")  # the stream an encrypted .xlsx holds

# Bounds checked on the zip's directory, before anything is decompressed. zipfile never
# yields more than the size an entry declares (its CRC check then fails), so the sum of the
# declared sizes bounds what openpyxl can inflate. A balance of 100,000 invoices is about
# 60 MB of sheet XML; 200 MB leaves room and refuses a 1 GB bomb of 1 MB.
DECOMPRESSE_MAX = 200 * 1024 * 1024
_ENTREES_MAX = 10_000
_CELLULES_SIGNALEES = 10  # formulas without value named in the message, the rest counted


def est_classeur(octets: bytes) -> bool:
    """Whether these bytes are a workbook (zip or old binary Office file), not a text export."""
    return octets.startswith((_ZIP, _OLE2))


def texte_du_classeur(
    octets: bytes,
    feuille: str | None = None,
    *,
    separateur: str = ";",
    guillemets: bool = True,
    format_date: str = "JJ/MM/AAAA",
    lignes_max: int = LIGNES_MAX_BALANCE,
    taille_max: int = TAILLE_MAX_BALANCE,
    decompresse_max: int = DECOMPRESSE_MAX,
    lignes_lues: int | None = None,
) -> str:
    """The text of `feuille` (the first sheet if None), one line per row, cells joined by `separateur`.

    `lignes_lues`: stop after that many non-empty rows (a header's check reads one row, not a
    sheet of 200,000).

    With `guillemets`, a cell holding the separator or a double quote is quoted the CSV way (for
    readers using the csv module); without, the separator and line breaks inside a cell become spaces (for readers
    that split lines themselves, like the FEC's). `format_date` holds JJ, MM and AAAA.
    Raises ErreurSaisie (or ErreursSaisie) with a French message; nothing else escapes.
    """
    _verifier_enveloppe(octets, decompresse_max)
    with warnings.catch_warnings():  # openpyxl warns in English on stderr (styles, extensions…)
        warnings.simplefilter("ignore")
        classeur = _ouvrir(octets)
        try:
            return _ecrire(classeur, feuille, separateur, guillemets, format_date, lignes_max, taille_max, lignes_lues)
        except (ErreurSaisie, ErreursSaisie):
            raise
        except Exception:  # noqa: BLE001 - a hostile or damaged sheet: a French message, never a traceback
            raise _illisible() from None
        finally:
            classeur.close()


def feuilles_du_classeur(octets: bytes, *, decompresse_max: int = DECOMPRESSE_MAX) -> list[str]:
    """The names of the workbook's sheets, in order (for a message or a choice)."""
    _verifier_enveloppe(octets, decompresse_max)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        classeur = _ouvrir(octets)
        try:
            return [f.title for f in classeur.worksheets]
        finally:
            classeur.close()


# --- the envelope ---------------------------------------------------------------------------


def _verifier_enveloppe(octets: bytes, decompresse_max: int) -> None:
    if octets.startswith(_OLE2):
        if _CHIFFRE in octets:
            raise ErreurSaisie(
                "fichier",
                "Ce classeur est protégé par un mot de passe : ouvrez-le dans Excel, retirez le mot de passe "
                "(Fichier > Informations > Protéger le classeur > Chiffrer avec mot de passe, effacez-le), "
                "enregistrez-le, puis importez-le.",
            )
        raise ErreurSaisie(
            "fichier",
            "Ce fichier est un classeur Excel de l'ancien format (.xls) : ouvrez-le dans Excel ou LibreOffice et "
            "enregistrez-le au format « Classeur Excel (.xlsx) » ou « CSV (séparateur : point-virgule) », puis "
            "importez ce fichier.",
        )
    if not octets.startswith(_ZIP):
        raise _pas_un_classeur()
    try:
        archive = zipfile.ZipFile(io.BytesIO(octets))
        entrees = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise _illisible() from None
    noms = {e.filename for e in entrees}
    if len(entrees) > _ENTREES_MAX:
        raise _illisible()
    if sum(e.file_size for e in entrees) > decompresse_max:
        raise ErreurSaisie(
            "fichier",
            f"Ce classeur se décompresse en plus de {nombre(decompresse_max / (1024 * 1024), 0)} Mo : c'est bien "
            "plus qu'une balance ou un FEC n'en occupe (ou le fichier est piégé), il n'est pas ouvert. Vérifiez "
            "l'export ; sinon, découpez-le en plusieurs fichiers.",
        )
    if "[Content_Types].xml" not in noms:
        if "mimetype" in noms and _lire(archive, "mimetype").startswith(b"application/vnd.oasis.opendocument"):
            raise ErreurSaisie(
                "fichier",
                "Ce fichier est un classeur OpenDocument (.ods, LibreOffice) : enregistrez-le au format "
                "« Classeur Excel (.xlsx) » ou en CSV, puis importez ce fichier.",
            )
        raise _pas_un_classeur()
    if "xl/workbook.bin" in noms:
        raise ErreurSaisie(
            "fichier",
            "Ce classeur est au format binaire d'Excel (.xlsb) : enregistrez-le au format « Classeur Excel "
            "(.xlsx) » ou en CSV, puis importez ce fichier.",
        )
    if "xl/workbook.xml" not in noms:
        raise _pas_un_classeur()


def _lire(archive: zipfile.ZipFile, nom: str) -> bytes:
    try:
        with archive.open(nom) as entree:
            return entree.read(200)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
        return b""


def _pas_un_classeur() -> ErreurSaisie:
    return ErreurSaisie(
        "fichier",
        "Ce fichier n'est pas un classeur Excel (.xlsx) : importez le classeur lui-même, ou son export CSV.",
    )


def _illisible() -> ErreurSaisie:
    return ErreurSaisie(
        "fichier",
        "Ce classeur est endommagé ou d'un format que l'import ne lit pas : ouvrez-le dans Excel ou "
        "LibreOffice, enregistrez-le au format « Classeur Excel (.xlsx) » (ou en CSV), puis importez ce fichier.",
    )


def _ouvrir(octets: bytes) -> Any:
    from openpyxl import load_workbook  # only when a workbook is imported: a CSV import never pays for it

    try:
        return load_workbook(io.BytesIO(octets), read_only=True, data_only=True, keep_links=False)
    except Exception:  # noqa: BLE001 - any failure of a hostile file is the same French refusal
        raise _illisible() from None


# --- the sheet ----------------------------------------------------------------------------------


def _feuille(classeur: Any, nom: str | None) -> Any:
    feuilles = classeur.worksheets  # chart sheets left out: they hold no cells
    if not feuilles:
        raise ErreurSaisie("feuille", "Ce classeur ne contient aucune feuille de calcul.")
    if nom is None or not nom.strip():
        return feuilles[0]
    for cle in (lambda t: t, lambda t: sans_accents(t).casefold().strip()):
        trouvees = [f for f in feuilles if cle(f.title) == cle(nom)]
        if len(trouvees) == 1:
            return trouvees[0]
    noms = ", ".join(f"« {f.title} »" for f in feuilles)
    raise ErreurSaisie("feuille", f"Le classeur n'a pas de feuille « {nom} ». Feuilles du classeur : {noms}.")


class _SansValeur:
    """A formula cell whose result was never saved (data_only reads it as empty)."""


_SANS_VALEUR = _SansValeur()


def _lignes_de(classeur: Any, feuille: Any) -> Iterator[tuple[int, list[dict[str, Any]]]]:
    """(row number, cells) of the sheet's XML as openpyxl's own parser reads it, formula cells
    without a saved result marked: read-only `iter_rows` gives them as None, like an empty cell."""
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    class Lecteur(WorkSheetParser):  # type: ignore[misc]
        def parse_cell(self, element: Any) -> dict[str, Any]:
            cellule: dict[str, Any] = super().parse_cell(element)
            if cellule["value"] is None and element.find(FORMULA_TAG) is not None:
                cellule["value"] = _SANS_VALEUR
            return cellule

    with feuille._get_source() as source:
        lecteur = Lecteur(
            source,
            feuille._shared_strings,
            data_only=True,
            epoch=classeur.epoch,
            date_formats=classeur._date_formats,
            timedelta_formats=classeur._timedelta_formats,
        )
        yield from lecteur.parse()


def _ecrire(
    classeur: Any,
    nom: str | None,
    separateur: str,
    guillemets: bool,
    format_date: str,
    lignes_max: int,
    taille_max: int,
    lignes_lues: int | None = None,
) -> str:
    feuille = _feuille(classeur, nom)
    ecrites = 0
    morceaux: list[str] = []
    taille = 0
    derniere = 0  # the last row written
    sans_valeur: list[tuple[int, str]] = []
    for numero, cellules in _lignes_de(classeur, feuille):
        if numero <= derniere:
            raise _illisible()  # rows out of order or repeated: not what Excel writes
        valeurs = [(c["column"], c["value"]) for c in cellules if c["value"] is not None and c["value"] != ""]
        if not valeurs:
            continue  # an empty (formatted) row: written as an empty line if a row follows
        if numero > lignes_max:
            raise ErreurSaisie(
                "fichier",
                f"La feuille « {feuille.title} » compte plus de {nombre(lignes_max, 0)} lignes : c'est plus qu'un "
                "import n'en accepte. Vérifiez l'export, ou découpez-le en plusieurs fichiers importés l'un après "
                "l'autre (chacun avec sa ligne d'en-tête).",
            )
        morceaux.append("\n" * (numero - derniere - 1))
        ligne: list[str] = []
        colonne = 0
        for index, valeur in sorted(valeurs, key=lambda v: v[0]):
            if index <= colonne:
                raise _illisible()  # two cells at one place
            if valeur is _SANS_VALEUR:
                sans_valeur.append((numero, _reference(index, numero)))
                valeur = ""
            texte = _texte(valeur, format_date)
            if guillemets:
                texte = _une_ligne(texte)
                if separateur in texte or '"' in texte:
                    texte = '"' + texte.replace('"', '""') + '"'
            else:
                texte = _une_ligne(texte).replace(separateur, " ")
            ligne.append(separateur * (index - colonne - (0 if colonne else 1)) + texte)
            colonne = index
        texte_ligne = "".join(ligne)
        taille += len(texte_ligne) + numero - derniere
        if taille > taille_max:
            raise ErreurSaisie(
                "fichier",
                f"La feuille « {feuille.title} » donne plus de {nombre(taille_max / (1024 * 1024), 0)} Mo de texte : "
                "c'est plus qu'un import n'en accepte. Vérifiez qu'il s'agit du bon fichier ; sinon, découpez-le.",
            )
        morceaux.append(texte_ligne + "\n")
        derniere = numero
        ecrites += 1
        if lignes_lues is not None and ecrites >= lignes_lues:
            break  # the parser is left unfinished: the rest of the sheet is never read
    if sans_valeur:
        raise ErreursSaisie(_sans_valeur(sans_valeur))
    return "".join(morceaux)


def _sans_valeur(cellules: list[tuple[int, str]]) -> list[ErreurSaisie]:
    erreurs = [
        ErreurSaisie(
            f"ligne {numero}, {reference}",
            f"ligne {numero}, cellule {reference} : cellule calculée sans valeur enregistrée : ouvrez le fichier "
            "dans Excel (ou LibreOffice) et enregistrez-le, ce qui calcule et garde ses valeurs, puis importez-le.",
        )
        for numero, reference in cellules[:_CELLULES_SIGNALEES]
    ]
    if len(cellules) > _CELLULES_SIGNALEES:
        reste = len(cellules) - _CELLULES_SIGNALEES
        erreurs.append(
            ErreurSaisie(
                "fichier",
                f"… et {reste} autre{'s' if reste > 1 else ''} cellule{'s' if reste > 1 else ''} dans ce cas.",
            )
        )
    return erreurs


def _reference(colonne: int, ligne: int) -> str:
    lettres = ""
    while colonne:
        colonne, reste = divmod(colonne - 1, 26)
        lettres = chr(ord("A") + reste) + lettres
    return f"{lettres}{ligne}"


_SAUTS = re.compile(r"[\r\n]+")


def _une_ligne(texte: str) -> str:
    """Line breaks inside a cell would shift every following line number: a space instead."""
    return _SAUTS.sub(" ", texte)


def _texte(valeur: object, format_date: str) -> str:
    """A cell as an accounting export writes it."""
    if isinstance(valeur, str):
        return valeur
    if isinstance(valeur, bool):
        return "VRAI" if valeur else "FAUX"
    if isinstance(valeur, dt.datetime | dt.date):
        return (
            format_date.replace("AAAA", f"{valeur.year:04d}")
            .replace("MM", f"{valeur.month:02d}")
            .replace("JJ", f"{valeur.day:02d}")
        )
    if isinstance(valeur, int):
        return str(valeur)
    if isinstance(valeur, float):
        return _nombre(valeur)
    return str(valeur)  # a time or a duration: shown as Python writes it, refused where a date is due


def _nombre(valeur: float) -> str:
    """A float to the 15 significant digits Excel keeps and shows: 0.1 + 0.2 saved as
    0.30000000000000004 is "0,3", 1234.56 is "1234,56", 1e20 is "100000000000000000000".
    Not rounded further: an amount computed to 1234.567 stays so, and the reader refuses it
    (more than two decimals) rather than a cent being changed silently."""
    if not math.isfinite(valeur):
        return str(valeur)
    exact = format(Decimal(format(valeur, ".15g")), "f")
    if "." in exact:
        exact = exact.rstrip("0").rstrip(".")
    return nombre_tel_quel("0" if exact in ("-0", "") else exact)
