"""What a user does in the TUI, driven with Textual's Pilot."""

from __future__ import annotations

from decimal import Decimal

import pytest
from textual.widgets import DataTable, Input, Select, Static

from recouvrement_tui.services.dossiers import ServiceDossiers
from recouvrement_tui.storage.dossiers import DepotDossiers
from recouvrement_tui.ui.app import RecouvrementApp
from recouvrement_tui.ui.screens.dossier import EcranDossier
from recouvrement_tui.ui.screens.liste import EcranListe
from recouvrement_tui.ui.widgets.formulaire import Formulaire
from recouvrement_tui.ui.widgets.table_dossiers import TableDossiers
from tests.conftest import AUJOURDHUI, DEBITEUR

TAILLE = (120, 36)


def _app(service: ServiceDossiers) -> RecouvrementApp:
    return RecouvrementApp(service, aujourdhui=lambda: AUJOURDHUI)


def _remplir(app, valeurs: dict[str, str]) -> None:
    """Type into the open form's text fields, keyed like the domain's saisie functions."""
    for champ, texte in valeurs.items():
        app.screen.query_one(f"#champ-{champ}", Input).value = texte


def _erreurs(app) -> dict[str, str]:
    return {w.id.removeprefix("erreur-"): str(w.render()) for w in app.screen.query(".erreur") if w.display}


def _table(app) -> TableDossiers:
    return app.screen.query_one(TableDossiers)


@pytest.fixture
def trois_dossiers(service):
    for nom, siren in (("Menuiserie Durand", "732829320"), ("Transports Lefèvre", "552100554"), ("Boulangerie du Marché", "")):
        service.creer_dossier({**DEBITEUR, "nom": nom, "siren": siren})
    service.fermer()
    return service


