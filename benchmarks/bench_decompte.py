"""Figures for the décompte of a big dossier (issue 18, target 2). Prints, asserts nothing.

    python benchmarks/bench_decompte.py [--tailles 100,500,2000] [--repetitions 5] [--avant REV]

A dossier of N invoices and N partial payments, as a customer who pays every invoice late and in
pieces writes it: one invoice every few days over three years, each followed by a payment of 60 %
or 145 % of it (so that the oldest invoices keep being paid off, art. 1342-10 C. civ.), one payment
in ten naming its invoice, one invoice in five at a contractual rate. Measures the décompte in
process (domain.decompte.calculer_decompte, median of the runs) and `recouvrement decompte REF
--json` in a subprocess (median), each next to an anchor measured in the same run: the décompte
of a one-invoice dossier in process, `python -c pass` for the command line. Prints the growth
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
    """N invoices over three years and N partial payments, each 12 days after its invoice's due date."""
    alea = random.Random(graine)
    debut = dt.date(2023, 11, 1)
    pas = 1080 / n
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
        paiements.append(Paiement(echeance + dt.timedelta(days=12), paye, creance_id=designe, id=f"p{i:05d}"))
    return creances, paiements


def _median(fonction, repetitions: int) -> float:
    durees = []
    for _ in range(repetitions):
        debut = time.perf_counter()
        fonction()
        durees.append(time.perf_counter() - debut)
    return statistics.median(durees)


def _ecrire_dossier(racine: Path, n: int) -> str:
    service = ServiceDossiers(racine, aujourdhui=lambda: AUJOURDHUI, auteur="bench", fsync=False)
    dossier = service.creer_dossier(DEBITEUR)
    creances, paiements = pieces(n)
    dossier = dataclasses.replace(dossier, creances=tuple(creances), paiements=tuple(paiements))
    service.enregistrer(dossier)
    return dossier.reference


def main() -> None:
    parseur = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parseur.add_argument("--tailles", default="100,500,2000")
    parseur.add_argument("--repetitions", type=int, default=5)
    parseur.add_argument("--sans-cli", action="store_true", help="only the in-process décompte")
    parseur.add_argument("--avant", metavar="REV", help="also the in-process figures of the code at REV")
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
        env = dict(os.environ, PYTHONPATH=str(RACINE_PROJET))
        if not args.sans_cli:
            ancre_cli = _median(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), args.repetitions)
            print(f"anchor CLI: python -c pass {ancre_cli * 1000:.0f} ms")
        resultats = []
        for n in tailles:
            creances, paiements = pieces(n)
            d = calculer_decompte(creances, paiements, conditions, taux, AUJOURDHUI)
            en_process = _median(lambda c=creances, p=paiements: calculer_decompte(c, p, conditions, taux, AUJOURDHUI),
                                 args.repetitions)
            ligne = (f"{n:>5} invoices × {n:>5} payments: {len(d.lignes):>6} interest lines, "
                     f"{len(d.imputations):>5} imputations; in process {en_process * 1000:8.1f} ms "
                     f"({en_process / ancre:7.0f} × anchor)")
            cli = None
            if not args.sans_cli:
                reference = _ecrire_dossier(racine, n)
                commande = [sys.executable, "-m", "recouvrement_tui", "decompte", reference, "--json",
                            "--au", AUJOURDHUI.isoformat(), "--dossiers", str(racine)]
                taille_json = len(subprocess.run(commande, check=True, capture_output=True, env=env).stdout)
                cli = _median(lambda c=commande: subprocess.run(c, check=True, stdout=subprocess.DEVNULL, env=env),
                              args.repetitions)
                ligne += f"; CLI --json {cli * 1000:7.0f} ms ({taille_json / 1e6:.1f} MB)"
            print(ligne, flush=True)
            resultats.append((n, en_process, cli))
        for (n1, p1, c1), (n2, p2, c2) in zip(resultats, resultats[1:]):
            texte = f"growth {n1} -> {n2} (×{n2 / n1:g} in size): in process ×{p2 / p1:.1f}"
            if c1 is not None and c2 is not None:
                texte += f", CLI ×{c2 / c1:.1f} (CLI minus the python -c pass anchor: ×{(c2 - ancre_cli) / (c1 - ancre_cli):.1f})"
            print(texte)
    if args.avant:
        _avant(args.avant, args.tailles, args.repetitions)


def _avant(revision: str, tailles: str, repetitions: int) -> None:
    with tempfile.TemporaryDirectory() as arbre:
        archive = subprocess.run(["git", "-C", str(RACINE_PROJET), "archive", revision, "recouvrement_tui"],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", arbre], input=archive, check=True)
        print(f"--- the code at {revision}, in process:", flush=True)
        subprocess.run([sys.executable, __file__, "--tailles", tailles, "--repetitions", str(repetitions), "--sans-cli"],
                       check=True, env=dict(os.environ, RECOUVREMENT_CODE=arbre))


if __name__ == "__main__":
    main()
