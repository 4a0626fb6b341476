"""Parts shared by the court filings (requêtes, assignations) and the déclaration de créance.

Each function writes docxtpl-tagged paragraphs with the blocks of base.py; the legal
requirement each part answers is listed in docs/modeles-actes.md.

The court is named through `juridiction.president` and `juridiction.tribunal`, which
contexte.py derives from the suggested or the recorded court.
"""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm

from outils.modeles.base import balise, intertitre, paragraphe
from outils.modeles.base import tableau as _tableau

# "Président du tribunal de commerce de Lyon" / "le tribunal de commerce de Lyon" (contexte.py
# derives both from the suggested or recorded court).
PRESIDENT = "{{ juridiction.president }}"
TRIBUNAL = "{{ juridiction.tribunal }}"
# Tribunal de commerce or TAE (art. 853 ff. CPC), else tribunal judiciaire rules (art. 761 ff.);
# the same split as juridiction.article_refere and .article_placement.
SI_COMMERCE = "{% if juridiction.nature in ('commerce', 'tae') %}"
ARTICLE_AVOCAT = SI_COMMERCE + "853{% else %}761{% endif %}"
ARTICLE_DISPENSE = SI_COMMERCE + "853{% else %}762{% endif %}"

G_OUVRE, G_FERME = "«\u00a0", "\u00a0»"
FONDEMENT = "{{ interets.fondement }}"


def tableau(doc, entetes, cellules, boucle, *, total=None, largeurs=None, montants: int = 0) -> None:
    """base.tableau, with column widths Word and LibreOffice both honour (the table grid, not only the
    cells) and the last `montants` columns right-aligned, like a ledger."""
    _tableau(doc, entetes, cellules, boucle, total=total, largeurs=largeurs)
    table = doc.tables[-1]
    if largeurs:
        table.autofit = False
        grille = table._tbl.tblGrid
        for colonne, largeur in zip(grille.findall(qn("w:gridCol")), largeurs):
            colonne.set(qn("w:w"), str(int(Cm(largeur).twips)))
    if montants:
        for ligne in table.rows:
            for cellule in ligne.cells[-montants:]:
                for p in cellule.paragraphs:
                    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def puce(doc, texte: str, *, italique: bool = False, retrait: float = 0.8):
    """An indented line of a list or of a dispositif (a tighter list when italic: the drafter's notes)."""
    p = paragraphe(doc, texte, italique=italique, apres=2 if italique else None)
    p.paragraph_format.left_indent = Cm(retrait)
    return p


def note(doc, texte: str, *, avant: str = "dépôt") -> None:
    """A note to whoever files the act, bold and bracketed so it cannot be missed."""
    paragraphe(doc, f"**[À vérifier avant {avant} — {texte}]**", italique=True)


def factures_a_echoir_exclues(doc, *, acte: str, avant: str = "dépôt") -> None:
    """A court grants only what is exigible: the act claims the invoices already due (totaux_echus,
    factures_echues) and says which invoices, not yet due, it leaves out. `acte`: "la présente requête"…

    When no invoice is due at all, nothing can be claimed yet: a note says so to whoever files the act.
    """
    plusieurs = "{% if factures_a_echoir|length > 1 %}"
    balise(doc, "if not totaux_echus.tout_est_echu and factures_a_echoir")
    paragraphe(doc, plusieurs + "Les factures{% else %}La facture{% endif %} n° {% for f in factures_a_echoir %}"
                    "{% if not loop.first %}{% if loop.last %} et {% else %}, {% endif %}{% endif %}{{ f.numero }} "
                    "(échéance le {{ f.echeance }}){% endfor %}, non encore échue" + plusieurs + "s, ne font{% else %}, "
                    "ne fait{% endif %} pas partie de " + acte + ".")
    balise(doc, "endif")
    balise(doc, "if not factures_echues")
    note(doc, "aucune facture n'est échue : rien n'est encore exigible, attendez l'échéance avant d'engager cette "
              "procédure.", avant=avant)
    balise(doc, "endif")


