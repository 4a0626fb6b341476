"""The file picker (widgets/choix_fichier.py): from the attach form, the revision form and the import."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widgets import Input, Select

from recouvrement_tui.ui.app import RecouvrementApp
from recouvrement_tui.ui.screens.dossier import EcranDossier
from recouvrement_tui.ui.screens.import_balance import EcranImportBalance
from recouvrement_tui.ui.widgets.choix_fichier import ArbreFichiers, ChoixFichier, dossier_de_depart
from recouvrement_tui.ui.widgets.formulaire import Formulaire
from tests.conftest import AUJOURDHUI

TAILLE = (130, 40)


def _pieces(tmp_path: Path) -> Path:
    dossier = tmp_path / "à joindre"
    (dossier / "sous-dossier").mkdir(parents=True)
    (dossier / "contrat cadre.pdf").write_bytes(b"%PDF-1.4 contrat")
    (dossier / "balance.csv").write_text("Compte;Nom;Solde\n", encoding="utf-8")
    (dossier / ".cache").write_text("caché", encoding="utf-8")
    return dossier


async def _arbre_pret(pilot) -> ArbreFichiers:
    """The picker's tree once its folder is read (in a worker)."""
    arbre = pilot.app.screen.query_one(ArbreFichiers)
    for _ in range(50):
        await pilot.pause()
        if arbre.root.children:
            break
    return arbre


def _libelles(arbre: ArbreFichiers) -> list[str]:
    return [str(n.label) for n in arbre.root.children]


async def _aller_sur(pilot, arbre: ArbreFichiers, nom: str) -> None:
    noeud = next(n for n in arbre.root.children if str(n.label) == nom)
    arbre.move_cursor(noeud)
    await pilot.pause()


async def test_joindre_une_piece_choisie_dans_l_arbre(demo, tmp_path):
    dossier = _pieces(tmp_path)
    reference = demo.documents.relances_dues(AUJOURDHUI)[0][0]
    app = RecouvrementApp(demo, aujourdhui=lambda: AUJOURDHUI)
    async with app.run_test(size=TAILLE) as pilot:
        await pilot.pause()
        app.ouvrir_dossier(reference)
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        formulaire = app.screen
        assert isinstance(formulaire, Formulaire)
        # The path typed so far says where the tree opens: its folder.
        formulaire.query_one("#champ-fichier", Input).value = str(dossier / "inexistant.pdf")
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, ChoixFichier)
        arbre = await _arbre_pret(pilot)
        assert Path(arbre.path) == dossier
        libelles = _libelles(arbre)
        assert libelles == ["sous-dossier", "balance.csv", "contrat cadre.pdf"]  # folders first, hidden file left out
        await _aller_sur(pilot, arbre, "contrat cadre.pdf")
        assert app.screen.query_one("#choix-fichier-chemin", Input).value == str(dossier / "contrat cadre.pdf")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is formulaire
        assert formulaire.query_one("#champ-fichier", Input).value == str(dossier / "contrat cadre.pdf")
        formulaire.query_one("#champ-type", Select).value = "contrat"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()  # the pièce is copied in a thread
        await pilot.pause()
        assert isinstance(app.screen, EcranDossier)
    assert (demo.depot.chemin(reference) / "pieces" / "contrat cadre.pdf").exists()


async def test_bouton_parcourir_et_echap_garde_ce_qui_etait_tape(demo, tmp_path):
    reference = demo.documents.relances_dues(AUJOURDHUI)[0][0]
    app = RecouvrementApp(demo, aujourdhui=lambda: AUJOURDHUI)
    async with app.run_test(size=TAILLE) as pilot:
        await pilot.pause()
        app.ouvrir_dossier(reference)
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        formulaire = app.screen
        formulaire.query_one("#champ-fichier", Input).value = "/ailleurs/rien.pdf"
        await pilot.click("#parcourir-fichier")
        await pilot.pause()
        assert isinstance(app.screen, ChoixFichier)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is formulaire
        assert formulaire.query_one("#champ-fichier", Input).value == "/ailleurs/rien.pdf"


