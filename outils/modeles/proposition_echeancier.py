"""Proposition d'échéancier — a payment plan offered to the debtor, to return signed.

The plan is the one recorded on the dossier, else six monthly instalments of the total due
today (contexte.sommes.plan_echeancier). The conditions: a missed instalment makes the whole balance
due; partial payments go to the accessories first (art. 1343-1 C. civ.); the debtor's
signature acknowledges the debt, which interrupts prescription (art. 2240 C. civ.), and the sum
is written by the debtor's hand in letters and in figures above it (art. 1376 C. civ.).
"""

from __future__ import annotations

from docx.shared import Cm, Pt

from outils.modeles.base import (
    appel,
    balise,
    destinataire_et_date,
    intertitre,
    nouveau_document,
    objet,
    paragraphe,
    salutations,
    signature,
    tableau,
)


def proposition_echeancier():
    doc = nouveau_document("Proposition d'échéancier")
    destinataire_et_date(doc)
    objet(doc, "Proposition d'échéancier de paiement — {{ totaux.total.chiffres }}")
    appel(doc)
    paragraphe(doc, "Afin de vous permettre de régulariser votre situation dans des conditions compatibles avec vos "
               "possibilités, nous vous proposons d'apurer votre dette selon l'échéancier décrit ci-dessous.")

    intertitre(doc, "1. Sommes dues")
    paragraphe(doc, "Au {{ date }}, les sommes restant dues au titre "
               "{% if totaux.nombre_factures > 1 %}des {{ totaux.nombre_factures }} factures{% else %}de la facture"
               "{% endif %} énumérée{% if totaux.nombre_factures > 1 %}s{% endif %} ci-dessous s'élèvent à "
               "**{{ totaux.total.chiffres }}** ({{ totaux.total.lettres }}).")
    balise(doc, "if not interets.legal")
    balise(doc, "if factures")
    tableau(
        doc,
        ["Facture", "Date", "Échéance", "Montant TTC", "Reste dû", "Pénalités / intérêts", "Indemnité"],
        ["{{ f.numero }}", "{{ f.date }}", "{{ f.echeance }}", "{{ f.montant }}", "{{ f.reste }}", "{{ f.interets }}",
         "{{ f.indemnite }}"],
        "f in factures",
        largeurs=[2.8, 2.0, 2.0, 2.6, 2.6, 2.5, 2.0],
    )
    balise(doc, "endif")
    tableau(
        doc,
        ["Nature", "Montant"],
        ["{{ ligne.0 }}", "{{ ligne.1 }}"],
        "ligne in [('Principal restant dû', totaux.principal.chiffres), ('Pénalités et intérêts échus', "
        "totaux.interets.chiffres), ('Indemnités forfaitaires et frais', totaux.indemnites.chiffres)]",
        total=["Total dû", "{{ totaux.total.chiffres }}"],
        largeurs=[8.0, 4.0],
    )
    balise(doc, "elif factures")
    tableau(
        doc,
        ["Facture", "Date", "Objet", "Échéance", "Montant TTC", "Reste dû"],
        ["{{ f.numero }}", "{{ f.date }}", "{{ f.objet }}", "{{ f.echeance }}", "{{ f.montant }}", "{{ f.reste }}"],
        "f in factures",
        largeurs=[2.8, 2.0, 5.0, 2.0, 2.4, 2.4],
    )
    balise(doc, "if mise_en_demeure")
    paragraphe(doc, "S'y ajoutent les intérêts au taux légal courus depuis notre mise en demeure du "
               "{{ mise_en_demeure.date }} (article 1344-1 du Code civil), soit {{ totaux.interets.chiffres }}, compris "
               "dans le total ci-dessus.")
    balise(doc, "endif")
    balise(doc, "endif")

    intertitre(doc, "2. Échéancier proposé")
    balise(doc, "if not totaux_echus.tout_est_echu")
    paragraphe(doc, "L'échéancier porte sur les sommes déjà échues, soit {{ echeancier.total.chiffres }} ; les factures "
               "non encore échues restent payables à leur échéance.")
    balise(doc, "endif")
    paragraphe(doc, "{% if echeancier.nombre > 1 %}Cette somme serait réglée en {{ echeancier.nombre }} versements "
               "mensuels successifs, le premier au plus tard le {{ echeancier.premiere }}, selon le calendrier suivant :"
               "{% else %}Cette somme serait réglée en un versement unique, au plus tard le {{ echeancier.premiere }} :"
               "{% endif %}")
    tableau(
        doc,
        ["Échéance", "Date limite de paiement", "Montant"],
        ["n° {{ l.rang }}", "{{ l.date }}", "{{ l.montant }}"],
        "l in echeancier.lignes",
        total=["Total", "", "{{ echeancier.total.chiffres }}"],
        largeurs=[3.0, 5.0, 4.0],
    )
    paragraphe(doc, "Chaque versement est à effectuer par virement{% if creancier.iban %} sur notre compte IBAN "
               "{{ creancier.iban }}{% endif %}, en indiquant la référence {{ reference }}, ou par chèque à l'ordre de "
               "{{ creancier.nom }}, de manière à nous parvenir au plus tard à la date indiquée. Vous pouvez à tout "
               "moment régler par anticipation tout ou partie du solde.")

    intertitre(doc, "3. Conditions")
    paragraphe(doc, "**Déchéance du terme.** À défaut de paiement d'une seule échéance à sa date, la totalité du solde "
               "restant dû deviendra immédiatement exigible{% if not interets.legal %}, de plein droit et sans autre formalité"
               "{% else %}, quinze jours après l'envoi d'une mise en demeure par lettre recommandée avec demande "
               "d'avis de réception restée sans effet{% endif %}, et nous reprendrons la procédure de recouvrement sans "
               "nouvel avis.")
    paragraphe(doc, "**Intérêts{% if interets.penalites %} et pénalités{% endif %}.** Sous réserve du strict respect de l'échéancier, "
               "nous renonçons à réclamer {% if interets.penalites %}les pénalités de retard{% else %}les intérêts{% endif %} qui "
               "courraient au-delà du {{ date }} sur les sommes ci-dessus. En cas de déchéance du terme, cette "
               "renonciation sera caduque et le solde portera {% if not interets.legal %}des "
               "{{ interets.fondement }}{% elif mise_en_demeure and mise_en_demeure.anterieure %}intérêts au taux légal "
               "depuis la mise en demeure du {{ mise_en_demeure.date }} (article 1344-1 du Code civil){% else %}intérêts "
               "au taux légal à compter de la mise en demeure qui vous serait adressée (article 1344-1 du Code civil)"
               "{% endif %} jusqu'à complet paiement.")
    paragraphe(doc, "**Imputation.** Conformément à l'article 1343-1 du Code civil, chaque versement s'imputera d'abord "
               "sur les sommes accessoires{% if not interets.legal %} (indemnités, pénalités et intérêts){% else %} (intérêts)"
               "{% endif %}, puis sur le principal.")
    paragraphe(doc, "**Reconnaissance de dette.** En retournant cette proposition signée, vous reconnaissez devoir la "
               "somme de {{ echeancier.total.chiffres }} ({{ echeancier.total.lettres }}) arrêtée au {{ date }} ; cette "
               "reconnaissance interrompt le délai "
               "de prescription (article 2240 du Code civil).")
    paragraphe(doc, "**Suspension des poursuites.** Tant que l'échéancier est respecté, nous n'engagerons ni ne "
               "poursuivrons aucune action en recouvrement pour ces sommes.")

    paragraphe(doc, "Si cette proposition vous agrée, nous vous remercions de nous retourner un exemplaire de ce "
               "courrier, daté et signé, après avoir recopié de votre main la mention indiquée dans le cadre ci-dessous, "
               "**au plus tard le "
               "{{ delai.relance.date }}**{% if creancier.email %}, par courrier ou par courriel à l'adresse "
               "{{ creancier.email }}{% endif %}. Passé ce délai, elle sera caduque. Si vous souhaitez en discuter les "
               "modalités, nous restons à votre disposition{% if creancier.telephone %} au "
               "{{ creancier.telephone }}{% endif %}.")
    salutations(doc)
    signature(doc)

    _accord_du_debiteur(doc)
    return doc


