"""The command palette (ctrl+p): every entry in French, none listed twice (issue 17, point 6)."""

from __future__ import annotations

import re

from textual.command import CommandInput, CommandList, CommandPalette

from recouvrement_tui.services.dossiers import ServiceDossiers
from recouvrement_tui.ui.app import RecouvrementApp
from recouvrement_tui.ui.screens.dossier import EcranDossier

TAILLE = (130, 40)

# Words of Textual's own (English) system commands and palette messages.
# ("application" is French too.)
ANGLAIS = {"the", "theme", "themes", "quit", "keys", "screenshot", "change", "search", "show", "hide", "help",
           "save", "matches", "found", "for", "of", "exit", "command", "commands", "focus", "next", "previous",
           "copy", "selected", "text", "top", "bottom", "maximize", "minimize"}


async def _entrees(pilot) -> list[tuple[str, str]]:
    """The palette's entries as (title, help), once its discovery has settled."""
    app = pilot.app
    await pilot.press("ctrl+p")
    precedent = -1
    for _ in range(40):
        await pilot.pause(0.05)
        liste = app.screen.query_one(CommandList)
        if liste.option_count and liste.option_count == precedent:
            break
        precedent = liste.option_count
    liste = app.screen.query_one(CommandList)
    entrees = []
    for i in range(liste.option_count):
        titre, _, aide = str(liste.get_option_at_index(i).prompt).partition("\n")
        entrees.append((titre, aide))
    await pilot.press("escape")
    await pilot.pause()
    return entrees


def _mots_anglais(texte: str) -> set[str]:
    return {m for m in re.findall(r"[a-z]+", texte.lower()) if m in ANGLAIS}


def _verifier(entrees: list[tuple[str, str]]) -> None:
    titres = [t for t, _ in entrees]
    assert titres, "la palette est vide"
    assert len(titres) == len(set(titres)), f"commandes en double : {titres}"
    for titre, aide in entrees:
        assert not _mots_anglais(f"{titre} {aide}"), (titre, aide)


async def test_the_palette_lists_each_command_once_and_in_french(dossier, service: ServiceDossiers):
    app = RecouvrementApp(service)
    async with app.run_test(size=TAILLE) as pilot:
        await pilot.pause()
        sur_la_liste = await _entrees(pilot)
        _verifier(sur_la_liste)
        assert {"Nouveau dossier", "Paramètres", "Agenda", "Thème", "Quitter"} <= {t for t, _ in sur_la_liste}

        app.ouvrir_dossier(dossier.reference)
        await pilot.pause()
        assert isinstance(app.screen, EcranDossier)
        dans_un_dossier = await _entrees(pilot)
        _verifier(dans_un_dossier)
        assert {"Exporter ce dossier", "Joindre une pièce"} <= {t for t, _ in dans_un_dossier}


async def test_the_palette_speaks_french_when_nothing_matches_and_in_the_theme_picker(service: ServiceDossiers):
    app = RecouvrementApp(service)
    async with app.run_test(size=TAILLE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        assert not _mots_anglais(palette.query_one(CommandInput).placeholder)
        assert all(not _mots_anglais(b.description) for bs in palette._bindings.key_to_bindings.values() for b in bs)
        await pilot.press(*"zzqxw")
        for _ in range(40):
            await pilot.pause(0.05)
            liste = palette.query_one(CommandList)
            if liste.option_count:
                break
        assert str(liste.get_option_at_index(0).prompt.renderable) == "Aucun résultat"
        await pilot.press("escape")
        await pilot.pause()

        app.action_change_theme()
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(CommandInput).placeholder == "Choisir un thème…"
