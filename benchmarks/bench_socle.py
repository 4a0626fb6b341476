"""Figures for the foundation at 10,000 dossiers (issue 3). Prints, asserts nothing.

    python benchmarks/bench_socle.py [--nombre 10000] [--garder CHEMIN]

Measures:
  - writing N demo dossiers, and the first opening that builds index.json;
  - cold start to an interactive list, headless, in a fresh interpreter (imports included),
    and the peak memory of that process;
  - one filter keystroke to updated table (each includes Textual's wait for the next
    frame, ~20 ms here, as a real terminal does);
  - saving one edited dossier (the real save: lock, revision check, atomic write, fsync);
  - the same edit with all dossiers in one TinyDB file, for comparison.
Targets (issue 3, 2 cores): list ≤ 1.0 s, keystroke ≤ 100 ms, save ≤ 5 ms, memory ≤ 250 MB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RACINE_PROJET = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE_PROJET))

AUJOURDHUI = dt.date(2026, 11, 23)

# Runs in a fresh interpreter so that imports and start-up are really cold.
DEMARRAGE_A_FROID = r"""
import time
t0 = time.perf_counter()
import asyncio, datetime as dt, json, resource, statistics, sys
from pathlib import Path
from recouvrement_tui.services.dossiers import ServiceDossiers
from recouvrement_tui.ui.app import RecouvrementApp
from recouvrement_tui.ui.widgets.table_dossiers import TableDossiers
from textual.widgets import Input

racine = Path(sys.argv[1])

async def main():
    app = RecouvrementApp(ServiceDossiers(racine, aujourdhui=lambda: dt.date(2026, 11, 23)))
    async with app.run_test(size=(140, 45)) as pilot:
        # Interactive: the list screen is mounted with its rows and the first frame drawn.
        while True:
            try:
                table = app.screen.query_one(TableDossiers)
                if table.toutes_les_lignes:
                    break
            except Exception:
                pass
            await pilot.pause()
        await app.wait_for_refresh()
        interactif = time.perf_counter() - t0
        await app.workers.wait_for_complete()
        verifie = time.perf_counter() - t0
        filtre = app.screen.query_one("#filtre", Input)
        debut = time.perf_counter()
        await pilot.press("slash")  # what the user presses to reach the filter
        await pilot.pause()
        focus = time.perf_counter() - debut
        frappes = []
        sequence = ("d", "du", "dur", "dura", "duran", "durand", "", "7", "73", "732", "", "2026-00", "")
        for texte in sequence * 3:
            debut = time.perf_counter()
            filtre.value = texte
            await pilot.pause()
            frappes.append(time.perf_counter() - debut)
        visibles = len(table.lignes_visibles)
    memoire = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"interactif": interactif, "verifie": verifie, "frappes": frappes, "focus": focus,
                      "memoire_mo": memoire, "lignes": len(table.toutes_les_lignes)}))

