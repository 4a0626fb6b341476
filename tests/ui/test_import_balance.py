"""Importing an aged balance from the list: preview (read in a worker), then Ctrl+S writes and the
reconciliation view lists what changed per dossier; a workbook's sheet chosen on screen; errors explained."""

from __future__ import annotations

import io

from openpyxl import Workbook
from textual.widgets import Input, Select, Static

from recouvrement_tui.ui.app import RecouvrementApp
from recouvrement_tui.ui.screens.dossier import EcranDossier
from recouvrement_tui.ui.screens.import_balance import EcranImportBalance
from recouvrement_tui.ui.screens.import_fec import EcranImportFec
from recouvrement_tui.ui.screens.liste import EcranListe
from recouvrement_tui.ui.screens.rapprochement import EcranRapprochement, TableRapprochement
from tests.comptabilite.fabrique import mars
from tests.conftest import AUJOURDHUI

BALANCE = (
    "Client;SIREN;N° facture;Date facture;Échéance;Montant TTC\n"
    "Menuiserie Durand SARL;732829320;FA-1;01/08/2026;31/08/2026;1 200,00\n"
    "Transports Lefèvre;552100554;FB-7;05/09/2026;05/10/2026;850,00\n"
)


async def _calme(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def _ouvrir(pilot):
    await _calme(pilot)
    await pilot.press("i")
    await pilot.pause()
    assert isinstance(pilot.app.screen, EcranImportBalance)


async def _apercu(pilot, chemin) -> str:
    """The file's path typed, Entrée: the preview once read."""
    pilot.app.screen.query_one("#import-fichier", Input).value = str(chemin)
    pilot.app.screen.query_one("#import-fichier", Input).focus()
    await pilot.press("enter")
    await _calme(pilot)
    return _espaces(str(pilot.app.screen.query_one("#import-apercu", Static).render()))


def _espaces(texte: str) -> str:
    return texte.replace("\u202f", " ").replace("\xa0", " ")  # French amounts' narrow spaces


def _lignes(ecran: EcranRapprochement) -> dict[str, tuple[str, ...]]:
    """The reconciliation rows by debtor, their cells with plain spaces."""
    return {l.cellules[1]: tuple(map(_espaces, l.cellules)) for l in ecran.query_one(TableRapprochement).toutes_les_lignes}


async def test_apercu_puis_import(service, tmp_path):
    fichier = tmp_path / "balance.csv"
    fichier.write_text(BALANCE, encoding="utf-8")
    app = RecouvrementApp(service, aujourdhui=lambda: AUJOURDHUI)
    async with app.run_test(size=(130, 40)) as pilot:
        await _ouvrir(pilot)
        apercu = await _apercu(pilot, fichier)
        assert "2 dossiers à créer" in apercu
        assert not app.screen.query_one("#import-choix-feuille").display  # a CSV: no sheet to choose
        assert service.depot.references() == []  # the preview writes nothing
        await pilot.press("ctrl+s")
        await _calme(pilot)
        assert len(service.depot.references()) == 2
        rapprochement = app.screen
        assert isinstance(rapprochement, EcranRapprochement)  # in the import's place
        assert [type(e) for e in app.screen_stack] == [EcranListe, EcranRapprochement]
        lignes = _lignes(rapprochement)
        reference, _, factures, suites = lignes["Menuiserie Durand (SARL)"]
        assert reference in service.depot.references()
        assert factures == "1 200,00 € : FA-1" and suites == "dossier créé"
        await pilot.press("escape")
        await _calme(pilot)
        assert isinstance(app.screen, EcranListe)
        assert len(app.lignes_dossiers()) == 2  # the list refreshed


async def test_fichier_incorrect_explique_sans_rien_ecrire(service, tmp_path):
    fichier = tmp_path / "balance.csv"
    fichier.write_text(BALANCE.replace("31/08/2026", "31/02/2026"), encoding="utf-8")
    app = RecouvrementApp(service, aujourdhui=lambda: AUJOURDHUI)
    async with app.run_test(size=(130, 40)) as pilot:
        await _ouvrir(pilot)
        apercu = await _apercu(pilot, fichier)
        assert "rien n'a été écrit" in apercu and "31/02/2026" in apercu
        await pilot.press("ctrl+s")
        await _calme(pilot)
        assert isinstance(app.screen, EcranImportBalance)
    assert service.depot.references() == []


# An export whose column names are not known (issue 16, point 4: mapping once).
LOGICIEL_X = (
    "Tiers;Doc;Emis le;Exigible le;Solde TTC\n"
    "Menuiserie Durand SARL;D-1;01/09/2026;01/10/2026;1 234,56\n"
)
LOGICIEL_X_SUIVANT = (
    "Tiers;Doc;Emis le;Exigible le;Solde TTC\n"
    "Transports Lefèvre;D-9;05/11/2026;05/12/2026;850,00\n"
    "Café du Port;D-10;05/11/2026;05/12/2026;99,90\n"
)


async def test_colonnes_inconnues_choisies_une_fois(service, tmp_path):
    from textual.widgets import Select

    from recouvrement_tui.ui.widgets.formulaire import Formulaire

    novembre, decembre = tmp_path / "novembre.csv", tmp_path / "decembre.csv"
    novembre.write_text(LOGICIEL_X, encoding="utf-8")
    decembre.write_text(LOGICIEL_X_SUIVANT, encoding="utf-8")
    app = RecouvrementApp(service, aujourdhui=lambda: AUJOURDHUI)
    async with app.run_test(size=(130, 50)) as pilot:
        await _ouvrir(pilot)
        app.screen.query_one("#import-fichier", Input).value = str(novembre)
        await pilot.press("enter")
        await _calme(pilot)
        formulaire = app.screen
        assert isinstance(formulaire, Formulaire)
        assert formulaire.query_one("#champ-client", Select).value == "Tiers"  # what was recognised
        assert formulaire.query_one("#champ-numero", Select).value == ""  # "— aucune —"
        # a header chosen twice is refused under its field, nothing recorded
        formulaire.query_one("#champ-numero", Select).value = "Doc"
        formulaire.query_one("#champ-date_facture", Select).value = "Doc"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, Formulaire)
        assert "déjà choisie" in str(formulaire.query_one("#erreur-date_facture", Static).render())
        assert not (service.racine / "correspondances").exists()
        formulaire.query_one("#champ-date_facture", Select).value = "Emis le"
        formulaire.query_one("#champ-date_echeance", Select).value = "Exigible le"
        formulaire.query_one("#champ-reste", Select).value = "Solde TTC"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EcranImportBalance)
        apercu = str(app.screen.query_one("#import-apercu", Static).render())
        assert "1 dossier à créer" in apercu and "Correspondance des colonnes enregistrée" in apercu
        assert len(list((service.racine / "correspondances").iterdir())) == 1
        await pilot.press("ctrl+s")
        await _calme(pilot)
        assert len(service.depot.references()) == 1
        assert isinstance(app.screen, EcranRapprochement)
        await pilot.press("escape")
        # next month's file of the same software: straight to the preview, no form
        await _ouvrir(pilot)
        assert "2 dossiers à créer" in await _apercu(pilot, decembre)
        assert isinstance(app.screen, EcranImportBalance)