async def test_create_a_dossier_with_errors_fixed_then_saved(service, racine):
    app = _app(service)
    async with app.run_test(size=TAILLE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, Formulaire)
        _remplir(
            pilot.app,
            {
                "nom": "Dupont & Fils <SARL> \"L'Atelier\"",
                "siren": "123 456 789",
            },
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        erreurs = _erreurs(app)
        assert "clé de contrôle" in erreurs["siren"]
        assert erreurs["adresse1"] == "Indiquez l'adresse (numéro et voie)."
        assert DepotDossiers(racine).references() == []  # nothing saved while errors remain
        _remplir(
            pilot.app,
            {
                "siren": "732 829 320",
                "adresse1": "3 place Kléber",
                "code_postal": "67000",
                "ville": "Strasbourg",
            },
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EcranDossier)
        assert app.screen.dossier.debiteur.nom == "Dupont & Fils <SARL> \"L'Atelier\""
        assert app.screen.dossier.debiteur.localisation.value == "alsace_moselle"
        await pilot.press("escape")
        await pilot.pause()
        assert [l.donnee.reference for l in _table(app).lignes_visibles] == ["2026-0001"]
    relu = DepotDossiers(racine).charger("2026-0001")
    assert relu.debiteur.siren == "732829320"


async def test_add_an_invoice_and_a_payment(service, racine):
    d = service.creer_dossier(DEBITEUR)
    app = _app(service)
    async with app.run_test(size=TAILLE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EcranDossier)
        await pilot.press("f")
        await pilot.pause()
        _remplir(
            pilot.app,
            {
                "numero": "FA-2026-0042",
                "date_facture": "01/09/2026",
                "date_echeance": "31/02/2026",
                "montant_ttc": "-3",
            },
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        erreurs = _erreurs(app)
        assert "n'existe pas" in erreurs["date_echeance"]
        assert "supérieur à zéro" in erreurs["montant_ttc"]
        _remplir(
            pilot.app,
            {
                "date_echeance": "01/10/2026",
                "montant_ttc": "2 400,00",
            },
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        ecran = app.screen
        assert isinstance(ecran, EcranDossier)
        assert ecran.query_one("#table-creances", DataTable).row_count == 1

        await pilot.press("p")
        await pilot.pause()
        _remplir(pilot.app, {"montant": "400"})
        app.screen.query_one("#champ-mode", Select).value = "cheque"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is ecran
        assert ecran.dossier.solde == Decimal("2000.00")
        totaux = str(ecran.query_one("#totaux", Static).render())
        assert "Solde 2\u202f000,00\u00a0€" in totaux
        # The list row follows without a reload.
        ligne = app.ecran_liste.query_one(TableDossiers).toutes_les_lignes[0]
        assert ligne.donnee.solde == Decimal("2000.00")
    relu = DepotDossiers(racine).charger(d.reference)
    assert [e.type.value for e in relu.journal] == ["creation", "creance", "paiement"]
    assert relu.paiements[0].mode.value == "cheque"
    assert relu.journal[-1].auteur == "c.martin"


async def test_filter_as_you_type_on_name_reference_and_siren(trois_dossiers):
    app = _app(trois_dossiers)
    async with app.run_test(size=TAILLE) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"lefevre")  # no accent typed
        await pilot.pause()
        assert [l.donnee.debiteur for l in _table(app).lignes_visibles] == ["Transports Lefèvre (SARL)"]
        assert "1 sur 3 dossiers ouverts (c : afficher les clôturés)" in str(app.screen.query_one("#etat", Static).render())
        app.screen.query_one("#filtre", Input).value = "732 829"
        await pilot.pause()
        assert [l.donnee.reference for l in _table(app).lignes_visibles] == ["2026-0001"]
        app.screen.query_one("#filtre", Input).value = "0003"
        await pilot.pause()
        assert [l.donnee.reference for l in _table(app).lignes_visibles] == ["2026-0003"]
        await pilot.press("enter")  # back to the table
        await pilot.press("enter")  # opens the only match
        await pilot.pause()
        assert isinstance(app.screen, EcranDossier)
        assert app.screen.dossier.reference == "2026-0003"


async def test_sort_by_column_with_keys_and_header_click(trois_dossiers):
    app = _app(trois_dossiers)
    async with app.run_test(size=TAILLE) as pilot:
        await pilot.pause()
        table = _table(app)
        assert table.tri == "date" and not table.tri_descendant  # the work queue's order by default
        await pilot.press("t")  # next column, round the end: référence
        await pilot.pause()
        assert table.tri == "reference"
        assert [l.cle for l in table.lignes_visibles] == ["2026-0001", "2026-0002", "2026-0003"]
        await pilot.press("t")  # next column: débiteur
        await pilot.pause()
        assert table.tri == "debiteur"
        assert [l.donnee.debiteur.split()[0] for l in table.lignes_visibles] == ["Boulangerie", "Menuiserie", "Transports"]
        await pilot.press("T")
        assert [l.donnee.debiteur.split()[0] for l in table.lignes_visibles] == ["Transports", "Menuiserie", "Boulangerie"]
        await pilot.click(TableDossiers, offset=(2, 0))  # header of "Référence"
        await pilot.pause()
        assert table.tri == "reference" and not table.tri_descendant
        await pilot.click(TableDossiers, offset=(113, 0))  # header of "Date", the last column
        await pilot.pause()
        assert table.tri == "date" and not table.tri_descendant


async def test_open_with_mouse_and_navigate_tabs(trois_dossiers):
    app = _app(trois_dossiers)
    async with app.run_test(size=TAILLE) as pilot:
        await pilot.pause()
        await pilot.click(TableDossiers, offset=(5, 2))  # second row
        await pilot.click(TableDossiers, offset=(5, 2))
        await pilot.pause()
        assert isinstance(app.screen, EcranDossier)
        assert app.screen.dossier.reference == "2026-0002"
        synthese = str(app.screen.query_one("#synthese-texte", Static).render())
        assert "SIREN" in synthese and "552 100 554" in synthese


async def test_journal_note_is_added_and_shown(service):
    service.creer_dossier(DEBITEUR)
    app = _app(service)
    async with app.run_test(size=TAILLE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("ctrl+s")  # empty note
        await pilot.pause()
        assert "vide" in _erreurs(app)["texte"]
        app.screen.query_one("#champ-texte").text = "Appel de Mme Durand : paiement promis fin novembre."
        await pilot.press("ctrl+s")
        await pilot.pause()
        journal = app.screen.query_one("#table-journal", DataTable)
        assert journal.row_count == 2
        assert "paiement promis" in str(journal.get_row_at(1)[3])


async def test_damaged_dossier_is_flagged_and_opening_it_explains(service, racine):
    bon = service.creer_dossier(DEBITEUR)
    abime = service.creer_dossier({**DEBITEUR, "nom": "Abîmé"})
    fichier = racine / abime.reference / "dossier.json"
    fichier.write_text('{"_meta": {"1": {"schema": 1', encoding="utf-8")
    app = _app(ServiceDossiers(racine, aujourdhui=lambda: AUJOURDHUI))
    async with app.run_test(size=TAILLE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        lignes = {l.donnee.reference: l for l in _table(app).lignes_visibles}
        assert lignes[bon.reference].donnee.debiteur.startswith("Menuiserie")
        assert "illisible" in lignes[abime.reference].cellules[1]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, EcranListe)
        messages = [n.message for n in app._notifications]
        assert any("illisible" in m and "n'a pas été modifié" in m for m in messages)
    assert fichier.read_text(encoding="utf-8") == '{"_meta": {"1": {"schema": 1'


async def test_command_palette_opens_a_dossier_by_siren(trois_dossiers):
    app = _app(trois_dossiers)
    async with app.run_test(size=TAILLE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"552100")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EcranDossier)
        assert app.screen.dossier.debiteur.siren == "552100554"


async def test_settings_are_editable_in_the_app(service, racine):
    app = _app(service)
    async with app.run_test(size=TAILLE) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert app.screen.query_one("#formulaire-titre").render().plain == "Paramètres"
        _remplir(
            pilot.app,
            {
                "raison_sociale": "Électricité Rhône SAS",
                "siren": "552 100 554",
                "siege_adresse1": "4 quai Perrache",
                "siege_code_postal": "69002",
                "siege_ville": "Lyon",
                "representant_nom": "Claire Martin",
                "jours_apres_echeance_premiere_relance": "quarante",
            },
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "nombre de jours" in _erreurs(app)["jours_apres_echeance_premiere_relance"]
        _remplir(pilot.app, {"jours_apres_echeance_premiere_relance": "45"})
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EcranListe)
    from recouvrement_tui.storage.parametres import charger_parametres

    parametres = charger_parametres(racine)
    assert parametres.creancier.representant_nom == "Claire Martin"
    assert parametres.calendrier.jours_apres_echeance_premiere_relance == 45


async def test_edit_the_debtor_journals_what_changed(service, racine):
    d = service.creer_dossier(DEBITEUR)
    app = _app(service)
    async with app.run_test(size=TAILLE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "d")
        await pilot.pause()
        assert app.screen.query_one("#champ-nom", Input).value == "Menuiserie Durand"
        _remplir(pilot.app, {"telephone": "04 78 12 34 56"})
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EcranDossier)
    relu = DepotDossiers(racine).charger(d.reference)
    assert relu.debiteur.telephone == "04 78 12 34 56"
    assert relu.journal[-1].texte == "Fiche débiteur modifiée : téléphone."


async def test_opening_the_same_dossier_twice_in_a_row_keeps_one_screen(trois_dossiers):
    """Two Enter keys processed before the first screen mounts (seen in a real terminal)."""
    app = _app(trois_dossiers)
    async with app.run_test(size=TAILLE) as pilot:
        await pilot.pause()
        app.ouvrir_dossier("2026-0001")
        app.ouvrir_dossier("2026-0001")
        await pilot.pause()
        assert [type(s).__name__ for s in app.screen_stack][-2:] == ["EcranListe", "EcranDossier"]
        app.ouvrir_dossier("2026-0002")  # from the palette, another dossier replaces it
        await pilot.pause()
        assert sum(isinstance(s, EcranDossier) for s in app.screen_stack) == 1
        assert app.screen.dossier.reference == "2026-0002"


async def test_move_a_dossier_along_the_chain(service, racine):
    from textual.widgets import OptionList

    d = service.creer_dossier(DEBITEUR)
    service.ajouter_creance(d, {"numero": "F1", "date_facture": "01/09/2026", "date_echeance": "01/10/2026", "montant_ttc": "800"})
    app = _app(service)
    async with app.run_test(size=TAILLE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "s")
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        libelles = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        # The invoice is past due: the preventive reminder and the court are greyed with the law's reason.
        assert libelles[0].startswith("Relance préventive — La relance préventive rappelle une échéance à venir")
        assert options.get_option_at_index(0).disabled and libelles[1] == "Relance amiable"
        injonction = next(i for i, x in enumerate(libelles) if x.startswith("Injonction de payer"))
        assert options.get_option_at_index(injonction).disabled and "art. 1344 C. civ." in libelles[injonction]
        assert "Clôturé" in libelles
        options.highlighted = 1
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, Formulaire)
        assert app.screen.query_one("#champ-date", Input).value == "23/11/2026"
        _remplir(app, {"date": "30/10/2026"})
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EcranDossier)
        assert app.screen.dossier.etape.value == "relance_amiable"
        ligne = app.ecran_liste.query_one(TableDossiers).toutes_les_lignes[0]
        assert ligne.donnee.etape.value == "relance_amiable" and ligne.donnee.prochaine_action == "Relance ferme"
    relu = DepotDossiers(racine).charger(d.reference)
    assert relu.journal[-1].texte == "Nouveau → Relance amiable, le 30/10/2026."


