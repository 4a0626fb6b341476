"""Relance préventive — a courteous reminder a few days before the due date.

Lists the invoices about to fall due; when the calendar sends it late and every open invoice
is already overdue, it lists those instead, so the letter never shows an empty table.
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

_ENTETES = ["Facture", "Date", "Objet", "Échéance", "Montant TTC", "Reste à payer"]


def _cellules() -> list[str]:
    return ["{{ f.numero }}", "{{ f.date }}", "{{ f.objet }}", "{{ f.echeance }}", "{{ f.montant }}", "{{ f.reste }}"]



def relance_preventive():
    doc = nouveau_document("Relance préventive")
    destinataire_et_date(doc)
    objet(doc, "{% if factures_a_echoir %}Rappel de prochaine échéance de paiement"
               "{% else %}Factures en attente de règlement{% endif %}")
    appel(doc)

    balise(doc, "if factures_a_echoir")
    paragraphe(doc, "Nous vous remercions de la confiance que vous nous accordez. Afin de faciliter l'organisation de "
               "vos paiements, nous nous permettons de vous signaler que "
               + pluriel("factures_a_echoir", "la facture suivante arrivera", "les factures suivantes arriveront")
               + " prochainement à échéance :")
    tableau(doc, _ENTETES, _cellules(), "f in factures_a_echoir", largeurs=[2.6, 2.0, 5.0, 2.0, 2.5, 2.5])
    paragraphe(doc, "Nous vous remercions de bien vouloir prendre dès à présent les dispositions nécessaires pour que "
               + pluriel("factures_a_echoir", "son règlement", "leur règlement")
               + " nous parvienne au plus tard à la date d'échéance indiquée.")
    balise(doc, "if factures_echues")
    paragraphe(doc, "Par ailleurs, sauf erreur de notre part, "
               + pluriel("factures_echues", "la facture suivante, déjà échue, reste", "les factures suivantes, déjà "
                          "échues, restent")
               + " à régler :")
    tableau(doc, _ENTETES, _cellules(), "f in factures_echues", largeurs=[2.6, 2.0, 5.0, 2.0, 2.5, 2.5])
    paragraphe(doc, "Il s'agit sans doute d'un simple oubli : nous vous serions reconnaissants d'en effectuer le "
               "règlement dès que possible.")
    balise(doc, "endif")
    balise(doc, "elif factures_echues")
    paragraphe(doc, "Sauf erreur de notre part, "
               + pluriel("factures_echues", "la facture suivante est arrivée à échéance et reste",
                          "les factures suivantes sont arrivées à échéance et restent")
               + " à régler :")
    tableau(doc, _ENTETES, _cellules(), "f in factures_echues", largeurs=[2.6, 2.0, 5.0, 2.0, 2.5, 2.5])
    paragraphe(doc, "Il s'agit sans doute d'un simple oubli : nous vous remercions de bien vouloir procéder à "
               + pluriel("factures_echues", "son règlement", "leur règlement") + " dans les meilleurs délais.")
    balise(doc, "else")
    paragraphe(doc, "Sauf erreur de notre part, aucune facture ne reste à régler à ce jour sur votre compte : nous vous "
               "remercions de votre ponctualité.")
    balise(doc, "endif")

    balise(doc, "if factures and not interets.legal")
    paragraphe(doc, "Pour mémoire, {% if not interets.public %}conformément aux mentions portées sur nos factures, "
               "{% endif %}tout retard de paiement fait courir de plein droit, dès le lendemain de la date d'échéance, "
               "des {{ interets.fondement }}, ainsi qu'une indemnité forfaitaire pour frais de recouvrement de 40 € par "
               "facture ({{ interets.fondement_indemnite }}). Nous préférons naturellement ne jamais avoir à les "
               "appliquer.")
    balise(doc, "endif")

    balise(doc, "if factures")
    paragraphe(doc, "Le règlement peut être effectué par virement{% if creancier.iban %} sur notre compte IBAN "
               "{{ creancier.iban }}{% endif %}, en indiquant le numéro de facture et la référence {{ reference }}, "
               "ou par chèque à l'ordre de {{ creancier.nom }}.")
    balise(doc, "endif")
    paragraphe(doc, "Pour toute question relative à votre compte, notre service comptable reste à votre disposition"
               "{% if creancier.telephone %} par téléphone au {{ creancier.telephone }}{% endif %}"
               "{% if creancier.telephone and creancier.email %} ou{% endif %}"
               "{% if creancier.email %} par courriel à l'adresse {{ creancier.email }}{% endif %}.")
    paragraphe(doc, "Si votre règlement a déjà été effectué, nous vous remercions de ne pas tenir compte de ce courrier.")
    salutations(doc)
    signature(doc)
    return doc
