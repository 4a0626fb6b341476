"""Évaluation of the routes, on hand-worked cases (figures from the shipped tariff and assumptions).

Rates used by the décompte: ECB + 10 points = 12.15 % in the first half of 2026, 12.40 % in
the second (DOMAIN.md worked example). Evaluation date: 23 November 2026.

Whether a route may be taken is the legal guard's answer (domain.garde): the court routes open
once the mise en demeure's time has run out, so the dossiers below are put in demeure on
1 October 2026 (relance on 20 September) unless the case says otherwise.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from recouvrement_tui.domain.bareme import Bareme
from recouvrement_tui.domain.etapes import Etape
from recouvrement_tui.domain.evaluation import Route
from tests.conftest import AUJOURDHUI, DEBITEUR

D = Decimal


def _dossier(service, montant: str, echeance: str, facture: str, *, en_demeure: bool = True, **debiteur):
    d = service.creer_dossier({**DEBITEUR, **debiteur})
    d = service.ajouter_creance(
        d, {"numero": "FA-1", "date_facture": facture, "date_echeance": echeance, "montant_ttc": montant}
    )
    if en_demeure:
        d = service.changer_etape(d, Etape.RELANCE_AMIABLE, {"date": "20/09/2026"})
        d = service.changer_etape(d, Etape.MISE_EN_DEMEURE, {"date": "01/10/2026"})
    return d


def test_bareme_a444_32_par_tranches():
    """4,000 €: 125 × 11.61 % + 485 × 10.64 % + 915 × 10.16 % + 2,475 × 3.87 % = 254.86 €."""
    b = Bareme(((D(125), D("11.61")), (D(610), D("10.64")), (D(1525), D("10.16")), (D(52400), D("3.87")),
                (None, D("2.98"))), D("21.28"), D(188), D(5540), "", False)
    assert b.emolument(D("4000")) == D("254.86")
    assert b.emolument(D("100")) == D("21.28")  # minimum for claims up to 188 €
    assert b.emolument(D("1000000")) == D("5540.00")  # cap


def test_dette_de_300_euros_les_voies_judiciaires_ne_valent_pas_la_peine(service):
    """300 € due 31/03/2026, 7 months old (base odds 40 %).

    Décompte: 300 × 12.15 % × 91/365 = 9.09 + 300 × 12.40 % × 146/365 = 14.88, + 40 € → 363.97 €.
    Injonction (tribunal de commerce): 37.07 + 70.00 certain, fee 39.94 × 0.36 → cost 121.45;
    recovery (363.97 + 107.07) × 0.36 = 169.57; waiting 60 days 2.79 → net 45.33.
    Amiable (the mise en demeure sent): 1 LRAR 7.31; 363.97 × 0.20 = 72.79; waiting 0.60 → net 64.88, better.
    Référé: 178.00 + 39.94 × 0.34 = 191.58 for 184.27 → net −9.58: costs more than it brings.
    Petites créances: 70.00 (estimate) + 39.94 × 0.28 = 81.18 for 101.91, waiting 1.68 → net 19.05.
    """
    dossier = _dossier(service, "300,00", "31/03/2026", "01/03/2026")
    e = service.evaluer(dossier, AUJOURDHUI)
    assert e.montant_du == D("363.97") and e.anciennete_mois == 7 and e.chances_de_base == D("0.40")
    ip = e.route(Route.INJONCTION_DE_PAYER)
    assert (ip.cout_attendu, ip.recuperation_attendue, ip.cout_du_delai, ip.net_attendu) == (
        D("121.45"), D("169.57"), D("2.79"), D("45.33"))
    amiable = e.route(Route.AMIABLE)
    assert (amiable.cout_attendu, amiable.recuperation_attendue, amiable.net_attendu) == (D("7.31"), D("72.79"), D("64.88"))
    refere = e.route(Route.REFERE_PROVISION)
    assert (refere.cout_attendu, refere.recuperation_attendue, refere.net_attendu) == (D("191.58"), D("184.27"), D("-9.58"))
    assert e.route(Route.ASSIGNATION_AU_FOND).net_attendu < 0
    assert e.route(Route.PETITES_CREANCES).net_attendu == D("19.05")
    assert e.recommandation is Route.AMIABLE
    assert any("coûterait plus qu'elle ne rapporterait" in r for r in e.raisons)
    assert e.part_de_la_dette(ip) == D("33.4")  # 121.45 / 363.97


def test_dette_b2b_de_4000_euros_non_contestee(service):
    """4,000 € due 15/09/2026, 2 months old (base 75 %), undisputed, company in Lyon.

    Décompte: 4,000 × 12.40 % × 69/365 = 93.76 + 40 → 4,133.76 €. Injonction de payer at the
    tribunal des activités économiques de Lyon: 107.07 + fee 260.04 × 0.675 = 282.60; recovery
    (4,133.76 + 107.07) × 0.675 = 2,862.56; waiting 47.06 → net 2,532.90, the best route.
    """
    dossier = _dossier(service, "4 000,00", "15/09/2026", "16/08/2026")
    e = service.evaluer(dossier, AUJOURDHUI)
    assert e.montant_du == D("4133.76") and e.chances_de_base == D("0.75")
    ip = e.route(Route.INJONCTION_DE_PAYER)
    assert ip.juridiction == "Tribunal des activités économiques de Lyon"  # the directory's court
    assert ip.probabilite == D("0.675")
    assert (ip.cout_attendu, ip.recuperation_attendue, ip.cout_du_delai, ip.net_attendu) == (
        D("282.60"), D("2862.56"), D("47.06"), D("2532.90"))
    assert e.recommandation is Route.INJONCTION_DE_PAYER
    assert e.route(Route.PETITES_CREANCES).possible  # 4,133.76 ≤ 5,000
    assert not any("Avocat obligatoire" in a for r in e.routes for a in r.avertissements)


def test_dette_contestee_de_25000_euros(service):
    """Disputed: référé-provision unsuitable; lawyer required for the merits; odds halved."""
    dossier = _dossier(service, "25 000,00", "15/09/2026", "16/08/2026")
    dossier = service.changer_etape(dossier, Etape.LITIGE, {"date": "20/11/2026", "motif": "Malfaçons alléguées"})
    e = service.evaluer(dossier, AUJOURDHUI)
    refere = e.route(Route.REFERE_PROVISION)
    assert not refere.possible and "contestation est ouverte" in refere.raison and "835" in refere.raison
    assert not e.route(Route.PETITES_CREANCES).possible
    fond = e.route(Route.ASSIGNATION_AU_FOND)
    assert any("Avocat obligatoire" in a and "853" in a for a in fond.avertissements)
    assert any(c.libelle.startswith("Honoraires d'avocat, action au fond") and c.montant == D("1800.00") for c in fond.couts)
    assert any("article 700" in c.libelle for c in fond.a_charge_du_debiteur)
    assert fond.probabilite == D("0.319")  # 0.75 × 0.5 (dispute) × 0.85
    ip = e.route(Route.INJONCTION_DE_PAYER)
    assert any("opposition" in c.libelle for c in ip.couts)
    assert any("Contestation ouverte" in h for h in e.hypotheses_appliquees)


def test_debiteur_en_liquidation_seule_la_declaration(service):
    dossier = _dossier(service, "8 000,00", "15/06/2026", "15/05/2026")
    dossier = service.changer_etape(dossier, Etape.PROCEDURE_COLLECTIVE, {
        "date": "01/10/2026", "nature": "liquidation judiciaire", "juridiction": "tribunal de commerce de Lyon",
        "mandataire": "Me Durand", "date_bodacc": "12/10/2026"})
    e = service.evaluer(dossier, AUJOURDHUI)
    possibles = [r.route for r in e.routes if r.possible]
    assert possibles == [Route.DECLARATION_DE_CREANCE]
    assert all("L622-21" in r.raison for r in e.routes if not r.possible)
    assert e.recommandation is Route.DECLARATION_DE_CREANCE


def test_consommateur_pres_de_la_prescription_de_deux_ans(service):
    """A consumer's invoice due 15/12/2024 is prescribed on 15/12/2026 (L218-2 C. conso.)."""
    dossier = _dossier(service, "1 200,00", "15/12/2024", "15/11/2024", type_personne="physique",
                       qualite="consommateur", nom="Martin", prenom="Jean", forme_juridique="", siren="")
    e = service.evaluer(dossier, AUJOURDHUI)
    ip = e.route(Route.INJONCTION_DE_PAYER)
    assert ip.juridiction == "Tribunal judiciaire de Lyon"
    assert any(c.libelle.endswith("(tribunal judiciaire)") and c.montant == 0 for c in ip.couts)
    assert any("prescription" in a and "15/12/2026" in a and "L218-2" in a for a in ip.avertissements)
    assert e.chances_de_base == D("0.20")  # 23 months old


