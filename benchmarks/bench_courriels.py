"""Figures for e-mail relances (issue 15). Prints, asserts nothing.

    python benchmarks/bench_courriels.py [--nombre 500]

On a data folder of N dossiers (companies owing three overdue invoices, with a reminder contact):
  - the day's batch prepared as drafts: N messages rendered, composed, written as .eml with fsync
    and journaled (`relances --canal courriel`);
  - the same batch sent to an SMTP server on localhost (aiosmtpd, installed with the test extras),
    rate limit off: what the app itself costs per message, server included;
  - one message previewed (what `m` shows): median of 20.
Target (issue 15): 500 e-mails prepared in ≤ 10 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from recouvrement_tui.demo import creancier_demo
from recouvrement_tui.domain.courriel import ParametresCourriel, Securite
from recouvrement_tui.domain.model import Adresse, Contact, Creance, Debiteur
from recouvrement_tui.domain.parametres import Parametres
from recouvrement_tui.services.dossiers import ServiceDossiers
from recouvrement_tui.storage.parametres import enregistrer_parametres

AUJOURDHUI = dt.date(2026, 11, 23)


def preparer(racine: Path, nombre: int, courriel: ParametresCourriel) -> ServiceDossiers:
    enregistrer_parametres(racine, Parametres(creancier=creancier_demo(), courriel=courriel))
    service = ServiceDossiers(racine, aujourdhui=lambda: AUJOURDHUI, auteur="bench", fsync=False)
    quand = dt.datetime(2026, 11, 23, 9)
    for i in range(nombre):
        debiteur = Debiteur(
            nom=f"Société Exemple {i:04d}", forme_juridique="SAS", siren="732829320",
            adresse=Adresse(("12 rue de la République",), "69002", "Lyon"), email=f"contact{i}@exemple{i}.fr",
            contact_relance=Contact("Service comptable", email=f"compta{i}@exemple{i}.fr"),
        )
        dossier = service.depot.creer(debiteur, "bench", quand)
        for n, (facture, echeance) in enumerate(
            ((dt.date(2026, 8, 1), dt.date(2026, 9, 1)), (dt.date(2026, 8, 20), dt.date(2026, 9, 20)),
             (dt.date(2026, 9, 10), dt.date(2026, 10, 10)))
        ):
            dossier = dossier.ajouter_creance(Creance(f"FA-{i:04d}-{n}", facture, echeance,
                                                      Decimal("1234.56") + n * 100), "bench", quand)
        service.depot.enregistrer(dossier)
    return ServiceDossiers(racine, aujourdhui=lambda: AUJOURDHUI, auteur="bench")  # real fsync from here


def main() -> None:
    parseur = argparse.ArgumentParser()
    parseur.add_argument("--nombre", type=int, default=500)
    args = parseur.parse_args()
    print(f"Machine : {os.cpu_count()} cœurs ; Python {sys.version.split()[0]}")
    courriel = ParametresCourriel(hote="127.0.0.1", port=25, securite=Securite.AUCUNE,
                                  expediteur="recouvrement@rhone-equipements-techniques.fr", envois_par_minute=600)
    with tempfile.TemporaryDirectory() as dossier:
        service = preparer(Path(dossier) / "brouillons", args.nombre, courriel)
        reference = service.resumes_actualises()[0].reference
        service.courriels.preparer(service.charger(reference), "relance_amiable")  # warm-up
        durees = []
        for _ in range(20):
            d = service.charger(reference)
            t = time.perf_counter()
            service.courriels.preparer(d, "relance_amiable")
            durees.append((time.perf_counter() - t) * 1000)
        print(f"Aperçu d'un courriel (touche m) : médiane {statistics.median(durees):.1f} ms, pire {max(durees):.1f} ms")

        t = time.perf_counter()
        lignes = service.courriels.lot(AUJOURDHUI)
        duree_lot = time.perf_counter() - t
        t = time.perf_counter()
        resultat = service.courriels.traiter_lot(lignes, AUJOURDHUI, envoyer=False)
        duree = time.perf_counter() - t
        print(f"Lot du jour : {len(lignes)} relances trouvées en {duree_lot:.2f} s")
        print(f"{len(resultat.lignes)} brouillons .eml écrits et journalisés en {duree:.1f} s "
              f"({duree / max(len(resultat.lignes), 1) * 1000:.1f} ms par message) — objectif ≤ 10 s pour 500")

        try:
            from aiosmtpd.controller import Controller
        except ImportError:
            print("Envoi : aiosmtpd absent (pip install -e '.[test]'), mesure sautée.")
            return

        class Boite:
            recus = 0

            async def handle_DATA(self, server, session, envelope):
                Boite.recus += 1
                return "250 OK"

        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        controleur = Controller(Boite(), hostname="127.0.0.1", port=port)
        controleur.start()
        try:
            service = preparer(Path(dossier) / "envois", args.nombre, replace(courriel, port=port))
            lignes = service.courriels.lot(AUJOURDHUI)
            t = time.perf_counter()
            resultat = service.courriels.traiter_lot(lignes, AUJOURDHUI, envoyer=True, attendre=lambda _s: None)
            duree = time.perf_counter() - t
        finally:
            controleur.stop()
        print(f"{Boite.recus} courriels envoyés au serveur local en {duree:.1f} s "
              f"({duree / max(Boite.recus, 1) * 1000:.1f} ms par message, cadence désactivée ; "
              f"à 30 par minute, {args.nombre} messages prennent {args.nombre / 30:.0f} min)")


if __name__ == "__main__":
    main()
