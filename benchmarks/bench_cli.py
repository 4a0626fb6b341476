"""What a `recouvrement` command pays before doing anything: start-up and imports (issue 18, target 5).

    python benchmarks/bench_cli.py [--repetitions 15] [--top 12]

Prints the wall time of `recouvrement --help` (median of N runs, each a fresh process) next to,
in the same run, the anchors `python -c pass` (the interpreter and site, this venv's editable
install included) and `python -c "import argparse"` (the floor of any argparse command); then
the same for `liste --json`, `decompte` and `noter` on a small demo data folder. Then, for each
of these commands, `python -X importtime`'s top offenders: the modules whose import took longest
counting what they import in turn (cumulative), top-level imports first, and the total.
Target: `--help` ≤ 80 ms; a command imports only what it uses. Prints, asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RACINE_PROJET = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def commandes(donnees: Path, reference: str) -> dict[str, list[str]]:
    module = [PYTHON, "-m", "recouvrement_tui"]
    return {
        "recouvrement --help": [*module, "--help"],
        "recouvrement liste --json": [*module, "liste", "--json", "--dossiers", str(donnees)],
        f"recouvrement decompte {reference}": [*module, "decompte", reference, "--au", "2026-11-23", "--dossiers", str(donnees)],
        f"recouvrement noter {reference} …": [*module, "noter", reference, "Relance téléphonique.", "--dossiers", str(donnees)],
    }


def mediane_ms(commande: list[str], repetitions: int) -> float:
    durees = []
    for _ in range(repetitions):
        debut = time.perf_counter()
        subprocess.run(commande, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        durees.append(time.perf_counter() - debut)
    return statistics.median(durees) * 1000


def importtime(commande: list[str]) -> list[tuple[int, int, int, str]]:
    """(cumulative µs, self µs, depth, module) for each import of the command, in order."""
    sortie = subprocess.run([commande[0], "-X", "importtime", *commande[1:]], capture_output=True, text=True,
                            check=False).stderr
    lignes = []
    for ligne in sortie.splitlines():
        if not ligne.startswith("import time:") or "self [us]" in ligne:
            continue
        soi, cumul, nom = ligne[len("import time:"):].split("|")
        profondeur = (len(nom) - len(nom.lstrip())) // 2
        lignes.append((int(cumul), int(soi), profondeur, nom.strip()))
    return lignes


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--repetitions", type=int, default=15)
    options.add_argument("--top", type=int, default=12)
    args = options.parse_args()
    os.environ["PYTHONPATH"] = str(RACINE_PROJET) + os.pathsep + os.environ.get("PYTHONPATH", "")
    with tempfile.TemporaryDirectory(prefix="bench_cli_") as temporaire:
        donnees = Path(temporaire) / "dossiers"
        subprocess.run([PYTHON, "-m", "recouvrement_tui", "demo", "--nombre", "20", "--dossiers", str(donnees)],
                       check=True, stdout=subprocess.DEVNULL)
        reference = sorted(p.name for p in donnees.iterdir() if p.name[:4].isdigit())[0]
        a_mesurer = {
            "python -c pass": [PYTHON, "-c", "pass"],
            'python -c "import argparse"': [PYTHON, "-c", "import argparse"],
            **commandes(donnees, reference),
        }
        print(f"Wall time, median of {args.repetitions} fresh processes (anchors first, same run):")
        for nom, commande in a_mesurer.items():
            print(f"  {mediane_ms(commande, args.repetitions):7.1f} ms  {nom}")
        for nom, commande in commandes(donnees, reference).items():
            lignes = importtime(commande)
            projet = [l for l in lignes if l[3].startswith("recouvrement_tui")]
            total = sum(l[0] for l in lignes if l[2] == 0)
            print(f"\n{nom}: {len(lignes)} modules imported, {total / 1000:.1f} ms of imports "
                  f"(-X importtime, top-level cumulative; {len(projet)} of recouvrement_tui)")
            print(f"  {'cumulative':>10} {'self':>8}  module (top {args.top} by cumulative time, nested ones indented)")
            for cumul, soi, profondeur, module in sorted(lignes, reverse=True)[: args.top]:
                print(f"  {cumul / 1000:8.1f}ms {soi / 1000:6.1f}ms  {'  ' * profondeur}{module}")
            lourds = sorted({l[3].split(".")[0] for l in lignes} & {
                "textual", "docxtpl", "docx", "jinja2", "tinydb", "babel", "openpyxl", "aiohttp", "lxml", "rich"})
            print(f"  heavy packages loaded: {', '.join(lourds) or 'none'}")


if __name__ == "__main__":
    main()
