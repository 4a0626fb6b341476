"""Is the interface ever frozen? (issue point 3) Prints, asserts nothing.

    python benchmarks/bench_interface.py [--nombre 10000] [--fec 10000]

Runs the real application headless (Textual's run_test, 120×40) on N demo dossiers and, while a
watchdog task on the event loop wakes every 5 ms and records how late it is woken, drives as the
user would:
  - the day's batch (r from the list) until its lines are shown;
  - a balance import preview (i, a .csv of every dossier's open invoices) until the preview is shown;
  - a FEC preview (the same screen given a FEC of --fec lines) until the preview is shown;
  - a mise en demeure generated in a dossier (g);
  - a 20 MB pièce attached (j);
  - the dossier's export with PDF copies (x, LibreOffice when installed).
One line per operation: its total duration and the longest the event loop (the screen) was blocked.
Target (issue point 3): no block over 100 ms.

The demo folder is written once under /tmp (about 20 s for 10,000 dossiers) and copied for each run.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import datetime as dt
import gc
import os
import shutil
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Awaitable, Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_fec import fec  # noqa: E402
from recouvrement_tui.demo import ecrire_demo  # noqa: E402
from recouvrement_tui.domain.formatage import date_courte  # noqa: E402
from recouvrement_tui.services.dossiers import ServiceDossiers  # noqa: E402

AUJOURDHUI = dt.date(2026, 11, 23)
CIBLE_MS = 100
CACHE = Path(tempfile.gettempdir()) / "recouvrement-bench-interface"


class Veille:
    """A task waking every 5 ms: how late it wakes is how long the loop was held by something else.

    With `piles`, a thread also looks at the loop's thread every 10 ms and, when the task has not
    woken for 50 ms, notes what that thread is doing: where the screen is blocked."""

    PAS = 0.005

    def __init__(self, piles: bool = False) -> None:
        self.pire = 0.0
        self._tache: asyncio.Task[None] | None = None
        self._reveil = time.perf_counter()
        self.piles: collections.Counter[str] = collections.Counter()
        self._fil = threading.get_ident()
        self._echantillonner = piles

    async def _veiller(self) -> None:
        boucle = asyncio.get_running_loop()
        while True:
            avant = boucle.time()
            await asyncio.sleep(self.PAS)
            self._reveil = time.perf_counter()
            self.pire = max(self.pire, boucle.time() - avant - self.PAS)

    def _regarder(self) -> None:
        while self._tache is not None and not self._tache.done():
            time.sleep(0.01)
            if time.perf_counter() - self._reveil > 0.05:
                for fil, cadre in sys._current_frames().items():  # the screen's thread, and the workers
                    if fil == threading.get_ident():
                        continue
                    pile = traceback.extract_stack(cadre)
                    utiles = [f"{Path(c.filename).name}:{c.lineno} {c.name}" for c in pile
                              if "asyncio" not in c.filename and "threading" not in c.filename][-6:]
                    quel = "écran" if fil == self._fil else "fil"
                    self.piles[f"[{quel}] " + " < ".join(reversed(utiles))] += 1

    def _ramasse_miettes(self, phase: str, info: dict) -> None:
        """Python's cycle collector holds the interpreter while it runs, whichever thread started it."""
        if phase == "start":
            self._debut_gc = time.perf_counter()
        else:
            self.pire_gc = max(self.pire_gc, time.perf_counter() - self._debut_gc)

    def demarrer(self) -> None:
        self.pire_gc, self._debut_gc = 0.0, 0.0
        gc.callbacks.append(self._ramasse_miettes)
        self._tache = asyncio.create_task(self._veiller())
        if self._echantillonner:
            threading.Thread(target=self._regarder, daemon=True).start()

    def remettre(self) -> None:
        self.pire = self.pire_gc = 0.0
        self.piles.clear()

    def afficher_piles(self) -> None:
        for pile, fois in self.piles.most_common(6):
            print(f"    {fois * 10:5d} ms  {pile}")

    def arreter(self) -> None:
        if self._ramasse_miettes in gc.callbacks:
            gc.callbacks.remove(self._ramasse_miettes)
        if self._tache:
            self._tache.cancel()


def modele(nombre: int) -> Path:
    """The demo folder of N dossiers, written once."""
    racine = CACHE / f"demo-{nombre}"
    if not (racine / "index.json").exists():
        shutil.rmtree(racine, ignore_errors=True)
        t = time.perf_counter()
        ecrire_demo(racine, nombre, graine=17, aujourdhui=AUJOURDHUI)
        print(f"{nombre} dossiers de démonstration écrits en {time.perf_counter() - t:.1f} s ({racine})")
    return racine


def _montant(valeur) -> str:
    return f"{valeur:.2f}".replace(".", ",")