async def test_complete_the_facts_of_an_injonction_and_see_the_deadline(service):
    from recouvrement_tui.domain.etapes import Etape

    d = service.creer_dossier(DEBITEUR)
    d = service.ajouter_creance(d, {"numero": "F1", "date_facture": "01/06/2026", "date_echeance": "01/07/2026", "montant_ttc": "3000"})
    d = service.changer_etape(d, Etape.RELANCE_AMIABLE, {"date": "15/08/2026"})
    d = service.changer_etape(d, Etape.MISE_EN_DEMEURE, {"date": "01/09/2026"})
    service.changer_etape(d, Etape.INJONCTION_DE_PAYER, {"date": "01/10/2026", "juridiction": "Tribunal de commerce de Lyon"})
    app = _app(service)
    async with app.run_test(size=TAILLE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "r")
        await pilot.pause()
        assert isinstance(app.screen, Formulaire)
        _remplir(app, {"date_ordonnance": "31/02/2026"})
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "n'existe pas" in _erreurs(app)["date_ordonnance"]
        _remplir(app, {"date_ordonnance": "12/10/2026", "numero_rg": "2026R0042"})
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EcranDossier)
        ligne = app.ecran_liste.query_one(TableDossiers).toutes_les_lignes[0]
        assert ligne.donnee.prochaine_action.startswith("Faire signifier l'ordonnance")
        assert str(ligne.donnee.prochaine_date) == "2027-01-12"


