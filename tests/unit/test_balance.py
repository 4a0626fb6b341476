"""Importing an aged balance ("balance âgée") CSV: reading, grouping, planning, applying."""

from decimal import Decimal

import pytest

from recouvrement_tui.domain.erreurs import ErreurSaisie, ErreursSaisie
from recouvrement_tui.domain.etapes import Etape, TypeEvenement
from recouvrement_tui.exchange.balance import decoder, lire_balance, planifier
from tests.conftest import DEBITEUR

POINT_VIRGULE = """\
Client;SIREN;N° facture;Date facture;Échéance;Montant TTC;Adresse;Code postal;Ville;E-mail
Menuiserie Durand SARL;732 829 320;FA-101;01/09/2026;01/10/2026;1 234,56;12 rue de la République;69002;Lyon;compta@durand.fr
Menuiserie Durand SARL;732 829 320;FA-102;15/09/2026;15/10/2026;"1\u202f000,00";;;;
Café du Port;;C-7;2026-10-01;2026-10-31;99,90;3 quai Vauban;6300;Antibes;
"""

VIRGULE = """\
Raison sociale,N° SIREN,Numéro de pièce,Date de pièce,Date d'échéance,Montant,Adresse,CP,Ville,Courriel
Menuiserie Durand SARL,732829320,FA-101,2026-09-01,2026-10-01,1234.56,12 rue de la République,69002,Lyon,compta@durand.fr
Menuiserie Durand SARL,732829320,FA-102,2026-09-15,2026-10-15,1000.00,,,,
Café du Port,,C-7,01/10/2026,31/10/2026,99.90,3 quai Vauban,06300,Antibes,
"""


def _ecrire(tmp_path, texte, nom="balance.csv", encodage="utf-8"):
    chemin = tmp_path / nom
    chemin.write_bytes(texte.encode(encodage) if isinstance(texte, str) else texte)
    return chemin


def _messages(erreur: ErreursSaisie) -> list[str]:
    return [e.message for e in erreur.erreurs]


# --- reading ---------------------------------------------------------------------------------------


def test_semicolon_with_decimal_comma_and_comma_with_decimal_point_read_the_same():
    a, b = lire_balance(POINT_VIRGULE), lire_balance(VIRGULE)
    assert (a.separateur, b.separateur) == (";", ",")
    assert a.clients == b.clients
    durand, cafe = a.clients
    assert durand.siren == "732829320" and durand.email == "compta@durand.fr"
    assert [(f.numero, f.montant) for f in durand.factures] == [
        ("FA-101", Decimal("1234.56")),
        ("FA-102", Decimal("1000.00")),
    ]
    assert cafe.adresse.code_postal == "06300"  # the leading zero a spreadsheet dropped is restored
    debiteur = durand.debiteur()
    assert (debiteur.nom, debiteur.forme_juridique, debiteur.adresse.ville) == ("Menuiserie Durand", "SARL", "Lyon")


def test_tab_separated_file_with_title_lines_totals_and_repeated_header():
    texte = (
        "Balance âgée clients\nau 23/11/2026\n\n"
        "Tiers\tPièce\tDate\tÉchéance\tDébit\n"
        "Durand\tF1\t01/09/2026\t01/10/2026\t100,00\n"
        "Total Durand\t\t\t\t100,00\n"
        "Tiers\tPièce\tDate\tÉchéance\tDébit\n"
        "Martin\tF2\t01.09.26\t01-10-26\t50\n"
        "Total général\t\t\t\t150,00\n"
    )
    balance = lire_balance(texte)
    assert balance.separateur == "\t"
    groupes = [(c.nom, [f.numero for f in c.factures]) for c in balance.clients]
    assert groupes == [("Durand", ["F1"]), ("Martin", ["F2"])]
    assert balance.clients[1].factures[0].date_echeance.isoformat() == "2026-10-01"


def test_bom_and_windows_1252_accents_are_decoded():
    avec_bom = decoder("\ufeff".encode() + POINT_VIRGULE.encode("utf-8"))
    assert lire_balance(avec_bom).clients == lire_balance(POINT_VIRGULE).clients
    ancien = (
        "Client;Facture;Date;Échéance;Montant\n"
        "Société Générale d'Électricité;F1;01/09/2026;01/10/2026;10\n"
    )
    texte = decoder(ancien.encode("cp1252"))
    assert lire_balance(texte).clients[0].nom == "Société Générale d'Électricité"


def test_a_spreadsheet_file_is_refused_with_advice():
    with pytest.raises(ErreurSaisie, match="enregistrez-le au format CSV"):
        decoder(b"PK\x03\x04rest of a zip")


