"""The legal guard: what a dossier allows, at a date, and why — the one authority every face asks.

For each act (a letter, a filing, a move along the chain, a route of the évaluation) the guard
answers **permis**, **averti** (allowed, with a warning the user reads before going on) or
**refusé**, each with French reasons citing their article. The TUI greys a refused option with its
reason, the CLI exits 2 with it, the services refuse to write; none of them decides on its own.

The rules, each once, in the order they are checked (a refusal stops there):
1. a closed dossier produces nothing but annexes; nothing is claimed when nothing is due at the
   document's date, which may not precede the dossier's last recorded fact;
2. a procédure collective stops individual actions (L622-21, L622-7, L622-28 C. com.): only the
   déclaration de créance — then the relevé de forclusion (L622-26) — remains;
3. a public-sector debtor's property cannot be seized (L2311-1 CG3P) and its courts are
   administrative: no injonction, no judicial route, no commissaire de justice; the référé-provision
   before the tribunal administratif (R541-1 CJA), then mandatement d'office (loi 80-539);
4. the mise en demeure comes first (art. 1344 C. civ.): no court route before the time it gives
   has run out, unless the user has recorded an urgency;
5. each route's own conditions (ceilings, a dispute, a hearing already past, a route foreclosed by
   the stage reached).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from recouvrement_tui.domain.actes import Acte  # the guard's vocabulary, imported from here by most
from recouvrement_tui.domain.dates import UN_JOUR, plus_mois
from recouvrement_tui.domain.decompte import Decompte
from recouvrement_tui.domain.echeances import declaration_de_creance, mise_en_demeure_du_dossier, releve_de_forclusion
from recouvrement_tui.domain.etapes import Etape
from recouvrement_tui.domain.formatage import date_courte, montant
from recouvrement_tui.domain.juridiction import Juridiction, NatureJuridiction, juridiction_injonction
from recouvrement_tui.domain.model import Dossier, Localisation
from recouvrement_tui.domain.money import ZERO
from recouvrement_tui.domain.procedure import (
    AMIABLES,
    LATERALES,
    PLAFOND_PETITES_CREANCES,
    ROUTES,
    juridiction_enregistree,
    petite_creance,
    pourquoi_impossible,
    transitions_possibles,
)


class Verdict(StrEnum):
    PERMIS = "permis"
    AVERTI = "averti"
    REFUSE = "refuse"


@dataclass(frozen=True)
class Avis:
    """The guard's answer: a verdict and its reasons (French, each with its article)."""

    verdict: Verdict = Verdict.PERMIS
    raisons: tuple[str, ...] = ()

    @property
    def refuse(self) -> bool:
        return self.verdict is Verdict.REFUSE

    @property
    def motif(self) -> str:
        """The reasons as one French sentence or more ("" when simply allowed)."""
        return " ".join(r if r.endswith(".") else r + "." for r in self.raisons)


PERMIS = Avis()


def _refus(raison: str) -> Avis:
    return Avis(Verdict.REFUSE, (raison,))


def _combiner(avis: Iterable[Avis]) -> Avis:
    """The first refusal, else every warning, else allowed."""
    avertissements: list[str] = []
    for un in avis:
        if un.refuse:
            return un
        if un.verdict is Verdict.AVERTI:
            avertissements += [r for r in un.raisons if r not in avertissements]
    return Avis(Verdict.AVERTI, tuple(avertissements)) if avertissements else PERMIS


# Acts that seize a court, and the stage each leads to.
_ETAPE_DE_L_ACTE = {
    Acte.PETITES_CREANCES: Etape.PETITES_CREANCES,
    Acte.INJONCTION: Etape.INJONCTION_DE_PAYER,
    Acte.REFERE: Etape.REFERE_PROVISION,
    Acte.FOND: Etape.ASSIGNATION_AU_FOND,
    Acte.REFERE_ADMINISTRATIF: Etape.REFERE_PROVISION,
}
_JUDICIAIRES = frozenset(_ETAPE_DE_L_ACTE)
_AMIABLES = frozenset({Acte.RELANCE_PREVENTIVE, Acte.RELANCE, Acte.RELANCE_FERME, Acte.MISE_EN_DEMEURE,
                       Acte.ECHEANCIER})
