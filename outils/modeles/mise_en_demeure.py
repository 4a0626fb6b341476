"""Mise en demeure (LRAR) — each part answers a requirement listed in docs/modeles-courriers.md.

The law it quotes depends on the debtor (docs/mentions-obligatoires.md):
- a professional: L441-10 penalties and the 40 € indemnity (D441-5 C. com.), already due;
- a public buyer: L2192-13 interest at the R2192-31 rate, the 40 € of D2192-35 (Code de la commande
  publique); the route is the tribunal administratif (référé-provision, R541-1 CJA), then the
  mandatement d'office (loi 80-539): no injonction de payer, no article 700, no exécution forcée;
- a consumer or a non-professional: legal interest (art. 1344-1 C. civ.) from this letter, or from
  the earlier mise en demeure; neither penalties nor 40 €.
Overseas or abroad, the time given runs from receipt of the letter, so no calendar date is printed.
"""

from __future__ import annotations

from outils.modeles.base import (
    appel,
    balise,
    destinataire_et_date,
    nouveau_document,
    objet,
    paragraphe,
    salutations,
    signature,
    tableau,
    tableau_factures,
    titre,
)

# "au plus tard le 1er décembre 2026, soit dans un délai de 8 jours à compter de la date de ce
# courrier", or "dans un délai de 8 jours à compter de sa réception".
ECHEANCE = ("{% if delai.mise_en_demeure.depuis_reception %}**dans un délai de {{ delai.mise_en_demeure.jours }} "
            "jours à compter de sa réception**{% else %}**au plus tard le {{ delai.mise_en_demeure.date }}**, soit dans "
            "un délai de {{ delai.mise_en_demeure.jours }} jours à compter de la date de ce courrier{% endif %}")


