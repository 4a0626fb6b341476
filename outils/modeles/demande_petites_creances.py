"""Demande de procédure simplifiée de recouvrement des petites créances (L125-1, R125-1 s. CPCE).

A letter to a commissaire de justice: the parties, the amount and its breakdown, its basis,
the pièces, and the request to invite the debtor (who has one month to accept or refuse).
Open only to claims of 5,000 € or less, interest included: above, a warning heads the letter.
"""

from __future__ import annotations

from docx.shared import Cm, Pt

from outils.modeles._actes import suite_de_la_mise_en_demeure
from outils.modeles.base import (
    balise,
    intertitre,
    nouveau_document,
    objet,
    paragraphe,
    signature,
    tableau,
    tableau_factures,
)

# procedure.intervenant is the last third party recorded on the dossier, whatever the stage:
# a lawyer's name (recorded on an assignation) must not become the commissaire's address.
COMMISSAIRE = ("{% if procedure.intervenant and 'avocat' not in procedure.intervenant|lower %}"
               "{{ procedure.intervenant }}{% else %}Maître, commissaire de justice{% endif %}")


def destinataire_commissaire(doc) -> None:
    """The commissaire de justice as addressee, then place, date and reference."""
    p = doc.add_paragraph(COMMISSAIRE)
    p.paragraph_format.left_indent = Cm(9.5)
    p.paragraph_format.space_after = Pt(0)
    paragraphe(doc, "{{ lieu }}, le {{ date }}", align="droite", avant=18, apres=12)
    paragraphe(doc, "Nos références : dossier {{ reference }}", align="gauche", apres=2)


def parties(doc, titre: str) -> None:
    """Creditor and debtor as a commissaire de justice needs them (both letters to one)."""
    intertitre(doc, titre)
    paragraphe(doc, "**Créancier** : {{ creancier.nom }}, {{ creancier.identification }}, dont le siège est situé "
               "{{ creancier.adresse.une_ligne }}{% if creancier.signataire %}, représentée par "
               "{{ creancier.signataire }}{% endif %}.")
    paragraphe(doc, "**Débiteur** : {{ debiteur.designation }}.")
    balise(doc, "if debiteur.siret or debiteur.email or debiteur.telephone")
    paragraphe(doc, "Autres éléments connus du débiteur : {% if debiteur.siret %}SIRET {{ debiteur.siret }}"
               "{% if debiteur.email or debiteur.telephone %} ; {% endif %}{% endif %}"
               "{% if debiteur.email %}courriel {{ debiteur.email }}{% if debiteur.telephone %} ; {% endif %}{% endif %}"
               "{% if debiteur.telephone %}téléphone {{ debiteur.telephone }}{% endif %}.")
    balise(doc, "endif")


