"""Write the first version of the shipped Word templates into recouvrement_tui/modeles/.

    python -m outils.fabriquer_modeles [CLE ...] [--remplacer]

Once a template has been edited in Word, the .docx is the reference: this script refuses to
overwrite an existing file unless --remplacer is given.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from recouvrement_tui.documents.catalogue import CATALOGUE

DESTINATION = Path(__file__).resolve().parent.parent / "recouvrement_tui" / "modeles"


def constructeur(cle: str):
    """The builder function `cle` from outils/modeles/<cle>.py."""
    return getattr(importlib.import_module(f"outils.modeles.{cle}"), cle)


def main(argv: list[str] | None = None) -> int:
    parseur = argparse.ArgumentParser(description="Écrit les modèles Word livrés.")
    parseur.add_argument("cles", nargs="*", help="modèles à écrire (tous par défaut)")
    parseur.add_argument("--remplacer", action="store_true", help="remplacer les fichiers existants")
    args = parseur.parse_args(argv)
    DESTINATION.mkdir(parents=True, exist_ok=True)
    for cle in args.cles or [m.cle for m in CATALOGUE]:
        cible = DESTINATION / f"{cle}.docx"
        if cible.exists() and not args.remplacer:
            print(f"{cible.name} existe déjà (--remplacer pour l'écraser)", file=sys.stderr)
            continue
        try:
            doc = constructeur(cle)()
        except ModuleNotFoundError:
            print(f"{cle} : pas encore de constructeur", file=sys.stderr)
            continue
        doc.save(cible)
        print(cible)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