# What stays possible once a procédure collective is opened (L622-21, L622-24, L622-26 C. com.).
_PENDANT_PROCEDURE_COLLECTIVE = frozenset({Acte.DECLARATION_CREANCE, Acte.RELEVE_FORCLUSION, Acte.ANNEXE})
_TITRE_OBTENU = (Etape.TITRE_EXECUTOIRE, Etape.EXECUTION)


@dataclass(frozen=True)
class Etat:
    """What the guard reads of a dossier at a date; `etat()` builds it from the décompte."""

    dossier: Dossier
    au: dt.date
    exigible: Decimal  # due at `au`: principal, interest, indemnities of invoices past due
    du: Decimal  # everything owed, invoices not yet due included
    a_echoir: bool  # some invoice with principal left is not yet due at `au`
    delai_mise_en_demeure: int  # days the mise en demeure gives (reminder calendar)
    creancier_hors_metropole: bool = False  # doubles the declaration deadline (R622-24)
    urgence: str | None = field(default=None)  # the latest urgency recorded, if still relevant
    # The debtor's court as the directory names it (or why it cannot: Juridiction.a_determiner);
    # None: from the parties alone (juridiction_injonction), as when no directory is at hand.
    juridiction: Juridiction | None = None

    @property
    def tribunal(self) -> Juridiction:
        return self.juridiction or juridiction_injonction(self.dossier.debiteur)


def etat(
    dossier: Dossier, decompte: Decompte, delai_mise_en_demeure: int, creancier_hors_metropole: bool = False,
    juridiction: Juridiction | None = None,
) -> Etat:
    a_echoir = any(not c.echue and c.principal_du > 0 for c in decompte.creances)
    return Etat(dossier, decompte.au, decompte.total_exigible, decompte.total, a_echoir, delai_mise_en_demeure,
                creancier_hors_metropole, dossier.urgence, juridiction)


def dernier_fait(dossier: Dossier) -> tuple[dt.date, str] | None:
    """The latest dated fact of the dossier — an invoice, a payment, a move — and what it is."""
    faits: list[tuple[dt.date, str]] = [(c.date_facture, f"facture {c.numero}") for c in dossier.creances]
    faits += [(p.date, "paiement") for p in dossier.paiements]
    faits += [(p.date, p.vers.libelle.lower()) for p in dossier.passages]
    return max(faits, default=None)


def en_procedure_collective(dossier: Dossier) -> bool:
    return dossier.etape is Etape.PROCEDURE_COLLECTIVE or dossier.conditions.date_jugement_ouverture is not None


# --- the rules, one function each -------------------------------------------------------------


def _cloture(e: Etat, acte: Acte) -> Avis:
    if e.dossier.etape is Etape.CLOTURE and acte not in (Acte.ANNEXE, Acte.FICHE_SYNTHESE):
        return _refus("Le dossier est clôturé : il ne donne plus lieu à aucun courrier ni acte "
                      "(ouvrez un nouveau dossier si la dette renaît)")
    return PERMIS


def _date_du_document(e: Etat, acte: Acte) -> Avis:
    """A document cannot be dated before what it relies on (the latest invoice, payment or move)."""
    if acte in (Acte.ANNEXE, Acte.FICHE_SYNTHESE):
        return PERMIS
    dernier = dernier_fait(e.dossier)
    if dernier and e.au < dernier[0]:
        return _refus(f"Le document serait daté du {date_courte(e.au)}, avant le dernier fait enregistré "
                      f"({dernier[1]} du {date_courte(dernier[0])}) : datez-le au plus tôt du {date_courte(dernier[0])}")
    return PERMIS