def note_procedure_collective(doc, *, avant: str = "dépôt") -> None:
    """A debtor in procédure collective cannot be sued for a prior claim: it is declared instead."""
    balise(doc, "if procedure.date_jugement_ouverture")
    note(doc, "le débiteur fait l'objet d'une procédure collective ouverte le {{ procedure.date_jugement_ouverture }} : "
              "les actions en paiement des créances antérieures sont interdites (article L622-21 du Code de commerce). "
              "Déclarez la créance au mandataire judiciaire au lieu d'engager cette procédure.", avant=avant)
    balise(doc, "endif")


# --- parties -------------------------------------------------------------------------------

CREANCIER = (
    "**{{ creancier.nom }}**{% if creancier.identification %}, {{ creancier.identification }}{% endif %}, "
    "dont le siège est situé {{ creancier.adresse.une_ligne }}, représentée par son représentant légal en "
    "exercice{% if creancier.signataire %}, {{ creancier.signataire }}{% endif %}, domicilié en cette qualité audit siège"
)


# --- facts ---------------------------------------------------------------------------------


def tableau_factures_detail(doc) -> None:
    tableau(
        doc,
        ["Facture", "Date", "Échéance", "Objet", "Montant TTC"],
        ["{{ f.numero }}", "{{ f.date }}", "{{ f.echeance }}", "{{ f.objet }}", "{{ f.montant }}"],
        "f in factures_echues",
        largeurs=[3.2, 2.2, 2.2, 6.0, 3.0],
        montants=1,
    )


def historique(doc, *, sujet: str = "le débiteur") -> None:
    """Partial payments, reminders and the mise en demeure, each only when the dossier has it."""
    balise(doc, "if decompte.imputations")
    paragraphe(doc, "Les règlements partiels reçus, d'un montant total de {{ totaux.paiements.chiffres }}, ont été "
                    "imputés d'abord sur les accessoires et les intérêts, puis sur le principal (article 1343-1 du Code "
                    "civil) ; les montants ci-après en tiennent compte.")
    balise(doc, "endif")
    balise(doc, "if relances")
    paragraphe(doc, f"Malgré les relances qui lui ont été adressées{{% for r in relances %}}{{% if loop.first %}} le"
                    "{% elif loop.last %} et le{% else %}, le{% endif %} {{ r.date }}{% endfor %}, "
                    f"{sujet} ne s'est pas acquitté de sa dette.")
    balise(doc, "endif")
    balise(doc, "if mise_en_demeure")
    paragraphe(doc, "Par lettre recommandée avec demande d'avis de réception du {{ mise_en_demeure.date }}"
                    "{% if mise_en_demeure.numero_lrar %} (envoi n° {{ mise_en_demeure.numero_lrar }}){% endif %}, "
                    "la société requérante l'a mis en demeure de régler les sommes dues. Cette mise en demeure est "
                    "restée sans effet.")
    balise(doc, "endif")


# --- sums ----------------------------------------------------------------------------------

# Courts grant only what is due: the requêtes and assignations claim `totaux_echus`.
INTERETS_NON_NULS = "totaux_echus.interets.lettres != 'zéro euro'"
# The 40 € indemnities are claimed (B2B) and some are still owed: INDEMNITES_DUES over every invoice (the
# déclaration de créance declares all sums), INDEMNITES_ECHUES_DUES over the invoices already due (the acts).
INDEMNITES_DUES = "b2b and interets.indemnite_forfaitaire and totaux.indemnites.lettres != 'zéro euro'"
INDEMNITES_ECHUES_DUES = "b2b and interets.indemnite_forfaitaire and totaux_echus.indemnites.lettres != 'zéro euro'"


