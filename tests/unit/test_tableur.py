"""An aged balance in an Excel workbook (.xlsx) reads as its CSV does: same columns, rules,
messages and line numbers; hostile or unreadable workbooks are refused in French."""

import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from openpyxl import Workbook

from recouvrement_tui.domain.erreurs import ErreurSaisie, ErreursSaisie
from recouvrement_tui.exchange import tableur
from recouvrement_tui.exchange.balance import lire_balance, planifier
from recouvrement_tui.exchange.tableur import est_classeur, feuilles_du_classeur, texte_du_classeur
from tests.unit.test_balance import POINT_VIRGULE

ENTETE = ["Client", "SIREN", "N° facture", "Date facture", "Échéance", "Montant TTC", "Adresse", "Code postal",
          "Ville", "E-mail"]  # fmt: skip
# POINT_VIRGULE's lines with Excel's own types: dates, numbers (the code postal a number too, as
# a spreadsheet keeps it: 6300), and one cell of each kind as text.
LIGNES = [
    ["Menuiserie Durand SARL", 732829320, "FA-101", dt.datetime(2026, 9, 1), dt.date(2026, 10, 1), 1234.56,
     "12 rue de la République", 69002, "Lyon", "compta@durand.fr"],
    ["Menuiserie Durand SARL", "732 829 320", "FA-102", "15/09/2026", dt.datetime(2026, 10, 15), 1000,
     None, None, None, None],
    ["Café du Port", None, "C-7", "2026-10-01", dt.datetime(2026, 10, 31, 0, 0), "99,90", "3 quai Vauban", 6300,
     "Antibes", None],
]  # fmt: skip


def _classeur(*feuilles: tuple[str, list[list[object]]]) -> bytes:
    classeur = Workbook()
    classeur.remove(classeur.active)
    for nom, lignes in feuilles:
        feuille = classeur.create_sheet(nom)
        for ligne in lignes:
            feuille.append(ligne)
    sortie = io.BytesIO()
    classeur.save(sortie)
    return sortie.getvalue()


def _messages(erreur: ErreursSaisie) -> list[str]:
    return [e.message for e in erreur.erreurs]


# --- the same balance as the CSV ---------------------------------------------------------------


def test_a_workbook_reads_as_the_same_balance_in_csv():
    octets = _classeur(("Balance", [ENTETE, *LIGNES]))
    assert est_classeur(octets) and not est_classeur(POINT_VIRGULE.encode())
    excel, csv = lire_balance(texte_du_classeur(octets)), lire_balance(POINT_VIRGULE)
    assert excel.clients == csv.clients
    assert planifier(excel, []) == planifier(csv, [])
    assert excel.clients[1].adresse.code_postal == "06300"  # a number in Excel: the leading zero restored


def test_importing_a_workbook_creates_the_same_dossiers(service, tmp_path):
    (tmp_path / "balance.xlsx").write_bytes(_classeur(("Balance", [ENTETE, *LIGNES])))
    apercu = service.echanges.importer_balance(tmp_path / "balance.xlsx", appliquer=False)
    assert apercu.resume() == "2 dossiers à créer (3 factures)"
    assert service.depot.references() == []
    service.echanges.importer_balance(tmp_path / "balance.xlsx", appliquer=True)
    durand = service.charger("2026-0001")
    assert [(c.numero, c.montant_ttc, c.date_echeance) for c in durand.creances] == [
        ("FA-101", Decimal("1234.56"), dt.date(2026, 10, 1)),
        ("FA-102", Decimal("1000"), dt.date(2026, 10, 15)),
    ]
    assert durand.journal[-1].texte == "Importé de balance.xlsx : 2 factures."
    # The same balance as CSV afterwards: nothing new.
    (tmp_path / "balance.csv").write_text(POINT_VIRGULE, encoding="utf-8")
    assert service.echanges.importer_balance(tmp_path / "balance.csv", appliquer=False).rien_a_faire


