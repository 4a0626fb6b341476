"""The call sheet: what to say when calling the debtor, filled for this dossier.

`fiche_appel` writes it as French recovery guides put it: what is due and its overdue invoices, a
request for a payment date (or the promise awaited, or the plan's next or missed instalment),
what already runs and what comes next where the chain stands (a mise en demeure, the court route
under way, the title's enforcement), and what was already said and sent. In a procédure
collective it asks no payment and threatens nothing (L622-7, L622-21 C. com.): only what the
claim's declaration needs. The call itself, its outcome and what it changes are domain.appel's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from recouvrement_tui.domain.appel import FAIT_CONTESTATION, FAIT_PROMESSE, Issue, appel_en_vigueur
from recouvrement_tui.domain.etapes import Etape, TypeEvenement
from recouvrement_tui.domain.formatage import date_courte, date_longue, montant
from recouvrement_tui.domain.garde import en_procedure_collective
from recouvrement_tui.domain.money import ZERO
from recouvrement_tui.domain.plan_de_paiement import PlanEnCours, plan_en_cours

if TYPE_CHECKING:
    from recouvrement_tui.domain.decompte import Decompte
    from recouvrement_tui.domain.model import Debiteur, Dossier

# --- the call sheet --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SectionFiche:
    titre: str
    lignes: tuple[str, ...]


@dataclass(frozen=True)
class FicheAppel:
    """What to say on the phone, by section; `contact` and `telephone` prefill the outcome's form."""

    sections: tuple[SectionFiche, ...]
    contact: str
    telephone: str

    @property
    def texte(self) -> str:
        return "\n\n".join("\n".join((s.titre, *(f"  {ligne}" for ligne in s.lignes))) for s in self.sections)


def contact_appele(debiteur: Debiteur) -> str:
    """Who a call reaches when the user does not say: "name (phone)" from qui_appeler."""
    nom, telephone = qui_appeler(debiteur)
    return f"{nom} ({telephone})" if telephone else nom


def qui_appeler(debiteur: Debiteur) -> tuple[str, str]:
    """(name, phone) to call: the reminder contact when it has a phone, else the debtor's number."""
    relance = debiteur.contact_relance
    if relance.telephone:
        nom = relance.nom + (f" ({relance.fonction})" if relance.fonction else "")
        return nom or debiteur.nom_complet, relance.telephone
    return (relance.nom or debiteur.nom_complet), debiteur.telephone


def _jours(n: int) -> str:
    return f"{n} jour{'s' if n > 1 else ''}"


# --- overseas debtors: the time where they are ------------------------------------------------------


@dataclass(frozen=True)
class Fuseau:
    """Where an overseas debtor is, for the time of day there: its IANA zone, and its standard
    offset from UTC (used when the computer has no time-zone database)."""

    lieu: str
    nom: str
    decalage: dt.timedelta


def _fuseau(lieu: str, nom: str, heures: int) -> Fuseau:
    return Fuseau(lieu, nom, dt.timedelta(hours=heures))


# By postal code (the département or collectivité's first three digits); Saint-Barthélemy (97133)
# and Saint-Martin (97150) share Guadeloupe's codes and its time.
_FUSEAUX = {
    "971": _fuseau("Guadeloupe", "America/Guadeloupe", -4),
    "972": _fuseau("Martinique", "America/Martinique", -4),
    "973": _fuseau("Guyane", "America/Cayenne", -3),
    "974": _fuseau("La Réunion", "Indian/Reunion", 4),
    "975": _fuseau("Saint-Pierre-et-Miquelon", "America/Miquelon", -3),
    "976": _fuseau("Mayotte", "Indian/Mayotte", 3),
    "986": _fuseau("Wallis-et-Futuna", "Pacific/Wallis", 12),
    "987": _fuseau("Polynésie française", "Pacific/Tahiti", -10),
    "988": _fuseau("Nouvelle-Calédonie", "Pacific/Noumea", 11),
}


