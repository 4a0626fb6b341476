"""Mapping once (issue 16, point 4): the user says which column is which, once per software.

The pure part (exchange/correspondance.py and lire_balance's `correspondance`), the storage
(<data>/correspondances/<signature>.json, hostile when read) and the service."""

from __future__ import annotations

import json

import pytest

from recouvrement_tui.domain.erreurs import ErreursSaisie
from recouvrement_tui.exchange import correspondance as co
from recouvrement_tui.exchange.lecture_balance import ColonnesManquantes, lire_balance
from recouvrement_tui.services.erreurs import ErreurStockage
from recouvrement_tui.storage import correspondances as st

# An export whose headers the known names do not cover ("Tiers" is known, the rest is not).
LOGICIEL_X = (
    "Export balance clients au 30/11/2026\n"
    "Tiers;Doc;Emis le;Exigible le;Solde TTC;Remarque\n"
    "Menuiserie Durand SARL;D-1;01/09/2026;01/10/2026;1 234,56;\n"
    "Café du Port;D-2;01/10/2026;31/10/2026;99,90;relancé\n"
)
LOGICIEL_X_MOIS_SUIVANT = (
    "Export balance clients au 31/12/2026\n"
    "Tiers;Doc;Emis le;Exigible le;Solde TTC;Remarque\n"
    "Transports Lefèvre;D-9;05/11/2026;05/12/2026;850,00;\n"
)
ENTETE_X = ("Tiers", "Doc", "Emis le", "Exigible le", "Solde TTC", "Remarque")
CHOIX_X = {"numero": "Doc", "date_facture": "Emis le", "date_echeance": "Exigible le", "reste": "Solde TTC"}


# --- the pure part -------------------------------------------------------------------------------


def test_signature_is_that_of_the_software_not_of_the_data():
    assert co.entete_du_texte(LOGICIEL_X) == ENTETE_X
    assert co.entete_du_texte(LOGICIEL_X_MOIS_SUIVANT) == ENTETE_X
    signature = co.signature(ENTETE_X)
    assert co.est_signature(signature)
    # case, spacing and trailing empty cells (a spreadsheet's trailing separators) aside
    assert co.signature(["TIERS", "Doc ", "Emis  le", "Exigible le", "Solde TTC", "Remarque", "", ""]) == signature
    assert co.signature(ENTETE_X[:-1]) != signature  # a column less
    assert co.signature(("Doc", "Tiers", *ENTETE_X[2:])) != signature  # another order
    assert co.signature((*ENTETE_X[:4], "Solde", "Remarque")) != signature  # another name


def test_unknown_headers_are_refused_with_the_header_to_choose_from():
    with pytest.raises(ColonnesManquantes) as erreur:
        lire_balance(LOGICIEL_X)
    assert erreur.value.entete == ENTETE_X
    assert erreur.value.reconnues == {"client": "Tiers"}
    assert "Colonne « numéro de facture » absente" in str(erreur.value)


def test_a_file_of_unknown_names_only_still_offers_its_header():
    with pytest.raises(ColonnesManquantes, match="Aucune ligne d'en-tête reconnue") as erreur:
        lire_balance("Qui;Quoi;Quand;Combien\nDurand;F1;01/09/2026;10\n")
    assert erreur.value.entete == ("Qui", "Quoi", "Quand", "Combien")


def test_the_correspondence_comes_first_then_the_known_names():
    choisie = co.choisir(ENTETE_X, CHOIX_X)
    balance = lire_balance(LOGICIEL_X, choisie.colonnes)
    assert balance.colonnes == {"client": "Tiers", **CHOIX_X}
    assert [f.numero for c in balance.clients for f in c.factures] == ["D-1", "D-2"]
    assert str(balance.clients[0].factures[0].montant) == "1234.56"
    # "aucune" for a recognised column: the file has no such column for this software
    texte = "Client;Facture;Date facture;Échéance;Montant TTC;Libellé\nDurand;F1;01/09/2026;01/10/2026;10;Pose\n"
    entete = co.entete_du_texte(texte)
    sans_objet = co.choisir(entete, {"objet": ""})
    assert lire_balance(texte, sans_objet.colonnes).clients[0].factures[0].objet == ""
    # a header chosen for another column is no longer read as what its name says
    inverse = co.choisir(entete, {"date_facture": "Échéance", "date_echeance": "Date facture"})
    with pytest.raises(ErreursSaisie, match="l'échéance ne peut pas précéder"):
        lire_balance(texte, inverse.colonnes)