def test_dossier_clos_rien_a_evaluer(service):
    dossier = _dossier(service, "500,00", "15/09/2026", "16/08/2026", en_demeure=False)
    dossier = service.ajouter_paiement(dossier, {"date": "20/09/2026", "montant": "600,00"})
    e = service.evaluer(dossier, AUJOURDHUI)
    assert e.recommandation is None and all(not r.possible for r in e.routes)


@pytest.mark.parametrize("valeur", ["1.5", "abc", "-0.2"])
def test_hypothese_incorrecte_refusee_sans_rien_ecrire(service, racine, valeur):
    from recouvrement_tui.storage.evaluation import EvaluationIllisible, enregistrer_hypotheses, hypotheses_brutes

    brut = hypotheses_brutes(racine)
    brut["facteur_litige"] = valeur
    with pytest.raises(EvaluationIllisible, match="facteur_litige"):
        enregistrer_hypotheses(racine, brut)
    assert not (racine / "hypotheses.json").exists()


def test_tarif_personnalise_remplace_le_poste_livre(service, racine):
    import json

    racine.mkdir(parents=True, exist_ok=True)
    (racine / "tarifs.json").write_text(json.dumps({"postes": [
        {"cle": "signification", "libelle": "Signification", "montant": "80.00", "source": "devis de notre étude"}]}))
    dossier = _dossier(service, "4 000,00", "15/09/2026", "16/08/2026")
    ip = service.evaluer(dossier, AUJOURDHUI).route(Route.INJONCTION_DE_PAYER)
    signification = next(c for c in ip.couts if c.libelle == "Signification")
    assert signification.montant == D("80.00") and signification.source == "devis de notre étude"


