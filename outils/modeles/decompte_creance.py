"""Décompte de créance — the statement of account annexed to letters and filings.

Every figure comes from the décompte the product computed (contexte.sommes.decompte_detaille): per-invoice
sums, one line per run of days at one rate, the imputation of payments, the totals in
figures and in letters, then the conventions the calculation follows.
"""

from __future__ import annotations

from docx.shared import Cm

from outils.modeles.base import (
    balise,
    intertitre,
    nouveau_document,
    paragraphe,
    signature,
    tableau,
    titre,
)


def _puce(doc, texte: str) -> None:
    p = paragraphe(doc, "– " + texte, apres=3)
    p.paragraph_format.left_indent = Cm(0.6)
    p.paragraph_format.first_line_indent = Cm(-0.4)


def decompte_creance():
    doc = nouveau_document("Décompte de créance")
    titre(doc, "Décompte de créance arrêté au {{ decompte.au }}")
    paragraphe(doc, "**Créancier** : {{ creancier.nom }}, {{ creancier.identification }}, dont le siège est situé "
               "{{ creancier.adresse.une_ligne }}.", align="gauche", apres=2)
    paragraphe(doc, "**Débiteur** : {{ debiteur.designation }}.", align="gauche", apres=2)
    paragraphe(doc, "**Dossier** : {{ reference }}{% if procedure.numero_rg %} — RG n° {{ procedure.numero_rg }}"
               "{% endif %}", align="gauche")

    intertitre(doc, "1. Factures")
    balise(doc, "if decompte.factures")
    tableau(
        doc,
        ["Facture", "Échéance", "Montant TTC", "Régime des intérêts", "Départ des intérêts"],
        ["{{ f.numero }}", "{{ f.echeance }}", "{{ f.montant }}", "{{ f.regime }}", "{{ f.depart }}"],
        "f in decompte.factures",
        largeurs=[3.0, 2.2, 2.8, 6.0, 2.6],
    )
    balise(doc, "endif")
    paragraphe(doc, "Montant total facturé : {{ totaux.factures.chiffres }} ; règlements reçus : "
               "{{ totaux.paiements.chiffres }}.")

    intertitre(doc, "2. Sommes dues par facture")
    balise(doc, "if decompte.factures")
    tableau(
        doc,
        ["Facture", "Principal dû", "Intérêts / pénalités", "Indemnité", "Total dû"],
        ["{{ f.numero }}", "{{ f.principal }}", "{{ f.interets }}", "{{ f.indemnite }}", "{{ f.total }}"],
        "f in decompte.factures",
        largeurs=[3.4, 3.3, 3.3, 3.0, 3.6],
    )
    balise(doc, "endif")

    intertitre(doc, "3. Calcul des intérêts")
    balise(doc, "if decompte.lignes")
    tableau(
        doc,
        ["Facture", "Du", "Au", "Jours", "Taux annuel", "Assiette", "Intérêts"],
        ["{{ l.facture }}", "{{ l.du }}", "{{ l.au }}", "{{ l.jours }}", "{{ l.taux }}", "{{ l.assiette }}",
         "{{ l.montant }}"],
        "l in decompte.lignes",
        largeurs=[3.0, 2.1, 2.1, 1.4, 2.1, 2.9, 2.6],
    )
    balise(doc, "if decompte.imputations")
    paragraphe(doc, "Les intérêts calculés sur une période où un règlement est intervenu figurent ci-dessus pour leur "
               "totalité ; la part déjà réglée en est déduite par l'imputation des règlements (tableau 4).",
               italique=True, taille=9)
    balise(doc, "endif")
    balise(doc, "else")
    paragraphe(doc, "Aucun intérêt n'a couru à la date du décompte{% if interets.legal and not mise_en_demeure %} : en "
               "l'absence de mise en demeure, les intérêts au taux légal ne courent pas encore (article 1344-1 du Code "
               "civil){% endif %}.")
    balise(doc, "endif")

    intertitre(doc, "4. Imputation des règlements")
    balise(doc, "if decompte.imputations")
    paragraphe(doc, "Chaque règlement a été imputé sur la facture qu'il concerne, d'abord sur "
               "{% if not interets.legal %}l'indemnité forfaitaire et les frais, puis sur {% endif %}les intérêts, enfin sur le "
               "principal (article 1343-1 du Code civil) :")
    tableau(
        doc,
        ["Date", "Facture", "Montant", "Sur indemnité", "Sur intérêts", "Sur principal"],
        ["{{ i.date }}", "{{ i.facture }}", "{{ i.montant }}", "{{ i.sur_indemnite }}", "{{ i.sur_interets }}",
         "{{ i.sur_principal }}"],
        "i in decompte.imputations",
        largeurs=[2.2, 3.0, 2.8, 2.7, 2.7, 2.8],
    )
    balise(doc, "else")
    paragraphe(doc, "Aucun règlement n'est à imputer à la date du décompte.")
    balise(doc, "endif")

    intertitre(doc, "5. Récapitulatif")
    tableau(
        doc,
        ["Nature", "Montant", "En lettres"],
        ["{{ ligne.0 }}", "{{ ligne.1.chiffres }}", "{{ ligne.1.lettres }}"],
        "ligne in [('Principal restant dû', totaux.principal), ('Pénalités de retard et intérêts échus' if "
        "interets.penalites else 'Intérêts moratoires échus' if interets.public else 'Intérêts échus', "
        "totaux.interets)] + ([('Indemnités forfaitaires et frais justifiés' if decompte.frais_complementaires else "
        "'Indemnités forfaitaires', totaux.indemnites)] if not interets.legal else [])",
        total=["Total dû", "{{ totaux.total.chiffres }}", "{{ totaux.total.lettres }}"],
        largeurs=[5.0, 3.2, 8.4],
    )
    balise(doc, "if decompte.frais_complementaires")
    paragraphe(doc, "Les indemnités comprennent {{ decompte.frais_complementaires }} de frais de recouvrement justifiés "
               "excédant le montant des indemnités forfaitaires (article L441-10, II, du Code de commerce).")
    balise(doc, "endif")
    paragraphe(doc, "Arrêté le présent décompte à la somme de **{{ totaux.total.chiffres }}** "
               "({{ totaux.total.lettres }}) au {{ decompte.au }}, outre les intérêts à courir jusqu'au complet "
               "paiement.")

    intertitre(doc, "6. Méthode de calcul")
    _puce(doc, "**Point de départ.** {% if interets.legal %}Les intérêts au taux légal courent à compter de la mise en "
               "demeure (article 1344-1 du Code civil){% if mise_en_demeure %}, soit en l'espèce celle du "
               "{{ mise_en_demeure.date }}{% endif %} ; le décompte les fait partir du lendemain.{% elif interets.public %}"
               "Les intérêts moratoires courent de plein droit, sans autre formalité, à compter du lendemain de "
               "l'expiration du délai de paiement de chaque facture (article L2192-13 du Code de la commande publique)."
               "{% else %}Les pénalités de retard courent de plein droit, sans rappel, à compter du lendemain de la date "
               "d'échéance de chaque facture (article L441-10 du Code de commerce).{% endif %} Le point de départ retenu "
               "pour chaque facture figure au tableau 1.")
    _puce(doc, "**Durée.** Les jours de retard sont comptés du point de départ jusqu'à la date d'arrêté du décompte "
               "incluse ou, pour la part réglée, jusqu'à la date du règlement.")
    _puce(doc, "**Taux.** {% if interets.public %}Le taux est celui de l'opération principale de refinancement de la "
               "Banque centrale européenne en vigueur au premier jour du semestre civil au cours duquel les intérêts "
               "moratoires ont commencé à courir, majoré de 8 points ; il reste fixe pendant toute la durée du retard, "
               "même si celui-ci s'étend sur plusieurs semestres (article R2192-31 du Code de la commande publique)."
               "{% else %}Chaque jour de retard est affecté du taux du semestre civil auquel il appartient"
               "{% if interets.legal %} : taux de l'intérêt légal publié pour ce semestre, dans la catégorie des "
               "créanciers autres que les personnes physiques n'agissant pas pour des besoins professionnels"
               "{% else %} : taux de refinancement de la Banque centrale européenne en vigueur au 1er janvier pour le "
               "premier semestre et au 1er juillet pour le second, majoré de 10 points (article L441-10 du Code de "
               "commerce), sauf taux contractuel{% endif %}. Un retard qui s'étend sur plusieurs semestres est ainsi "
               "calculé par tranches (tableau 3).{% endif %}")
    _puce(doc, "**Formule.** Intérêts = assiette × taux annuel × nombre de jours / {{ decompte.base }} ; chaque ligne de calcul est "
               "arrondie au centime le plus proche, le demi-centime étant arrondi au centime supérieur.")
    _puce(doc, "**Imputation.** Les règlements partiels s'imputent d'abord sur "
               "{% if not interets.legal %}l'indemnité forfaitaire et les frais, puis sur {% endif %}les intérêts, et seulement "
               "ensuite sur le principal (article 1343-1 du Code civil).")
    balise(doc, "if interets.indemnite_forfaitaire")
    _puce(doc, "**Indemnité forfaitaire.** 40 € par facture payée en retard, due dès le premier jour de retard et "
               "maintenue en cas de paiement partiel ({{ interets.fondement_indemnite }}) ; elle n'est pas soumise à la "
               "TVA.")
    balise(doc, "endif")

    balise(doc, "if decompte.avertissements")
    intertitre(doc, "Points à vérifier avant communication")
    paragraphe(doc, "Les observations suivantes sont à vérifier, puis à retirer du document avant sa communication :",
               italique=True)
    balise(doc, "for a in decompte.avertissements")
    _puce(doc, "{{ a }}")
    balise(doc, "endfor")
    balise(doc, "endif")

    paragraphe(doc, "Décompte établi à {{ lieu }}, le {{ date }}.", align="droite", avant=12)
    signature(doc)
    return doc
