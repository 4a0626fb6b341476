"""Mise en demeure (LRAR) — each part answers a requirement listed in docs/modeles.md."""

from __future__ import annotations

from outils.modeles.base import (
    balise,
    destinataire_et_date,
    nouveau_document,
    objet,
    paragraphe,
    signature,
    tableau,
    tableau_factures,
    titre,
)


def mise_en_demeure():
    doc = nouveau_document("Mise en demeure")
    destinataire_et_date(doc, lrar=True)
    objet(doc, "Mise en demeure de payer la somme de {{ totaux_echus.total.chiffres }}")
    titre(doc, "MISE EN DEMEURE")
    paragraphe(doc, "Madame, Monsieur,")
    balise(doc, "if relances")
    paragraphe(doc, "{% if relances|length > 1 %}Nos relances{% else %}Notre relance{% endif %}"
               "{% for r in relances %}{% if not loop.first %}{% if loop.last %} et{% else %},{% endif %}"
               "{% endif %} du {{ r.date }}{% endfor %} "
               "{% if relances|length > 1 %}sont restées{% else %}est restée{% endif %} sans effet.")
    balise(doc, "endif")
    paragraphe(doc, "Les factures suivantes, arrivées à échéance, demeurent impayées à ce jour :")
    tableau_factures(doc, liste="factures_echues", avec_interets=True)
    balise(doc, "if b2b and not interets.legal")
    paragraphe(doc, "Ces sommes portent de plein droit, depuis le lendemain de leur échéance et sans qu'un rappel soit "
               "nécessaire, des {{ interets.fondement }}{% if interets.taux_actuel %}, soit un taux annuel de "
               "{{ interets.taux_actuel }} pour la période en cours{% endif %}.")
    balise(doc, "if interets.indemnite_forfaitaire")
    paragraphe(doc, "S'y ajoute l'indemnité forfaitaire pour frais de recouvrement de 40 € due pour chaque facture "
               "payée en retard (articles L441-10 et D441-5 du Code de commerce).")
    balise(doc, "endif")
    balise(doc, "else")
    paragraphe(doc, "Ces sommes porteront intérêts au taux légal à compter de la présente mise en demeure "
               "(article 1344-1 du Code civil).")
    balise(doc, "endif")
    paragraphe(doc, "Au {{ date }}, votre dette s'établit comme suit :")
    tableau(
        doc,
        ["Nature", "Montant"],
        ["{{ ligne.0 }}", "{{ ligne.1 }}"],
        "ligne in [('Principal restant dû', totaux_echus.principal.chiffres), ('Pénalités et intérêts échus', "
        "totaux_echus.interets.chiffres), ('Indemnités forfaitaires et frais', totaux_echus.indemnites.chiffres)]",
        total=["Total dû", "{{ totaux_echus.total.chiffres }}"],
        largeurs=[9.0, 4.0],
        montants=1,
    )
    paragraphe(doc, "En conséquence, **nous vous mettons en demeure, par la présente, de nous payer la somme de "
               "{{ totaux_echus.total.chiffres }}** ({{ totaux_echus.total.lettres }}) **au plus tard le "
               "{{ delai.mise_en_demeure.date }}**, soit dans un délai de {{ delai.mise_en_demeure.jours }} jours "
               "à compter de la date de ce courrier.")
    paragraphe(doc, "Le règlement peut être effectué par virement{% if creancier.iban %} sur notre compte "
               "IBAN {{ creancier.iban }}{% endif %}, en rappelant la référence {{ reference }}, ou par chèque à "
               "l'ordre de {{ creancier.nom }}.")
    paragraphe(doc, "À défaut de paiement intégral dans ce délai, nous saisirons la juridiction compétente, sans "
               "nouvel avis, afin d'obtenir un titre exécutoire (injonction de payer, référé-provision ou "
               "assignation en paiement). Nous demanderons alors au juge, outre les sommes ci-dessus et les "
               "intérêts à échoir, la condamnation aux dépens et une indemnité au titre de l'article 700 du Code "
               "de procédure civile, puis nous ferons procéder à l'exécution forcée par un commissaire de justice.")
    balise(doc, "if not totaux_echus.tout_est_echu")
    paragraphe(doc, "Les factures non encore échues ({% for f in factures_a_echoir %}{{ f.numero }}, échéance "
               "{{ f.echeance }}{% if not loop.last %} ; {% endif %}{% endfor %}) ne sont pas visées par la présente "
               "mise en demeure ; elles restent payables à leur échéance.")
    balise(doc, "endif")
    paragraphe(doc, "La présente lettre vaut **mise en demeure** au sens de l'article 1344 du Code civil.")
    paragraphe(doc, "Si votre règlement a croisé ce courrier, nous vous remercions de ne pas en tenir compte. "
               "Pour toute contestation, écrivez-nous sans attendre{% if creancier.email %} à "
               "{{ creancier.email }}{% endif %}.")
    paragraphe(doc, "Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.")
    signature(doc)
    return doc
