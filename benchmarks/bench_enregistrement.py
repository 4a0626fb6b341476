"""What saving a dossier costs beyond the disk's own work, by dossier size (issue 18, target 6).

    python benchmarks/bench_enregistrement.py [--repetitions 15] [--tailles 10,100,1000,5000]

For dossiers of 10, 100, 1,000 and 5,000 records (journal entries, invoices and payments), each
save adds one note to the journal and saves through DepotDossiers.enregistrer (the real save:
lock, revision and journal checks, encoding, atomic write with fsync, directory fsync). Printed:
the median CPU time of that save (time.process_time: this process's user + system time), and in
the same run the anchor: writing the same number of bytes to a plain file with write + fsync +
rename + directory fsync, the floor no save can go under. The difference is what the save adds
(target: ≤ 2 ms whatever the size). Also the first save after loading (the CLI's `noter`: one
load, one save), and the load itself, for information. Prints, asserts nothing.
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

from recouvrement_tui.domain.etapes import TypeEvenement  # noqa: E402
from recouvrement_tui.domain.model import Creance, Debiteur, Dossier, EvenementJournal, Paiement  # noqa: E402
from recouvrement_tui.storage.dossiers import DepotDossiers  # noqa: E402

DEBUT = dt.datetime(2024, 1, 2, 9, 0)


def dossier_de(taille: int) -> Dossier:
    """`taille` records: 60 % journal entries, 20 % invoices, 20 % payments (at least one of each)."""
    n_creances = max(1, taille // 5)
    n_paiements = max(1, taille // 5)
    n_journal = max(1, taille - n_creances - n_paiements)
    creances = tuple(
        Creance(f"F-{i:05d}", dt.date(2024, 1, 1) + dt.timedelta(days=i % 600),
                dt.date(2024, 2, 1) + dt.timedelta(days=i % 600), Decimal("1234.56") + i, objet=f"Livraison n° {i} — été")
        for i in range(n_creances)
    )
    paiements = tuple(
        Paiement(dt.date(2024, 3, 1) + dt.timedelta(days=i % 600), Decimal("100.00") + i, creance_id=creances[i % n_creances].id,
                 commentaire=f"Virement reçu {i}")
        for i in range(n_paiements)
    )
    journal = tuple(
        EvenementJournal(DEBUT + dt.timedelta(minutes=i), "Camille Martin", TypeEvenement.NOTE,
                         f"Appel du débiteur n° {i} : promet de payer « bientôt ».")
        for i in range(n_journal)
    )
    return Dossier(reference="", cree_le=DEBUT.date(), debiteur=Debiteur(nom="Société Générale de Négoce"),
                   creances=creances, paiements=paiements, journal=journal)


def ancre(dossier: Path, taille: int) -> float:
    """CPU time of writing `taille` bytes the way an atomic save does: temp file, write, fsync,
    rename over the target, directory fsync."""
    contenu = b"x" * taille
    cible = dossier / "ancre.json"
    debut = time.process_time()
    temporaire = dossier / ".ancre.json.tmp"
    fd = os.open(temporaire, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        os.write(fd, contenu)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(temporaire, cible)
    dfd = os.open(dossier, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(dfd)
    finally:
        os.close(dfd)
    return time.process_time() - debut


def mesurer(taille: int, repetitions: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="bench_enregistrement_") as temporaire:
        depot = DepotDossiers(Path(temporaire))
        reference = depot.importer(dossier_de(taille)).reference
        octets = depot.fichier(reference).stat().st_size

        premiers, chargements, sauvegardes, ancres = [], [], [], []
        for _ in range(repetitions):
            # The CLI's case: a fresh process loads the dossier, adds a note, saves once.
            frais = DepotDossiers(Path(temporaire))
            debut = time.process_time()
            dossier = frais.charger(reference)
            chargements.append(time.process_time() - debut)
            dossier = dossier.noter(TypeEvenement.NOTE, "Relance faite.", "bench", dt.datetime(2026, 11, 23, 10))
            debut = time.process_time()
            frais.enregistrer(dossier)
            premiers.append(time.process_time() - debut)
        dossier = depot.charger(reference)
        for i in range(repetitions):
            # The TUI's case: the dossier stays open and each edit saves.
            dossier = dossier.noter(TypeEvenement.NOTE, f"Note {i}.", "bench", dt.datetime(2026, 11, 23, 11))
            debut = time.process_time()
            dossier = depot.enregistrer(dossier)
            sauvegardes.append(time.process_time() - debut)
            ancres.append(ancre(Path(temporaire), depot.fichier(reference).stat().st_size))
        return {
            "octets": octets,
            "chargement": statistics.median(chargements) * 1000,
            "premier": statistics.median(premiers) * 1000,
            "sauvegarde": statistics.median(sauvegardes) * 1000,
            "ancre": statistics.median(ancres) * 1000,
        }


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--repetitions", type=int, default=15)
    options.add_argument("--tailles", default="10,100,1000,5000")
    args = options.parse_args()
    print(f"CPU time (time.process_time), median of {args.repetitions}; anchor = write + fsync + rename + "
          "directory fsync of as many bytes, same run")
    print(f"{'records':>8} {'bytes':>10} {'load':>9} {'1st save':>9} {'save':>9} {'anchor':>9} {'save-anchor':>12} "
          f"{'save/anchor':>12}")
    for taille in (int(t) for t in args.tailles.split(",")):
        r = mesurer(taille, args.repetitions)
        print(f"{taille:>8} {r['octets']:>10,.0f} {r['chargement']:>7.2f}ms {r['premier']:>7.2f}ms "
              f"{r['sauvegarde']:>7.2f}ms {r['ancre']:>7.2f}ms {r['sauvegarde'] - r['ancre']:>+10.2f}ms "
              f"{r['sauvegarde'] / r['ancre'] if r['ancre'] else float('nan'):>11.1f}x")


if __name__ == "__main__":
    main()
