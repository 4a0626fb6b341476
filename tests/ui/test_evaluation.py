"""The Évaluation tab: comparison table, chart, assumptions edited in place."""

from __future__ import annotations

import json

from textual.widgets import DataTable, Input, Static

from recouvrement_tui.domain.etapes import Etape
from recouvrement_tui.domain.evaluation import Route
from recouvrement_tui.ui.app import RecouvrementApp
from recouvrement_tui.ui.widgets.formulaire import Formulaire
from recouvrement_tui.ui.widgets.onglet_evaluation import OngletEvaluation
from tests.conftest import AUJOURDHUI

TAILLE = (130, 40)


async def _ouvrir(pilot, reference: str) -> OngletEvaluation:
    pilot.app.ouvrir_dossier(reference, "evaluation")
    await pilot.pause()
    return pilot.app.screen.query_one(OngletEvaluation)


def _en_demeure(service, dossier):
    """The court routes open once the mise en demeure's time has run out (the legal guard)."""
    dossier = service.changer_etape(dossier, Etape.RELANCE_AMIABLE, {"date": "16/10/2026"})
    return service.changer_etape(dossier, Etape.MISE_EN_DEMEURE, {"date": "20/10/2026"})


async def test_tableau_graphique_et_recommandation(service, dossier):
    _en_demeure(service, dossier)
    app = RecouvrementApp(service, aujourdhui=lambda: AUJOURDHUI)
    async with app.run_test(size=TAILLE) as pilot:
        await pilot.pause()
        onglet = await _ouvrir(pilot, dossier.reference)
        table = onglet.query_one(DataTable)
        assert table.row_count == 6
        e = onglet.evaluation
        assert e is not None and e.recommandation is not None
        resume = str(onglet.query_one("#evaluation-resume", Static).render())
        assert "Recommandation : " + e.recommandation.libelle in resume
        graphique = str(onglet.query_one("#evaluation-graphique", Static).render())
        assert "Injonction de payer" in graphique and "█" in graphique


async def test_hypotheses_modifiees_resultat_mis_a_jour(service, dossier, racine):
    app = RecouvrementApp(service, aujourdhui=lambda: AUJOURDHUI)
    async with app.run_test(size=TAILLE) as pilot:
        await pilot.pause()
        onglet = await _ouvrir(pilot, dossier.reference)
        avant = onglet.evaluation.recommandation
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, Formulaire)
        app.screen.query_one(f"#champ-facteur_{avant.value}", Input).value = "0,01"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, Formulaire)
        assert onglet.evaluation.recommandation is not avant  # updated at once
    enregistre = json.loads((racine / "hypotheses.json").read_text(encoding="utf-8"))
    assert enregistre["facteur_voie"][avant.value] == "0.01"


async def test_hypothese_invalide_signalee_rien_ecrit(service, dossier, racine):
    app = RecouvrementApp(service, aujourdhui=lambda: AUJOURDHUI)
    async with app.run_test(size=TAILLE) as pilot:
        await pilot.pause()
        await _ouvrir(pilot, dossier.reference)
        await pilot.press("h")
        await pilot.pause()
        app.screen.query_one("#champ-facteur_litige", Input).value = "1,5"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, Formulaire)
        erreurs = {w.id for w in app.screen.query(".erreur") if w.display}
        assert "erreur-facteur_litige" in erreurs
    assert not (racine / "hypotheses.json").exists()


async def test_signes_d_insolvabilite_baissent_les_chances(service, dossier):
    app = RecouvrementApp(service, aujourdhui=lambda: AUJOURDHUI)
    async with app.run_test(size=TAILLE) as pilot:
        await pilot.pause()
        onglet = await _ouvrir(pilot, dossier.reference)
        avant = {r.route: r.probabilite for r in onglet.evaluation.routes if r.possible}
        await pilot.press("i")
        await pilot.pause()
        apres = {r.route: r.probabilite for r in onglet.evaluation.routes if r.possible}
        assert all(apres[r] < avant[r] for r in avant)
        assert "insolvabilité" in str(onglet.query_one("#evaluation-resume", Static).render())
        # "Signes" is masculine: a user read « Signes d'insolvabilité prises en compte ».
        assert [n.message for n in app._notifications][-1] == "Signes d'insolvabilité pris en compte pour cette évaluation."


async def test_voie_refusee_par_la_garde_avec_sa_raison(service, dossier):
    """At the injonction stage the référé is foreclosed: greyed "impossible", and its detail gives
    the guard's reason; the engaged injonction says what remains to be spent."""
    dossier = _en_demeure(service, dossier)
    service.changer_etape(dossier, Etape.INJONCTION_DE_PAYER, {"date": "02/11/2026", "juridiction": "TAE de Lyon"})
    app = RecouvrementApp(service, aujourdhui=lambda: AUJOURDHUI)
    async with app.run_test(size=TAILLE) as pilot:
        await pilot.pause()
        onglet = await _ouvrir(pilot, dossier.reference)
        table = onglet.query_one(DataTable)
        rangs = [r.route for r in onglet.evaluation.routes]
        ligne = table.get_row_at(rangs.index(Route.REFERE_PROVISION))
        assert "impossible" in str(ligne[1])
        detail = str(onglet.query_one("#evaluation-detail", Static).render())
        assert "Voie engagée — reste à engager" in detail and "déjà engagé, non compté" in detail
        table.move_cursor(row=rangs.index(Route.REFERE_PROVISION))
        await pilot.pause()
        detail = str(onglet.query_one("#evaluation-detail", Static).render())
        assert "Impossible : La voie « Injonction de payer » est engagée" in detail
