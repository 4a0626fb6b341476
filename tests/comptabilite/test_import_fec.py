"""FEC import (issue 16): dossiers, invoices and payments straight from the accounts, kept in step.

The files are built from the norm in tests/comptabilite/fabrique.py. "Today" is 23/11/2026."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from recouvrement_tui.domain.erreurs import ErreurSaisie, ErreursSaisie
from recouvrement_tui.domain.etapes import Etape, TypeEvenement
from recouvrement_tui.domain.model import ModePaiement
from tests.comptabilite.fabrique import COLONNES, Fec, avril, mars
from tests.conftest import CREANCIER

J = dt.date


def _fichier(tmp_path, fec: Fec, nom="FEC.txt", **options) -> str:
    chemin = tmp_path / nom
    chemin.write_bytes(fec.octets(**options))
    return str(chemin)


def _dossier_du_compte(service, compte):
    [d] = [service.charger(r.reference) for r in service.resumes_actualises()
           if service.charger(r.reference).debiteur.compte_client == compte]
    return d


@pytest.fixture
def comptable(service):
    service.enregistrer_parametres(CREANCIER, {})
    return service


def test_un_fec_donne_les_dossiers_des_factures_ouvertes(comptable, tmp_path):
    plan = comptable.comptabilite.importer_fec(_fichier(tmp_path, mars()), appliquer=True)
    assert plan.applique and len(plan.references_creees) == 3 and plan.clients_soldes == 1  # MARTIN paid in full
    durand = _dossier_du_compte(comptable, "C001")
    assert durand.debiteur.nom == "DURAND" and durand.debiteur.forme_juridique == "SARL"
    assert [(c.numero, c.date_facture, c.date_echeance, c.montant_ttc) for c in durand.creances] == [
        ("FA-001", J(2026, 3, 1), J(2026, 3, 31), D("1200.00")),  # invoice date + 30 days (settings)
        ("FA-002", J(2026, 3, 15), J(2026, 4, 14), D("800.50")),
    ]
    [acompte] = durand.paiements
    fa001 = durand.creances[0]
    assert (acompte.date, acompte.montant, acompte.creance_id) == (J(2026, 3, 31), D("500.00"), fa001.id)
    # A payment split over two invoices: the settled one (D) is not imported, the other keeps its part.
    bernard = _dossier_du_compte(comptable, "C005")
    assert [c.numero for c in bernard.creances] == ["FA-031"]
    assert [(p.montant, p.creance_id) for p in bernard.paiements] == [(D("300.00"), bernard.creances[0].id)]
    # A credit note reduces what is owed, as a payment of kind "avoir".
    boulangerie = _dossier_du_compte(comptable, "C003")
    assert [(p.montant, p.mode) for p in boulangerie.paiements] == [(D("200.00"), ModePaiement.AVOIR)]
    assert boulangerie.solde == D("800.00")


def test_le_meme_fec_reimporte_ne_change_rien(comptable, tmp_path):
    chemin = _fichier(tmp_path, mars())
    comptable.comptabilite.importer_fec(chemin, appliquer=True)
    avant = {r.reference: comptable.charger(r.reference) for r in comptable.resumes_actualises()}
    plan = comptable.comptabilite.importer_fec(chemin, appliquer=True)
    assert plan.rien_a_faire and plan.references_creees == ()
    apres = {r.reference: comptable.charger(r.reference) for r in comptable.resumes_actualises()}
    assert {r: (d.creances, d.paiements) for r, d in avant.items()} == {
        r: (d.creances, d.paiements) for r, d in apres.items()}


def test_le_mois_suivant_n_ajoute_que_le_nouveau_et_propose_la_cloture(comptable, tmp_path):
    comptable.comptabilite.importer_fec(_fichier(tmp_path, mars()), appliquer=True)
    plan = comptable.comptabilite.importer_fec(_fichier(tmp_path, avril(), "FEC-avril.txt", separateur="|"),
                                               appliquer=False)
    assert plan.a_creer == ()
    par_compte = {c.dossier.debiteur.compte_client: c for c in plan.a_mettre_a_jour}
    assert [f.numero for f in par_compte["C001"].factures] == ["FA-003"]
    assert [(p.date, p.montant) for p in par_compte["C001"].paiements] == [(J(2026, 5, 5), D("700.00"))]
    assert [(p.date, p.montant, p.creance_id, p.mode) for p in par_compte["C003"].paiements] == [
        (J(2026, 4, 22), D("300.00"), None, ModePaiement.CHEQUE)]  # names no invoice: imputed by law (art. 1342-10)
    plan = comptable.comptabilite.importer_fec(_fichier(tmp_path, avril(), "FEC-avril.txt", separateur="|"),
                                               appliquer=True)
    durand = _dossier_du_compte(comptable, "C001")
    assert durand.restant_par_creance()[durand.creances[0].id] == D("0.00")
    assert any(e.type is TypeEvenement.PAIEMENT and "Paiement de 700,00 € du 05/05/2026 importé de la comptabilité"
               in e.texte.replace("\u202f", " ").replace("\u00a0", " ") for e in durand.journal)
    # Everything paid: closing is proposed (not done).
    fec_solde = avril().reglement("C001", "VIR-03", "20260520", [(800.50, "F"), (150, "G")])
    fec_solde.lignes = [l if l[8] not in ("FA-002", "FA-003") else [*l[:13], {"FA-002": "F", "FA-003": "G"}[l[8]],
                                                                       *l[14:]] for l in fec_solde.lignes]
    plan = comptable.comptabilite.importer_fec(_fichier(tmp_path, fec_solde, "FEC-mai.txt"), appliquer=False)
    durand_plan = next(c for c in plan.a_mettre_a_jour if c.dossier.debiteur.compte_client == "C001")
    assert durand_plan.solde and "clôture proposée" in plan.resume()


def test_meme_decompte_que_saisi_a_la_main(comptable, tmp_path):
    comptable.comptabilite.importer_fec(_fichier(tmp_path, mars()), appliquer=True)
    importe = _dossier_du_compte(comptable, "C001")
    main = comptable.creer_dossier({"nom": "DURAND", "forme_juridique": "SARL", "adresse1": "1 rue", "code_postal":
                                    "69002", "ville": "Lyon"})
    main = comptable.ajouter_creance(main, {"numero": "FA-001", "date_facture": "01/03/2026",
                                            "date_echeance": "31/03/2026", "montant_ttc": "1200"})
    main = comptable.ajouter_creance(main, {"numero": "FA-002", "date_facture": "15/03/2026",
                                            "date_echeance": "14/04/2026", "montant_ttc": "800,50"})
    main = comptable.ajouter_paiement(main, {"date": "31/03/2026", "montant": "500",
                                             "creance_id": main.creances[0].id})
    a, b = comptable.decompte(importe), comptable.decompte(main)
    assert (a.total, a.interets, a.indemnites) == (b.total, b.interets, b.indemnites)


def test_un_dossier_en_procedure_recoit_le_paiement_avec_une_mise_en_garde(comptable, tmp_path):
    comptable.comptabilite.importer_fec(_fichier(tmp_path, mars()), appliquer=True)
    d = _dossier_du_compte(comptable, "C001")
    d = comptable.changer_etape(d, Etape.RELANCE_AMIABLE, {"date": "10/04/2026"})
    d = comptable.changer_etape(d, Etape.MISE_EN_DEMEURE, {"date": "15/04/2026"})
    d = comptable.changer_etape(d, Etape.INJONCTION_DE_PAYER, {"date": "30/04/2026", "juridiction": "TAE de Lyon"})
    plan = comptable.comptabilite.importer_fec(_fichier(tmp_path, avril()), appliquer=False)
    changement = next(c for c in plan.a_mettre_a_jour if c.dossier.reference == d.reference)
    assert changement.en_procedure and "en procédure" in "\n".join(plan.details())


def test_les_ecarts_entre_la_comptabilite_et_le_dossier_sont_dits(comptable, tmp_path):
    comptable.comptabilite.importer_fec(_fichier(tmp_path, mars()), appliquer=True)
    d = _dossier_du_compte(comptable, "C001")
    comptable.ajouter_paiement(d, {"date": "02/04/2026", "montant": "50"})  # typed, unknown to the accounts
    plan = comptable.comptabilite.importer_fec(_fichier(tmp_path, mars()), appliquer=False)
    [changement] = [c for c in plan.changements if c.dossier.reference == d.reference]
    assert any("inconnu de la comptabilité" in x for x in changement.desaccords)


def test_iso_8859_15_et_montant_sens(comptable, tmp_path):
    fec = mars()
    texte = fec.texte().replace("Debit\tCredit", "Montant\tSens")
    lignes = texte.split("\r\n")
    converties = [lignes[0]]
    for ligne in lignes[1:]:
        if not ligne:
            continue
        c = ligne.split("\t")
        debit, credit = c[11], c[12]
        c[11], c[12] = (debit, "D") if debit != "0,00" else (credit, "C")
        converties.append("\t".join(c))
    chemin = tmp_path / "FEC-latin.txt"
    chemin.write_bytes("\r\n".join(converties).encode("iso-8859-15"))
    plan = comptable.comptabilite.importer_fec(str(chemin), appliquer=True)
    assert len(plan.references_creees) == 3
    assert _dossier_du_compte(comptable, "C003").debiteur.nom == "Boulangerie Éclair"


def test_toutes_les_erreurs_d_un_coup_et_rien_d_ecrit(comptable, tmp_path):
    fec = mars()
    fec.lignes[0][3] = "2026-13-45"  # EcritureDate
    fec.lignes[3][11] = "12O,00"  # Debit with a letter O
    fec.lignes[6][11], fec.lignes[6][12] = "10,00", "10,00"  # both sides
    with pytest.raises(ErreursSaisie) as erreurs:
        comptable.comptabilite.importer_fec(_fichier(tmp_path, fec), appliquer=True)
    messages = [e.message for e in erreurs.value.erreurs]
    assert any(m.startswith("Ligne 2, EcritureDate") for m in messages)
    assert any(m.startswith("Ligne 5, Debit") and "montant" in m for m in messages)
    assert any(m.startswith("Ligne 8") and "débit" in m and "crédit" in m for m in messages)
    assert comptable.resumes_actualises() == []


def test_un_fichier_qui_n_est_pas_un_fec(comptable, tmp_path):
    chemin = tmp_path / "x.txt"
    chemin.write_text("\t".join(c for c in COLONNES if c != "EcritureLet") + "\n", encoding="utf-8")
    with pytest.raises(ErreurSaisie, match="EcritureLet"):
        comptable.comptabilite.importer_fec(str(chemin), appliquer=False)


def test_le_delai_de_paiement_des_factures_importees(comptable, tmp_path):
    plan = comptable.comptabilite.importer_fec(_fichier(tmp_path, mars()), appliquer=False, echeance_jours=45)
    durand = next(c for c in plan.a_creer if c.dossier.debiteur.compte_client == "C001")
    assert durand.factures[0].date_echeance == J(2026, 4, 15)


def test_un_remboursement_de_trop_percu(comptable, tmp_path):
    """C004 paid 1,100 for a 1,000 invoice; the 100 given back is a debit in the bank journal."""
    lettre = (Fec().facture("C004", "FA-040", "20260301", 1000, "H")
              .reglement("C004", "VIR-40", "20260320", [(1100, "H")])
              .remboursement("C004", "RBT-40", "20260325", 100, "H"))
    plan = comptable.comptabilite.importer_fec(_fichier(tmp_path, lettre), appliquer=False)
    assert plan.a_creer == () and plan.clients_soldes == 1  # all lettered: nothing owed
    non_lettre = (Fec().facture("C004", "FA-040", "20260301", 1000)
                  .reglement("C004", "VIR-40", "20260320", [(1100, "")])
                  .remboursement("C004", "RBT-40", "20260325", 100))
    plan = comptable.comptabilite.importer_fec(_fichier(tmp_path, non_lettre, "b.txt"), appliquer=False)
    assert plan.a_creer == ()  # unlettered, but the account nets to nothing: 1,000 + 100 - 1,100
    reste = (Fec().facture("C004", "FA-040", "20260301", 1000).reglement("C004", "VIR-40", "20260320", [(900, "")])
             .remboursement("C004", "RBT-40", "20260325", 100))
    [creation] = comptable.comptabilite.importer_fec(_fichier(tmp_path, reste, "c.txt"), appliquer=False).a_creer
    assert sum(c.montant_ttc for c in creation.factures) - sum(p.montant for p in creation.paiements) == D("200.00")
    assert any("Remboursement" in c.objet for c in creation.factures)


def test_en_ligne_de_commande(comptable, racine, tmp_path, capsys):
    from recouvrement_tui.cli.principal import main

    comptable.fermer()
    chemin = _fichier(tmp_path, mars(), "552100554FEC20260331.txt")  # the norm's name: SIREN FEC date
    assert main(["importer", chemin, "--dossiers", str(racine)]) == 0
    sortie = capsys.readouterr().out
    assert "3 dossiers à créer" in sortie and "Aperçu seulement" in sortie
    assert main(["importer", chemin, "--appliquer", "--echeance-jours", "45", "--dossiers", str(racine)]) == 0
    assert "3 dossiers créés" in capsys.readouterr().out
    assert main(["importer", chemin, "--appliquer", "--dossiers", str(racine)]) == 0  # again: nothing new
    assert "0 facture et 0 paiement importés" in capsys.readouterr().out
    fec = mars()
    fec.lignes[0][3] = "31032026"
    mauvais = _fichier(tmp_path, fec, "mauvais.txt")
    assert main(["importer", mauvais, "--dossiers", str(racine)]) == 2
    erreur = capsys.readouterr().err
    assert "Ligne 2, EcritureDate" in erreur and "Traceback" not in erreur
    assert main(["importer", chemin, "--colonne", "numero=X", "--dossiers", str(racine)]) == 2
    assert "norme" in capsys.readouterr().err


def test_un_fec_en_classeur_excel(comptable, tmp_path):
    """The same FEC saved from Excel: real dates and numbers in the cells, the same import."""
    openpyxl = pytest.importorskip("openpyxl")
    classeur = openpyxl.Workbook()
    feuille = classeur.active
    feuille.title = "FEC"
    feuille.append(list(COLONNES))
    for ligne in mars().lignes:
        cellules: list[object] = list(ligne)
        for i in (3, 9, 15):  # EcritureDate, PieceDate, ValidDate as Excel dates
            if cellules[i]:
                cellules[i] = dt.datetime.strptime(str(cellules[i]), "%Y%m%d")
        for i in (11, 12):  # Debit, Credit as numbers
            cellules[i] = float(str(cellules[i]).replace(",", "."))
        feuille.append(cellules)
    chemin = tmp_path / "FEC.xlsx"
    classeur.save(chemin)
    plan = comptable.comptabilite.importer_fec(str(chemin), appliquer=True)
    assert len(plan.references_creees) == 3
    durand = _dossier_du_compte(comptable, "C001")
    assert [(c.numero, c.montant_ttc) for c in durand.creances] == [("FA-001", D("1200.00")), ("FA-002", D("800.50"))]


def test_un_dossier_trouve_par_son_nom_garde_le_compte_client(comptable, tmp_path):
    """A dossier typed by hand (or from a balance) is found by its debtor's name the first time, then
    by the account the FEC gave it, even if the name is spelled differently later."""
    d = comptable.creer_dossier({"nom": "Durand", "forme_juridique": "SARL", "adresse1": "1 rue",
                                 "code_postal": "69002", "ville": "Lyon"})
    d = comptable.ajouter_creance(d, {"numero": "FA-001", "date_facture": "01/03/2026", "date_echeance": "31/03/2026",
                                      "montant_ttc": "1200"})
    comptable.comptabilite.importer_fec(_fichier(tmp_path, mars()), appliquer=True)
    d = comptable.charger(d.reference)
    assert d.debiteur.compte_client == "C001" and [c.numero for c in d.creances] == ["FA-001", "FA-002"]
    assert len(d.paiements) == 1  # the 500 € lettered with FA-001


def test_un_paiement_non_lettre_plus_ancien_que_les_factures_n_est_pas_le_leur(comptable, tmp_path):
    fec = (Fec().reglement("C001", "VIR-00", "20260115", [(90, "")], "Virement ancien")
           .facture("C001", "FA-001", "20260301", 1200))
    [creation] = comptable.comptabilite.importer_fec(_fichier(tmp_path, fec), appliquer=False).a_creer
    assert creation.paiements == ()
