"""Assignation en référé-provision (projet) — art. 873 al. 2 or 835 al. 2 CPC per the court.

A draft for the commissaire de justice (and the lawyer when representation is compulsory):
what they complete is listed in a note at the top. Each part answers a requirement listed in
docs/modeles-actes.md.
"""

from __future__ import annotations

from outils.modeles._actes import (
    PRESIDENT,
    avertissement_defendeur,
    bandeau_projet,
    bordereau,
    chefs_de_demande,
    comparution,
    factures_a_echoir_exclues,
    finaliser,
    fondement_sommes,
    historique,
    note_debut_projet,
    parties_assignation,
    puce,
    tableau_decompte,
    tableau_factures_detail,
    tentative_prealable,
    vu_textes,
)
from outils.modeles.base import intertitre, nouveau_document, paragraphe, titre


def assignation_refere_provision():
    doc = nouveau_document("Assignation en référé-provision (projet)")
    bandeau_projet(doc, "Assignation en référé-provision")
    note_debut_projet(
        doc,
        audience="audience des référés",
        voie="refere",
        autres=[(
            "tentative_prealable_requise and not petites_creances_echouee",
            "• article 750-1 du Code de procédure civile (tribunal judiciaire, 5 000 € au plus) : compléter le "
            "paragraphe « Sur la tentative préalable de résolution amiable » (tentative effectuée ou motif de "
            "dispense, notamment l'urgence manifeste), faute de quoi la demande est irrecevable ;",
        )],
    )

    titre(doc, "ASSIGNATION EN RÉFÉRÉ-PROVISION")
    paragraphe(doc, "(article {{ juridiction.article_refere }}, du Code de procédure civile)", align="centre", apres=12)
    parties_assignation(doc)

    intertitre(doc, "D'AVOIR À COMPARAÎTRE")
    comparution(doc, voie="refere", devant="Monsieur le " + PRESIDENT + ", statuant en matière de référé",
                audience="en son audience des référés")
    avertissement_defendeur(doc, decision="une ordonnance soit rendue")

    titre(doc, "OBJET DE LA DEMANDE", taille=12)
    paragraphe(doc, "La société requérante demande la condamnation du défendeur au paiement, à titre provisionnel, des "
                    "sommes qu'il lui doit au titre des factures impayées ci-après, dont l'existence n'est pas "
                    "sérieusement contestable.")

    intertitre(doc, "I. — LES FAITS")
    paragraphe(doc, "Dans le cadre de leurs relations, la société requérante a fourni au défendeur les biens et "
                    "prestations qu'il lui a commandés et les lui a facturés comme suit :")
    tableau_factures_detail(doc)
    factures_a_echoir_exclues(doc, acte="la présente demande", avant="signification")
    historique(doc, sujet="le défendeur")
    paragraphe(doc, "Le défendeur n'a formulé aucune contestation de nature à remettre en cause sa dette. La société "
                    "requérante est donc contrainte de saisir le juge des référés.")

    intertitre(doc, "II. — DISCUSSION")
    paragraphe(doc, "**A. Sur la provision**")
    paragraphe(doc, "Aux termes de l'article {{ juridiction.article_refere }}, du Code de procédure civile, le président "
                    "de la juridiction, statuant en référé, peut accorder une provision au créancier dans les cas où "
                    "l'existence de l'obligation n'est pas sérieusement contestable.")
    paragraphe(doc, "Tel est le cas en l'espèce : la créance résulte de commandes exécutées et de factures "
                    "établies à leur suite, produites aux débats, que le défendeur n'a pas réglées à leur échéance"
                    "{% if mise_en_demeure %} ni après la mise en demeure du {{ mise_en_demeure.date }}{% endif %}. "
                    "Arrêtée au {{ decompte.au }}, elle se décompose comme suit :")
    tableau_decompte(doc)
    fondement_sommes(doc, apres_titre="du présent acte")
    paragraphe(doc, "Le défendeur sera en conséquence condamné à payer ces sommes à la société requérante à titre "
                    "provisionnel.")
    tentative_prealable(doc, lettre="B", refere=True)
    paragraphe(doc, "**{% if tentative_prealable_requise %}C{% else %}B{% endif %}. Sur les frais de l'instance**")
    paragraphe(doc, "Il serait inéquitable de laisser à la charge de la société requérante les frais, non compris dans "
                    "les dépens, qu'elle a dû exposer pour obtenir paiement d'une créance incontestable ; le défendeur "
                    "sera condamné à lui verser une somme de **[montant à compléter]** euros en application de l'article "
                    "700 du Code de procédure civile, ainsi qu'aux entiers dépens (article 696 du même code).")

    titre(doc, "PAR CES MOTIFS", taille=12)
    paragraphe(doc, "Vu l'article {{ juridiction.article_refere }}, du Code de procédure civile,")
    vu_textes(doc)
    paragraphe(doc, "Vu les pièces énumérées au bordereau ci-après,")
    paragraphe(doc, "Il est demandé à Monsieur le " + PRESIDENT + ", statuant en référé, de :")
    puce(doc, "– **CONDAMNER** {{ debiteur.nom }} à payer à {{ creancier.nom }}, à titre provisionnel :")
    chefs_de_demande(doc, apres_titre="du présent acte", retrait=1.6)
    puce(doc, "soit, au {{ decompte.au }}, une provision totale de **{{ totaux_echus.total.chiffres }}** "
              "({{ totaux_echus.total.lettres }}), outre les {% if interets.legal %}intérêts{% else %}pénalités de "
              "retard{% endif %} à échoir jusqu'à complet paiement ;", retrait=1.6)
    puce(doc, "– **CONDAMNER** {{ debiteur.nom }} à payer à {{ creancier.nom }} la somme de **[montant à compléter]** "
              "euros au titre de l'article 700 du Code de procédure civile ;")
    puce(doc, "– **CONDAMNER** {{ debiteur.nom }} aux entiers dépens ;")
    puce(doc, "– **RAPPELER** que l'ordonnance à intervenir est exécutoire à titre provisoire (article 489 du Code de "
              "procédure civile).")
    paragraphe(doc, "**SOUS TOUTES RÉSERVES**", align="centre", avant=12, apres=12)
    bordereau(doc, "BORDEREAU DES PIÈCES SUR LESQUELLES LA DEMANDE EST FONDÉE")
    return finaliser(doc)
