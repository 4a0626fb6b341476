"""The coming half-year's rates: when the app asks for them, how they are checked, where they go."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from recouvrement_tui.domain.erreurs import ErreursSaisie
from recouvrement_tui.domain.taux import (
    AjoutTaux,
    LigneTaux,
    TauxInconnu,
    alerte_taux,
    message_taux_manquant,
    messages_taux_manquants,
    semestre_suivant,
    verifier_ajout,
)
from recouvrement_tui.services.dossiers import ServiceDossiers
from recouvrement_tui.storage.taux import charger_taux, enregistrer_ajout

S1_2027 = {"semestre": "2027-S1", "bce": "2,15", "legal_particulier": "6,50", "legal_autres": "2.60",
           "source": "décision BCE du 10/12/2026 ; arrêté du 18/12/2026"}


@pytest.fixture
def taux(tmp_path):
    return charger_taux(tmp_path)


def test_semestre_suivant():
    assert semestre_suivant("2026-S2") == "2027-S1" and semestre_suivant("2027-S1") == "2027-S2"


# --- the warning -------------------------------------------------------------------------------


def test_nothing_before_the_15th_of_december(taux):
    assert alerte_taux(taux, dt.date(2026, 12, 14)) is None
    assert alerte_taux(taux, dt.date(2026, 11, 23)) is None  # the snapshots' fixed day


def test_a_warning_from_the_15th_of_december(taux):
    alerte = alerte_taux(taux, dt.date(2026, 12, 15))
    assert alerte is not None and not alerte.critique
    assert alerte.semestre == "2027-S1" and alerte.date == dt.date(2027, 1, 1)
    assert "ne sont pas encore saisis" in alerte.message and "01/01/2027" in alerte.message
    assert "recouvrement taux ajouter 2027-S1 --bce … --legal-particulier … --legal-autres … --source …" in alerte.message


def test_critical_once_the_half_year_has_begun(taux):
    alerte = alerte_taux(taux, dt.date(2027, 1, 2))
    assert alerte is not None and alerte.critique and alerte.semestre == "2027-S1"
    assert "au-delà du 31/12/2026" in alerte.message


def test_nothing_once_2027_s1_is_added(tmp_path, taux):
    enregistrer_ajout(tmp_path, verifier_ajout(taux, S1_2027, dt.date(2026, 12, 20)), fsync=False)
    apres = charger_taux(tmp_path)
    for jour in (dt.date(2026, 12, 15), dt.date(2027, 1, 2)):
        assert alerte_taux(apres, jour) is None


def test_one_series_missing_is_named_alone(tmp_path, taux):
    bce_seule = {k: v for k, v in S1_2027.items() if not k.startswith("legal")}
    enregistrer_ajout(tmp_path, verifier_ajout(taux, bce_seule, dt.date(2026, 12, 20)), fsync=False)
    alerte = alerte_taux(charger_taux(tmp_path), dt.date(2026, 12, 20))
    assert alerte is not None and alerte.series == ("taux de l'intérêt légal",)
    assert alerte.message.startswith("Le taux de l'intérêt légal du semestre 2027-S1 n'est pas encore saisi")
    assert "--bce" not in alerte.commande and "--legal-autres" in alerte.commande


def test_june_asks_for_the_second_half_year(tmp_path, taux):
    enregistrer_ajout(tmp_path, verifier_ajout(taux, S1_2027, dt.date(2026, 12, 20)), fsync=False)
    apres = charger_taux(tmp_path)
    assert alerte_taux(apres, dt.date(2027, 6, 14)) is None
    assert alerte_taux(apres, dt.date(2027, 6, 15)).semestre == "2027-S2"  # type: ignore[union-attr]


# --- checking what is typed ----------------------------------------------------------------------


def refus(taux, valeurs, au=dt.date(2026, 12, 20)) -> dict[str, str]:
    with pytest.raises(ErreursSaisie) as erreurs:
        verifier_ajout(taux, valeurs, au)
    return erreurs.value.par_champ()


def test_a_valid_half_year_with_comma_or_point(taux):
    ajout = verifier_ajout(taux, S1_2027, dt.date(2026, 12, 20))
    assert ajout.bce is not None and ajout.legal is not None
    assert ajout.bce.valeurs == {"taux_bce": Decimal("2.15"), "taux_penalite_defaut": Decimal("12.15")}
    assert ajout.legal.valeurs == {"creancier_particulier": Decimal("6.50"), "autres_cas": Decimal("2.60")}
    assert ajout.bce.statut == "publie" and ajout.avertissements == ()
    assert verifier_ajout(taux, {**S1_2027, "semestre": " 2027-s1 ", "bce": "2,15 %"}, dt.date(2026, 12, 20)).semestre == "2027-S1"


@pytest.mark.parametrize(
    "changement, champ, fragment",
    [
        ({"semestre": "2027-S3"}, "semestre", "n'est pas un semestre"),
        ({"semestre": "27-S1"}, "semestre", "n'est pas un semestre"),
        ({"bce": "deux"}, "bce", "n'est pas un taux en pourcentage"),
        ({"bce": "25"}, "bce", "sort de la plage plausible (de 0 à 20 %)"),
        ({"bce": "-0,5"}, "bce", "sort de la plage plausible"),
        ({"bce": "2,155"}, "bce", "deux décimales au plus"),
        ({"legal_autres": ""}, "legal_autres", "publiés ensemble"),
        ({"legal_particulier": ""}, "legal_particulier", "publiés ensemble"),
        ({"legal_particulier": "2", "legal_autres": "6"}, "legal_particulier", "semblent inversées"),
        ({"source": "  "}, "source", "Indiquez la source"),
        ({"source": "x" * 301}, "source", "300 caractères au plus"),
        ({"source": "ligne\x00cachée"}, "source", "caractère de contrôle"),
        ({"bce": "", "legal_particulier": "", "legal_autres": ""}, "bce", "Indiquez le taux BCE"),
        ({"semestre": "2027-S2"}, "bce", "ajoutez d'abord 2027-S1"),
        ({"semestre": "2014-S2"}, "bce", "n'est tenu qu'à partir du semestre 2015-S1"),
    ],
)
def test_each_refusal_is_french_and_on_its_field(taux, changement, champ, fragment):
    messages = refus(taux, {**S1_2027, **changement})
    assert fragment in messages[champ], messages


def test_a_started_half_year_is_replaced_only_with_remplacer(taux):
    changement = {"semestre": "2026-S2", "bce": "2,50", "legal_particulier": "", "legal_autres": ""}
    message = refus(taux, {**S1_2027, **changement})["bce"]
    assert "a commencé le 01/07/2026" in message and "2,40" in message and "--remplacer" in message
    ajout = verifier_ajout(taux, {**S1_2027, **changement, "remplacer": True}, dt.date(2026, 12, 20))
    assert ajout.bce is not None and ajout.bce.valeurs["taux_bce"] == Decimal("2.50")
    assert "les décomptes déjà produits ont utilisé l'ancienne valeur" in ajout.avertissements[0]


def test_confirming_the_same_value_needs_no_remplacer(taux):
    ajout = verifier_ajout(taux, {"semestre": "2026-S2", "bce": "2,40", "source": "Banque de France"},
                           dt.date(2026, 12, 20))
    assert ajout.bce is not None and ajout.bce.statut == "publie" and ajout.avertissements == ()


def test_an_unconfirmed_coming_half_year_is_replaced_freely_a_published_one_is_not(tmp_path, taux):
    au = dt.date(2026, 12, 20)
    enregistrer_ajout(tmp_path, verifier_ajout(taux, {**S1_2027, "a_confirmer": True}, au), fsync=False)
    provisoire = charger_taux(tmp_path)
    assert provisoire.bce.lignes["2027-S1"].a_confirmer
    corrige = verifier_ajout(provisoire, {**S1_2027, "bce": "2,40"}, au)  # not begun, only à confirmer
    enregistrer_ajout(tmp_path, corrige, fsync=False)
    publie = charger_taux(tmp_path)
    assert publie.bce.lignes["2027-S1"].valeurs["taux_bce"] == Decimal("2.40")
    assert "déjà saisi comme publié" in refus(publie, {**S1_2027, "bce": "2,65"}, au)["bce"]


# --- storage ----------------------------------------------------------------------------------


def test_round_trip_keeps_the_users_other_lines(tmp_path, taux):
    (tmp_path / "taux").mkdir()
    (tmp_path / "taux" / "taux_bce_semestres.csv").write_text(
        "\ufeffsemestre,taux_bce,taux_penalite_defaut,statut,source,note\n"
        "2026-S2,2.40,12.40,publie,\"Banque de France, confirmé\",vu le 02/07\n", encoding="utf-8")
    avant = charger_taux(tmp_path)
    ajout = verifier_ajout(avant, S1_2027, dt.date(2026, 12, 20))
    ecrits = enregistrer_ajout(tmp_path, ajout, fsync=False)
    assert [p.name for p in ecrits] == ["taux_bce_semestres.csv", "taux_interet_legal.csv"]
    texte = (tmp_path / "taux" / "taux_bce_semestres.csv").read_text(encoding="utf-8")
    assert texte.splitlines() == [
        "semestre,taux_bce,taux_penalite_defaut,statut,source,note",
        '2026-S2,2.40,12.40,publie,"Banque de France, confirmé",vu le 02/07',
        "2027-S1,2.15,12.15,publie,décision BCE du 10/12/2026 ; arrêté du 18/12/2026,",
    ]
    apres = charger_taux(tmp_path)
    ligne = apres.bce.ligne(dt.date(2027, 3, 1))
    assert ligne.valeurs["taux_bce"] == Decimal("2.15") and ligne.source.startswith("décision BCE")
    assert str(tmp_path / "taux") in ligne.origine
    assert apres.legal.valeur(dt.date(2027, 3, 1), "autres_cas") == Decimal("2.60")
    assert not apres.bce.lignes["2026-S2"].a_confirmer


def test_an_unwritable_rates_folder_is_said_in_french(tmp_path, taux):
    (tmp_path / "taux").write_text("pas un dossier", encoding="utf-8")
    ajout = AjoutTaux("2027-S1", LigneTaux("2027-S1", {"taux_bce": Decimal(2), "taux_penalite_defaut": Decimal(12)},
                                           "publie", "x", ""), None)
    from recouvrement_tui.domain.taux import TauxIllisibles

    with pytest.raises(TauxIllisibles, match="n'a pas pu être enregistré"):
        enregistrer_ajout(tmp_path, ajout, fsync=False)


# --- the service, and a décompte spanning 2027 ---------------------------------------------------


def test_a_decompte_into_2027_fails_before_and_works_after_adding(tmp_path):
    service = ServiceDossiers(tmp_path / "d", aujourdhui=lambda: dt.date(2026, 12, 20), auteur="t")
    dossier = service.creer_dossier({"nom": "Scierie Vosgienne", "forme_juridique": "SAS", "adresse1": "1 rue",
                                     "code_postal": "88000", "ville": "Épinal"})
    dossier = service.ajouter_creance(dossier, {"numero": "F1", "date_facture": "01/10/2026",
                                                "date_echeance": "30/11/2026", "montant_ttc": "10 000"})
    with pytest.raises(TauxInconnu) as inconnu:
        service.decompte(dossier, dt.date(2027, 1, 31))
    assert "recouvrement taux ajouter 2027-S1 --bce … --source …" in str(inconnu.value)
    assert service.alerte_taux() is not None
    service.ajouter_taux(S1_2027)
    assert service.alerte_taux() is None
    decompte = service.decompte(dossier, dt.date(2027, 1, 31))
    assert [l.taux for l in decompte.creances[0].lignes] == [Decimal("12.40"), Decimal("12.15")]


def test_the_batch_line_is_one_per_half_year():
    manques = [("2026-0001", "2027-S1", "taux BCE"), ("2026-0002", "2027-S1", "taux BCE"),
               ("2026-0002", "2027-S1", "taux de l'intérêt légal")]
    assert messages_taux_manquants(manques) == [message_taux_manquant("2027-S1", 2, ("taux BCE", "taux de l'intérêt légal"))]
    assert messages_taux_manquants(manques)[0] == (
        "Taux du semestre 2027-S1 inconnu : ajoutez-le avec « recouvrement taux ajouter 2027-S1 --bce … "
        "--legal-particulier … --legal-autres … --source … » (2 dossiers concernés).")
    assert message_taux_manquant("2027-S1", 1, ("taux BCE",)).endswith("--bce … --source … » (1 dossier concerné).")


def test_the_data_folder_path_is_kept(tmp_path):
    assert isinstance(charger_taux(tmp_path).bce.fichier_utilisateur, str)
    assert Path(charger_taux(tmp_path).bce.fichier_utilisateur).parent == tmp_path / "taux"
