"""Parts shared by the court filings (requêtes, assignations) and the déclaration de créance.

Each function writes docxtpl-tagged paragraphs with the blocks of base.py; the legal
requirement each part answers is listed in docs/modeles-actes.md.

The court is named through `juridiction.president` and `juridiction.tribunal`, which
the document context (documents.contexte.juridiction) derives from the suggested or the recorded court.
"""

from __future__ import annotations

import re

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from outils.modeles.base import balise, intertitre, paragraphe
from outils.modeles.base import tableau as _tableau

# "Président du tribunal de commerce de Lyon" / "le tribunal de commerce de Lyon" (documents.contexte
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


def historique(doc, *, sujet: str = "le débiteur", feminin: bool = False) -> None:
    """Partial payments, reminders and the mise en demeure, each only when the dossier has it.

    `feminin`: the subject is feminine ("la personne publique"): the past participles agree."""
    e = "e" if feminin else ""
    imputations(doc)
    balise(doc, "if relances")
    paragraphe(doc, f"Malgré les relances qui lui ont été adressées{{% for r in relances %}}{{% if loop.first %}} le"
                    "{% elif loop.last %} et le{% else %}, le{% endif %} {{ r.date }}{% endfor %}, "
                    f"{sujet} ne s'est pas acquitté{e} de sa dette.")
    balise(doc, "endif")
    balise(doc, "if mise_en_demeure")
    paragraphe(doc, "Par lettre recommandée avec demande d'avis de réception du {{ mise_en_demeure.date }}"
                    "{% if mise_en_demeure.numero_lrar %} (envoi n° {{ mise_en_demeure.numero_lrar }}){% endif %}, "
                    f"la société requérante l'a mis{e} en demeure de régler les sommes dues.")
    balise(doc, "endif")
    suite_de_la_mise_en_demeure(doc)


def suite_de_la_mise_en_demeure(doc) -> None:
    """What became of the mise en demeure: "restée sans effet" only once the time it gave has run out
    (art. 1344 C. civ.); before that, the urgency recorded (journal), or a warning to whoever files."""
    balise(doc, "if mise_en_demeure and mise_en_demeure.expiree")
    paragraphe(doc, "Cette mise en demeure est restée sans effet à l'expiration du délai qu'elle accordait au débiteur, "
               "le {{ mise_en_demeure.fin_delai }}.")
    balise(doc, "elif mise_en_demeure and urgence")
    paragraphe(doc, "Le délai accordé par cette mise en demeure n'est pas encore expiré{% if mise_en_demeure.fin_delai %} "
               "(il expire le {{ mise_en_demeure.fin_delai }}){% endif %}. La présente demande est néanmoins formée sans "
               "attendre, en raison de l'urgence suivante : {{ urgence }}.")
    balise(doc, "elif mise_en_demeure")
    paragraphe(doc, "**Avertissement, à lire avant tout envoi : le délai accordé par la mise en demeure "
               "{% if mise_en_demeure.fin_delai %}n'expire que le {{ mise_en_demeure.fin_delai }}{% else %}court à "
               "compter de sa réception, dont la date n'est pas enregistrée{% endif %}. Attendez son expiration, ou "
               "enregistrez le motif d'urgence qui justifie d'agir sans attendre.**")
    balise(doc, "elif urgence")
    paragraphe(doc, "La présente demande est formée sans attendre, en raison de l'urgence suivante : {{ urgence }}.")
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
    paragraphe(doc, "Vu {% if " + INDEMNITES_ECHUES_DUES + " %}les articles L441-10 et D441-5{% else %}l'article "
                    "L441-10{% endif %} du Code de commerce,")
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


def note_debut_projet(doc, *, audience: str, voie: str, autres: list[tuple[str, str]] = ()) -> None:
    """What the commissaire de justice or the lawyer completes before service, as a list.

    `voie`: "refere" or "fond", whose own recorded facts (procedure.<voie>) the act reads.
    `autres`: (condition, text) items, the condition a Jinja expression or "" for always.
    """
    faits = f"procedure.{voie}"
    note_procedure_collective(doc, avant="signification")
    paragraphe(doc, "**Avant signification (note à supprimer de l'acte signifié) :**", italique=True, apres=2)
    balise(doc, f"if not {faits}.date_audience")
    puce(doc, f"• la date et l'heure de l'{audience}, obtenues du greffe, sont portées dans l'acte par le commissaire de "
              "justice ;", italique=True)
    balise(doc, "else")
    puce(doc, f"• l'heure de l'{audience} du {{{{ {faits}.date_audience }}}} est portée dans l'acte par le commissaire "
              "de justice ;", italique=True)
    balise(doc, "endif")
    puce(doc, "• vérifier la juridiction (" + TRIBUNAL + ") : celle du siège ou du domicile du défendeur"
              "{% if not juridiction.adresse %}, et compléter l'adresse de la salle d'audience, que le dossier ne "
              "contient pas{% endif %} ;", italique=True)
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
    balise(doc, f"if {faits}.intervenant")
    puce(doc, f"• intervenant enregistré pour cette procédure : {{{{ {faits}.intervenant }}}} ;", italique=True)
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
    paragraphe(doc, "La présente requête est établie sur papier libre. Le formulaire officiel {{ juridiction.formulaire_acte }} "
                    "peut être utilisé à sa place ; il est alors accompagné des mêmes pièces.", italique=True, taille=9)
    return finaliser(doc)


