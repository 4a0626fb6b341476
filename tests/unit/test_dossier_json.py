"""A dossier round-trips through the documented JSON format; bad files write nothing."""

import json

import pytest

from recouvrement_tui.domain.erreurs import ErreurSaisie
from recouvrement_tui.domain.etapes import Etape
from recouvrement_tui.services.dossiers import ServiceDossiers
from recouvrement_tui.storage.dossiers import DepotDossiers
from tests.conftest import AUJOURDHUI

EXEMPLE = {
    "debiteur": {
        "nom": "Menuiserie Durand", "forme_juridique": "SARL", "siren": "732829320",
        "adresse": {"lignes": ["12 rue de la République"], "code_postal": "69002", "ville": "Lyon"},
    },
    "creances": [{"numero": "FA-2026-0042", "date_facture": "2026-09-01", "date_echeance": "2026-10-01", "montant_ttc": "2400.00"}],
    "paiements": [{"date": "2026-10-20", "montant": "400.00", "mode": "cheque", "facture": "FA-2026-0042"}],
}


def _ecrire(tmp_path, contenu, nom="dossier.json"):
    chemin = tmp_path / nom
    chemin.write_text(contenu if isinstance(contenu, str) else json.dumps(contenu), encoding="utf-8")
    return chemin


def test_round_trip_into_an_empty_folder(service, dossier, tmp_path):
    d = service.changer_etape(dossier, Etape.RELANCE_AMIABLE, {"date": "01/10/2026"})
    d = service.changer_etape(d, Etape.MISE_EN_DEMEURE, {"date": "15/10/2026", "numero_lrar": "1A 123"})
    ailleurs = ServiceDossiers(tmp_path / "ailleurs", aujourdhui=lambda: AUJOURDHUI, auteur="j.dubois")
    importe = ailleurs.importer_dossier(_ecrire(tmp_path, service.montrer(d.reference)))
    assert importe.reference == d.reference
    avant, apres = service.montrer(d.reference), ailleurs.montrer(importe.reference)
    assert apres["journal"][:-1] == avant["journal"] and apres["journal"][-1]["type"] == "import"
    for cle in ("debiteur", "creances", "paiements", "passages", "conditions", "etape", "etape_depuis", "cree_le"):
        assert apres[cle] == avant[cle], cle
    assert ailleurs.decompte(importe).total == service.decompte(d).total


def test_hand_written_minimal_file(tmp_path, service):
    d = service.importer_dossier(_ecrire(tmp_path, EXEMPLE))
    assert d.reference == "2026-0001" and d.solde == 2000
    assert d.paiements[0].creance_id == d.creances[0].id
    assert DepotDossiers(service.racine).charger(d.reference) == d


@pytest.mark.parametrize(
    "modification, fragment",
    [
        (lambda x: x["creances"][0].update(montant_ttc="-5"), "creances[0].montant_ttc"),
        (lambda x: x["creances"][0].update(date_echeance="2026-02-31"), "creances[0]"),
        (lambda x: x["debiteur"].update(siren="123456789"), "debiteur.siren"),
        (lambda x: x["paiements"][0].update(facture="FA-INCONNUE"), "paiements[0].facture"),
        (lambda x: x["paiements"][0].update(date="2030-01-01"), "paiements[0].date"),
        (lambda x: x.pop("debiteur"), "debiteur"),
        (lambda x: x.update(version=7), "version"),
        (lambda x: x["creances"].append(dict(x["creances"][0])), "même numéro"),
    ],
)
def test_a_wrong_file_names_the_field_and_writes_nothing(tmp_path, service, modification, fragment):
    contenu = json.loads(json.dumps(EXEMPLE))
    modification(contenu)
    with pytest.raises(ErreurSaisie) as erreur:
        service.importer_dossier(_ecrire(tmp_path, contenu))
    assert fragment in str(erreur.value)
    assert DepotDossiers(service.racine).references() == []


def test_garbled_json_and_existing_reference(tmp_path, service):
    with pytest.raises(ErreurSaisie, match="n'est pas du JSON valide"):
        service.importer_dossier(_ecrire(tmp_path, '{"debiteur": '))
    premier = service.importer_dossier(_ecrire(tmp_path, {**EXEMPLE, "reference": "2026-0042"}))
    avant = (service.racine / "2026-0042" / "dossier.json").read_bytes()
    with pytest.raises(ErreurSaisie, match="existe déjà"):
        service.importer_dossier(_ecrire(tmp_path, {**EXEMPLE, "reference": premier.reference}))
    assert (service.racine / "2026-0042" / "dossier.json").read_bytes() == avant