def test_cells_are_written_as_an_export_writes_them():
    octets = _classeur(("F", [
        ["a", 12, 0.1 + 0.2, 1e20, -0.0, 1234.5, dt.datetime(2026, 3, 5, 14, 30), True,
         'Durand; "SARL"\nAtelier'],
    ]))  # fmt: skip
    assert texte_du_classeur(octets) == (
        'a;12;0,3;100000000000000000000;0;1234,5;05/03/2026;VRAI;"Durand; ""SARL"" Atelier"\n'
    )
    fec = texte_du_classeur(octets, separateur="\t", guillemets=False, format_date="AAAAMMJJ")
    assert fec == 'a\t12\t0,3\t100000000000000000000\t0\t1234,5\t20260305\tVRAI\tDurand; "SARL" Atelier\n'


def test_an_amount_with_more_than_two_decimals_is_refused_not_rounded():
    octets = _classeur(("F", [ENTETE[:6], ["Durand", None, "F1", "01/09/2026", "01/10/2026", 1234.567]]))
    with pytest.raises(ErreursSaisie) as erreur:
        lire_balance(texte_du_classeur(octets))
    assert _messages(erreur.value) == [
        "ligne 2, colonne « Montant TTC » : un montant a au plus deux décimales (les centimes)."
    ]


# --- line numbers ----------------------------------------------------------------------------


def test_a_wrong_cell_is_reported_on_the_row_excel_shows():
    lignes = [["Balance âgée au 30/11/2026"], [], ENTETE, LIGNES[0], [], [], LIGNES[1],
              ["Café du Port", None, "C-7", "2026-10-01", "31/02/2026", 99.9, None, None, None, None]]  # fmt: skip
    octets = _classeur(("Balance", lignes))
    texte = "Balance âgée au 30/11/2026\n\n" + POINT_VIRGULE.splitlines()[0] + "\nx\n\n\ny\nz\n"
    assert len(texte_du_classeur(octets).splitlines()) == len(texte.splitlines()) == 8
    with pytest.raises(ErreursSaisie) as erreur:
        lire_balance(texte_du_classeur(octets))
    assert _messages(erreur.value) == [
        "ligne 8, colonne « Échéance » : le 31/02/2026 n'existe pas : vérifiez le jour et le mois."
    ]


def test_a_line_break_inside_a_cell_does_not_shift_the_lines():
    octets = _classeur(("F", [ENTETE[:6], ["Durand\nSARL", None, "F1", "01/09/2026", "01/10/2026", 10],
                              ["Martin", None, "F2", "01/09/2026", "31/09/2026", 10]]))  # fmt: skip
    with pytest.raises(ErreursSaisie) as erreur:
        lire_balance(texte_du_classeur(octets))
    assert _messages(erreur.value)[0].startswith("ligne 3, colonne « Échéance »")


# --- sheets ----------------------------------------------------------------------------------


def test_the_first_sheet_by_default_another_by_name():
    octets = _classeur(("Notes", [["à relancer en priorité"]]), ("Balance clients", [ENTETE, *LIGNES]))
    assert feuilles_du_classeur(octets) == ["Notes", "Balance clients"]
    assert texte_du_classeur(octets) == "à relancer en priorité\n"
    assert lire_balance(texte_du_classeur(octets, "Balance clients")).nombre_factures == 3
    assert lire_balance(texte_du_classeur(octets, " balance CLIENTS ")).nombre_factures == 3  # case, spaces


def test_an_unknown_sheet_names_the_sheets():
    octets = _classeur(("Notes", [["x"]]), ("Balance", [ENTETE]))
    with pytest.raises(ErreurSaisie) as erreur:
        texte_du_classeur(octets, "Feuil1")
    assert (
        erreur.value.message
        == "Le classeur n'a pas de feuille « Feuil1 ». Feuilles du classeur : « Notes », « Balance »."
    )