# --- shared paragraphs of the assignations -------------------------------------------------

# Where the hearing is held (art. 56 1° and 855 CPC): the court directory's address, else a note.
LIEU_AUDIENCE = ("{% if juridiction.adresse %}, {{ juridiction.adresse }}{% else %}, **[À compléter : adresse de la "
                 "salle d'audience]**{% endif %}")


def comparution(doc, *, voie: str, devant: str, audience: str) -> None:
    """Court, hearing's date (the route's own, procedure.<voie>.date_audience), place and address."""
    faits = f"procedure.{voie}"
    paragraphe(doc, f"devant {devant}, {audience} {{% if {faits}.date_audience %}}du **{{{{ {faits}.date_audience }}}}**, "
                    "à l'heure portée par le commissaire de justice avant la signification du présent acte{% else %}dont "
                    "la date et l'heure sont portées par le commissaire de justice avant la signification du présent "
                    "acte{% endif %}, qui se tiendra au siège de la juridiction" + LIEU_AUDIENCE + ".")


def tentative_prealable(doc, *, lettre: str, refere: bool = False) -> None:
    """Art. 750-1 CPC (tribunal judiciaire, claim of 5,000 € or less): the prior attempt at an amicable
    settlement, or the exemption, stated in the act (art. 54 5°) on pain of inadmissibility.

    `lettre`: the heading's letter in the discussion ("C", "D"…), a Jinja expression allowed.
    """
    balise(doc, "if tentative_prealable_requise")
    paragraphe(doc, f"**{lettre}. Sur la tentative préalable de résolution amiable**")
    paragraphe(doc, "La demande tend au paiement d'une somme n'excédant pas 5 000 € et relève du tribunal judiciaire : "
                    "l'article 750-1 du Code de procédure civile impose, à peine d'irrecevabilité, qu'elle soit précédée "
                    "d'une tentative de conciliation menée par un conciliateur de justice, d'une tentative de médiation ou "
                    "d'une tentative de procédure participative, sauf si l'une des dispenses prévues par ce texte est "
                    "caractérisée : demande d'homologation d'un accord, recours préalable obligatoire, motif légitime "
                    "(urgence manifeste, circonstances rendant la tentative impossible ou imposant une décision non "
                    "contradictoire, indisponibilité des conciliateurs de justice entraînant une première réunion au-delà "
                    "de trois mois), tentative de conciliation imposée au juge, ou mise en œuvre sans succès de la "
                    "procédure simplifiée de recouvrement des petites créances.")
    balise(doc, "if petites_creances_echouee")
    paragraphe(doc, "La société requérante a engagé sans succès la procédure simplifiée de recouvrement des petites "
                    "créances (article L125-1 du Code des procédures civiles d'exécution), ce qui la dispense de la "
                    "tentative préalable (article 750-1, 5°, du Code de procédure civile) ; les pièces qui l'établissent "
                    "figurent au bordereau.")
    balise(doc, "else")
    texte = ("**[À compléter avant signification, à peine d'irrecevabilité de la demande : indiquer la tentative "
             "effectuée (conciliateur de justice saisi, médiation, procédure participative : dates et issue) ou le motif "
             "de dispense retenu" + (" (en référé, le plus souvent l'urgence manifeste, à caractériser)" if refere else "")
             + ", avec les pièces qui en justifient (article 54, 5°, du Code de procédure civile).]**")
    paragraphe(doc, texte, italique=True)
    balise(doc, "endif")
    balise(doc, "endif")


