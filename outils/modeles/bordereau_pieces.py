"""Bordereau de pièces communiquées — the numbered list of supporting documents (art. 1407 CPC).

An annex: the parties, then one row per pièce (invoices, reminders, the mise en demeure and
its acknowledgment of receipt, the files attached to the dossier).
"""

from __future__ import annotations

from outils.modeles._actes import finaliser
from outils.modeles.base import (
    balise,
    nouveau_document,
    paragraphe,
    signature,
    tableau,
    titre,
)


def bordereau_pieces():
    doc = nouveau_document("Bordereau de pièces communiquées")
    titre(doc, "BORDEREAU DE PIÈCES COMMUNIQUÉES")
    paragraphe(doc, "**{{ creancier.nom }}** contre **{{ debiteur.nom }}**", align="centre", apres=12)
    paragraphe(doc, "**Pièces communiquées par** : {{ creancier.nom }}, {{ creancier.identification }}, dont le siège "
               "est situé {{ creancier.adresse.une_ligne }}, créancier.", align="gauche", apres=2)
    paragraphe(doc, "**À l'encontre de** : {{ debiteur.designation }}, débiteur.", align="gauche", apres=2)
    paragraphe(doc, "**Dossier** : {{ reference }}{% if procedure.decision.numero_rg %} — RG n° "
               "{{ procedure.decision.numero_rg }}{% elif procedure.numero_rg %} — RG n° {{ procedure.numero_rg }}"
               "{% endif %}", align="gauche", apres=12)
    balise(doc, "if pieces")
    tableau(
        doc,
        ["N°", "Désignation de la pièce"],
        ["{{ p.numero }}", "{{ p.libelle }}"],
        "p in pieces",
        largeurs=[1.5, 15.0],
    )
    paragraphe(doc, "Soit {{ pieces|length }} pièce{% if pieces|length > 1 %}s{% endif %} communiquée"
               "{% if pieces|length > 1 %}s{% endif %}.")
    balise(doc, "else")
    paragraphe(doc, "Aucune pièce n'est enregistrée au dossier.")
    balise(doc, "endif")
    paragraphe(doc, "Fait à {{ lieu }}, le {{ date }}.", align="droite", avant=12)
    signature(doc)
    return finaliser(doc)
