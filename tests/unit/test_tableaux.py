"""CSV the app writes never carry a formula (issue 12, hole 7).

A spreadsheet runs a cell starting with = + - @ (or a tab or carriage return before one):
`=HYPERLINK(...)` exfiltrates, `+cmd|' /C calc'!A0` launches a program (DDE). Invoice numbers,
names and journal notes come from outside (balance imports, e-invoices, colleagues); they are
stored as given, and every CSV cell of text is written with a leading ' (OWASP), while the
amounts and dates the app formats itself stay numbers and dates.
"""

from __future__ import annotations

import csv
import io
import zipfile
from decimal import Decimal

import pytest

from recouvrement_tui.exchange.tableaux import Nombre, cellule, tableur_csv
from tests.conftest import AUJOURDHUI

NOM = '=HYPERLINK("http://x","clic")'
FACTURE = "+cmd|' /C calc'!A0"
LIBELLE = "-2+3"
NOTE = "@SUM(1+1)"
DEBUTS_DANGEREUX = ("=", "+", "-", "@", "\t", "\r")


def _lire(contenu: bytes) -> list[list[str]]:
    assert contenu.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(contenu.decode("utf-8-sig"), newline=""), delimiter=";"))


def _sans_formule(lignes: list[list[str]]) -> None:
    """No cell a spreadsheet would evaluate (a quoted cell starts with ', never with a formula)."""
    for ligne in lignes:
        for c in ligne:
            assert not c.startswith(DEBUTS_DANGEREUX), (c, ligne)


@pytest.mark.parametrize(
    "texte, attendu",
    [
        (NOM, "'" + NOM),
        (FACTURE, "'" + FACTURE),
        (LIBELLE, "'" + LIBELLE),
        (NOTE, "'" + NOTE),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("\uff1d1+1", "'\uff1d1+1"),  # full-width =
        ("FA-001", "FA-001"),
        ("Menuiserie Durand", "Menuiserie Durand"),
        ("", ""),
        ("'déjà", "'déjà"),
    ],
)
def test_cellule_de_texte_neutralisee(texte, attendu):
    assert cellule(texte) == attendu


def test_les_nombres_restent_des_nombres():
    """A negative amount we format is a number, not text to neutralise; the same text typed by someone is."""
    (ligne,) = _lire(tableur_csv([[Nombre("-12,50"), "-12,50", NOTE, Nombre("3")]]))
    assert ligne == ["-12,50", "'-12,50", "'" + NOTE, "3"]


def test_import_puis_export_ne_rend_aucune_formule(service, tmp_path):
    """The attack end to end: a balance from outside, a colleague's note, then the export's CSV."""
    balance = tmp_path / "balance.csv"
    nom_csv = NOM.replace('"', '""')
    balance.write_text(
        "Client;N° facture;Date facture;Échéance;Montant TTC\n"
        f'"{nom_csv}";{FACTURE};01/09/2026;01/10/2026;1 234,56\n'
        f'"{nom_csv}";{LIBELLE};15/09/2026;15/10/2026;100,00\n',
        encoding="utf-8",
    )
    (reference,) = service.echanges.importer_balance(balance, appliquer=True).references_creees
    dossier = service.charger(reference)
    # Stored as given: the data is the customer's, only its spreadsheet copy is neutralised.
    assert dossier.debiteur.nom == NOM
    assert sorted(c.numero for c in dossier.creances) == sorted([FACTURE, LIBELLE])
    dossier = service.ajouter_note(dossier, NOTE)
    service.ajouter_note(dossier, NOM)  # a colleague pasting the name

    chemin = service.echanges.exporter(reference, tmp_path / "export")
    with zipfile.ZipFile(chemin) as z:
        decompte = _lire(z.read("02 - Décompte de créance.csv"))
        journal = _lire(z.read("journal.csv"))
    _sans_formule(decompte)
    _sans_formule(journal)

    factures = [ligne[0] for ligne in decompte if ligne and ligne[0] not in ("facture", "TOTAL")]
    assert "'" + FACTURE in factures and "'" + LIBELLE in factures
    assert {ligne[3] for ligne in journal[1:]} >= {"'" + NOTE, "'" + NOM}

    # Amounts unchanged, and still numbers: the totals row, and each invoice's amount.
    calcul = service.decompte(service.charger(reference), AUJOURDHUI)
    total = next(ligne for ligne in decompte if ligne and ligne[0] == "TOTAL")
    assert total[2:] == [f"{v:.2f}".replace(".", ",") for v in
                         (calcul.principal, calcul.interets, calcul.indemnites, calcul.total)]
    montants = {ligne[0]: ligne[1] for ligne in decompte if len(ligne) == 6 and ligne[0] != "facture"}
    assert montants["'" + FACTURE] == "1234,56" and montants["'" + LIBELLE] == "100,00"
    assert Decimal(total[-1].replace(",", ".")) == calcul.total
