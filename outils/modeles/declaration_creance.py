"""Déclaration de créance (LRAR) au mandataire judiciaire — art. L622-24 ff. C. com.

Addressed to the mandataire (or liquidateur) recorded at the « Procédure collective » stage,
not to the debtor. The sums come from the décompte, whose interest stops at the opening
judgment (L622-28). Each part answers a requirement listed in docs/modeles-actes.md.
"""

from __future__ import annotations

from docx.shared import Cm, Pt

from outils.modeles._actes import INDEMNITES_DUES, puce, tableau
from outils.modeles.base import balise, nouveau_document, objet, paragraphe, signature

_LIQUIDATION = "'liquidation' in procedure.nature_procedure_collective.lower()"
_QUALITE = "{% if " + _LIQUIDATION + " %}liquidateur judiciaire{% else %}mandataire judiciaire{% endif %}"


def _destinataire(doc) -> None:
    bloc = [
        "{{ procedure.mandataire }}",
        "{% if " + _LIQUIDATION + " %}Liquidateur judiciaire{% else %}Mandataire judiciaire{% endif %}",
        "{{ procedure.adresse_mandataire }}",
    ]
    for ligne in bloc:
        p = doc.add_paragraph(ligne)
        p.paragraph_format.left_indent = Cm(9.5)
        p.paragraph_format.space_after = Pt(0)


def _tableau_creance(doc) -> None:
    """Per invoice, with its due date (sums not yet due are declared with their due date, L622-25)."""
    interets = "{% if interets.legal %}Intérêts{% else %}Pénalités de retard{% endif %}"
    balise(doc, "if interets.indemnite_forfaitaire")
    tableau(
        doc,
        ["Facture", "Date", "Échéance", "Principal restant dû", interets, "Indemnité forfaitaire", "Total"],
        ["{{ f.numero }}", "{{ f.date }}", "{{ f.echeance }}", "{{ f.reste }}", "{{ f.interets }}", "{{ f.indemnite }}",
         "{{ f.total }}"],
        "f in factures",
        total=["Total", "", "", "{{ totaux.principal.chiffres }}", "{{ totaux.interets.chiffres }}",
               "{{ totaux.indemnites.chiffres }}", "{{ totaux.total.chiffres }}"],
        largeurs=[2.6, 2.1, 2.1, 2.6, 2.2, 2.0, 2.6],
        montants=4,
    )
    balise(doc, "else")
    tableau(
        doc,
        ["Facture", "Date", "Échéance", "Principal restant dû", interets, "Total"],
        ["{{ f.numero }}", "{{ f.date }}", "{{ f.echeance }}", "{{ f.reste }}", "{{ f.interets }}", "{{ f.total }}"],
        "f in factures",
        total=["Total", "", "", "{{ totaux.principal.chiffres }}", "{{ totaux.interets.chiffres }}",
               "{{ totaux.total.chiffres }}"],
        largeurs=[3.0, 2.2, 2.2, 3.0, 3.0, 3.0],
        montants=3,
    )
    balise(doc, "endif")