def test_choices_are_checked_all_at_once():
    with pytest.raises(ErreursSaisie) as erreur:
        co.choisir(ENTETE_X, [("numero", "Doc"), ("numero", "Emis le"), ("date_facture", "Doc"),
                              ("reste", "Inconnue"), ("nimporte", "Tiers")])
    messages = erreur.value.par_champ()
    assert "une seule colonne, choisie une seule fois" in messages["numero"]
    assert "« Doc » est déjà choisie pour « N° de facture »" in messages["date_facture"]
    assert "« Inconnue » n'est pas une colonne de ce fichier" in messages["reste"]
    assert "« nimporte » n'est pas une donnée de la balance" in messages["colonnes"]
    with pytest.raises(ErreursSaisie) as erreur:
        co.choisir(ENTETE_X, {"numero": "Doc", "date_facture": "Emis le", "client": ""})
    messages = erreur.value.par_champ()
    assert set(messages) == {"client", "date_echeance", "reste"}
    assert "obligatoire" in messages["client"] and "Reste dû ou Montant TTC" in messages["reste"]


def test_a_stored_correspondence_is_checked_before_use():
    signature = co.signature(ENTETE_X)
    choisie = co.choisir(ENTETE_X, CHOIX_X)
    donnees = co.vers_donnees(choisie, ENTETE_X, auteur="c.martin", quand="2026-11-30T10:00:00")
    assert co.depuis_donnees(signature, json.loads(json.dumps(donnees))) == choisie
    for mauvaise in ([1], {**donnees, "signature": "0" * 32}, {**donnees, "colonnes": {"numero": 7}},
                     {**donnees, "colonnes": {"rm -rf": "Doc"}}, {**donnees, "colonnes": []}):
        with pytest.raises(ValueError):
            co.depuis_donnees(signature, mauvaise)


# --- storage ----------------------------------------------------------------------------------


def test_storage_round_trip_and_damaged_file_ignored_in_french(tmp_path):
    signature = co.signature(ENTETE_X)
    assert st.charger_correspondance(tmp_path, signature) == (None, "")
    chemin = st.enregistrer_correspondance(tmp_path, signature, {"signature": signature, "colonnes": CHOIX_X},
                                           fsync=False)
    assert chemin == tmp_path / "correspondances" / f"{signature}.json"
    assert st.charger_correspondance(tmp_path, signature) == ({"signature": signature, "colonnes": CHOIX_X}, "")
    assert [p.name for p in chemin.parent.iterdir()] == [chemin.name]  # no temporary left
    for contenu, raison in ((b'{"colonnes": ', "endommagée"), (b"\xff\xfe", "UTF-8"),
                            (b" " * (st.TAILLE_MAX + 1), "dépasse 64 Ko")):
        chemin.write_bytes(contenu)
        donnees, avertissement = st.charger_correspondance(tmp_path, signature)
        assert donnees is None and "est ignorée" in avertissement and raison in avertissement
    assert st.charger_correspondance(tmp_path, "../../etc/passwd")[0] is None


def test_storage_follows_no_symbolic_link(tmp_path):
    signature = co.signature(ENTETE_X)
    secret = tmp_path / "secret.json"
    secret.write_text(json.dumps({"signature": signature, "colonnes": CHOIX_X}))
    racine = tmp_path / "donnees"
    (racine / "correspondances").mkdir(parents=True)
    (racine / "correspondances" / f"{signature}.json").symlink_to(secret)
    donnees, avertissement = st.charger_correspondance(racine, signature)
    assert donnees is None and "lien symbolique" in avertissement
    with pytest.raises(ErreurStockage, match="lien symbolique"):
        st.enregistrer_correspondance(racine, signature, {"colonnes": {}}, fsync=False)
    assert json.loads(secret.read_text())["colonnes"] == CHOIX_X  # the target is untouched
    autre = tmp_path / "autre"
    autre.mkdir()
    (tmp_path / "lie").mkdir()
    (tmp_path / "lie" / "correspondances").symlink_to(autre, target_is_directory=True)
    assert "lien symbolique" in st.charger_correspondance(tmp_path / "lie", signature)[1]
    with pytest.raises(ErreurStockage, match="lien symbolique"):
        st.enregistrer_correspondance(tmp_path / "lie", signature, {"colonnes": {}}, fsync=False)
    assert list(autre.iterdir()) == []


# --- the service ----------------------------------------------------------------------------------