def mise_en_demeure():
    doc = nouveau_document("Mise en demeure")
    destinataire_et_date(doc, lrar=True)
    objet(doc, "Mise en demeure de payer la somme de {{ totaux_echus.total.chiffres }}")
    titre(doc, "MISE EN DEMEURE")
    appel(doc)
    balise(doc, "if relances")
    paragraphe(doc, "{% if relances|length > 1 %}Nos relances{% else %}Notre relance{% endif %}"
               "{% for r in relances %}{% if not loop.first %}{% if loop.last %} et{% else %},{% endif %}"
               "{% endif %} du {{ r.date }}{% endfor %} "
               "{% if relances|length > 1 %}sont restées{% else %}est restée{% endif %} sans effet.")
    balise(doc, "endif")
    paragraphe(doc, "Les factures suivantes, arrivées à échéance, demeurent impayées à ce jour :")
    # Against a consumer or a non-professional, neither penalties nor indemnity: no such columns.
    balise(doc, "if interets.legal")
    tableau_factures(doc, liste="factures_echues")
    balise(doc, "else")
    tableau_factures(doc, liste="factures_echues", avec_interets=True)
    balise(doc, "endif")

    balise(doc, "if interets.public")
    paragraphe(doc, "Le délai de paiement étant expiré, ces sommes portent de plein droit, sans autre formalité, des "
               "{{ interets.fondement }}{% if interets.taux_actuel %}, soit un taux annuel de "
               "{{ interets.taux_actuel }}{% endif %}.")
    balise(doc, "if interets.indemnite_forfaitaire")
    paragraphe(doc, "S'y ajoute, pour chaque facture payée en retard, l'indemnité forfaitaire pour frais de "
               "recouvrement de 40 € ({{ interets.fondement_indemnite }}).")
    balise(doc, "endif")
    balise(doc, "elif not interets.legal")
    paragraphe(doc, "Ces sommes portent de plein droit, depuis le lendemain de leur échéance et sans qu'un rappel soit "
               "nécessaire, des {{ interets.fondement }}{% if interets.taux_actuel %}, soit un taux annuel de "
               "{{ interets.taux_actuel }} pour la période en cours{% endif %}.")
    balise(doc, "if interets.indemnite_forfaitaire")
    paragraphe(doc, "S'y ajoute l'indemnité forfaitaire pour frais de recouvrement de 40 € due pour chaque facture "
               "payée en retard ({{ interets.fondement_indemnite }}).")
    balise(doc, "endif")
    balise(doc, "elif mise_en_demeure and mise_en_demeure.anterieure")
    paragraphe(doc, "Ces sommes portent intérêts au taux légal depuis notre mise en demeure du "
               "{{ mise_en_demeure.date }} (article 1344-1 du Code civil).")
    balise(doc, "else")
    paragraphe(doc, "Ces sommes porteront intérêts au taux légal à compter de la présente mise en demeure "
               "(article 1344-1 du Code civil).")
    balise(doc, "endif")

    paragraphe(doc, "Au {{ date }}, votre dette s'établit comme suit :")
    tableau(
        doc,
        ["Nature", "Montant"],
        ["{{ ligne.0 }}", "{{ ligne.1 }}"],
        "ligne in [('Principal restant dû', totaux_echus.principal.chiffres), ('Intérêts échus' if interets.legal "
        "or interets.public else 'Pénalités et intérêts échus', totaux_echus.interets.chiffres)] + ([] if "
        "interets.legal else [('Indemnités forfaitaires et frais', totaux_echus.indemnites.chiffres)])",
        total=["Total dû", "{{ totaux_echus.total.chiffres }}"],
        largeurs=[9.0, 4.0],
        montants=1,
    )
    paragraphe(doc, "En conséquence, **nous vous mettons en demeure, par la présente, de nous payer la somme de "
               "{{ totaux_echus.total.chiffres }}** ({{ totaux_echus.total.lettres }}) " + ECHEANCE + ".")
    paragraphe(doc, "Le règlement peut être effectué par virement{% if creancier.iban %} sur notre compte "
               "IBAN {{ creancier.iban }}{% endif %}, en rappelant la référence {{ reference }}, ou par chèque à "
               "l'ordre de {{ creancier.nom }}.")

    balise(doc, "if secteur_public")
    paragraphe(doc, "À défaut de paiement intégral dans ce délai, nous saisirons sans nouvel avis le juge des référés "
               "du tribunal administratif compétent afin qu'il vous condamne au versement d'une provision, "
               "l'existence de l'obligation n'étant pas sérieusement contestable (article R541-1 du Code de justice "
               "administrative). Nous lui demanderons, outre les sommes ci-dessus et les intérêts à échoir, une somme "
               "au titre des frais exposés (article L761-1 du Code de justice administrative).")
    paragraphe(doc, "Si la décision obtenue n'était pas exécutée, nous demanderions, à l'expiration d'un délai de deux "
               "mois à compter de sa notification, au représentant de l'État ou à votre autorité de tutelle de procéder "
               "au mandatement d'office des sommes dues (article 1er de la loi n° 80-539 du 16 juillet 1980 ; article "
               "L1612-16 du Code général des collectivités territoriales pour une collectivité territoriale).")
    balise(doc, "else")
    paragraphe(doc, "À défaut de paiement intégral dans ce délai, nous saisirons la juridiction compétente, sans "
               "nouvel avis, afin d'obtenir un titre exécutoire (injonction de payer, référé-provision ou "
               "assignation en paiement). Nous demanderons alors au juge, outre les sommes ci-dessus et les "
               "intérêts à échoir, la condamnation aux dépens et une indemnité au titre de l'article 700 du Code "
               "de procédure civile, puis nous ferons procéder à l'exécution forcée par un commissaire de justice.")
    balise(doc, "endif")

    balise(doc, "if not totaux_echus.tout_est_echu")
    paragraphe(doc, "Les factures non encore échues ({% for f in factures_a_echoir %}{{ f.numero }}, échéance "
               "{{ f.echeance }}{% if not loop.last %} ; {% endif %}{% endfor %}) ne sont pas visées par la présente "
               "mise en demeure ; elles restent payables à leur échéance.")
    balise(doc, "endif")
    paragraphe(doc, "La présente lettre vaut **mise en demeure** au sens de l'article 1344 du Code civil.")
    paragraphe(doc, "Si votre règlement a croisé ce courrier, nous vous remercions de ne pas en tenir compte. "
               "Pour toute contestation, écrivez-nous sans attendre{% if creancier.email %} à "
               "{{ creancier.email }}{% endif %}.")
    salutations(doc)
    signature(doc)
    return doc
