"""A dossier round-trips through the documented JSON format; bad files write nothing."""

import json

import pytest

from recouvrement_tui.domain.erreurs import ErreurSaisie
from recouvrement_tui.domain.etapes import Etape
from recouvrement_tui.services import ServiceDossiers
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
    from recouvrement_tui.cli import main

    assert main(["montrer", dossier.reference, "--json", "--dossiers", str(service.racine)]) == 0
    fichier = _ecrire(tmp_path, capsys.readouterr().out, "export.json")
    assert main(["importer", str(fichier), "--dossiers", str(tmp_path / "autre")]) == 0
    assert "créé pour Menuiserie Durand" in capsys.readouterr().out
    assert main(["importer", str(tmp_path / "balance.csv"), "--dossiers", str(tmp_path / "autre")]) == 2
    assert "format JSON" in capsys.readouterr().err
