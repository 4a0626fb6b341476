"""Requête en référé-provision au juge des référés du tribunal administratif (article R541-1 du Code de
justice administrative), against a public-sector debtor (secteur_public).

A public buyer's late payment bears interest under the Code de la commande publique (L2192-13; rate
R2192-31: the ECB rate of the half-year in which interest started, plus 8 points, fixed for the whole
delay; 40 € indemnity D2192-35) — never L441-10. Before the administrative judge the costs are claimed
under L761-1 CJA (never art. 700 CPC); public property cannot be seized (L2311-1 CG3P), so the request
asks for a provision and nothing about enforcement. Each part answers a requirement listed in
docs/modeles-actes.md.
"""

from __future__ import annotations

from outils.modeles._actes import (
    CREANCIER,
    G_FERME,
    G_OUVRE,
    bordereau,
    factures_a_echoir_exclues,
    finaliser,
    historique,
    note,
    puce,
    tableau,
    tableau_factures_detail,
)
from outils.modeles.base import balise, intertitre, nouveau_document, paragraphe, titre

# The 40 € indemnities still owed on the invoices already due (D2192-35 CCP).
_INDEMNITES = "interets.indemnite_forfaitaire and totaux_echus.indemnites.lettres != 'zéro euro'"
_INTERETS = "totaux_echus.interets.lettres != 'zéro euro'"


