"""Fiche de synthèse: what a commissaire de justice needs at a glance (issue 8 export)."""

from __future__ import annotations

from outils.modeles.base import (
    balise,
    intertitre,
    nouveau_document,
    paragraphe,
    signature,
    tableau,
    titre,
)


def fiche_synthese():
    doc = nouveau_document("Fiche de synthèse")
    titre(doc, "FICHE DE SYNTHÈSE — DOSSIER {{ reference }}")
    paragraphe(doc, "Établie le {{ date }} par {{ creancier.nom }}.", align="centre", italique=True)
    intertitre(doc, "Instruction")
    paragraphe(doc, "**{{ instruction }}**")
    intertitre(doc, "Créancier")
    paragraphe(doc, "{{ creancier.nom }}, {{ creancier.identification }}, {{ creancier.adresse.une_ligne }}. "
               "Représentant : {{ creancier.signataire }}.{% if creancier.telephone %} Tél. {{ creancier.telephone }}."
               "{% endif %}{% if creancier.email %} Courriel : {{ creancier.email }}.{% endif %}"
               "{% if creancier.iban %} IBAN : {{ creancier.iban }}.{% endif %}")
    intertitre(doc, "Débiteur")
    paragraphe(doc, "{{ debiteur.designation }}.")
    paragraphe(doc, "{% if debiteur.siret %}SIRET : {{ debiteur.siret }}. {% endif %}"
               "{% if debiteur.telephone %}Tél. {{ debiteur.telephone }}. {% endif %}"
               "{% if debiteur.email %}Courriel : {{ debiteur.email }}. {% endif %}"
               "{% if debiteur.a_l_attention_de %}Contact : {{ debiteur.a_l_attention_de }}.{% endif %}")
    intertitre(doc, "Situation")
    paragraphe(doc, "Étape : **{{ etape.libelle }}**{% if etape.depuis %} depuis le {{ etape.depuis }}{% endif %}."
               "{% if mise_en_demeure %} Mise en demeure du {{ mise_en_demeure.date }}"
               "{% if mise_en_demeure.numero_lrar %} (LRAR n° {{ mise_en_demeure.numero_lrar }}){% endif %}.{% endif %}"
               "{% if procedure.numero_rg %} N° RG : {{ procedure.numero_rg }}.{% endif %}"
               "{% if procedure.date_decision %} Décision du {{ procedure.date_decision }}.{% endif %}"
               "{% if procedure.date_signification %} Signifiée le {{ procedure.date_signification }}.{% endif %}")
    balise(doc, "if historique")
    tableau(doc, ["Date", "Étape", "Faits"], ["{{ h.date }}", "{{ h.etape }}", "{{ h.faits }}"], "h in historique",
            largeurs=[2.4, 4.0, 10.2])
    balise(doc, "endif")
    intertitre(doc, "Sommes dues au {{ date }} (décompte joint)")
    tableau(
        doc,
        ["Nature", "Montant"],
        ["{{ ligne.0 }}", "{{ ligne.1 }}"],
        "ligne in [('Principal', totaux.principal.chiffres), ('Intérêts et pénalités', totaux.interets.chiffres), "
        "('Indemnités et frais', totaux.indemnites.chiffres)]",
        total=["Total", "{{ totaux.total.chiffres }}"],
        largeurs=[9.0, 4.0],
        montants=1,
    )
    paragraphe(doc, "Soit {{ totaux.total.lettres }}. Les intérêts continuent de courir jusqu'au paiement.")
    intertitre(doc, "Pièces")
    paragraphe(doc, "{{ pieces|length }} pièce(s), numérotées comme au bordereau joint.")
    signature(doc)
    return doc
