"""Fiche de synthèse: what a commissaire de justice needs at a glance (issue 8 export)."""

from __future__ import annotations

from outils.modeles._actes import finaliser
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
               "{% if procedure.decision.date %} Décision : {{ procedure.decision.libelle }} du "
               "{{ procedure.decision.date }}{% if procedure.decision.juridiction %} ({{ procedure.decision.juridiction }})"
               "{% endif %}.{% endif %}{% if procedure.decision.numero_rg %} N° RG : {{ procedure.decision.numero_rg }}."
               "{% elif procedure.numero_rg %} N° RG : {{ procedure.numero_rg }}.{% endif %}"
               "{% if procedure.decision.date_signification %} Signification : le {{ procedure.decision.date_signification }}."
               "{% endif %}")
    balise(doc, "if procedure.voie == 'injonction' and procedure.injonction.date_ordonnance")
    paragraphe(doc, "{% if procedure.injonction.date_signification %}Exécution possible, faute d'opposition, à compter du "
               "**{{ procedure.injonction.date_executoire }}** ({{ procedure.injonction.regle_executoire }}).{% else %}"
               "Ordonnance à signifier au plus tard le **{{ procedure.injonction.date_caducite }}**, faute de quoi elle "
               "est non avenue ({{ procedure.injonction.regle_caducite }}).{% endif %}")
    balise(doc, "endif")
    balise(doc, "if procedure.date_jugement_ouverture")
    paragraphe(doc, "Procédure collective ({{ procedure.nature_procedure_collective }}) ouverte le "
               "{{ procedure.date_jugement_ouverture }} : aucune mesure d'exécution (article L622-21 du Code de commerce). "
               "{% if declaration.envoyee %}Déclaration de créance établie (voir le journal du dossier).{% else %}"
               "Aucune déclaration de créance n'est enregistrée au dossier.{% endif %}")
    balise(doc, "endif")
    balise(doc, "if historique")
    tableau(doc, ["Date", "Étape", "Faits"], ["{{ h.date }}", "{{ h.etape }}", "{{ h.faits }}"], "h in historique",
            largeurs=[2.4, 4.0, 10.2])
    balise(doc, "endif")
    intertitre(doc, "Sommes dues au {{ decompte.au }} (décompte joint)")
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
    paragraphe(doc, "Soit {{ totaux.total.lettres }}.{% if procedure.date_jugement_ouverture %} Le cours des intérêts est "
               "arrêté au jugement d'ouverture (article L622-28 du Code de commerce).{% else %} Les intérêts continuent "
               "de courir jusqu'au paiement.{% endif %}")
    intertitre(doc, "Pièces")
    paragraphe(doc, "{% if pieces|length > 1 %}{{ pieces|length }} pièces, numérotées comme au bordereau joint."
               "{% elif pieces %}Une pièce, numérotée comme au bordereau joint.{% else %}Aucune pièce n'est enregistrée "
               "au dossier.{% endif %}")
    signature(doc)
    return finaliser(doc)
