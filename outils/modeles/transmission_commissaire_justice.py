"""Lettre de transmission au commissaire de justice — the enforceable title, for service and enforcement.

References the decision (court, date, RG number: the catalogue refuses generation without
the last two), states the sums per the attached décompte, lists the pièces, and asks for
service (signification) when not yet done, then enforcement (exécution forcée).
"""

from __future__ import annotations

from docx.shared import Cm

from outils.modeles._actes import finaliser
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
    objet(doc, "{% if procedure.voie == 'injonction' and not procedure.injonction.date_signification %}Signification "
               "et exécution d'une ordonnance portant injonction de payer{% else %}Transmission d'un titre exécutoire"
               "{% endif %} — {{ creancier.nom }} contre {{ debiteur.nom }} — RG n° "
               "{{ procedure.decision.numero_rg or procedure.numero_rg }}")

    balise(doc, "if secteur_public")
    paragraphe(doc, "**Avertissement, à lire avant tout envoi : le débiteur est une personne publique. Ses biens sont "
               "insaisissables (article L2311-1 du Code général de la propriété des personnes publiques) : aucune "
               "mesure d'exécution forcée n'est possible contre lui. Le paiement d'une condamnation s'obtient par "
               "mandatement d'office (loi n° 80-539 du 16 juillet 1980) : utilisez plutôt le modèle de demande de "
               "mandatement d'office.**")
    balise(doc, "endif")
    balise(doc, "if procedure.voie == 'injonction' and procedure.injonction.date_opposition")
    paragraphe(doc, "**Avertissement, à lire avant tout envoi : une opposition a été formée le "
               "{{ procedure.injonction.date_opposition }} contre l'ordonnance : elle ne peut pas être exécutée, "
               "l'affaire étant renvoyée à une audience au fond.**")
    balise(doc, "endif")
    balise(doc, "if procedure.voie == 'injonction' and procedure.injonction.signifiee_hors_delai")
    paragraphe(doc, "**Avertissement, à lire avant tout envoi : l'ordonnance a été signifiée le "
               "{{ procedure.injonction.date_signification }}, après le {{ procedure.injonction.date_caducite }}, "
               "dernier jour du délai de {{ procedure.injonction.delai_signification }} : elle est non avenue (article "
               "1411 du Code de procédure civile) et ne peut pas être exécutée ; une nouvelle requête est nécessaire.**")
    balise(doc, "endif")

    paragraphe(doc, "Maître,")
    balise(doc, "if procedure.voie == 'injonction' and procedure.injonction.date_ordonnance")
    paragraphe(doc, "Nous vous prions de trouver ci-joint, aux fins {% if procedure.injonction.date_signification %}"
               "d'exécution{% else %}de signification puis d'exécution{% endif %}, l'ordonnance portant injonction de "
               "payer obtenue par {{ creancier.nom }} à l'encontre {{ de.debiteur }}, revêtue de la formule exécutoire, "
               "dont les références sont les suivantes :")
    paragraphe(doc, "**Juridiction** : {{ procedure.injonction.juridiction or juridiction.nom }}", align="gauche", apres=0)
    paragraphe(doc, "**Ordonnance** : rendue le {{ procedure.injonction.date_ordonnance }}", align="gauche", apres=0)
    paragraphe(doc, "**Numéro RG** : {{ procedure.decision.numero_rg or procedure.numero_rg }}", align="gauche", apres=0)
    balise(doc, "if procedure.injonction.date_signification")
    paragraphe(doc, "**Signification** : le {{ procedure.injonction.date_signification }}", align="gauche", apres=0)
    paragraphe(doc, "**Exécution possible à compter du** : {{ procedure.injonction.date_executoire }}, faute "
               "d'opposition", align="gauche")
    balise(doc, "else")
    paragraphe(doc, "**Signification** : non encore signifiée à notre connaissance ; à faire au plus tard le "
               "{{ procedure.injonction.date_caducite }}", align="gauche")
    balise(doc, "endif")
    balise(doc, "else")
    paragraphe(doc, "Nous vous prions de trouver ci-joint, aux fins {% if procedure.decision.date_signification %}"
               "d'exécution{% else %}de signification et d'exécution{% endif %}, le titre exécutoire obtenu par "
               "{{ creancier.nom }} à l'encontre {{ de.debiteur }}, dont les références sont les suivantes :")
    paragraphe(doc, "**Juridiction** : {{ procedure.decision.juridiction or juridiction.nom }}", align="gauche", apres=0)
    paragraphe(doc, "**Décision** : {{ procedure.decision.libelle }}{% if procedure.decision.date %} du "
               "{{ procedure.decision.date }}{% endif %}", align="gauche", apres=0)
    paragraphe(doc, "**Numéro RG** : {{ procedure.decision.numero_rg or procedure.numero_rg }}", align="gauche", apres=0)
    paragraphe(doc, "**Signification** : {% if procedure.decision.date_signification %}signifiée au débiteur le "
               "{{ procedure.decision.date_signification }}{% else %}non encore signifiée à notre connaissance"
               "{% endif %}", align="gauche")
    balise(doc, "endif")

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
    balise(doc, "if procedure.voie == 'injonction' and procedure.injonction.date_ordonnance")
    balise(doc, "if not procedure.injonction.date_signification")
    paragraphe(doc, "Nous vous remercions de signifier l'ordonnance au débiteur sans délai et, en tout état de cause, "
               "**au plus tard le {{ procedure.injonction.date_caducite }}** : une ordonnance portant injonction de payer "
               "non signifiée dans les {{ procedure.injonction.delai_signification }} de sa date est non avenue (article "
               "1411 du Code de procédure civile{% if procedure.injonction.delai_signification == 'trois mois' %}, dans "
               "sa rédaction issue du décret n° 2026-96 du 16 février 2026, pour les ordonnances rendues à compter du "
               "1er septembre 2026{% endif %}).")
    paragraphe(doc, "Le débiteur pourra former opposition dans le mois de la signification (article 1416 du même code). "
               "{% if procedure.injonction.delai_signification == 'trois mois' %}Si le greffe ne nous a notifié aucune "
               "opposition dans les deux mois de la signification, ce que nous vous confirmerons, {% else %}À défaut d'opposition dans ce délai, "
               "{% endif %}nous vous remercions de procéder à l'exécution forcée de l'ordonnance par les mesures que "
               "vous jugerez les plus appropriées (notamment saisie-attribution sur ses comptes bancaires, saisie-vente"
               "{% if not debiteur.societe %} ou saisie des rémunérations{% endif %}), et de nous indiquer la date de la "
               "signification.")
    balise(doc, "else")
    paragraphe(doc, "L'ordonnance ayant été signifiée le {{ procedure.injonction.date_signification }}, elle peut être "
               "exécutée à compter du **{{ procedure.injonction.date_executoire }}** si aucune opposition n'a été formée "
               "({{ procedure.injonction.regle_executoire }}). À compter de cette date, après avoir vérifié auprès du "
               "greffe qu'aucune opposition n'a été enregistrée, nous vous remercions d'en poursuivre l'exécution forcée "
               "par les mesures que vous jugerez les plus appropriées (notamment saisie-attribution sur ses comptes "
               "bancaires, saisie-vente{% if not debiteur.societe %} ou saisie des rémunérations{% endif %}).")
    balise(doc, "endif")
    balise(doc, "else")
    paragraphe(doc, "{% if procedure.decision.date_signification %}La décision ayant été signifiée le "
               "{{ procedure.decision.date_signification }}, nous vous remercions d'en poursuivre l'exécution forcée"
               "{% else %}Nous vous remercions de signifier sans délai la décision au débiteur, puis d'en poursuivre "
               "l'exécution forcée{% endif %} par les mesures que vous jugerez les plus appropriées (notamment "
               "saisie-attribution sur ses comptes bancaires, saisie-vente{% if not debiteur.societe %} ou saisie des "
               "rémunérations{% endif %}).")
    balise(doc, "endif")
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
    for texte in ("{% if procedure.voie == 'injonction' %}l'ordonnance portant injonction de payer revêtue de la formule "
                  "exécutoire{% else %}le titre exécutoire (décision revêtue de la formule exécutoire){% endif %} ;",
                  "le décompte de créance arrêté au {{ decompte.au }} ;",
                  "le bordereau des pièces{% if pieces %}, soit :{% else %}.{% endif %}"):
        ligne = paragraphe(doc, "– " + texte, align="gauche", taille=9, apres=0)
        ligne.paragraph_format.left_indent = Cm(0.5)
    balise(doc, "for p in pieces")
    ligne = paragraphe(doc, "pièce n° {{ p.numero }} : {{ p.libelle }}{% if loop.last %}.{% else %} ;{% endif %}",
                       align="gauche", taille=9, apres=0)
    ligne.paragraph_format.left_indent = Cm(1.2)
    balise(doc, "endfor")
    return finaliser(doc)
