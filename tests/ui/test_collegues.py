"""Colleagues seen live (issue 17.4), with two processes: the app on screen, and a colleague's
process (the `recouvrement` command, or a script through the service) saving the same data
folder. The dossier on screen, the list and the Documents tab follow, and a form being filled
keeps the user's input: merged into the colleague's version, or the conflict shown field by field."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from docx import Document
from textual.widgets import DataTable, Input, Static

from recouvrement_tui.domain.formatage import montant
from recouvrement_tui.ui.app import RecouvrementApp
from recouvrement_tui.ui.screens import dossier_veille, liste
from recouvrement_tui.ui.screens.dossier import EcranDossier
from recouvrement_tui.ui.widgets.formulaire import Formulaire, fusionner
from recouvrement_tui.ui.widgets.table_dossiers import TableDossiers
from tests.conftest import AUJOURDHUI

TAILLE = (130, 38)


def _collegue(racine, *arguments: str) -> None:
    """The `recouvrement` command run by a colleague: another process, another author."""
    env = {**os.environ, "RECOUVREMENT_AUTEUR": "j.dupont"}
    subprocess.run([sys.executable, "-m", "recouvrement_tui", *arguments, "--dossiers", str(racine)],
                   check=True, env=env, capture_output=True, timeout=60)


def _script_collegue(racine, corps: str) -> None:
    """A colleague's process editing a dossier through the service (what their screen would save)."""
    code = textwrap.dedent(f"""
        from pathlib import Path
        from recouvrement_tui.services.dossiers import ServiceDossiers
        service = ServiceDossiers(Path({str(racine)!r}), auteur="j.dupont")
    """) + textwrap.dedent(corps)
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, timeout=60)


def _collegue_modifie_le_debiteur(racine, reference: str, **champs: str) -> None:
    """A colleague's process saves the debtor's form with these fields changed."""
    _script_collegue(racine, f"""
        from recouvrement_tui.ui.formulaires import valeurs_debiteur
        d = service.charger({reference!r})
        service.modifier_debiteur(d, {{**valeurs_debiteur(d.debiteur), **{champs!r}}})
    """)


async def _formulaire_du_debiteur(pilot, reference: str) -> Formulaire:
    """Open the dossier, then its debtor's form (d)."""
    pilot.app.ouvrir_dossier(reference)
    await pilot.pause()
    await pilot.press("d")
    await pilot.pause()
    formulaire = pilot.app.screen
    assert isinstance(formulaire, Formulaire)
    return formulaire


async def _attendre(pilot, condition, secondes: float = 10.0) -> bool:
    for _ in range(int(secondes / 0.05)):
        if condition():
            return True
        await pilot.pause(0.05)
    return condition()


def _rapide(monkeypatch) -> None:
    monkeypatch.setattr(dossier_veille, "PERIODE", 0.1)
    monkeypatch.setattr(liste, "PERIODE_VEILLE", 0.2)


def _journal(ecran) -> list[str]:
    table = ecran.query_one("#table-journal", DataTable)
    return [str(table.get_row_at(i)[3]) for i in range(table.row_count)]


async def test_a_note_written_by_a_colleague_shows_on_the_open_dossier_and_in_the_list(demo, monkeypatch):
    _rapide(monkeypatch)
    reference = demo.depot.references()[0]
    app = RecouvrementApp(demo, aujourdhui=lambda: AUJOURDHUI)
    async with app.run_test(size=TAILLE) as pilot:
        await app.workers.wait_for_complete()
        app.ouvrir_dossier(reference, "journal")
        await pilot.pause()
        ecran = app.screen
        assert isinstance(ecran, EcranDossier)
        _collegue(demo.racine, "noter", reference, "Appel du débiteur : promet de payer le 15/12.")
        assert await _attendre(pilot, lambda: "Appel du débiteur : promet de payer le 15/12." in _journal(ecran))
        assert ecran.dossier.journal[-1].auteur == "j.dupont"
        assert any("j.dupont" in str(n.message) for n in app._notifications)

        # A payment recorded by the colleague: the list's balance follows, without reopening anything.
        solde_avant = ecran.dossier.solde
        _script_collegue(demo.racine, f"""
            import datetime as dt
            d = service.charger({reference!r})
            service.ajouter_paiement(d, {{"date": "20/11/2026", "montant": "10"}})
        """)
        await pilot.press("escape")
        table = app.screen.query_one(TableDossiers)
        ligne = lambda: next(l for l in table.toutes_les_lignes if l.cle == reference)  # noqa: E731
        assert await _attendre(pilot, lambda: ligne().donnee.solde == solde_avant - 10)
        assert ligne().cellules[2] == montant(solde_avant - 10)


