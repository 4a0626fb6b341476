"""Figures for the FEC import (issue 16). Prints, asserts nothing.

    python benchmarks/bench_fec.py [--lignes 200000] [--dossiers 2000]

A FEC of N lines as an accounting package writes it: sales entries (customer, sales, VAT lines),
bank receipts (bank and customer lines, lettered with their invoices for most), purchases and other
entries on other accounts; a data folder holding dossiers for part of the customers. Measures the
preview (read, check every line, plan against the dossiers) and the peak memory of the process.
Target (issue 16): 200,000 lines previewed in ≤ 10 s and ≤ 300 MB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from recouvrement_tui.demo import creancier_demo
from recouvrement_tui.domain.model import Adresse, Debiteur
from recouvrement_tui.domain.parametres import Parametres
from recouvrement_tui.services.dossiers import ServiceDossiers
from recouvrement_tui.storage.parametres import enregistrer_parametres

AUJOURDHUI = dt.date(2026, 11, 23)
ENTETE = ("JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\tCompAuxLib\t"
          "PieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\tValidDate\tMontantdevise\tIdevise")


def _m(v: float) -> str:
    return f"{v:.2f}".replace(".", ",")


def fec(lignes: int, clients: int, graine: int = 3) -> bytes:
    rng = random.Random(graine)
    sortie = [ENTETE]
    numero = 0
    debut = dt.date(2026, 1, 1)
    lettre = 0
    while len(sortie) < lignes:
        numero += 1
        jour = debut + dt.timedelta(days=rng.randrange(300))
        date = jour.strftime("%Y%m%d")
        tirage = rng.random()
        client = f"C{rng.randrange(clients):05d}"
        nom = f"CLIENT {client} SARL"
        if tirage < 0.35:  # a sale, paid (lettered) three times in four
            ttc = round(rng.uniform(100, 20000), 2)
            ht = round(ttc / 1.2, 2)
            let = ""
            if rng.random() < 0.75:
                lettre += 1
                let = f"L{lettre}"
            piece = f"FA{numero:07d}"
            sortie += [
                f"VT\tVentes\t{numero:07d}\t{date}\t411000\tClients\t{client}\t{nom}\t{piece}\t{date}\tFacture {piece}\t{_m(ttc)}\t0,00\t{let}\t\t{date}\t\t",
                f"VT\tVentes\t{numero:07d}\t{date}\t706000\tPrestations\t\t\t{piece}\t{date}\tFacture {piece}\t0,00\t{_m(ht)}\t\t\t{date}\t\t",
                f"VT\tVentes\t{numero:07d}\t{date}\t445710\tTVA collectée\t\t\t{piece}\t{date}\tTVA\t0,00\t{_m(ttc - ht)}\t\t\t{date}\t\t",
            ]
            if let:
                numero += 1
                paye = (jour + dt.timedelta(days=rng.randrange(20, 70))).strftime("%Y%m%d")
                sortie += [
                    f"BQ\tBanque\t{numero:07d}\t{paye}\t512000\tBanque\t\t\tVIR{numero}\t{paye}\tVirement {piece}\t{_m(ttc)}\t0,00\t\t\t{paye}\t\t",
                    f"BQ\tBanque\t{numero:07d}\t{paye}\t411000\tClients\t{client}\t{nom}\tVIR{numero}\t{paye}\tVirement {piece}\t0,00\t{_m(ttc)}\t{let}\t{paye}\t{paye}\t\t",
                ]
        else:  # purchases, payroll, other entries: lines the import skips quickly
            montant = round(rng.uniform(10, 5000), 2)
            sortie += [
                f"AC\tAchats\t{numero:07d}\t{date}\t607000\tAchats\t\t\tFF{numero}\t{date}\tAchat\t{_m(montant)}\t0,00\t\t\t{date}\t\t",
                f"AC\tAchats\t{numero:07d}\t{date}\t401000\tFournisseurs\tF{numero % 500:04d}\tFOURNISSEUR\tFF{numero}\t{date}\tAchat\t0,00\t{_m(montant)}\t\t\t{date}\t\t",
            ]
    return ("\r\n".join(sortie[:lignes + 1]) + "\r\n").encode("utf-8")


def main() -> None:
    parseur = argparse.ArgumentParser()
    parseur.add_argument("--lignes", type=int, default=200_000)
    parseur.add_argument("--dossiers", type=int, default=2000)
    args = parseur.parse_args()
    print(f"Machine : {os.cpu_count()} cœurs ; Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as dossier:
        racine = Path(dossier) / "dossiers"
        enregistrer_parametres(racine, Parametres(creancier=creancier_demo()))
        service = ServiceDossiers(racine, aujourdhui=lambda: AUJOURDHUI, auteur="bench", fsync=False)
        quand = dt.datetime(2026, 11, 23, 9)
        for i in range(args.dossiers):
            d = Debiteur(nom=f"CLIENT C{i:05d}", forme_juridique="SARL", compte_client=f"C{i:05d}",
                         adresse=Adresse(("1 rue",), "69002", "Lyon"))
            service.depot.enregistrer(service.depot.creer(d, "bench", quand))
        chemin = Path(dossier) / "FEC.txt"
        chemin.write_bytes(fec(args.lignes, args.dossiers * 3))
        print(f"FEC de {args.lignes} lignes ({chemin.stat().st_size / 1048576:.1f} Mo), "
              f"{args.dossiers} dossiers existants")
        service = ServiceDossiers(racine, aujourdhui=lambda: AUJOURDHUI, auteur="bench")
        avant = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        t = time.perf_counter()
        plan = service.comptabilite.importer_fec(chemin, appliquer=False)
        duree = time.perf_counter() - t
        pic = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"Aperçu : {duree:.1f} s (objectif ≤ 10 s) ; mémoire du processus au plus haut {pic:.0f} Mo "
              f"(objectif ≤ 300 Mo ; {avant:.0f} Mo avant l'import)")
        print(f"  {plan.resume()}")


if __name__ == "__main__":
    main()
