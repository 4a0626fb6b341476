"""The court directory: shipped data, address matching, user corrections, coverage."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from recouvrement_tui.domain.annuaire import Annuaire, AnnuaireIllisible, NatureTribunal, normaliser_nom
from recouvrement_tui.storage.annuaire import annuaire_livre, charger_annuaire

# The honest floor of what the build reaches (outils/fabriquer_annuaire.py prints the figures).
COUVERTURE_TJ_MIN = 0.91
COUVERTURE_COMMERCE_MIN = 0.91


@pytest.fixture(scope="module")
def annuaire() -> Annuaire:
    return annuaire_livre()


def _tribunaux(annuaire: Annuaire, code_postal: str, ville: str) -> tuple[str, str]:
    placement = annuaire.placer(code_postal, ville)
    assert placement.commune is not None, placement.message
    tj, commercial = annuaire.tj(placement.commune), annuaire.commercial(placement.commune)
    assert tj is not None and commercial is not None
    return tj.nom, commercial.nom


def test_villeurbanne_releve_du_tae_et_du_tj_de_lyon(annuaire: Annuaire) -> None:
    assert _tribunaux(annuaire, "69100", "Villeurbanne") == (
        "Tribunal judiciaire de Lyon", "Tribunal des activités économiques de Lyon")


def test_boulogne_billancourt_releve_de_nanterre(annuaire: Annuaire) -> None:
    assert _tribunaux(annuaire, "92100", "Boulogne-Billancourt") == (
        "Tribunal judiciaire de Nanterre", "Tribunal des activités économiques de Nanterre")


def test_les_deux_saint_denis(annuaire: Annuaire) -> None:
    assert _tribunaux(annuaire, "97400", "Saint-Denis") == (
        "Tribunal judiciaire de Saint-Denis", "Tribunal mixte de commerce de Saint-Denis")
    assert _tribunaux(annuaire, "93200", "Saint-Denis") == (
        "Tribunal judiciaire de Bobigny", "Tribunal de commerce de Bobigny")


def test_colmar_chambre_commerciale(annuaire: Annuaire) -> None:
    tj, commercial = _tribunaux(annuaire, "68000", "Colmar")
    assert tj == "Tribunal judiciaire de Colmar"
    assert commercial == "Chambre commerciale du tribunal judiciaire de Colmar"
    place = annuaire.placer("68000", "Colmar").commune
    assert place is not None
    chambre = annuaire.commercial(place)
    assert chambre is not None and chambre.nature is NatureTribunal.CHAMBRE_COMMERCIALE


def test_grenoble_tribunal_de_commerce(annuaire: Annuaire) -> None:
    assert _tribunaux(annuaire, "38000", "Grenoble") == (
        "Tribunal judiciaire de Grenoble", "Tribunal de commerce de Grenoble")


@pytest.mark.parametrize(("code_postal", "ville", "insee"), [
    ("75015", "Paris", "75115"),
    ("75015", "PARIS 15", "75115"),
    ("", "Paris 15e arrondissement", "75115"),
    ("69003", "Lyon", "69383"),
    ("69003", "Lyon 3e", "69383"),
    ("13008", "Marseille 8e Arrondissement", "13208"),
    ("69433", "LYON CEDEX 03", "69123"),  # a Cedex number is not an arrondissement
    ("42000", "St-Etienne", "42218"),
    ("38000", "grenoble cedex 1", "38185"),
])
def test_normalisation_des_adresses(annuaire: Annuaire, code_postal: str, ville: str, insee: str) -> None:
    placement = annuaire.placer(code_postal, ville)
    assert placement.commune is not None, placement.message
    assert placement.commune.insee == insee


def test_paris_arrondissement_releve_de_paris(annuaire: Annuaire) -> None:
    assert _tribunaux(annuaire, "75015", "Paris") == (
        "Tribunal judiciaire de Paris", "Tribunal des activités économiques de Paris")


def test_ville_inconnue_message_avec_candidats(annuaire: Annuaire) -> None:
    placement = annuaire.placer("38000", "Villeneuve")  # 38000 covers Grenoble only
    assert placement.commune is not None  # the postal code alone designates it
    ambigu = annuaire.placer("01300", "")
    assert ambigu.commune is None
    assert "plusieurs communes" in ambigu.message and len(ambigu.candidats) > 1
    faux = annuaire.placer("01300", "Trucville")
    assert faux.commune is None
    assert "Aucune commune nommée « Trucville »" in faux.message
    assert faux.candidats[0].nom in faux.message
    homonymes = annuaire.placer("", "Saint-Denis")
    assert homonymes.commune is None and "plusieurs communes" in homonymes.message
    assert {c.departement for c in homonymes.candidats} >= {"93", "974"}
    inconnu = annuaire.placer("99999", "Nullepart")
    assert inconnu.commune is None and "Aucune commune" in inconnu.message


def test_normaliser_nom() -> None:
    assert normaliser_nom("  SAINT-ÉTIENNE Cedex 2 ") == "saint etienne"
    assert normaliser_nom("Ste-Foy-lès-Lyon") == "sainte foy les lyon"
    assert normaliser_nom("L'Haÿ-les-Roses") == "l hay les roses"


def test_couverture(annuaire: Annuaire) -> None:
    avec_tj, avec_commerce, total = annuaire.couverture()
    print(f"TJ {avec_tj}/{total}, commerce {avec_commerce}/{total}")
    assert total > 34_000
    assert avec_tj / total >= COUVERTURE_TJ_MIN
    assert avec_commerce / total >= COUVERTURE_COMMERCE_MIN
    tj = [t for t in annuaire.tribunaux.values() if t.nature is NatureTribunal.JUDICIAIRE]
    assert len(tj) == 164
    assert {t.siege for t in annuaire.tribunaux.values() if t.nature is NatureTribunal.TAE} == {
        "Avignon", "Auxerre", "Le Havre", "Le Mans", "Limoges", "Lyon", "Marseille", "Nancy", "Nanterre",
        "Paris", "Saint-Brieuc", "Versailles"}
    # Every placed commune points to an existing court of the right kind.
    for commune in annuaire.communes.values():
        if commune.tj:
            assert annuaire.tribunal(commune.tj).nature is NatureTribunal.JUDICIAIRE
        if commune.commerce:
            assert annuaire.tribunal(commune.commerce).nature.commerciale


def test_chargement_rapide(tmp_path: Path) -> None:
    debut = time.perf_counter()
    Annuaire.depuis_textes(*_textes_livres(), "livré")
    assert time.perf_counter() - debut < 1.5  # generous for CI; the benchmark measures the real figure


def _textes_livres() -> tuple[str, str]:
    from importlib import resources
    dossier = resources.files("recouvrement_tui.donnees.juridictions")
    return (dossier.joinpath("tribunaux.csv").read_text(encoding="utf-8"),
            dossier.joinpath("communes.csv").read_text(encoding="utf-8"))


def test_correction_utilisateur_remplace_une_ligne(tmp_path: Path) -> None:
    dossier = tmp_path / "juridictions"
    dossier.mkdir()
    (dossier / "tribunaux.csv").write_text(
        "id;nature;nom;siege;adresse;code_postal;ville;telephone;source;date_source;statut\n"
        "tc-grenoble;commerce;Tribunal de commerce de Grenoble;Grenoble;Palais de justice / place Firmin Gautier;"
        "38000;Grenoble;04 00 00 00 00;vérifié au greffe;2026-01-05;confirmé\n",
        encoding="utf-8")
    (dossier / "communes.csv").write_text(
        "\ufeffinsee;nom;codes_postaux;departement;tj;commerce;source\n"
        "38185;Grenoble;38000 38100;38;tj-vienne;tc-grenoble;correction\n", encoding="utf-8")
    annuaire = charger_annuaire(tmp_path)
    tribunal = annuaire.tribunal("tc-grenoble")
    assert tribunal.adresse == ("Palais de justice", "place Firmin Gautier")
    assert not tribunal.a_confirmer and tribunal.telephone == "04 00 00 00 00"
    assert annuaire.communes["38185"].tj == "tj-vienne"
    assert annuaire_livre().communes["38185"].tj == "tj-grenoble"  # the shipped copy is untouched
    assert charger_annuaire(tmp_path) is annuaire  # cached while the files do not change
    fichier = dossier / "communes.csv"
    fichier.write_text("insee;nom;codes_postaux;departement;tj;commerce;source\n", encoding="utf-8")
    os.utime(fichier, (time.time() + 5, time.time() + 5))
    assert charger_annuaire(tmp_path).communes["38185"].tj == "tj-grenoble"


@pytest.mark.parametrize(("contenu", "attendu"), [
    ("insee;nom;codes_postaux;departement;tj;commerce;source\n38185;Grenoble;38000;38;tj-grenoble\n",
     "ligne 2 : 5 colonnes au lieu de 7"),
    ("insee;nom;codes_postaux;departement;tj;commerce;source\n38185;Grenoble;38000;38;tj-grenoble;;\n"
     "ABC;X;38000;38;;;\n", "ligne 3 : code INSEE « ABC » invalide"),
    ("insee;nom;codes_postaux;departement;tj;commerce;source\n38185;Grenoble;380;38;;;\n",
     "ligne 2 : code postal « 380 » invalide"),
    ("insee;nom;codes_postaux;departement;tj;commerce;source\n38185;Grenoble;38000;38;tj-inconnu;;\n",
     "ligne 2 : tribunal « tj-inconnu » (colonne tj) absent"),
    ("code;nom\n1;2\n", "ligne 1 : en-tête inattendu"),
])
def test_ligne_utilisateur_mal_formee(tmp_path: Path, contenu: str, attendu: str) -> None:
    dossier = tmp_path / "juridictions"
    dossier.mkdir()
    (dossier / "communes.csv").write_text(contenu, encoding="utf-8")
    with pytest.raises(AnnuaireIllisible) as erreur:
        charger_annuaire(tmp_path)
    assert str(dossier / "communes.csv") in str(erreur.value)
    assert attendu in str(erreur.value)


def test_tribunal_mal_forme(tmp_path: Path) -> None:
    dossier = tmp_path / "juridictions"
    dossier.mkdir()
    (dossier / "tribunaux.csv").write_text(
        "id;nature;nom;siege;adresse;code_postal;ville;telephone;source;date_source;statut\n"
        "tc-x;prud'hommes;Conseil;X;;;;;;;confirmé\n", encoding="utf-8")
    with pytest.raises(AnnuaireIllisible, match=r"tribunaux\.csv, ligne 2 : nature « prud'hommes » inconnue"):
        charger_annuaire(tmp_path)


def test_fichier_illisible(tmp_path: Path) -> None:
    dossier = tmp_path / "juridictions"
    dossier.mkdir()
    (dossier / "communes.csv").write_bytes(b"insee;nom\n\xff\xfe\xfa")
    with pytest.raises(AnnuaireIllisible, match="illisible"):
        charger_annuaire(tmp_path)


def test_fichier_de_corrections_demesure_refuse_avant_lecture(tmp_path: Path) -> None:
    """A hostile or mistaken correction file cannot fill the memory: refused by its size, in French."""
    from recouvrement_tui.storage.annuaire import TAILLE_MAX_CORRECTIONS

    dossier = tmp_path / "juridictions"
    dossier.mkdir()
    with (dossier / "communes.csv").open("wb") as fichier:
        fichier.truncate(TAILLE_MAX_CORRECTIONS + 1)  # sparse: no disk used
    with pytest.raises(AnnuaireIllisible, match="dépasse 32 Mo"):
        charger_annuaire(tmp_path)