def fuseau_du_debiteur(debiteur: Debiteur) -> Fuseau | None:
    """The time zone of a debtor overseas, from its French postal code; None in metropolitan France,
    abroad, or without a postal code."""
    adresse = debiteur.adresse
    if adresse.pays and adresse.pays.strip().casefold() not in ("france", "fr"):
        return None
    return _FUSEAUX.get(adresse.code_postal.strip()[:3])


# --- what the sheet says, stage by stage ------------------------------------------------------------

_ROUTES = (Etape.INJONCTION_DE_PAYER, Etape.REFERE_PROVISION, Etape.ASSIGNATION_AU_FOND, Etape.PETITES_CREANCES)
# The decision a title comes from, by the route taken before it: (how it is named, feminine).
_DECISIONS = {
    Etape.INJONCTION_DE_PAYER: ("l'ordonnance portant injonction de payer", True),
    Etape.REFERE_PROVISION: ("l'ordonnance de référé", True),
    Etape.ASSIGNATION_AU_FOND: ("le jugement", False),
    Etape.PETITES_CREANCES: ("le titre exécutoire", False),
}


def _majuscule(texte: str) -> str:
    return texte[:1].upper() + texte[1:]


def _devant(juridiction: str) -> str:
    """" devant le Tribunal judiciaire de Lyon", as typed; "" when not recorded."""
    juridiction = juridiction.strip()
    if not juridiction:
        return ""
    article = "" if juridiction.casefold().startswith(("le ", "la ", "l'", "les ")) else "le "
    return f" devant {article}{juridiction}"


def _rappels(dossier: Dossier) -> list[str]:
    """What already runs against this debtor, as its law says it (recalled, not threatened)."""
    d = dossier.debiteur
    if d.secteur_public:
        return ["« Je vous rappelle que des intérêts moratoires courent de plein droit depuis l'expiration du délai "
                "de paiement (taux de la BCE majoré de 8 points), avec l'indemnité forfaitaire de 40 € pour frais "
                "de recouvrement (art. L2192-13, R2192-31 et D2192-35 du Code de la commande publique). »"]
    if d.non_professionnel_ou_consommateur:
        return ["« Je vous rappelle que des intérêts au taux légal courent à compter de la mise en demeure "
                "(art. 1344-1 du Code civil). »"]
    return ["« Je vous rappelle que des pénalités de retard courent déjà depuis le lendemain de l'échéance "
            "(art. L441-10 du Code de commerce), et qu'une indemnité forfaitaire de 40 € par facture est due pour "
            "frais de recouvrement (art. D441-5). »"]


def _decision_du_titre(dossier: Dossier) -> str:
    """"l'ordonnance portant injonction de payer du 21 septembre 2026": the decision the title comes
    from, dated by the route's own facts (the ordonnance's or the judgment's date), else by the title."""
    titre = dossier.dernier_passage(Etape.TITRE_EXECUTOIRE)
    route = None
    for passage in dossier.passages:
        if passage is titre:
            break
        if passage.vers in _ROUTES:
            route = passage
    nom = _DECISIONS[route.vers][0] if route is not None else "la décision"
    date = None
    if route is not None and route.vers is not Etape.PETITES_CREANCES:
        date = route.fait_date("date_ordonnance") or route.fait_date("date_jugement")
    date = date or (titre.date if titre else None)
    return nom + (f" du {date_longue(date)}" if date else "")


def _commissaire(qui: str) -> str:
    """"Me Roux, commissaire de justice", unless the name as typed already says it."""
    return qui if "commissaire" in qui.casefold() else f"{qui}, commissaire de justice"