async def test_injonction_form_proposes_the_court_from_the_parties(service):
    from textual.widgets import OptionList

    from recouvrement_tui.domain.etapes import Etape

    d = service.creer_dossier({**DEBITEUR, "code_postal": "69002", "ville": "Lyon"})
    d = service.ajouter_creance(d, {"numero": "F1", "date_facture": "01/06/2026", "date_echeance": "01/07/2026", "montant_ttc": "3000"})
    d = service.changer_etape(d, Etape.RELANCE_AMIABLE, {"date": "15/08/2026"})
    service.changer_etape(d, Etape.MISE_EN_DEMEURE, {"date": "01/09/2026"})
    app = _app(service)
    async with app.run_test(size=TAILLE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "s")
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        libelles = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        options.highlighted = libelles.index("Injonction de payer")
        await pilot.press("enter")
        await pilot.pause()
        champ = app.screen.query_one("#champ-juridiction", Input)
        assert champ.value == "Tribunal des activités économiques de Lyon"


async def test_number_and_bracket_keys_switch_tabs_even_after_a_form(service):
    from textual.widgets import TabbedContent

    service.creer_dossier(DEBITEUR)
    app = _app(service)
    async with app.run_test(size=TAILLE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EcranDossier)
        onglets = app.screen.query_one(TabbedContent)
        await pilot.press("n")  # a form, cancelled
        await pilot.pause()
        assert isinstance(app.screen, Formulaire)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EcranDossier)
        await pilot.press("3")
        await pilot.pause()
        assert onglets.active == "decompte"
        await pilot.press("]")
        await pilot.pause()
        assert onglets.active == "journal"
        await pilot.press("c", "escape")  # another form, from the Décompte's own key
        await pilot.pause()
        assert onglets.active == "decompte"
        await pilot.press("[", "[")
        await pilot.pause()
        assert onglets.active == "synthese"
        await pilot.press("[")  # wraps around
        await pilot.pause()
        assert onglets.active == "evaluation"
        await pilot.press("6", "1")
        await pilot.pause()
        assert onglets.active == "synthese"
        # A focused Input keeps its digits: the Décompte's date is typed, not a tab switch.
        await pilot.press("3")
        await pilot.pause()
        app.screen.query_one("#decompte-au", Input).focus()
        await pilot.press("end", "1")
        await pilot.pause()
        assert onglets.active == "decompte"