def article_861_2(doc) -> None:
    """Before a commercial court, an assignation claiming payment reproduces art. 861-2 CPC (art. 855)."""
    balise(doc, "if juridiction.nature in ('commerce', 'tae', 'chambre_commerciale')")
    intertitre(doc, "REPRODUCTION DE L'ARTICLE 861-2 DU CODE DE PROCÉDURE CIVILE (article 855 du même code)")
    note(doc, "reproduire ci-dessous le texte exact de l'article 861-2 dans sa rédaction en vigueur au jour de la "
              "signification, tel que publié sur Légifrance ; le résumé qui suit ne le remplace pas", avant="signification")
    paragraphe(doc, "En substance, ce texte permet au défendeur, dans une instance en paiement, de demander au tribunal "
                    "des délais de paiement (article 1343-5 du Code civil) par un écrit adressé au greffe, accompagné des "
                    "pièces qui la justifient, sans être tenu de se présenter à l'audience ; il est alors jugé sur cette "
                    "demande et sur les éléments qu'il a produits.", italique=True)
    balise(doc, "endif")


# --- payments, as imputed ------------------------------------------------------------------


def imputations(doc) -> None:
    """Each partial payment and where it went: the invoice the debtor named, else by law (art. 1342-10 C.
    civ.), and within an invoice the indemnity and interest before the principal (art. 1343-1)."""
    balise(doc, "if imputations")
    paragraphe(doc, "Le débiteur a effectué des règlements partiels, d'un montant total de "
                    "{{ totaux.paiements.chiffres }}. {% if imputations|selectattr('designee')|list|length == "
                    "imputations|length %}Il a désigné la facture que chacun d'eux acquittait (article 1342-10, alinéa "
                    "1er, du Code civil){% else %}Faute pour le débiteur d'avoir désigné la dette qu'il entendait "
                    "acquitter{% if imputations|selectattr('designee')|list %} pour certains d'entre eux{% endif %}, ces "
                    "règlements ont été imputés sur les dettes échues, d'abord sur celle qu'il avait le plus d'intérêt à "
                    "acquitter et, à intérêt égal, sur la plus ancienne (article 1342-10, alinéa 2, du Code civil){% endif %}"
                    " ; sur chaque facture, ils ont été imputés d'abord sur l'indemnité et les intérêts, puis sur le "
                    "principal (article 1343-1 du même code). Ils ont été affectés comme suit :", apres=2)
    balise(doc, "for i in imputations")
    puce(doc, "– règlement du {{ i.date }}, {{ i.montant }} : {% if i.trop_percu %}excédant les sommes dues (trop-perçu)"
              "{% else %}facture n° {{ i.facture }}{% if i.designee %} (désignée par le débiteur){% endif %}, soit "
              "{% if i.sur_indemnite %}{{ i.sur_indemnite }} sur l'indemnité forfaitaire{% if i.sur_interets or "
              "i.sur_principal %}, {% endif %}{% endif %}{% if i.sur_interets %}{{ i.sur_interets }} sur les "
              "{% if interets.legal %}intérêts{% else %}pénalités de retard{% endif %}{% if i.sur_principal %}, "
              "{% endif %}{% endif %}{% if i.sur_principal %}{{ i.sur_principal }} sur le principal{% endif %}"
              "{% endif %}{% if loop.last %}.{% else %} ;{% endif %}")
    balise(doc, "endfor")
    paragraphe(doc, "Les montants ci-après en tiennent compte.")
    balise(doc, "endif")


# --- finishing touches ---------------------------------------------------------------------

_BALISE = re.compile(r"(\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\})")
_FINE = "\u202f"  # espace fine insécable, before ; : ! ?
_INSECABLE = "\u00a0"


def _typo(texte: str) -> str:
    texte = re.sub(r"[ \u00a0]+([;:!?])", _FINE + r"\1", texte)
    texte = re.sub(r"\bn° +", "n°" + _INSECABLE, texte)
    texte = re.sub(r"\bMe +(?=\{\{|[A-ZÀ-Ý])", "Me" + _INSECABLE, texte)
    texte = re.sub(r"\bVu article\b", "Vu l'article", texte)
    return texte


def typographie(doc) -> None:
    """French typography in the literal text of a template (never inside a tag): a narrow no-break
    space before ; : ! ?, a no-break space after "n°" and "Me"."""
    for paragraphe_ in _paragraphes(doc):
        for run in paragraphe_.runs:
            morceaux = _BALISE.split(run.text)
            nouveau = "".join(m if i % 2 else _typo(m) for i, m in enumerate(morceaux))
            if nouveau != run.text:
                run.text = nouveau


def _paragraphes(doc):
    yield from doc.paragraphs
    for table in doc.tables:
        for ligne in table.rows:
            for cellule in ligne.cells:
                yield from cellule.paragraphs
    for section in doc.sections:
        yield from section.header.paragraphs
        yield from section.footer.paragraphs


