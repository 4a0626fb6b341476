"""recouvrement courriel / relances --canal courriel, as a user types them."""

from __future__ import annotations

import email
import json
from email import policy

from recouvrement_tui.cli.principal import main
from tests.courriel.serveur import Serveur, port_libre
from tests.courriel.test_envoi import _dossier, _parametrer


def _eml(service, reference):
    return sorted((service.depot.chemin(reference) / "documents").glob("*.eml"))


def test_apercu_sans_rien_ecrire(service, racine, capsys):
    _parametrer(service)
    d = _dossier(service)
    service.fermer()
    assert main(["courriel", d.reference, "--dossiers", str(racine)]) == 0
    sortie = capsys.readouterr()
    assert "À : compta@durand.fr" in sortie.out and "Objet : " in sortie.out and "FA-002" in sortie.out
    assert "rien n'a été écrit" in sortie.err
    assert _eml(service, d.reference) == []


def test_brouillon_et_sa_copie(service, racine, tmp_path, capsys):
    _parametrer(service)
    d = _dossier(service)
    service.fermer()
    bureau = tmp_path / "bureau"
    bureau.mkdir()
    assert main(["courriel", d.reference, "--brouillon", str(bureau), "--json", "--dossiers", str(racine)]) == 0
    sortie = json.loads(capsys.readouterr().out)
    assert sortie["envoye"] is False and sortie["etape"] is None
    [copie] = bureau.glob("*.eml")
    message = email.message_from_bytes(copie.read_bytes(), policy=policy.default)
    assert message["X-Unsent"] == "1" and message["Message-ID"] == sortie["message_id"]
    assert len(_eml(service, d.reference)) == 1


def test_envoi_et_serveur_arrete(service, racine, capsys):
    d = _dossier(service)
    _parametrer(service, port=str(port_libre()))
    service.fermer()
    assert main(["courriel", d.reference, "--envoyer", "--dossiers", str(racine)]) == 2
    erreur = capsys.readouterr().err
    assert "ne répond pas" in erreur and "Traceback" not in erreur
    with Serveur() as serveur:
        _parametrer(service, port=str(serveur.port))
        service.fermer()
        assert main(["courriel", d.reference, "--envoyer", "--dossiers", str(racine)]) == 0
    assert len(serveur.recus) == 1
    assert "Le dossier passe à l'étape « Relance amiable »" in capsys.readouterr().out


def test_relances_du_jour_par_courriel(service, racine, capsys):
    for i in range(2):
        _dossier(service, nom=f"Client {i}", relance_email=f"compta@client{i}.fr")
    _dossier(service, nom="Sans adresse", email="", relance_email="", facturation_email="")
    with Serveur() as serveur:
        _parametrer(service, port=str(serveur.port))
        service.fermer()
        assert main(["relances", "--canal", "courriel", "--envoyer", "--dossiers", str(racine)]) == 0
        sortie = capsys.readouterr().out
        assert "2 courriel(s) envoyé(s)" in sortie and "1 lettre(s)" in sortie
        assert main(["relances", "--canal", "courriel", "--envoyer", "--dossiers", str(racine)]) == 0
        assert "0 courriel(s) envoyé(s)" in capsys.readouterr().out
    assert len(serveur.recus) == 2


def test_envoyer_des_lettres_n_a_pas_de_sens(service, racine, capsys):
    _parametrer(service)
    service.fermer()
    assert main(["relances", "--envoyer", "--dossiers", str(racine)]) == 2
    assert "--canal courriel" in capsys.readouterr().err