def test_remaining_column_is_preferred_and_the_invoiced_amount_kept_in_the_object():
    texte = (
        "Nom du client;N° de facture;Date facture;Date échéance;Montant TTC;Reste à payer;Libellé\n"
        "Durand;F1;01/09/2026;01/10/2026;1 200,00;700,00;Pose fenêtres\n"
        "Durand;F2;01/09/2026;01/10/2026;300,00;0,00;Devis 12\n"
        "Durand;F3;01/09/2026;01/10/2026;50,00;50,00;\n"
    )
    balance = lire_balance(texte)
    f1, f3 = balance.clients[0].factures
    assert (f1.montant, f1.montant_ttc) == (Decimal("700.00"), Decimal("1200.00"))
    assert f1.creance().montant_ttc == Decimal("700.00")
    assert f1.creance().objet == (
        "Pose fenêtres (facturé 1\u202f200,00\u00a0€ TTC, reste dû 700,00\u00a0€ selon la balance âgée)"
    )
    assert f3.creance().objet == ""
    assert balance.lignes_soldees == (3,)  # paid in full: left out


def test_siret_column_gives_the_siren():
    texte = "Client;SIRET;Facture;Date;Échéance;Montant\nDurand;732 829 320 00074;F1;01/09/2026;01/10/2026;10\n"
    client = lire_balance(texte).clients[0]
    assert (client.siren, client.siret) == ("732829320", "73282932000074")


def test_missing_column_names_what_was_found_and_what_is_accepted():
    texte = "Client;Facture;Date;Montant\nDurand;F1;01/09/2026;10\n"
    with pytest.raises(ErreursSaisie) as erreur:
        lire_balance(texte)
    (message,) = _messages(erreur.value)
    assert message.startswith("Colonne « échéance » absente.")
    assert "« Date d'échéance », « Échéance »" in message
    assert "Colonnes trouvées : « Client » ; « Facture » ; « Date » ; « Montant »." in message


def test_a_file_without_a_header_says_so():
    with pytest.raises(ErreursSaisie, match="Aucune ligne d'en-tête reconnue.*« foo,bar »"):
        lire_balance("foo,bar\n1,2\n")


def test_every_wrong_cell_is_reported_with_its_line_and_column():
    texte = POINT_VIRGULE.replace("01/10/2026;1 234,56", "31/02/2026;1 234,56").replace("99,90", "9x,90")
    texte += "Durand;;FA-9;01/11/2026;01/12/2026;-40,00;;;;\n"
    with pytest.raises(ErreursSaisie) as erreur:
        lire_balance(texte)
    assert _messages(erreur.value) == [
        "ligne 2, colonne « Échéance » : le 31/02/2026 n'existe pas : vérifiez le jour et le mois.",
        (
            "ligne 4, colonne « Montant TTC » : « 9x,90 » n'est pas un montant : écrivez des chiffres, "
            "par exemple 1\u00a0234,56."
        ),
        (
            "ligne 5, colonne « Montant TTC » : montant négatif (-40,00) : un avoir ou un règlement non lettré ne "
            "s'importe pas ; lettrez-le en comptabilité ou retirez la ligne, puis déduisez-le de la facture concernée."
        ),
    ]


def test_an_invoice_listed_twice_for_one_customer_is_refused():
    texte = (
        "Client;Facture;Date;Échéance;Montant\n"
        "Durand;F1;01/09/2026;01/10/2026;10\n"
        "Durand;F1;01/09/2026;01/11/2026;10\n"
    )
    attendu = "ligne 3, colonne « Facture » : la facture F1 de ce client figure déjà ligne 2"
    with pytest.raises(ErreursSaisie, match=attendu):
        lire_balance(texte)


def test_lines_without_siren_join_the_siren_their_name_has_elsewhere():
    texte = (
        "Client;SIREN;Facture;Date;Échéance;Montant\n"
        "Menuiserie DURAND;;F1;01/09/2026;01/10/2026;10\n"
        "Menuiserie Durand SARL;732829320;F2;01/09/2026;01/10/2026;20\n"
    )
    (client,) = lire_balance(texte).clients
    assert client.siren == "732829320" and [f.numero for f in client.factures] == ["F1", "F2"]


# --- planning and applying through the service ----------------------------------------------------


def test_bad_lines_write_nothing(service, tmp_path):
    chemin = _ecrire(tmp_path, POINT_VIRGULE.replace("99,90", "beaucoup"))
    with pytest.raises(ErreursSaisie):
        service.echanges.importer_balance(chemin, appliquer=True)
    assert service.depot.references() == []