def test_service_asks_once_then_recognises_the_software(service, tmp_path):
    novembre, decembre = tmp_path / "novembre.csv", tmp_path / "decembre.csv"
    novembre.write_text(LOGICIEL_X, encoding="utf-8")
    decembre.write_text(LOGICIEL_X_MOIS_SUIVANT, encoding="utf-8")
    with pytest.raises(ColonnesManquantes) as erreur:
        service.echanges.importer_balance(novembre, appliquer=False)
    entete = erreur.value.entete
    with pytest.raises(ErreursSaisie, match="déjà choisie"):  # wrong choices: nothing recorded
        service.echanges.enregistrer_correspondance(entete, {**CHOIX_X, "date_facture": "Doc"})
    assert not (service.racine / "correspondances").exists()
    service.echanges.enregistrer_correspondance(entete, {"client": "Tiers", **CHOIX_X, "objet": ""})
    stockee = json.loads((service.racine / "correspondances" / f"{co.signature(entete)}.json").read_text())
    assert stockee["colonnes"]["numero"] == "Doc" and stockee["enregistre_par"] == "c.martin"
    plan = service.echanges.importer_balance(novembre, appliquer=True)
    assert plan.factures_a_creer == 2 and len(service.depot.references()) == 2
    plan = service.echanges.importer_balance(decembre, appliquer=True)  # next month: not asked again
    assert plan.factures_a_creer == 1 and len(service.depot.references()) == 3


def test_service_records_columns_given_with_the_import_only_once_the_file_reads(service, tmp_path):
    novembre = tmp_path / "novembre.csv"
    novembre.write_text(LOGICIEL_X, encoding="utf-8")
    inverse = {**CHOIX_X, "date_facture": "Exigible le", "date_echeance": "Emis le"}
    with pytest.raises(ErreursSaisie, match="l'échéance ne peut pas précéder"):
        service.echanges.importer_balance(novembre, appliquer=False, colonnes=inverse)
    assert not (service.racine / "correspondances").exists()
    plan = service.echanges.importer_balance(novembre, appliquer=False, colonnes=list(CHOIX_X.items()))
    assert plan.factures_a_creer == 2 and "Correspondance des colonnes enregistrée" in plan.details()[-1]
    assert service.depot.references() == []  # a preview: no dossier written
    assert service.echanges.importer_balance(novembre, appliquer=False).factures_a_creer == 2


def test_service_ignores_a_damaged_correspondence_and_says_so(service, tmp_path):
    novembre = tmp_path / "novembre.csv"
    novembre.write_text(LOGICIEL_X, encoding="utf-8")
    dossier = service.racine / "correspondances"
    dossier.mkdir(parents=True)
    (dossier / f"{co.signature(ENTETE_X)}.json").write_text('{"signature": "x", "colonnes": {}}')
    with pytest.raises(ColonnesManquantes) as erreur:
        service.echanges.importer_balance(novembre, appliquer=False)
    assert "est ignorée : sa signature ne correspond pas" in erreur.value.par_champ()["correspondance"]
    # a file whose names are known is not held up by it
    connu = tmp_path / "connu.csv"
    connu.write_text("Client;Facture;Date facture;Échéance;Montant TTC\nDurand;F1;01/09/2026;01/10/2026;10\n")
    assert service.echanges.importer_balance(connu, appliquer=False).factures_a_creer == 1


# --- the command line ---------------------------------------------------------------------------


def test_cli_colonne_records_the_choice_for_the_next_files(capsys, racine, tmp_path):
    from recouvrement_tui.cli.principal import main

    novembre, decembre = tmp_path / "novembre.csv", tmp_path / "decembre.csv"
    novembre.write_text(LOGICIEL_X, encoding="utf-8")
    decembre.write_text(LOGICIEL_X_MOIS_SUIVANT, encoding="utf-8")
    assert main(["--dossiers", str(racine), "importer", str(novembre)]) == 2
    erreur = capsys.readouterr().err
    assert "Colonne « numéro de facture » absente" in erreur and '--colonne numero="Tiers"' in erreur
    assert "Traceback" not in erreur
    assert main(["--dossiers", str(racine), "importer", str(novembre), "--colonne", "numero"]) == 2
    assert "écrivez DONNEE=EN-TETE" in capsys.readouterr().err
    assert main(["--dossiers", str(racine), "importer", str(novembre), "--colonne", "numero=Doc"]) == 2
    assert "Échéance : choisissez la colonne" in capsys.readouterr().err
    colonnes = [arg for cle, nom in CHOIX_X.items() for arg in ("--colonne", f"{cle}={nom}")]
    assert main(["--dossiers", str(racine), "importer", str(novembre), *colonnes, "--appliquer"]) == 0
    sortie = capsys.readouterr().out
    assert "2 dossiers créés" in sortie and "Correspondance des colonnes enregistrée" in sortie
    assert main(["--dossiers", str(racine), "importer", str(decembre)]) == 0  # not asked again
    assert "1 dossier à créer" in capsys.readouterr().out