def test_cli_montrer_and_importer(capsys, service, dossier, tmp_path):
    from recouvrement_tui.cli.principal import main

    assert main(["montrer", dossier.reference, "--json", "--dossiers", str(service.racine)]) == 0
    fichier = _ecrire(tmp_path, capsys.readouterr().out, "export.json")
    assert main(["importer", str(fichier), "--dossiers", str(tmp_path / "autre")]) == 0
    assert "créé pour Menuiserie Durand" in capsys.readouterr().out
    assert main(["importer", str(tmp_path / "releve.docx"), "--dossiers", str(tmp_path / "autre")]) == 2
    assert "dossier JSON" in capsys.readouterr().err


@pytest.mark.parametrize(
    "modification, fragment",
    [
        (lambda x: x["debiteur"].update(nom=123), "debiteur.nom"),
        (lambda x: x["debiteur"].update(secteur_public="false"), "debiteur.secteur_public"),
        (lambda x: x["debiteur"]["adresse"].update(lignes="12 rue X"), "debiteur.adresse"),
        (lambda x: x["creances"][0].update(montant_ttc="1E+1000000"), "creances[0].montant_ttc"),
        (lambda x: x["creances"][0].update(montant_ttc="NaN"), "creances[0].montant_ttc"),
        (lambda x: x["creances"][0].update(montant_ttc=1e400), "creances[0].montant_ttc"),
        (lambda x: x.update(conditions={"capitalisation": "non"}), "conditions.capitalisation"),
        (lambda x: x.update(etape="injonction_de_payer", passages=[
            {"depuis": "nouveau", "vers": "injonction_de_payer", "date": "2026-10-01",
             "faits": {"date": "2026-10-01", "date_signification": "bientot"}}]), "date_signification"),
        (lambda x: x.update(etape="echeancier", passages=[
            {"depuis": "nouveau", "vers": "echeancier", "date": "2026-10-01",
             "faits": {"date": "2026-10-01", "premiere_echeance": "2026-11-01", "nombre_echeances": "²"}}]), "nombre_echeances"),
        (lambda x: x.update(etape="execution", passages=[
            {"depuis": "nouveau", "vers": "cloture", "date": "2026-10-01", "faits": {"motif": "paye"}},
            {"depuis": "cloture", "vers": "execution", "date": "2026-10-02", "faits": {}}]), "clôture"),
        (lambda x: x.update(etape="litige", passages=[
            {"depuis": "relance_amiable", "vers": "litige", "date": "2026-10-01", "faits": {}}]), "passages[0].depuis"),
    ],
)
def test_odd_but_json_valid_content_is_refused_before_anything_is_written(tmp_path, service, modification, fragment):
    contenu = json.loads(json.dumps(EXEMPLE))
    modification(contenu)
    with pytest.raises(ErreurSaisie) as erreur:
        service.importer_dossier(_ecrire(tmp_path, contenu))
    assert fragment in str(erreur.value)
    assert DepotDossiers(service.racine).references() == []
    assert service.resumes_actualises() == []


def test_one_dossier_that_cannot_be_summarised_never_breaks_the_list(service, dossier, monkeypatch):
    from recouvrement_tui.domain import agenda as module_agenda

    autre = service.creer_dossier({**EXEMPLE["debiteur"], "adresse1": "1 rue X", "code_postal": "69002", "ville": "Lyon"})
    service.fermer()
    original = module_agenda.actions_du_dossier  # read by domain.resume when it summarises

    def fragile(d, *args, **options):
        if d.reference == dossier.reference:
            raise OverflowError("date value out of range")
        return original(d, *args, **options)

    monkeypatch.setattr(module_agenda, "actions_du_dossier", fragile)
    (service.racine / "index.json").unlink()
    resumes = {r.reference: r for r in ServiceDossiers(service.racine).resumes_actualises()}
    assert "n'a pas pu être résumé" in resumes[dossier.reference].endommage
    assert not resumes[autre.reference].endommage
