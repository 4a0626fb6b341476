"""The dashboard's figures on hand-made summaries with known answers, and the command."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal as D

import openpyxl

from recouvrement_tui.cli.principal import main
from recouvrement_tui.demo import ecrire_demo
from recouvrement_tui.domain.etapes import Etape
from recouvrement_tui.domain.procedure import MotifCloture
from recouvrement_tui.domain.tableau_de_bord import ChiffresDossier, calculer_tableau_de_bord

AU = dt.date(2026, 6, 30)
J = dt.date


def _exemples() -> list[ChiffresDossier]:
    return [
        # 1,000 € not due yet (due tomorrow), 500 € 1 day late: invoiced in the period.
        ChiffresDossier("A", Etape.RELANCE_AMIABLE, Etape.RELANCE_AMIABLE, D("1500.00"),
                        echeances=((J(2026, 6, 29), D("500.00")), (J(2026, 7, 1), D("1000.00"))),
                        paiements=((J(2026, 6, 15), D("200.00")),),
                        factures=((J(2026, 5, 30), D("1700.00")),),
                        du=D("1540.00"), du_au=J(2026, 6, 1),
                        actions=((J(2026, 6, 29), False), (J(2026, 7, 10), True))),
        # In court, 2,000 € 31 days late (bucket 31–60) and 1,000 € 181 days late (> 180).
        ChiffresDossier("B", Etape.INJONCTION_DE_PAYER, Etape.INJONCTION_DE_PAYER, D("3000.00"),
                        echeances=((J(2025, 12, 31), D("1000.00")), (J(2026, 5, 30), D("2000.00"))),
                        factures=((J(2025, 6, 30), D("1000.00")), (J(2026, 4, 30), D("2000.00"))),
                        voie=Etape.INJONCTION_DE_PAYER.value, du=D("3300.00"), du_au=J(2026, 6, 20),
                        actions=((J(2026, 6, 1), True),)),
        # A title, paused in a litige: counted on its chain stage for "titres à exécuter". No décompte.
        ChiffresDossier("C", Etape.LITIGE, Etape.TITRE_EXECUTOIRE, D("500.00"),
                        echeances=((J(2026, 3, 1), D("500.00")),), voie=Etape.ASSIGNATION_AU_FOND.value),
        # Closed as paid after an injonction: recovered, with its payments; outside the encours.
        ChiffresDossier("D", Etape.CLOTURE, Etape.CLOTURE, D("0.00"),
                        paiements=((J(2025, 7, 1), D("900.00")), (J(2025, 6, 30), D("100.00"))),
                        factures=((J(2025, 1, 1), D("1000.00")),),
                        voie=Etape.INJONCTION_DE_PAYER.value, motif_cloture=MotifCloture.PAYE),
        # Closed as irrecoverable: lost.
        ChiffresDossier("E", Etape.CLOTURE, Etape.CLOTURE, D("800.00"), motif_cloture=MotifCloture.IRRECOUVRABLE),
    ]


def test_encours_interets_et_anciennete() -> None:
    t = calculer_tableau_de_bord(_exemples(), AU)
    assert (t.encours.montant, t.encours.nombre, t.encours.references) == (D("5000.00"), 3, ["A", "B", "C"])
    assert t.du_avec_interets.montant == D("4840.00") and t.du_avec_interets.nombre == 2
    assert (t.du_calcule_du, t.du_calcule_au) == (J(2026, 6, 1), J(2026, 6, 20))
    assert t.sans_decompte.references == ["C"]
    assert [(c.libelle, c.montant, c.references) for c in t.anciennete] == [
        ("Non échu", D("1000.00"), ["A"]),
        ("1 à 30 jours", D("500.00"), ["A"]),
        ("31 à 60 jours", D("2000.00"), ["B"]),
        ("61 à 90 jours", D("0.00"), []),
        ("91 à 180 jours", D("500.00"), ["C"]),  # due 01/03: 121 days late
        ("Plus de 180 jours", D("1000.00"), ["B"]),  # due 31/12/2025: 181 days late
    ]
    assert sum((c.montant for c in t.anciennete), D(0)) == t.encours.montant


def test_etapes_justice_titres_actions() -> None:
    t = calculer_tableau_de_bord(_exemples(), AU)
    assert [(c.libelle, c.nombre, c.montant) for c in t.par_etape] == [
        ("Relance amiable", 1, D("1500.00")), ("Injonction de payer", 1, D("3000.00")),
        ("Litige", 1, D("500.00")), ("Clôturé", 2, D("800.00")),
    ]
    assert (t.en_justice.montant, t.en_justice.references) == (D("3000.00"), ["B"])
    assert (t.titres_a_executer.montant, t.titres_a_executer.references) == (D("500.00"), ["C"])
    assert (t.actions_en_retard.nombre, t.actions_en_retard.references) == (2, ["A", "B"])
    assert t.critiques_en_retard.references == ["B"]
    assert t.critiques_a_venir.references == ["A"]  # 10/07, within 30 days


def test_recouvre_par_mois_dso_et_issues() -> None:
    t = calculer_tableau_de_bord(_exemples(), AU)
    mois = dict(t.recouvre_par_mois)
    assert list(mois)[0] == J(2025, 7, 1) and list(mois)[-1] == J(2026, 6, 1) and len(mois) == 12
    assert mois[J(2025, 7, 1)].montant == D("900.00")  # the 100 € of 30/06/2025 is before the 12 months
    assert mois[J(2026, 6, 1)].montant == D("200.00")
    # Invoices dated in the 365 days to 30/06/2026: 1,700 + 2,000 (30/06/2025 is 365 days before: excluded).
    assert t.ventes_periode == D("3700.00")
    assert t.dso == (D("5000") / D("3700") * 365).quantize(D("0.1")) == D("493.2")
    issues = {i.voie: i for i in t.issues}
    assert issues["injonction_de_payer"].recouvre.references == ["D"]
    assert issues["injonction_de_payer"].recouvre.montant == D("1000.00")
    assert issues["injonction_de_payer"].poursuivi.references == ["B"]
    assert issues["amiable"].perdu.references == ["E"] and issues["amiable"].poursuivi.references == ["A"]
    assert issues["assignation_au_fond"].poursuivi.references == ["C"]


def test_sans_facture_le_dso_est_indefini() -> None:
    t = calculer_tableau_de_bord([], AU)
    assert t.dso is None and t.encours.montant == 0 and t.issues == [] and t.par_etape == []


def test_commande_texte_json_xlsx(tmp_path, capsys) -> None:
    racine = tmp_path / "d"
    ecrire_demo(racine, 40, graine=2, aujourdhui=J(2026, 11, 23))
    assert main(["--dossiers", str(racine), "tableau-de-bord", "--au", "23/11/2026", "--json"]) == 0
    sortie = json.loads(capsys.readouterr().out)
    assert sortie["au"] == "2026-11-23" and sortie["dossiers"] == 40
    assert sortie["du_avec_interets"]["decomptes_au"] == "2026-11-23"
    fichier = tmp_path / "rapport.xlsx"
    assert main(["--dossiers", str(racine), "tableau-de-bord", "--au", "23/11/2026", "--xlsx", str(fichier)]) == 0
    texte = capsys.readouterr().out
    assert "Encours" in texte and "DSO" in texte and "rapport.xlsx" in texte
    classeur = openpyxl.load_workbook(io.BytesIO(fichier.read_bytes()))
    assert classeur.sheetnames == ["Synthèse", "Étapes", "Ancienneté", "Recouvré par mois", "Actions", "Issues par voie"]
    synthese = classeur["Synthèse"]
    assert isinstance(synthese["B2"].value, dt.datetime) and synthese["B2"].number_format == "DD/MM/YYYY"
    assert isinstance(synthese["B3"].value, float) and str(sortie["encours"]["montant"]) == f"{synthese['B3'].value:.2f}"
    assert isinstance(classeur["Recouvré par mois"]["A2"].value, dt.datetime)


def test_commande_erreurs_en_francais(tmp_path, capsys) -> None:
    racine = tmp_path / "d"
    ecrire_demo(racine, 3, graine=2, aujourdhui=J(2026, 11, 23))
    assert main(["--dossiers", str(racine), "tableau-de-bord", "--au", "32/01/2026"]) == 2
    assert "n'existe pas" in capsys.readouterr().err
    assert main(["--dossiers", str(racine), "tableau-de-bord", "--xlsx", str(tmp_path / "absent" / "x.xlsx")]) == 2
    erreur = capsys.readouterr().err
    assert erreur.startswith("recouvrement : ") and "ne peut pas être écrit" in erreur and "Traceback" not in erreur
    assert main(["--dossiers", str(racine), "tableau-de-bord", "--xlsx", str(tmp_path)]) == 2
    assert "répertoire" in capsys.readouterr().err


def test_un_ancien_index_est_reconstruit_avec_les_chiffres(tmp_path) -> None:
    from recouvrement_tui.services.dossiers import ServiceDossiers
    from recouvrement_tui.storage.index import VERSION_INDEX

    racine = tmp_path / "d"
    ecrire_demo(racine, 5, graine=2, aujourdhui=J(2026, 11, 23))
    index = json.loads((racine / "index.json").read_text(encoding="utf-8"))
    index["version"] = 2  # before the figures: every entry rebuilt
    (racine / "index.json").write_text(json.dumps(index), encoding="utf-8")
    (racine / "index-details.json").unlink()
    service = ServiceDossiers(racine, aujourdhui=lambda: J(2026, 11, 23))
    t = service.tableau_de_bord()
    assert t.dossiers == 5 and t.du_calcule_au == J(2026, 11, 23)
    assert json.loads((racine / "index.json").read_text(encoding="utf-8"))["version"] == VERSION_INDEX


def test_une_tranche_compte_chaque_dossier_une_fois() -> None:
    """Two invoices of one dossier in the same bucket: one dossier, both amounts (the count and the
    click-through agree)."""
    deux = ChiffresDossier("F", Etape.RELANCE_FERME, Etape.RELANCE_FERME, D("300.00"),
                           echeances=((J(2026, 5, 1), D("100.00")), (J(2026, 5, 10), D("200.00"))))
    t = calculer_tableau_de_bord([*_exemples(), deux], AU)
    tranche = next(c for c in t.anciennete if c.libelle == "31 à 60 jours")
    assert (tranche.nombre, tranche.montant, tranche.references) == (2, D("2300.00"), ["B", "F"])
    assert all(c.nombre == len(c.references) for c in t.anciennete)
