"""The TUI opens on a damaged data folder (issue 12, hole 5): broken settings, a bad index,
damaged and symlinked dossiers. It shows what it can, says what is wrong, never crashes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from recouvrement_tui.domain.model import Debiteur
from recouvrement_tui.services.dossiers import ServiceDossiers
from recouvrement_tui.storage.dossiers import DepotDossiers
from recouvrement_tui.storage.parametres import charger_parametres
from recouvrement_tui.ui.app import RecouvrementApp
from recouvrement_tui.ui.screens.agenda import EcranAgenda, TableAgenda
from recouvrement_tui.ui.screens.liste import EcranListe
from recouvrement_tui.ui.widgets.formulaire import Formulaire
from recouvrement_tui.ui.widgets.table_dossiers import TableDossiers
from tests.conftest import AUJOURDHUI, CREANCIER, DEBITEUR

TAILLE = (140, 40)


def _app(racine: Path) -> RecouvrementApp:
    service = ServiceDossiers(racine, aujourdhui=lambda: AUJOURDHUI, auteur="c.martin", fsync=False,
                              tolerer_parametres=True)
    return RecouvrementApp(service, aujourdhui=lambda: AUJOURDHUI)


def _deux_dossiers(racine: Path) -> list[str]:
    service = ServiceDossiers(racine, aujourdhui=lambda: AUJOURDHUI, auteur="c.martin", fsync=False)
    refs = [service.creer_dossier({**DEBITEUR, "nom": nom}).reference for nom in ("Menuiserie Durand", "Transports Lefèvre")]
    service.fermer()
    return refs


async def _attendre_liste(app, pilot) -> dict:
    """The list's rows by reference, once the background check has run."""
    for _ in range(50):
        await pilot.pause()
        ecran = next(s for s in app.screen_stack if isinstance(s, EcranListe))
        if not ecran.query_one(TableDossiers).toutes_les_lignes or app.workers._workers:
            continue
        break
    await app.workers.wait_for_complete()
    await pilot.pause()
    ecran = next(s for s in app.screen_stack if isinstance(s, EcranListe))
    return {l.cle: l for l in ecran.query_one(TableDossiers).toutes_les_lignes}


@pytest.mark.parametrize(
    "contenu", ["{", "[]", '{"calendrier": {"jours_entre_relances": "x"}}', "repertoire"],
    ids=["json-invalide", "liste", "jours-texte", "repertoire"],
)
async def test_broken_settings_open_the_app_with_a_banner_and_the_settings_screen(tmp_path, contenu):
    racine = tmp_path / "dossiers"
    refs = _deux_dossiers(racine)
    if contenu == "repertoire":
        (racine / "parametres.json").mkdir()
    else:
        (racine / "parametres.json").write_text(contenu, encoding="utf-8")
    app = _app(racine)
    async with app.run_test(size=TAILLE) as pilot:
        lignes = await _attendre_liste(app, pilot)
        assert sorted(lignes) == refs
        assert isinstance(app.screen, Formulaire)
        assert app.screen.query_one("#formulaire-titre").render().plain == "Paramètres"
        liste = app.screen_stack[0]  # the first screen (RecouvrementApp.get_default_screen)
        assert isinstance(liste, EcranListe)
        bandeau = liste.query_one("#bandeau", Static)
        assert bandeau.display and "parametres.json" in str(bandeau.render())
        if contenu == "repertoire":
            return
        for champ, texte in CREANCIER.items():
            app.screen.query_one(f"#champ-{champ}", Input).value = texte
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EcranListe)
        assert not app.screen.query_one("#bandeau", Static).display
    assert charger_parametres(racine).creancier.raison_sociale == "Électricité Rhône SAS"


async def test_good_settings_show_no_banner(tmp_path):
    racine = tmp_path / "dossiers"
    _deux_dossiers(racine)
    app = _app(racine)
    async with app.run_test(size=TAILLE) as pilot:
        await _attendre_liste(app, pilot)
        assert isinstance(app.screen, EcranListe)
        assert not app.screen.query_one("#bandeau", Static).display


@pytest.mark.parametrize(
    "index", ["[]", '{"version": 2, "dossiers": {"2026-0001": 5}}', "[" * 50_000, "repertoire"],
    ids=["liste", "entree-nombre", "imbrique", "repertoire"],
)
async def test_a_bad_index_still_lists_the_dossiers(tmp_path, index):
    racine = tmp_path / "dossiers"
    refs = _deux_dossiers(racine)
    chemin = racine / "index.json"
    chemin.unlink()
    if index == "repertoire":
        chemin.mkdir()
    else:
        chemin.write_text(index, encoding="utf-8")
    app = _app(racine)
    async with app.run_test(size=TAILLE) as pilot:
        lignes = await _attendre_liste(app, pilot)
        assert sorted(lignes) == refs
        assert all(not l.endommage for l in lignes.values())
        if index == "repertoire":
            messages = [n.message for n in app._notifications]
            assert sum("index.json" in m and "répertoire" in m for m in messages) == 1
    if index == "repertoire":
        assert chemin.is_dir()
    else:
        assert sorted(json.loads(chemin.read_text(encoding="utf-8"))["dossiers"]) == refs