async def test_escape_from_a_new_dossier_lands_on_its_row_in_the_list(trois_dossiers):
    app = _app(trois_dossiers)
    async with app.run_test(size=TAILLE) as pilot:
        await pilot.pause()
        assert _table(app).cle_courante == "2026-0001"
        # A filter that hides the new dossier is set aside for it.
        app.screen.query_one("#filtre", Input).value = "Lefèvre"
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        _remplir(pilot.app, {"nom": "Zénith Couverture", "siren": "", "adresse1": "3 place Kléber",
                             "code_postal": "67000", "ville": "Strasbourg"})
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EcranDossier) and app.screen.dossier.reference == "2026-0004"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EcranListe)
        assert _table(app).cle_courante == "2026-0004"
        assert len(_table(app).lignes_visibles) == 4
        assert app.screen.query_one("#filtre", Input).value == ""
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EcranDossier) and app.screen.dossier.reference == "2026-0004"


async def test_the_new_dossiers_row_is_scrolled_into_view_at_the_end_of_a_long_list(demo):
    """A new dossier (no dated action yet) sorts last, below the screen: Esc shows its row, not
    just puts the cursor on it out of sight."""
    app = _app(demo)
    async with app.run_test(size=(120, 35)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        _remplir(pilot.app, {"nom": "Zénith Couverture", "siren": "", "adresse1": "3 place Kléber",
                             "code_postal": "67000", "ville": "Strasbourg"})
        await pilot.press("ctrl+s")
        await pilot.pause()
        reference = app.screen.dossier.reference
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        table = _table(app)
        assert table.cle_courante == reference
        haut, hauteur = table.scroll_offset.y, table.scrollable_content_region.height - 1
        assert haut <= table.curseur < haut + hauteur  # within the rows drawn (a scrollbar may take a line)
        assert any(reference in table.render_line(y).text for y in range(1, hauteur + 1))
