"""Lettre de transmission au commissaire de justice — the enforceable title, for service and enforcement.

References the decision (court, date, RG number: the catalogue refuses generation without
the last two), states the sums per the attached décompte, lists the pièces, and asks for
service (signification) when not yet done, then enforcement (exécution forcée).
"""

from __future__ import annotations

from docx.shared import Cm

from outils.modeles.base import (
    balise,
    intertitre,
    nouveau_document,
    objet,
    paragraphe,
    signature,
    tableau,
)
from outils.modeles.demande_petites_creances import destinataire_commissaire, parties


def transmission_commissaire_justice():
    doc = nouveau_document("Lettre de transmission au commissaire de justice")
    destinataire_commissaire(doc)
    objet(doc, "Transmission d'un titre exécutoire — {{ creancier.nom }} contre {{ debiteur.nom }} — RG n° "
               "{{ procedure.numero_rg }}")

    balise(doc, "if secteur_public")
    paragraphe(doc, "**Avertissement, à lire avant tout envoi : le débiteur est une personne publique. Ses biens sont "
               "insaisissables et l'exécution d'une condamnation prononcée contre elle suit une procédure particulière "
               "(mandatement d'office) : vérifiez la démarche avec votre conseil.**")
    balise(doc, "endif")

    paragraphe(doc, "Maître,")
    paragraphe(doc, "Nous vous prions de trouver ci-joint, aux fins {% if procedure.date_signification %}d'exécution"
               "{% else %}de signification et d'exécution{% endif %}, le titre exécutoire obtenu par {{ creancier.nom }} "
               "à l'encontre de {{ debiteur.nom }}, dont les références sont les suivantes :")
    paragraphe(doc, "**Juridiction** : {{ juridiction.nom }}", align="gauche", apres=0)
    balise(doc, "if procedure.date_ordonnance and procedure.date_ordonnance != procedure.date_decision")
    paragraphe(doc, "**Décision** : ordonnance rendue le {{ procedure.date_ordonnance }}, titre exécutoire depuis le "
               "{{ procedure.date_decision }}", align="gauche", apres=0)
    balise(doc, "else")
    paragraphe(doc, "**Décision** : rendue le {{ procedure.date_decision }}", align="gauche", apres=0)
    balise(doc, "endif")
    paragraphe(doc, "**Numéro RG** : {{ procedure.numero_rg }}", align="gauche", apres=0)
    paragraphe(doc, "**Signification** : {% if procedure.date_signification %}signifiée au débiteur le "
               "{{ procedure.date_signification }}{% else %}non encore signifiée à notre connaissance{% endif %}",
               align="gauche")

    parties(doc, "Les parties")

    intertitre(doc, "Les sommes dues")
    paragraphe(doc, "Selon le décompte joint, arrêté au {{ decompte.au }}, les sommes restant dues s'établissent à "
               "**{{ totaux.total.chiffres }}** ({{ totaux.total.lettres }}), ainsi décomposées :")
    tableau(
        doc,
        ["Nature", "Montant"],
        ["{{ ligne.0 }}", "{{ ligne.1 }}"],
        "ligne in [('Principal', totaux.principal.chiffres), ('Pénalités de retard et intérêts échus' if b2b else "
        "'Intérêts échus', totaux.interets.chiffres)] + ([('Indemnités forfaitaires et frais', "
        "totaux.indemnites.chiffres)] if b2b else [])",
        total=["Total", "{{ totaux.total.chiffres }}"],
        largeurs=[9.0, 4.0],
    )
    paragraphe(doc, "Ce décompte est établi d'après nos factures et les règlements reçus. Seul le dispositif de la "
               "décision fixe les sommes à recouvrer : nous vous remercions de l'y rapprocher, en y ajoutant, dans les "
               "termes de la décision, les intérêts postérieurs, les dépens et, le cas échéant, l'indemnité allouée au "
               "titre de l'article 700 du Code de procédure civile.")
    balise(doc, "if interets.legal")
    paragraphe(doc, "Nous attirons votre attention sur la majoration de cinq points du taux de l'intérêt légal à "
               "l'expiration d'un délai de deux mois à compter du jour où la décision est devenue exécutoire (article "
               "L313-3 du Code monétaire et financier).")
    balise(doc, "endif")

    intertitre(doc, "Notre demande")
    paragraphe(doc, "{% if procedure.date_signification %}La décision ayant été signifiée le "
               "{{ procedure.date_signification }}, nous vous remercions d'en poursuivre l'exécution forcée"
               "{% else %}Nous vous remercions de signifier sans délai la décision au débiteur, puis d'en poursuivre "
               "l'exécution forcée{% endif %} par les mesures que vous jugerez les plus appropriées (notamment "
               "saisie-attribution sur ses comptes bancaires, saisie-vente{% if not debiteur.societe %} ou saisie des "
               "rémunérations{% endif %}).")
    paragraphe(doc, "Nous vous remercions de nous faire connaître au préalable le coût prévisible des mesures envisagées "
               "et la provision éventuellement nécessaire, de nous tenir informés de vos diligences et de nous reverser "
               "les fonds recouvrés par virement{% if creancier.iban %} sur notre compte IBAN {{ creancier.iban }}"
               "{% endif %}. Tout règlement que nous recevrions directement du débiteur vous serait signalé sans délai.")
    paragraphe(doc, "Nous restons à votre disposition pour tout renseignement complémentaire"
               "{% if creancier.telephone %}, au {{ creancier.telephone }}{% endif %}"
               "{% if creancier.email %}{% if creancier.telephone %} ou{% else %},{% endif %} à l'adresse "
               "{{ creancier.email }}{% endif %}.")
    paragraphe(doc, "Nous vous prions d'agréer, Maître, l'expression de nos salutations distinguées.")
    signature(doc)

    paragraphe(doc, "**Pièces jointes :**", align="gauche", taille=9, avant=12, apres=0)
    for texte in ("le titre exécutoire (décision revêtue de la formule exécutoire) ;",
                  "le décompte de créance arrêté au {{ decompte.au }} ;",
                  "le bordereau des pièces{% if pieces %}, soit :{% else %}.{% endif %}"):
        ligne = paragraphe(doc, "– " + texte, align="gauche", taille=9, apres=0)
        ligne.paragraph_format.left_indent = Cm(0.5)
    balise(doc, "for p in pieces")
    ligne = paragraphe(doc, "pièce n° {{ p.numero }} : {{ p.libelle }}{% if loop.last %}.{% else %} ;{% endif %}",
                       align="gauche", taille=9, apres=0)
    ligne.paragraph_format.left_indent = Cm(1.2)
    balise(doc, "endfor")
    return doc