def demande_petites_creances():
    doc = nouveau_document("Demande de procédure simplifiée de recouvrement des petites créances")
    destinataire_commissaire(doc)
    objet(doc, "Procédure simplifiée de recouvrement des petites créances — {{ creancier.nom }} contre "
               "{{ debiteur.nom }}")

    balise(doc, "if not petite_creance")
    paragraphe(doc, "**Avertissement, à lire avant tout envoi : le montant total de la créance, intérêts compris, "
               "s'élève à {{ totaux.total.chiffres }}, au-delà du plafond de 5 000 € de la procédure simplifiée de "
               "recouvrement des petites créances (articles L125-1 et R125-1 du Code des procédures civiles "
               "d'exécution). Cette procédure n'est pas ouverte pour ce dossier : envisagez une autre voie, "
               "notamment l'injonction de payer.**")
    balise(doc, "endif")
    balise(doc, "if secteur_public")
    paragraphe(doc, "**Avertissement, à lire avant tout envoi : le débiteur est une personne publique. Ses biens sont "
               "insaisissables (article L2311-1 du Code général de la propriété des personnes publiques) et la "
               "procédure simplifiée de recouvrement des petites créances ne peut aboutir contre lui : saisissez le "
               "tribunal administratif d'un référé-provision (article R541-1 du Code de justice administrative).**")
    balise(doc, "endif")
    balise(doc, "if juridiction.nature == 'etranger'")
    paragraphe(doc, "**Avertissement, à lire avant tout envoi : le débiteur est établi à l'étranger. Cette procédure "
               "est conduite par un commissaire de justice du ressort de la cour d'appel du domicile ou du siège du "
               "débiteur : vérifiez qu'elle peut être mise en œuvre.**")
    balise(doc, "endif")

    paragraphe(doc, "Maître,")
    paragraphe(doc, "Nous avons l'honneur de vous demander de mettre en œuvre, en application des articles L125-1 et "
               "R125-1 et suivants du Code des procédures civiles d'exécution, la procédure simplifiée de recouvrement "
               "des petites créances à l'encontre du débiteur désigné ci-dessous, dont le "
               "{% if debiteur.societe %}siège{% else %}domicile{% endif %} ({{ debiteur.adresse.ville }}) relève, à "
               "notre connaissance, du ressort de la cour d'appel dans lequel vous exercez.")

    parties(doc, "1. Les parties")

    intertitre(doc, "2. Le montant de la créance")
    paragraphe(doc, "Au {{ decompte.au }}, la créance s'élève à **{{ totaux.total.chiffres }}** "
               "({{ totaux.total.lettres }}), intérêts et accessoires compris, ainsi décomposée :")
    tableau(
        doc,
        ["Nature", "Montant"],
        ["{{ ligne.0 }}", "{{ ligne.1 }}"],
        "ligne in [('Principal', totaux.principal.chiffres), ('Pénalités de retard et intérêts échus' if interets.penalites else "
        "'Intérêts échus', totaux.interets.chiffres)] + ([('Indemnités forfaitaires pour frais de recouvrement', "
        "totaux.indemnites.chiffres)] if not interets.legal else [])",
        total=["Total", "{{ totaux.total.chiffres }}"],
        largeurs=[9.0, 4.0],
    )
    balise(doc, "if factures")
    paragraphe(doc, "Elle correspond {% if factures|length > 1 %}aux factures suivantes, restées impayées"
               "{% else %}à la facture suivante, restée impayée{% endif %} :")
    tableau_factures(doc, liste="factures")
    balise(doc, "endif")
    balise(doc, "if factures_a_echoir")
    paragraphe(doc, "**Attention, à corriger avant envoi : {% if factures_a_echoir|length > 1 %}des factures ne sont "
               "pas encore échues ; leur montant{% else %}une facture n'est pas encore échue ; son montant{% endif %}, "
               "qui n'est pas exigible, doit être retiré de la demande.**")
    balise(doc, "endif")
    paragraphe(doc, "Le détail du calcul figure dans le décompte de créance joint.")

    intertitre(doc, "3. Le fondement de la créance")
    paragraphe(doc, "La créance trouve son origine dans le contrat conclu entre les parties, dont l'exécution a donné lieu "
               "à la facturation ci-dessus. Elle est certaine, liquide et exigible. Elle produit des {{ interets.fondement }}"
               "{% if interets.indemnite_forfaitaire %}, outre l'indemnité forfaitaire pour frais de recouvrement de "
               "40 € due pour chaque facture payée en retard ({{ interets.fondement_indemnite }}){% endif %}.")
    balise(doc, "if relances or mise_en_demeure")
    paragraphe(doc, "Démarches amiables : "
               "{% if relances %}{% if relances|length > 1 %}relances{% else %}relance{% endif %}"
               "{% for r in relances %}{% if not loop.first %}{% if loop.last %} et{% else %},{% endif %}{% endif %} du "
               "{{ r.date }}{% endfor %}{% endif %}{% if relances and mise_en_demeure %}, puis {% endif %}"
               "{% if mise_en_demeure %}mise en demeure du {{ mise_en_demeure.date }}"
               "{% if mise_en_demeure.numero_lrar %} (lettre recommandée avec avis de réception n° "
               "{{ mise_en_demeure.numero_lrar }}){% endif %}{% endif %}.")
    balise(doc, "endif")
    suite_de_la_mise_en_demeure(doc)

    intertitre(doc, "4. Les pièces")
    balise(doc, "if pieces")
    paragraphe(doc, "Nous vous adressons à l'appui de la présente demande, avec leur bordereau, les pièces suivantes :")
    balise(doc, "for p in pieces")
    ligne = paragraphe(doc, "Pièce n° {{ p.numero }} : {{ p.libelle }}", align="gauche", apres=0)
    ligne.paragraph_format.left_indent = Cm(1.0)
    balise(doc, "endfor")
    balise(doc, "endif")
    paragraphe(doc, "Y est joint le décompte de la créance arrêté au {{ decompte.au }}.", avant=6)

    intertitre(doc, "5. Notre demande")
    paragraphe(doc, "Nous vous remercions d'inviter le débiteur à participer à cette procédure, par lettre recommandée "
               "avec demande d'avis de réception ou par voie électronique, en lui rappelant qu'il dispose d'un délai "
               "d'un mois pour accepter ou refuser d'y participer.")
    paragraphe(doc, "En cas d'accord du débiteur sur le montant et les modalités du paiement, nous vous prions de "
               "délivrer le titre exécutoire constatant cet accord. Nous sommes disposés à consentir des délais de "
               "paiement{% if echeancier.nombre > 1 %}, par exemple en {{ echeancier.nombre }} mensualités d'environ "
               "{{ echeancier.montant }}{% endif %}.")
    paragraphe(doc, "En cas de refus ou de silence du débiteur à l'expiration du délai, nous vous remercions de nous en "
               "informer sans tarder, afin que nous puissions saisir la juridiction compétente.")
    paragraphe(doc, "Nous avons pris note que les frais de cette procédure sont intégralement à la charge du créancier ; "
               "nous vous remercions de nous en indiquer le montant et, le cas échéant, la provision à vous verser.")
    paragraphe(doc, "Nous vous prions d'agréer, Maître, l'expression de nos salutations distinguées.")
    signature(doc)
    paragraphe(doc, "Pièces jointes : bordereau de pièces communiquées ; décompte de créance arrêté au "
               "{{ decompte.au }}.", align="gauche", taille=9, avant=12)
    return doc
