"""A mistyped data folder is said, with exit 2, instead of an empty answer (issue 17, point 6)."""

from __future__ import annotations

import pytest

from recouvrement_tui.cli.principal import main


@pytest.mark.parametrize("commande", [["liste"], ["agenda"], ["tableau-de-bord"], ["relances", "--liste"]])
def test_un_dossier_de_donnees_inexistant_est_dit(tmp_path, capsys, commande):
    absent = tmp_path / "dossiers-mal-tape"
    assert main([*commande, "--dossiers", str(absent)]) == 2
    erreur = capsys.readouterr().err
    assert "n'existe pas" in erreur and "--dossiers" in erreur and "Traceback" not in erreur
    assert not absent.exists()  # nothing created by asking


def test_importer_peut_commencer_un_dossier_de_donnees(tmp_path, capsys):
    from tests.comptabilite.fabrique import mars

    fec = tmp_path / "FEC.txt"
    fec.write_bytes(mars().octets())
    assert main(["importer", str(fec), "--dossiers", str(tmp_path / "neuf")]) == 0
