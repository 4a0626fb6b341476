"""Figures for the export archive and its restoration (issue 18, target 4). Prints, asserts nothing.

    python benchmarks/bench_export.py [--repetitions 5] [--taille-mo 200] [--avant REV]

A data folder holds a dossier with a 200 MB pièce (random bytes named .pdf: incompressible,
like a scanned PDF) and a 20 MB text file (compressible). Each measure runs in a fresh
subprocess; its peak RSS is the one os.wait4 reports for that process (ru_maxrss), its time
the call alone (imports excluded). Medians of the repetitions, measured in the same run as:
  - the interpreter's baseline RSS (the same modules imported, nothing done);
  - `shutil.copyfile` of the 200 MB file, then fsync (as the export does): the floor;
  - with --avant REV, the code of that git revision (extracted with `git archive`), on the
    same data: the figures before the change.
Targets (issue 18, 2 cores): export and restore peak RSS ≤ 100 MB whatever the pièces' size;
a 200 MB pièce exported in ≤ 3 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

RACINE_DEPOT = Path(__file__).resolve().parent.parent
AUJOURDHUI = dt.date(2026, 11, 23)
MORCEAU = 1024**2


def _enfant(args: list[str]) -> None:
    """One measure, in this (fresh) process: prints {"secondes": …} as JSON."""
    code, quoi, *chemins = args
    sys.path.insert(0, code)
    from recouvrement_tui.services.dossiers import ServiceDossiers

    def service(racine: str) -> ServiceDossiers:
        return ServiceDossiers(Path(racine), aujourdhui=lambda: AUJOURDHUI, auteur="bench")  # real fsync

    debut = time.perf_counter()
    if quoi == "base":  # what an export loads (rendering included), nothing done
        import recouvrement_tui.documents.rendu  # noqa: F401
        import recouvrement_tui.services.echanges  # noqa: F401
    elif quoi == "copie":
        shutil.copyfile(chemins[0], chemins[1])
        with open(chemins[1], "rb+") as f:
            os.fsync(f.fileno())
    elif quoi == "export":
        racine, reference, vers = chemins
        service(racine).echanges.exporter(reference, Path(vers))
    elif quoi == "restauration":
        archive, racine = chemins
        service(racine).echanges.importer_archive(Path(archive))
    elif quoi == "preparer":
        print(json.dumps({"reference": preparer(Path(chemins[0]), Path(chemins[1]), int(chemins[2]))}))
        return
    else:
        raise SystemExit(f"mesure inconnue : {quoi}")
    print(json.dumps({"secondes": time.perf_counter() - debut}))


def mesurer(code: Path, quoi: str, *chemins: Path) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one measure in a subprocess.

    This process stays small (everything runs in subprocesses): on Linux a child's ru_maxrss
    starts from the RSS of the process it was forked from."""
    processus = subprocess.Popen([sys.executable, __file__, "--enfant", str(code), quoi, *map(str, chemins)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    sortie, erreurs = processus.stdout.read(), processus.stderr.read()  # type: ignore[union-attr]
    _, statut, usage = os.wait4(processus.pid, 0)
    processus.returncode = os.waitstatus_to_exitcode(statut)
    if processus.returncode:
        raise SystemExit(f"{quoi} a échoué :\n{erreurs.decode()}")
    return json.loads(sortie)["secondes"], usage.ru_maxrss / 1024  # KiB on Linux


def preparer(racine: Path, sources: Path, taille_mo: int) -> str:
    """A data folder with one dossier holding the big pièce and a text file; its reference."""
    from recouvrement_tui.demo.ecriture import ecrire_demo
    from recouvrement_tui.services.dossiers import ServiceDossiers

    ecrire_demo(racine, 3, graine=5, aujourdhui=AUJOURDHUI)
    service = ServiceDossiers(racine, aujourdhui=lambda: AUJOURDHUI, auteur="bench", fsync=False)
    reference = sorted(service.depot.references())[0]
    sources.mkdir()
    with open(sources / "scan.pdf", "wb") as f:
        for _ in range(taille_mo * 1_000_000 // MORCEAU):
            f.write(os.urandom(MORCEAU))
        f.write(os.urandom(taille_mo * 1_000_000 % MORCEAU))
    with open(sources / "releve.txt", "wb") as f:
        ligne = b"2026-11-23;FA-0001;Societe Exemple;1 234,56;EUR;relance envoyee\n"
        f.write(ligne * (20_000_000 // len(ligne)))
    for nom in ("scan.pdf", "releve.txt"):
        service.echanges.joindre(reference, {"fichier": str(sources / nom), "type": "autre", "date": "01/11/2026",
                                             "description": nom})
    return reference


def extraire(revision: str, dans: Path) -> Path:
    """The package as it was at `revision` (git archive), to measure the code before a change."""
    dans.mkdir()
    archive = subprocess.run(["git", "-C", str(RACINE_DEPOT), "archive", revision, "recouvrement_tui"],
                             check=True, capture_output=True).stdout
    with tarfile.open(fileobj=__import__("io").BytesIO(archive)) as tar:
        tar.extractall(dans, filter="data")
    return dans


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--enfant":
        _enfant(sys.argv[2:])
        return
    parseur = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parseur.add_argument("--repetitions", type=int, default=5)
    parseur.add_argument("--taille-mo", type=int, default=200)
    parseur.add_argument("--avant", help="git revision to measure too (the code before the change)")
    args = parseur.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-export-") as temporaire:
        base = Path(temporaire)
        preparation = subprocess.run([sys.executable, __file__, "--enfant", str(RACINE_DEPOT), "preparer",
                                      str(base / "dossiers"), str(base / "sources"), str(args.taille_mo)],
                                     check=True, capture_output=True)
        reference = json.loads(preparation.stdout)["reference"]
        codes = {"actuel": RACINE_DEPOT}
        if args.avant:
            codes[f"avant ({args.avant})"] = extraire(args.avant, base / "avant")
        archive_ref = None
        resultats: dict[str, list[tuple[float, float]]] = {}

        def noter(nom: str, mesure: tuple[float, float]) -> None:
            resultats.setdefault(nom, []).append(mesure)

        for rang in range(args.repetitions):
            noter("interpréteur + modules (base)", mesurer(RACINE_DEPOT, "base"))
            copie = base / "copie.pdf"
            noter(f"ancre : copyfile {args.taille_mo} Mo + fsync", mesurer(RACINE_DEPOT, "copie", base / "sources" / "scan.pdf", copie))
            copie.unlink()
            for nom, code in codes.items():
                vers = base / f"export-{rang}"
                noter(f"export, code {nom}", mesurer(code, "export", base / "dossiers", reference, vers))
                (produite,) = vers.iterdir()
                if archive_ref is None:
                    archive_ref = base / "reference.zip"
                    shutil.move(produite, archive_ref)
                    taille_archive = archive_ref.stat().st_size
                shutil.rmtree(vers)
                ailleurs = base / f"restauration-{rang}"
                noter(f"restauration, code {nom}", mesurer(code, "restauration", archive_ref, ailleurs))
                shutil.rmtree(ailleurs)

        print(f"Dossier {reference} : pièce de {args.taille_mo} Mo (octets aléatoires, .pdf) + texte de 20 Mo ; "
              f"archive de {taille_archive / 1e6:.0f} Mo ; médianes de {args.repetitions} (processus neufs, 2 cœurs partagés)")
        print(f"{'mesure':42} {'temps':>9} {'pic RSS':>10}")
        for nom, mesures in resultats.items():
            temps = statistics.median(m[0] for m in mesures)
            rss = statistics.median(m[1] for m in mesures)
            print(f"{nom:42} {temps:8.2f}s {rss:7.0f} Mo")


if __name__ == "__main__":
    main()