def test_cli_evaluer_json(service, racine, capsys):
    import json

    from recouvrement_tui.cli.principal import main

    dossier = _dossier(service, "4 000,00", "15/09/2026", "16/08/2026")
    service.fermer()
    code = main(["evaluer", dossier.reference, "--au", "23/11/2026", "--json", "--dossiers", str(racine)])
    sortie = json.loads(capsys.readouterr().out)
    assert code == 0
    assert sortie["recommandation"] == "injonction_de_payer" and sortie["raisons"]
    ip = next(r for r in sortie["routes"] if r["route"] == "injonction_de_payer")
    for cle in ("route", "possible", "couts", "recuperation_attendue", "net_attendu", "duree_jours", "probabilite",
                "avertissements"):
        assert cle in ip
    assert ip["net_attendu"] == "2532.90" and ip["duree_jours"] == 60
    assert any(c["a_confirmer"] for c in ip["couts"])  # the greffe fee's status travels with it


def test_cli_evaluer_texte_et_erreurs(service, racine, capsys):
    from recouvrement_tui.cli.principal import main

    dossier = _dossier(service, "300,00", "31/03/2026", "01/03/2026")
    service.fermer()
    assert main(["evaluer", dossier.reference, "--au", "23/11/2026", "--dossiers", str(racine)]) == 0
    sortie = capsys.readouterr().out
    assert "Recommandation :" in sortie and "Injonction de payer" in sortie
    assert "→ Tribunal des activités économiques de Lyon" in sortie  # the court each route goes to
    (racine / "hypotheses.json").write_text("{ pas du json", encoding="utf-8")
    assert main(["evaluer", dossier.reference, "--dossiers", str(racine)]) == 2
    erreur = capsys.readouterr().err
    assert "hypotheses.json n'est pas du JSON valide" in erreur and "Traceback" not in erreur


