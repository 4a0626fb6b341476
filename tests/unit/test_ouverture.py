"""Opening a document: RECOUVREMENT_OUVRIR, else the system default, else a clear message."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from recouvrement_tui.system import ouverture
from recouvrement_tui.system.ouverture import OuvertureImpossible, commande_ouverture, ouvrir

FICHIER = Path("/tmp/dossiers/2026-0001/documents/2026-11-23_mise_en_demeure_v1.docx")


def test_variable_avec_emplacement():
    commande = commande_ouverture(FICHIER, {"RECOUVREMENT_OUVRIR": "libreoffice --writer {}"}, "linux")
    assert commande == ["libreoffice", "--writer", str(FICHIER)]


def test_variable_sans_emplacement_ajoute_le_fichier():
    commande = commande_ouverture(FICHIER, {"RECOUVREMENT_OUVRIR": "open -a 'Microsoft Word'"}, "darwin")
    assert commande == ["open", "-a", "Microsoft Word", str(FICHIER)]


def test_defaut_systeme(monkeypatch):
    monkeypatch.setattr(ouverture.shutil, "which", lambda nom: f"/usr/bin/{nom}")
    assert commande_ouverture(FICHIER, {}, "linux") == ["xdg-open", str(FICHIER)]
    assert commande_ouverture(FICHIER, {}, "darwin") == ["open", str(FICHIER)]
    assert commande_ouverture(FICHIER, {}, "win32") is None


def test_aucun_programme_message_clair(monkeypatch):
    monkeypatch.setattr(ouverture.shutil, "which", lambda nom: None)
    with pytest.raises(OuvertureImpossible, match="RECOUVREMENT_OUVRIR") as erreur:
        commande_ouverture(FICHIER, {}, "linux")
    assert str(FICHIER) in str(erreur.value)


def test_programme_introuvable_message_clair(tmp_path, monkeypatch):
    fichier = tmp_path / "lettre.docx"
    fichier.write_bytes(b"x")
    monkeypatch.setenv("RECOUVREMENT_OUVRIR", "programme-qui-n-existe-pas")
    with pytest.raises(OuvertureImpossible, match="ne peut pas être lancé"):
        ouvrir(fichier)


def test_la_commande_recoit_le_fichier(tmp_path, monkeypatch):
    fichier = tmp_path / "lettre.docx"
    fichier.write_bytes(b"x")
    temoin = tmp_path / "ouvert.txt"
    monkeypatch.setenv("RECOUVREMENT_OUVRIR", f"sh -c 'echo \"$0\" > {temoin}' {{}}")
    ouvrir(fichier)
    for _ in range(50):
        if temoin.exists() and temoin.read_text().strip():
            break
        time.sleep(0.05)
    assert temoin.read_text().strip() == str(fichier)


def test_chemin_windows_garde_ses_barres_obliques():
    commande = commande_ouverture(FICHIER, {"RECOUVREMENT_OUVRIR": r'"C:\Program Files\LibreOffice\soffice.exe" {}'}, "win32")
    assert commande == [r"C:\Program Files\LibreOffice\soffice.exe", str(FICHIER)]