def test_a_first_sheet_without_a_balance_says_the_workbook_has_others(service, tmp_path):
    chemin = tmp_path / "balance.xlsx"
    chemin.write_bytes(_classeur(("Notes", [["à relancer"]]), ("Balance", [ENTETE, *LIGNES])))
    with pytest.raises(ErreursSaisie) as erreur:
        service.echanges.importer_balance(chemin, appliquer=True)
    assert "Ce classeur a 2 feuilles (« Notes », « Balance ») et la première a été lue" in str(erreur.value)
    assert service.depot.references() == []
    plan = service.echanges.importer_balance(chemin, appliquer=False, feuille="Balance")
    assert plan.resume() == "2 dossiers à créer (3 factures)"


def test_a_sheet_named_for_a_csv_is_refused(service, tmp_path):
    (tmp_path / "balance.csv").write_text(POINT_VIRGULE, encoding="utf-8")
    with pytest.raises(ErreurSaisie, match="fichier CSV : il n'a pas de feuilles"):
        service.echanges.importer_balance(tmp_path / "balance.csv", appliquer=False, feuille="Balance")


# --- formulas --------------------------------------------------------------------------------


def test_formulas_without_a_saved_value_are_refused_with_their_cells():
    # openpyxl writes formulas without their result, as many programs do: the value is unknown.
    octets = _classeur(("F", [ENTETE[:6], ["Durand", None, "F1", "01/09/2026", "01/10/2026", "=100*1.2"],
                              ["Total", None, None, None, None, "=SUM(F2:F2)"]]))  # fmt: skip
    with pytest.raises(ErreursSaisie) as erreur:
        texte_du_classeur(octets)
    assert _messages(erreur.value) == [
        f"ligne {n}, cellule F{n} : cellule calculée sans valeur enregistrée : ouvrez le fichier dans Excel (ou "
        "LibreOffice) et enregistrez-le, ce qui calcule et garde ses valeurs, puis importez-le."
        for n in (2, 3)
    ]


def test_a_formula_with_its_saved_value_reads_the_value():
    octets = _classeur(("F", [["=1+1"]]))
    with zipfile.ZipFile(io.BytesIO(octets)) as source:  # as Excel saves it: the formula and its result
        sortie = io.BytesIO()
        with zipfile.ZipFile(sortie, "w") as cible:
            for entree in source.infolist():
                contenu = source.read(entree)
                if entree.filename == "xl/worksheets/sheet1.xml":
                    assert b"<f>1+1</f><v></v>" in contenu
                    contenu = contenu.replace(b"<f>1+1</f><v></v>", b"<f>1+1</f><v>2</v>")
                cible.writestr(entree, contenu)
    assert texte_du_classeur(sortie.getvalue()) == "2\n"


def test_reading_the_first_rows_only_leaves_the_rest_of_the_sheet_unread():
    """A header's check (is it a FEC?) reads one row: a wrong cell further down is never reached."""
    octets = _classeur(("F", [[], ENTETE[:6], ["Durand", None, "F1", "01/09/2026", "01/10/2026", "=100*1.2"]]))
    assert texte_du_classeur(octets, lignes_lues=1) == "\n" + ";".join(ENTETE[:6]) + "\n"  # row 2 stays line 2
    with pytest.raises(ErreursSaisie):
        texte_du_classeur(octets)


def test_a_fec_workbook_is_recognised_by_its_first_row_on_the_sheet_chosen(tmp_path):
    from recouvrement_tui.services.comptabilite import feuilles_du_fichier, fichier_est_un_fec
    from tests.comptabilite.fabrique import COLONNES as COLONNES_FEC

    # below the header, a formula without value: the whole sheet would be refused, the header's check passes
    chemin = tmp_path / "compta.xlsx"
    chemin.write_bytes(_classeur(("Balance", [ENTETE, *LIGNES]), ("FEC", [list(COLONNES_FEC), ["=1+1"]])))
    assert feuilles_du_fichier(chemin) == ["Balance", "FEC"]
    assert not fichier_est_un_fec(chemin) and not fichier_est_un_fec(chemin, "Balance")
    assert fichier_est_un_fec(chemin, "FEC")
    texte = tmp_path / "balance.csv"
    texte.write_text(POINT_VIRGULE, encoding="utf-8")
    assert feuilles_du_fichier(texte) == [] and feuilles_du_fichier(tmp_path / "absent.xlsx") == []