def _champ(paragraphe_, instruction: str, defaut: str) -> None:
    """A Word field (PAGE, NUMPAGES) as begin / instruction / separate / result / end runs."""
    def run_avec(enfant):
        run = paragraphe_.add_run()
        run.font.size = Pt(8)
        run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
        run._r.append(enfant)
        return run

    debut = OxmlElement("w:fldChar")
    debut.set(qn("w:fldCharType"), "begin")
    run_avec(debut)
    texte = OxmlElement("w:instrText")
    texte.set(qn("xml:space"), "preserve")
    texte.text = f" {instruction} "
    run_avec(texte)
    separe = OxmlElement("w:fldChar")
    separe.set(qn("w:fldCharType"), "separate")
    run_avec(separe)
    resultat = paragraphe_.add_run(defaut)
    resultat.font.size = Pt(8)
    resultat.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
    fin = OxmlElement("w:fldChar")
    fin.set(qn("w:fldCharType"), "end")
    run_avec(fin)


def pagination(doc) -> None:
    """"Page X sur Y" in the footer (PAGE and NUMPAGES fields, updated by Word and LibreOffice)."""
    pied = doc.sections[0].footer
    p = pied.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(0)
    for texte, champ in (("Page ", "PAGE"), (" sur ", "NUMPAGES")):
        run = p.add_run(texte)
        run.font.size = Pt(8)
        run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
        _champ(p, champ, "1")


def finaliser(doc):
    """Page numbers and French typography: the last step of every act's builder."""
    pagination(doc)
    typographie(doc)
    return doc


# --- the claim in a procédure collective (déclaration de créance, relevé de forclusion) ------


def creance_a_l_ouverture(doc) -> None:
    """The claim at the opening judgment, sums échues then sums à échoir each with its due date
    (L622-25, R622-23 C. com.); interest stopped at the judgment (L622-28), none claimed after it."""
    interets = "{% if interets.legal %}Intérêts{% else %}Pénalités de retard{% endif %}"
    paragraphe(doc, "**1. Sommes échues au jour du jugement d'ouverture ({{ declaration.date_jugement }})**", apres=2)
    balise(doc, "if declaration.echues")
    tableau(
        doc,
        ["Facture", "Date", "Échéance", "Principal", interets, "Indemnité", "Total"],
        ["{{ f.numero }}", "{{ f.date }}", "{{ f.echeance }}", "{{ f.principal }}", "{{ f.interets }}",
         "{{ f.indemnite }}", "{{ f.total }}"],
        "f in declaration.echues",
        total=["Total échu", "", "", "{{ declaration.total_echu.principal.chiffres }}",
               "{{ declaration.total_echu.interets.chiffres }}", "{{ declaration.total_echu.indemnites.chiffres }}",
               "{{ declaration.total_echu.total.chiffres }}"],
        largeurs=[2.6, 2.0, 2.0, 2.6, 2.4, 2.0, 2.6],
        montants=4,
    )
    paragraphe(doc, "Soit, pour les sommes échues, **{{ declaration.total_echu.total.chiffres }}** "
                    "({{ declaration.total_echu.total.lettres }}).")
    balise(doc, "else")
    paragraphe(doc, "Aucune somme n'était échue au jour du jugement d'ouverture.")
    balise(doc, "endif")
    paragraphe(doc, "**2. Sommes à échoir**", apres=2)
    balise(doc, "if declaration.a_echoir")
    tableau(
        doc,
        ["Facture", "Date", "Date d'échéance", "Montant à échoir"],
        ["{{ f.numero }}", "{{ f.date }}", "{{ f.echeance }}", "{{ f.total }}"],
        "f in declaration.a_echoir",
        total=["Total à échoir", "", "", "{{ declaration.total_a_echoir.total.chiffres }}"],
        largeurs=[4.0, 3.0, 4.0, 4.6],
        montants=1,
    )
    paragraphe(doc, "Ces sommes, dont l'échéance est postérieure au jugement d'ouverture, sont déclarées à échoir, "
                    "chacune à la date d'échéance indiquée, pour **{{ declaration.total_a_echoir.total.chiffres }}** "
                    "({{ declaration.total_a_echoir.total.lettres }}) (article L622-25 du Code de commerce).")
    balise(doc, "else")
    paragraphe(doc, "Aucune somme n'est à échoir : toutes les factures étaient échues au jour du jugement d'ouverture.")
    balise(doc, "endif")
    paragraphe(doc, "Les {% if interets.legal %}intérêts ont été calculés{% else %}pénalités de retard ont été calculées"
                    "{% endif %} jusqu'au jugement d'ouverture, qui en a arrêté le cours (article L622-28 du Code de "
                    "commerce) : aucun intérêt postérieur à ce jugement n'est réclamé.{% if b2b and "
                    "interets.indemnite_forfaitaire %} L'indemnité forfaitaire pour frais de recouvrement de 40 € "
                    "(articles L441-10 et D441-5 du même code) n'est comptée que pour les factures échues avant ce "
                    "jugement.{% endif %}")