def _titre(dossier: Dossier) -> str:
    """The title is enforceable: what a commissaire de justice does, or was asked to do."""
    decision = _majuscule(_decision_du_titre(dossier))
    execution = dossier.dernier_passage(Etape.EXECUTION) if dossier.etape_de_la_chaine is Etape.EXECUTION else None
    if execution is not None and (qui := execution.faits.get("intervenant", "").strip()):
        return (f"« {decision} est exécutoire : son exécution a été confiée le {date_courte(execution.date)} à "
                f"{_commissaire(qui)}. »")
    return f"« {decision} est exécutoire : sans paiement, un commissaire de justice sera chargé de son exécution. »"


def _procedure_en_cours(dossier: Dossier, etape: Etape, au: dt.date) -> str:
    """The court route under way, as recorded: no « nous saisirons la justice », it is done."""
    passage = dossier.dernier_passage(etape)
    if passage is None:
        return "« Une procédure judiciaire est en cours. »"
    devant = _devant(passage.faits.get("juridiction", ""))
    jour = passage.fait_date
    if etape is Etape.PETITES_CREANCES:
        qui = passage.faits.get("intervenant", "").strip()
        par = f" par {_commissaire(qui)}" if qui else ""
        return (f"« La procédure simplifiée de recouvrement des petites créances a été engagée le "
                f"{date_courte(passage.date)}{par} : la procédure est en cours. »")
    if etape is Etape.INJONCTION_DE_PAYER:
        ordonnance, signification, opposition = jour("date_ordonnance"), jour("date_signification"), jour("date_opposition")
        nom = "l'ordonnance portant injonction de payer"
        if ordonnance and opposition:
            return (f"« Vous avez formé opposition le {date_courte(opposition)} à {nom} du {date_longue(ordonnance)} : "
                    f"l'affaire sera jugée{devant}. »")
        if ordonnance and signification:
            return (f"« {_majuscule(nom)} du {date_longue(ordonnance)} vous a été signifiée le "
                    f"{date_courte(signification)} : faute d'opposition dans le délai, un commissaire de justice sera "
                    "chargé de son exécution. »")
        if ordonnance:
            return (f"« {_majuscule(nom)} a été rendue le {date_longue(ordonnance)}{devant.replace(' devant', ' par')} ; "
                    "elle vous sera signifiée par un commissaire de justice. »")
        return (f"« Une requête en injonction de payer a été déposée le {date_courte(passage.date)}{devant} : la "
                "procédure est en cours. »")
    # Référé-provision or fond: an assignation, then a hearing, then a decision.
    nom, feminin = _DECISIONS[etape]
    decision = jour("date_ordonnance") or jour("date_jugement")
    if decision:
        rendu = "rendue" if feminin else "rendu"
        return (f"« {_majuscule(nom)} du {date_longue(decision)} a été {rendu} : sans paiement, un commissaire de "
                "justice sera chargé de son exécution. »")
    quoi = "en référé-provision" if etape is Etape.REFERE_PROVISION else "au fond"
    texte = f"« Une assignation {quoi} vous a été délivrée le {date_courte(passage.date)}{devant}"
    if audience := jour("date_audience"):
        texte += (f" ; l'audience est fixée au {date_courte(audience)}" if audience >= au else
                  f" ; l'audience s'est tenue le {date_courte(audience)}")
    return texte + " : la procédure est en cours. »"


def _suite_a_defaut(dossier: Dossier, au: dt.date) -> str:
    """What comes next if the debtor does not pay, where the chain stands: a mise en demeure to come,
    one sent (then a court), the court route under way, or the title to enforce."""
    d = dossier.debiteur
    chaine = dossier.etape_de_la_chaine
    if chaine in (Etape.TITRE_EXECUTOIRE, Etape.EXECUTION):
        return _titre(dossier)
    if chaine in _ROUTES:
        return _procedure_en_cours(dossier, chaine, au)
    envoi = dossier.date_mise_en_demeure
    if envoi is None:
        return ("« À défaut de paiement à la date convenue, une mise en demeure vous sera adressée par lettre "
                "recommandée avec avis de réception, avant toute action en justice. »")
    recours = "le tribunal administratif" if d.secteur_public else "la justice"
    return (f"« Je vous rappelle qu'une mise en demeure vous a été adressée le {date_courte(envoi)} : sans paiement, "
            f"nous saisirons {recours}. »")