async def test_rapprochement_apres_une_balance(service, tmp_path):
    """The next balance: a dossier created, one completed with its new invoice, and an invoice already in
    a dossier whose amount owed differs (a payment to record?); Enter opens the dossier, Escape the list."""
    premiere, suivante = tmp_path / "octobre.csv", tmp_path / "novembre.csv"
    premiere.write_text(BALANCE, encoding="utf-8")
    suivante.write_text(
        "Client;SIREN;N° facture;Date facture;Échéance;Montant TTC\n"
        "Menuiserie Durand SARL;732829320;FA-1;01/08/2026;31/08/2026;1 200,00\n"
        "Menuiserie Durand SARL;732829320;FA-2;01/10/2026;31/10/2026;300,00\n"
        "Transports Lefèvre;552100554;FB-7;05/09/2026;05/10/2026;600,00\n"
        "Café du Port;;C-1;02/10/2026;01/11/2026;99,90\n",
        encoding="utf-8",
    )
    service.echanges.importer_balance(premiere, appliquer=True)
    app = RecouvrementApp(service, aujourdhui=lambda: AUJOURDHUI)
    async with app.run_test(size=(130, 40)) as pilot:
        await _ouvrir(pilot)
        assert "1 dossier à créer" in await _apercu(pilot, suivante)
        await pilot.press("ctrl+s")
        await _calme(pilot)
        ecran = app.screen
        assert isinstance(ecran, EcranRapprochement)
        assert _espaces(str(ecran.query_one("#rapprochement-resume", Static).render())).startswith("1 dossier créé")
        assert [c.titre for c in ecran.query_one(TableRapprochement).COLONNES] == [
            "Dossier", "Débiteur", "Factures nouvelles", "À faire"]  # a balance has no payments
        lignes = _lignes(ecran)
        assert set(lignes) == {"Café du Port", "Menuiserie Durand (SARL)", "Transports Lefèvre"}
        cafe, durand, lefevre = lignes["Café du Port"], lignes["Menuiserie Durand (SARL)"], lignes["Transports Lefèvre"]
        assert cafe[2:] == ("99,90 € : C-1", "dossier créé") and cafe[0] in service.depot.references()
        assert durand[2:] == ("300,00 € : FA-2", "")
        assert lefevre[2:] == ("", "⚠ 1 désaccord")
        # the disagreement in full below the table
        table = ecran.query_one(TableRapprochement)
        table.curseur = next(i for i, l in enumerate(table.lignes_visibles) if l.cellules[1] == "Transports Lefèvre")
        await pilot.pause()
        detail = _espaces(str(ecran.query_one("#rapprochement-detail", Static).render()))
        assert ("Facture FB-7 : reste dû 600,00 € selon la balance, 850,00 € dans le dossier "
                "(un paiement à enregistrer ?)") in detail
        await pilot.press("enter")
        await _calme(pilot)
        assert isinstance(app.screen, EcranDossier) and app.screen.dossier.reference == lefevre[0]
        await pilot.press("escape")
        await _calme(pilot)
        assert app.screen is ecran
        await pilot.press("escape")
        await _calme(pilot)
        assert isinstance(app.screen, EcranListe) and len(app.lignes_dossiers()) == 3


