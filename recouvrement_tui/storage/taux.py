"""Loading the rate series: the files shipped with the application, then the data folder's.

A newly published half-year is added without touching code: put a CSV with the same
header in <data folder>/taux/ (same file name); its lines add to or replace the shipped ones.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from recouvrement_tui.domain.erreurs import raison_lecture
from recouvrement_tui.domain.taux import (
    COLONNES_BCE,
    COLONNES_LEGAL,
    TableTaux,
    Taux,
    TauxIllisibles,
)

FICHIER_BCE = "taux_bce_semestres.csv"
FICHIER_LEGAL = "taux_interet_legal.csv"
SOUS_DOSSIER = "taux"


def _table(nom: str, colonnes: tuple[str, ...], fichier: str, racine: Path) -> TableTaux:
    utilisateur = racine / SOUS_DOSSIER / fichier
    table = TableTaux(nom, colonnes, str(utilisateur))
    livre = resources.files("recouvrement_tui.donnees").joinpath(fichier).read_text(encoding="utf-8")
    table.fusionner(livre, f"{fichier} (livré avec l'application)")
    if utilisateur.exists():
        try:
            texte = utilisateur.read_text(encoding="utf-8-sig")  # tolerate a BOM from spreadsheets
        except (OSError, UnicodeDecodeError) as erreur:
            raise TauxIllisibles(f"{utilisateur} : illisible ({raison_lecture(erreur)}).") from None
        table.fusionner(texte, str(utilisateur))
    return table


def charger_taux(racine: Path) -> Taux:
    """Both series for a data folder (raises TauxIllisibles naming a malformed file)."""
    racine = Path(racine)
    return Taux(
        bce=_table("taux BCE (taux de refinancement)", COLONNES_BCE, FICHIER_BCE, racine),
        legal=_table("taux de l'intérêt légal", COLONNES_LEGAL, FICHIER_LEGAL, racine),
    )