asyncio.run(main())
"""


def mesurer(fonction, repetitions: int) -> list[float]:
    durees = []
    for i in range(repetitions):
        debut = time.perf_counter()
        fonction(i)
        durees.append(time.perf_counter() - debut)
    return durees


def ms(secondes: float) -> str:
    return f"{secondes * 1000:.1f} ms"


def resume(durees: list[float]) -> str:
    durees = sorted(durees)
    p95 = durees[int(len(durees) * 0.95) - 1] if len(durees) >= 20 else durees[-1]
    return f"médiane {ms(statistics.median(durees))}, p95 {ms(p95)}, max {ms(durees[-1])}"


def main() -> None:
    parseur = argparse.ArgumentParser(description="Mesures du socle à N dossiers.")
    parseur.add_argument("--nombre", type=int, default=10_000)
    parseur.add_argument("--garder", type=Path, help="écrire les dossiers ici et les garder")
    args = parseur.parse_args()

    from recouvrement_tui.demo import ecrire_demo
    from recouvrement_tui.services.dossiers import ServiceDossiers

    racine = args.garder or Path(tempfile.mkdtemp(prefix="bench-socle-")) / "dossiers"
    print(f"{args.nombre} dossiers dans {racine}")

    debut = time.perf_counter()
    references = ecrire_demo(racine, args.nombre, graine=1, aujourdhui=AUJOURDHUI)
    print(f"écriture des dossiers de démonstration : {time.perf_counter() - debut:.1f} s")

    (racine / "index.json").unlink()
    debut = time.perf_counter()
    service = ServiceDossiers(racine, aujourdhui=lambda: AUJOURDHUI)
    service.resumes_actualises()
    print(f"ouverture sans index.json (chaque dossier relu, index reconstruit) : {time.perf_counter() - debut:.2f} s")
    debut = time.perf_counter()
    ServiceDossiers(racine, aujourdhui=lambda: AUJOURDHUI).resumes_actualises()
    print(f"vérification de l'index contre les 10 000 dossiers : {time.perf_counter() - debut:.2f} s")

    froids = []
    for _ in range(3):
        sortie = subprocess.run(
            [sys.executable, "-c", DEMARRAGE_A_FROID, str(racine)],
            capture_output=True, text=True, cwd=RACINE_PROJET, check=True,
        )
        froids.append(json.loads(sortie.stdout.strip().splitlines()[-1]))
    print(
        "démarrage à froid jusqu'à la liste interactive (sans terminal, imports compris) : "
        + ", ".join(f"{f['interactif']:.2f} s" for f in froids)
        + f"  (cible ≤ 1,0 s ; {froids[0]['lignes']} lignes)"
    )
    print("  liste vérifiée contre les dossiers (en tâche de fond) : " + ", ".join(f"{f['verifie']:.2f} s" for f in froids))
    frappes = [d for f in froids for d in f["frappes"]]
    print(f"frappe dans le filtre jusqu'au tableau à jour : {resume(frappes)}  (cible ≤ 100 ms)")
    print("  touche / (aller au filtre) : " + ", ".join(ms(f["focus"]) for f in froids))
    print("  détail (ms) du premier démarrage : " + " ".join(f"{d * 1000:.0f}" for d in froids[0]["frappes"]))
    print(f"mémoire maximale du processus : {max(f['memoire_mo'] for f in froids):.0f} Mo  (cible ≤ 250 Mo)")

    # Save of one edited dossier, through the service as the TUI does (lock, revision check,
    # atomic write with fsync, index update in memory).
    echantillon = references[:: max(1, len(references) // 200)][:200]
    dossiers = [service.charger(r) for r in echantillon]
    durees = mesurer(lambda i: service.ajouter_note(dossiers[i], "Appel du débiteur : paiement annoncé."), len(dossiers))
    print(f"enregistrement d'un dossier modifié ({len(dossiers)} essais, fsync compris) : {resume(durees)}  (cible ≤ 5 ms)")

    comparer_tinydb_unique(racine, echantillon)


def comparer_tinydb_unique(racine: Path, echantillon: list[str]) -> None:
    """The same edit with every dossier held in a single TinyDB file (the rejected design)."""
    from tinydb import Query, TinyDB

    from recouvrement_tui.storage.dossiers import DepotDossiers

    depot = DepotDossiers(racine)
    fichier = racine.parent / "tous.json"
    documents = [depot.lire_brut(r) | {"reference": r} for r in depot.references()]
    with TinyDB(fichier) as db:
        db.insert_multiple(documents)
    taille = fichier.stat().st_size / 1e6
    Q = Query()
    with TinyDB(fichier) as db:
        durees = mesurer(
            lambda i: db.update({"note": f"modification {i}"}, Q.reference == echantillon[i]), min(10, len(echantillon))
        )
    print(f"même modification dans un seul fichier TinyDB ({taille:.0f} Mo) : {resume(durees)}")


if __name__ == "__main__":
    main()
