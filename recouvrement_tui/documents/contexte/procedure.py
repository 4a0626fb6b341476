"""The facts of the procedure a document relies on: the mise en demeure and where its time stands,
each court route's own facts, the decision a title comes from, the injonction's lapse and
enforcement dates, the déclaration de créance, and the commissaire de justice's instruction."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from recouvrement_tui.documents.contexte.entree import Entree
from recouvrement_tui.documents.contexte.parties import avec_de
from recouvrement_tui.documents.contexte.sommes import en_chiffres_et_lettres, imputations_des_paiements
from recouvrement_tui.domain import echeances
from recouvrement_tui.domain.delais import zone_depuis_code_postal
from recouvrement_tui.domain.echeances import mise_en_demeure_du_dossier
from recouvrement_tui.domain.etapes import Etape
from recouvrement_tui.domain.formatage import (
    date_courte,
    date_longue,
    montant,
)
from recouvrement_tui.domain.model import (
    Dossier,
    Localisation,
)
from recouvrement_tui.domain.procedure import (
    FAITS_A_COMPLETER,
    FAITS_REQUIS,
    Passage,
)
from recouvrement_tui.domain.saisie import localisation_depuis_adresse

_LIBELLES_FAITS = {f.cle: f.libelle for champs in (*FAITS_REQUIS.values(), *FAITS_A_COMPLETER.values()) for f in champs}



def libelle_fait(etape: Etape, cle: str) -> str:
    """A fact's label as the stage that recorded it names it: an injonction's « Date de l'ordonnance »
    is not the référé's « Date de l'ordonnance de référé »."""
    for champ in (*FAITS_REQUIS.get(etape, ()), *FAITS_A_COMPLETER.get(etape, ())):
        if champ.cle == cle:
            return champ.libelle
    return _LIBELLES_FAITS.get(cle, cle)


def instruction_par_defaut(dossier: Dossier) -> str:
    """What the commissaire de justice is asked to do, from where the dossier stands, with the dates
    that bind him (an ordonnance's lapse, the day it may be enforced)."""
    etape = dossier.etape
    procedure = faits_de_procedure(dossier)
    decision = procedure["decision"]
    injonction = procedure["injonction"]
    if etape in (Etape.TITRE_EXECUTOIRE, Etape.EXECUTION, Etape.INJONCTION_DE_PAYER) and decision["voie"] == "injonction":
        return _instruction_injonction(injonction)
    if etape in (Etape.TITRE_EXECUTOIRE, Etape.EXECUTION):
        quoi = decision["libelle"] + (f" du {decision['date']}" if decision["date"] else "")
        if decision["date_signification"]:
            return (f"Poursuivre l'exécution forcée de la décision ({quoi}), signifiée le "
                    f"{decision['date_signification']}, pour le recouvrement des sommes dues.")
        return (f"Signifier la décision ({quoi}) au débiteur, puis procéder à son exécution forcée pour le "
                "recouvrement des sommes dues.")
    if etape is Etape.INJONCTION_DE_PAYER:
        return ("Ordonnance portant injonction de payer non encore rendue ou non enregistrée au dossier : la "
                "signifier dès réception, dans le délai de l'article 1411 du Code de procédure civile.")
    if etape is Etape.PETITES_CREANCES:
        return "Mettre en œuvre la procédure simplifiée de recouvrement des petites créances (art. L125-1 CPCE)."
    if etape in (Etape.REFERE_PROVISION, Etape.ASSIGNATION_AU_FOND):
        voie = procedure["refere" if etape is Etape.REFERE_PROVISION else "fond"]
        audience = f" (audience du {voie['date_audience']})" if voie["date_audience"] else ""
        return (f"Délivrer l'assignation jointe au débiteur et en assurer le placement au greffe dans le délai"
                f"{audience}.")
    if etape is Etape.PROCEDURE_COLLECTIVE:
        ouverture = procedure["date_jugement_ouverture"]
        texte = "Pour information : le débiteur fait l'objet d'une procédure collective"
        texte += f" ouverte le {ouverture}" if ouverture else ""
        if dossier.a_genere("declaration_creance"):
            return texte + " ; la créance a été déclarée au mandataire judiciaire. Aucune mesure d'exécution n'est à engager."
        return texte + ". Aucune mesure d'exécution n'est à engager (article L622-21 du Code de commerce)."
    return "Recouvrer la créance à l'amiable ; à défaut de paiement, nous indiquer la voie judiciaire à engager."


def _instruction_injonction(injonction: dict) -> str:
    """Serve the ordonnance before it lapses, or enforce it from the day no opposition can stop it."""
    if not injonction["date_ordonnance"]:
        return ("Signifier l'ordonnance portant injonction de payer dans le délai légal puis, à défaut d'opposition, "
                "procéder à son exécution.")
    rendue = f"l'ordonnance portant injonction de payer rendue le {injonction['date_ordonnance']}"
    if injonction["date_opposition"]:
        return (f"Opposition formée le {injonction['date_opposition']} contre {rendue} : aucune mesure d'exécution "
                "sur le fondement de cette ordonnance ; l'affaire sera jugée au fond.")
    if not injonction["date_signification"]:
        return (f"Signifier {rendue} au plus tard le {injonction['date_caducite']} : non signifiée dans les "
                f"{injonction['delai_signification']} de sa date, elle est non avenue (article 1411 du Code de "
                "procédure civile). Puis, à défaut d'opposition, procéder à son exécution.")
    return (f"{rendue[0].upper()}{rendue[1:]}, signifiée le {injonction['date_signification']}, peut être exécutée à "
            f"compter du {injonction['date_executoire']} si aucune opposition n'a été formée ({injonction['regle_executoire']}) : "
            "procéder alors à son exécution forcée.")


# --- procedure facts -----------------------------------------------------------------------


def etat_mise_en_demeure(dossier: Dossier, date: dt.date, delai_jours: int) -> dict | None:
    """The mise en demeure sent, if any: its date, its LRAR, and where its deadline stands on `date`.

    `anterieure`: sent before the document's date (a letter then says "depuis la mise en demeure
    du …", not "à compter de la présente"). `fin_delai`: the last day given to the debtor, None
    while it runs from a receipt not yet recorded (debtor overseas or abroad). `expiree`: that
    day has passed on `date` (a court filing may then say the letter "est restée sans effet").
    """
    med = mise_en_demeure_du_dossier(dossier, delai_jours)
    if med is None:
        return None
    envoi, reception, fin = med.envoi, med.reception, med.fin
    return {
        "date": date_longue(envoi),
        "date_courte": date_courte(envoi),
        "numero_lrar": med.numero_lrar,
        "anterieure": envoi < date,
        "date_reception": date_longue(reception) if reception else None,
        "fin_delai": date_longue(fin.echeance) if fin else None,
        "expiree": fin is not None and date > fin.echeance,
    }


def _fait(dossier: Dossier, cle: str) -> str | None:
    """The latest recorded value of a fact, whichever stage recorded it."""
    for passage in reversed(dossier.passages):
        if passage.faits.get(cle):
            return passage.faits[cle]
    return None


def _date_fait(dossier: Dossier, cle: str) -> str | None:
    valeur = _fait(dossier, cle)
    return date_longue(dt.date.fromisoformat(valeur)) if valeur else None


def faits_de_procedure(dossier: Dossier) -> dict:
    """Facts of the procedure. The old flat keys (numero_rg, date_audience…) keep their meaning, the
    latest value recorded at any stage, for templates users customised; the shipped acts read each
    route's own facts (injonction, refere, fond), so a fond after a référé never prints the référé's
    hearing, and `decision`, the decision the title comes from."""
    titre = dossier.dernier_passage(Etape.TITRE_EXECUTOIRE)
    collective = dossier.dernier_passage(Etape.PROCEDURE_COLLECTIVE)
    ouverture = dossier.conditions.date_jugement_ouverture or (collective.date if collective else None)
    zone = zone_depuis_code_postal(dossier.debiteur.adresse.code_postal)
    voies = {cle: _faits_voie(dossier.dernier_passage(etape)) for etape, cle in _VOIES.items()}
    voies["injonction"].update(_delais_injonction(dossier, titre, zone))
    decision = _decision(dossier, titre, voies)
    return {
        "numero_rg": _fait(dossier, "numero_rg"),
        "date_ordonnance": _date_fait(dossier, "date_ordonnance"),
        "date_signification": _date_fait(dossier, "date_signification"),
        "date_audience": _date_fait(dossier, "date_audience"),
        "intervenant": _fait(dossier, "intervenant"),
        "date_decision": decision["date"],
        "mandataire": collective.faits.get("mandataire") if collective else None,
        "adresse_mandataire": collective.faits.get("adresse_mandataire") if collective else None,
        "tribunal_procedure_collective": collective.faits.get("juridiction") if collective else None,
        "nature_procedure_collective": collective.faits.get("nature") if collective else None,
        "date_jugement_ouverture": date_longue(ouverture) if collective and ouverture else None,
        "date_bodacc": _date_fait(dossier, "date_bodacc") if collective else None,
        **voies,
        "titre": {
            "date": date_longue(titre.date) if titre else None,
            "numero_rg": (titre.faits.get("numero_rg") or None) if titre else None,
            "date_signification": _longue(titre.fait_date("date_signification")) if titre else None,
        },
        "voie": decision["voie"],
        "decision": decision,
    }


# The judicial routes, each with its own facts in the context (procedure.injonction, .refere, .fond).
_VOIES = {
    Etape.INJONCTION_DE_PAYER: "injonction",
    Etape.REFERE_PROVISION: "refere",
    Etape.ASSIGNATION_AU_FOND: "fond",
    Etape.PETITES_CREANCES: "petites_creances",
}
_DECISIONS = {
    "injonction": "ordonnance portant injonction de payer",
    "refere": "ordonnance de référé",
    "fond": "jugement",
    "petites_creances": "titre exécutoire délivré au terme de la procédure simplifiée de recouvrement des petites créances",
}


def _longue(jour: dt.date | None) -> str | None:
    return date_longue(jour) if jour else None


def _faits_voie(passage: Passage | None) -> dict:
    """One route's own facts, as recorded when the dossier moved to it and completed since (None when absent)."""
    faits = passage.faits if passage else {}

    def jour(cle: str) -> str | None:
        return _longue(passage.fait_date(cle)) if passage else None

    return {
        "engagee": passage is not None,
        "date": date_longue(passage.date) if passage else None,
        "juridiction": faits.get("juridiction") or None,
        "numero_rg": faits.get("numero_rg") or None,
        "intervenant": faits.get("intervenant") or None,
        "date_audience": jour("date_audience"),
        "date_ordonnance": jour("date_ordonnance"),
        "date_jugement": jour("date_jugement"),
        "date_signification": jour("date_signification"),
        "date_opposition": jour("date_opposition"),
    }


def _voie_du_titre(dossier: Dossier, titre: Passage | None) -> str | None:
    """The route the title comes from: the last one taken before the titre exécutoire (or the last one taken)."""
    voie = None
    for passage in dossier.passages:
        if titre is not None and passage is titre:
            return voie
        voie = _VOIES.get(passage.vers, voie)
    return voie


def _delais_injonction(dossier: Dossier, titre: Passage | None, zone) -> dict:
    """The ordonnance's two dates that matter (décret 2026-96, art. 1411 CPC): the day it lapses unless
    served, and, once served, the day it may be enforced (no opposition notified)."""
    passage = dossier.dernier_passage(Etape.INJONCTION_DE_PAYER)
    vide: dict = {"delai_signification": None, "date_caducite": None, "regle_caducite": None,
                  "date_executoire": None, "regle_executoire": None, "signifiee_hors_delai": False}
    ordonnance = passage.fait_date("date_ordonnance") if passage else None
    if passage is None or ordonnance is None:
        return vide
    caducite = echeances.signification_injonction(ordonnance, zone)
    vide.update({
        "delai_signification": "six mois" if ordonnance < echeances.BASCULE_SIGNIFICATION_IP else "trois mois",
        "date_caducite": date_longue(caducite.echeance),
        "regle_caducite": caducite.regle,
    })
    signification = passage.fait_date("date_signification")
    if signification is None and titre is not None and _voie_du_titre(dossier, titre) == "injonction":
        signification = titre.fait_date("date_signification")
    if signification is not None:
        executoire, regle = echeances.execution_sans_opposition(ordonnance, signification,
                                                               dossier.debiteur.localisation, zone)
        vide.update({"date_signification": date_longue(signification), "date_executoire": date_longue(executoire),
                     "regle_executoire": regle, "signifiee_hors_delai": signification > caducite.echeance})
    return vide


def _decision(dossier: Dossier, titre: Passage | None, voies: dict) -> dict:
    """The decision the title comes from: its kind, date, RG number and service, from the route's own
    facts first (an ordonnance's date, not the day the dossier moved to « Titre exécutoire »)."""
    voie = _voie_du_titre(dossier, titre)
    faits = voies.get(voie, {}) if voie else {}
    date = faits.get("date_ordonnance") or faits.get("date_jugement")
    if voie == "petites_creances" or date is None:
        date = date_longue(titre.date) if titre else None
    rg = faits.get("numero_rg") or ((titre.faits.get("numero_rg") or None) if titre else None)
    signification = faits.get("date_signification") or (
        _longue(titre.fait_date("date_signification")) if titre else None)
    return {
        "voie": voie,
        "libelle": _DECISIONS.get(voie or "", "décision"),
        "date": date,
        "numero_rg": rg,
        "date_signification": signification,
        "juridiction": faits.get("juridiction"),
    }


def _declaration(entree: Entree) -> dict:
    """What a déclaration de créance (or a relevé de forclusion) states: the claim at the opening
    judgment split into sums échues and à échoir with their due dates (L622-25, R622-23 C. com.);
    interest stops at the judgment (L622-28, the décompte stops it); the deadlines that follow from
    the BODACC publication (L622-24, R622-24, L622-26)."""
    dossier, decompte = entree.dossier, entree.decompte
    collective = dossier.dernier_passage(Etape.PROCEDURE_COLLECTIVE)
    ouverture = dossier.conditions.date_jugement_ouverture or (collective.date if collective else None)
    echues: list[dict] = []
    a_echoir: list[dict] = []
    for c in sorted(decompte.creances, key=lambda c: (c.creance.date_echeance, c.creance.numero)):
        if c.total_du <= 0:
            continue
        ligne = {
            "numero": c.creance.numero,
            "date": date_courte(c.creance.date_facture),
            "echeance": date_courte(c.creance.date_echeance),
            "echeance_longue": date_longue(c.creance.date_echeance),
            "principal": montant(c.principal_du),
            "interets": montant(c.interets_dus),
            "indemnite": montant(c.indemnite_due),
            "total": montant(c.total_du),
            "_total": c.total_du,
            "_principal": c.principal_du,
            "fondement_interets": c.interets_dus,
            "_indemnite": c.indemnite_due,
        }
        # Due before the opening judgment: échue; due on or after it: à échoir, with its due date.
        (echues if ouverture is None or c.creance.date_echeance < ouverture else a_echoir).append(ligne)

    def somme(lignes: list[dict], cle: str) -> dict:
        return en_chiffres_et_lettres(sum((ligne[cle] for ligne in lignes), Decimal(0)))

    totaux = {
        nom: {"principal": somme(lignes, "_principal"), "interets": somme(lignes, "fondement_interets"),
              "indemnites": somme(lignes, "_indemnite"), "total": somme(lignes, "_total")}
        for nom, lignes in (("echu", echues), ("a_echoir", a_echoir))
    }
    bodacc = collective.fait_date("date_bodacc") if collective else None
    delai = releve = None
    if bodacc is not None:
        siege = entree.parametres.creancier.siege
        hors_metropole = localisation_depuis_adresse(siege.code_postal, siege.pays or "France") in (
            Localisation.OUTRE_MER, Localisation.ETRANGER)
        d = echeances.declaration_de_creance(bodacc, hors_metropole)
        r = echeances.releve_de_forclusion(bodacc)
        delai = {"date": date_longue(d.echeance), "regle": d.regle, "mois": "quatre" if hors_metropole else "deux",
                 "expire": entree.date > d.echeance}
        releve = {"date": date_longue(r.echeance), "regle": r.regle, "expire": entree.date > r.echeance}
    nature = (collective.faits.get("nature") or "") if collective else ""
    return {
        "date_jugement": _longue(ouverture),
        "echues": [{k: v for k, v in ligne.items() if not k.startswith("_")} for ligne in echues],
        "a_echoir": [{k: v for k, v in ligne.items() if not k.startswith("_")} for ligne in a_echoir],
        "total_echu": totaux["echu"],
        "total_a_echoir": totaux["a_echoir"],
        "liquidation": "liquidation" in nature.casefold(),
        "delai": delai,
        "releve": releve,
        "envoyee": dossier.a_genere("declaration_creance"),
    }


def faits_des_actes(entree: Entree) -> dict:
    dossier, decompte = entree.dossier, entree.decompte
    return {
        "de": {"debiteur": avec_de(dossier.debiteur.nom_complet), "creancier": avec_de(entree.parametres.creancier.raison_sociale)},
        "imputations": imputations_des_paiements(dossier, decompte),
        "declaration": _declaration(entree),
    }