def test_missing_file(service, tmp_path):
    with pytest.raises(ErreurSaisie, match="n'existe pas"):
        service.echanges.importer_balance(tmp_path / "absent.csv", appliquer=False)


def test_preview_writes_nothing_and_applying_groups_invoices_by_debtor(service, tmp_path):
    chemin = _ecrire(tmp_path, POINT_VIRGULE, encodage="utf-8-sig")
    apercu = service.echanges.importer_balance(chemin, appliquer=False)
    assert apercu.resume() == "2 dossiers à créer (3 factures)"
    assert service.depot.references() == []
    fait = service.echanges.importer_balance(chemin, appliquer=True)
    assert fait.resume() == "2 dossiers créés (3 factures)"
    assert fait.references_creees == ("2026-0001", "2026-0002")
    durand = service.charger("2026-0001")
    assert durand.debiteur.siren == "732829320" and [c.numero for c in durand.creances] == ["FA-101", "FA-102"]
    assert durand.solde == Decimal("2234.56")
    assert durand.journal[-1].type is TypeEvenement.IMPORT
    assert durand.journal[-1].texte == "Importé de balance.csv : 2 factures."
    types = [e.type for e in durand.journal]
    assert types == [TypeEvenement.CREATION, TypeEvenement.CREANCE, TypeEvenement.CREANCE, TypeEvenement.IMPORT]
    assert {r.reference for r in service.resumes_actualises()} == {"2026-0001", "2026-0002"}


def test_importing_the_same_file_again_changes_nothing(service, tmp_path):
    chemin = _ecrire(tmp_path, POINT_VIRGULE)
    service.echanges.importer_balance(chemin, appliquer=True)
    avant = [service.charger(r) for r in service.depot.references()]
    plan = service.echanges.importer_balance(_ecrire(tmp_path, VIRGULE, "autre.csv"), appliquer=True)
    assert (plan.a_creer, plan.a_completer, len(plan.deja_presentes)) == ((), (), 3)
    assert plan.resume() == "Rien à importer : 3 factures déjà présentes"
    assert [service.charger(r) for r in service.depot.references()] == avant


def test_a_new_invoice_is_added_to_the_debtors_dossier(service, dossier, tmp_path):
    # The fixture's dossier: Menuiserie Durand, SIREN 732 829 320, FA-001 and FA-002, 500 € paid.
    texte = (
        "Client;SIREN;N° facture;Date facture;Échéance;Montant TTC;Reste dû\n"
        "MENUISERIE DURAND;732829320;FA-001;01/08/2026;31/08/2026;1 200,00;700,00\n"
        "MENUISERIE DURAND;732829320;FA-002;01/09/2026;30/09/2026;800,50;800,50\n"
        "MENUISERIE DURAND;732829320;FA-003;01/10/2026;31/10/2026;450,00;450,00\n"
    )
    plan = service.echanges.importer_balance(_ecrire(tmp_path, texte), appliquer=True)
    assert plan.resume() == "1 facture ajoutée à 1 dossier existant, 2 factures déjà présentes"
    assert plan.ecarts == ()  # the 500 € payment already settled 500 € of FA-001
    complete = service.charger(dossier.reference)
    assert [c.numero for c in complete.creances] == ["FA-001", "FA-002", "FA-003"]
    assert complete.paiements == dossier.paiements
    assert complete.journal[-1].texte == "Importé de balance.csv : 1 facture."


def test_match_by_name_when_the_file_has_no_siren(service, dossier):
    texte = "Tiers;Pièce;Date;Échéance;Solde\nMenuiserie Durand (SARL);FA-002;01/09/2026;30/09/2026;100\n"
    plan = planifier(lire_balance(texte), [dossier])
    assert plan.a_creer == () and len(plan.deja_presentes) == 1
    (ecart,) = plan.ecarts
    assert (ecart.reference, ecart.reste_dossier) == (dossier.reference, Decimal("800.50"))
    assert plan.resume() == "Rien à importer : 1 facture déjà présente, dont 1 au reste dû différent"
    assert "paiement à enregistrer" in plan.details()[0]


def test_same_name_but_another_siren_is_another_debtor(dossier):
    texte = (
        "Client;SIREN;Facture;Date;Échéance;Montant\n"
        "Menuiserie Durand;552 100 554;FA-001;01/08/2026;31/08/2026;10\n"
    )
    plan = planifier(lire_balance(texte), [dossier])
    assert len(plan.a_creer) == 1 and plan.a_completer == ()