def tableau_decompte(doc) -> None:
    """Per invoice: principal, penalties or interest, indemnity, total; the totals row is the claim."""
    entete_interets = "{% if interets.legal %}Intérêts au taux légal{% else %}Pénalités de retard{% endif %}"
    balise(doc, "if interets.indemnite_forfaitaire")
    tableau(
        doc,
        ["Facture", "Principal restant dû", entete_interets, "Indemnité forfaitaire", "Total"],
        ["{{ f.numero }}", "{{ f.reste }}", "{{ f.interets }}", "{{ f.indemnite }}", "{{ f.total }}"],
        "f in factures_echues",
        total=["Total", "{{ totaux_echus.principal.chiffres }}", "{{ totaux_echus.interets.chiffres }}",
               "{{ totaux_echus.indemnites.chiffres }}", "{{ totaux_echus.total.chiffres }}"],
        largeurs=[3.4, 3.4, 3.4, 3.0, 3.4],
        montants=4,
    )
    balise(doc, "else")
    tableau(
        doc,
        ["Facture", "Principal restant dû", entete_interets, "Total"],
        ["{{ f.numero }}", "{{ f.reste }}", "{{ f.interets }}", "{{ f.total }}"],
        "f in factures_echues",
        total=["Total", "{{ totaux_echus.principal.chiffres }}", "{{ totaux_echus.interets.chiffres }}",
               "{{ totaux_echus.total.chiffres }}"],
        largeurs=[4.0, 4.2, 4.2, 4.2],
        montants=3,
    )
    balise(doc, "endif")
    balise(doc, "if decompte.frais_complementaires")
    paragraphe(doc, "Le total des indemnités comprend, outre les indemnités forfaitaires, {{ decompte.frais_complementaires }} "
                    "de frais de recouvrement justifiés excédant leur montant (article L441-10 II du Code de commerce).")
    balise(doc, "endif")


def fondement_sommes(doc, *, apres_titre: str = "de l'ordonnance à intervenir") -> None:
    """Each element of the claim, its legal basis, in figures and in letters.

    `apres_titre`: from when legal interest runs when no mise en demeure was sent (the
    signification of the ordonnance, or the assignation, which is worth a demand).
    """
    paragraphe(doc, "**1. Le principal.** Les contrats légalement formés tiennent lieu de loi à ceux qui les ont faits "
                    "(article 1103 du Code civil) : le débiteur doit le prix des biens et prestations commandés, tel qu'il "
                    "a été facturé. Le principal restant dû s'élève à **{{ totaux_echus.principal.chiffres }}** "
                    "({{ totaux_echus.principal.lettres }}).")
    balise(doc, "if interets.legal")
    paragraphe(doc, "**2. Les intérêts.** Le retard dans le paiement d'une somme d'argent est réparé par l'intérêt au taux "
                    "légal, qui court à compter de la mise en demeure (articles 1231-6 et 1344-1 du Code civil)."
                    "{% if mise_en_demeure and " + INTERETS_NON_NULS + " %} Calculés depuis la mise en demeure du "
                    "{{ mise_en_demeure.date }} jusqu'au {{ decompte.au }}, les intérêts échus s'élèvent à "
                    "**{{ totaux_echus.interets.chiffres }}** ({{ totaux_echus.interets.lettres }}){% if interets.taux_actuel %}, "
                    "le taux applicable à la dernière période étant de {{ interets.taux_actuel }} l'an{% endif %}."
                    "{% elif " + INTERETS_NON_NULS + " %} Arrêtés au {{ decompte.au }}, les intérêts échus s'élèvent à "
                    "**{{ totaux_echus.interets.chiffres }}** ({{ totaux_echus.interets.lettres }})."
                    "{% else %} Ils sont demandés à compter de la signification " + apres_titre + ", qui vaut "
                    "interpellation suffisante (article 1344 du Code civil).{% endif %}")
    balise(doc, "else")
    paragraphe(doc, "**2. Les pénalités de retard.** Entre professionnels, les sommes impayées à leur échéance portent de "
                    "plein droit, dès le lendemain de la date de paiement figurant sur chaque facture et sans qu'un rappel "
                    "soit nécessaire, des " + FONDEMENT + ".{% if " + INTERETS_NON_NULS + " %} Arrêtées au "
                    "{{ decompte.au }}, elles s'élèvent à **{{ totaux_echus.interets.chiffres }}** ({{ totaux_echus.interets.lettres }})"
                    "{% if interets.taux_actuel %}, le taux applicable à la dernière période étant de "
                    "{{ interets.taux_actuel }} l'an{% endif %}, et continuent de courir sur le principal jusqu'à complet "
                    "paiement.{% else %} Elles courent sur le principal jusqu'à complet paiement.{% endif %}")
    balise(doc, "endif")
    balise(doc, "if " + INDEMNITES_ECHUES_DUES)
    paragraphe(doc, "**3. Les indemnités forfaitaires pour frais de recouvrement.** Le professionnel qui paie une facture "
                    "après son échéance doit en outre, de plein droit, une indemnité forfaitaire pour frais de "
                    "recouvrement de 40 € par facture (articles L441-10 II et D441-5 du Code de commerce). Elle est "
                    "réclamée pour chaque facture réglée ou restée impayée après son échéance, soit "
                    "**{{ totaux_echus.indemnites.chiffres }}** ({{ totaux_echus.indemnites.lettres }}).")
    balise(doc, "endif")
    paragraphe(doc, "La créance s'élève ainsi, au {{ decompte.au }}, à la somme totale de **{{ totaux_echus.total.chiffres }}** "
                    "({{ totaux_echus.total.lettres }}).")


