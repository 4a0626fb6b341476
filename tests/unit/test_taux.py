"""Rates are data: shipped with their status and source, extended by the user without code."""

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from recouvrement_tui.domain.taux import TauxIllisibles, TauxInconnu
from recouvrement_tui.storage.taux import charger_taux

PARTAGE = Path(__file__).resolve().parents[3] / "shared" / "donnees"
# A byte-for-byte copy of shared/donnees, so the comparison runs in a bare clone too.
VENDU = Path(__file__).resolve().parents[1] / "donnees"
SERIES = (
    ("taux_bce_semestres.csv", "bce", ("taux_bce", "taux_penalite_defaut")),
    ("taux_interet_legal.csv", "legal", ("creancier_particulier", "autres_cas")),
)


def test_shipped_series_cover_2015_to_2026_with_their_status(tmp_path):
    taux = charger_taux(tmp_path)
    semestres = [l.semestre for l in taux.bce.semestres()]
    assert semestres[0] == "2015-S1" and semestres[-1] == "2026-S2"
    assert taux.bce.lignes["2026-S2"].a_confirmer and not taux.bce.lignes["2026-S1"].a_confirmer
    assert taux.legal.lignes["2026-S1"].valeurs == {"creancier_particulier": Decimal("6.67"), "autres_cas": Decimal("2.62")}
    # The default penalty column is the ECB rate + 10 points on every line.
    for ligne in taux.bce.semestres():
        assert ligne.valeurs["taux_penalite_defaut"] == ligne.valeurs["taux_bce"] + 10


def _comparer(tmp_path, source: Path) -> None:
    taux = charger_taux(tmp_path)
    for nom, attribut, colonnes in SERIES:
        table = getattr(taux, attribut)
        with open(source / nom, encoding="utf-8") as fichier:
            officielles = list(csv.DictReader(fichier))
        assert officielles, f"{source / nom} est vide"
        # Same half-years, no more, no fewer.
        assert sorted(table.lignes) == sorted(l["semestre"] for l in officielles), nom
        for ligne in officielles:
            livre = table.lignes[ligne["semestre"]]
            assert livre.statut == ligne["statut"], (nom, ligne["semestre"])
            for c in colonnes:
                assert livre.valeurs[c] == Decimal(ligne[c]), (nom, ligne["semestre"], c)


def test_shipped_figures_are_the_official_series_unchanged(tmp_path):
    """Runs everywhere: against the copy vendored in tests/donnees."""
    _comparer(tmp_path, VENDU)


@pytest.mark.skipif(not PARTAGE.exists(), reason="shared/donnees absent (the vendored copy is checked above)")
def test_shipped_figures_match_shared_when_present(tmp_path):
    _comparer(tmp_path, PARTAGE)


@pytest.mark.skipif(not PARTAGE.exists(), reason="shared/donnees absent")
def test_vendored_copy_is_still_shared_donnees_byte_for_byte():
    for nom, _, _ in SERIES:
        assert (VENDU / nom).read_bytes() == (PARTAGE / nom).read_bytes(), f"recopier shared/donnees/{nom} dans tests/donnees/"


def test_a_user_adds_a_published_half_year_in_the_data_folder(tmp_path):
    with pytest.raises(TauxInconnu):
        charger_taux(tmp_path).bce.ligne(dt.date(2027, 3, 1))
    (tmp_path / "taux").mkdir()
    (tmp_path / "taux" / "taux_bce_semestres.csv").write_text(
        "semestre,taux_bce,taux_penalite_defaut,statut,source\n"
        "2027-S1,2.65,12.65,publie,JORF du 5 janvier 2027\n"
        "2026-S2,2.40,12.40,publie,confirmé par la Banque de France\n",
        encoding="utf-8",
    )
    taux = charger_taux(tmp_path)
    assert taux.bce.valeur(dt.date(2027, 3, 1), "taux_bce") == Decimal("2.65")
    assert not taux.bce.lignes["2026-S2"].a_confirmer  # the user's line overrides the shipped one
    assert "taux_bce_semestres.csv" in taux.bce.lignes["2027-S1"].origine


@pytest.mark.parametrize(
    "contenu, fragment",
    [
        ("semestre,taux\n2027-S1,2.65\n", "l'en-tête doit contenir"),
        ("semestre,taux_bce,taux_penalite_defaut,statut,source\n2027-1,2.65,12.65,publie,x\n", "ligne 2"),
        ("semestre,taux_bce,taux_penalite_defaut,statut,source\n2027-S1,deux,12.65,publie,x\n", "illisible"),
        ("semestre,taux_bce,taux_penalite_defaut,statut,source\n2027-S1,2.65,12.65,peut-être,x\n", "statut"),
    ],
)
def test_a_malformed_user_file_is_named_with_its_line(tmp_path, contenu, fragment):
    (tmp_path / "taux").mkdir()
    (tmp_path / "taux" / "taux_bce_semestres.csv").write_text(contenu, encoding="utf-8")
    with pytest.raises(TauxIllisibles, match=fragment):
        charger_taux(tmp_path)