def test_a_closed_dossier_gets_no_new_invoice(dossier):
    from dataclasses import replace

    clos = replace(dossier, etape=Etape.CLOTURE)
    texte = "Client;SIREN;Facture;Date;Échéance;Montant\nDurand;732829320;FA-009;01/10/2026;31/10/2026;10\n"
    plan = planifier(lire_balance(texte), [clos])
    assert [c.nom for c in plan.a_creer] == ["Durand"] and plan.a_completer == ()


def test_the_documentation_lists_every_accepted_name_and_its_sample_reads():
    from pathlib import Path

    from recouvrement_tui.exchange.balance import COLONNES

    doc = (Path(__file__).parents[2] / "docs" / "import-balance.md").read_text(encoding="utf-8")
    assert [nom for noms in COLONNES.values() for nom in noms if nom not in doc] == []
    exemple = doc.split("## Exemple")[1].split("```")[1]
    assert planifier(lire_balance(exemple), []).resume() == "2 dossiers à créer (3 factures)"


def test_un_dossier_endommage_ne_bloque_pas_l_import(service, tmp_path):
    """A damaged dossier is flagged in the list; importing a balance still works around it."""
    abime = service.creer_dossier({"nom": "Société Abîmée", "adresse1": "1 rue X", "code_postal": "69001", "ville": "Lyon"})
    service.depot.fichier(abime.reference).write_text("{ pas du json", encoding="utf-8")
    fichier = tmp_path / "balance.csv"
    fichier.write_text("Client;N° facture;Date facture;Échéance;Montant TTC\n"
                       "Menuiserie Durand;FA-1;01/08/2026;31/08/2026;1 200,00\n", encoding="utf-8")
    plan = service.echanges.importer_balance(fichier, appliquer=True)
    assert len(plan.references_creees) == 1


def test_an_import_that_stops_part_way_leaves_nothing_written(service, dossier, tmp_path, monkeypatch):
    """Tout ou rien: the disk fills up on the second new dossier; the one created before it is
    removed, the existing dossier is not completed, and the user is told nothing was imported."""
    from recouvrement_tui.storage.erreurs import ErreurStockage

    texte = POINT_VIRGULE + "Boulangerie Martin;;B-1;01/10/2026;31/10/2026;50,00;;;;\n"
    avant_disque = service.depot.fichier(dossier.reference).read_bytes()
    depot, creations = service.depot, []
    importer = depot.importer

    def importer_puis_panne(d):
        if len(creations) == 1:
            raise OSError(28, "plus de place sur le disque")
        creations.append(importer(d))
        return creations[-1]

    monkeypatch.setattr(depot, "importer", importer_puis_panne)
    plan = service.echanges.importer_balance(_ecrire(tmp_path, texte), appliquer=False)
    assert (len(plan.a_creer), len(plan.a_completer)) == (2, 1)
    with pytest.raises(ErreurStockage, match="rien n'a été importé"):
        service.echanges.importer_balance(_ecrire(tmp_path, texte), appliquer=True)
    assert len(creations) == 1  # one dossier was written, then undone
    assert service.depot.references() == [dossier.reference]
    assert not [p for p in service.racine.iterdir() if p.name.startswith(".chantier-")]
    assert service.depot.fichier(dossier.reference).read_bytes() == avant_disque
    assert [r.reference for r in service.resumes_actualises()] == [dossier.reference]


def test_a_completed_dossier_is_put_back_when_the_import_stops(service, dossier, tmp_path, monkeypatch):
    from recouvrement_tui.storage.erreurs import ErreurStockage

    cafe = service.creer_dossier({**DEBITEUR, "nom": "Café du Port", "siren": ""})
    texte = (
        "Client;SIREN;N° facture;Date facture;Échéance;Montant TTC\n"
        "MENUISERIE DURAND;732829320;FA-003;01/10/2026;31/10/2026;450,00\n"
        "Café du Port;;C-7;2026-10-01;2026-10-31;99,90\n"
    )
    enregistrer, appels = service.enregistrer, []

    def enregistrer_puis_panne(d):
        appels.append(d.reference)
        if len(appels) == 2:
            raise OSError(5, "erreur d'entrée-sortie")
        return enregistrer(d)

    monkeypatch.setattr(service, "enregistrer", enregistrer_puis_panne)
    with pytest.raises(ErreurStockage, match="rien n'a été importé"):
        service.echanges.importer_balance(_ecrire(tmp_path, texte), appliquer=True)
    assert len(appels) == 2
    for avant in (service.charger(dossier.reference), service.charger(cafe.reference)):
        assert [c.numero for c in avant.creances] in (["FA-001", "FA-002"], [])
        assert not any(e.type is TypeEvenement.IMPORT for e in avant.journal)
    monkeypatch.undo()
    service.ajouter_note(service.charger(dossier.reference), "La suite du travail reste possible")