def vu_textes(doc, *, civil: str = "1103{% if interets.legal %}, 1231-6, 1344-1{% endif %} et 1353") -> None:
    """The "Vu …" lines of a dispositif: civil code always, commercial code in B2B."""
    paragraphe(doc, f"Vu les articles {civil} du Code civil,")
    balise(doc, "if not interets.legal or (" + INDEMNITES_ECHUES_DUES + ")")
    paragraphe(doc, "Vu les articles L441-10{% if " + INDEMNITES_ECHUES_DUES + " %} et D441-5{% endif %} du Code "
                    "de commerce,")
    balise(doc, "endif")


def chefs_de_demande(doc, *, apres_titre: str, retrait: float = 0.8) -> None:
    """The sums asked for, one indented line each: principal, interest until payment, indemnities.

    The line before says who pays whom ("Enjoindre à … de payer à … :", "CONDAMNER … à payer …:").
    """
    puce(doc, "– la somme de **{{ totaux_echus.principal.chiffres }}** ({{ totaux_echus.principal.lettres }}) en principal ;", retrait=retrait)
    balise(doc, "if interets.legal")
    puce(doc, "– {% if " + INTERETS_NON_NULS + " %}la somme de **{{ totaux_echus.interets.chiffres }}** "
              "({{ totaux_echus.interets.lettres }}) au titre des intérêts au taux légal échus au {{ decompte.au }}, outre les "
              "intérêts au taux légal sur le principal postérieurement à cette date et jusqu'à complet paiement ;"
              "{% else %}les intérêts au taux légal sur la somme de {{ totaux_echus.principal.chiffres }} à compter de la "
              "signification " + apres_titre + " et jusqu'à complet paiement ;{% endif %}", retrait=retrait)
    balise(doc, "else")
    puce(doc, "– {% if " + INTERETS_NON_NULS + " %}la somme de **{{ totaux_echus.interets.chiffres }}** "
              "({{ totaux_echus.interets.lettres }}) au titre des pénalités de retard échues au {{ decompte.au }}, outre les "
              "pénalités de retard calculées de la même manière sur le principal postérieurement à cette date et "
              "jusqu'à complet paiement ;{% else %}les pénalités de retard sur le principal, calculées comme indiqué "
              "ci-dessus, à compter du lendemain de l'échéance de chaque facture et jusqu'à complet paiement ;"
              "{% endif %}", retrait=retrait)
    balise(doc, "endif")
    balise(doc, "if " + INDEMNITES_ECHUES_DUES)
    puce(doc, "– la somme de **{{ totaux_echus.indemnites.chiffres }}** ({{ totaux_echus.indemnites.lettres }}) au titre des "
              "indemnités forfaitaires pour frais de recouvrement ;", retrait=retrait)
    balise(doc, "endif")