def test_petite_dette_ancienne_arreter(service):
    """30 € due 15/06/2024, 29 months old (base 20 %), no mise en demeure yet: the amicable route
    (relance and mise en demeure, 2 × 7.31 = 14.62 €) for 0.1 × (30 + 40 + interest) ≈ 8 € expected;
    the court routes wait for the mise en demeure (art. 1344 C. civ.): stop."""
    dossier = _dossier(service, "30,00", "15/06/2024", "15/05/2024", en_demeure=False)
    e = service.evaluer(dossier, AUJOURDHUI)
    assert e.recommandation is None
    assert e.raisons[0] == "Arrêter : chaque voie coûte plus qu'elle ne peut rapporter."
    assert all(r.net_attendu <= 0 for r in e.routes if r.possible)
    ip = e.route(Route.INJONCTION_DE_PAYER)
    assert not ip.possible and "1344" in ip.raison  # the guard's reason, word for word


@pytest.mark.parametrize("modif, message", [
    ({"chances_par_anciennete": []}, "chances_par_anciennete"),
    ({"chances_par_anciennete": [["6", "0.5"], ["3", "0.7"], [None, "0.2"]]}, "croissants"),
    ({"duree_jours": {"amiable": "-5"}}, "duree_jours.amiable"),
    ({"facteur_voie": 1}, "valeur manquante ou incorrecte"),
])
def test_fichier_d_hypotheses_corrige_a_la_main_explique(service, racine, modif, message):
    import json

    from recouvrement_tui.storage.evaluation import EvaluationIllisible

    racine.mkdir(parents=True, exist_ok=True)
    (racine / "hypotheses.json").write_text(json.dumps(modif), encoding="utf-8")
    dossier = _dossier(service, "300,00", "31/03/2026", "01/03/2026")
    with pytest.raises(EvaluationIllisible, match=message):
        service.evaluer(dossier, AUJOURDHUI)
    with pytest.raises(EvaluationIllisible):
        service.hypotheses_saisie()


def test_paiement_sur_une_autre_facture_n_efface_pas_l_alerte_de_prescription(service):
    dossier = _dossier(service, "1 200,00", "15/12/2024", "15/11/2024", type_personne="physique",
                       qualite="consommateur", nom="Martin", prenom="Jean", forme_juridique="", siren="")
    dossier = service.ajouter_creance(dossier, {"numero": "FA-2", "date_facture": "01/09/2026",
                                                "date_echeance": "30/09/2026", "montant_ttc": "100,00"})
    autre = next(c for c in dossier.creances if c.numero == "FA-2")
    dossier = service.ajouter_paiement(dossier, {"date": "01/10/2026", "montant": "50,00", "creance_id": autre.id})
    ip = service.evaluer(dossier, AUJOURDHUI).route(Route.INJONCTION_DE_PAYER)
    assert any("15/12/2026" in a for a in ip.avertissements)


# --- the évaluation follows the stage and asks the legal guard ------------------------------------


def _en_injonction(service, montant: str = "4 000,00", **faits):
    dossier = _dossier(service, montant, "15/09/2026", "16/08/2026")
    return service.changer_etape(dossier, Etape.INJONCTION_DE_PAYER,
                                 {"date": "02/11/2026", "juridiction": "TAE de Lyon", **faits})


