"""Importing a FEC from the list (issue 16): i, the file's path, the preview read in a worker,
Ctrl+S, then the reconciliation view, dossier by dossier; Enter opens the dossier."""

from __future__ import annotations

from textual.widgets import Input, Static

from recouvrement_tui.ui.app import RecouvrementApp
from recouvrement_tui.ui.screens.dossier import EcranDossier
from recouvrement_tui.ui.screens.import_balance import EcranImportBalance
from recouvrement_tui.ui.screens.import_fec import EcranImportFec
from recouvrement_tui.ui.screens.liste import EcranListe
from recouvrement_tui.ui.screens.rapprochement import EcranRapprochement, TableRapprochement
from tests.comptabilite.fabrique import avril, mars
from tests.conftest import AUJOURDHUI


async def _calme(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def _apercu(pilot, chemin) -> EcranImportFec:
    """i in the list, the path typed, Entrée: the FEC's own preview once read."""
    await _calme(pilot)
    await pilot.press("i")
    await pilot.pause()
    assert isinstance(pilot.app.screen, EcranImportBalance)
    pilot.app.screen.query_one("#import-fichier", Input).value = str(chemin)
    await pilot.press("enter")
    await pilot.pause()
    ecran = pilot.app.screen
    assert isinstance(ecran, EcranImportFec)
    assert [type(e) for e in pilot.app.screen_stack] == [EcranListe, EcranImportFec]  # in the import's place
    await _calme(pilot)
    return ecran


def _espaces(texte: str) -> str:
    return texte.replace("\u202f", " ").replace("\xa0", " ")  # French amounts' narrow spaces


def _texte(ecran, selecteur: str) -> str:
    return _espaces(str(ecran.query_one(selecteur, Static).render()))


def _ligne(ecran: EcranRapprochement, mot: str):
    [ligne] = [l for l in ecran.query_one(TableRapprochement).toutes_les_lignes if mot in l.cellules[1]]
    return ligne


async def test_fec_apercu_import_rapprochement_puis_mois_suivant(service, tmp_path):
    fichier = tmp_path / "FEC-mars.txt"
    fichier.write_bytes(mars().octets())
    app = RecouvrementApp(service, aujourdhui=lambda: AUJOURDHUI)
    async with app.run_test(size=(140, 45)) as pilot:
        ecran = await _apercu(pilot, fichier)
        assert ecran.query_one("#import-fec-jours", Input).value == "30"  # the settings' payment term
        apercu = _texte(ecran, "#import-fec-apercu")
        assert "3 dossiers à créer" in apercu and "DURAND" in apercu and "Ctrl+S pour importer" in apercu
        assert service.depot.references() == []  # the preview writes nothing
        await pilot.press("ctrl+s")
        await _calme(pilot)
        rapprochement = app.screen
        assert isinstance(rapprochement, EcranRapprochement)
        assert len(service.depot.references()) == 3
        durand = _ligne(rapprochement, "DURAND")
        reference, _, factures, paiements, suites = map(_espaces, durand.cellules)
        assert reference in service.depot.references()
        assert "FA-001, FA-002" in factures and "2 000,50 €" in factures
        assert "500,00 €" in paiements and "31/03/2026" in paiements
        assert "dossier créé" in suites
        # the row under the cursor in full below the table
        table = rapprochement.query_one(TableRapprochement)
        table.curseur = table.lignes_visibles.index(durand)
        await pilot.pause()
        detail = _texte(rapprochement, "#rapprochement-detail")
        assert "Facture FA-001 du 01/03/2026, échéance 31/03/2026 : 1 200,00 €" in detail
        assert "Virement du 31/03/2026 : 500,00 €" in detail
        await pilot.press("enter")
        await _calme(pilot)
        assert isinstance(app.screen, EcranDossier) and app.screen.dossier.reference == reference
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is rapprochement
        await pilot.press("escape")
        await _calme(pilot)
        assert isinstance(app.screen, EcranListe)
        assert {l.cle for l in app.lignes_dossiers()} == set(service.depot.references())  # the list refreshed

        # next month: only what is new, in the dossier already there
        suivant = tmp_path / "FEC-avril.txt"
        suivant.write_bytes(avril().octets(separateur="|"))
        ecran = await _apercu(pilot, suivant)
        apercu = _texte(ecran, "#import-fec-apercu")
        assert "0 dossier à créer" in apercu and "2 dossiers à compléter" in apercu
        assert f"{reference} — DURAND" in apercu and "FA-003" in apercu and "700,00 €" in apercu
        await pilot.press("ctrl+s")
        await _calme(pilot)
        rapprochement = app.screen
        assert isinstance(rapprochement, EcranRapprochement)
        durand = _ligne(rapprochement, "DURAND")
        assert durand.cellules[0] == reference
        assert "FA-003" in durand.cellules[2] and "FA-001" not in durand.cellules[2]
        assert "700,00 € le 05/05/2026" in _espaces(durand.cellules[3])
    dossier = service.charger(reference)
    assert [c.numero for c in dossier.creances] == ["FA-001", "FA-002", "FA-003"]
    assert sorted(str(p.montant) for p in dossier.paiements) == ["500.00", "700.00"]


async def test_fec_avec_une_ligne_fausse_explique_et_n_ecrit_rien(service, tmp_path):
    fichier = tmp_path / "FEC.txt"
    fichier.write_bytes(mars().octets().replace(b"20260315", b"20260231").replace(b"\t1000,00\t", b"\t1 000,OO\t"))
    app = RecouvrementApp(service, aujourdhui=lambda: AUJOURDHUI)
    async with app.run_test(size=(140, 45)) as pilot:
        ecran = await _apercu(pilot, fichier)
        apercu = _texte(ecran, "#import-fec-apercu")
        assert "rien n'a été écrit" in apercu
        assert "Ligne 5, EcritureDate : « 20260231 » n'est pas une date AAAAMMJJ." in apercu
        assert "Ligne 13, Debit : « 1 000,OO » n'est pas un montant" in apercu  # every wrong line at once
        await pilot.press("ctrl+s")
        await _calme(pilot)
        assert app.screen is ecran  # nothing to import
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EcranListe)
    assert service.depot.references() == []


