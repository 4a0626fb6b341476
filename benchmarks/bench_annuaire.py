"""Court directory: load time of the shipped files, address lookup time, coverage.

    .venv/bin/python benchmarks/bench_annuaire.py
"""

from __future__ import annotations

import time
from importlib import resources

from recouvrement_tui.domain.annuaire import Annuaire

ADRESSES = [
    ("69100", "Villeurbanne"), ("92100", "Boulogne-Billancourt"), ("97400", "Saint-Denis"), ("68000", "Colmar"),
    ("75015", "Paris"), ("69003", "Lyon 3e"), ("13008", "Marseille 8e Arrondissement"), ("38000", "Grenoble"),
    ("01300", "Belley"), ("42000", "St-Etienne"), ("99999", "Nullepart"), ("", "Saint-Denis"),
]


def main() -> None:
    dossier = resources.files("recouvrement_tui.donnees.juridictions")
    debut = time.perf_counter()
    tribunaux = dossier.joinpath("tribunaux.csv").read_text(encoding="utf-8")
    communes = dossier.joinpath("communes.csv").read_text(encoding="utf-8")
    lu = time.perf_counter()
    annuaire = Annuaire.depuis_textes(tribunaux, communes, "livré")
    charge = time.perf_counter()
    annuaire.placer("38000", "Grenoble")  # builds the lookup indexes
    indexe = time.perf_counter()
    tours = 2000
    for _ in range(tours // len(ADRESSES)):
        for code_postal, ville in ADRESSES:
            annuaire.placer(code_postal, ville)
    fin = time.perf_counter()
    avec_tj, avec_commerce, total = annuaire.couverture()
    print(f"lecture des fichiers     : {1000 * (lu - debut):7.1f} ms")
    print(f"analyse (depuis_textes)  : {1000 * (charge - lu):7.1f} ms  ({len(annuaire.tribunaux)} juridictions, {total} communes)")
    print(f"premier placer (index)   : {1000 * (indexe - charge):7.1f} ms")
    print(f"chargement complet       : {1000 * (indexe - debut):7.1f} ms")
    nombre = (tours // len(ADRESSES)) * len(ADRESSES)
    print(f"placer()                 : {1e6 * (fin - indexe) / nombre:7.1f} µs par adresse ({nombre} adresses)")
    print(f"couverture TJ            : {avec_tj}/{total} ({100 * avec_tj / total:.2f} %)")
    print(f"couverture commerciale   : {avec_commerce}/{total} ({100 * avec_commerce / total:.2f} %)")


if __name__ == "__main__":
    main()
