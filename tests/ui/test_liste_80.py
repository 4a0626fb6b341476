"""The dossier list in an 80×24 terminal: the next action's date and the essential keys stay on screen."""

from __future__ import annotations

import pytest
from textual.widgets._footer import FooterKey

from recouvrement_tui.ui.app import RecouvrementApp
from recouvrement_tui.ui.widgets.table_dossiers import TableDossiers, repartir_largeurs
from tests.conftest import AUJOURDHUI, calme

PETIT = (80, 24)


@pytest.fixture
def app(demo) -> RecouvrementApp:
    """The app on the demo folder (40 dossiers, seed 5) at the fixed date."""
    return RecouvrementApp(demo, aujourdhui=lambda: AUJOURDHUI)



def _colonnes(largeurs: tuple[int, ...]) -> dict[str, int]:
    return {c.cle: l for c, l in zip(TableDossiers.COLONNES, largeurs)}


async def test_a_80_colonnes_la_date_et_les_touches_essentielles_restent(app):
    async with app.run_test(size=PETIT) as pilot:
        await calme(pilot)
        table = app.screen.query_one(TableDossiers)
        colonnes = _colonnes(table._largeurs())
        for cle in ("reference", "debiteur", "solde", "action", "date"):
            assert colonnes[cle] > 0, cle
        assert colonnes["date"] == 10 and colonnes["debiteur"] >= 16 and colonnes["action"] >= 16
        assert sum(l + 1 for l in colonnes.values() if l) <= table.scrollable_content_region.width
        entete = table.render_line(0).text
        assert "Date" in entete and "Prochaine action" in entete
        premiere = table.lignes_visibles[0]
        ligne = table.render_line(1).text
        assert premiere.cle in ligne and premiere.cellules[-1] in ligne  # "01/05/2026": the whole date
        # The footer's keys the user needs, each entirely inside the screen and left of ^p.
        cles = {k.description: k.region for k in app.screen.query(FooterKey)}
        palette = next(r for d, r in cles.items() if d == "Commandes")
        for essentielle in ("Ouvrir", "Nouveau", "Filtrer", "Agenda", "Quitter"):
            region = cles[essentielle]
            assert region.width > 0 and region.right <= palette.x and region.right <= PETIT[0], essentielle


def test_le_debiteur_prend_la_place_disponible():
    # At 120 columns (116 for the table) the debtor's name was cut to 12 cells.
    a_120 = _colonnes(repartir_largeurs(116))
    assert a_120["debiteur"] >= 24 and all(a_120[c] for c in ("du", "etape", "action", "date"))
    large = _colonnes(repartir_largeurs(200))
    assert large["debiteur"] > 90 and large["action"] == 28
    for utile in range(40, 220):
        largeurs = repartir_largeurs(utile)
        colonnes = _colonnes(largeurs)
        assert colonnes["date"] == 10 and colonnes["reference"] and colonnes["solde"]
        if utile >= 70:
            assert sum(l + 1 for l in largeurs if l) == utile


def test_liste_80x24(snap_compare, app):
    assert snap_compare(app, terminal_size=PETIT, run_before=calme)


async def test_the_footer_follows_the_focus_and_is_not_rebuilt_for_nothing(app):
    """The footer (ui.widgets.pied_de_page) rebuilds its keys only when they change: it must still
    change with the focus — the filter's keys while typing, the list's again after Escape."""
    from recouvrement_tui.ui.widgets.pied_de_page import PiedDePage

    async with app.run_test(size=(140, 30)) as pilot:
        await calme(pilot)

        def touches() -> list[str]:
            return [k.description for k in app.screen.query(FooterKey) if k.description != "Commandes"]

        pied = app.screen.query_one(PiedDePage)
        liste = touches()
        assert liste[:3] == ["Ouvrir", "Trier", "Nouveau"] and "Quitter" in liste
        cles_de_la_liste = list(pied.query(FooterKey))
        await pilot.press("slash")
        await pilot.pause()
        assert "Quitter" not in touches() and touches()  # the filter's own keys
        await pilot.press("escape")
        await pilot.pause()
        assert touches() == liste
        # Moving the cursor changes no key: the same widgets stay (not removed and mounted again).
        cles = list(pied.query(FooterKey))
        await pilot.press("down", "down")
        await pilot.pause()
        assert list(pied.query(FooterKey)) == cles and cles != cles_de_la_liste
