"""What an attacker's review of the safety work found, each reproduced, then closed."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import zipfile
from importlib.metadata import version

import pytest

from recouvrement_tui.cli import main
from recouvrement_tui.domain.erreurs import ErreurSaisie
from recouvrement_tui.domain.noms import est_nom_sur, nom_sur
from recouvrement_tui.exchange import archive
from recouvrement_tui.ouverture import commande_ouverture
from recouvrement_tui.storage.erreurs import DossierEndommage
from tests.conftest import AUJOURDHUI


def test_jinja_sans_la_faille_du_bac_a_sable():
    """Jinja2 3.1.5 and older let a template escape the sandbox with |attr('format')."""
    assert tuple(int(x) for x in version("jinja2").split(".")[:3]) >= (3, 1, 6)


def test_un_lien_remplace_ne_donne_pas_ses_droits_0777(service, dossier, tmp_path):
    """A symlink's own mode is 0777: copying it made index.json writable by everyone."""
    ailleurs = tmp_path / "ailleurs.json"
    ailleurs.write_text("{}", encoding="utf-8")
    index = service.racine / "index.json"
    index.unlink(missing_ok=True)
    index.symlink_to(ailleurs)
    service.index.ecrire()
    assert not index.is_symlink()
    assert stat.S_IMODE(index.stat().st_mode) & 0o111 == 0
    assert stat.S_IMODE(index.stat().st_mode) & 0o002 == 0
    assert ailleurs.read_text(encoding="utf-8") == "{}"


def test_remplacer_un_dossier_qui_est_un_lien_refuse(demo, tmp_path):
    reference = demo.documents.relances_dues(AUJOURDHUI)[0][0]
    export = demo.echanges.exporter(reference, tmp_path / "export")
    victime = tmp_path / "victime"
    shutil.move(demo.depot.chemin(reference), victime)
    demo.depot.chemin(reference).symlink_to(victime)
    avant = sorted(os.listdir(victime))
    with pytest.raises(DossierEndommage, match="lien symbolique"):
        demo.echanges.importer_archive(export, remplacer=True)
    assert sorted(os.listdir(victime)) == avant  # not even a lock file written through the link
    assert not [p for p in demo.racine.iterdir() if p.name.startswith(".")]


def test_un_nom_importe_ne_pilote_pas_le_terminal(service, tmp_path, capsys):
    """Evil\\x1b]52;…: printed raw, a name wrote to the clipboard and cleared the screen."""
    from tests.conftest import DEBITEUR

    dossier = service.creer_dossier({**DEBITEUR, "nom": "Menuiserie Durand"})
    brut = json.loads(service.depot.fichier(dossier.reference).read_text(encoding="utf-8"))
    piege = "Evil\x1b]52;c;ZWNobw==\x07\x1b[2J\u202eSARL\x85"
    brut["dossier"]["1"]["debiteur"]["nom"] = piege
    service.depot.fichier(dossier.reference).write_text(json.dumps(brut), encoding="utf-8")
    assert main(["liste", "--dossiers", str(service.racine)]) == 0
    sortie = capsys.readouterr().out
    assert "Evil" in sortie and not any(c in sortie for c in "\x1b\x07\u202e\x85")
    assert main(["liste", "--json", "--dossiers", str(service.racine)]) == 0
    lu = json.loads(capsys.readouterr().out)
    assert lu[0]["debiteur"].startswith(piege)  # JSON keeps the data, escaped


def test_schema_zero_est_un_dossier_abime(service, dossier, capsys):
    fichier = service.depot.fichier(dossier.reference)
    brut = json.loads(fichier.read_text(encoding="utf-8"))
    for version_schema in (0, -3, False):
        brut["_meta"]["1"]["schema"] = version_schema
        fichier.write_text(json.dumps(brut), encoding="utf-8")
        with pytest.raises(DossierEndommage):
            service.charger(dossier.reference)
        assert main(["decompte", dossier.reference, "--dossiers", str(service.racine)]) == 2
        assert "Erreur inattendue" not in capsys.readouterr().err


def test_console_qui_ne_sait_pas_ecrire_lespace_fine(demo):
    """A redirected Windows console (cp1252) cannot encode the narrow no-break space of amounts."""
    environnement = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    resultat = subprocess.run([sys.executable, "-m", "recouvrement_tui", "liste", "--dossiers", str(demo.racine)],
                              capture_output=True, env=environnement, timeout=120)
    assert resultat.returncode == 0, resultat.stderr.decode("cp1252", "replace")
    assert b"Erreur inattendue" not in resultat.stderr


def test_reference_en_chiffres_non_ascii_refusee(service, tmp_path, capsys):
    """"２０２６-００９９" (full-width) passed for a reference: a look-alike of a real dossier."""
    from recouvrement_tui.exchange.dossier_json import dossier_vers_json
    from tests.conftest import DEBITEUR

    dossier = service.creer_dossier(DEBITEUR)
    contenu = dossier_vers_json(dossier)
    for reference in ("２０２６-００９９", "٢٠٢٦-٠٠٠٩"):
        contenu["reference"] = reference
        chemin = tmp_path / "faux.json"
        chemin.write_text(json.dumps(contenu, ensure_ascii=False), encoding="utf-8")
        assert main(["importer", str(chemin), "--dossiers", str(service.racine)]) == 2
        assert "référence" in capsys.readouterr().err
    assert service.depot.references() == [dossier.reference]


def test_archive_aux_membres_innombrables_refusee_avant_lecture(tmp_path, monkeypatch):
    monkeypatch.setattr(archive, "FICHIERS_MAX", 5)
    chemin = tmp_path / "foule.zip"
    with zipfile.ZipFile(chemin, "w") as z:
        for i in range(6):
            z.writestr(f"f{i}", b"")
    monkeypatch.setattr(zipfile, "ZipFile", lambda *a, **k: pytest.fail("the directory was read"))
    with pytest.raises(ErreurSaisie, match="contient plus de 5 fichiers"):
        archive.lire(chemin)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX pipes")
@pytest.mark.parametrize("nom", ["tube.json", "tube.zip", "tube.csv", "tube.xml"])
def test_un_tube_donne_a_importer_ne_bloque_pas(service, tmp_path, capsys, nom):
    tube = tmp_path / nom
    os.mkfifo(tube)
    assert main(["importer", str(tube), "--dossiers", str(service.racine)]) == 2
    assert "fichier ordinaire" in capsys.readouterr().err


@pytest.mark.parametrize("nom", ["facture\u202efdp.exe", "a\u200fb.pdf", "x\x85y.pdf", "z\u2066w.pdf"])
def test_nom_de_piece_sans_marque_de_direction(nom):
    assert not est_nom_sur(nom)
    assert est_nom_sur(nom_sur(nom)) and "_" in nom_sur(nom)


def test_accolades_deja_entre_guillemets(tmp_path):
    """sh -c "libreoffice '{}'": our quotes would cancel the user's and leave the name bare."""
    fichier = tmp_path / "a'$(touch INJECTE)'.docx"
    commande = commande_ouverture(fichier, {"RECOUVREMENT_OUVRIR": "sh -c \"true '{}'\""}, "linux")
    subprocess.run(commande, cwd=tmp_path, check=True, timeout=30)
    assert not (tmp_path / "INJECTE").exists()
