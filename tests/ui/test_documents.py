"""The Documents tab and the day's reminder batch, driven with Textual's Pilot."""

from __future__ import annotations

import shutil

from docx import Document
from textual.widgets import DataTable, OptionList, ProgressBar

from recouvrement_tui.domain.etapes import TypeEvenement
from recouvrement_tui.services import documents as service_documents
from recouvrement_tui.services.dossiers import ServiceDossiers
from recouvrement_tui.ui.app import RecouvrementApp
from recouvrement_tui.ui.screens.dossier import EcranDossier
from recouvrement_tui.ui.screens.relances import EcranRelances
from recouvrement_tui.ui.widgets.attente import EcranAttente
from recouvrement_tui.ui.widgets.choix_modele import ChoixModele
from recouvrement_tui.ui.widgets.formulaire import Formulaire
from tests.conftest import AUJOURDHUI

TAILLE = (130, 38)


def _app(service: ServiceDossiers) -> RecouvrementApp:
    return RecouvrementApp(service, aujourdhui=lambda: AUJOURDHUI)


def _reference_avec_relance(service) -> str:
    return service.documents.relances_dues(AUJOURDHUI)[0][0]


async def _ouvrir_documents(pilot, reference: str):
    app = pilot.app
    app.ouvrir_dossier(reference, "documents")
    await pilot.pause()
    assert isinstance(app.screen, EcranDossier)
    return app.screen


async def _generer(pilot, cle: str) -> None:
    await pilot.press("g")
    await pilot.app.workers.wait_for_complete()  # the models offered are worked out in a thread
    await pilot.pause()
    assert isinstance(pilot.app.screen, ChoixModele)
    liste = pilot.app.screen.query_one(OptionList)
    liste.highlighted = next(i for i in range(liste.option_count) if liste.get_option_at_index(i).id == cle)
    await pilot.press("enter")
    for _ in range(400):  # generated in a thread, behind a waiting modal
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.02)
        if not isinstance(pilot.app.screen, ChoixModele | EcranAttente):
            break


async def test_generer_puis_voir_la_version(demo):
    reference = _reference_avec_relance(demo)
    app = _app(demo)
    async with app.run_test(size=TAILLE) as pilot:
        await pilot.pause()
        ecran = await _ouvrir_documents(pilot, reference)
        await _generer(pilot, "mise_en_demeure")
        assert ecran.query_one("#onglets").active == "documents"
        table = ecran.query_one("#table-documents", DataTable)
        assert table.row_count == 1
        ligne = [str(c) for c in table.get_row_at(0)]
        assert ligne[1] == "Mise en demeure (LRAR)" and ligne[2] == "v1" and ligne[3] == "tel que généré"
    fichier = demo.depot.chemin(reference) / "documents" / f"{AUJOURDHUI.isoformat()}_mise_en_demeure_v1.docx"
    assert fichier.exists()
    assert demo.charger(reference).journal[-1].type is TypeEvenement.DOCUMENT


async def test_modele_impossible_grise_avec_la_raison(demo):
    reference = _reference_avec_relance(demo)
    app = _app(demo)
    async with app.run_test(size=TAILLE) as pilot:
        await pilot.pause()
        await _ouvrir_documents(pilot, reference)
        await pilot.press("g")
        await app.workers.wait_for_complete()
        await pilot.pause()
        liste = app.screen.query_one(OptionList)
        options = {liste.get_option_at_index(i).id: liste.get_option_at_index(i) for i in range(liste.option_count)}
        transmission = options["transmission_commissaire_justice"]
        assert transmission.disabled and "Aucun titre exécutoire" in str(transmission.prompt)
        injonction = options["requete_injonction_commerce"]
        assert injonction.disabled and "art. 1344 C. civ." in str(injonction.prompt)
        assert not options["mise_en_demeure"].disabled


