"""Loading the rate series: the files shipped with the application, then the data folder's.

A newly published half-year is added without touching code: put a CSV with the same
header in <data folder>/taux/ (same file name); its lines add to or replace the shipped ones.
"""

from __future__ import annotations

import csv
import io
from importlib import resources
from pathlib import Path

from recouvrement_tui.domain.erreurs import raison_lecture, raison_systeme
from recouvrement_tui.domain.taux import (
    COLONNES_BCE,
    COLONNES_LEGAL,
    AjoutTaux,
    LigneTaux,
    TableTaux,
    Taux,
    TauxIllisibles,
)
from recouvrement_tui.storage.atomique import ecrire_atomiquement

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


def enregistrer_ajout(racine: Path, ajout: AjoutTaux, *, fsync: bool = True) -> list[Path]:
    """Write a checked half-year (domain.taux.verifier_ajout) into the data folder's taux/ files.

    Each series' file keeps its other lines (and any column a user added) and takes this
    half-year's line, added or replaced, lines in half-year order; the file is replaced at once
    (storage.atomique), so a colleague's reader never sees half a file. Returns the files written.
    Raises TauxIllisibles (French) when a file cannot be read or written."""
    dossier = Path(racine) / SOUS_DOSSIER
    ecrits = []
    for ligne, colonnes, fichier in ((ajout.bce, COLONNES_BCE, FICHIER_BCE), (ajout.legal, COLONNES_LEGAL, FICHIER_LEGAL)):
        if ligne is None:
            continue
        chemin = dossier / fichier
        try:
            dossier.mkdir(parents=True, exist_ok=True)
            existant = chemin.read_text(encoding="utf-8-sig") if chemin.exists() else ""
            ecrire_atomiquement(chemin, _remplacer_ligne(existant, ligne, colonnes).encode("utf-8"), fsync=fsync)
        except (OSError, UnicodeDecodeError) as erreur:
            raison = raison_lecture(erreur) if isinstance(erreur, UnicodeDecodeError) else raison_systeme(erreur)
            raise TauxIllisibles(f"{chemin} : le taux n'a pas pu être enregistré ({raison}).") from None
        ecrits.append(chemin)
    return ecrits


def _remplacer_ligne(existant: str, ligne: LigneTaux, colonnes: tuple[str, ...]) -> str:
    entete = ["semestre", *colonnes, "statut", "source"]
    lecteur = csv.DictReader(io.StringIO(existant))
    entete += [c for c in (lecteur.fieldnames or []) if c and c not in entete]
    lignes = {(brut.get("semestre") or "").strip(): brut for brut in lecteur if (brut.get("semestre") or "").strip()}
    lignes[ligne.semestre] = {
        "semestre": ligne.semestre,
        **{c: f"{v:.2f}" for c, v in ligne.valeurs.items()},
        "statut": ligne.statut,
        "source": ligne.source,
    }
    sortie = io.StringIO()
    ecrivain = csv.DictWriter(sortie, entete, lineterminator="\n", extrasaction="ignore")
    ecrivain.writeheader()
    for semestre in sorted(lignes):
        ecrivain.writerow({c: lignes[semestre].get(c) or "" for c in entete})
    return sortie.getvalue()
