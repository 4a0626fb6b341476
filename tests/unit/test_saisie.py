"""What users type is checked with a French message naming the field and the fix."""

import datetime as dt
from decimal import Decimal

import pytest

from recouvrement_tui.domain.dates import lire_date
from recouvrement_tui.domain.erreurs import ErreurSaisie, ErreursSaisie
from recouvrement_tui.domain.identifiants import lire_siren, lire_siret
from recouvrement_tui.domain.model import Localisation, Qualite, TypePersonne
from recouvrement_tui.domain.money import lire_montant, lire_taux
from recouvrement_tui.domain.saisie import (
    creance_depuis_saisie,
    creancier_depuis_saisie,
    debiteur_depuis_saisie,
    paiement_depuis_saisie,
)
from tests.conftest import DEBITEUR


@pytest.mark.parametrize(
    "texte, attendu",
    [
        ("1234,56", "1234.56"),
        ("1 234,56", "1234.56"),
        ("1\u202f234,56\u00a0€", "1234.56"),
        ("1.234,56", "1234.56"),
        ("1234.5", "1234.50"),
        ("80", "80.00"),
    ],
)
def test_amounts_typed_the_french_way(texte, attendu):
    assert lire_montant(texte) == Decimal(attendu)


@pytest.mark.parametrize(
    "texte, fragment",
    [
        ("", "Indiquez un montant"),
        ("douze", "n'est pas un montant"),
        ("-50", "supérieur à zéro"),
        ("0", "supérieur à zéro"),
        ("12,345", "deux décimales"),
    ],
)
def test_bad_amounts_are_refused_with_a_reason(texte, fragment):
    with pytest.raises(ErreurSaisie) as erreur:
        lire_montant(texte, "montant_ttc")
    assert fragment in erreur.value.message
    assert erreur.value.champ == "montant_ttc"


def test_dates_iso_and_french_and_impossible():
    assert lire_date("2026-03-01") == dt.date(2026, 3, 1)
    assert lire_date("01/03/2026") == dt.date(2026, 3, 1)
    with pytest.raises(ErreurSaisie, match="31/02/2026 n'existe pas"):
        lire_date("31/02/2026")
    with pytest.raises(ErreurSaisie, match="JJ/MM/AAAA"):
        lire_date("mars 2026")
    assert lire_date("", obligatoire=False) is None


def test_rates():
    assert lire_taux("12,5 %") == Decimal("12.5")
    assert lire_taux("") is None
    with pytest.raises(ErreurSaisie, match="100 %"):
        lire_taux("150")


def test_siren_and_siret_check_digits():
    assert lire_siren("732 829 320") == "732829320"
    assert lire_siret("732 829 320 00074") == "73282932000074"
    with pytest.raises(ErreurSaisie, match="clé de contrôle"):
        lire_siren("732829321")
    with pytest.raises(ErreurSaisie, match="9 chiffres"):
        lire_siren("73282932")
    # La Poste's SIRETs follow their own rule (sum of digits multiple of 5), accepted.
    assert lire_siret("35600000000048") == "35600000000048"


def test_debtor_errors_are_reported_all_at_once_per_field():
    with pytest.raises(ErreursSaisie) as erreurs:
        debiteur_depuis_saisie({"nom": "", "siren": "123456789", "code_postal": "690", "adresse1": "", "ville": ""})
    champs = erreurs.value.par_champ()
    assert set(champs) == {"nom", "siren", "code_postal", "adresse1", "ville"}
    assert "SIREN 123456789 est invalide" in champs["siren"]


def test_debtor_localisation_follows_the_address_unless_chosen():
    assert debiteur_depuis_saisie({**DEBITEUR, "code_postal": "67000", "ville": "Strasbourg"}).localisation is Localisation.ALSACE_MOSELLE
    assert debiteur_depuis_saisie({**DEBITEUR, "code_postal": "97200", "ville": "Fort-de-France"}).localisation is Localisation.OUTRE_MER
    assert debiteur_depuis_saisie({**DEBITEUR, "pays": "Belgique", "code_postal": "1000"}).localisation is Localisation.ETRANGER
    assert debiteur_depuis_saisie(DEBITEUR).localisation is Localisation.METROPOLE
    choisi = debiteur_depuis_saisie({**DEBITEUR, "localisation": "outre_mer"})
    assert choisi.localisation is Localisation.OUTRE_MER