def bordereau(doc, titre: str) -> None:
    intertitre(doc, titre)
    tableau(doc, ["N°", "Pièce"], ["{{ p.numero }}", "{{ p.libelle }}"], "p in pieces", largeurs=[1.5, 15.0])


# --- assignations --------------------------------------------------------------------------


def bandeau_projet(doc, titre_acte: str) -> None:
    paragraphe(doc, "**PROJET — à compléter et faire signifier par un commissaire de justice**", align="centre",
               taille=12, apres=2)
    paragraphe(doc, f"{titre_acte} — dossier {{{{ reference }}}} — projet établi le {{{{ date }}}}", align="centre",
               taille=9, italique=True, apres=10)


def note_debut_projet(doc, *, audience: str, autres: list[tuple[str, str]] = ()) -> None:
    """What the commissaire de justice or the lawyer completes before service, as a list.

    `autres`: (condition, text) items, the condition a Jinja expression or "" for always.
    """
    note_procedure_collective(doc, avant="signification")
    paragraphe(doc, "**Avant signification (note à supprimer de l'acte signifié) :**", italique=True, apres=2)
    balise(doc, "if not procedure.date_audience")
    puce(doc, f"• la date et l'heure de l'{audience}, obtenues du greffe, sont portées dans l'acte par le commissaire de "
              "justice ;", italique=True)
    balise(doc, "else")
    puce(doc, f"• l'heure de l'{audience} du {{{{ procedure.date_audience }}}} est portée dans l'acte par le commissaire "
              "de justice ;", italique=True)
    balise(doc, "endif")
    puce(doc, "• vérifier la juridiction (" + TRIBUNAL + ") : celle du siège ou du domicile du défendeur, et son "
              "adresse ;", italique=True)
    balise(doc, "if avocat_obligatoire")
    puce(doc, "• la demande excédant 10 000 €, la représentation par avocat est obligatoire (article " + ARTICLE_AVOCAT +
              " du Code de procédure civile) : l'avocat constitué est désigné en tête de l'acte ;", italique=True)
    balise(doc, "endif")
    for condition, texte in autres:
        if condition:
            balise(doc, f"if {condition}")
        puce(doc, texte, italique=True)
        if condition:
            balise(doc, "endif")
    balise(doc, "if debiteur.consommateur")
    puce(doc, "• défendeur consommateur : l'action d'un professionnel contre lui se prescrit par deux ans (article L218-2 "
              "du Code de la consommation) ; vérifier que l'assignation interrompt la prescription à temps ;",
         italique=True)
    balise(doc, "endif")
    puce(doc, "• fixer le montant demandé au titre de l'article 700 du Code de procédure civile (champ entre crochets) ;",
         italique=True)
    puce(doc, "• les sommes sont arrêtées au {{ decompte.au }} : les actualiser si l'acte est signifié plus tard ;",
         italique=True)
    balise(doc, "if procedure.intervenant")
    puce(doc, "• intervenant enregistré au dossier : {{ procedure.intervenant }} ;", italique=True)
    balise(doc, "endif")
    # The décompte's warning that an invoice not yet due counts in its principal does not hold for the act,
    # which claims only the invoices already due (and says so, factures_a_echoir_exclues).
    balise(doc, "for a in decompte.avertissements if 'pas échue' not in a")
    puce(doc, "• décompte : {{ a }}", italique=True)
    balise(doc, "endfor")


