"""`recouvrement delai`: when a procedural deadline expires (art. 641 and 642 CPC)."""

from __future__ import annotations

import argparse
import json
import sys

from recouvrement_tui.domain.dates import lire_date
from recouvrement_tui.domain.delais import Zone, calculer_delai, lire_duree
from recouvrement_tui.domain.formatage import date_longue

AIDE_DELAI = """\
Calcule l'échéance d'un délai de procédure : le jour de l'événement ne compte pas ; un délai en
mois finit le même quantième (ou le dernier jour du mois) ; un délai qui finit un samedi, un
dimanche ou un jour férié de la zone est prorogé au premier jour ouvrable suivant.
  recouvrement delai 2026-03-28 "8 jours"
  recouvrement delai 2026-01-31 "1 mois" --zone alsace-moselle --json"""


def ajouter_commandes(commandes) -> None:
    delai = commandes.add_parser(
        "delai",
        help="calculer l'échéance d'un délai de procédure (art. 641 et 642 CPC)",
        description=AIDE_DELAI,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    delai.add_argument("date", metavar="DATE", help="date de l'événement qui fait courir le délai")
    delai.add_argument("duree", metavar="DUREE", help="« 8 jours », « 15 jours », « 1 mois », « 3 mois », « 2 ans »")
    delai.add_argument("--zone", choices=[z.value for z in Zone], default=Zone.METROPOLE.value,
                       help="jours fériés de la zone (métropole par défaut)")
    delai.add_argument("--json", action="store_true", help="sortie JSON")


def commande_delai(args) -> int:
    depart = lire_date(args.date, "DATE")
    echeance = calculer_delai(depart, lire_duree(args.duree, "DUREE"), Zone(args.zone))
    if args.json:
        json.dump(
            {
                "depart": echeance.depart.isoformat(),
                "duree": str(echeance.duree),
                "zone": echeance.zone.value,
                "echeance_brute": echeance.echeance_brute.isoformat(),
                "echeance": echeance.echeance.isoformat(),
                "motif_report": echeance.motif_report,
            },
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        print()
        return 0
    print(f"Délai de {echeance.duree} à compter du {date_longue(depart)} :")
    if echeance.motif_report:
        print(f"  échéance le {date_longue(echeance.echeance_brute)}, reportée ({echeance.motif_report})")
        print(f"  au {date_longue(echeance.echeance)}, minuit (art. 642 CPC).")
    else:
        print(f"  expire le {date_longue(echeance.echeance)} à minuit.")
    return 0
