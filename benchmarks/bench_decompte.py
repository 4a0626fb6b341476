"""Figures for the décompte of a big dossier (issue 18, target 2). Prints, asserts nothing.

    python benchmarks/bench_decompte.py [--tailles 100,500,2000] [--repetitions 5] [--avant REV] [--arriere]

A dossier of N invoices and N partial payments, as a customer who pays every invoice late and in
pieces writes it: N invoices spread over eleven years (the half-years the rate tables know), each
followed, three invoices later, by a payment of 60 % or 145 % of it (so that the oldest invoices
keep being paid off, art. 1342-10 C. civ., and a payment finds a few invoices running whatever N),
one payment in ten naming its invoice, one invoice in five at a contractual rate. The interest
lines (cut at every payment date, for every invoice running then) are printed with the times;
--arriere draws a customer who never catches up instead: there the lines, the output, grow as N × N.

Measures the décompte in process (domain.decompte.calculer_decompte, median of the runs) and
`recouvrement decompte REF --json` in a subprocess (median), each next to an anchor measured in
the same run: the décompte of a one-invoice dossier and sum(range(10**6)) in process, `python -c
pass` for the command line (compiled modules cached, as installed). Prints the growth
between sizes: a linear engine gives about ×4 from 500 to 2,000.
Target (issue 18): 500 × 500 ≤ 100 ms in process and ≤ 0.5 s through `decompte --json`.
With --avant REV, the in-process figures of the code at REV (git archive) follow, with their anchor.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

RACINE_PROJET = Path(__file__).resolve().parent.parent
# --avant runs this file again on an older tree, named by RECOUVREMENT_CODE.
sys.path.insert(0, os.environ.get("RECOUVREMENT_CODE") or str(RACINE_PROJET))

from recouvrement_tui.domain.conditions import ConditionsDecompte  # noqa: E402
from recouvrement_tui.domain.decompte import calculer_decompte  # noqa: E402
from recouvrement_tui.domain.model import Creance, Paiement  # noqa: E402
from recouvrement_tui.services.dossiers import ServiceDossiers  # noqa: E402

AUJOURDHUI = dt.date(2026, 11, 23)
DEBITEUR = {"nom": "Menuiserie Durand", "forme_juridique": "SARL", "siren": "732 829 320",
            "adresse1": "12 rue de la République", "code_postal": "69002", "ville": "Lyon"}


def pieces(n: int, graine: int = 18) -> tuple[list[Creance], list[Paiement]]:
    """N invoices over eleven years and N partial payments, each three invoices after its own."""
    alea = random.Random(graine)
    debut = dt.date(2015, 6, 1)
    pas = 4000 / n
    delai = dt.timedelta(days=max(1, int(3 * pas)))
    creances, paiements = [], []
    for i in range(n):
        echeance = debut + dt.timedelta(days=int(i * pas))
        montant = (Decimal(alea.randint(20_000, 800_000)) / 100).quantize(Decimal("0.01"))  # as stored
        contractuel = Decimal("15") if alea.random() < 0.2 else None
        creances.append(Creance(f"FA-{i:05d}", echeance - dt.timedelta(days=30), echeance, montant,
                                taux_contractuel=contractuel, id=f"c{i:05d}"))
        part = Decimal("0.60") if i % 2 == 0 else Decimal("1.45")
        paye = (montant * part + 40).quantize(Decimal("0.01"))
        designe = f"c{i:05d}" if alea.random() < 0.1 else None
        paiements.append(Paiement(echeance + delai, paye, creance_id=designe, id=f"p{i:05d}"))
    return creances, paiements


def pieces_arriere(n: int, graine: int = 1) -> tuple[list[Creance], list[Paiement]]:
    """--arriere: N invoices and N smaller payments interleaved over three years, so that the
    arrears grow and most invoices run until the end: interest lines grow as N × N (every running
    invoice has a line cut at every payment date), and so must the time."""
    alea = random.Random(graine)
    debut = dt.date(2024, 1, 1)
    duree = (AUJOURDHUI - debut).days
    creances, paiements = [], []
    for i in range(n):
        echeance = debut + dt.timedelta(days=i * duree // (n + 1))
        montant = (Decimal(alea.randint(10_000, 500_000)) / 100).quantize(Decimal("0.01"))
        creances.append(Creance(f"FA-{i:05d}", echeance - dt.timedelta(days=30), echeance, montant, id=f"c{i:05d}"))
    for j in range(n):
        jour = debut + dt.timedelta(days=10 + j * duree // (n + 1))
        montant = (Decimal(alea.randint(5_000, 400_000)) / 100).quantize(Decimal("0.01"))
        paiements.append(Paiement(jour, montant, id=f"p{j:05d}"))
    return creances, paiements


def _median(fonction, repetitions: int) -> float:
    durees = []
    for _ in range(repetitions):
        debut = time.perf_counter()
        fonction()
        durees.append(time.perf_counter() - debut)
    _MINIMA.append(min(durees))
    return statistics.median(durees)


_MINIMA: list[float] = []  # the fastest run of each measure, printed beside the median


def _ecrire_dossier(racine: Path, n: int, arriere: bool) -> str:
    service = ServiceDossiers(racine, aujourdhui=lambda: AUJOURDHUI, auteur="bench", fsync=False)
    dossier = service.creer_dossier(DEBITEUR)
    creances, paiements = (pieces_arriere if arriere else pieces)(n)
    dossier = dataclasses.replace(dossier, creances=tuple(creances), paiements=tuple(paiements))
    service.enregistrer(dossier)
    return dossier.reference


def main() -> None:
    parseur = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parseur.add_argument("--tailles", default="100,500,2000")
    parseur.add_argument("--repetitions", type=int, default=5)
    parseur.add_argument("--sans-cli", action="store_true", help="only the in-process décompte")
    parseur.add_argument("--avant", metavar="REV", help="also the in-process figures of the code at REV")
    parseur.add_argument("--arriere", action="store_true",
                         help="growing arrears: lines (and time) grow as invoices × payments, see pieces_arriere")
    args = parseur.parse_args()
    tailles = [int(t) for t in args.tailles.split(",")]
    from recouvrement_tui.storage.taux import charger_taux

    with tempfile.TemporaryDirectory() as dossier_temporaire:
        racine = Path(dossier_temporaire) / "dossiers"
        taux = charger_taux(racine)
        conditions = ConditionsDecompte()
        une = pieces(1)
        ancre = _median(lambda: calculer_decompte(*une, conditions, taux, AUJOURDHUI), max(args.repetitions, 20))
        print(f"anchor in process: décompte of a 1-invoice, 1-payment dossier {ancre * 1000:.2f} ms")
        ancre_cpu = _median(lambda: sum(range(10**6)), max(args.repetitions, 5))
        print(f"anchor CPU: sum(range(10**6)) {ancre_cpu * 1000:.1f} ms (about 12 ms on an idle core)")
        # Compiled modules kept (in a temporary folder) as an installed package has them, even when
        # the environment says PYTHONDONTWRITEBYTECODE: else every run would compile the whole CLI.
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(PYTHONPATH=os.environ.get("RECOUVREMENT_CODE") or str(RACINE_PROJET),
                   PYTHONPYCACHEPREFIX=str(Path(dossier_temporaire) / "pycache"))
        if not args.sans_cli:
            ancre_cli = _median(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True, env=env),
                                args.repetitions)
            print(f"anchor CLI: python -c pass {ancre_cli * 1000:.0f} ms")
        resultats = []
        for n in tailles:
            creances, paiements = (pieces_arriere if args.arriere else pieces)(n)
            d = calculer_decompte(creances, paiements, conditions, taux, AUJOURDHUI)
            en_process = _median(lambda c=creances, p=paiements: calculer_decompte(c, p, conditions, taux, AUJOURDHUI),
                                 args.repetitions)
            ligne = (f"{n:>5} invoices × {n:>5} payments: {len(d.lignes):>6} interest lines, "
                     f"{len(d.imputations):>5} imputations; in process {en_process * 1000:8.1f} ms (min {_MINIMA[-1] * 1000:.1f}) "
                     f"({en_process / ancre:7.0f} × anchor)")
            cli = None
            if not args.sans_cli:
                reference = _ecrire_dossier(racine, n, args.arriere)
                commande = [sys.executable, "-m", "recouvrement_tui", "decompte", reference, "--json",
                            "--au", AUJOURDHUI.isoformat(), "--dossiers", str(racine)]
                taille_json = len(subprocess.run(commande, check=True, capture_output=True, env=env).stdout)
                cli = _median(lambda c=commande: subprocess.run(c, check=True, stdout=subprocess.DEVNULL, env=env),
                              args.repetitions)
                ligne += f"; CLI --json {cli * 1000:7.0f} ms (min {_MINIMA[-1] * 1000:.0f}; {taille_json / 1e6:.1f} MB)"
            ligne += f"; CPU anchor now {_median(lambda: sum(range(10**6)), 3) * 1000:.1f} ms"
            print(ligne, flush=True)
            resultats.append((n, en_process, cli))
        for (n1, p1, c1), (n2, p2, c2) in zip(resultats, resultats[1:]):
            texte = f"growth {n1} -> {n2} (×{n2 / n1:g} in size): in process ×{p2 / p1:.1f}"
            if c1 is not None and c2 is not None:
                texte += f", CLI ×{c2 / c1:.1f} (CLI minus the python -c pass anchor: ×{(c2 - ancre_cli) / (c1 - ancre_cli):.1f})"
            print(texte)
    if args.avant:
        _avant(args.avant, args.tailles, args.repetitions, args.arriere)


def _avant(revision: str, tailles: str, repetitions: int, arriere: bool) -> None:
    with tempfile.TemporaryDirectory() as arbre:
        archive = subprocess.run(["git", "-C", str(RACINE_PROJET), "archive", revision, "recouvrement_tui"],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", arbre], input=archive, check=True)
        print(f"--- the code at {revision}, in process:", flush=True)
        options = ["--tailles", tailles, "--repetitions", str(repetitions), "--sans-cli"] + (["--arriere"] if arriere else [])
        subprocess.run([sys.executable, __file__, *options], check=True, env=dict(os.environ, RECOUVREMENT_CODE=arbre))


if __name__ == "__main__":
    main()