_ENGAGEMENT = (
    "Je soussigné(e), {% if debiteur.societe %}……………………………………………, agissant en qualité de "
    "…………………………… pour le compte de {{ debiteur.nom }}{% if debiteur.siren %}, SIREN {{ debiteur.siren }}"
    "{% endif %}{% else %}{{ debiteur.designation }}{% endif %}, accepte l'échéancier ci-dessus et ses "
    "conditions, reconnais devoir la somme de {{ echeancier.total.chiffres }} ({{ echeancier.total.lettres }}) "
    "et m'engage à la régler selon le calendrier convenu."
)
# Art. 1376 C. civ.: an undertaking to pay a sum is full proof only with the signature and the sum
# written by the debtor's own hand in letters and in figures; the sum is printed for reference.
_MENTION = (
    "Mention à écrire de votre main, la somme en toutes lettres et en chiffres (article 1376 du Code civil) : "
    "« Bon pour accord et pour reconnaissance de dette de la somme de {{ echeancier.total.lettres }} "
    "({{ echeancier.total.chiffres }}) »"
)
_SIGNATURE = "Signature{% if debiteur.societe %} et cachet de la société{% endif %} :"
_LIGNE = "…" * 60


def _accord_du_debiteur(doc) -> None:
    """The debtor's acceptance block, framed, to be dated and signed by hand."""
    table = doc.add_table(rows=1, cols=1)
    table.style = "Table Grid"
    cellule = table.rows[0].cells[0]
    cellule.width = Cm(16.6)
    lignes = [
        ("**ACCEPTATION DU DÉBITEUR**", 0),
        (_ENGAGEMENT, 0),
        ("Fait à ……………………………………, le ……………………………………", 8),
        (_MENTION, 8),
        (_LIGNE, 14),
        (_LIGNE, 14),
        (_SIGNATURE, 8),
        ("", 40),
    ]
    premier = True
    for texte, avant in lignes:
        p = cellule.paragraphs[0] if premier else cellule.add_paragraph()
        premier = False
        p.paragraph_format.space_before = Pt(avant)
        p.paragraph_format.space_after = Pt(2)
        morceaux = texte.split("**")
        for i, morceau in enumerate(morceaux):
            if morceau:
                run = p.add_run(morceau)
                run.bold = i % 2 == 1
    doc.add_paragraph()