@dataclass(frozen=True)
class _Promesse:
    jusquau: dt.date
    montant: Decimal | None = None
    faite_le: dt.date | None = None


def _promesse_en_cours(dossier: Dossier) -> _Promesse | None:
    """The promise the dossier awaits: the latest call's when it stands (it may renew the one that
    moved the dossier), else the stage's fact."""
    if dossier.etape is not Etape.PROMESSE:
        return None
    appel = appel_en_vigueur(dossier.appels, dossier.etape, dossier.etape_depuis)
    if appel is not None and appel.issue is Issue.PROMESSE and appel.date is not None:
        return _Promesse(appel.date, appel.montant, appel.horodatage.date())
    passage = dossier.dernier_passage(Etape.PROMESSE)
    jusquau = passage.fait_date(FAIT_PROMESSE) if passage else None
    return _Promesse(jusquau, None, passage.date) if passage and jusquau else None


def _texte_promesse(promesse: _Promesse) -> str:
    """"1 200,00 € au plus tard le 30/11/2026"."""
    somme = f"{montant(promesse.montant)} " if promesse.montant is not None else ""
    return f"{somme}au plus tard le {date_courte(promesse.jusquau)}"


def _rappel_promesse(dossier: Dossier, promesse: _Promesse, au: dt.date) -> str:
    """The promise recalled: confirm it while its day has not passed, else ask when (what was paid since said)."""
    le = f"Le {date_courte(promesse.faite_le)}, vous" if promesse.faite_le else "Vous"
    paiement = ("un paiement " + ("de " if promesse.montant is not None else "")) + _texte_promesse(promesse)
    if au <= promesse.jusquau:
        return f"« {le} nous avez promis {paiement} : pouvez-vous me confirmer qu'il sera bien effectué à cette date ? »"
    depuis = promesse.faite_le or dossier.etape_depuis or au
    recu = sum((p.montant for p in dossier.paiements if p.date >= depuis), ZERO)
    if not recu:
        return f"« {le} nous avez promis {paiement} ; nous ne l'avons pas reçu : à quelle date sera-t-il effectué ? »"
    if promesse.montant is not None and recu < promesse.montant:
        return (f"« {le} nous avez promis {paiement} ; nous n'en avons reçu que {montant(recu)} : à quelle date "
                "le reste sera-t-il réglé ? »")
    return (f"« {le} nous avez promis {paiement} ; nous avons bien reçu {montant(recu)} depuis : à quelle date le "
            "solde sera-t-il réglé ? »")


def _discours_echeancier(plan: PlanEnCours, au: dt.date) -> list[str]:
    """A plan under way: the next instalment, the previous one received, the missed one asked about."""
    lignes = [f"« Je vous appelle au sujet de l'échéancier convenu le {date_courte(plan.debut)} : {plan.nombre} "
              f"échéance{'s' if plan.nombre > 1 else ''} mensuelle{'s' if plan.nombre > 1 else ''} de "
              f"{montant(plan.par_echeance)} à partir du {date_courte(plan.premiere)}. »"]
    if precedente := plan.precedente:
        lignes.append(f"« Nous avons bien reçu l'échéance n° {precedente.rang} du {date_courte(precedente.date)} : merci. »")
    prochaine = plan.prochaine
    if prochaine is None:
        return [*lignes, "« Toutes les échéances du plan sont réglées : merci. »",
                "Plan respecté jusqu'au bout : clôturez le dossier."]
    reste = prochaine.montant - plan.reliquat
    somme = montant(prochaine.montant) if not plan.reliquat else (
        f"{montant(reste)} restant à payer sur {montant(prochaine.montant)}")
    if prochaine.date < au:
        return [*lignes,
                f"« L'échéance n° {prochaine.rang} du {date_courte(prochaine.date)} ({somme}) ne nous est pas "
                "parvenue : quand pouvez-vous la régler ? »",
                "« Si le paiement est déjà parti : à quelle date et par quel moyen ? » (pour le rapprocher)",
                "Si l'échéance n'est pas réglée : le plan n'est pas respecté ; vérifiez sa clause de déchéance du "
                "terme avant de réclamer le solde, et reprenez le recouvrement (s)."]
    return [*lignes, f"« La prochaine échéance, n° {prochaine.rang} sur {plan.nombre}, de {somme}, est attendue le "
                     f"{date_courte(prochaine.date)}. »"]