def test_injonction_engagee_ne_compte_que_le_reste_a_engager(service):
    """The requête was filed on 02/11/2026: its greffe fee (37.07 €) is spent, not counted again.

    4,133.76 € due, odds 0.75 × 0.90 = 0.675. Still to spend: signification 70.00 + A444-32 fee
    260.04 × 0.675 = 175.53 → 245.53 (282.60 before filing). Recovery unchanged, the greffe fee
    coming back as dépens: (4,133.76 + 37.07 + 70.00) × 0.675 = 2,862.56; waiting 60 days 47.06
    → net 2,862.56 − 245.53 − 47.06 = 2,569.97 (2,532.90 before filing).
    """
    e = service.evaluer(_en_injonction(service), AUJOURDHUI)
    ip = e.route(Route.INJONCTION_DE_PAYER)
    assert ip.possible and ip.engagee
    assert [c.montant for c in ip.deja_engages] == [D("37.07")]
    assert not any(c.libelle.startswith("Frais de greffe") for c in ip.couts)
    assert (ip.cout_attendu, ip.recuperation_attendue, ip.cout_du_delai, ip.net_attendu) == (
        D("245.53"), D("2862.56"), D("47.06"), D("2569.97"))
    assert "reste à engager" in ip.avertissements[0] and "37,07" in ip.avertissements[0]
    assert e.recommandation is Route.INJONCTION_DE_PAYER


def test_injonction_signifiee_ne_compte_plus_la_signification(service):
    dossier = _en_injonction(service)
    dossier = service.completer_faits(dossier, {"date_ordonnance": "10/11/2026", "date_signification": "20/11/2026"})
    ip = service.evaluer(dossier, AUJOURDHUI).route(Route.INJONCTION_DE_PAYER)
    assert [c.montant for c in ip.deja_engages] == [D("37.07"), D("70.00")]
    assert ip.cout_attendu == D("175.53")  # the proportional fee alone: 260.04 × 0.675


def test_voie_fermee_par_l_etape_refusee_avec_la_raison_de_la_garde(service):
    e = service.evaluer(_en_injonction(service), AUJOURDHUI)
    for route in (Route.REFERE_PROVISION, Route.PETITES_CREANCES):
        r = e.route(route)
        assert not r.possible and "« Injonction de payer » est engagée" in r.raison
        assert r.cout_attendu == 0 and not r.couts
    assert "Petites créances et Référé-provision écartées : La voie « Injonction de payer » est engagée" in (
        " ".join(e.raisons))


def test_titre_executoire_ferme_toute_voie_judiciaire(service):
    dossier = _en_injonction(service)
    dossier = service.changer_etape(dossier, Etape.TITRE_EXECUTOIRE, {"date": "20/11/2026"})
    e = service.evaluer(dossier, AUJOURDHUI)
    for route in (Route.PETITES_CREANCES, Route.INJONCTION_DE_PAYER, Route.REFERE_PROVISION,
                  Route.ASSIGNATION_AU_FOND):
        assert not e.route(route).possible and "titre exécutoire est déjà obtenu" in e.route(route).raison


def test_petites_creances_au_dela_de_5000_euros_refusees_l125_1(service):
    """8,000 € + interest + 40 € > 5,000 €: the guard refuses the petites créances (L125-1 CPCE)."""
    e = service.evaluer(_dossier(service, "8 000,00", "15/09/2026", "16/08/2026"), AUJOURDHUI)
    pc = e.route(Route.PETITES_CREANCES)
    assert not pc.possible and "L125-1" in pc.raison and "5\u202f000,00" in pc.raison
    assert e.route(Route.INJONCTION_DE_PAYER).possible