def parties_assignation(doc) -> None:
    paragraphe(doc, "L'an et le jour indiqués par le commissaire de justice dans son acte de signification,", avant=6)
    intertitre(doc, "À LA REQUÊTE DE :")
    paragraphe(doc, CREANCIER + ",")
    balise(doc, "if avocat_obligatoire")
    paragraphe(doc, "Ayant pour avocat constitué celui désigné en tête de l'acte, au cabinet duquel elle élit domicile ;")
    balise(doc, "else")
    paragraphe(doc, "Élisant domicile en son siège ;")
    balise(doc, "endif")
    paragraphe(doc, "ci-après " + G_OUVRE + "la société requérante" + G_FERME + ",")
    intertitre(doc, "J'AI, COMMISSAIRE DE JUSTICE SOUSSIGNÉ, DONNÉ ASSIGNATION À :")
    paragraphe(doc, "{{ debiteur.designation }},")
    paragraphe(doc, "où étant et parlant comme il est dit au procès-verbal de signification,")
    paragraphe(doc, "ci-après " + G_OUVRE + "le défendeur" + G_FERME + ".")


def avertissement_defendeur(doc, *, decision: str, fond: bool = False) -> None:
    """How to appear, and what happens otherwise (art. 56 CPC), in general terms.

    `fond`: before the tribunal judiciaire, the defendant must appoint a lawyer within 15 days (art. 763).
    """
    intertitre(doc, "TRÈS IMPORTANT")
    balise(doc, "if avocat_obligatoire")
    delai = (SI_COMMERCE + "{% else %} Il doit constituer avocat dans le délai de quinze jours à compter de la présente "
             "assignation (article 763 du même code).{% endif %}") if fond else ""
    paragraphe(doc, "Le défendeur est tenu de se faire représenter par un avocat, la demande excédant 10 000 € (article "
                    + ARTICLE_AVOCAT + " du Code de procédure civile)." + delai)
    balise(doc, "else")
    paragraphe(doc, "Le défendeur est tenu de comparaître à l'audience. Il peut s'y présenter en personne ou s'y faire "
                    "assister ou représenter dans les conditions prévues par l'article " + ARTICLE_DISPENSE + " du Code "
                    "de procédure civile, notamment par un avocat ; la personne qui le représente, si elle n'est pas "
                    "avocat, doit justifier d'un pouvoir spécial.")
    balise(doc, "endif")
    paragraphe(doc, f"Faute de comparaître ou d'être représenté, le défendeur s'expose à ce qu'{decision} "
                    "contre lui sur les seuls éléments fournis par la société requérante.")
    paragraphe(doc, "Les pièces sur lesquelles la demande est fondée sont énumérées au bordereau figurant à la fin du "
                    "présent acte et sont communiquées au défendeur.")


# --- requête en injonction de payer (art. 1405 ff. CPC) -------------------------------------


