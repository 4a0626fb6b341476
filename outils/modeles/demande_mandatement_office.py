"""Demande de mandatement d'office au préfet (ou à l'autorité de tutelle) — loi n° 80-539 du 16 juillet
1980, article 1er, II; article L1612-16 du Code général des collectivités territoriales.

When a court decision that has become final (passée en force de chose jugée) ordered a local authority
or a public body to pay a sum it fixes, the sum must be paid (mandatée) within two months of the
decision's notification; failing that, the creditor asks the préfet or the supervisory authority to
order it ex officio (mandatement d'office). Public property cannot be seized (L2311-1 CG3P): this is
the way a public debtor is made to pay. Each part answers a requirement listed in docs/modeles-actes.md.
"""

from __future__ import annotations

from docx.shared import Cm, Pt

from outils.modeles._actes import finaliser, note, puce, tableau
from outils.modeles.base import balise, nouveau_document, objet, paragraphe, signature


def demande_mandatement_office():
    doc = nouveau_document("Demande de mandatement d'office")
    for ligne in ("Monsieur le Préfet de [département à compléter]",
                  "ou [autorité de tutelle de l'établissement public, à compléter]",
                  "[adresse à compléter]"):
        p = doc.add_paragraph(ligne)
        p.paragraph_format.left_indent = Cm(9.5)
        p.paragraph_format.space_after = Pt(0)
    paragraphe(doc, "{{ lieu }}, le {{ date }}", align="droite", avant=18, apres=12)
    paragraphe(doc, "**Lettre recommandée avec demande d'avis de réception**", align="gauche", apres=2)
    paragraphe(doc, "Nos références : dossier {{ reference }}", align="gauche", apres=2)
    objet(doc, "Demande de mandatement d'office — {{ creancier.nom }} contre {{ debiteur.nom }} — "
               "{{ procedure.decision.libelle }} du {{ procedure.date_decision }}{% if procedure.decision.numero_rg %} "
               "(n° {{ procedure.decision.numero_rg }}){% elif procedure.numero_rg %} (n° {{ procedure.numero_rg }})"
               "{% endif %}")
    paragraphe(doc, "**Avant envoi (note à supprimer) :**", italique=True, apres=2)
    puce(doc, "• la décision doit être passée en force de chose jugée (plus de recours suspensif) et fixer elle-même le "
              "montant de la condamnation ; joindre une copie de la décision et la preuve de sa notification ;",
         italique=True)
    puce(doc, "• le délai de deux mois à compter de la notification de la décision doit être expiré (loi n° 80-539 du "
              "16 juillet 1980, article 1er, II) [à vérifier : délai applicable selon la personne publique et l'état de "
              "ses crédits, notamment en cas d'insuffisance de crédits] ;", italique=True)
    puce(doc, "• destinataire : le préfet pour une collectivité territoriale ou un établissement public local (article "
              "L1612-16 du Code général des collectivités territoriales) ; l'autorité de tutelle pour un autre "
              "établissement public ; pour l'État, le comptable assignataire paie sur présentation de la décision "
              "(article 1er, I, de la même loi).", italique=True)
    balise(doc, "if not secteur_public")
    note(doc, "le débiteur n'est pas enregistré comme personne publique : le mandatement d'office ne le concerne pas",
         avant="envoi")
    balise(doc, "endif")

    paragraphe(doc, "Monsieur le Préfet,")
    paragraphe(doc, "Par {{ procedure.decision.libelle }} du {{ procedure.date_decision }}"
                    "{% if procedure.decision.juridiction %} ({{ procedure.decision.juridiction }}){% endif %}"
                    "{% if procedure.decision.numero_rg %}, enregistrée sous le n° {{ procedure.decision.numero_rg }}"
                    "{% elif procedure.numero_rg %}, enregistrée sous le n° {{ procedure.numero_rg }}{% endif %}, la "
                    "juridiction a condamné {{ debiteur.designation }} à payer à {{ creancier.nom }}"
                    "{% if creancier.identification %}, {{ creancier.identification }}{% endif %}, les sommes fixées "
                    "par cette décision.")
    paragraphe(doc, "Cette décision a été notifiée à la personne publique le "
                    "{% if procedure.decision.date_signification %}{{ procedure.decision.date_signification }}"
                    "{% else %}**[date de notification à compléter]**{% endif %}. Elle est passée en force de chose "
                    "jugée. Plus de deux mois se sont écoulés depuis cette notification sans que la somme due ait été "
                    "mandatée ou ordonnancée, en méconnaissance de l'article 1er, II, de la loi n° 80-539 du 16 juillet "
                    "1980.")
    paragraphe(doc, "Selon notre décompte arrêté au {{ decompte.au }}, qui devra être rapproché du dispositif de la "
                    "décision, les sommes restant dues s'établissent comme suit :", apres=2)
    tableau(
        doc,
        ["Nature", "Montant"],
        ["{{ ligne.0 }}", "{{ ligne.1 }}"],
        "ligne in [('Principal', totaux.principal.chiffres), ('Intérêts moratoires', totaux.interets.chiffres), "
        "('Indemnités forfaitaires', totaux.indemnites.chiffres)]",
        total=["Total", "{{ totaux.total.chiffres }}"],
        largeurs=[9.0, 4.0],
        montants=1,
    )
    paragraphe(doc, "soit **{{ totaux.total.chiffres }}** ({{ totaux.total.lettres }}), outre les intérêts courant "
                    "jusqu'au paiement et les sommes allouées par la décision au titre des frais de l'instance.")
    paragraphe(doc, "En application de l'article 1er, II, de la loi n° 80-539 du 16 juillet 1980 et, s'agissant d'une "
                    "collectivité territoriale, de l'article L1612-16 du Code général des collectivités territoriales, "
                    "nous vous prions de bien vouloir procéder au mandatement d'office de ces sommes sur le budget "
                    "{{ de.debiteur }} et, si les crédits inscrits sont insuffisants, d'adresser à la personne publique "
                    "une mise en demeure de créer les ressources nécessaires.")
    paragraphe(doc, "Les fonds peuvent être versés par virement{% if creancier.iban %} sur notre compte IBAN "
                    "{{ creancier.iban }}{% endif %}. Vous trouverez ci-joint une copie de la décision, la preuve de sa "
                    "notification et notre décompte.")
    paragraphe(doc, "Nous vous prions d'agréer, Monsieur le Préfet, l'expression de notre haute considération.")
    signature(doc)
    paragraphe(doc, "**Pièces jointes :** copie de la décision ; preuve de sa notification ; décompte de créance arrêté "
                    "au {{ decompte.au }} ; bordereau des pièces.", align="gauche", taille=9, avant=12)
    return finaliser(doc)
