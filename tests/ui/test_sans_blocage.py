"""Never frozen (issue point 3): the slow operations run in worker threads, their loading state shows
before the work ends, the app answers meanwhile, and a cancelled export writes nothing.

Each test holds the service call on a threading.Event: the screen is checked while the work is
under way, then the Event is set and the outcome checked."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable

from textual.widgets import DataTable, Input, LoadingIndicator, OptionList, Static

from recouvrement_tui.services import echanges as module_echanges
from recouvrement_tui.services.courriels import ServiceCourriels
from recouvrement_tui.services.documents import ServiceDocuments
from recouvrement_tui.services.echanges import ServiceEchanges
from recouvrement_tui.ui.app import RecouvrementApp
from recouvrement_tui.ui.screens.dossier import EcranDossier
from recouvrement_tui.ui.screens.export import EcranExport
from recouvrement_tui.ui.screens.import_balance import EcranImportBalance
from recouvrement_tui.ui.screens.liste import EcranListe
from recouvrement_tui.ui.screens.relances import EcranRelances
from recouvrement_tui.ui.widgets.attente import EcranAttente
from recouvrement_tui.ui.widgets.choix_modele import ChoixModele
from recouvrement_tui.ui.widgets.formulaire_en_fond import FormulaireEnFond
from tests.conftest import AUJOURDHUI

TAILLE = (130, 40)


class Verrou:
    """Wraps a function so that each call waits for `liberer()`; `entre` is set once a call waits."""

    def __init__(self, fonction: Callable) -> None:
        self.fonction = fonction
        self.entre = threading.Event()
        self.libre = threading.Event()
        self.fils: set[int] = set()

    def __call__(self, *args, **kwargs):
        self.fils.add(threading.get_ident())
        self.entre.set()
        assert self.libre.wait(20), "never released"
        return self.fonction(*args, **kwargs)

    def liberer(self) -> None:
        self.libre.set()


async def _jusqua(pilot, condition: Callable[[], bool], delai: float = 20.0) -> None:
    fin = time.monotonic() + delai
    while not condition():
        assert time.monotonic() < fin, "condition never met"
        await asyncio.sleep(0.02)
    await pilot.pause()


def _app(service) -> RecouvrementApp:
    return RecouvrementApp(service, aujourdhui=lambda: AUJOURDHUI)


async def _ouvrir(pilot, reference: str) -> EcranDossier:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    pilot.app.ouvrir_dossier(reference, "documents")
    await _jusqua(pilot, lambda: isinstance(pilot.app.screen, EcranDossier))
    return pilot.app.screen


async def test_generation_montre_l_attente_avant_la_fin(demo, monkeypatch):
    reference = demo.documents.relances_dues(AUJOURDHUI)[0][0]
    verrou = Verrou(ServiceDocuments.generer)
    monkeypatch.setattr(ServiceDocuments, "generer", lambda *a, **k: verrou(*a, **k))
    app = _app(demo)
    async with app.run_test(size=TAILLE) as pilot:
        ecran = await _ouvrir(pilot, reference)
        await pilot.press("g")
        await _jusqua(pilot, lambda: isinstance(app.screen, ChoixModele))
        liste = app.screen.query_one(OptionList)
        liste.highlighted = next(i for i in range(liste.option_count)
                                 if liste.get_option_at_index(i).id == "mise_en_demeure")
        await pilot.press("enter")
        await _jusqua(pilot, verrou.entre.is_set)
        attente = app.screen
        assert isinstance(attente, EcranAttente)  # shown while the document is being written
        assert "Génération du document" in str(attente.query_one("#attente-message", Static).render())
        assert attente.query_one(LoadingIndicator).display
        assert threading.main_thread().ident not in verrou.fils  # the work is off the screen's thread
        await pilot.press("escape")  # the app answers: generation cannot be stopped halfway, it says so
        await pilot.pause()
        assert app.screen is attente
        assert ecran.query_one("#table-documents", DataTable).row_count == 0
        verrou.liberer()
        await _jusqua(pilot, lambda: app.screen is ecran and ecran.query_one("#table-documents", DataTable).row_count == 1)
        assert "mise en demeure" in ecran.dossier.journal[-1].texte.lower()


def _lot_retenu(monkeypatch) -> Verrou:
    """The search for the day's reminders, held until released."""
    verrou = Verrou(ServiceCourriels.lot)
    monkeypatch.setattr(ServiceCourriels, "lot", lambda *a, **k: verrou(*a, **k))
    return verrou


