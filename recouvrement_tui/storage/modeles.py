"""Where a template is read from: the data folder's modeles/ first, else the shipped one.

A legal team adapts a template by copying it into <dossiers>/modeles/ and editing it in
Word: the installed package is never edited, and an upgrade never loses their wording.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from recouvrement_tui.domain.erreurs import raison_systeme
from recouvrement_tui.storage.confinement import CheminRefuse, chemin_confine, fichier_ordinaire
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


# --- e-mail templates ----------------------------------------------------------------------------

DOSSIER_COURRIELS = "courriels"  # modeles/courriels/<cle>.txt, in the package and in the data folder
TAILLE_MAX_COURRIEL = 64 * 1024  # a message's text is a few kilobytes


def chemin_modele_courriel(racine: Path, cle: str) -> tuple[Path, str]:
    """The e-mail template for `cle` and where it comes from ("personnalisé" or "livré").

    In the data folder, no symbolic link is followed on the way (modeles/, modeles/courriels/ or
    the file): a link there could make every colleague's messages read a file of the machine."""
    personnel = chemin_confine(Path(racine), f"{DOSSIER_MODELES}/{DOSSIER_COURRIELS}/{cle}.txt")
    if personnel.exists():
        return personnel, "personnalisé"
    return modeles_livres() / DOSSIER_COURRIELS / f"{cle}.txt", "livré"


def lire_modele_courriel(racine: Path, cle: str) -> tuple[str, str]:
    """(text, origin) of the e-mail template `cle`.

    A file of the shared data folder is checked before it is read: a symbolic link (its target
    may be anything on the machine), something else than a file, a file too big or not in UTF-8
    is refused with a French message naming it."""
    try:
        chemin, origine = chemin_modele_courriel(racine, cle)
    except CheminRefuse as erreur:
        raise ErreurStockage(f"Le modèle de courriel {cle} du dossier de données est refusé : {erreur}") from None
    try:
        with fichier_ordinaire(chemin) as fichier:
            if fichier is None:
                raise ErreurStockage(f"Le modèle de courriel {chemin} n'est pas un fichier ordinaire : remplacez-le par "
                                     "un fichier texte, ou retirez-le pour revenir au modèle livré.")
            contenu = fichier.read(TAILLE_MAX_COURRIEL + 1)
    except FileNotFoundError:
        raise ErreurStockage(f"Le modèle de courriel {origine} {chemin} est introuvable : réinstallez l'application.") from None
    except OSError as erreur:
        raise ErreurStockage(f"Le modèle de courriel {chemin} ne peut pas être lu ({raison_systeme(erreur)}).") from None
    if len(contenu) > TAILLE_MAX_COURRIEL:
        raise ErreurStockage(f"Le modèle de courriel {chemin} dépasse {TAILLE_MAX_COURRIEL // 1024} Ko : ce n'est pas "
                             "un modèle de message ; remplacez-le ou retirez-le.")
    try:
        return contenu.decode("utf-8-sig"), origine
    except UnicodeDecodeError:
        raise ErreurStockage(f"Le modèle de courriel {chemin} n'est pas encodé en UTF-8 : enregistrez-le en UTF-8 "
                             "dans votre éditeur de texte.") from None
