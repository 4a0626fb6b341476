"""Relance amiable — first reminder after the due date: courteous, assumes an oversight.

Lists every overdue invoice of the dossier, invites the client to say if a document is
missing, and asks for payment by the date of the reminder calendar (delai.relance).
"""

from __future__ import annotations

from outils.modeles.base import (
    appel,
    balise,
    destinataire_et_date,
    nouveau_document,
    objet,
    paragraphe,
    pluriel,
    salutations,
    signature,
    tableau,
)

# "par courriel à … ou par téléphone au …", whichever the creditor has.
CONTACT = ("{% if creancier.email %} par courriel à l'adresse {{ creancier.email }}{% endif %}"
           "{% if creancier.email and creancier.telephone %} ou{% endif %}"
           "{% if creancier.telephone %} par téléphone au {{ creancier.telephone }}{% endif %}")


def relance_amiable():
    doc = nouveau_document("Relance amiable")
    destinataire_et_date(doc)
    objet(doc, "Rappel — " + pluriel("factures_echues", "facture échue en attente de règlement",
                                      "factures échues en attente de règlement"))
    appel(doc)

    balise(doc, "if factures_echues")
    paragraphe(doc, "Sauf erreur ou omission de notre part, nous n'avons pas encore reçu le règlement "
               + pluriel("factures_echues", "de la facture suivante, arrivée", "des factures suivantes, arrivées")
               + " à échéance :")
    tableau(
        doc,
        ["Facture", "Date", "Objet", "Échéance", "Montant TTC", "Reste dû", "Retard"],
        ["{{ f.numero }}", "{{ f.date }}", "{{ f.objet }}", "{{ f.echeance }}", "{{ f.montant }}", "{{ f.reste }}",
         "{{ f.jours_retard }} j"],
        "f in factures_echues",
        largeurs=[2.5, 1.9, 4.2, 1.9, 2.2, 2.2, 1.5],
    )
    balise(doc, "if not factures_a_echoir")
    paragraphe(doc, "Le montant restant dû s'élève à **{{ totaux.principal.chiffres }}** en principal.")
    balise(doc, "endif")
    balise(doc, "if decompte.imputations")
    paragraphe(doc, "Les règlements que vous nous avez déjà adressés ont bien été pris en compte{% if not interets.legal %} ; "
               "conformément à l'article 1343-1 du Code civil, ils s'imputent d'abord sur les sommes accessoires "
               "(indemnité forfaitaire et pénalités de retard), puis sur le principal{% endif %}.")
    balise(doc, "endif")
    paragraphe(doc, "Il s'agit très probablement d'un simple oubli. Nous vous remercions de bien vouloir procéder à ce "
               "règlement **au plus tard le {{ delai.relance.date }}**.")
    balise(doc, "if not interets.legal")
    paragraphe(doc, "Pour mémoire, tout retard de paiement fait courir de plein droit, dès le lendemain de l'échéance, "
               "des {{ interets.fondement }}{% if interets.indemnite_forfaitaire %}, et rend exigible une indemnité "
               "forfaitaire pour frais de recouvrement de 40 € par facture ({{ interets.fondement_indemnite }})"
               "{% endif %}. Nous ne doutons pas qu'un prompt règlement nous permettra d'en rester là.")
    balise(doc, "endif")
    balise(doc, "else")
    paragraphe(doc, "Sauf erreur de notre part, aucune facture échue ne reste impayée à ce jour sur votre compte.")
    balise(doc, "endif")

    balise(doc, "if factures_a_echoir")
    paragraphe(doc, "Pour votre information, "
               + pluriel("factures_a_echoir", "la facture suivante arrivera", "les factures suivantes arriveront")
               + " prochainement à échéance ; "
               + pluriel("factures_a_echoir", "son règlement reste attendu à sa date", "leur règlement reste attendu "
                          "à leur date")
               + " d'échéance :")
    tableau(
        doc,
        ["Facture", "Date", "Objet", "Échéance", "Montant TTC", "Reste dû"],
        ["{{ f.numero }}", "{{ f.date }}", "{{ f.objet }}", "{{ f.echeance }}", "{{ f.montant }}", "{{ f.reste }}"],
        "f in factures_a_echoir",
        largeurs=[2.5, 1.9, 5.5, 1.9, 2.4, 2.4],
    )
    balise(doc, "endif")

    paragraphe(doc, "Si un document vous manque pour traiter ce paiement (copie de facture, bon de commande, bon de "
               "livraison ou procès-verbal de réception), ou si l'une de ces factures appelle une observation de votre "
               "part, nous vous remercions de nous le faire savoir sans attendre" + CONTACT + " : nous vous "
               "transmettrons aussitôt les éléments utiles.")
    paragraphe(doc, "Le règlement peut être effectué par virement{% if creancier.iban %} sur notre compte IBAN "
               "{{ creancier.iban }}{% endif %}, en indiquant les numéros de facture et la référence {{ reference }}, "
               "ou par chèque à l'ordre de {{ creancier.nom }}.")
    paragraphe(doc, "Si votre règlement a croisé ce courrier, nous vous remercions de ne pas en tenir compte.")
    salutations(doc)
    signature(doc)
    return doc