def _somme_due(e: Etat, acte: Acte) -> Avis:
    if acte is Acte.RELANCE_PREVENTIVE:
        if not e.a_echoir:
            return _refus("La relance préventive rappelle une échéance à venir : aucune facture de ce dossier "
                          f"n'est à échoir au {date_courte(e.au)}")
        return PERMIS
    if acte in (Acte.ANNEXE, Acte.FICHE_SYNTHESE):
        return PERMIS
    if acte in (Acte.DECLARATION_CREANCE, Acte.RELEVE_FORCLUSION, Acte.MANDATEMENT_OFFICE):
        if e.du <= ZERO:
            return _refus(f"Rien n'est dû dans ce dossier au {date_courte(e.au)} : il n'y a rien à réclamer")
        return PERMIS
    if e.exigible <= ZERO:
        restant = e.dossier.restant_par_creance()
        premiere = min((c.date_echeance for c in e.dossier.creances if restant[c.id] > 0), default=None)
        if e.du > ZERO and premiere and e.au <= premiere:
            return _refus(f"Rien n'est encore exigible au {date_courte(e.au)} : la première facture est payable "
                          f"le {date_courte(premiere)} (art. 1305-2 C. civ. : une dette à terme ne peut être "
                          "exigée avant l'échéance)")
        return _refus(f"Rien n'est exigible dans ce dossier au {date_courte(e.au)} : il n'y a rien à réclamer")
    return PERMIS


def _procedure_collective(e: Etat, acte: Acte) -> Avis:
    d = e.dossier
    if not en_procedure_collective(d):
        if acte in (Acte.DECLARATION_CREANCE, Acte.RELEVE_FORCLUSION):
            return _refus("Aucune procédure collective n'est enregistrée pour ce débiteur : passez d'abord le dossier "
                          "à l'étape « Procédure collective » avec le jugement d'ouverture (touche s)")
        return PERMIS
    if acte not in _PENDANT_PROCEDURE_COLLECTIVE:
        ouverture = d.conditions.date_jugement_ouverture
        depuis = f" depuis le jugement du {date_courte(ouverture)}" if ouverture else ""
        return _refus(f"Le débiteur est en procédure collective{depuis} : les poursuites individuelles sont "
                      "arrêtées (L622-21 C. com.), le paiement des créances antérieures est interdit (L622-7) et "
                      "les intérêts ont cessé de courir (L622-28) ; seule la déclaration de créance au mandataire "
                      "judiciaire reste possible")
    if acte not in (Acte.DECLARATION_CREANCE, Acte.RELEVE_FORCLUSION):
        return PERMIS
    bodacc = _date_bodacc(d)
    if bodacc is None:
        if acte is Acte.RELEVE_FORCLUSION:
            return _refus("La date de publication du jugement d'ouverture au BODACC n'est pas enregistrée : le délai "
                          "du relevé de forclusion en dépend (L622-26 C. com.) ; ajoutez-la aux faits de l'étape "
                          "(touche r)")
        return Avis(Verdict.AVERTI, ("La date de publication au BODACC n'est pas enregistrée : la créance doit être "
                                     "déclarée dans les 2 mois de cette publication (L622-24, R622-24 C. com.) ; "
                                     "ajoutez-la aux faits de l'étape (touche r) pour suivre le délai",))
    declaration = declaration_de_creance(bodacc, e.creancier_hors_metropole)
    releve = releve_de_forclusion(bodacc)
    if acte is Acte.DECLARATION_CREANCE:
        if e.au > declaration.echeance:
            return _refus(f"Le délai de déclaration a expiré le {date_courte(declaration.echeance)}, "
                          f"{declaration.regle.split(' ;')[0]} : la créance ne peut plus être que relevée de la "
                          f"forclusion, par la requête en relevé de forclusion au juge-commissaire, au plus tard le "
                          f"{date_courte(releve.echeance)} (L622-26 C. com.)")
        return PERMIS
    if e.au <= declaration.echeance:
        return _refus(f"Le délai de déclaration court encore jusqu'au {date_courte(declaration.echeance)} : déclarez "
                      "la créance au mandataire judiciaire, sans relevé de forclusion (L622-24 C. com.)")
    if e.au > plus_mois(bodacc, 12):
        return _refus(f"Le relevé de forclusion ne peut plus être demandé : un an s'est écoulé depuis la publication "
                      f"au BODACC du {date_courte(bodacc)} (L622-26 C. com.)")
    if e.au > releve.echeance:
        return Avis(Verdict.AVERTI, (f"Le délai de 6 mois a expiré le {date_courte(releve.echeance)} : la requête "
                                     "n'est recevable que si le créancier montre qu'il ne pouvait pas connaître sa "
                                     "créance (délai porté à un an, L622-26 C. com.)",))
    return PERMIS