async def test_a_form_being_filled_keeps_the_users_input_on_the_colleagues_version(demo, monkeypatch):
    _rapide(monkeypatch)
    reference = demo.depot.references()[1]
    app = RecouvrementApp(demo, aujourdhui=lambda: AUJOURDHUI)
    async with app.run_test(size=TAILLE) as pilot:
        formulaire = await _formulaire_du_debiteur(pilot, reference)
        formulaire.query_one("#champ-telephone", Input).value = "04 72 00 00 01"
        # Meanwhile a colleague corrects the e-mail address.
        _collegue_modifie_le_debiteur(demo.racine, reference, email="compta@debiteur.example")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EcranDossier), str(formulaire.query_one("#erreur-generale", Static).render())
        enregistre = demo.charger(reference)
        assert enregistre.debiteur.telephone == "04 72 00 00 01"  # the user's input
        assert enregistre.debiteur.email == "compta@debiteur.example"  # the colleague's, kept


async def test_the_same_field_changed_by_both_is_shown_field_by_field_then_the_user_decides(demo, monkeypatch):
    _rapide(monkeypatch)
    reference = demo.depot.references()[2]
    app = RecouvrementApp(demo, aujourdhui=lambda: AUJOURDHUI)
    async with app.run_test(size=TAILLE) as pilot:
        formulaire = await _formulaire_du_debiteur(pilot, reference)
        formulaire.query_one("#champ-email", Input).value = "moi@debiteur.example"
        _collegue_modifie_le_debiteur(demo.racine, reference, email="collegue@debiteur.example",
                                      telephone="01 02 03 04 05")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is formulaire  # nothing saved over the colleague's version
        erreur = str(formulaire.query_one("#erreur-email", Static).render())
        assert "«\u00a0collegue@debiteur.example\u00a0»" in erreur and "«\u00a0moi@debiteur.example\u00a0»" in erreur
        assert "modifié par un collègue" in str(formulaire.query_one("#erreur-generale", Static).render())
        # The colleague's other change is taken into the form; the user's input is still there.
        assert formulaire.query_one("#champ-telephone", Input).value == "01 02 03 04 05"
        assert formulaire.query_one("#champ-email", Input).value == "moi@debiteur.example"
        assert demo.charger(reference).debiteur.email == "collegue@debiteur.example"
        await pilot.press("ctrl+s")  # the user keeps theirs
        await pilot.pause()
        assert isinstance(app.screen, EcranDossier)
        enregistre = demo.charger(reference)
        assert (enregistre.debiteur.email, enregistre.debiteur.telephone) == ("moi@debiteur.example", "01 02 03 04 05")


async def test_the_documents_tab_notices_a_file_a_lawyer_saved(demo, monkeypatch):
    _rapide(monkeypatch)
    reference = demo.documents.relances_dues(AUJOURDHUI)[0][0]
    genere = demo.documents.generer(demo.charger(reference), "mise_en_demeure")
    app = RecouvrementApp(demo, aujourdhui=lambda: AUJOURDHUI)
    async with app.run_test(size=TAILLE) as pilot:
        app.ouvrir_dossier(reference, "documents")
        await pilot.pause()
        table = app.screen.query_one("#table-documents", DataTable)
        assert not str(table.get_row_at(0)[3]).endswith("après sa génération")
        doc = Document(genere.chemin)  # the lawyer edits it in Word, in another program
        doc.add_paragraph("Ajout de l'avocat.")
        doc.save(genere.chemin)
        assert await _attendre(pilot, lambda: str(table.get_row_at(0)[3]).endswith("après sa génération"))


def test_three_way_merge_of_a_form():
    base = {"nom": "Durand", "email": "", "ville": "Lyon", "pays": "France"}
    miennes = {"nom": "Durand SARL", "email": "a@x.fr", "ville": "Lyon", "pays": "France"}
    siennes = {"nom": "Durand", "email": "b@x.fr", "ville": "Lyon 3e", "pays": "France"}
    fusion, conflits = fusionner(base, miennes, siennes)
    assert fusion == {"nom": "Durand SARL", "email": "a@x.fr", "ville": "Lyon 3e", "pays": "France"}
    assert conflits == {"email": ("a@x.fr", "b@x.fr")}
    # The same change on both sides, or blanks around it, is no conflict.
    assert fusionner({"x": "1"}, {"x": "2 "}, {"x": "2"}) == ({"x": "2 "}, {})