def _classeur(*feuilles: tuple[str, list[list[object]]]) -> bytes:
    classeur = Workbook()
    classeur.remove(classeur.active)
    for nom, lignes in feuilles:
        feuille = classeur.create_sheet(nom)
        for ligne in lignes:
            feuille.append(ligne)
    sortie = io.BytesIO()
    classeur.save(sortie)
    return sortie.getvalue()


def _feuille(texte: str) -> list[list[object]]:
    return [list(ligne.split(";")) for ligne in texte.splitlines()]


async def test_feuille_choisie_a_l_ecran(service, tmp_path):
    """A workbook of two sheets: the choice shows them, the first read; the second chosen, its preview,
    and Ctrl+S imports that sheet."""
    autre = "Client;N° facture;Date facture;Échéance;Montant TTC\nCafé du Port;C-1;02/10/2026;01/11/2026;99,90\n"
    fichier = tmp_path / "balances.xlsx"
    fichier.write_bytes(_classeur(("Octobre", _feuille(BALANCE)), ("Novembre", _feuille(autre))))
    app = RecouvrementApp(service, aujourdhui=lambda: AUJOURDHUI)
    async with app.run_test(size=(130, 40)) as pilot:
        await _ouvrir(pilot)
        assert "2 dossiers à créer" in await _apercu(pilot, fichier)
        ecran = app.screen
        choix = ecran.query_one("#import-feuille", Select)
        assert ecran.query_one("#import-choix-feuille").display
        assert [o[1] for o in choix._options if o[1] is not Select.NULL] == ["Octobre", "Novembre"]
        assert choix.value == "Octobre"
        choix.value = "Novembre"  # as chosen in the list
        await _calme(pilot)
        apercu = _espaces(str(ecran.query_one("#import-apercu", Static).render()))
        assert "1 dossier à créer" in apercu and "Café du Port" in apercu
        await pilot.press("ctrl+s")
        await _calme(pilot)
        assert isinstance(app.screen, EcranRapprochement)
        [reference] = service.depot.references()
        assert service.charger(reference).debiteur.nom == "Café du Port"


async def test_un_fec_sur_la_deuxieme_feuille(service, tmp_path):
    """The FEC on a workbook's second sheet: chosen on screen, the FEC's own preview of that sheet, the
    sheets still offered there."""
    fec = [list(ligne.split("\t")) for ligne in mars().octets().decode("utf-8").splitlines()]
    fichier = tmp_path / "compta.xlsx"
    fichier.write_bytes(_classeur(("Balance", _feuille(BALANCE)), ("FEC", fec)))
    app = RecouvrementApp(service, aujourdhui=lambda: AUJOURDHUI)
    async with app.run_test(size=(140, 45)) as pilot:
        await _ouvrir(pilot)
        assert "2 dossiers à créer" in await _apercu(pilot, fichier)
        app.screen.query_one("#import-feuille", Select).value = "FEC"
        await _calme(pilot)
        await _calme(pilot)
        ecran = app.screen
        assert isinstance(ecran, EcranImportFec) and ecran.feuille == "FEC"
        assert ecran.query_one("#import-fec-feuille", Select).value == "FEC"
        assert "3 dossiers à créer" in _espaces(str(ecran.query_one("#import-fec-apercu", Static).render()))
        await pilot.press("ctrl+s")
        await _calme(pilot)
        assert isinstance(app.screen, EcranRapprochement)
        assert len(service.depot.references()) == 3