def test_debiteur_public_seulement_les_voies_administratives(service):
    """A commune owes 4,000 € (due 15/09/2026, in demeure 01/10/2026).

    Référé-provision at the tribunal administratif: requête 0.00 € (no greffe fee), lawyer 840.00
    (R431-2 / R431-3 CJA, à confirmer); L761-1 CJA expectation 420.00 comes back at the odds
    0.75 × 0.85 = 0.638. No commissaire de justice, so no A444-31 / A444-32 fee. Mandatement
    d'office waits for a decision (loi 80-539).
    """
    public = {"nom": "Commune de Villeurbanne", "forme_juridique": "", "siren": "",
              "code_postal": "69100", "ville": "Villeurbanne", "secteur_public": "oui"}
    dossier = _dossier(service, "4 000,00", "15/09/2026", "16/08/2026", **public)
    e = service.evaluer(dossier, AUJOURDHUI)
    assert [r.route for r in e.routes] == [Route.AMIABLE, Route.REFERE_ADMINISTRATIF, Route.MANDATEMENT_OFFICE]
    ta = e.route(Route.REFERE_ADMINISTRATIF)
    assert ta.possible and "administratif" in ta.juridiction
    assert [(c.montant, c.a_confirmer) for c in ta.couts] == [(D("0.00"), True), (D("840.00"), True)]
    assert ta.probabilite == D("0.638") and ta.cout_attendu == D("840.00") and ta.duree_jours == 90
    assert [c.montant for c in ta.a_charge_du_debiteur] == [D("420.00")]
    assert any("R431-2" in a for a in ta.avertissements)
    tous = [c.libelle for r in e.routes for c in r.couts + r.a_charge_du_debiteur]
    assert not any("A444" in libelle or "commissaire" in libelle for libelle in tous)
    mandatement = e.route(Route.MANDATEMENT_OFFICE)
    assert not mandatement.possible and "décision" in mandatement.raison

    dossier = service.changer_etape(dossier, Etape.REFERE_PROVISION, {"date": "02/11/2026",
                                                                    "juridiction": "TA de Lyon"})
    dossier = service.changer_etape(dossier, Etape.TITRE_EXECUTOIRE, {"date": "10/11/2026"})
    e = service.evaluer(dossier, AUJOURDHUI)
    mandatement = e.route(Route.MANDATEMENT_OFFICE)
    assert mandatement.possible and [c.montant for c in mandatement.couts] == [D("0.00"), D("7.31")]
    assert any("deux mois" in a for a in mandatement.avertissements)  # the guard's warning (loi 80-539)
    assert not e.route(Route.REFERE_ADMINISTRATIF).possible


def test_une_proportion_se_tape_comme_elle_s_affiche(service):
    """The évaluation shows "75 %": typed so (or 0,75) it is the same assumption (issue 17, point 6)."""
    from decimal import Decimal as D

    from recouvrement_tui.domain.erreurs import ErreursSaisie

    valeurs = service.hypotheses_saisie()
    service.enregistrer_hypotheses({**valeurs, "chances_3": "75 %", "chances_6": "0,6", "facteur_litige": "50\u202f%"})
    relues = service.hypotheses_saisie()
    assert (D(relues["chances_3"].replace(",", ".")), D(relues["chances_6"].replace(",", ".")),
            D(relues["facteur_litige"].replace(",", "."))) == (D("0.75"), D("0.6"), D("0.5"))
    with pytest.raises(ErreursSaisie):
        service.enregistrer_hypotheses({**valeurs, "chances_3": "150 %"})


def test_un_dossier_qui_a_son_titre_est_a_faire_executer_pas_a_arreter(demo):
    """With an enforceable title, no route to a title is left to weigh: the advice is to have it
    enforced by a commissaire de justice, not to stop (what the screen said before)."""
    titres = [r for r in demo.depot.references()
              if demo.charger(r).etape_de_la_chaine in (Etape.TITRE_EXECUTOIRE, Etape.EXECUTION)]
    assert titres
    for reference in titres:
        evaluation = demo.evaluer(demo.charger(reference), AUJOURDHUI)
        if evaluation.recommandation is None:
            assert evaluation.conseil == (
                "Suivre l'exécution du titre avec le commissaire de justice"
                if demo.charger(reference).etape_de_la_chaine is Etape.EXECUTION
                else "Faire exécuter le titre par un commissaire de justice")
    # Without a title, nothing worth engaging still says so.
    autre = next(r for r in demo.depot.references() if demo.charger(r).etape_de_la_chaine is Etape.RELANCE_AMIABLE)
    assert demo.evaluer(demo.charger(autre), AUJOURDHUI).titre_obtenu is False