def test_siret_gives_the_siren_and_must_match_it():
    d = debiteur_depuis_saisie({**DEBITEUR, "siren": "", "siret": "73282932000074"})
    assert d.siren == "732829320"
    with pytest.raises(ErreursSaisie) as erreurs:
        debiteur_depuis_saisie({**DEBITEUR, "siren": "552100554", "siret": "73282932000074"})
    assert "n'appartient pas au SIREN" in erreurs.value.par_champ()["siret"]


def test_a_company_cannot_be_a_consumer():
    with pytest.raises(ErreursSaisie) as erreurs:
        debiteur_depuis_saisie({**DEBITEUR, "qualite": "consommateur"})
    assert "qualite" in erreurs.value.par_champ()
    personne = debiteur_depuis_saisie(
        {**DEBITEUR, "type_personne": "physique", "qualite": "consommateur", "nom": "Martin", "prenom": "Sophie", "siren": ""}
    )
    assert personne.type_personne is TypePersonne.PHYSIQUE and personne.qualite is Qualite.CONSOMMATEUR
    assert personne.nom_complet == "Sophie Martin"


def test_bad_email_and_phone():
    with pytest.raises(ErreursSaisie) as erreurs:
        debiteur_depuis_saisie({**DEBITEUR, "email": "durand.fr", "relance_telephone": "appelez-moi"})
    assert set(erreurs.value.par_champ()) == {"email", "relance_telephone"}


def test_invoice_due_date_before_invoice_date_is_refused():
    with pytest.raises(ErreursSaisie) as erreurs:
        creance_depuis_saisie({"numero": "F1", "date_facture": "10/09/2026", "date_echeance": "01/09/2026", "montant_ttc": "10"})
    assert "précéder" in erreurs.value.par_champ()["date_echeance"]


def test_invoice_all_fields_wrong():
    with pytest.raises(ErreursSaisie) as erreurs:
        creance_depuis_saisie({"numero": "", "date_facture": "32/01/2026", "date_echeance": "", "montant_ttc": "abc", "taux_contractuel": "x"})
    assert set(erreurs.value.par_champ()) == {"numero", "date_facture", "date_echeance", "montant_ttc", "taux_contractuel"}


def test_payment_in_the_future_or_on_unknown_invoice():
    aujourdhui = dt.date(2026, 11, 23)
    with pytest.raises(ErreursSaisie) as erreurs:
        paiement_depuis_saisie({"date": "24/11/2026", "montant": "10", "creance_id": "inconnue"}, aujourdhui, {"abc": "F1"})
    assert set(erreurs.value.par_champ()) == {"date", "creance_id"}
    p = paiement_depuis_saisie({"date": "23/11/2026", "montant": "10,5", "mode": "cheque", "creance_id": "abc"}, aujourdhui, {"abc": "F1"})
    assert p.montant == Decimal("10.50") and p.creance_id == "abc"


def test_creditor_settings_checked():
    with pytest.raises(ErreursSaisie) as erreurs:
        creancier_depuis_saisie({"raison_sociale": "", "siren": "", "iban": "FR76 0000"})
    assert {"raison_sociale", "siren", "iban", "representant_nom", "siege_adresse1"} <= set(erreurs.value.par_champ())
    c = creancier_depuis_saisie(
        {
            "raison_sociale": "Électricité Rhône SAS",
            "siren": "552100554",
            "capital": "50 000",
            "siege_adresse1": "4 quai Perrache",
            "siege_code_postal": "69002",
            "siege_ville": "Lyon",
            "representant_nom": "Claire Martin",
            "iban": "FR76 3000 6000 0112 3456 7890 189",
        }
    )
    assert c.capital == Decimal("50000.00") and c.iban == "FR7630006000011234567890189"