def balance(service: ServiceDossiers, chemin: Path) -> int:
    """An aged balance of every dossier's open invoices, as the accounting exports it: lines written."""
    lignes = ["Client;SIREN;N° facture;Date facture;Échéance;Montant TTC;Reste dû"]
    for reference in service.depot.references():
        dossier = service.depot.charger(reference)
        restant = dossier.restant_par_creance()
        for creance in dossier.creances:
            reste = restant.get(creance.id)
            if not reste:
                continue
            lignes.append(";".join((dossier.debiteur.nom, dossier.debiteur.siren or "", creance.numero,
                                    date_courte(creance.date_facture), date_courte(creance.date_echeance),
                                    _montant(creance.montant_ttc), _montant(reste))))
    chemin.write_text("\n".join(lignes) + "\n", encoding="utf-8")
    return len(lignes) - 1


async def attendre(pilot, condition: Callable[[], bool], delai: float = 300.0) -> None:
    fin = time.perf_counter() + delai
    while not condition():
        if time.perf_counter() > fin:
            raise TimeoutError("l'opération ne s'est pas terminée")
        await asyncio.sleep(0.01)
    await pilot.pause()


async def scenario(pilot, service: ServiceDossiers, travail: Path, mesurer, tailles: dict[str, int]) -> None:
    from textual.widgets import Checkbox, DataTable, Input, OptionList, Static

    from recouvrement_tui.ui.screens.dossier import EcranDossier
    from recouvrement_tui.ui.screens.export import EcranExport
    from recouvrement_tui.ui.screens.import_balance import EcranImportBalance
    from recouvrement_tui.ui.screens.import_fec import EcranImportFec
    from recouvrement_tui.ui.screens.liste import EcranListe
    from recouvrement_tui.ui.screens.relances import EcranRelances
    from recouvrement_tui.ui.widgets.choix_modele import ChoixModele
    from recouvrement_tui.ui.widgets.formulaire import Formulaire

    app = pilot.app

    async def fermer() -> None:
        await pilot.press("escape")
        await attendre(pilot, lambda: isinstance(app.screen, EcranListe | EcranDossier) and not app.workers._workers)

    async def lot() -> None:
        await pilot.press("r")
        await attendre(pilot, lambda: isinstance(app.screen, EcranRelances) and app.screen.query_one(DataTable).row_count
                       > 0 or isinstance(app.screen, EcranRelances) and "Aucune" in str(
                           app.screen.query_one("#relances-etat", Static).render()))

    async def apercu(chemin: Path, ecran: type) -> None:
        await pilot.press("i")
        await attendre(pilot, lambda: isinstance(app.screen, EcranImportBalance))
        champ = app.screen.query_one("#import-fichier", Input)
        champ.value = str(chemin)
        champ.focus()
        await pilot.press("enter")
        identifiant = "#import-fec-apercu" if ecran is EcranImportFec else "#import-apercu"
        await attendre(pilot, lambda: isinstance(app.screen, ecran) and not app.screen.en_cours
                       and bool(str(app.screen.query_one(identifiant, Static).render()).strip()))

    async def generer() -> None:
        ecran = app.screen
        avant = ecran.query_one("#table-documents", DataTable).row_count
        await pilot.press("g")
        await attendre(pilot, lambda: isinstance(app.screen, ChoixModele))
        liste = app.screen.query_one(OptionList)
        liste.highlighted = next(i for i in range(liste.option_count)
                                 if liste.get_option_at_index(i).id == "mise_en_demeure")
        await pilot.press("enter")
        await attendre(pilot, lambda: app.screen is ecran
                       and ecran.query_one("#table-documents", DataTable).row_count > avant)

    async def joindre() -> None:
        ecran = app.screen
        avant = len(ecran.dossier.pieces)
        await pilot.press("j")
        await attendre(pilot, lambda: isinstance(app.screen, Formulaire))
        app.screen.query_one("#champ-fichier", Input).value = str(travail / "bon-de-commande.pdf")
        app.screen.query_one("#champ-date", Input).value = "02/11/2026"
        await pilot.press("ctrl+s")
        await attendre(pilot, lambda: app.screen is ecran and len(ecran.dossier.pieces) > avant)

    async def exporter() -> None:
        await pilot.press("x")
        await attendre(pilot, lambda: isinstance(app.screen, EcranExport))
        app.screen.query_one("#export-vers", Input).value = str(travail / "exports")
        app.screen.query_one("#export-pdf", Checkbox).value = True
        await pilot.press("ctrl+s")
        await attendre(pilot, lambda: isinstance(app.screen, EcranExport) and app.screen.resultat is not None
                       or "Échap" in str(app.screen.query_one("#export-etat", Static).render()) and not app.screen.en_cours)

    await mesurer("Lot du jour (r) jusqu'à l'affichage des lignes", lot)
    await fermer()
    await mesurer(f"Aperçu d'une balance ({tailles['balance']} lignes)", lambda: apercu(travail / "balance.csv",
                                                                                    EcranImportBalance))
    await fermer()
    await mesurer(f"Aperçu d'un FEC ({tailles['fec']} lignes)", lambda: apercu(travail / "FEC.txt", EcranImportFec))
    await fermer()
    reference = service.documents.relances_dues(AUJOURDHUI)[0][0]
    await mesurer(f"Ouverture du dossier {reference}", lambda: _ouvrir(pilot, reference))
    await mesurer("Génération d'une mise en demeure (g)", generer)
    await mesurer("Pièce de 20 Mo jointe (j)", joindre)
    await mesurer("Export du dossier avec copies PDF (x)", exporter)
    await fermer()


