"""Déclaration de créance (LRAR) au mandataire judiciaire — art. L622-24 ff. C. com.

Addressed to the mandataire (or liquidateur) recorded at the « Procédure collective » stage,
not to the debtor. The sums come from the décompte, whose interest stops at the opening
judgment (L622-28). Each part answers a requirement listed in docs/modeles-actes.md.
"""

from __future__ import annotations

from docx.shared import Cm, Pt

from outils.modeles._actes import creance_a_l_ouverture, finaliser, note, tableau
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
    balise(doc, "if declaration.delai and declaration.delai.expire")
    note(doc, "le délai de déclaration a expiré le {{ declaration.delai.date }} : la déclaration est tardive. Sauf "
              "relevé de forclusion accordé par le juge-commissaire, la créance sera inopposable à la procédure ; "
              "présentez la requête en relevé de forclusion{% if declaration.releve %} au plus tard le "
              "{{ declaration.releve.date }}{% endif %} (article L622-26 du Code de commerce)", avant="envoi")
    balise(doc, "endif")
    paragraphe(doc, "Maître,")
    paragraphe(doc, "Par jugement du {{ procedure.date_jugement_ouverture }} ({{ procedure.tribunal_procedure_collective }}), "
                    "une procédure de {{ procedure.nature_procedure_collective }} a été ouverte à l'égard de "
                    "{{ debiteur.designation }}{% if procedure.date_bodacc %} ; ce jugement a été publié au BODACC le "
                    "{{ procedure.date_bodacc }}{% endif %}. Il a désigné {{ procedure.mandataire }} en qualité de "
                    + _QUALITE + ".")
    paragraphe(doc, "En application des articles {% if declaration.liquidation %}L641-3, {% endif %}L622-24 et L622-25 du "
                    "Code de commerce{% if declaration.liquidation %}, le premier rendant applicables à la liquidation "
                    "judiciaire les règles de déclaration des créances{% endif %}, **{{ creancier.nom }}**"
                    "{% if creancier.identification %}, {{ creancier.identification }}{% endif %}, dont le siège est "
                    "situé {{ creancier.adresse.une_ligne }}, **déclare entre vos mains, à titre chirographaire, sa "
                    "créance sur {{ debiteur.nom }}, pour un montant total de {{ totaux.total.chiffres }}** "
                    "({{ totaux.total.lettres }}), dont {{ declaration.total_echu.total.chiffres }} échus au jour du "
                    "jugement d'ouverture et {{ declaration.total_a_echoir.total.chiffres }} à échoir.")
    paragraphe(doc, "Cette créance, née avant le jugement d'ouverture, résulte des factures ci-après, restées impayées "
                    "en tout ou partie. Aucune sûreté ni aucun privilège n'y est attaché à notre connaissance ; elle est "
                    "déclarée à titre chirographaire.")
    creance_a_l_ouverture(doc)
    balise(doc, "if procedure.decision.numero_rg")
    paragraphe(doc, "Cette créance a fait l'objet d'une instance enregistrée sous le numéro RG "
                    "{{ procedure.decision.numero_rg }}{% if procedure.decision.juridiction %} "
                    "({{ procedure.decision.juridiction }}){% endif %}{% if procedure.decision.date %}, qui a donné lieu "
                    "à une décision ({{ procedure.decision.libelle }}) du {{ procedure.decision.date }}{% endif %} "
                    "(article R622-23 du Code de commerce) ; les pièces de cette procédure vous seront communiquées "
                    "sur simple demande.")
    balise(doc, "endif")
    balise(doc, "if declaration.delai and declaration.delai.expire")
    paragraphe(doc, "Le délai de {{ declaration.delai.mois }} mois ouvert aux créanciers à compter de la publication du "
                    "jugement d'ouverture au BODACC, intervenue le {{ procedure.date_bodacc }}, a expiré le "
                    "{{ declaration.delai.date }} (articles L622-24 et R622-24 du Code de commerce). La présente déclaration "
                    "est donc tardive : nous saisissons le juge-commissaire d'une requête en relevé de forclusion "
                    "(article L622-26 du même code) et vous l'adressons afin qu'elle puisse être admise si le relevé est "
                    "accordé.")
    balise(doc, "elif declaration.delai")
    paragraphe(doc, "La présente déclaration vous est adressée dans le délai de {{ declaration.delai.mois }} mois à compter "
                    "de la publication du jugement d'ouverture au BODACC, intervenue le {{ procedure.date_bodacc }}, "
                    "délai qui expire le {{ declaration.delai.date }} (articles L622-24 et R622-24 du Code de commerce).")
    balise(doc, "else")
    paragraphe(doc, "La présente déclaration vous est adressée dans le délai de deux mois à compter de la publication du "
                    "jugement d'ouverture au BODACC (articles L622-24 et R622-24 du Code de commerce).")
    balise(doc, "endif")
    paragraphe(doc, "Nous certifions sincère et véritable la présente déclaration, établie d'après nos livres. Les pièces "
                    "justificatives suivantes y sont jointes (article R622-23 du Code de commerce) :")
    tableau(doc, ["N°", "Pièce"], ["{{ p.numero }}", "{{ p.libelle }}"], "p in pieces", largeurs=[1.5, 15.0])
    paragraphe(doc, "Nous vous remercions de bien vouloir accuser réception de cette déclaration et de nous adresser toute "
                    "discussion de la créance à l'adresse ci-dessus{% if creancier.email %} ou à {{ creancier.email }}"
                    "{% endif %}, en rappelant la référence {{ reference }}.")
    paragraphe(doc, "Nous vous prions d'agréer, Maître, l'expression de nos salutations distinguées.")
    signature(doc)
    return finaliser(doc)