def _corpus(racine: Path, tmp_path: Path) -> tuple[list[str], dict[str, str]]:
    """Two good dossiers and one of each kind of damage, with a word of the reason shown."""
    bons = _deux_dossiers(racine)
    depot = DepotDossiers(racine, fsync=False)
    quand = dt.datetime(2026, 11, 1, 12)
    endommages = {}
    for reference, quoi in (("2026-0010", "illisible"), ("2026-0011", "vide"), ("2026-0013", "répertoire")):
        depot.creer(Debiteur(nom="À abîmer"), "x", quand, reference=reference)
        endommages[reference] = quoi
    (racine / "2026-0010" / "dossier.json").write_text('{"_meta": {"1": {"schema": 1', encoding="utf-8")
    (racine / "2026-0011" / "dossier.json").write_bytes(b"")
    (racine / "2026-0013" / "dossier.json").unlink()
    (racine / "2026-0013" / "dossier.json").mkdir()
    (racine / "2026-0012" / "pieces").mkdir(parents=True)  # a folder without dossier.json, not empty
    (racine / "2026-0012" / "pieces" / "facture.pdf").write_bytes(b"%PDF")
    endommages["2026-0012"] = "ne contient pas de fichier dossier.json"
    ailleurs = tmp_path / "ailleurs"
    DepotDossiers(ailleurs, fsync=False).creer(Debiteur(nom="Hors du dossier"), "x", quand, reference="2026-0014")
    (racine / "2026-0014").symlink_to(ailleurs / "2026-0014", target_is_directory=True)
    endommages["2026-0014"] = "lien symbolique"
    return bons, endommages


async def test_a_corpus_of_damaged_dossiers_in_the_list_and_the_agenda(tmp_path):
    racine = tmp_path / "dossiers"
    bons, endommages = _corpus(racine, tmp_path)
    cible = tmp_path / "ailleurs" / "2026-0014"
    avant = {p: (p.read_bytes() if p.is_file() else None) for p in sorted(cible.rglob("*"))}
    app = _app(racine)
    async with app.run_test(size=TAILLE) as pilot:
        lignes = await _attendre_liste(app, pilot)
        assert sorted(lignes) == sorted(bons + list(endommages))
        for reference in bons:
            assert not lignes[reference].endommage
            assert lignes[reference].cellules[1].startswith(("Menuiserie Durand", "Transports Lefèvre"))
        for reference, mot in endommages.items():
            assert lignes[reference].endommage, reference
            assert mot in lignes[reference].cellules[1], (reference, lignes[reference].cellules[1])
            assert "Traceback" not in lignes[reference].cellules[1]

        # Opening each damaged dossier says why, in French, and stays on the list.
        table = app.screen.query_one(TableDossiers)
        for reference in endommages:
            table.curseur = [l.cle for l in table.lignes_visibles].index(reference)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, EcranListe)
            dernier = list(app._notifications)[-1]
            assert dernier.title == f"Dossier {reference}" and dernier.severity == "error"
            assert "Erreur inattendue" not in dernier.message and "Errno" not in dernier.message

        await pilot.press("a")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, EcranAgenda)
        agenda = app.screen.query_one(TableAgenda)
        await pilot.pause()
        montrees = {l.donnee[0].reference: l for l in agenda.lignes_visibles}
        for reference in endommages:
            assert "Dossier illisible" in montrees[reference].cellules[4]
        etat = str(app.screen.query_one("#agenda-etat", Static).render())
        assert f"{len(endommages)} dossiers illisibles" in etat
        # The period filter "Tout" still shows the good dossiers' actions next to the damaged ones.
        app.screen.query_one("#agenda-periode").value = "tout"
        await pilot.pause()
        montrees = {l.donnee[0].reference for l in agenda.lignes_visibles}
        assert set(bons) <= montrees and set(endommages) <= montrees
        # Opening a damaged one from the agenda: a French message, the agenda stays.
        agenda.curseur = [l.donnee[0].reference for l in agenda.lignes_visibles].index("2026-0014")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EcranAgenda)
        assert "lien symbolique" in list(app._notifications)[-1].message
    assert {p: (p.read_bytes() if p.is_file() else None) for p in sorted(cible.rglob("*"))} == avant
