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


@pytest.mark.parametrize(("colle", "attendu"), [
    ('"C:\\Users\\anne\\Factures\\FA 1.pdf"', "C:\\Users\\anne\\Factures\\FA 1.pdf"),
    ("'/home/anne/FEC 2026.txt'", "/home/anne/FEC 2026.txt"),
    ("file:///home/anne/FEC%202026.txt", "/home/anne/FEC 2026.txt"),
    ("file:///C:/Users/anne/FEC.txt", "C:/Users/anne/FEC.txt"),
    ("file://serveur/partage/FEC.txt", "//serveur/partage/FEC.txt"),
    ("  /tmp/balance.csv  ", "/tmp/balance.csv"),
])
def test_un_chemin_colle_avec_guillemets_ou_file_est_compris(colle, attendu):
    from recouvrement_tui.domain.texte import chemin_colle

    assert chemin_colle(colle) == attendu


def test_joindre_une_piece_au_chemin_colle_entre_guillemets(service, tmp_path):
    from tests.conftest import DEBITEUR

    pdf = tmp_path / "FA 1.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    d = service.creer_dossier(DEBITEUR)
    d = service.echanges.joindre_piece(d, {"fichier": f'"{pdf}"', "type": "facture"})
    assert len(d.pieces) == 1