_PROCEDURES_COLLECTIVES = (  # (a word of the recorded nature, how the sentence names it)
    ("sauvegarde", "de la procédure de sauvegarde ouverte"),
    ("redressement", "du redressement judiciaire ouvert"),
    ("liquidation", "de la liquidation judiciaire ouverte"),
)


def _discours_procedure_collective(dossier: Dossier) -> list[str]:
    """No payment asked, no threat (L622-7, L622-21 C. com.): only what the declaration needs."""
    collective = dossier.dernier_passage(Etape.PROCEDURE_COLLECTIVE)
    faits = collective.faits if collective else {}
    nature = faits.get("nature", "").casefold()
    quoi = next((texte for mot, texte in _PROCEDURES_COLLECTIVES if mot in nature), "de la procédure collective ouverte")
    ouverture = dossier.conditions.date_jugement_ouverture or (collective.date if collective else None)
    quand = f" le {date_courte(ouverture)}" if ouverture else ""
    par = _devant(faits.get("juridiction", "")).replace(" devant", " par")
    lignes = [f"« Je vous appelle au sujet {quoi}{quand}{par}, pour la déclaration de notre créance. »"]
    mandataire = faits.get("mandataire", "").strip()
    if mandataire:
        adresse = faits.get("adresse_mandataire", "").strip()
        ou = f", {adresse}" if adresse else ""
        lignes.append(f"« Le mandataire judiciaire désigné est-il bien {mandataire}{ou} ? Avez-vous ses coordonnées "
                      "(téléphone, courriel) ? »")
    else:
        lignes.append("« Pouvez-vous me donner le nom et les coordonnées du mandataire judiciaire désigné ? »")
    lignes.append("« Notre créance figure-t-elle sur la liste des créanciers que vous avez remise au mandataire "
                  "judiciaire ? » (art. L622-6 C. com.)")
    if dossier.a_genere("declaration_creance"):
        lignes.append("« Nous avons déclaré notre créance au mandataire judiciaire : vous a-t-il informé l'avoir "
                      "reçue ? »")
    else:
        lignes.append("Déclarez la créance au mandataire judiciaire dans le délai (modèle « déclaration de créance »).")
    lignes += [
        "Ne réclamez aucun paiement, n'acceptez aucune promesse et n'annoncez aucune poursuite : le paiement des "
        "créances antérieures au jugement est interdit (L622-7 C. com.) et les poursuites sont suspendues (L622-21).",
        "Restez courtois et factuel ; notez ce qui est dit.",
    ]
    return lignes


_HISTORIQUE = (TypeEvenement.APPEL, TypeEvenement.COURRIEL, TypeEvenement.DOCUMENT, TypeEvenement.ETAPE)
HISTORIQUE_MAX = 12


