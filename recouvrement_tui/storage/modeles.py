"""Where a template is read from: the data folder's modeles/ first, else the shipped one.

A legal team adapts a template by copying it into <dossiers>/modeles/ and editing it in
Word: the installed package is never edited, and an upgrade never loses their wording.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from recouvrement_tui.domain.erreurs import raison_systeme
from recouvrement_tui.storage.erreurs import ErreurStockage

DOSSIER_MODELES = "modeles"


def modeles_livres() -> Path:
    return Path(str(resources.files("recouvrement_tui") / "modeles"))


def chemin_modele(racine: Path, cle: str) -> tuple[Path, str]:
    """The template file for `cle` and where it comes from ("personnalisé" or "livré")."""
    personnel = Path(racine) / DOSSIER_MODELES / f"{cle}.docx"
    if personnel.is_file():
        return personnel, "personnalisé"
    return modeles_livres() / f"{cle}.docx", "livré"


class LecteurModeles:
    """Reads template files, keeping each in memory until it changes on disk (batches)."""

    def __init__(self, racine: Path) -> None:
        self.racine = Path(racine)
        self._cache: dict[Path, tuple[float, bytes]] = {}

    def lire(self, cle: str) -> bytes:
        chemin, origine = chemin_modele(self.racine, cle)
        try:
            date = chemin.stat().st_mtime
            connu = self._cache.get(chemin)
            if connu and connu[0] == date:
                return connu[1]
            contenu = chemin.read_bytes()
        except FileNotFoundError:
            raise ErreurStockage(f"Le modèle {origine} {chemin} est introuvable : réinstallez l'application.") from None
        except OSError as erreur:
            raise ErreurStockage(f"Le modèle {chemin} ne peut pas être lu ({raison_systeme(erreur)}).") from None
        self._cache[chemin] = (date, contenu)
        return contenu
