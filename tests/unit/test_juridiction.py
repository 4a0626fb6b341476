"""The injonction de payer goes to the court the parties call for."""

from dataclasses import replace

import pytest

from recouvrement_tui.domain.juridiction import NatureJuridiction, juridiction_injonction
from recouvrement_tui.domain.model import (
    Adresse,
    Debiteur,
    Localisation,
    Qualite,
    TypePersonne,
)

SOCIETE = Debiteur(nom="Menuiserie Durand", forme_juridique="SARL", siren="732829320",
                   adresse=Adresse(("1 rue X",), "42000", "Saint-Étienne"))


def test_commercial_debtor_goes_to_the_tribunal_de_commerce():
    j = juridiction_injonction(SOCIETE)
    assert j.nom == "Président du tribunal de commerce compétent pour Saint-Étienne" and "12946" in j.formulaire


def test_pilot_city_goes_to_the_tae():
    lyon = replace(SOCIETE, adresse=Adresse(("1 rue X",), "69002", "Lyon"))
    assert juridiction_injonction(lyon).nom == "Président du tribunal des activités économiques de Lyon"


def test_alsace_moselle_commercial_chamber():
    strasbourg = replace(SOCIETE, adresse=Adresse(("1 rue X",), "67000", "Strasbourg"), localisation=Localisation.ALSACE_MOSELLE)
    assert "chambre commerciale du tribunal judiciaire" in juridiction_injonction(strasbourg).nom


def test_consumers_and_civil_companies_go_to_the_tribunal_judiciaire():
    conso = Debiteur(type_personne=TypePersonne.PHYSIQUE, qualite=Qualite.CONSOMMATEUR, nom="Martin", prenom="Léa",
                     adresse=Adresse(("2 rue Y",), "69003", "Lyon"))
    assert juridiction_injonction(conso).nom.startswith("Président du tribunal judiciaire")
    sci = replace(SOCIETE, forme_juridique="SCI")
    assert "12948" in juridiction_injonction(sci).formulaire


def test_public_bodies_and_foreign_debtors():
    assert "administratif" in juridiction_injonction(replace(SOCIETE, secteur_public=True)).nom
    assert "européenne" in juridiction_injonction(replace(SOCIETE, localisation=Localisation.ETRANGER)).formulaire


def test_city_names_as_written_on_envelopes_and_civil_companies_in_full():
    for ville in ("Paris Cedex 08", "Marseille 8e", "Saint Brieuc", "SAINT-BRIEUC"):
        societe = replace(SOCIETE, adresse=Adresse(("1 rue X",), "75008", ville))
        assert "activités économiques" in juridiction_injonction(societe).nom, ville
    assert "tribunal de commerce" in juridiction_injonction(replace(SOCIETE, adresse=Adresse((), "69100", "Villeurbanne"))).nom
    sci = replace(SOCIETE, forme_juridique="Société civile immobilière")
    assert juridiction_injonction(sci).nom.startswith("Président du tribunal judiciaire")


@pytest.mark.parametrize(
    "nature, refere, placement, commerciale",
    [
        ("commerce", "873, alinéa 2", "857", True),
        ("tae", "873, alinéa 2", "857", True),
        ("chambre_commerciale", "835, alinéa 2", "754", True),
        ("judiciaire", "835, alinéa 2", "754", False),
    ],
)
def test_la_nature_du_tribunal_decide_des_articles(nature, refere, placement, commerciale):
    """Référé-provision art. 873 al. 2 before the consular courts, 835 al. 2 elsewhere; the
    assignation is placed under art. 857 there, 754 elsewhere (CPC)."""
    n = NatureJuridiction(nature)
    assert (n.article_refere, n.article_placement, n.commerciale) == (refere, placement, commerciale)


def test_tentative_prealable_seulement_devant_le_tribunal_judiciaire_jusqua_5000():
    """Art. 750-1 CPC: before the tribunal judiciaire, 5,000 € or less needs a prior attempt at
    amicable resolution; the tribunal de commerce has no such rule."""
    from decimal import Decimal

    assert NatureJuridiction.JUDICIAIRE.tentative_prealable_requise(Decimal("5000.00"))
    assert not NatureJuridiction.JUDICIAIRE.tentative_prealable_requise(Decimal("5000.01"))
    assert not NatureJuridiction.COMMERCE.tentative_prealable_requise(Decimal("300.00"))
