"""Figures for documents (issue 6). Prints, asserts nothing.

    python benchmarks/bench_documents.py [--nombre 1000]

Measures, on a data folder of N dossiers each owing three overdue invoices:
  - one mise en demeure, end to end as the user triggers it (décompte, context, rendering,
    new version file with fsync, journal entry saved): median and worst of 20;
  - the same split into its parts (context, rendering alone);
  - the day's batch `relances --au`: N reminders, one per debtor, journaled.
Targets (issue 6, 2 cores): one mise en demeure ≤ 100 ms; 1,000 reminders ≤ 60 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from recouvrement_tui.demo import creancier_demo
from recouvrement_tui.documents.rendu import rendre
from recouvrement_tui.domain.model import Adresse, Creance, Debiteur
from recouvrement_tui.domain.parametres import Parametres
from recouvrement_tui.services.dossiers import ServiceDossiers
from recouvrement_tui.storage.parametres import enregistrer_parametres

AUJOURDHUI = dt.date(2026, 11, 23)


def preparer(racine: Path, nombre: int) -> ServiceDossiers:
    """N dossiers, each a company owing three invoices due in September and October 2026."""
    enregistrer_parametres(racine, Parametres(creancier=creancier_demo()))
    service = ServiceDossiers(racine, aujourdhui=lambda: AUJOURDHUI, auteur="bench", fsync=False)
    quand = dt.datetime(2026, 11, 23, 9)
    for i in range(nombre):
        debiteur = Debiteur(
            nom=f"Société Exemple {i:04d}",
            forme_juridique="SAS",
            siren="732829320",
            adresse=Adresse(("12 rue de la République",), "69002", "Lyon"),
        )
        dossier = service.depot.creer(debiteur, "bench", quand)
        for n, (facture, echeance) in enumerate(
            ((dt.date(2026, 8, 1), dt.date(2026, 9, 1)), (dt.date(2026, 8, 20), dt.date(2026, 9, 20)),
             (dt.date(2026, 9, 10), dt.date(2026, 10, 10)))
        ):
            creance = Creance(f"FA-{i:04d}-{n}", facture, echeance, Decimal("1234.56") + n * 100)
            dossier = dossier.ajouter_creance(creance, "bench", quand)
        service.depot.enregistrer(dossier)
    return ServiceDossiers(racine, aujourdhui=lambda: AUJOURDHUI, auteur="bench")  # real fsync from here


def main() -> None:
    parseur = argparse.ArgumentParser()
    parseur.add_argument("--nombre", type=int, default=1000)
    args = parseur.parse_args()
    print(f"Machine : {os.cpu_count()} cœurs ; Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as dossier:
        racine = Path(dossier) / "dossiers"
        t = time.perf_counter()
        service = preparer(racine, args.nombre)
        print(f"Préparation de {args.nombre} dossiers : {time.perf_counter() - t:.1f} s")

        reference = service.resumes_actualises()[0].reference
        service.documents.generer(service.charger(reference), "mise_en_demeure")  # warm-up (imports, rates)
        durees, contextes, rendus = [], [], []
        for _ in range(20):
            dossier = service.charger(reference)
            t = time.perf_counter()
            service.documents.generer(dossier, "mise_en_demeure")
            durees.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            contexte = service.documents.contexte(dossier, AUJOURDHUI)
            contextes.append((time.perf_counter() - t) * 1000)
            gabarit = service.documents.modeles.lire("mise_en_demeure")
            t = time.perf_counter()
            rendre(gabarit, contexte, "mise en demeure")
            rendus.append((time.perf_counter() - t) * 1000)
        print(
            f"Une mise en demeure (décompte, rendu, fichier, journal, fsync) : médiane {statistics.median(durees):.0f} ms, "
            f"max {max(durees):.0f} ms  [cible ≤ 100 ms]"
        )
        print(f"  dont contexte (décompte compris) : {statistics.median(contextes):.0f} ms ; "
              f"rendu docxtpl seul : {statistics.median(rendus):.0f} ms")

        t = time.perf_counter()
        rapport = service.documents.preparer_relances(AUJOURDHUI)
        duree = time.perf_counter() - t
        n = len(rapport.prepares)
        print(
            f"Lot de relances : {n} courriers préparés, {len(rapport.deja_prepares)} déjà prêts, "
            f"{len(rapport.erreurs)} échecs en {duree:.1f} s ({duree / max(n, 1) * 1000:.0f} ms par courrier)  "
            f"[cible : 1 000 en ≤ 60 s]"
        )


if __name__ == "__main__":
    main()
