"""The document commands as a script or a user would run them."""

from __future__ import annotations

import json

import pytest
from docx import Document

from recouvrement_tui.cli.principal import main


def lancer(capsys, *args):
    code = main(list(args))
    sortie = capsys.readouterr()
    return code, sortie.out, sortie.err


def test_modeles_liste_chaque_modele(demo, capsys):
    code, sortie, _ = lancer(capsys, "modeles", "--dossiers", str(demo.racine))
    assert code == 0
    for cle in ("relance_amiable", "mise_en_demeure", "requete_injonction_commerce", "bordereau_pieces"):
        assert cle in sortie
    assert "(livré)" in sortie


def test_modele_personnalise_prioritaire(demo, capsys):
    (demo.racine / "modeles").mkdir()
    livre = demo.documents.modeles.lire("relance_amiable")
    (demo.racine / "modeles" / "relance_amiable.docx").write_bytes(livre)
    code, sortie, _ = lancer(capsys, "modeles", "--json", "--dossiers", str(demo.racine))
    origines = {m["modele"]: m["origine"] for m in json.loads(sortie)}
    assert origines["relance_amiable"] == "personnalisé" and origines["mise_en_demeure"] == "livré"


def test_generer_ecrit_et_affiche_le_chemin(demo, capsys):
    reference = demo.documents.relances_dues(demo.aujourdhui())[0][0]
    code, sortie, erreur = lancer(
        capsys, "generer", reference, "mise_en_demeure", "--au", "30/11/2026", "--dossiers", str(demo.racine)
    )
    assert code == 0, erreur
    chemin = sortie.strip()
    assert chemin.endswith(f"{reference}/documents/2026-11-30_mise_en_demeure_v1.docx")
    code, sortie, _ = lancer(capsys, "documents", reference, "--json", "--dossiers", str(demo.racine))
    (version,) = json.loads(sortie)
    assert version["sha256"] == version["sha256_journal"] and version["etat"] == "tel que généré"


@pytest.mark.parametrize(
    "args, message",
    [
        (["generer", "2026-0001", "lettre_inconnue"], "Modèle « lettre_inconnue » inconnu"),
        (["generer", "2099-9999", "mise_en_demeure"], "2099-9999"),
        (["generer", "2026-0001", "mise_en_demeure", "--au", "31/02/2026"], "31/02/2026 n'existe pas"),
    ],
)
def test_erreurs_en_francais_sans_trace(demo, capsys, args, message):
    code, _, erreur = lancer(capsys, *args, "--dossiers", str(demo.racine))
    assert code == 2
    assert erreur.startswith("recouvrement : ") and message in erreur
    assert "Traceback" not in erreur


def test_deposer_une_revision(demo, capsys, tmp_path):
    reference = demo.documents.relances_dues(demo.aujourdhui())[0][0]
    _, sortie, _ = lancer(capsys, "generer", reference, "mise_en_demeure", "--dossiers", str(demo.racine))
    doc = Document(sortie.strip())
    doc.add_paragraph("Relu par l'avocat.")
    revise = tmp_path / "relu.docx"
    doc.save(revise)
    nom = sortie.strip().rsplit("/", 1)[-1]
    code, sortie, erreur = lancer(capsys, "deposer", reference, nom, str(revise), "--dossiers", str(demo.racine))
    assert code == 0, erreur
    assert sortie.strip().endswith("_mise_en_demeure_v2.docx")


def test_relances_au(demo, capsys):
    code, sortie, _ = lancer(capsys, "relances", "--au", "23/11/2026", "--liste", "--dossiers", str(demo.racine))
    assert code == 0 and "courrier(s) dû(s) au 23/11/2026" in sortie
    dus = len(sortie.strip().splitlines()) - 1
    code, sortie, erreur = lancer(capsys, "relances", "--au", "23/11/2026", "--dossiers", str(demo.racine))
    assert code == 0, erreur
    assert f"{dus} courrier(s) préparé(s) au 23/11/2026, 0 déjà prêt(s), 0 échec(s)." in sortie
    code, sortie, _ = lancer(capsys, "relances", "--au", "23/11/2026", "--dossiers", str(demo.racine))
    assert f"0 courrier(s) préparé(s) au 23/11/2026, {dus} déjà prêt(s)" in sortie


@pytest.mark.parametrize("commande", ["modeles", "generer", "documents", "deposer", "relances", "evaluer"])
def test_aide_en_francais(capsys, commande):
    with pytest.raises(SystemExit) as fin:
        main([commande, "--help"])
    assert fin.value.code == 0
    aide = capsys.readouterr().out
    assert aide.startswith("Utilisation : recouvrement") and "afficher cette aide et quitter" in aide
