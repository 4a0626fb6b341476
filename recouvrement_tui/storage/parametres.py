"""parametres.json: the creditor, the reminder calendar and the mail server of a data folder.

The file is checked field by field before anything is built from it: a hand-edited or
damaged file is reported in French (which field, what is expected), never a crash later in
a letter or a deadline. The TUI opens anyway (`lire_parametres`: what could be read, plus
the reason) so the user can fix the settings in the settings screen.
"""

from __future__ import annotations

import json
import os
import stat
from decimal import Decimal, InvalidOperation
from pathlib import Path

from recouvrement_tui.domain import codec
from recouvrement_tui.domain.courriel import ParametresCourriel, courriel_depuis_dict, courriel_dict
from recouvrement_tui.domain.erreurs import ErreurSaisie, raison_systeme
from recouvrement_tui.domain.json_sur import JSONTropImbrique, lire_json
from recouvrement_tui.domain.model import Creancier
from recouvrement_tui.domain.parametres import (
    CalendrierRelances,
    Parametres,
    calendrier_depuis_dict,
    calendrier_dict,
)
from recouvrement_tui.storage.atomique import ecrire_atomiquement
from recouvrement_tui.storage.erreurs import ErreurStockage

NOM = "parametres.json"
VERSION = 1
JOURS_MAX = 365  # as the settings form allows
TAILLE_MAX = 1024 * 1024  # a settings file is a few hundred bytes

_TEXTES_CREANCIER = (
    "raison_sociale", "forme_juridique", "siren", "rcs", "representant_nom", "representant_qualite", "email",
    "telephone", "iban",
)
_TEXTES_ADRESSE = ("code_postal", "ville", "pays")
_CONSEIL = "Corrigez-le, ou enregistrez les paramètres dans l'application (touche p) pour le réécrire."


class ParametresIllisibles(ErreurStockage):
    pass


class _Incoherent(Exception):
    """One field of the file is wrong; the message names it."""


def charger_parametres(racine: Path) -> Parametres:
    """The settings of a data folder; defaults (no creditor yet) when the file is absent.

    Raises ParametresIllisibles, whose message says what is wrong, for any other file.
    """
    parametres, motif = lire_parametres(racine)
    if motif:
        raise ParametresIllisibles(motif)
    return parametres


def lire_parametres(racine: Path) -> tuple[Parametres, str]:
    """(settings, "") or, for a broken file, (what could be read over the defaults, why).

    A section (creditor, calendar) that is wrong falls back to its defaults; the other one
    is kept, so the settings form shows what the user had.
    """
    chemin = Path(racine) / NOM
    brut, motif = _lire_brut(chemin)
    if brut is None:
        return Parametres(), motif
    if not isinstance(brut, dict):
        return Parametres(), _motif(chemin, "il devrait contenir un objet JSON { … }, pas " + _genre(brut))
    motifs = []
    try:
        creancier = _creancier(brut.get("creancier", {}))
    except _Incoherent as erreur:
        creancier = Creancier()
        motifs.append(str(erreur))
    try:
        calendrier = _calendrier(brut.get("calendrier", {}))
    except _Incoherent as erreur:
        calendrier = CalendrierRelances()
        motifs.append(str(erreur))
    try:
        courriel = _courriel(brut.get("courriel", {}))
    except _Incoherent as erreur:
        courriel = ParametresCourriel()
        motifs.append(str(erreur))
    parametres = Parametres(creancier=creancier, calendrier=calendrier, courriel=courriel)
    return parametres, (_motif(chemin, " ; ".join(motifs)) if motifs else "")


def _lire_brut(chemin: Path) -> tuple[object | None, str]:
    """The decoded JSON (None when absent or unreadable) and why it is unreadable."""
    try:
        mode = os.stat(chemin).st_mode
    except FileNotFoundError:
        return None, ""
    except OSError as erreur:
        return None, _motif(chemin, f"il ne peut pas être lu ({raison_systeme(erreur)})", illisible=True)
    if stat.S_ISDIR(mode):
        return None, (
            f"Le fichier de paramètres {chemin} est un répertoire, pas un fichier : renommez ou supprimez ce "
            "répertoire, puis enregistrez les paramètres dans l'application (touche p)."
        )
    if not stat.S_ISREG(mode) or os.stat(chemin).st_size > TAILLE_MAX:
        return None, _motif(chemin, "ce n'est pas un fichier de paramètres", illisible=True)
    try:
        # utf-8-sig: Windows Notepad starts the file with a byte-order mark.
        return lire_json(chemin.read_bytes().decode("utf-8-sig")), ""
    except OSError as erreur:
        return None, _motif(chemin, f"il ne peut pas être lu ({raison_systeme(erreur)})", illisible=True)
    except UnicodeDecodeError:
        return None, _motif(chemin, "il n'est pas encodé en UTF-8", illisible=True)
    except json.JSONDecodeError as erreur:
        if not erreur.doc.strip():
            return None, _motif(chemin, "il est vide", illisible=True)
        if isinstance(erreur, JSONTropImbrique):
            return None, _motif(chemin, "son JSON est imbriqué trop profondément", illisible=True)
        return None, _motif(
            chemin, f"JSON invalide ligne {erreur.lineno}, colonne {erreur.colno}", illisible=True
        )


