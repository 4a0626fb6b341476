"""Cold start to an interactive list (issue 18, target 1). Prints, asserts nothing.

    python benchmarks/bench_demarrage.py [--nombres 10000,100000] [--essais 5] [--garder DOSSIER]

For each size, a data folder of N demo dossiers (with its index.json, as after a first
opening) is started in a fresh interpreter, headless, until the list is mounted with its rows
and its first frame drawn; the anchor is an empty Textual app with one Static, started the
same way in the same run. Also `recouvrement liste --json` at each size, next to `python -c pass`.
Targets: ≤ 0.5 s and ≤ 2 × the empty app at 10,000; ≤ 2 s and ≤ 250 MB at 100,000;
`liste --json` ≤ 0.5 s at 10,000.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RACINE_PROJET = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE_PROJET))

AUJOURDHUI = dt.date(2026, 11, 23)

# Each runs in a fresh interpreter, so that imports and start-up are really cold.
APP_VIDE = r"""
import time
t0 = time.perf_counter()
import asyncio, json, resource
from textual.app import App
from textual.widgets import Static

class Vide(App):
    def compose(self):
        yield Static("prêt")

async def main():
    app = Vide()
    async with app.run_test(size=(140, 45)) as pilot:
        await app.wait_for_refresh()
        pret = time.perf_counter() - t0
    print(json.dumps({"interactif": pret, "memoire_mo": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))

asyncio.run(main())
"""

LISTE = r"""
import time
t0 = time.perf_counter()
import gc
gc.disable()  # as `recouvrement` does (cli.principal.ouvrir_tui); the list turns it back on
import asyncio, datetime as dt, json, resource, sys
from pathlib import Path
from recouvrement_tui.services.dossiers import ServiceDossiers
from recouvrement_tui.ui.app import RecouvrementApp
from recouvrement_tui.ui.widgets.table_dossiers import TableDossiers

async def main():
    app = RecouvrementApp(ServiceDossiers(Path(sys.argv[1]), aujourdhui=lambda: dt.date(2026, 11, 23)))
    async with app.run_test(size=(140, 45)) as pilot:
        while True:  # interactive: the list mounted with its rows, its first frame drawn
            try:
                if app.screen.query_one(TableDossiers).toutes_les_lignes:
                    break
            except Exception:
                pass
            await pilot.pause(0.005)
        await app.wait_for_refresh()
        pret = time.perf_counter() - t0
        await app.workers.wait_for_complete()
        verifie = time.perf_counter() - t0
    print(json.dumps({"interactif": pret, "verifie": verifie,
                      "memoire_mo": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))

asyncio.run(main())
"""


# As on a user's machine, Python keeps the compiled modules (.pyc): this workplace sets
# PYTHONDONTWRITEBYTECODE, which would make every start compile the project's 160 modules again
# (about 80 ms that no installed copy pays). The first of the runs writes them.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"PYTHONPATH": str(RACINE_PROJET)}


def _lancer(code: str, *arguments: str) -> dict:
    sortie = subprocess.run([sys.executable, "-c", code, *arguments], capture_output=True, text=True, check=True,
                            cwd=RACINE_PROJET, env=ENV)
    return json.loads(sortie.stdout.strip().splitlines()[-1])


def _duree_commande(commande: list[str]) -> float:
    debut = time.perf_counter()
    subprocess.run(commande, capture_output=True, check=True, cwd=RACINE_PROJET, env=ENV)
    return time.perf_counter() - debut


def _preparer(racine: Path, nombre: int) -> None:
    from recouvrement_tui.demo import ecrire_demo
    from recouvrement_tui.services.dossiers import ServiceDossiers

    if (racine / "index.json").exists():
        return
    debut = time.perf_counter()
    ecrire_demo(racine, nombre, graine=17, aujourdhui=AUJOURDHUI)
    ServiceDossiers(racine, aujourdhui=lambda: AUJOURDHUI).resumes_actualises()  # index.json as after a first opening
    print(f"  {nombre} dossiers de démonstration écrits en {time.perf_counter() - debut:.0f} s")


def main() -> None:
    parseur = argparse.ArgumentParser()
    parseur.add_argument("--nombres", default="10000,100000")
    parseur.add_argument("--essais", type=int, default=5)
    parseur.add_argument("--garder", type=Path, help="dossier où garder les jeux de données d'une exécution à l'autre")
    args = parseur.parse_args()
    base = args.garder or Path(tempfile.mkdtemp(prefix="bench-demarrage-"))
    for nombre in (int(n) for n in args.nombres.split(",")):
        racine = base / f"d{nombre}"
        _preparer(racine, nombre)
        vides, listes = [], []
        _lancer(APP_VIDE), _lancer(LISTE, str(racine))  # warm-up: compiled modules written, files in cache
        for _ in range(args.essais):  # interleaved: the machine's load hits both alike
            vides.append(_lancer(APP_VIDE))
            listes.append(_lancer(LISTE, str(racine)))
        vide = statistics.median(v["interactif"] for v in vides)
        liste = statistics.median(v["interactif"] for v in listes)
        verifie = statistics.median(v["verifie"] for v in listes)
        memoire = max(v["memoire_mo"] for v in listes)
        print(f"{nombre} dossiers ({args.essais} essais, médianes) :")
        print(f"  application Textual vide (ancre)          {vide * 1000:6.0f} ms")
        print(f"  liste interactive à froid                 {liste * 1000:6.0f} ms  = {liste / vide:.2f} × l'ancre"
              f"  (cible ≤ {'0,5 s et ≤ 2 ×' if nombre <= 10_000 else '2 s'})")
        print(f"  liste vérifiée contre les dossiers        {verifie * 1000:6.0f} ms  (en tâche de fond, la liste répond déjà)")
        print(f"  mémoire maximale                          {memoire:6.0f} Mo  (cible ≤ 250 Mo à 100 000)")
        passe = statistics.median(_duree_commande([sys.executable, "-c", "pass"]) for _ in range(args.essais))
        json_ = statistics.median(
            _duree_commande([sys.executable, "-m", "recouvrement_tui", "liste", "--json", "--dossiers", str(racine)])
            for _ in range(args.essais)
        )
        print(f"  python -c pass (ancre)                    {passe * 1000:6.0f} ms")
        print(f"  recouvrement liste --json                 {json_ * 1000:6.0f} ms  (cible ≤ 500 ms à 10 000)")


if __name__ == "__main__":
    main()