def _date_bodacc(dossier: Dossier) -> dt.date | None:
    passage = dossier.dernier_passage(Etape.PROCEDURE_COLLECTIVE)
    return passage.fait_date("date_bodacc") if passage else None


_PAS_DE_SAISIE = ("les biens d'une personne publique sont insaisissables (L2311-1 CG3P) et sa dette relève du juge "
                  "administratif")


def _secteur_public(e: Etat, acte: Acte) -> Avis:
    public = e.dossier.debiteur.secteur_public
    if acte in (Acte.REFERE_ADMINISTRATIF, Acte.MANDATEMENT_OFFICE) and not public:
        return _refus("Ce document vise une personne publique (tribunal administratif, mandatement d'office) : "
                      "le débiteur n'est pas marqué « secteur public » dans sa fiche (touche d)")
    if not public:
        return PERMIS
    interdits = {
        Acte.INJONCTION: "Pas d'injonction de payer contre une personne publique : ",
        Acte.PETITES_CREANCES: "Pas de procédure de petites créances contre une personne publique : ",
        Acte.REFERE: "Pas de référé devant le juge judiciaire contre une personne publique : ",
        Acte.FOND: "Pas d'assignation devant le juge judiciaire contre une personne publique : ",
        Acte.TRANSMISSION_COMMISSAIRE: "Pas d'exécution forcée par un commissaire de justice contre une personne "
                                       "publique : ",
        Acte.FICHE_SYNTHESE: "Pas de dossier à confier à un commissaire de justice contre une personne publique : ",
    }
    if acte is Acte.ECHEANCIER:
        return _refus("Une personne publique paie par mandatement de son comptable public, dans le délai de paiement "
                      "(art. R2192-10 CCP) : pas d'échéancier ; demandez la date prévue du mandatement")
    if acte in interdits:
        suite = ("demandez le référé-provision au tribunal administratif (R541-1 CJA), puis le mandatement d'office "
                 "(loi n° 80-539 du 16 juillet 1980)")
        return _refus(interdits[acte] + _PAS_DE_SAISIE + " ; " + suite)
    if acte is Acte.MANDATEMENT_OFFICE:
        decision = e.dossier.dernier_passage(*_TITRE_OBTENU)
        if decision is None:
            return _refus("Le mandatement d'office exécute une décision de justice passée en force de chose jugée : "
                          "enregistrez d'abord la décision (étape « Titre exécutoire », touche s)")
        notification = decision.fait_date("date_signification")
        depart = notification or decision.date
        if e.au <= plus_mois(depart, 2):
            quand = (f"notifiée le {date_courte(notification)}" if notification
                     else "dont la notification n'est pas enregistrée (comptée ici du jour où elle a été rendue)")
            return Avis(Verdict.AVERTI, (
                f"La personne publique dispose de deux mois à compter de la notification de la décision pour payer "
                f"(art. 1er, II, loi n° 80-539) : décision {quand}, délai jusqu'au {date_courte(plus_mois(depart, 2))}",))
    return PERMIS


def _etranger(e: Etat, acte: Acte) -> Avis:
    if e.dossier.debiteur.localisation is not Localisation.ETRANGER or acte not in _JUDICIAIRES:
        return PERMIS
    if acte in (Acte.INJONCTION, Acte.PETITES_CREANCES):
        return _refus("Débiteur établi à l'étranger : l'injonction de payer et la procédure de petites créances "
                      "françaises ne s'appliquent pas ; voyez l'injonction de payer européenne (règlement CE "
                      "1896/2006) avec votre avocat")
    return Avis(Verdict.AVERTI, ("Débiteur établi à l'étranger : la compétence du juge français est à vérifier "
                                 "(règlement UE 1215/2012 dit Bruxelles I bis)",))


