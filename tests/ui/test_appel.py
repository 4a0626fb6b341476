"""`t` in a dossier: the call sheet, then each outcome's effect on the stage and the agenda (Pilot)."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Input, Select, Static, TextArea

from recouvrement_tui.domain.etapes import Etape, TypeEvenement
from recouvrement_tui.ui.app import RecouvrementApp
from recouvrement_tui.ui.screens.agenda import EcranAgenda, TableAgenda
from recouvrement_tui.ui.screens.appel import EcranAppel
from recouvrement_tui.ui.screens.dossier import EcranDossier
from tests.conftest import AUJOURDHUI

TAILLE = (130, 40)


def _erreurs(app) -> dict[str, str]:
    return {w.id.removeprefix("erreur-"): str(w.render()) for w in app.screen.query(".erreur") if w.display}


async def _ouvrir_l_appel(pilot, clotures: bool = False) -> EcranAppel:
    await pilot.pause()
    if clotures:  # a closed dossier is listed only once the closed ones are shown
        await pilot.press("c")
    await pilot.press("enter")  # the only dossier of the list
    await pilot.pause()
    assert isinstance(pilot.app.screen, EcranDossier)
    await pilot.press("t")
    await pilot.pause()
    assert isinstance(pilot.app.screen, EcranAppel)
    return pilot.app.screen


async def _saisir(pilot, issue: str, **champs: str) -> None:
    ecran = pilot.app.screen
    ecran.query_one("#champ-issue", Select).value = issue
    for cle, valeur in champs.items():
        if cle == "note":
            ecran.query_one("#champ-note", TextArea).text = valeur
        else:
            ecran.query_one(f"#champ-{cle}", Input).value = valeur
    await pilot.press("ctrl+s")
    await pilot.pause()


async def _agenda(pilot) -> list[tuple[str, str]]:
    """(date, action) of the dossier's rows in the agenda, every period shown."""
    await pilot.press("escape")
    await pilot.pause()
    await pilot.press("a")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(pilot.app.screen, EcranAgenda)
    pilot.app.screen.query_one("#agenda-periode", Select).value = "tout"
    await pilot.pause()
    return [(l.cellules[0], l.cellules[4]) for l in pilot.app.screen.query_one(TableAgenda).lignes_visibles]


def _app(service) -> RecouvrementApp:
    return RecouvrementApp(service, aujourdhui=lambda: AUJOURDHUI)


async def test_t_shows_the_sheet_filled_for_this_debtor(service, dossier):
    app = _app(service)
    async with app.run_test(size=TAILLE) as pilot:
        ecran = await _ouvrir_l_appel(pilot)
        fiche = str(ecran.query_one("#fiche-texte", Static).render())
        assert "Facture FA-001 du 01/08/2026" in fiche and "en retard de 84 jours" in fiche
        assert "Montant dû ce jour : 1\u202f623,59\u00a0€" in fiche
        assert "Pouvez-vous me confirmer la date à laquelle le paiement sera effectué" in fiche
        assert "L441-10" in fiche and "mise en demeure vous sera adressée" in fiche
        assert ecran.query_one("#champ-contact", Input).value == "Service comptable"
        await pilot.press("escape")  # cancelled: nothing recorded
        await pilot.pause()
        assert isinstance(app.screen, EcranDossier)
    assert service.charger(dossier.reference).appels == ()


async def test_a_promise_moves_the_dossier_and_the_agenda_checks_the_payment(service, dossier):
    app = _app(service)
    async with app.run_test(size=TAILLE) as pilot:
        await _ouvrir_l_appel(pilot)
        await _saisir(pilot, "promesse", jusquau="20/11/2026")
        erreurs = _erreurs(app)  # form kept open with what was typed, nothing saved
        assert "est passée" in erreurs["jusquau"] and "Indiquez le montant" in erreurs["montant"]
        assert service.charger(dossier.reference).appels == ()
        await _saisir(pilot, "promesse", jusquau="10/12/2026", montant="1 000")
        assert isinstance(app.screen, EcranDossier)
        assert app.screen.dossier.etape is Etape.PROMESSE
        assert app.screen.sub_title == "Promesse de paiement"
        assert ("11/12/2026", "Vérifier le paiement promis (1\u202f000,00\u00a0€)") in await _agenda(pilot)


