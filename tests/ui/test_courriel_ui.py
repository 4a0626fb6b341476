"""E-mail in the TUI, driven with Textual's Pilot against a real SMTP server on localhost (aiosmtpd):
`m` in a dossier (preview, draft, send), the day's batch by e-mail (progress bar, each line's result,
once however often it runs), and the settings' Courriel section with its connection test."""

from __future__ import annotations

import pytest
from textual.widgets import Button, DataTable, Input, OptionList, ProgressBar, Select

from recouvrement_tui.domain.etapes import Etape, TypeEvenement
from recouvrement_tui.domain.formatage import montant
from recouvrement_tui.services.dossiers import ServiceDossiers
from recouvrement_tui.ui.app import RecouvrementApp
from recouvrement_tui.ui.screens.courriel import ApercuCourriel, ChoixCourriel
from recouvrement_tui.ui.screens.dossier import EcranDossier
from recouvrement_tui.ui.screens.liste import EcranListe
from recouvrement_tui.ui.screens.parametres_courriel import EcranParametres
from recouvrement_tui.ui.screens.relances import EcranRelances
from tests.conftest import AUJOURDHUI, CREANCIER, DEBITEUR
from tests.courriel.serveur import Serveur, port_libre

TAILLE = (130, 40)
EXPEDITEUR = "recouvrement@exemple.fr"


def _app(service: ServiceDossiers) -> RecouvrementApp:
    return RecouvrementApp(service, aujourdhui=lambda: AUJOURDHUI)


def _parametrer(service: ServiceDossiers, **courriel: str) -> None:
    service.enregistrer_parametres({**CREANCIER, "email": "compta@electricite-rhone.fr"}, {},
                                   {"expediteur": EXPEDITEUR, "securite": "aucune", **courriel})


@pytest.fixture
def dossier(service):
    d = service.creer_dossier({**DEBITEUR, "facturation_email": "factures@durand.fr"})
    d = service.ajouter_creance(d, {"numero": "FA-001", "date_facture": "01/08/2026", "date_echeance": "31/08/2026",
                                    "montant_ttc": "1 200,00"})
    return service.ajouter_creance(d, {"numero": "FA-002", "date_facture": "01/09/2026", "date_echeance": "30/09/2026",
                                       "montant_ttc": "800,50"})


async def _apercu(pilot, reference: str) -> ApercuCourriel:
    """Open the dossier, press m, take the message the calendar suggests (first, highlighted)."""
    app = pilot.app
    await pilot.pause()
    app.ouvrir_dossier(reference)
    await pilot.pause()
    await pilot.press("m")
    await pilot.pause()
    assert isinstance(app.screen, ChoixCourriel)
    await pilot.press("enter")
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, ApercuCourriel), [n.message for n in app._notifications]
    return app.screen


