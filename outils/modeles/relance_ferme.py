"""Relance ferme — second reminder: states the delay, a new deadline and what it will cost.

Professional debtor: the late-payment penalties already running (L441-10 C. com.) and the
40 € indemnity per invoice (D441-5). Public buyer: L2192-13 / R2192-31 interest and the 40 € of
D2192-35 (Code de la commande publique), the tribunal administratif as the route. Consumer or
non-professional: legal interest from the mise en demeure (art. 1344-1 C. civ.). Never any
amicable recovery costs (L111-8 CPCE). Sent after a mise en demeure, it recalls it instead of
announcing one.
"""

from __future__ import annotations

from outils.modeles.base import (
    appel,
    balise,
    destinataire_et_date,
    nouveau_document,
    objet,
    paragraphe,
    pluriel,
    salutations,
    signature,
    tableau,
)

CONTACT = ("{% if creancier.telephone %} au {{ creancier.telephone }}{% endif %}"
           "{% if creancier.email and creancier.telephone %} ou{% endif %}"
           "{% if creancier.email %} à l'adresse {{ creancier.email }}{% endif %}")

# Reminders already sent, the present letter excluded when the dossier has already moved
# to its stage today.
ANTERIEURES = "set anterieures = relances|rejectattr('date_courte', 'equalto', date_courte)|list"