# --- hostile or unreadable files -------------------------------------------------------------


def _zip(**entrees: bytes) -> bytes:
    sortie = io.BytesIO()
    with zipfile.ZipFile(sortie, "w", zipfile.ZIP_DEFLATED) as archive:
        for nom, contenu in entrees.items():
            archive.writestr(nom.replace("__", "/"), contenu)
    return sortie.getvalue()


def test_a_zip_bomb_is_refused_before_anything_is_inflated():
    sortie = io.BytesIO()
    with zipfile.ZipFile(sortie, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as entree:
            zeros = bytes(1024 * 1024)
            for _ in range(tableur.DECOMPRESSE_MAX // len(zeros) + 1):
                entree.write(zeros)
    octets = sortie.getvalue()
    assert len(octets) < 1024 * 1024  # a few hundred kilobytes on disk
    with pytest.raises(ErreurSaisie, match="se décompresse en plus de 200 Mo"):
        texte_du_classeur(octets)


@pytest.mark.parametrize(
    ("octets", "attendu"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600) + b"Workbook", "l'ancien format (.xls)"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"), "protégé par un mot de passe"),
        (_zip(mimetype=b"application/vnd.oasis.opendocument.spreadsheet", content__xml=b"<x/>"), "OpenDocument (.ods"),
        (_zip(**{"[Content_Types].xml": b"<Types/>", "xl__workbook.bin": b"\0"}), "binaire d'Excel (.xlsb)"),
        (_zip(**{"word__document.xml": b"<w/>"}), "n'est pas un classeur Excel (.xlsx)"),
        (_zip(**{"[Content_Types].xml": b"<Types/>", "xl__workbook.xml": b"<pas du xml"}), "endommagé"),
        (b"PK\x03\x04 not really a zip", "endommagé"),
        (b"Client;Facture\n", "n'est pas un classeur Excel (.xlsx)"),
    ],
)
def test_what_is_not_an_xlsx_is_refused_in_french(octets, attendu):
    with pytest.raises(ErreurSaisie) as erreur:
        texte_du_classeur(octets)
    assert attendu in erreur.value.message


def test_an_xls_given_to_the_import_says_to_save_it_as_xlsx_or_csv(service, tmp_path):
    (tmp_path / "balance.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    with pytest.raises(ErreurSaisie, match="Classeur Excel \\(.xlsx\\)"):
        service.echanges.importer_balance(tmp_path / "balance.xls", appliquer=False)


def test_too_many_rows_are_refused_before_the_text_is_built():
    octets = _classeur(("F", [["x"]] * 12))
    assert texte_du_classeur(octets, lignes_max=12) == "x\n" * 12
    with pytest.raises(ErreurSaisie, match="La feuille « F » compte plus de 10 lignes"):
        texte_du_classeur(octets, lignes_max=10)


def test_a_row_far_down_the_sheet_counts_as_its_number_of_lines():
    classeur = Workbook()
    classeur.active["A1"] = "Client"
    classeur.active["A1000000"] = "x"  # one cell, a million lines of text
    sortie = io.BytesIO()
    classeur.save(sortie)
    with pytest.raises(ErreurSaisie, match="compte plus de 100\u202f000 lignes"):
        texte_du_classeur(sortie.getvalue())


def test_a_text_larger_than_the_csv_limit_is_refused():
    octets = _classeur(("F", [["x" * 1000] * 20] * 10))
    with pytest.raises(ErreurSaisie, match="donne plus de"):
        texte_du_classeur(octets, taille_max=100_000)


def test_a_cell_far_right_costs_separators_not_time():
    classeur = Workbook()
    classeur.active["A1"] = "a"
    classeur.active["XFD1"] = "z"  # the last column Excel has
    sortie = io.BytesIO()
    classeur.save(sortie)
    assert texte_du_classeur(sortie.getvalue()) == "a" + ";" * 16383 + "z\n"