def _mise_en_demeure_d_abord(e: Etat, acte: Acte) -> Avis:
    """No court before the time the mise en demeure gives has run out (art. 1344 C. civ.), unless
    the user recorded an urgency. A stage already on a court route was checked when it was reached."""
    if acte not in _JUDICIAIRES or e.dossier.etape in ROUTES or e.dossier.etape in _TITRE_OBTENU:
        return PERMIS
    d = e.dossier
    med = mise_en_demeure_du_dossier(d, e.delai_mise_en_demeure)
    if med is None:
        probleme = ("Aucune mise en demeure n'est enregistrée : le débiteur doit d'abord être mis en demeure de payer "
                    "(art. 1344 C. civ.) ; envoyez-la et passez le dossier à l'étape « Mise en demeure »")
    else:
        fin = med.fin
        if fin is None:
            probleme = (f"Le débiteur demeurant {d.debiteur.localisation.libelle.lower()}, le délai de la mise en "
                        f"demeure du {date_courte(med.envoi)} court de sa réception (art. 1344 C. civ.) : enregistrez la "
                        "date de l'avis de réception (faits de l'étape, touche r)")
        elif e.au <= fin.echeance:
            probleme = (f"Le délai laissé par la mise en demeure court jusqu'au {date_courte(fin.echeance)} inclus, "
                        f"{fin.regle} : la voie judiciaire s'ouvre le {date_courte(fin.echeance + UN_JOUR)}")
        else:
            return PERMIS
    if e.urgence:
        return Avis(Verdict.AVERTI, (f"{probleme} ; urgence invoquée : {e.urgence}",))
    return _refus(f"{probleme} ; en cas d'urgence, inscrivez-en le motif (touche u, ou « recouvrement urgence »)")


# How far the chain may have gone for a reminder still to tell the truth: a "relance amiable" after
# the last reminder or the mise en demeure, or any reminder once a court is seized, misleads the
# debtor on where the recovery stands (L121-2 C. conso. for a consumer).
_RELANCE_JUSQU_A = {
    Acte.RELANCE_PREVENTIVE: (Etape.NOUVEAU, Etape.RELANCE_PREVENTIVE),
    Acte.RELANCE: (Etape.NOUVEAU, Etape.RELANCE_PREVENTIVE, Etape.RELANCE_AMIABLE),
    # After the mise en demeure, the ferme reminder recalls it instead of announcing it.
    Acte.RELANCE_FERME: (Etape.NOUVEAU, Etape.RELANCE_PREVENTIVE, Etape.RELANCE_AMIABLE, Etape.RELANCE_FERME,
                         Etape.MISE_EN_DEMEURE),
}


def _ordre_des_relances(e: Etat, acte: Acte) -> Avis:
    d = e.dossier
    if acte in _RELANCE_JUSQU_A or acte is Acte.ECHEANCIER:
        if d.etape is Etape.ECHEANCIER:
            return _refus("Un échéancier est en cours : les échéances convenues lient le créancier (art. 1103 "
                          "C. civ.) ; réclamez l'échéance impayée, ou constatez la défaillance de l'échéancier "
                          "(étape suivante, touche s) avant de réclamer le tout")
    permises = _RELANCE_JUSQU_A.get(acte)
    if permises is None:
        return PERMIS
    etape = d.etape_de_la_chaine
    if etape not in permises:
        quoi = {Acte.RELANCE_PREVENTIVE: "une relance préventive", Acte.RELANCE: "une relance amiable",
                Acte.RELANCE_FERME: "une relance"}[acte]
        return _refus(f"Le dossier en est à l'étape « {etape.libelle} » : {quoi} ne dirait plus où en est le "
                      "recouvrement (les relances suivent l'ordre de la chaîne)")
    return PERMIS