async def _ouvrir(pilot, reference: str) -> None:
    from recouvrement_tui.ui.screens.dossier import EcranDossier

    pilot.app.ouvrir_dossier(reference, "documents")
    await attendre(pilot, lambda: isinstance(pilot.app.screen, EcranDossier))


Resultat = tuple[str, float, float, float]  # operation, duration, longest block, longest collection (ms)


async def executer(racine: Path, travail: Path, tailles: dict[str, int], piles: bool, gel: bool) -> list[Resultat]:
    from recouvrement_tui.ui.app import RecouvrementApp

    service = ServiceDossiers(racine, aujourdhui=lambda: AUJOURDHUI, auteur="bench")
    app = RecouvrementApp(service, aujourdhui=lambda: AUJOURDHUI)
    resultats: list[Resultat] = []
    veille = Veille(piles)
    async with app.run_test(size=(120, 40)) as pilot:
        await attendre(pilot, lambda: not app.workers._workers and bool(app.lignes_dossiers()))
        if gel:  # what the app would gain by taking its long-lived objects out of the collector's rounds
            gc.freeze()
        veille.demarrer()

        async def mesurer(libelle: str, action: Callable[[], Awaitable[None]]) -> None:
            await pilot.pause()
            veille.remettre()
            t = time.perf_counter()
            await action()
            duree = time.perf_counter() - t
            resultats.append((libelle, duree * 1000, veille.pire * 1000, veille.pire_gc * 1000))
            print(_ligne(*resultats[-1]), flush=True)
            veille.afficher_piles()

        try:
            await scenario(pilot, service, travail, mesurer, tailles)
        finally:
            veille.arreter()
    return resultats


def _ligne(libelle: str, duree: float, bloc: float, ramasse: float) -> str:
    etat = "OK" if bloc <= CIBLE_MS else "AU-DESSUS"
    return (f"{libelle:<52} durée {duree:8.0f} ms   plus long blocage de l'écran {bloc:6.0f} ms  {etat:<9}"
            f"  (plus long ramasse-miettes {ramasse:4.0f} ms)")


def main() -> None:
    parseur = argparse.ArgumentParser()
    parseur.add_argument("--nombre", type=int, default=10_000)
    parseur.add_argument("--fec", type=int, default=10_000, help="lignes du FEC prévisualisé")
    parseur.add_argument("--piles", action="store_true", help="où l'écran est bloqué (échantillons de pile)")
    parseur.add_argument("--gel", action="store_true", help="gc.freeze() une fois la liste chargée (essai)")
    args = parseur.parse_args()
    print(f"Machine : {os.cpu_count()} cœurs ; Python {sys.version.split()[0]} ; "
          f"LibreOffice : {'oui' if shutil.which('soffice') else 'non'}")
    source = modele(args.nombre)
    with tempfile.TemporaryDirectory() as temporaire:
        travail = Path(temporaire)
        racine = travail / "donnees"
        t = time.perf_counter()
        shutil.copytree(source, racine)
        service = ServiceDossiers(racine, aujourdhui=lambda: AUJOURDHUI, auteur="bench", fsync=False)
        tailles = {"balance": balance(service, travail / "balance.csv"), "fec": args.fec}
        (travail / "FEC.txt").write_bytes(fec(args.fec, max(args.nombre // 2, 1)))
        (travail / "bon-de-commande.pdf").write_bytes(b"%PDF-1.4\n" + os.urandom(20 << 20))
        (travail / "exports").mkdir()
        print(f"Copie du dossier de données, balance et FEC écrits : {time.perf_counter() - t:.1f} s")
        resultats = asyncio.run(executer(racine, travail, tailles, args.piles, args.gel))
    pires = [r for r in resultats if r[2] > CIBLE_MS]
    print(f"Cible : aucun blocage de plus de {CIBLE_MS} ms — "
          + ("atteinte." if not pires else f"{len(pires)} opération(s) au-dessus."))


if __name__ == "__main__":
    main()