def requete_refere_provision_administratif():
    doc = nouveau_document("Requête en référé-provision (tribunal administratif)")
    titre(doc, "REQUÊTE EN RÉFÉRÉ-PROVISION")
    paragraphe(doc, "(article R541-1 du Code de justice administrative)", align="centre", apres=12)
    paragraphe(doc, "**À Madame, Monsieur le juge des référés du tribunal administratif de [à compléter]**", align="centre",
               apres=12)
    paragraphe(doc, "Nos références : dossier {{ reference }}", align="gauche")
    paragraphe(doc, "**Avant dépôt (note à supprimer de la requête déposée) :**", italique=True, apres=2)
    puce(doc, "• juridiction : le tribunal administratif territorialement compétent, en principe celui dans le ressort "
              "duquel le contrat a été exécuté (article R312-11 du Code de justice administrative) [à vérifier] ;",
         italique=True)
    puce(doc, "• ministère d'avocat : une requête tendant au paiement d'une somme d'argent doit en principe être "
              "présentée par un avocat (article R431-2 du Code de justice administrative), sauf dispense prévue par "
              "l'article R431-3 [à vérifier selon la nature du contrat et le montant] ; l'avocat dépose la requête par "
              "Télérecours ;", italique=True)
    puce(doc, "• fixer le montant demandé au titre de l'article L761-1 du Code de justice administrative (champ entre "
              "crochets) ; les sommes sont arrêtées au {{ decompte.au }} : les actualiser si la requête est déposée plus "
              "tard.", italique=True)
    balise(doc, "if not secteur_public")
    note(doc, "le débiteur n'est pas enregistré comme personne publique : ce modèle ne convient pas, le litige relevant "
              "du juge judiciaire")
    balise(doc, "endif")

    intertitre(doc, "I. — LES PARTIES")
    paragraphe(doc, "**Le requérant :** " + CREANCIER + ",")
    paragraphe(doc, "ci-après " + G_OUVRE + "la société requérante" + G_FERME + ".")
    paragraphe(doc, "**La personne publique défenderesse :** {{ debiteur.designation }},")
    paragraphe(doc, "ci-après " + G_OUVRE + "la personne publique" + G_FERME + ".")

    intertitre(doc, "II. — LES FAITS")
    paragraphe(doc, "En exécution du contrat conclu avec la personne publique, la société requérante a livré les "
                    "fournitures et exécuté les prestations commandées, qu'elle a facturées comme suit :")
    tableau_factures_detail(doc)
    factures_a_echoir_exclues(doc, acte="la présente requête")
    historique(doc, sujet="la personne publique", feminin=True)
    paragraphe(doc, "Le délai de paiement applicable à la personne publique (trente jours, cinquante jours pour un "
                    "établissement public de santé, articles R2192-10 et R2192-11 du Code de la commande publique) est "
                    "expiré pour chacune de ces factures, qui n'ont fait l'objet d'aucune contestation.")

    intertitre(doc, "III. — DISCUSSION")
    paragraphe(doc, "**A. Sur l'obligation non sérieusement contestable**")
    paragraphe(doc, "Aux termes de l'article R541-1 du Code de justice administrative, le juge des référés peut, même en "
                    "l'absence d'une demande au fond, accorder une provision au créancier qui l'a saisi lorsque "
                    "l'existence de l'obligation n'est pas sérieusement contestable. Tel est le cas : les prestations ont "
                    "été commandées et exécutées, les factures ont été reçues sans réserve et la personne publique n'a "
                    "opposé aucune contestation. Le principal restant dû s'élève à **{{ totaux_echus.principal.chiffres }}** "
                    "({{ totaux_echus.principal.lettres }}).")
    paragraphe(doc, "**B. Sur les intérêts moratoires et l'indemnité forfaitaire**")
    paragraphe(doc, "Le dépassement du délai de paiement fait courir de plein droit, au bénéfice du titulaire, des intérêts "
                    "moratoires (article L2192-13 du Code de la commande publique). Leur taux est celui de la principale "
                    "opération de refinancement de la Banque centrale européenne en vigueur au premier jour du semestre "
                    "au cours duquel ils ont commencé à courir, majoré de huit points ; il reste fixe pendant toute la "
                    "durée du retard (article R2192-31 du même code)."
                    "{% if " + _INTERETS + " %} Arrêtés au {{ decompte.au }}, ils s'élèvent à "
                    "**{{ totaux_echus.interets.chiffres }}** ({{ totaux_echus.interets.lettres }}) et continuent de "
                    "courir jusqu'au paiement.{% else %} Ils courent jusqu'au paiement.{% endif %}")
    balise(doc, "if " + _INDEMNITES)
    paragraphe(doc, "Le retard de paiement ouvre en outre droit, pour chaque facture, à une indemnité forfaitaire pour "
                    "frais de recouvrement de 40 € (article D2192-35 du Code de la commande publique), soit "
                    "**{{ totaux_echus.indemnites.chiffres }}** ({{ totaux_echus.indemnites.lettres }}).")
    balise(doc, "endif")
    paragraphe(doc, "Arrêtée au {{ decompte.au }}, la créance se décompose ainsi :")
    tableau(
        doc,
        ["Facture", "Principal restant dû", "Intérêts moratoires", "Indemnité forfaitaire", "Total"],
        ["{{ f.numero }}", "{{ f.reste }}", "{{ f.interets }}", "{{ f.indemnite }}", "{{ f.total }}"],
        "f in factures_echues",
        total=["Total", "{{ totaux_echus.principal.chiffres }}", "{{ totaux_echus.interets.chiffres }}",
               "{{ totaux_echus.indemnites.chiffres }}", "{{ totaux_echus.total.chiffres }}"],
        largeurs=[3.4, 3.4, 3.4, 3.0, 3.4],
        montants=4,
    )
    paragraphe(doc, "La provision demandée s'élève ainsi à **{{ totaux_echus.total.chiffres }}** "
                    "({{ totaux_echus.total.lettres }}).")
    paragraphe(doc, "**C. Sur les frais exposés**")
    paragraphe(doc, "Il serait inéquitable de laisser à la charge de la société requérante les frais exposés et non "
                    "compris dans les dépens ; la personne publique devra lui verser la somme de **[montant à compléter]** "
                    "euros en application de l'article L761-1 du Code de justice administrative.")

    titre(doc, "PAR CES MOTIFS", taille=12)
    paragraphe(doc, "Vu l'article R541-1 et l'article L761-1 du Code de justice administrative,")
    paragraphe(doc, "Vu les articles L2192-13, R2192-31 et D2192-35 du Code de la commande publique,")
    paragraphe(doc, "Vu les pièces énumérées à l'inventaire ci-après,")
    paragraphe(doc, "La société requérante demande au juge des référés de :")
    puce(doc, "– **CONDAMNER** {{ debiteur.nom }} à lui verser, à titre de provision, la somme de "
              "**{{ totaux_echus.total.chiffres }}** ({{ totaux_echus.total.lettres }}), comprenant "
              "{{ totaux_echus.principal.chiffres }} en principal{% if " + _INTERETS + " %}, "
              "{{ totaux_echus.interets.chiffres }} d'intérêts moratoires arrêtés au {{ decompte.au }}{% endif %}"
              "{% if " + _INDEMNITES + " %} et {{ totaux_echus.indemnites.chiffres }} d'indemnités forfaitaires pour "
              "frais de recouvrement{% endif %} ;")
    puce(doc, "– **DIRE** que les intérêts moratoires continueront de courir sur le principal, au taux fixé par "
              "l'article R2192-31 du Code de la commande publique, jusqu'à la date du paiement ;")
    puce(doc, "– **METTRE À LA CHARGE** {{ de.debiteur }} la somme de **[montant à compléter]** euros au titre de "
              "l'article L761-1 du Code de justice administrative.")
    paragraphe(doc, "Fait à {{ lieu }}, le {{ date }}", align="droite", avant=12, apres=0)
    paragraphe(doc, "Pour {{ creancier.nom }}", align="droite", apres=0)
    paragraphe(doc, "{{ creancier.signataire }}", align="droite", apres=24)
    bordereau(doc, "INVENTAIRE DES PIÈCES JOINTES À LA REQUÊTE (article R412-2 du Code de justice administrative)")
    return finaliser(doc)