async def test_fichier_modifie_signale_puis_depose_comme_nouvelle_version(demo):
    reference = _reference_avec_relance(demo)
    genere = demo.documents.generer(demo.charger(reference), "mise_en_demeure")
    doc = Document(genere.chemin)
    doc.add_paragraph("Ajout de l'avocat.")
    doc.save(genere.chemin)
    app = _app(demo)
    async with app.run_test(size=TAILLE) as pilot:
        await pilot.pause()
        ecran = await _ouvrir_documents(pilot, reference)
        table = ecran.query_one("#table-documents", DataTable)
        assert str(table.get_row_at(0)[3]).endswith("après sa génération")
        table.focus()
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, Formulaire)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EcranDossier)
        assert table.row_count == 2
        assert [str(c) for c in table.get_row_at(0)][2:4] == ["v2", "révision déposée"]


async def test_ouvrir_utilise_recouvrement_ouvrir(demo, monkeypatch, tmp_path):
    reference = _reference_avec_relance(demo)
    genere = demo.documents.generer(demo.charger(reference), "mise_en_demeure")
    temoin = tmp_path / "ouvert.txt"
    monkeypatch.setenv("RECOUVREMENT_OUVRIR", f"sh -c 'echo \"$0\" > {temoin}' {{}}")
    app = _app(demo)
    async with app.run_test(size=TAILLE) as pilot:
        await pilot.pause()
        await _ouvrir_documents(pilot, reference)
        await pilot.press("o")
        for _ in range(40):
            await pilot.pause(0.05)
            if temoin.exists() and temoin.read_text().strip():
                break
    assert temoin.read_text().strip() == str(genere.chemin)


async def test_ouvrir_sans_programme_explique(demo, monkeypatch):
    reference = _reference_avec_relance(demo)
    demo.documents.generer(demo.charger(reference), "mise_en_demeure")
    monkeypatch.delenv("RECOUVREMENT_OUVRIR", raising=False)
    monkeypatch.setattr(shutil, "which", lambda nom: None)
    app = _app(demo)
    async with app.run_test(size=TAILLE) as pilot:
        await pilot.pause()
        await _ouvrir_documents(pilot, reference)
        await pilot.press("o")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("RECOUVREMENT_OUVRIR" in m for m in messages), messages


async def test_lot_de_relances_avec_barre_de_progression(demo):
    dues = demo.documents.relances_dues(AUJOURDHUI)
    app = _app(demo)
    async with app.run_test(size=TAILLE) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await app.workers.wait_for_complete()  # the reminders due are searched in a thread
        await pilot.pause()
        assert isinstance(app.screen, EcranRelances)
        await pilot.press("l")  # everything by letter, as before e-mail (b and e: tests/ui/test_courriel_ui.py)
        await app.workers.wait_for_complete()
        await pilot.pause()
        barre = app.screen.query_one(ProgressBar)
        assert barre.total == len(dues) and barre.progress == len(dues)
        rapport = app.screen.rapport
        assert rapport is not None and len(rapport.prepares) == len(dues) and not rapport.erreurs
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, EcranRelances)
    for reference, _cle in dues:
        assert demo.charger(reference).journal[-1].type is TypeEvenement.DOCUMENT


async def test_lot_de_relances_en_parallele_depuis_l_application(demo, monkeypatch):
    """Large batches use worker processes; started from inside Textual (its own stderr), too."""
    monkeypatch.setattr(service_documents, "SEUIL_PARALLELE", 1)
    dues = demo.documents.relances_dues(AUJOURDHUI)
    app = _app(demo)
    async with app.run_test(size=TAILLE) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await app.workers.wait_for_complete()  # the reminders due are searched in a thread
        await pilot.pause()
        await pilot.press("l")
        await app.workers.wait_for_complete()
        await pilot.pause()
        rapport = app.screen.rapport
        assert rapport is not None, str(app.screen.query_one("#relances-etat").render())
        assert len(rapport.prepares) == len(dues) and not rapport.erreurs
