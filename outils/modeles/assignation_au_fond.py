"""Assignation en paiement au fond (projet) devant le tribunal de commerce, le tribunal des activités
économiques ou le tribunal judiciaire.

A draft for the commissaire de justice (and the lawyer when representation is compulsory):
what they complete, and the enrolment deadline (art. 857 or 754 CPC), are listed in a note at
the top. Each part answers a requirement listed in docs/modeles-actes.md.
"""

from __future__ import annotations

from outils.modeles._actes import (
    TRIBUNAL,
    article_861_2,
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

_FACULTATIF = "**[Facultatif — à conserver seulement si la mauvaise foi du défendeur et un préjudice distinct du retard " \
              "peuvent être prouvés ; sinon, supprimer ce paragraphe et la demande correspondante.]**"


def assignation_au_fond():
    doc = nouveau_document("Assignation en paiement (projet)")
    bandeau_projet(doc, "Assignation en paiement au fond")
    note_debut_projet(
        doc,
        audience="audience",
        voie="fond",
        autres=[
            ("", (
                "• placement : remettre au greffe une copie de l'assignation signifiée au moins "
                "{% if juridiction.article_placement == '857' %}huit{% else %}quinze{% endif %} jours avant la date "
                "de l'audience (article {{ juridiction.article_placement }} du Code de procédure civile), à peine "
                "de caducité ;"
            )),
            ("juridiction.nature in ('commerce', 'tae')",
             "• signifier l'assignation au moins quinze jours avant la date de l'audience ;"),
            ("tentative_prealable_requise and not petites_creances_echouee", (
                "• article 750-1 du Code de procédure civile : compléter le paragraphe « Sur la tentative préalable "
                "de résolution amiable », faute de quoi la demande est irrecevable ;"
            )),
            ("", (
                "• la demande de dommages et intérêts pour retard de mauvaise foi (article 1231-6, alinéa 3, du Code "
                "civil) est facultative : la conserver seulement si elle peut être prouvée ;"
            )),
        ],
    )

    titre(doc, "ASSIGNATION EN PAIEMENT")
    paragraphe(doc, "(procédure au fond devant " + TRIBUNAL + ")", align="centre", apres=12)
    parties_assignation(doc)

    intertitre(doc, "{% if avocat_obligatoire and juridiction.nature not in ('commerce', 'tae') %}D'AVOIR À CONSTITUER "
                    "AVOCAT ET À COMPARAÎTRE{% else %}D'AVOIR À COMPARAÎTRE{% endif %}")
    comparution(doc, voie="fond", devant=TRIBUNAL, audience="à son audience")
    avertissement_defendeur(doc, decision="un jugement soit rendu", fond=True)

    titre(doc, "OBJET DE LA DEMANDE", taille=12)
    paragraphe(doc, "La société requérante demande au tribunal de condamner le défendeur à lui payer les factures "
                    "restées impayées, avec les {% if interets.legal %}intérêts{% else %}pénalités de retard{% endif %} "
                    "jusqu'à complet paiement{% if b2b and interets.indemnite_forfaitaire %} et les indemnités "
                    "forfaitaires pour frais de recouvrement{% endif %}, outre une indemnité au titre de ses frais et les "
                    "dépens.")

    intertitre(doc, "I. — LES FAITS")
    paragraphe(doc, "Dans le cadre de leurs relations, la société requérante a fourni au défendeur les biens et "
                    "prestations qu'il lui a commandés et les lui a facturés comme suit :")
    tableau_factures_detail(doc)
    factures_a_echoir_exclues(doc, acte="la présente demande", avant="signification")
    historique(doc, sujet="le défendeur")
    paragraphe(doc, "Faute de règlement amiable, la société requérante n'a d'autre choix que de saisir le tribunal.")

    intertitre(doc, "II. — DISCUSSION")
    paragraphe(doc, "**A. Sur la demande en paiement**")
    paragraphe(doc, "Celui qui réclame l'exécution d'une obligation doit la prouver ; celui qui se prétend libéré doit "
                    "justifier le paiement ou le fait qui a produit l'extinction de son obligation (article 1353 du Code "
                    "civil). La société requérante produit les factures et les autres pièces énumérées au bordereau ; le défendeur ne justifie d'aucun "
                    "paiement autre que ceux dont il a été tenu compte.")
    paragraphe(doc, "Arrêtée au {{ decompte.au }}, la créance se décompose, facture par facture, comme suit :")
    tableau_decompte(doc)
    fondement_sommes(doc, apres_titre="du présent acte")

    paragraphe(doc, "**B. Sur la capitalisation des intérêts**")
    paragraphe(doc, "Les {% if interets.legal %}intérêts échus et dus{% else %}pénalités de retard échues et dues"
                    "{% endif %} pour une année entière produiront {% if interets.legal %}eux-mêmes{% else %}elles-mêmes"
                    "{% endif %} intérêts, la société requérante en formant la demande (article "
                    "1343-2 du Code civil).")

    paragraphe(doc, "**C. Sur les dommages et intérêts pour retard de mauvaise foi**")
    paragraphe(doc, _FACULTATIF, italique=True)
    paragraphe(doc, "Le créancier auquel son débiteur en retard a causé, par sa mauvaise foi, un préjudice indépendant de "
                    "ce retard peut obtenir des dommages et intérêts distincts de l'intérêt moratoire (article 1231-6, "
                    "alinéa 3, du Code civil). En l'espèce, **[exposer les faits établissant la mauvaise foi du défendeur "
                    "et le préjudice distinct subi]**. Le défendeur sera condamné à payer à ce titre la somme de "
                    "**[montant à compléter]** euros.")

    tentative_prealable(doc, lettre="D")
    paragraphe(doc, "**{% if tentative_prealable_requise %}E{% else %}D{% endif %}. Sur les frais de l'instance et "
                    "l'exécution provisoire**")
    paragraphe(doc, "Il serait inéquitable de laisser à la charge de la société requérante les frais, non compris dans "
                    "les dépens, qu'elle a dû exposer pour obtenir paiement ; le défendeur sera condamné à lui verser une "
                    "somme de **[montant à compléter]** euros en application de l'article 700 du Code de procédure "
                    "civile, ainsi qu'aux entiers dépens (article 696 du même code). Le jugement à intervenir est "
                    "exécutoire de droit à titre provisoire (article 514 du même code).")

    titre(doc, "PAR CES MOTIFS", taille=12)
    vu_textes(doc, civil="1103, 1231-6, 1343-2{% if interets.legal %}, 1344-1{% endif %} et 1353")
    paragraphe(doc, "Vu les pièces énumérées au bordereau ci-après,")
    paragraphe(doc, "Il est demandé au tribunal de :")
    puce(doc, "– **CONDAMNER** {{ debiteur.nom }} à payer à {{ creancier.nom }} :")
    chefs_de_demande(doc, apres_titre="du présent acte", retrait=1.6)
    puce(doc, "soit, au {{ decompte.au }}, la somme totale de **{{ totaux_echus.total.chiffres }}** "
              "({{ totaux_echus.total.lettres }}), outre les {% if interets.legal %}intérêts{% else %}pénalités de retard{% endif %} à échoir jusqu'à "
              "complet paiement ;", retrait=1.6)
    puce(doc, "– **ORDONNER** la capitalisation des intérêts dus pour une année entière, dans les conditions de l'article "
              "1343-2 du Code civil ;")
    puce(doc, "– **[Facultatif] CONDAMNER** {{ debiteur.nom }} à payer à {{ creancier.nom }} la somme de "
              "**[montant à compléter]** euros à titre de dommages et intérêts pour retard de mauvaise foi (article "
              "1231-6, alinéa 3, du Code civil) ;")
    puce(doc, "– **CONDAMNER** {{ debiteur.nom }} à payer à {{ creancier.nom }} la somme de **[montant à compléter]** "
              "euros au titre de l'article 700 du Code de procédure civile ;")
    puce(doc, "– **CONDAMNER** {{ debiteur.nom }} aux entiers dépens ;")
    puce(doc, "– **RAPPELER** que l'exécution provisoire du jugement à intervenir est de droit.")
    paragraphe(doc, "**SOUS TOUTES RÉSERVES**", align="centre", avant=12, apres=12)
    article_861_2(doc)
    bordereau(doc, "BORDEREAU DES PIÈCES SUR LESQUELLES LA DEMANDE EST FONDÉE")
    return finaliser(doc)