def relance_ferme():
    doc = nouveau_document("Relance ferme")
    destinataire_et_date(doc)
    objet(doc, "Seconde relance — " + pluriel("factures_echues", "facture impayée", "factures impayées")
               + " — règlement attendu au plus tard le {{ delai.ferme.date }}")
    appel(doc)
    balise(doc, ANTERIEURES)

    balise(doc, "if factures_echues")
    paragraphe(doc, "{% if anterieures %}Malgré {% if anterieures|length > 1 %}nos relances{% else %}notre relance"
               "{% endif %}{% for r in anterieures %}{% if not loop.first %}{% if loop.last %} et{% else %},{% endif %}"
               "{% endif %} du {{ r.date }}{% endfor %}, {% else %}Sauf erreur de notre part, {% endif %}"
               + pluriel("factures_echues", "la facture suivante demeure impayée",
                          "les factures suivantes demeurent impayées")
               + " à ce jour, alors que "
               + pluriel("factures_echues", "son échéance est dépassée", "leur échéance est dépassée") + " :")
    balise(doc, "if not interets.legal")
    tableau(
        doc,
        ["Facture", "Échéance", "Retard", "Reste dû", "Pénalités / intérêts", "Indemnité", "Total"],
        ["{{ f.numero }}", "{{ f.echeance }}", "{{ f.jours_retard }} j", "{{ f.reste }}", "{{ f.interets }}",
         "{{ f.indemnite }}", "{{ f.total }}"],
        "f in factures_echues",
        largeurs=[2.8, 2.0, 1.5, 2.5, 2.6, 2.0, 2.6],
    )
    balise(doc, "else")
    tableau(
        doc,
        ["Facture", "Date", "Objet", "Échéance", "Retard", "Reste dû"],
        ["{{ f.numero }}", "{{ f.date }}", "{{ f.objet }}", "{{ f.echeance }}", "{{ f.jours_retard }} j",
         "{{ f.reste }}"],
        "f in factures_echues",
        largeurs=[2.8, 2.0, 5.0, 2.0, 1.6, 2.6],
    )
    balise(doc, "endif")
    paragraphe(doc, "Le retard de paiement atteint désormais **{{ factures_echues[0].jours_retard }} jours**"
               "{% if factures_echues|length > 1 %} pour la plus ancienne de ces factures{% endif %}.")

    balise(doc, "if not interets.legal")
    paragraphe(doc, "Nous vous rappelons que ces sommes portent de plein droit, depuis le lendemain de leur échéance et "
               "sans qu'un rappel soit nécessaire, des {{ interets.fondement }}{% if interets.taux_actuel %}, soit un "
               "taux annuel de {{ interets.taux_actuel }}{% if not interets.public %} pour la période en cours{% endif %}"
               "{% endif %}. Au {{ date }}, les "
               "sommes échues à ce titre atteignent {{ totaux.interets.chiffres }}.")
    balise(doc, "else")
    paragraphe(doc, "{% if mise_en_demeure %}Ces sommes portent intérêts au taux légal depuis notre mise en demeure du "
               "{{ mise_en_demeure.date }} (article 1344-1 du Code civil).{% else %}À défaut de règlement, la mise en "
               "demeure que nous vous adresserons fera courir sur ces sommes des intérêts au taux légal (article 1344-1 "
               "du Code civil).{% endif %}")
    balise(doc, "endif")
    balise(doc, "if interets.indemnite_forfaitaire")
    paragraphe(doc, "S'y ajoute l'indemnité forfaitaire pour frais de recouvrement de 40 € due, dès le premier jour de "
               "retard, pour chaque facture payée après son échéance ({{ interets.fondement_indemnite }}).")
    balise(doc, "endif")
    balise(doc, "else")
    paragraphe(doc, "Sauf erreur de notre part, aucune facture échue ne reste impayée à ce jour sur votre compte.")
    balise(doc, "endif")

    balise(doc, "if factures_a_echoir")
    paragraphe(doc, "Par ailleurs, "
               + pluriel("factures_a_echoir", "la facture suivante n'est pas encore échue ; son règlement reste "
                          "attendu à sa date", "les factures suivantes ne sont pas encore échues ; leur règlement reste "
                          "attendu à leur date")
               + " d'échéance :")
    tableau(
        doc,
        ["Facture", "Date", "Objet", "Échéance", "Reste dû"],
        ["{{ f.numero }}", "{{ f.date }}", "{{ f.objet }}", "{{ f.echeance }}", "{{ f.reste }}"],
        "f in factures_a_echoir",
        largeurs=[2.8, 2.0, 6.4, 2.0, 2.8],
    )
    balise(doc, "endif")

    balise(doc, "if factures")
    paragraphe(doc, "Au {{ date }}, le total de votre compte s'établit ainsi à **{{ totaux.total.chiffres }}** "
               "({{ totaux.total.lettres }}){% if factures_a_echoir %}, y compris "
               + pluriel("factures_a_echoir", "la facture non encore échue", "les factures non encore échues")
               + "{% endif %}{% if not interets.legal %}, et se décompose comme suit :{% else %}.{% endif %}")
    balise(doc, "if not interets.legal")
    tableau(
        doc,
        ["Nature", "Montant"],
        ["{{ ligne.0 }}", "{{ ligne.1 }}"],
        "ligne in [('Principal restant dû', totaux.principal.chiffres), ('Pénalités et intérêts échus', "
        "totaux.interets.chiffres), ('Indemnités forfaitaires et frais justifiés' if decompte.frais_complementaires "
        "else 'Indemnités forfaitaires', totaux.indemnites.chiffres)]",
        total=["Total dû", "{{ totaux.total.chiffres }}"],
        largeurs=[8.0, 4.0],
    )
    balise(doc, "endif")
    balise(doc, "endif")

    balise(doc, "if factures_echues")
    paragraphe(doc, "Nous vous demandons en conséquence de régulariser cette situation en nous réglant "
               "{% if factures_a_echoir %}les factures échues ci-dessus{% if not interets.legal %}, avec les pénalités et indemnités "
               "qui s'y rapportent,{% endif %}{% else %}la somme de {{ totaux.total.chiffres }}{% endif %} "
               "**au plus tard le {{ delai.ferme.date }}**.")
    # After a mise en demeure, the letter recalls it instead of announcing one.
    paragraphe(doc, "{% if mise_en_demeure %}Nous vous rappelons que notre mise en demeure du {{ mise_en_demeure.date }}"
               "{% if mise_en_demeure.numero_lrar %} (lettre recommandée n° {{ mise_en_demeure.numero_lrar }}){% endif %} "
               "est restée sans effet. À défaut de règlement intégral à cette date, nous{% else %}À défaut de règlement "
               "intégral à cette date, nous vous adresserons une mise en demeure par lettre recommandée avec demande "
               "d'avis de réception, puis nous{% endif %} "
               "{% if secteur_public %}saisirons sans autre avis le juge des référés du tribunal administratif "
               "compétent d'une demande de provision (article R541-1 du Code de justice administrative). Nous lui "
               "demanderons, outre les sommes dues et les intérêts à échoir, une somme au titre des frais exposés "
               "(article L761-1 du Code de justice administrative).{% else %}saisirons sans autre avis la juridiction "
               "compétente afin d'obtenir un titre exécutoire. Nous demanderons alors au juge, outre les sommes dues et "
               "les intérêts à échoir, votre condamnation aux dépens et au paiement d'une indemnité au titre de "
               "l'article 700 du Code de procédure civile.{% endif %}")
    balise(doc, "endif")

    paragraphe(doc, "Si vous rencontrez une difficulté de trésorerie, ou si vous contestez tout ou partie de ces "
               "sommes, contactez-nous avant le {{ delai.ferme.date }}" + CONTACT
               + " : nous sommes disposés à examiner avec vous un échéancier de paiement.")
    paragraphe(doc, "Le règlement peut être effectué par virement{% if creancier.iban %} sur notre compte IBAN "
               "{{ creancier.iban }}{% endif %}, en indiquant les numéros de facture et la référence {{ reference }}, "
               "ou par chèque à l'ordre de {{ creancier.nom }}.")
    paragraphe(doc, "Si votre règlement a croisé ce courrier, nous vous remercions de ne pas en tenir compte.")
    salutations(doc)
    signature(doc)
    return doc
