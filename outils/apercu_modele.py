"""Render a shipped template against demo dossiers and print the text, for authors.

    python -m outils.apercu_modele CLE [--graine 5] [--nombre 60] [--dossier 2026-0007]

Without --dossier, picks the first demo dossier for which the template has what it needs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
from pathlib import Path

from recouvrement_tui.demo import creancier_demo, generer_dossiers
from recouvrement_tui.documents.catalogue import manques, modele
from recouvrement_tui.documents.contexte import Entree, construire_contexte
from recouvrement_tui.documents.lecture import texte_docx
from recouvrement_tui.documents.rendu import rendre
from recouvrement_tui.domain.decompte import decompte_dossier
from recouvrement_tui.domain.parametres import Parametres
from recouvrement_tui.storage.taux import charger_taux

DOSSIER_MODELES = Path(__file__).resolve().parent.parent / "recouvrement_tui" / "modeles"


def main() -> int:
    parseur = argparse.ArgumentParser()
    parseur.add_argument("cle")
    parseur.add_argument("--graine", type=int, default=5)
    parseur.add_argument("--nombre", type=int, default=60)
    parseur.add_argument("--dossier")
    parseur.add_argument("--au", default="2026-11-23")
    args = parseur.parse_args()
    au = dt.date.fromisoformat(args.au)
    taux = charger_taux(Path(tempfile.mkdtemp()))
    parametres = Parametres(creancier=creancier_demo())
    m = modele(args.cle)
    gabarit = (DOSSIER_MODELES / f"{args.cle}.docx").read_bytes()
    for dossier in generer_dossiers(args.nombre, args.graine, au):
        if args.dossier and dossier.reference != args.dossier:
            continue
        contexte = construire_contexte(Entree(dossier, decompte_dossier(dossier, taux, au), parametres, au))
        if manques(m, contexte) and not args.dossier:
            continue
        print(f"--- {dossier.reference} {dossier.debiteur.nom_complet} ({dossier.etape.libelle}) manques={manques(m, contexte)}")
        print(texte_docx(rendre(gabarit, contexte, m.titre)))
        return 0
    print("aucun dossier de démonstration ne convient")
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