def _motif(chemin: Path, pourquoi: str, *, illisible: bool = False) -> str:
    etat = "est illisible" if illisible else "est incohérent"
    return f"Le fichier de paramètres {chemin} {etat} ({pourquoi}). {_CONSEIL}"


def _genre(valeur: object) -> str:
    if isinstance(valeur, bool):
        return "un booléen"
    if isinstance(valeur, (int, float)):
        return "un nombre"
    if isinstance(valeur, str):
        return "un texte"
    if isinstance(valeur, list):
        return "une liste"
    if valeur is None:
        return "null"
    return "un objet"


def _texte(x: dict, cle: str, ou: str) -> None:
    if cle in x and not isinstance(x[cle], str):
        raise _Incoherent(f"{ou}{cle} devrait être un texte, pas {_genre(x[cle])}")
    if cle in x and ("\x00" in x[cle] or len(x[cle]) > 10_000):
        raise _Incoherent(f"{ou}{cle} contient un texte invalide")


def _creancier(x: object) -> Creancier:
    if not isinstance(x, dict):
        raise _Incoherent(f"creancier devrait être un objet, pas {_genre(x)}")
    for cle in _TEXTES_CREANCIER:
        _texte(x, cle, "creancier.")
    capital = x.get("capital")
    if capital is not None:
        if not isinstance(capital, str):
            raise _Incoherent(f"creancier.capital devrait être un montant en texte (\"10000.00\"), pas {_genre(capital)}")
        try:
            valeur = Decimal(capital)
        except InvalidOperation:
            valeur = None
        if valeur is None or not valeur.is_finite() or not 0 <= valeur < 10**15:
            raise _Incoherent(f"creancier.capital « {capital[:40]} » n'est pas un montant")
    siege = x.get("siege", {})
    if not isinstance(siege, dict):
        raise _Incoherent(f"creancier.siege devrait être un objet, pas {_genre(siege)}")
    for cle in _TEXTES_ADRESSE:
        _texte(siege, cle, "creancier.siege.")
    lignes = siege.get("lignes", [])
    if not isinstance(lignes, list) or not all(isinstance(ligne, str) for ligne in lignes) or len(lignes) > 10:
        raise _Incoherent("creancier.siege.lignes devrait être une liste de lignes de texte")
    try:
        return codec.creancier_depuis_dict(x)
    except (ErreurSaisie, ArithmeticError, ValueError, TypeError, AttributeError) as erreur:
        raise _Incoherent(f"creancier : {erreur}") from None


def _calendrier(x: object) -> CalendrierRelances:
    if not isinstance(x, dict):
        raise _Incoherent(f"calendrier devrait être un objet, pas {_genre(x)}")
    for nom in CalendrierRelances.__dataclass_fields__:
        if nom not in x:
            continue
        valeur = x[nom]
        if isinstance(valeur, bool) or not isinstance(valeur, int) or not 0 < valeur <= JOURS_MAX:
            montre = valeur if isinstance(valeur, (bool, int, float)) and len(str(valeur)) < 20 else _genre(valeur)
            raise _Incoherent(f"calendrier.{nom} : « {montre} » n'est pas un nombre de jours entre 1 et {JOURS_MAX}")
    try:
        return calendrier_depuis_dict(x)
    except (ErreurSaisie, TypeError, ValueError) as erreur:
        raise _Incoherent(f"calendrier : {erreur}") from None


def _courriel(x: object) -> ParametresCourriel:
    if not isinstance(x, dict):
        raise _Incoherent(f"courriel devrait être un objet, pas {_genre(x)}")
    for cle, valeur in x.items():
        if isinstance(valeur, (dict, list)) or (isinstance(valeur, str) and ("\x00" in valeur or len(valeur) > 1000)):
            raise _Incoherent(f"courriel.{cle} contient une valeur invalide")
    if "mot_de_passe" in x:  # never kept in a shared folder: colleagues and backups would read it
        raise _Incoherent("courriel.mot_de_passe ne doit pas figurer dans ce fichier : retirez-le et donnez le mot de "
                          "passe par la variable d'environnement RECOUVREMENT_SMTP_MOT_DE_PASSE ou le trousseau du système")
    try:
        return courriel_depuis_dict(x)
    except ErreurSaisie as erreur:
        raise _Incoherent(str(erreur)) from None


def enregistrer_parametres(racine: Path, parametres: Parametres) -> None:
    racine = Path(racine)
    chemin = racine / NOM
    if chemin.is_dir() and not chemin.is_symlink():
        raise ParametresIllisibles(
            f"Les paramètres ne peuvent pas être enregistrés : {chemin} est un répertoire, pas un fichier. "
            "Renommez ou supprimez ce répertoire, puis enregistrez de nouveau."
        )
    contenu = {
        "version": VERSION,
        "creancier": codec.creancier_dict(parametres.creancier),
        "calendrier": calendrier_dict(parametres.calendrier),
        "courriel": courriel_dict(parametres.courriel),
    }
    try:
        racine.mkdir(parents=True, exist_ok=True)
        ecrire_atomiquement(chemin, json.dumps(contenu, ensure_ascii=False, indent=2).encode("utf-8"))
    except OSError as erreur:
        raise ParametresIllisibles(
            f"Les paramètres n'ont pas pu être enregistrés dans {chemin} ({raison_systeme(erreur)})."
        ) from None
