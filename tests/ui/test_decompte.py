"""The Décompte tab: shown per dossier, recalculated when the date or conditions change."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Select, Static

from recouvrement_tui.storage.dossiers import DepotDossiers
from recouvrement_tui.ui.app import RecouvrementApp
from recouvrement_tui.ui.screens.dossier import EcranDossier
from tests.conftest import AUJOURDHUI, DEBITEUR

TAILLE = (130, 44)


def _texte(app, selecteur: str) -> str:
    return str(app.screen.query_one(selecteur, Static).render())


async def _ouvrir_decompte(pilot):
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, EcranDossier)
    pilot.app.screen.query_one("TabbedContent").active = "decompte"
    await pilot.pause()


async def test_the_tab_shows_lines_imputations_and_totals(service):
    d = service.creer_dossier(DEBITEUR)
    d = service.ajouter_creance(
        d, {"numero": "F1", "date_facture": "01/01/2026", "date_echeance": "31/01/2026", "montant_ttc": "10000"}
    )
    service.ajouter_paiement(d, {"date": "02/03/2026", "montant": "3000"})
    app = RecouvrementApp(service, aujourdhui=lambda: AUJOURDHUI)
    async with app.run_test(size=TAILLE) as pilot:
        await _ouvrir_decompte(pilot)
        onglet = app.screen
        onglet.query_one("#decompte-au", Input).value = "30/06/2026"
        await pilot.pause()
        lignes = onglet.query_one("#decompte-lignes", DataTable)
        assert lignes.row_count == 2
        assert str(lignes.get_row_at(1)[6]) == "285,20\u00a0€"
        imputation = onglet.query_one("#decompte-imputations", DataTable).get_row_at(0)
        assert [str(x) for x in imputation[3:]] == ["40,00\u00a0€", "99,86\u00a0€", "2\u202f860,14\u00a0€"]
        assert "7\u202f425,06\u00a0€" in _texte(app, "#decompte-totaux")  # 7,139.86 + 285.20


async def test_impossible_date_is_explained_and_unknown_half_year_named(service):
    d = service.creer_dossier(DEBITEUR)
    service.ajouter_creance(d, {"numero": "F1", "date_facture": "01/09/2026", "date_echeance": "30/09/2026", "montant_ttc": "500"})
    app = RecouvrementApp(service, aujourdhui=lambda: AUJOURDHUI)
    async with app.run_test(size=TAILLE) as pilot:
        await _ouvrir_decompte(pilot)
        champ = app.screen.query_one("#decompte-au", Input)
        champ.value = "31/02/2027"
        await pilot.pause()
        assert "n'existe pas" in _texte(app, "#decompte-erreur-au")
        champ.value = "15/02/2027"
        await pilot.pause()
        assert _texte(app, "#decompte-erreur-au") == ""
        message = _texte(app, "#decompte-message")
        assert "2027-S1" in message and "taux_bce_semestres.csv" in message
        assert app.screen.query_one("#decompte-lignes", DataTable).row_count == 0


async def test_conditions_form_switches_to_legal_interest(service, racine):
    d = service.creer_dossier({**DEBITEUR, "type_personne": "physique", "qualite": "consommateur", "siren": "", "prenom": "Léa"})
    service.ajouter_creance(d, {"numero": "F1", "date_facture": "01/01/2026", "date_echeance": "15/02/2026", "montant_ttc": "1200"})
    app = RecouvrementApp(service, aujourdhui=lambda: AUJOURDHUI)
    async with app.run_test(size=TAILLE) as pilot:
        await _ouvrir_decompte(pilot)
        app.screen.query_one("#decompte-au", Input).value = "30/06/2026"
        await pilot.pause()
        assert "aucune date de mise en demeure" in _texte(app, "#decompte-avertissements")
        await pilot.press("c")
        await pilot.pause()
        app.screen.query_one("#champ-date_mise_en_demeure", Input).value = "10/03/2026"
        assert app.screen.query_one("#champ-regime", Select).value == ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EcranDossier)
        lignes = app.screen.query_one("#decompte-lignes", DataTable)
        assert [str(c) for c in lignes.get_row_at(0)[1:7]] == [
            "11/03/2026", "30/06/2026", "112", "2,62\u00a0%", "1\u202f200,00\u00a0€", "9,65\u00a0€",
        ]
    relu = DepotDossiers(racine).charger(d.reference)
    assert str(relu.conditions.date_mise_en_demeure) == "2026-03-10"
    assert relu.journal[-1].texte == "Conditions du décompte modifiées : date de mise en demeure."
