"""Figures for documents (issues 6 and 18). Prints, asserts nothing.

    python benchmarks/bench_documents.py [--nombre 1000]

Measures, on data folders of dossiers each owing three overdue invoices:
  - one mise en demeure, end to end as the user triggers it (décompte, context, rendering,
    new version file with fsync, journal entry saved): median and worst over 20 dossiers;
  - the same split into its parts (context, rendering alone, and rendering the old way:
    docxtpl whole, then the zip rewritten);
  - an anchor measured in the same run: python-docx opening and saving the template, nothing
    else (the machine is shared: compare ratios to the anchor, not raw times, between runs);
  - the day's batch `relances --au`: N reminders, one per debtor, journaled, on every core,
    with the resident memory of each worker process after 100, 500 and 1,000 letters.
Targets (issue 18, 2 cores): one mise en demeure ≤ 30 ms; 1,000 reminders ≤ 30 s; workers'
memory flat.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from docx import Document

from recouvrement_tui.demo import creancier_demo
from recouvrement_tui.documents.rendu import _rendre_docxtpl, rendre
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
            # Amounts differ from one dossier to the next: nothing a cache kept for one letter serves the next.
            creance = Creance(f"FA-{i:04d}-{n}", facture, echeance, Decimal("1234.56") + n * 100 + Decimal(i) / 100)
            dossier = dossier.ajouter_creance(creance, "bench", quand)
        service.depot.enregistrer(dossier)
    return ServiceDossiers(racine, aujourdhui=lambda: AUJOURDHUI, auteur="bench")  # real fsync from here


def _rss_des_travailleurs() -> list[int]:
    """Resident memory (MB) of this process's worker processes (Linux /proc), largest first."""
    tailles = []
    for entree in os.listdir("/proc"):
        if not entree.isdigit():
            continue
        try:
            with open(f"/proc/{entree}/stat") as f:
                parent = int(f.read().rsplit(")", 1)[1].split()[1])
            if parent != os.getpid():
                continue
            with open(f"/proc/{entree}/cmdline", "rb") as f:
                if b"resource_tracker" in f.read():
                    continue
            with open(f"/proc/{entree}/status") as f:
                rss = next(int(ligne.split()[1]) for ligne in f if ligne.startswith("VmRSS:"))
            tailles.append(rss // 1024)
        except (OSError, ValueError, IndexError, StopIteration):
            continue
    return sorted(tailles, reverse=True)


def _median_ms(fonction, fois: int = 20) -> float:
    durees = []
    for _ in range(fois):
        t = time.perf_counter()
        fonction()
        durees.append((time.perf_counter() - t) * 1000)
    return statistics.median(durees)


def une_lettre(racine: Path) -> None:
    service = preparer(racine, 21)
    references = [r.reference for r in service.resumes_actualises()]
    gabarit = service.documents.modeles.lire("mise_en_demeure")

    def ancre() -> None:  # python-docx alone: open the template, save it
        Document(io.BytesIO(gabarit)).save(io.BytesIO())

    service.documents.generer(service.charger(references[0]), "mise_en_demeure")  # warm-up (imports, rates)
    ancre()
    durees, contextes, rendus, anciens = [], [], [], []
    for reference in references[1:]:  # one letter per dossier, as a user makes them
        dossier = service.charger(reference)
        t = time.perf_counter()
        service.documents.generer(dossier, "mise_en_demeure")
        durees.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        contexte = service.documents.contexte(dossier, AUJOURDHUI)
        contextes.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        rendre(gabarit, contexte, "mise en demeure")
        rendus.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        _rendre_docxtpl(gabarit, contexte)
        anciens.append((time.perf_counter() - t) * 1000)
    print(f"Ancre : python-docx ouvre et enregistre le modèle : médiane {_median_ms(ancre):.1f} ms")
    print(
        f"Une mise en demeure (décompte, rendu, fichier, journal, fsync) : médiane {statistics.median(durees):.1f} ms, "
        f"max {max(durees):.0f} ms  [cible ≤ 30 ms]"
    )
    print(f"  dont contexte (décompte compris ; refait, donc sommes en lettres déjà connues) : "
          f"{statistics.median(contextes):.1f} ms ; "
          f"rendu : {statistics.median(rendus):.1f} ms (docxtpl entier puis zip réécrit, comme avant : "
          f"{statistics.median(anciens):.1f} ms)")


def lot(racine: Path, nombre: int) -> None:
    t = time.perf_counter()
    service = preparer(racine, nombre)
    print(f"Préparation de {nombre} dossiers : {time.perf_counter() - t:.1f} s")
    memoire: dict[int, list[int]] = {}

    def progression(rang: int, total: int) -> None:
        # Per slice of letters (services.documents.TRANCHE): the first report at or past each mark.
        for repere in (100, 500, 1000):
            if rang >= repere and repere not in memoire:
                memoire[repere] = _rss_des_travailleurs()

    charge = os.getloadavg()[0]
    t = time.perf_counter()
    rapport = service.documents.preparer_relances(AUJOURDHUI, progression)
    duree = time.perf_counter() - t
    n = len(rapport.prepares)
    print(
        f"Lot de relances : {n} courriers préparés, {len(rapport.deja_prepares)} déjà prêts, "
        f"{len(rapport.erreurs)} échecs en {duree:.1f} s ({duree / max(n, 1) * 1000:.0f} ms par courrier, "
        f"{os.cpu_count()} cœurs, charge de la machine {charge:.1f} avant)  [cible : 1 000 en ≤ 30 s]"
    )
    for repere, tailles in sorted(memoire.items()):
        print(f"  mémoire des processus de travail après {repere} courriers : "
              + (", ".join(f"{m} Mo" for m in tailles) or "aucun processus (lot en série)"))


def main() -> None:
    parseur = argparse.ArgumentParser()
    parseur.add_argument("--nombre", type=int, default=1000)
    args = parseur.parse_args()
    print(f"Machine : {os.cpu_count()} cœurs ; Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as dossier:
        une_lettre(Path(dossier) / "une")
        lot(Path(dossier) / "lot", args.nombre)


if __name__ == "__main__":
    main()