async def _relances_pendant_la_recherche(pilot, verrou: Verrou) -> None:
    """r on the list, once it is read; back when the search has begun."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("r")
    await _jusqua(pilot, verrou.entre.is_set)


async def test_lot_du_jour_montre_la_recherche_avant_la_fin(demo, monkeypatch):
    verrou = _lot_retenu(monkeypatch)
    app = _app(demo)
    async with app.run_test(size=TAILLE) as pilot:
        await _relances_pendant_la_recherche(pilot, verrou)
        ecran = app.screen
        assert isinstance(ecran, EcranRelances)  # the screen is there before the search ends
        table = ecran.query_one(DataTable)
        assert table.loading and table.row_count == 0
        assert "Recherche des relances dues" in str(ecran.query_one("#relances-etat", Static).render())
        verrou.liberer()
        await _jusqua(pilot, lambda: not table.loading and table.row_count == len(ecran.lignes) > 0)
        assert "relance(s) dues" in str(ecran.query_one("#relances-etat", Static).render())


async def test_lot_du_jour_se_ferme_pendant_la_recherche(demo, monkeypatch):
    verrou = _lot_retenu(monkeypatch)
    app = _app(demo)
    async with app.run_test(size=TAILLE) as pilot:
        await _relances_pendant_la_recherche(pilot, verrou)
        await pilot.press("escape")  # cancelled: a search only reads
        await _jusqua(pilot, lambda: isinstance(app.screen, EcranListe))
        verrou.liberer()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, EcranListe)  # the late result is dropped, nothing breaks


async def test_apercu_de_balance_montre_la_lecture_avant_la_fin(service, monkeypatch, tmp_path):
    fichier = tmp_path / "balance.csv"
    fichier.write_text("Client;SIREN;N° facture;Date facture;Échéance;Montant TTC\n"
                       "Menuiserie Durand SARL;732829320;FA-1;01/08/2026;31/08/2026;1 200,00\n", encoding="utf-8")
    verrou = Verrou(ServiceEchanges.importer_balance)
    monkeypatch.setattr(ServiceEchanges, "importer_balance", lambda *a, **k: verrou(*a, **k))
    app = _app(service)
    async with app.run_test(size=TAILLE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("i")
        await _jusqua(pilot, lambda: isinstance(app.screen, EcranImportBalance))
        ecran = app.screen
        champ = ecran.query_one("#import-fichier", Input)
        champ.value = str(fichier)
        champ.focus()
        await pilot.press("enter")
        await _jusqua(pilot, verrou.entre.is_set)
        assert ecran.query_one("#import-resultat").loading
        assert "Lecture du fichier" in str(ecran.query_one("#import-etat", Static).render())
        await pilot.press("ctrl+s")  # the app answers: nothing to import before the preview
        await pilot.pause()
        assert service.depot.references() == []
        verrou.liberer()
        await _jusqua(pilot, lambda: ecran.en_cours is None)
        assert not ecran.query_one("#import-resultat").loading
        assert "1 dossier à créer" in str(ecran.query_one("#import-apercu", Static).render())


async def test_export_annule_n_ecrit_rien(demo, monkeypatch, tmp_path):
    reference = demo.documents.relances_dues(AUJOURDHUI)[0][0]
    verrou = Verrou(module_echanges.rendre)
    monkeypatch.setattr(module_echanges, "rendre", verrou)  # the export's first documents
    vers = tmp_path / "sortie"
    app = _app(demo)
    async with app.run_test(size=TAILLE) as pilot:
        ecran = await _ouvrir(pilot, reference)
        journal = len(ecran.dossier.journal)
        await pilot.press("x")
        await _jusqua(pilot, lambda: isinstance(app.screen, EcranExport))
        export = app.screen
        export.query_one("#export-vers", Input).value = str(vers)
        await pilot.press("ctrl+s")
        await _jusqua(pilot, verrou.entre.is_set)
        assert "Échap pour l'annuler" in str(export.query_one("#export-etat", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is export  # still running: the cancel is seen at the next step
        assert "Annulation demandée" in str(export.query_one("#export-etat", Static).render())
        verrou.liberer()
        await _jusqua(pilot, lambda: app.screen is ecran)
        await app.workers.wait_for_complete()
    assert not vers.exists() or not any(vers.iterdir())
    assert len(demo.charger(reference).journal) == journal  # no "Dossier exporté" entry


async def test_piece_jointe_copiee_hors_de_l_ecran(demo, monkeypatch, tmp_path):
    reference = demo.documents.relances_dues(AUJOURDHUI)[0][0]
    source = tmp_path / "bon de commande.pdf"
    source.write_bytes(b"%PDF-1.4 bon")
    verrou = Verrou(ServiceEchanges.joindre_piece)
    monkeypatch.setattr(ServiceEchanges, "joindre_piece", lambda *a, **k: verrou(*a, **k))
    app = _app(demo)
    async with app.run_test(size=TAILLE) as pilot:
        ecran = await _ouvrir(pilot, reference)
        pieces = len(ecran.dossier.pieces)
        await pilot.press("j")
        await _jusqua(pilot, lambda: isinstance(app.screen, FormulaireEnFond))
        formulaire = app.screen
        formulaire.query_one("#champ-fichier", Input).value = str(source)
        formulaire.query_one("#champ-date", Input).value = "02/11/2026"
        await pilot.press("ctrl+s")
        await _jusqua(pilot, verrou.entre.is_set)
        assert formulaire.query_one("#formulaire-champs").loading
        await pilot.press("escape")  # the copy is not stopped halfway: the form stays, saying so
        await pilot.pause()
        assert app.screen is formulaire
        verrou.liberer()
        await _jusqua(pilot, lambda: app.screen is ecran and len(ecran.dossier.pieces) == pieces + 1)
    assert (demo.depot.chemin(reference) / "pieces" / "bon de commande.pdf").exists()