def fiche_appel(
    dossier: Dossier,
    au: dt.date,
    decompte: Decompte | None,
    *,
    creancier: str = "",
    sans_decompte: str = "",
    heure_debiteur: dt.datetime | None = None,
) -> FicheAppel:
    """The call sheet of `dossier` on `au`. `decompte` is what is owed on `au` (None when it cannot be
    worked out: `sans_decompte` says why, and the principal stands for what is due). `heure_debiteur`:
    the time where an overseas debtor is (fuseau_du_debiteur; the caller reads the clock)."""
    d = dossier.debiteur
    contact, telephone = qui_appeler(d)
    sections: list[SectionFiche] = []
    collective = en_procedure_collective(dossier)
    promesse = _promesse_en_cours(dossier)

    alertes: list[str] = []
    if collective:
        alertes.append("Débiteur en procédure collective : ne réclamez aucun paiement des factures antérieures "
                       "au jugement (L622-7 et L622-21 C. com.) ; déclarez la créance au mandataire.")
    if dossier.etape is Etape.CLOTURE:
        alertes.append("Le dossier est clôturé : l'appel sera noté au journal, sans autre effet.")
    if dossier.etape is Etape.LITIGE and (litige := dossier.dernier_passage(Etape.LITIGE)):
        alertes.append(f"Contestation en cours depuis le {date_courte(litige.date)} : "
                       f"{litige.faits.get(FAIT_CONTESTATION, 'motif non précisé')}. Écoutez les éléments du "
                       "débiteur avant de réclamer le paiement.")
    if promesse is not None:
        alertes.append(f"Le débiteur a promis de payer {_texte_promesse(promesse)}.")
    if not telephone:
        alertes.append("Aucun numéro de téléphone : renseignez-le dans la fiche du débiteur (d).")
    if alertes:
        sections.append(SectionFiche("À savoir avant d'appeler", tuple(alertes)))

    qui = [f"{contact} — {telephone or 'numéro inconnu'}",
           f"Débiteur : {d.nom_complet}" + (f" (SIREN {d.siren})" if d.siren else "")]
    if heure_debiteur is not None and (fuseau := fuseau_du_debiteur(d)):
        ligne = f"Heure locale du débiteur : {heure_debiteur.strftime('%H:%M')} ({fuseau.lieu})"
        if not 8 <= heure_debiteur.hour < 20:
            ligne += " : évitez d'appeler avant 8 h et après 20 h"
        qui.append(ligne)
    sections.append(SectionFiche("Qui appeler", tuple(qui)))

    # Principal left per invoice: the décompte's (payments go to costs and interest first, art.
    # 1343-1), else the plain allocation of payments to invoices.
    restant = dossier.restant_par_creance()
    if decompte is not None:
        restant = {**restant, **{x.creance.id: x.principal_du for x in decompte.creances}}
    echues = sorted((c for c in dossier.creances if c.date_echeance < au and restant[c.id] > 0),
                    key=lambda c: (c.date_echeance, c.numero))
    factures = tuple(
        f"Facture {c.numero} du {date_courte(c.date_facture)} : {montant(restant[c.id])} restant dû "
        f"sur {montant(c.montant_ttc)}, échue le {date_courte(c.date_echeance)}, "
        f"en retard de {_jours((au - c.date_echeance).days)}"
        for c in echues
    )
    if decompte is not None:
        exigible = decompte.total_exigible
        echues_decompte = decompte.creances_echues
        details = [f"principal {montant(sum((x.principal_du for x in echues_decompte), ZERO))}"]
        interets = sum((x.interets_dus for x in echues_decompte), ZERO)
        indemnites = sum((x.indemnite_due for x in echues_decompte), ZERO) + (
            decompte.frais_complementaires if echues_decompte else ZERO)
        if interets:
            details.append(f"intérêts {montant(interets)}")
        if indemnites:
            details.append(f"indemnités {montant(indemnites)}")
        sommes = [f"Montant dû ce jour : {montant(exigible)}"]
        sommes[0] += f" ({', '.join(details)}), d'après le décompte au {date_courte(au)}"
    else:
        exigible = sum((restant[c.id] for c in echues), ZERO)
        sommes = [f"Principal échu : {montant(exigible)} (intérêts non calculés : {sans_decompte})"]
    sections.append(SectionFiche("Ce qui est dû", (*sommes, *(factures or ("Aucune facture échue impayée.",)))))

    qui_parle = f"ici {creancier}, service recouvrement" if creancier else "ici le service recouvrement"
    discours = [f"« Bonjour, {qui_parle}. Pourrais-je parler à {contact} ? »"]
    if d.est_consommateur:
        discours.append("Ne parlez de la dette qu'au débiteur lui-même : ni à un proche, ni à un collègue, ni sur "
                        "un répondeur.")
    plan = plan_en_cours(dossier) if dossier.etape is Etape.ECHEANCIER else None
    if dossier.etape is Etape.CLOTURE:
        # Nothing is claimed from a closed dossier: the call is only noted (the guard refuses letters too).
        discours.append("Le dossier est clôturé : ne réclamez rien ; notez l'objet de l'appel (et rouvrez un "
                        "dossier si la dette renaît).")
    elif collective:
        discours += _discours_procedure_collective(dossier)
    elif plan is not None:
        discours += _discours_echeancier(plan, au)
        discours.append("Restez courtois et factuel ; notez ce qui est dit, promis ou contesté.")
    else:
        discours += _discours_recouvrement(dossier, au, len(echues), exigible, promesse)
    if d.non_professionnel_ou_consommateur and not d.secteur_public and not collective:
        qualite = "Débiteur consommateur" if d.est_consommateur else "Débiteur non professionnel"
        discours.append(f"{qualite} : pas de pénalités L441-10 ni d'indemnité de 40 €.")
    sections.append(SectionFiche("Ce qu'il faut dire", tuple(discours)))

    historique = [e for e in dossier.journal if e.type in _HISTORIQUE][-HISTORIQUE_MAX:]
    sections.append(SectionFiche("Appels et courriers précédents (les plus récents d'abord)", tuple(
        f"{e.horodatage.strftime('%d/%m/%Y %H:%M')} · {e.type.libelle} · {e.texte}" for e in reversed(historique)
    ) or ("Aucun appel ni courrier encore.",)))
    return FicheAppel(tuple(sections), contact, telephone)


