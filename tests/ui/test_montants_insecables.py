"""Amounts are never split across lines on screen (ui/insecable.py), at any width."""

from __future__ import annotations

import re
from decimal import Decimal

from rich.console import Console
from rich.text import Text
from textual.content import Content
from textual.geometry import Region
from textual.widgets import Static

import recouvrement_tui.ui  # noqa: F401  # installs the wrapping of amounts, as the application does
from recouvrement_tui.domain.formatage import montant, taux
from recouvrement_tui.ui.app import RecouvrementApp
from recouvrement_tui.ui.screens.dossier import EcranDossier
from tests.conftest import AUJOURDHUI

# An amount as domain.formatage writes it, or as a legal text does with plain spaces.
MONTANT = re.compile(r"\d{1,3}(?:[\u202f ]\d{3})*(?:,\d+)?[\u00a0 ][€%]")

PHRASE = (
    f"Le principal restant dû est de {montant(Decimal('12345.67'))}, les intérêts de "
    f"{montant(Decimal('1234.56'))} au taux de {taux(Decimal('12.15'))} ; l'indemnité forfaitaire "
    f"de 40 € par facture s'ajoute, soit {montant(Decimal('1234567.89'))} en tout, et l'avocat est "
    "obligatoire au-delà de 10 000 € en jeu."
)


def _entiers(montants: list[str], lignes: list[str]) -> list[str]:
    """The amounts not found whole on one line."""
    return [m for m in montants if not any(m in ligne for ligne in lignes)]


def test_une_phrase_ne_coupe_aucun_montant_quelle_que_soit_la_largeur():
    montants = MONTANT.findall(PHRASE)
    assert len(montants) == 6
    console = Console(width=200)
    for largeur in range(16, 90):
        rich = [l.plain for l in Text(PHRASE).wrap(console, largeur)]
        textual = [l.plain for l in Content(PHRASE).wrap(largeur)]
        assert _entiers(montants, rich) == [], (largeur, rich)
        assert _entiers(montants, textual) == [], (largeur, textual)
        assert "".join(textual).replace(" ", "") == PHRASE.replace(" ", "")  # nothing lost or added


def test_les_mots_se_coupent_toujours_aux_espaces_ordinaires():
    lignes = [l.plain.rstrip() for l in Content("relance amiable puis mise en demeure").wrap(16)]
    assert lignes == ["relance amiable", "puis mise en", "demeure"]


async def test_synthese_etroite_garde_les_montants_entiers(demo):
    reference = demo.documents.relances_dues(AUJOURDHUI)[0][0]
    app = RecouvrementApp(demo, aujourdhui=lambda: AUJOURDHUI)
    async with app.run_test(size=(80, 60)) as pilot:
        await pilot.pause()
        app.ouvrir_dossier(reference)
        await pilot.pause()
        assert isinstance(app.screen, EcranDossier)
        synthese = app.screen.query_one("#synthese-texte", Static)
        texte = str(synthese.render())
        montants = MONTANT.findall(texte)
        assert montants, texte
        for colonnes in range(40, 81, 3):
            await pilot.resize_terminal(colonnes, 60)
            await pilot.pause()
            await pilot.pause()
            largeur, hauteur = synthese.outer_size  # padding included
            synthese.refresh()  # the lines of this width, not those cached at the previous one
            lignes = [strip.text for strip in synthese.render_lines(Region(0, 0, largeur, hauteur))]
            if colonnes == 40:
                assert len([l for l in lignes if l.strip()]) > texte.count("\n") + 1  # it did wrap
            assert _entiers(montants, lignes) == [], (colonnes, lignes)