async def test_filtre_par_extension_et_tous_les_fichiers(tmp_path):
    from textual.app import App

    dossier = _pieces(tmp_path)

    class Hote(App[None]):
        def on_mount(self) -> None:
            self.push_screen(ChoixFichier("Fichier à importer", str(dossier), (".csv",)))

    async with Hote().run_test(size=TAILLE) as pilot:
        arbre = await _arbre_pret(pilot)
        assert _libelles(arbre) == ["sous-dossier", "balance.csv"]
        await pilot.press("ctrl+t")
        for _ in range(20):
            await pilot.pause()
            if len(arbre.root.children) == 3:
                break
        assert _libelles(arbre) == ["sous-dossier", "balance.csv", "contrat cadre.pdf"]


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
async def test_liens_montres_mais_pas_suivis(tmp_path):
    from textual.app import App

    dossier = _pieces(tmp_path)
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "mots-de-passe.txt").write_text("x", encoding="utf-8")
    (dossier / "raccourci").symlink_to(secret, target_is_directory=True)

    class Hote(App[None]):
        def on_mount(self) -> None:
            self.push_screen(ChoixFichier("Pièce", str(dossier)))

    async with Hote().run_test(size=TAILLE) as pilot:
        arbre = await _arbre_pret(pilot)
        lien = next(n for n in arbre.root.children if str(n.label).startswith("raccourci"))
        assert "lien" in str(lien.label) and not lien.allow_expand
        arbre.move_cursor(lien)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ChoixFichier)  # not chosen, not opened
        assert not lien.children


async def test_gros_dossier_liste_en_partie_sans_bloquer(tmp_path, monkeypatch):
    from textual.app import App

    from recouvrement_tui.ui.widgets import choix_fichier

    monkeypatch.setattr(choix_fichier, "LIMITE", 50)
    dossier = tmp_path / "beaucoup"
    dossier.mkdir()
    for i in range(120):
        (dossier / f"f{i:03}.pdf").write_bytes(b"")

    class Hote(App[None]):
        def on_mount(self) -> None:
            self.push_screen(ChoixFichier("Pièce", str(dossier)))

    async with Hote().run_test(size=TAILLE) as pilot:
        arbre = await _arbre_pret(pilot)
        assert len(arbre.root.children) == 51
        assert str(arbre.root.children[-1].label).startswith("… et 70 autres")


async def test_import_balance_parcourir_remplit_et_montre_l_apercu(demo, tmp_path):
    dossier = _pieces(tmp_path)
    app = RecouvrementApp(demo, aujourdhui=lambda: AUJOURDHUI)
    async with app.run_test(size=TAILLE) as pilot:
        await pilot.pause()
        app.push_screen(EcranImportBalance())
        await pilot.pause()
        app.screen.query_one("#import-fichier", Input).value = str(dossier) + os.sep
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, ChoixFichier)
        arbre = await _arbre_pret(pilot)
        assert "contrat cadre.pdf" not in _libelles(arbre)  # imports: spreadsheets and text files only
        await _aller_sur(pilot, arbre, "balance.csv")
        await pilot.press("enter")
        await pilot.pause()
        # The preview ran at once: this balance lacks columns, so the matching form is up.
        assert isinstance(app.screen, Formulaire)
        ecran = next(e for e in app.screen_stack if isinstance(e, EcranImportBalance))
        assert ecran.query_one("#import-fichier", Input).value == str(dossier / "balance.csv")


def test_dossier_de_depart(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("USERPROFILE", str(tmp_path))
    dossier = _pieces(tmp_path)
    assert dossier_de_depart("") == Path.home()
    assert dossier_de_depart(f'"{dossier / "contrat cadre.pdf"}"') == dossier
    assert dossier_de_depart(str(dossier / "absent" / "plus-loin" / "x.pdf")) == dossier
    assert dossier_de_depart(str(dossier)) == dossier


async def test_clic_simple_montre_double_clic_choisit(tmp_path):
    from textual.app import App

    dossier = _pieces(tmp_path)
    choix: list[str | None] = []

    class Hote(App[None]):
        def on_mount(self) -> None:
            self.push_screen(ChoixFichier("Pièce", str(dossier)), choix.append)

    async with Hote().run_test(size=TAILLE) as pilot:
        arbre = await _arbre_pret(pilot)
        ligne = next(n for n in arbre.root.children if str(n.label) == "contrat cadre.pdf").line
        await pilot.click(ArbreFichiers, offset=(6, ligne))
        await pilot.pause()
        assert isinstance(pilot.app.screen, ChoixFichier) and not choix
        assert pilot.app.screen.query_one("#choix-fichier-chemin", Input).value == str(dossier / "contrat cadre.pdf")
        await pilot.click(ArbreFichiers, offset=(6, ligne), times=2)
        await pilot.pause()
        assert choix == [str(dossier / "contrat cadre.pdf")]