def _conditions_de_la_voie(e: Etat, acte: Acte) -> Avis:
    d = e.dossier
    etape = d.etape_de_la_chaine
    cible = _ETAPE_DE_L_ACTE.get(acte)
    if cible is not None and etape in _TITRE_OBTENU:
        return _refus("Un titre exécutoire est déjà obtenu : il reste à le faire signifier et exécuter, pas à saisir "
                      "de nouveau un juge")
    if cible is not None and etape in ROUTES and etape is not cible:
        suites = transitions_possibles(d.situation(e.exigible))
        if cible not in suites:
            return _refus(f"La voie « {etape.libelle} » est engagée : elle ne se poursuit que par "
                          + ", ".join(f"« {s.libelle} »" for s in suites if s in ROUTES or s in _TITRE_OBTENU)
                          + " (suivez la chaîne de recouvrement)")
    if acte is Acte.PETITES_CREANCES and not petite_creance(e.exigible):
        return _refus(f"La procédure simplifiée de petites créances est limitée à {montant(PLAFOND_PETITES_CREANCES)}, "
                      f"intérêts compris (L125-1 CPCE) : {montant(e.exigible)} sont dus")
    if acte is Acte.REFERE and d.etape is Etape.LITIGE:
        return _refus("Le référé-provision suppose une obligation non sérieusement contestable (art. 835 et 873 CPC) : "
                      "une contestation est ouverte")
    if acte is Acte.INJONCTION and d.etape is Etape.LITIGE:
        return Avis(Verdict.AVERTI, ("Une contestation est ouverte : une opposition du débiteur est probable et "
                                     "renverra l'affaire au fond (art. 1412 CPC)",))
    if acte in (Acte.REFERE, Acte.FOND) and etape is cible:
        # The route's own move (a pause since then records no hearing of its own).
        passage = d.dernier_passage(cible)
        audience = passage.fait_date("date_audience") if passage else None
        if audience and audience < e.au:
            return _refus(f"L'audience du {date_courte(audience)} est passée : enregistrez la nouvelle date d'audience "
                          "(faits de l'étape, touche r) avant de préparer l'assignation")
    if acte in (Acte.INJONCTION, Acte.REFERE, Acte.FOND) and e.tribunal.nature is NatureJuridiction.ADMINISTRATIF:
        return _refus("Ce débiteur relève du juge administratif")
    if acte is Acte.TRANSMISSION_COMMISSAIRE:
        return _transmission(e)
    return PERMIS


def _transmission(e: Etat) -> Avis:
    d = e.dossier
    if d.etape is Etape.INJONCTION_DE_PAYER:
        passage = d.passage_courant
        if passage is None or passage.fait_date("date_ordonnance") is None:
            return _refus("L'ordonnance d'injonction de payer n'est pas enregistrée : rien à faire signifier "
                          "(faits de l'étape, touche r)")
        return PERMIS
    if d.etape in _TITRE_OBTENU or any(p.vers in _TITRE_OBTENU for p in d.passages):
        return PERMIS
    return _refus("Aucun titre exécutoire ni ordonnance à faire signifier n'est enregistré : le commissaire de "
                  "justice n'a rien à exécuter")


_REGLES = (_cloture, _date_du_document, _procedure_collective, _secteur_public, _etranger, _somme_due,
           _ordre_des_relances, _mise_en_demeure_d_abord, _conditions_de_la_voie)


def avis_acte(e: Etat, acte: Acte) -> Avis:
    """Whether `acte` may be produced for the dossier at `e.au`."""
    return _combiner(regle(e, acte) for regle in _REGLES)


def avis_document(e: Etat, acte: Acte, natures: Sequence[str] = ()) -> Avis:
    """A template: its act's rules, and the kind of court it is written for (`natures`, () = any)."""
    avis = avis_acte(e, acte)
    if avis.refuse:
        return avis
    a_determiner = e.tribunal.a_determiner
    if acte in (Acte.INJONCTION, Acte.REFERE, Acte.FOND) and a_determiner and not juridiction_enregistree(e.dossier.passages):
        return _refus(f"Le tribunal compétent n'est pas déterminé (art. 1406 CPC) : {a_determiner}")
    if not natures:
        return avis
    nature = e.tribunal.nature
    if nature.value not in natures:
        return _refus(f"Ce modèle n'est pas écrit pour la juridiction de ce débiteur, qui relève {_RELEVE_DE[nature]} "
                      "(art. 1406 CPC et L721-3 C. com.)")
    return avis