async def test_delai_de_paiement_change_l_echeance(service, tmp_path):
    fichier = tmp_path / "FEC.txt"
    fichier.write_bytes(mars().octets())
    app = RecouvrementApp(service, aujourdhui=lambda: AUJOURDHUI)
    async with app.run_test(size=(140, 45)) as pilot:
        ecran = await _apercu(pilot, fichier)
        ecran.query_one("#import-fec-jours", Input).value = "400"
        ecran.query_one("#import-fec-jours", Input).focus()
        await pilot.press("enter")
        await _calme(pilot)
        assert "entre 1 et 365 jours" in _texte(ecran, "#import-fec-apercu")
        ecran.query_one("#import-fec-jours", Input).value = "45"
        await pilot.press("ctrl+s")  # not the term previewed: previewed again, nothing written
        await _calme(pilot)
        assert app.screen is ecran and service.depot.references() == []
        assert "3 dossiers à créer" in _texte(ecran, "#import-fec-apercu")
        await pilot.press("ctrl+s")
        await _calme(pilot)
        assert isinstance(app.screen, EcranRapprochement)
        await pilot.press("enter")
        await _calme(pilot)
        assert isinstance(app.screen, EcranDossier)
    [durand] = [service.charger(r) for r in service.depot.references()
                if service.charger(r).debiteur.compte_client == "C001"]
    assert str(durand.creances[0].date_echeance) == "2026-04-15"  # 01/03/2026 + 45 days


def test_rapprochement_dit_ce_qui_reste_a_faire(service, tmp_path):
    """A dossier in a court route that gets a payment: the décompte filed is to be updated;
    several payments: their count, total and first and last dates."""
    import dataclasses

    from recouvrement_tui.ui.screens.rapprochement import cellule_paiements, detail, rapprochements

    fichier = tmp_path / "FEC.txt"
    fichier.write_bytes(mars().octets())
    service.comptabilite.importer_fec(fichier, appliquer=True)
    suivant = tmp_path / "FEC-avril.txt"
    suivant.write_bytes(avril().reglement("C001", "VIR-03", "20260520", [(100, "")]).octets())
    plan = service.comptabilite.importer_fec(suivant, appliquer=False)
    [durand] = [c for c in plan.changements if c.dossier.debiteur.compte_client == "C001"]
    plan = dataclasses.replace(plan, changements=(dataclasses.replace(durand, en_procedure=True),))
    [r] = rapprochements(plan)
    assert r.suites == ["en procédure : décompte à mettre à jour"]
    assert _espaces(cellule_paiements(r)) == "2 : 800,00 € du 05/05/2026 au 20/05/2026"
    assert "le décompte déposé est à mettre à jour" in str(detail(r))