def _notifications(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_m_apercu_puis_brouillon(service, dossier):
    _parametrer(service)  # a sender, no server: drafts only
    total = montant(service.decompte(dossier, AUJOURDHUI).total_exigible)
    app = _app(service)
    async with app.run_test(size=TAILLE) as pilot:
        await pilot.pause()
        app.ouvrir_dossier(dossier.reference)
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        liste = app.screen.query_one(OptionList)
        # The calendar's reminder comes first (a new dossier long overdue: the relance amiable).
        assert liste.get_option_at_index(0).id == "relance_amiable" and liste.highlighted == 0
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        apercu = app.screen
        assert isinstance(apercu, ApercuCourriel)
        entete = str(apercu.query_one("#apercu-entete").render())
        assert "compta@durand.fr" in entete and "factures@durand.fr" in entete
        assert apercu.courriel.redaction.objet in entete
        corps = str(apercu.query_one("#apercu-texte").render())
        assert "FA-001" in corps and "FA-002" in corps and total in corps
        assert apercu.query_one("#envoyer", Button).disabled  # no server configured
        await pilot.press("e")  # refused with a French word, nothing sent
        await pilot.pause()
        assert isinstance(app.screen, ApercuCourriel)
        assert any("Aucun serveur" in m for m in _notifications(app))
        await pilot.press("b")
        await app.workers.wait_for_complete()
        await pilot.pause()
        ecran = app.screen
        assert isinstance(ecran, EcranDossier)
        entree = ecran.dossier.journal[-1]
        assert entree.type is TypeEvenement.COURRIEL and entree.document.endswith(".eml")
        assert ecran.query_one("#onglets").active == "journal"
        assert ecran.query_one("#table-journal", DataTable).row_count == len(ecran.dossier.journal)
        assert any("Brouillon écrit" in m for m in _notifications(app))
    eml = service.depot.chemin(dossier.reference) / entree.document
    assert eml.is_file() and b"X-Unsent: 1" in eml.read_bytes()
    assert service.charger(dossier.reference).etape is Etape.NOUVEAU  # a draft does not move the stage


async def test_m_sans_adresse_dit_que_la_relance_part_par_courrier(service):
    _parametrer(service)
    d = service.creer_dossier({**DEBITEUR, "email": "", "relance_email": ""})
    d = service.ajouter_creance(d, {"numero": "FA-9", "date_facture": "01/08/2026", "date_echeance": "31/08/2026",
                                    "montant_ttc": "100"})
    app = _app(service)
    async with app.run_test(size=TAILLE) as pilot:
        await pilot.pause()
        app.ouvrir_dossier(d.reference)
        await pilot.pause()
        await pilot.press("m", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, EcranDossier)
        assert any("part par courrier" in m for m in _notifications(app)), _notifications(app)


async def test_m_envoie_au_serveur_et_le_dossier_avance(service, dossier):
    with Serveur() as serveur:
        _parametrer(service, hote="127.0.0.1", port=str(serveur.port))
        app = _app(service)
        async with app.run_test(size=TAILLE) as pilot:
            apercu = await _apercu(pilot, dossier.reference)
            assert not apercu.query_one("#envoyer", Button).disabled
            await pilot.press("e")
            await app.workers.wait_for_complete()
            await pilot.pause()
            ecran = app.screen
            assert isinstance(ecran, EcranDossier)
            assert ecran.dossier.etape is Etape.RELANCE_AMIABLE and ecran.sub_title == Etape.RELANCE_AMIABLE.libelle
            assert "Courriel envoyé" in ecran.dossier.journal[-1].texte
        assert len(serveur.recus) == 1
        recu = serveur.recus[0]
        assert sorted(recu.destinataires) == ["compta@durand.fr", "factures@durand.fr"]
        assert "FA-001" in recu.message.get_body(("plain",)).get_content()


async def test_m_serveur_arrete_erreur_en_francais_rien_d_inscrit(service, dossier):
    _parametrer(service, hote="127.0.0.1", port=str(port_libre()))  # nobody listens there
    app = _app(service)
    async with app.run_test(size=TAILLE) as pilot:
        apercu = await _apercu(pilot, dossier.reference)
        await pilot.press("e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is apercu  # stays open, says why
        assert "ne répond pas" in str(apercu.query_one("#apercu-etat").render())
    assert service.charger(dossier.reference).journal[-1].type is not TypeEvenement.COURRIEL


async def _parametres_courriel(pilot, valeurs: dict[str, str]) -> EcranParametres:
    app = pilot.app
    await pilot.press("p")
    await pilot.pause()
    ecran = app.screen
    assert isinstance(ecran, EcranParametres)
    for cle, texte in valeurs.items():
        if cle == "securite":
            ecran.query_one("#champ-securite", Select).value = texte
        else:
            ecran.query_one(f"#champ-{cle}", Input).value = texte
    return ecran


async def test_parametres_test_de_connexion(service):
    _parametrer(service)
    app = _app(service)
    with Serveur() as serveur:
        async with app.run_test(size=TAILLE) as pilot:
            await pilot.pause()
            ecran = await _parametres_courriel(pilot, {"hote": "127.0.0.1", "port": str(serveur.port),
                                                       "securite": "aucune", "expediteur": EXPEDITEUR})
            assert "RECOUVREMENT_SMTP_MOT_DE_PASSE" in str(ecran.query_one("#note-mot-de-passe").render())
            await pilot.press("ctrl+t")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert "Connexion réussie à 127.0.0.1" in str(ecran.query_one("#test-connexion").render())
            assert service.parametres.courriel.hote == "127.0.0.1"  # saved before testing
            # A closed port: the French reason, the screen still open.
            ecran.query_one("#champ-port", Input).value = str(port_libre())
            await pilot.click("#tester")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.screen is ecran
            assert "ne répond pas" in str(ecran.query_one("#test-connexion").render())
            # Errors under their fields, nothing saved.
            ecran.query_one("#champ-port", Input).value = "abc"
            ecran.query_one("#champ-expediteur", Input).value = "pas une adresse"
            await pilot.press("ctrl+s")
            await pilot.pause()
            erreurs = {w.id: str(w.render()) for w in ecran.query(".erreur") if w.display}
            assert "port" in erreurs["erreur-port"] and "adresse" in erreurs["erreur-expediteur"]
            assert app.screen is ecran
            await pilot.press("escape")  # a test saved the settings: the list learns of it
            await pilot.pause()
            assert isinstance(app.screen, EcranListe)
    assert service.parametres.courriel.expediteur == EXPEDITEUR


async def test_lot_du_jour_envoye_une_fois_avec_barre_de_progression(demo):
    lignes = demo.courriels.lot(AUJOURDHUI)
    par_courriel = [l for l in lignes if l.canal.value == "courriel"]
    assert par_courriel and len(par_courriel) < len(lignes)  # the demo has both channels
    app = _app(demo)
    with Serveur() as serveur:
        async with app.run_test(size=TAILLE) as pilot:
            await pilot.pause()
            await _parametres_courriel(pilot, {"hote": "127.0.0.1", "port": str(serveur.port), "securite": "aucune",
                                               "envois_par_minute": "600"})
            await pilot.press("ctrl+s")
            await pilot.pause()
            await pilot.press("r")
            await app.workers.wait_for_complete()
            await pilot.pause()
            ecran = app.screen
            assert isinstance(ecran, EcranRelances)
            table = ecran.query_one(DataTable)
            canaux = [str(table.get_cell(str(rang), "canal")) for rang in range(1, len(lignes) + 1)]
            assert canaux.count("Courriel") == len(par_courriel) and "Courrier" in canaux
            # The preview of the selected line is its e-mail.
            premiere = next(rang for rang, l in enumerate(lignes, 1) if l.canal.value == "courriel")
            table.move_cursor(row=premiere - 1)
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert "Objet : " in str(ecran.query_one("#relances-detail").render())
            await pilot.press("e")
            await app.workers.wait_for_complete()
            await pilot.pause()
            barre = ecran.query_one(ProgressBar)
            assert barre.total == len(lignes) and barre.progress == len(lignes)
            resultats = [str(table.get_cell(str(rang), "resultat")) for rang in range(1, len(lignes) + 1)]
            assert sum(r.startswith("envoyé") for r in resultats) == len(par_courriel), resultats
            assert sum(r.startswith("lettre préparée") for r in resultats) == len(lignes) - len(par_courriel)
            assert "Terminé" in str(ecran.query_one("#relances-etat").render())
            # Twice: nothing leaves again.
            await pilot.press("e")
            await app.workers.wait_for_complete()
            await pilot.pause()
            resultats = [str(table.get_cell(str(rang), "resultat")) for rang in range(1, len(lignes) + 1)]
            assert all(r.startswith("déjà fait") for r in resultats), resultats
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, EcranListe)
        assert len(serveur.recus) == len(par_courriel)
        recus = sorted(tuple(sorted(r.destinataires)) for r in serveur.recus)
        assert recus == sorted(tuple(sorted(l.destinataires.split(", "))) for l in par_courriel)
    for ligne in par_courriel:
        journal = demo.charger(ligne.reference).journal
        assert sum(e.type is TypeEvenement.COURRIEL for e in journal) == 1


async def test_lot_du_jour_en_brouillons_sans_serveur(demo):
    lignes = demo.courriels.lot(AUJOURDHUI)
    app = _app(demo)
    async with app.run_test(size=TAILLE) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        ecran = app.screen
        assert isinstance(ecran, EcranRelances)
        await pilot.press("e")  # no server in the demo: said, nothing done
        await pilot.pause()
        assert any("Aucun serveur" in m for m in _notifications(app)) and not ecran.resultats
        await pilot.press("b")
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = ecran.query_one(DataTable)
        resultats = [str(table.get_cell(str(rang), "resultat")) for rang in range(1, len(lignes) + 1)]
        assert all(r.startswith(("brouillon écrit", "lettre préparée")) for r in resultats), resultats
        assert ecran.query_one(ProgressBar).progress == len(lignes)


async def test_lot_arrete_pendant_la_pause_rien_ne_part_ensuite(demo):
    """At one message a minute the batch waits after the first send; Échap stops it there."""
    par_courriel = [l for l in demo.courriels.lot(AUJOURDHUI) if l.canal.value == "courriel"]
    assert len(par_courriel) >= 2
    app = _app(demo)
    with Serveur() as serveur:
        async with app.run_test(size=TAILLE) as pilot:
            await pilot.pause()
            await _parametres_courriel(pilot, {"hote": "127.0.0.1", "port": str(serveur.port), "securite": "aucune",
                                               "envois_par_minute": "1"})
            await pilot.press("ctrl+s")
            await pilot.pause()
            await pilot.press("r")
            await app.workers.wait_for_complete()
            await pilot.pause()
            ecran = app.screen
            await pilot.press("e")
            for _ in range(200):  # until the first message has left
                await pilot.pause(0.05)
                if any(s == "envoyé" for s, _d in ecran.resultats.values()):
                    break
            await pilot.press("escape")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.screen is ecran and not ecran.en_cours
            assert "Arrêté après" in str(ecran.query_one("#relances-etat").render())
        assert len(serveur.recus) == 1
