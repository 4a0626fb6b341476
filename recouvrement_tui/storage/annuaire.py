"""Loading the court directory: the files shipped with the application, then the data folder's.

A wrong or missing court is corrected without touching code: put a tribunaux.csv and/or a
communes.csv with the same header in <data folder>/juridictions/; their rows add to or replace
the shipped ones (by id for courts, by INSEE code for communes).

The directory is cached per data folder and modification times of those two files, so asking
for it again is cheap; a changed file is read again. Callers must not modify the returned object.
"""

from __future__ import annotations

import gc
from importlib import resources
from pathlib import Path

from recouvrement_tui.domain.annuaire import Annuaire, AnnuaireIllisible
from recouvrement_tui.domain.erreurs import raison_lecture

SOUS_DOSSIER = "juridictions"
FICHIER_TRIBUNAUX = "tribunaux.csv"
FICHIER_COMMUNES = "communes.csv"
PAQUET = "recouvrement_tui.donnees.juridictions"

_livre: Annuaire | None = None
_cache: dict[tuple[str, float | None, float | None], Annuaire] = {}


def _texte_livre(fichier: str) -> str:
    return resources.files(PAQUET).joinpath(fichier).read_text(encoding="utf-8")


def _date(chemin: Path) -> float | None:
    try:
        return chemin.stat().st_mtime
    except FileNotFoundError:
        return None
    except OSError as erreur:
        raise AnnuaireIllisible(f"{chemin} : illisible ({raison_lecture(erreur)}).") from None


# A correction file is the user's: ten times the shipped communes.csv is already far beyond any real
# one; above, it is refused before it is read (a mistaken or hostile file must not fill the memory).
TAILLE_MAX_CORRECTIONS = 32 * 1024**2


def _lire(chemin: Path) -> str:
    try:
        with chemin.open("rb") as fichier:
            octets = fichier.read(TAILLE_MAX_CORRECTIONS + 1)
        if len(octets) > TAILLE_MAX_CORRECTIONS:
            raise AnnuaireIllisible(f"{chemin} : dépasse {TAILLE_MAX_CORRECTIONS // 1024**2} Mo ; un fichier de "
                                    "corrections ne reprend que les lignes à corriger.")
        return octets.decode("utf-8-sig")  # tolerate a BOM from spreadsheets
    except (OSError, UnicodeDecodeError) as erreur:
        raise AnnuaireIllisible(f"{chemin} : illisible ({raison_lecture(erreur)}).") from None


def annuaire_livre() -> Annuaire:
    """The shipped directory alone (parsed once per process)."""
    global _livre
    if _livre is None:
        _livre = Annuaire.depuis_textes(
            _texte_livre(FICHIER_TRIBUNAUX), _texte_livre(FICHIER_COMMUNES), "annuaire livré avec l'application"
        )
    return _livre


def charger_annuaire(racine: Path) -> Annuaire:
    """Shipped directory plus the corrections of <racine>/juridictions/ (raises AnnuaireIllisible
    naming a malformed file and line)."""
    dossier = Path(racine) / SOUS_DOSSIER
    tribunaux, communes = dossier / FICHIER_TRIBUNAUX, dossier / FICHIER_COMMUNES
    cle = (str(dossier.resolve()), _date(tribunaux), _date(communes))
    if cle in _cache:
        return _cache[cle]
    livre = annuaire_livre()
    if cle[1] is None and cle[2] is None:
        annuaire = livre
    else:
        annuaire = livre.copie()
        annuaire.fusionner(
            _lire(tribunaux) if cle[1] is not None else None,
            _lire(communes) if cle[2] is not None else None,
            f"{dossier}/",
        )
    _cache.clear()  # one data folder at a time in practice: keep memory flat
    _cache[cle] = annuaire
    # The directory lives as long as the process: its ~35,000 communes would otherwise be walked by
    # every full garbage collection from now on, a pause of a few hundred ms that stops every
    # thread, the screen's included (issue 17: never frozen).
    gc.freeze()
    return annuaire