def declaration_creance():
    doc = nouveau_document("Déclaration de créance")
    _destinataire(doc)
    paragraphe(doc, "{{ lieu }}, le {{ date }}", align="droite", avant=18, apres=12)
    paragraphe(doc, "**Lettre recommandée avec demande d'avis de réception**", align="gauche", apres=2)
    paragraphe(doc, "Nos références : dossier {{ reference }}", align="gauche", apres=2)
    paragraphe(doc, "**Débiteur : {{ debiteur.nom }}**", align="gauche", apres=2)
    paragraphe(doc, "Procédure : {{ procedure.nature_procedure_collective }} ouverte par jugement du "
                    "{{ procedure.date_jugement_ouverture }} ({{ procedure.tribunal_procedure_collective }})",
               align="gauche", apres=12)
    objet(doc, "Déclaration de créance")
    paragraphe(doc, "Maître,")
    paragraphe(doc, "Par jugement du {{ procedure.date_jugement_ouverture }} ({{ procedure.tribunal_procedure_collective }}), "
                    "une procédure de {{ procedure.nature_procedure_collective }} a été ouverte à l'égard de "
                    "{{ debiteur.designation }}{% if procedure.date_bodacc %} ; ce jugement a été publié au BODACC le "
                    "{{ procedure.date_bodacc }}{% endif %}. Vous avez été désigné en qualité de " + _QUALITE + ".")
    paragraphe(doc, "En application des articles L622-24 et suivants du Code de commerce, **{{ creancier.nom }}**"
                    "{% if creancier.identification %}, {{ creancier.identification }}{% endif %}, dont le siège est "
                    "situé {{ creancier.adresse.une_ligne }}, **déclare entre vos mains, à titre chirographaire, sa "
                    "créance sur {{ debiteur.nom }}, pour un montant total de {{ totaux.total.chiffres }}** "
                    "({{ totaux.total.lettres }}), arrêté au jour du jugement d'ouverture.")
    paragraphe(doc, "Cette créance, née avant le jugement d'ouverture, résulte des factures suivantes, restées impayées "
                    "en tout ou partie :")
    _tableau_creance(doc)
    paragraphe(doc, "Le montant déclaré se décompose comme suit :", apres=2)
    puce(doc, "– principal : **{{ totaux.principal.chiffres }}** ({{ totaux.principal.lettres }}) ;")
    puce(doc, "– {% if interets.legal %}intérêts{% else %}pénalités de retard{% endif %} : "
              "**{{ totaux.interets.chiffres }}** ({{ totaux.interets.lettres }}) ;")
    balise(doc, "if " + INDEMNITES_DUES)
    puce(doc, "– indemnités forfaitaires pour frais de recouvrement : **{{ totaux.indemnites.chiffres }}** "
              "({{ totaux.indemnites.lettres }}) ;")
    balise(doc, "endif")
    puce(doc, "soit un total de **{{ totaux.total.chiffres }}** ({{ totaux.total.lettres }}).")
    paragraphe(doc, "Les sommes dues portaient {% if not interets.legal %}des {% endif %}{{ interets.fondement }}. "
                    "{% if interets.legal %}Ces intérêts ont été calculés{% else %}Ces pénalités ont été calculées"
                    "{% endif %} jusqu'à la veille du jugement d'ouverture, qui en a arrêté le cours (article L622-28 du "
                    "Code de commerce).{% if b2b and interets.indemnite_forfaitaire %} L'indemnité forfaitaire pour "
                    "frais de recouvrement de 40 € (articles L441-10 et D441-5 du même code) n'est comptée que pour "
                    "les factures échues avant ce jugement.{% endif %}")
    paragraphe(doc, "Le tableau ci-dessus indique l'échéance de chaque facture : les sommes dont l'échéance est postérieure "
                    "au jugement d'ouverture sont déclarées à échoir, à leur date d'échéance (article L622-25 du Code de "
                    "commerce).")
    balise(doc, "if procedure.numero_rg")
    paragraphe(doc, "Cette créance a fait l'objet d'une instance enregistrée sous le numéro RG {{ procedure.numero_rg }}"
                    "{% if procedure.date_decision %} et d'un titre exécutoire du {{ procedure.date_decision }}"
                    "{% endif %} ; les pièces de cette procédure vous seront communiquées sur simple demande.")
    balise(doc, "endif")
    paragraphe(doc, "Nous vous adressons la présente déclaration en application des articles L622-24 et R622-24 du Code de "
                    "commerce, qui imposent de déclarer les créances dans un délai de deux mois à compter de la "
                    "publication du jugement d'ouverture au BODACC{% if procedure.date_bodacc %}, intervenue le "
                    "{{ procedure.date_bodacc }}{% endif %}.")
    paragraphe(doc, "Nous certifions sincère et véritable la présente déclaration, établie d'après nos livres. Les pièces "
                    "justificatives suivantes y sont jointes :")
    tableau(doc, ["N°", "Pièce"], ["{{ p.numero }}", "{{ p.libelle }}"], "p in pieces", largeurs=[1.5, 15.0])
    paragraphe(doc, "Nous vous remercions de bien vouloir accuser réception de cette déclaration et de nous adresser toute "
                    "discussion de la créance à l'adresse ci-dessus{% if creancier.email %} ou à {{ creancier.email }}"
                    "{% endif %}, en rappelant la référence {{ reference }}.")
    paragraphe(doc, "Nous vous prions d'agréer, Maître, l'expression de nos salutations distinguées.")
    signature(doc)
    return doc
