"""parametres.json: the creditor and the reminder calendar of a data folder."""

from __future__ import annotations

import json
from pathlib import Path

from recouvrement_tui.domain import codec
from recouvrement_tui.domain.erreurs import ErreurSaisie
from recouvrement_tui.domain.json_sur import lire_json
from recouvrement_tui.domain.parametres import (
    Parametres,
    calendrier_depuis_dict,
    calendrier_dict,
)
from recouvrement_tui.storage.atomique import ecrire_atomiquement
from recouvrement_tui.storage.erreurs import ErreurStockage

NOM = "parametres.json"
VERSION = 1


class ParametresIllisibles(ErreurStockage):
    pass


def charger_parametres(racine: Path) -> Parametres:
    """The settings of a data folder; defaults (no creditor yet) when the file is absent."""
    chemin = Path(racine) / NOM
    try:
        brut = lire_json(chemin.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Parametres()
    except (ValueError, UnicodeDecodeError) as erreur:
        raise ParametresIllisibles(
            f"Le fichier de paramètres {chemin} est illisible ({erreur}). Corrigez-le ou supprimez-le pour repartir des valeurs par défaut."
        ) from None
    try:
        return Parametres(
            creancier=codec.creancier_depuis_dict(brut.get("creancier", {})),
            calendrier=calendrier_depuis_dict(brut.get("calendrier", {})),
        )
    except (ErreurSaisie, AttributeError, TypeError) as erreur:
        raise ParametresIllisibles(f"Le fichier de paramètres {chemin} est incohérent : {erreur}") from None


def enregistrer_parametres(racine: Path, parametres: Parametres) -> None:
    racine = Path(racine)
    racine.mkdir(parents=True, exist_ok=True)
    contenu = {
        "version": VERSION,
        "creancier": codec.creancier_dict(parametres.creancier),
        "calendrier": calendrier_dict(parametres.calendrier),
    }
    ecrire_atomiquement(racine / NOM, json.dumps(contenu, ensure_ascii=False, indent=2).encode("utf-8"))
