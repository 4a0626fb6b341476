"""Editing the debtor's legal kind and civilité in the TUI (80×24, the smallest terminal)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from textual.widgets import Input, Select, Static

from recouvrement_tui.domain.conditions import Regime
from recouvrement_tui.domain.model import Civilite, Qualite
from recouvrement_tui.storage.dossiers import DepotDossiers
from recouvrement_tui.ui.app import RecouvrementApp
from recouvrement_tui.ui.screens.dossier import EcranDossier
from recouvrement_tui.ui.widgets.formulaire import Formulaire
from tests.conftest import AUJOURDHUI, DEBITEUR

PETIT = (80, 24)


def _erreurs(app) -> dict[str, str]:
    return {w.id.removeprefix("erreur-"): str(w.render()) for w in app.screen.query(".erreur") if w.display}


async def _ouvrir_le_formulaire_du_debiteur(pilot) -> Formulaire:
    await pilot.press("enter")  # opens the only dossier
    await pilot.pause()
    assert isinstance(pilot.app.screen, EcranDossier)
    await pilot.press("d")
    await pilot.pause()
    formulaire = pilot.app.screen
    assert isinstance(formulaire, Formulaire)
    return formulaire


async def test_an_sci_made_non_professionnel_in_the_form_loses_the_40_euros(service, racine):
    d = service.creer_dossier({**DEBITEUR, "nom": "SCI Les Tilleuls", "forme_juridique": "SCI"})
    service.ajouter_creance(d, {"numero": "F1", "date_facture": "15/01/2026", "date_echeance": "15/02/2026",
                                "montant_ttc": "1200"})
    service.fermer()
    app = RecouvrementApp(service, aujourdhui=lambda: AUJOURDHUI)
    async with app.run_test(size=PETIT) as pilot:
        await pilot.pause()
        formulaire = await _ouvrir_le_formulaire_du_debiteur(pilot)
        qualite = formulaire.query_one("#champ-qualite", Select)
        qualite.value = Qualite.NON_PROFESSIONNEL.value
        await pilot.press("ctrl+s")
        await pilot.pause()
        ecran = app.screen
        assert isinstance(ecran, EcranDossier)
        assert ecran.dossier.debiteur.qualite is Qualite.NON_PROFESSIONNEL
        assert "Non-professionnel (SCI, association…)" in str(ecran.query_one("#synthese-texte", Static).render())
        decompte = service.decompte(ecran.dossier, dt.date(2026, 6, 30))
        assert decompte.indemnites == Decimal("0.00")
        assert decompte.creances[0].regime is Regime.LEGAL
    relu = DepotDossiers(racine).charger(d.reference)
    assert relu.debiteur.qualite is Qualite.NON_PROFESSIONNEL
    assert "qualité" in relu.journal[-1].texte


async def test_a_civilite_is_for_a_natural_person_and_is_saved_once_the_type_is_right(service, racine):
    d = service.creer_dossier(DEBITEUR)
    service.fermer()
    app = RecouvrementApp(service, aujourdhui=lambda: AUJOURDHUI)
    async with app.run_test(size=PETIT) as pilot:
        await pilot.pause()
        formulaire = await _ouvrir_le_formulaire_du_debiteur(pilot)
        formulaire.query_one("#champ-civilite", Select).value = Civilite.MADAME.value
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is formulaire  # refused: a company has no civilité
        assert "personne physique" in _erreurs(app)["civilite"]
        # The field in error is brought into view, even on a small terminal.
        assert formulaire.query_one("#champ-civilite", Select).has_focus

        formulaire.query_one("#champ-type_personne", Select).value = "physique"
        formulaire.query_one("#champ-nom", Input).value = "Martin"
        formulaire.query_one("#champ-prenom", Input).value = "Anne"
        formulaire.query_one("#champ-forme_juridique", Input).value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EcranDossier)
        debiteur = app.screen.dossier.debiteur
        assert (debiteur.civilite, debiteur.nom_complet) == (Civilite.MADAME, "Anne Martin")
        assert debiteur.entrepreneur_individuel  # a natural person, professional, with a SIREN
    relu = DepotDossiers(racine).charger(d.reference)
    assert relu.debiteur.civilite is Civilite.MADAME
    assert "civilité" in relu.journal[-1].texte