def _discours_recouvrement(
    dossier: Dossier, au: dt.date, nombre: int, exigible: Decimal, promesse: _Promesse | None
) -> list[str]:
    """The usual call: the overdue invoices, a payment date asked (or the promise recalled), what
    already runs, and what comes next where the chain stands."""
    d = dossier.debiteur
    if nombre == 1:
        sujet = "d'une facture échue restée impayée"
    else:
        sujet = f"de {nombre} factures échues restées impayées"
    recue = "Les avez-vous bien reçues" if nombre > 1 else "L'avez-vous bien reçue"
    discours = [
        f"« Je vous appelle au sujet {sujet}, pour un montant de {montant(exigible)} à ce jour. »" if nombre else
        "« Je vous appelle au sujet de votre compte chez nous. »",
        f"« {recue} ? Y a-t-il une difficulté : une facture contestée, une livraison, une erreur ? »",
    ]
    if d.secteur_public:
        deposee = ("Les factures ont-elles été déposées" if nombre > 1 else "La facture a-t-elle été déposée")
        discours.append(f"« {deposee} sur Chorus Pro ? Le service fait est-il constaté ? Le mandatement est-il émis ? »")
    if promesse is not None:
        discours.append(_rappel_promesse(dossier, promesse, au))
    else:
        discours.append("« Pouvez-vous me confirmer la date à laquelle le paiement sera effectué, et son montant ? »")
    discours += [
        "« Si le paiement est déjà parti : à quelle date et par quel moyen ? » (pour le rapprocher)",
        *_rappels(dossier),
        _suite_a_defaut(dossier, au),
    ]
    if not d.secteur_public:  # a public buyer pays by mandatement: no plan to negotiate
        discours.append("Si le débiteur ne peut pas tout payer : proposez un échéancier.")
    discours.append("Restez courtois et factuel ; notez ce qui est dit, promis ou contesté.")
    return discours



__all__ = ["FicheAppel", "Fuseau", "SectionFiche", "contact_appele", "fiche_appel", "fuseau_du_debiteur", "qui_appeler"]
