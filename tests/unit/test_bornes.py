"""Bounds: one cap on amounts and one range of dates, the same on every entry path (forms and
CLI through domain.saisie, aged-balance CSV, Factur-X/CII/UBL XML, dossier JSON, stored
dossier.json); size and line limits on imported files, checked before the whole file is read.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from recouvrement_tui.cli.principal import main
from recouvrement_tui.domain.dates import DATE_MAXIMUM, DATE_MINIMUM, lire_date
from recouvrement_tui.domain.erreurs import ErreurSaisie, ErreursSaisie
from recouvrement_tui.domain.formatage import montant_en_lettres
from recouvrement_tui.domain.money import CAPITAL_MAXIMUM, MONTANT_MAXIMUM, lire_montant
from recouvrement_tui.domain.saisie import creance_depuis_saisie, creancier_depuis_saisie, paiement_depuis_saisie
from recouvrement_tui.exchange import lecture_balance
from recouvrement_tui.exchange.dossier_json import dossier_depuis_json, dossier_vers_json
from recouvrement_tui.exchange.facture_electronique import TAILLE_MAX_XML, lire_facture
from recouvrement_tui.exchange.lecture_balance import LIGNES_MAX_BALANCE, TAILLE_MAX_BALANCE, decoder, lire_balance
from tests.conftest import AUJOURDHUI
from tests.unit.test_facture_electronique import cii

FACTURE = {"numero": "FA-9", "date_facture": "01/08/2026", "date_echeance": "31/08/2026", "montant_ttc": "100"}
MAINTENANT = dt.datetime.combine(AUJOURDHUI, dt.time(12))
ENTETE_CSV = "Client;N° facture;Date facture;Échéance;Montant TTC\n"


def test_the_bounds_are_named_constants_of_the_domain():
    assert MONTANT_MAXIMUM == Decimal("999999999.99")
    assert CAPITAL_MAXIMUM > MONTANT_MAXIMUM
    assert (DATE_MINIMUM, DATE_MAXIMUM) == (dt.date(1900, 1, 1), dt.date(2200, 12, 31))


# --- forms and CLI: domain.saisie ------------------------------------------------------------


@pytest.mark.parametrize("texte", ["999 999 999,99", "999999999.99", "1"])
def test_amounts_up_to_the_cap_are_accepted(texte):
    assert creance_depuis_saisie({**FACTURE, "montant_ttc": texte}).montant_ttc == lire_montant(texte)


@pytest.mark.parametrize("texte", ["1 000 000 000", "1000000000,00", "999999999999999999999999999999", "-2000000000"])
def test_amounts_above_the_cap_are_refused_with_a_french_message(texte):
    with pytest.raises(ErreursSaisie) as refus:
        creance_depuis_saisie({**FACTURE, "montant_ttc": texte})
    message = refus.value.par_champ()["montant_ttc"]
    assert "999\u202f999\u202f999,99\u00a0€" in message and "vérifiez le nombre de chiffres" in message
    with pytest.raises(ErreursSaisie, match="plafond"):
        paiement_depuis_saisie({"date": "01/10/2026", "montant": texte}, AUJOURDHUI)


def test_a_large_company_capital_is_not_a_claim():
    valeurs = {
        "raison_sociale": "Grande Entreprise SA", "siren": "732 829 320", "capital": "2 500 000 000",
        "siege_adresse1": "1 place de la Défense", "siege_code_postal": "92400", "siege_ville": "Courbevoie",
        "representant_nom": "A. Dupont",
    }  # fmt: skip
    assert creancier_depuis_saisie(valeurs).capital == Decimal("2500000000.00")
    with pytest.raises(ErreursSaisie, match="plafond"):
        creancier_depuis_saisie({**valeurs, "capital": "10 000 000 000 000"})


@pytest.mark.parametrize("texte", ["01/01/1900", "1900-01-01", "31/12/2200", "2200-12-31"])
def test_dates_of_the_range_are_accepted(texte):
    assert DATE_MINIMUM <= lire_date(texte) <= DATE_MAXIMUM


@pytest.mark.parametrize("texte", ["31/12/1899", "01/01/2201", "31/12/9999", "9999-12-31", "01/01/0001", "0001-01-01"])
def test_dates_outside_the_range_are_refused_saying_which_years_are_taken(texte):
    with pytest.raises(ErreursSaisie) as refus:
        creance_depuis_saisie({**FACTURE, "date_echeance": texte})
    message = refus.value.par_champ()["date_echeance"]
    assert "hors des dates acceptées (du 01/01/1900 au 31/12/2200)" in message and "vérifiez l'année" in message
    with pytest.raises(ErreurSaisie, match="hors des dates"):
        lire_date(dt.date(9999, 12, 31))


@pytest.mark.parametrize(
    "arguments",
    [
        ["decompte", "--montant", "1 000 000 000", "--echeance", "2026-06-20", "--au", "2026-07-10"],
        ["decompte", "--montant", "1000", "--echeance", "9999-12-31"],
        ["decompte", "--montant", "1000", "--echeance", "2026-06-20", "--au", "0001-01-01"],
        ["delai", "9999-12-31", "1 mois"],
    ],
)
def test_the_cli_refuses_out_of_bounds_values_in_french(capsys, arguments):
    assert main(arguments) == 2
    erreur = capsys.readouterr().err
    assert "plafond" in erreur or "hors des dates acceptées" in erreur
    assert "Traceback" not in erreur and "inattendue" not in erreur


# --- aged-balance CSV --------------------------------------------------------------------------


def test_a_balance_line_above_the_cap_or_out_of_range_names_its_line_and_column():
    texte = ENTETE_CSV + "Durand SARL;FA-1;01/03/2026;31/03/2026;1 000 000 000,00\nDurand SARL;FA-2;01/03/2026;31/12/9999;10\n"
    with pytest.raises(ErreursSaisie) as refus:
        lire_balance(texte)
    messages = [e.message for e in refus.value.erreurs]
    assert any(m.startswith("ligne 2, colonne « Montant TTC » : ce montant dépasse le plafond") for m in messages)
    assert any(m.startswith("ligne 3, colonne « Échéance » : le 31/12/9999 est hors des dates") for m in messages)


def test_a_balance_at_the_cap_is_read():
    balance = lire_balance(ENTETE_CSV + "Durand SARL;FA-1;01/03/2026;31/03/2026;999 999 999,99\n")
    assert balance.clients[0].total == MONTANT_MAXIMUM


def test_a_balance_with_too_many_lines_is_refused_while_reading():
    ligne = "Durand SARL;FA-{};01/03/2026;31/03/2026;10\n"
    texte = ENTETE_CSV + "".join(ligne.format(i) for i in range(LIGNES_MAX_BALANCE))
    with pytest.raises(ErreursSaisie) as refus:
        lire_balance(texte)
    assert "plus de 100\u202f000 lignes" in str(refus.value) and "découpez-le" in str(refus.value)
    assert len(refus.value.erreurs) == 1
    # One line fewer (the header plus LIGNES_MAX_BALANCE - 1 invoices) is read.
    assert lire_balance(texte[: texte.rindex("Durand")]).nombre_factures == LIGNES_MAX_BALANCE - 1


def test_the_line_limit_is_counted_while_streaming(monkeypatch):
    monkeypatch.setattr(lecture_balance, "LIGNES_MAX_BALANCE", 3)
    lus = []
    original = lecture_balance._LectureLigne.lire

    def espion(self):
        lus.append(self.ligne)
        return original(self)

    monkeypatch.setattr(lecture_balance._LectureLigne, "lire", espion)
    with pytest.raises(ErreursSaisie, match="plus de 3 lignes"):
        lire_balance(ENTETE_CSV + "Durand;FA-1;01/03/2026;31/03/2026;10\n" * 10)
    assert lus == []  # refused before any line is checked


def test_a_balance_file_too_large_is_refused_from_its_size_before_being_read(service, tmp_path, monkeypatch):
    from pathlib import Path

    fichier = tmp_path / "grand-livre.csv"
    with fichier.open("wb") as f:
        f.truncate(TAILLE_MAX_BALANCE + 1)  # sparse: nothing to read, only its size
    lectures = []
    monkeypatch.setattr(Path, "read_bytes", lambda self: lectures.append(self) or b"")
    with pytest.raises(ErreurSaisie) as refus:
        service.echanges.importer_balance(fichier, appliquer=False)
    assert "pèse 50 Mo" in str(refus.value) and "s'arrête à 50 Mo" in str(refus.value)
    assert lectures == []
    with pytest.raises(ErreurSaisie, match="s'arrête à 50 Mo"):
        decoder(b" " * (TAILLE_MAX_BALANCE + 1))


# --- Factur-X / CII / UBL -----------------------------------------------------------------------


@pytest.mark.parametrize("du", ["1000000000.00", "1E+999999", "-5000000000"])
def test_an_invoice_amount_above_the_cap_is_refused(du):
    with pytest.raises(ErreurSaisie) as refus:
        lire_facture(cii(du=du), "facture.xml")
    assert "montant à payer" in str(refus.value) and "plafond" in str(refus.value)


def test_an_invoice_at_the_cap_is_read():
    assert lire_facture(cii(du="999999999.99"), "facture.xml").montant_du == MONTANT_MAXIMUM


@pytest.mark.parametrize("echeance", ["99991231", "00010101", "18991231"])
def test_an_invoice_date_out_of_range_is_refused(echeance):
    with pytest.raises(ErreurSaisie, match="hors des dates acceptées"):
        lire_facture(cii(echeances=(echeance,)), "facture.xml")


def test_an_invoice_xml_too_large_is_refused_before_parsing():
    enorme = cii().replace(b"<rsm:ExchangedDocumentContext>", b"<!--" + b"x" * TAILLE_MAX_XML + b"--><rsm:ExchangedDocumentContext>")
    with pytest.raises(ErreurSaisie, match="au-delà de 20 Mo"):
        lire_facture(enorme, "facture.xml")


# --- dossier JSON import --------------------------------------------------------------------------

EXEMPLE = {
    "debiteur": {"nom": "Menuiserie Durand", "adresse": {"lignes": ["1 rue X"], "code_postal": "69002", "ville": "Lyon"}},
    "creances": [{"numero": "FA-1", "date_facture": "2026-09-01", "date_echeance": "2026-10-01", "montant_ttc": "2400.00"}],
    "paiements": [{"date": "2026-10-20", "montant": "400.00", "facture": "FA-1"}],
}


@pytest.mark.parametrize(
    "modification, fragment",
    [
        (lambda x: x["creances"][0].update(montant_ttc="1000000000.00"), "creances[0].montant_ttc : ce montant dépasse le plafond"),
        (lambda x: x["creances"][0].update(montant_ttc=10**12), "creances[0].montant_ttc : ce montant dépasse le plafond"),
        (lambda x: x["paiements"][0].update(montant="-1"), "paiements[0].montant"),
        (lambda x: x["creances"][0].update(date_echeance="9999-12-31"), "creances[0].date_echeance : le 31/12/9999 est hors"),
        (lambda x: x["paiements"][0].update(date="0001-01-01"), "paiements[0].date : le 01/01/0001 est hors"),
        (lambda x: x.update(cree_le="2201-01-01"), "cree_le : le 01/01/2201 est hors"),
        (lambda x: x.update(conditions={"frais_justifies": "1e30"}), "conditions.frais_justifies"),
        (lambda x: x["creances"][0].update(montant_ttc=12.5), "creances[0].montant_ttc"),
    ],
)
def test_a_json_import_out_of_bounds_is_refused_naming_the_field(modification, fragment):
    contenu = json.loads(json.dumps(EXEMPLE))
    modification(contenu)
    with pytest.raises(ErreurSaisie) as refus:
        dossier_depuis_json(contenu, MAINTENANT, "c.martin")
    assert fragment in str(refus.value)


def test_a_json_import_at_the_cap_with_a_whole_number_amount():
    contenu = {**EXEMPLE, "creances": [{**EXEMPLE["creances"][0], "montant_ttc": "999999999.99"}], "paiements": []}
    contenu["creances"].append({**EXEMPLE["creances"][0], "numero": "FA-2", "montant_ttc": 2400})
    importe = dossier_depuis_json(contenu, MAINTENANT, "c.martin")
    assert [c.montant_ttc for c in importe.creances] == [MONTANT_MAXIMUM, Decimal("2400")]
    assert dossier_vers_json(importe)["creances"][1]["montant_ttc"] == "2400.00"


# --- a dossier at the cap works end to end --------------------------------------------------------


def test_a_dossier_at_the_cap_computes_its_decompte_and_writes_it_in_letters(demo):
    dossier = demo.charger(demo.depot.references()[0])
    dossier = demo.ajouter_creance(dossier, {**FACTURE, "numero": "FA-PLAFOND", "montant_ttc": "999 999 999,99"})
    relu = demo.charger(dossier.reference)
    assert relu.creance(next(c.id for c in relu.creances if c.numero == "FA-PLAFOND")).montant_ttc == MONTANT_MAXIMUM
    decompte = demo.decompte(relu)
    assert decompte.total > MONTANT_MAXIMUM  # interest and indemnities come on top: totals are not capped
    assert montant_en_lettres(MONTANT_MAXIMUM) == (
        "neuf cent quatre-vingt-dix-neuf millions neuf cent quatre-vingt-dix-neuf mille neuf cent "
        "quatre-vingt-dix-neuf euros et quatre-vingt-dix-neuf centimes"
    )
    totaux = demo.documents.contexte(relu, AUJOURDHUI)["totaux"]
    assert totaux["total"]["lettres"].startswith(("un milliard", "neuf cent"))
    assert demo.documents.generer(relu, "decompte_creance").dossier.revision == relu.revision + 1
    resume = next(r for r in demo.resumes_actualises() if r.reference == relu.reference)
    assert not resume.endommage and resume.solde >= MONTANT_MAXIMUM
    with pytest.raises(ErreursSaisie, match="plafond"):
        demo.ajouter_creance(relu, {**FACTURE, "numero": "FA-AU-DELA", "montant_ttc": "1 000 000 000,00"})