async def test_a_dispute_moves_the_dossier_to_litige_with_its_reason(service, dossier):
    app = _app(service)
    async with app.run_test(size=TAILLE) as pilot:
        await _ouvrir_l_appel(pilot)
        await _saisir(pilot, "contestation")
        assert "motif de la contestation" in _erreurs(app)["note"]
        await _saisir(pilot, "contestation", note="Livraison incomplète.")
        assert app.screen.dossier.etape is Etape.LITIGE
        assert app.screen.dossier.passage_courant.faits["motif"] == "Livraison incomplète."
        assert ("08/12/2026", "Instruire la contestation") in await _agenda(pilot)


async def test_a_callback_appears_in_the_agenda_until_a_later_call(service, dossier):
    app = _app(service)
    async with app.run_test(size=TAILLE) as pilot:
        await _ouvrir_l_appel(pilot)
        await _saisir(pilot, "rappeler")
        assert _erreurs(app)["jusquau"] == "Indiquez la date à laquelle rappeler (JJ/MM/AAAA)."
        await _saisir(pilot, "rappeler", jusquau="26/11/2026", contact="M. Durand (06 00 00 00 00)")
        assert app.screen.dossier.etape is Etape.NOUVEAU
        assert ("26/11/2026", "Rappeler M. Durand (06 00 00 00 00)") in await _agenda(pilot)
        await pilot.press("escape")
        await pilot.pause()
        await _ouvrir_l_appel(pilot)
        await _saisir(pilot, "message_laisse")
        assert "Rappeler" not in " ".join(action for _, action in await _agenda(pilot))


@pytest.mark.parametrize(("issue", "action"), [
    ("echeancier_demande", ("24/11/2026", "Proposer un échéancier au débiteur")),
    ("mauvais_numero", ("23/11/2026", "Trouver le bon numéro du débiteur")),
    ("pas_de_reponse", None),
])
async def test_other_outcomes_leave_the_stage_and_their_action(service, dossier, issue, action):
    app = _app(service)
    async with app.run_test(size=TAILLE) as pilot:
        await _ouvrir_l_appel(pilot)
        await _saisir(pilot, issue)
        d = app.screen.dossier
        assert d.etape is Etape.NOUVEAU and d.journal[-1].type is TypeEvenement.APPEL
        assert d.journal[-1].texte.startswith("Appel à Service comptable : ")
        lignes = await _agenda(pilot)
        if action:
            assert any(date == action[0] and texte.startswith(action[1]) for date, texte in lignes)
        else:
            assert not any("Proposer" in t or "Rappeler" in t or "numéro" in t for _, t in lignes)


async def test_a_move_the_guard_refuses_keeps_the_call_and_shows_why(service, dossier):
    service.changer_etape(dossier, Etape.CLOTURE, {"date": "23/11/2026", "motif": "irrécouvrable"})
    app = _app(service)
    async with app.run_test(size=TAILLE) as pilot:
        await _ouvrir_l_appel(pilot, clotures=True)
        await _saisir(pilot, "promesse", jusquau="10/12/2026", montant="100")
        assert isinstance(app.screen, EcranDossier)
        assert app.screen.dossier.etape is Etape.CLOTURE
        messages = [n.message for n in app._notifications]
        assert any(m == "Étape non modifiée : Le dossier est clôturé." for m in messages)
    assert service.charger(dossier.reference).appels[-1].refus == "Le dossier est clôturé."
    assert dt.date(2026, 11, 23) == service.charger(dossier.reference).appels[-1].horodatage.date()
