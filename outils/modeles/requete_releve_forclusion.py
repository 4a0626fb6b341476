"""Requête en relevé de forclusion au juge-commissaire (article L622-26 du Code de commerce).

A creditor that missed the declaration deadline (L622-24, R622-24) asks the juge-commissaire of the
procédure collective to be relieved of the forclusion, within six months of the BODACC publication of
the opening judgment (one year for a creditor who could not know of its claim). It must show that its
failure is not its own doing, or that it comes from the debtor's omission of the creditor from the list
the debtor hands to the mandataire (L622-6): the lawyer states those facts in a bracketed note. The
claim is set out as in the déclaration: échu and à échoir at the opening judgment (L622-25, R622-23).
Each part answers a requirement listed in docs/modeles-actes.md.
"""

from __future__ import annotations

from outils.modeles._actes import CREANCIER, G_FERME, G_OUVRE, bordereau, creance_a_l_ouverture, finaliser, note, puce
from outils.modeles.base import balise, intertitre, nouveau_document, paragraphe, titre


def requete_releve_forclusion():
    doc = nouveau_document("Requête en relevé de forclusion")
    titre(doc, "REQUÊTE EN RELEVÉ DE FORCLUSION")
    paragraphe(doc, "(article L622-26 du Code de commerce)", align="centre", apres=12)
    paragraphe(doc, "**À Madame, Monsieur le juge-commissaire à la procédure de {{ procedure.nature_procedure_collective }} "
                    "ouverte à l'égard {{ de.debiteur }} — {{ procedure.tribunal_procedure_collective }}**",
               align="centre", apres=12)
    paragraphe(doc, "Nos références : dossier {{ reference }}", align="gauche")
    balise(doc, "if declaration.releve and declaration.releve.expire")
    note(doc, "le délai de six mois à compter de la publication au BODACC a expiré le {{ declaration.releve.date }} : la "
              "requête n'est plus recevable, sauf pour un créancier placé dans l'impossibilité de connaître l'existence "
              "de sa créance avant l'expiration de ce délai, qui dispose alors d'un an (article L622-26, alinéa 3, du Code "
              "de commerce) ; justifiez-le au paragraphe II")
    balise(doc, "endif")
    balise(doc, "if declaration.delai and not declaration.delai.expire")
    note(doc, "le délai de déclaration court encore jusqu'au {{ declaration.delai.date }} : déclarez simplement la créance "
              "au mandataire judiciaire, sans relevé de forclusion")
    balise(doc, "endif")

    intertitre(doc, "I. — LES PARTIES ET LA PROCÉDURE")
    paragraphe(doc, "**Le créancier requérant :** " + CREANCIER + ",")
    paragraphe(doc, "ci-après " + G_OUVRE + "la société requérante" + G_FERME + ".")
    paragraphe(doc, "**Le débiteur :** {{ debiteur.designation }}.")
    paragraphe(doc, "Par jugement du {{ procedure.date_jugement_ouverture }} ({{ procedure.tribunal_procedure_collective }}), "
                    "une procédure de {{ procedure.nature_procedure_collective }} a été ouverte à l'égard du débiteur"
                    "{% if procedure.mandataire %} ; {{ procedure.mandataire }} a reçu la mission de "
                    "{% if declaration.liquidation %}liquidateur{% else %}mandataire judiciaire{% endif %}{% endif %}. "
                    "Ce jugement a été publié au BODACC le {{ procedure.date_bodacc }}.")
    paragraphe(doc, "Le délai de déclaration des créances, de {{ declaration.delai.mois }} mois à compter de cette "
                    "publication (articles L622-24 et R622-24 du Code de commerce{% if declaration.liquidation %}, "
                    "applicables en liquidation judiciaire en vertu de l'article L641-3 du même code{% endif %}), a expiré "
                    "le {{ declaration.delai.date }}{% if declaration.envoyee %}, avant que la déclaration de la société "
                    "requérante ne parvienne au mandataire{% else %} sans que la société requérante ait déclaré sa "
                    "créance{% endif %}.")

    intertitre(doc, "II. — LA DÉFAILLANCE N'EST PAS DU FAIT DE LA SOCIÉTÉ REQUÉRANTE")
    paragraphe(doc, "Aux termes de l'article L622-26 du Code de commerce, le créancier qui n'a pas déclaré sa créance dans "
                    "le délai légal peut être relevé de la forclusion par le juge-commissaire s'il établit que sa défaillance "
                    "n'est pas due à son fait, ou qu'elle est due à une omission du débiteur lors de l'établissement de la "
                    "liste des créanciers qu'il remet au mandataire judiciaire (article L622-6 du même code). L'action est "
                    "ouverte dans le délai de six mois à compter de la publication du jugement d'ouverture"
                    "{% if declaration.releve %}, soit jusqu'au {{ declaration.releve.date }}{% endif %}.")
    paragraphe(doc, "**[À compléter avant dépôt : exposer précisément les faits qui établissent que la défaillance n'est "
                    "pas due au fait de la société requérante (par exemple : absence de l'avertissement personnel du "
                    "mandataire judiciaire prévu pour les créanciers connus, créance née ou révélée après l'expiration du "
                    "délai) ou qu'elle résulte de l'omission de la société requérante sur la liste des créanciers établie "
                    "par le débiteur (article L622-6), avec les pièces qui le prouvent (liste des créanciers, "
                    "correspondances, dates de réception).]**", italique=True)

    intertitre(doc, "III. — LA CRÉANCE")
    paragraphe(doc, "La créance de la société requérante, née avant le jugement d'ouverture, résulte des factures ci-après, "
                    "restées impayées en tout ou partie. Elle est chirographaire et s'établit, au jour du jugement "
                    "d'ouverture, à **{{ totaux.total.chiffres }}** ({{ totaux.total.lettres }}) :")
    creance_a_l_ouverture(doc)

    titre(doc, "PAR CES MOTIFS", taille=12)
    paragraphe(doc, "Vu les articles L622-6, L622-24, L622-25 et L622-26{% if declaration.liquidation %} et L641-3"
                    "{% endif %} du Code de commerce,")
    paragraphe(doc, "Vu les pièces énumérées au bordereau ci-après,")
    paragraphe(doc, "La société requérante prie Madame, Monsieur le juge-commissaire de bien vouloir :")
    puce(doc, "– la **RELEVER** de la forclusion encourue faute d'avoir déclaré sa créance dans le délai légal ;")
    puce(doc, "– **DIRE** qu'elle pourra déclarer sa créance entre les mains du "
              "{% if declaration.liquidation %}liquidateur{% else %}mandataire judiciaire{% endif %}"
              "{% if procedure.mandataire %}, {{ procedure.mandataire }},{% endif %} pour la somme de "
              "**{{ totaux.total.chiffres }}** ({{ totaux.total.lettres }}), dont {{ declaration.total_echu.total.chiffres }} "
              "échus et {{ declaration.total_a_echoir.total.chiffres }} à échoir, à titre chirographaire, dans le délai "
              "que fixera l'ordonnance à intervenir ;")
    puce(doc, "– **ORDONNER** que les frais de la présente instance restent à la charge de la société requérante, sauf "
              "omission du débiteur.")
    paragraphe(doc, "Sous toutes réserves.", avant=6)
    paragraphe(doc, "Fait à {{ lieu }}, le {{ date }}", align="droite", avant=12, apres=0)
    paragraphe(doc, "Pour {{ creancier.nom }}", align="droite", apres=0)
    paragraphe(doc, "{{ creancier.signataire }}", align="droite", apres=24)
    bordereau(doc, "BORDEREAU DES PIÈCES PRODUITES À L'APPUI DE LA REQUÊTE")
    return finaliser(doc)