_RELEVE_DE = {
    NatureJuridiction.COMMERCE: "du tribunal de commerce",
    NatureJuridiction.TAE: "du tribunal des activités économiques",
    NatureJuridiction.CHAMBRE_COMMERCIALE: "de la chambre commerciale du tribunal judiciaire",
    NatureJuridiction.JUDICIAIRE: "du tribunal judiciaire",
    NatureJuridiction.ETRANGER: "d'une juridiction à déterminer (débiteur établi à l'étranger)",
    NatureJuridiction.ADMINISTRATIF: "du juge administratif (débiteur public)",
}


# --- moves along the chain -------------------------------------------------------------------

# The act a move to a stage amounts to, for the rules above.
_ACTE_DU_PASSAGE = {
    Etape.RELANCE_PREVENTIVE: Acte.RELANCE_PREVENTIVE,
    Etape.RELANCE_AMIABLE: Acte.RELANCE,
    Etape.RELANCE_FERME: Acte.RELANCE_FERME,
    Etape.MISE_EN_DEMEURE: Acte.MISE_EN_DEMEURE,
    Etape.PETITES_CREANCES: Acte.PETITES_CREANCES,
    Etape.INJONCTION_DE_PAYER: Acte.INJONCTION,
    Etape.ASSIGNATION_AU_FOND: Acte.FOND,
    Etape.ECHEANCIER: Acte.ECHEANCIER,
}


def _acte_du_passage(e: Etat, vers: Etape) -> Acte | None:
    if vers is Etape.REFERE_PROVISION:
        return Acte.REFERE_ADMINISTRATIF if e.dossier.debiteur.secteur_public else Acte.REFERE
    return _ACTE_DU_PASSAGE.get(vers)


def avis_passage(e: Etat, vers: Etape) -> Avis:
    """Whether the dossier may move to `vers` on `e.au`: the chain's order (procedure), then the
    rules of the act the move amounts to. Moves that record a fact (a titre, a closure, a pause)
    only follow the chain; the date's own checks stay with the move (Dossier.changer_etape)."""
    situation = e.dossier.situation(e.exigible)
    acte = _acte_du_passage(e, vers)
    if acte is not None and vers in ROUTES:
        # A court route's own rules say more than "not offered from here" (why, and what to do).
        avis = _combiner(regle(e, acte) for regle in _REGLES if regle is not _date_du_document)
        if avis.refuse:
            return avis
        if motif := pourquoi_impossible(situation, vers):
            return _refus(motif)
        return avis
    if motif := pourquoi_impossible(situation, vers):
        return _refus(motif)
    if acte is None:
        return PERMIS
    if vers is Etape.ECHEANCIER:
        return _combiner(regle(e, acte) for regle in (_cloture, _procedure_collective, _somme_due))
    return _combiner(regle(e, acte) for regle in _REGLES if regle is not _date_du_document)


def candidats_passage(e: Etat) -> list[Etape]:
    """The stages shown to the user from here, the refused ones included (greyed, with their reason):
    what the chain offers, and the court routes a user would look for at an amicable stage."""
    d = e.dossier
    if d.etape is Etape.CLOTURE:
        return []
    situation = d.situation(e.exigible)
    offerts = transitions_possibles(situation)
    if d.etape is Etape.PROCEDURE_COLLECTIVE:
        return [*ROUTES, Etape.ECHEANCIER, *offerts]
    base = d.etape_de_la_chaine
    candidats = list(offerts)
    if base in AMIABLES:
        position = next((i for i, x in enumerate(candidats) if x in LATERALES or x is Etape.PROCEDURE_COLLECTIVE),
                        len(candidats))
        manquantes = [r for r in ROUTES if r not in candidats]
        candidats[position:position] = manquantes
    return list(dict.fromkeys(candidats))


def passages(e: Etat) -> list[tuple[Etape, Avis]]:
    """Every stage shown from here with the guard's answer."""
    return [(vers, avis_passage(e, vers)) for vers in candidats_passage(e)]


__all__ = [
    "Acte",
    "Avis",
    "Etat",
    "Verdict",
    "avis_acte",
    "avis_document",
    "avis_passage",
    "candidats_passage",
    "dernier_fait",
    "en_procedure_collective",
    "etat",
    "passages",
]