def requete(judiciaire: bool):
    """The requête, for the commercial courts or for the tribunal judiciaire (civil claims, consumers)."""
    from outils.modeles.base import nouveau_document, titre

    doc = nouveau_document("Requête en injonction de payer")
    titre(doc, "REQUÊTE EN INJONCTION DE PAYER")
    paragraphe(doc, "(articles 1405 et suivants du Code de procédure civile)", align="centre", apres=12)
    paragraphe(doc, "**À Monsieur le " + PRESIDENT + "**", align="centre", apres=12)
    paragraphe(doc, "Nos références : dossier {{ reference }}", align="gauche")
    note_procedure_collective(doc)

    intertitre(doc, "I. — LES PARTIES")
    paragraphe(doc, "**Le créancier requérant :**", apres=2)
    paragraphe(doc, CREANCIER + ",")
    paragraphe(doc, "ci-après " + G_OUVRE + "la société requérante" + G_FERME + ", qui présente elle-même la présente "
                    "requête (article 1407 du Code de procédure civile) ;")
    paragraphe(doc, "**Le débiteur :**", apres=2)
    paragraphe(doc, "{{ debiteur.designation }},")
    paragraphe(doc, "ci-après " + G_OUVRE + "le débiteur" + G_FERME + ".")

    intertitre(doc, "II. — LA JURIDICTION SAISIE")
    if judiciaire:
        paragraphe(doc, "La créance est de nature civile{% if debiteur.consommateur %}, le débiteur ayant contracté en "
                        "qualité de consommateur{% endif %}. La requête est donc présentée au président du tribunal "
                        "judiciaire dans le ressort duquel {% if debiteur.societe %}le débiteur a son siège"
                        "{% else %}demeure le débiteur{% endif %}, seul compétent (article 1406 du Code de procédure "
                        "civile).")
    else:
        paragraphe(doc, "La créance est née des relations commerciales entre les parties (article L721-3 du Code de "
                        "commerce). La requête est donc présentée au président de la juridiction commerciale dans le "
                        "ressort de laquelle {% if debiteur.societe %}le débiteur a son siège{% else %}demeure le "
                        "débiteur{% endif %}, seule compétente (article 1406 du Code de procédure civile).")

    intertitre(doc, "III. — L'ORIGINE DE LA CRÉANCE")
    paragraphe(doc, "La société requérante a fourni au débiteur les biens et prestations qu'il lui a commandés et les lui a "
                    "facturés comme suit ; chaque facture est produite au soutien de la présente requête :")
    tableau_factures_detail(doc)
    factures_a_echoir_exclues(doc, acte="la présente requête")
    historique(doc)
    paragraphe(doc, "La créance a une cause contractuelle et un montant déterminé ; {% if factures_echues|length > 1 %}les factures étant échues"
                    "{% else %}la facture étant échue{% endif %}, elle est certaine, liquide et exigible (article 1405 du Code de procédure civile).")

    intertitre(doc, "IV. — LE MONTANT DE LA CRÉANCE ET SON FONDEMENT")
    paragraphe(doc, "Arrêtée au {{ decompte.au }}, la créance se décompose, facture par facture, comme suit :")
    tableau_decompte(doc)
    fondement_sommes(doc, apres_titre="de l'ordonnance à intervenir")

    titre(doc, "PAR CES MOTIFS", taille=12)
    paragraphe(doc, "Vu les articles 1405 et suivants du Code de procédure civile,")
    vu_textes(doc)
    paragraphe(doc, "Vu les pièces énumérées au bordereau ci-après,")
    paragraphe(doc, "La société requérante prie Monsieur le Président de bien vouloir rendre une ordonnance portant "
                    "injonction au débiteur, {{ debiteur.nom }}, de lui payer :")
    chefs_de_demande(doc, apres_titre="de l'ordonnance à intervenir")
    frais = "le coût de la signification" if judiciaire else "les frais de greffe et le coût de la signification"
    puce(doc, f"– ainsi que les dépens, comprenant notamment {frais} de l'ordonnance ;")
    paragraphe(doc, "soit, au {{ decompte.au }}, la somme totale de **{{ totaux_echus.total.chiffres }}** "
                    "({{ totaux_echus.total.lettres }}), outre les {% if interets.legal %}intérêts{% else %}pénalités de "
                    "retard{% endif %} à échoir jusqu'à complet paiement et les dépens.")
    paragraphe(doc, "Sous toutes réserves.", avant=6)
    paragraphe(doc, "Fait à {{ lieu }}, le {{ date }}", align="droite", avant=12, apres=0)
    paragraphe(doc, "Pour {{ creancier.nom }}", align="droite", apres=0)
    paragraphe(doc, "{{ creancier.signataire }}", align="droite", apres=24)

    bordereau(doc, "BORDEREAU DES PIÈCES PRODUITES À L'APPUI DE LA REQUÊTE (article 1407 du Code de procédure civile)")
    paragraphe(doc, "La présente requête est établie sur papier libre. Le formulaire officiel {{ juridiction.formulaire }} "
                    "peut être utilisé à sa place ; il est alors accompagné des mêmes pièces.", italique=True, taille=9)
    return doc
