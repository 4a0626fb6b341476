"""What a template can say: every fact of a dossier, already written the French way.

The context is plain dicts, lists and strings (amounts "1 234,56 €", dates "1er mars 2026",
amounts in letters for filings), so templates hold wording and layout only, never a
computation: a lawyer editing a template in Word cannot break a sum.

Facts that a dossier may not have yet (a court's case number, a hearing date) are None here;
the catalogue says which templates need which (catalogue.Modele.exige), and rendering refuses
with a French message naming the missing fact rather than leaving a blank.

docs/modeles.md lists every variable; tests/documents check each template uses only these.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from recouvrement_tui.documents.rendu import typographie
from recouvrement_tui.domain import echeances
from recouvrement_tui.domain.conditions import Regime
from recouvrement_tui.domain.dates import UN_JOUR, plus_mois
from recouvrement_tui.domain.decompte import Decompte
from recouvrement_tui.domain.delais import zone_depuis_code_postal
from recouvrement_tui.domain.echeances import mise_en_demeure_du_dossier
from recouvrement_tui.domain.etapes import Etape
from recouvrement_tui.domain.formatage import (
    date_courte,
    date_longue,
    fait_lisible,
    montant,
    montant_en_lettres,
    taux,
)
from recouvrement_tui.domain.identifiants import formater_siren, formater_siret
from recouvrement_tui.domain.interets import Base
from recouvrement_tui.domain.juridiction import Juridiction, juridiction_injonction
from recouvrement_tui.domain.model import (
    Adresse,
    Creancier,
    Debiteur,
    Dossier,
    Localisation,
    TypePersonne,
)
from recouvrement_tui.domain.parametres import Parametres
from recouvrement_tui.domain.procedure import (
    FAITS_A_COMPLETER,
    FAITS_REQUIS,
    Passage,
    avocat_obligatoire,
    juridiction_enregistree,
    nombre_echeances,
    petite_creance,
)
from recouvrement_tui.domain.saisie import localisation_depuis_adresse

_LIBELLES_FAITS = {f.cle: f.libelle for champs in (*FAITS_REQUIS.values(), *FAITS_A_COMPLETER.values()) for f in champs}



def _libelle_fait(etape: Etape, cle: str) -> str:
    """A fact's label as the stage that recorded it names it: an injonction's « Date de l'ordonnance »
    is not the référé's « Date de l'ordonnance de référé »."""
    for champ in (*FAITS_REQUIS.get(etape, ()), *FAITS_A_COMPLETER.get(etape, ())):
        if champ.cle == cle:
            return champ.libelle
    return _LIBELLES_FAITS.get(cle, cle)


ECHEANCES_PROPOSEES = 6  # a plan offered before the debtor has asked for one


@dataclass(frozen=True)
class Entree:
    """Everything a document is made from, gathered by the service."""

    dossier: Dossier
    decompte: Decompte
    parametres: Parametres
    date: dt.date  # the document's date
    pieces_jointes: tuple[str, ...] = ()  # names of the files attached in pieces/
    # The court of the debtor's commune from the court directory (domain.juridiction); None: not named.
    juridiction: Juridiction | None = None


def construire_contexte(entree: Entree) -> dict:
    """The context, every text in French typography (rendu.typographie): the document says each
    fact exactly as the context does, narrow spaces and elisions included."""
    return _typographier(_contexte(entree))


# Data a program reads back (a file name, a number, an address to write to): left as recorded.
_TELS_QUELS = frozenset({"fichier", "email", "iban", "telephone", "reference", "numero", "numero_lrar", "numero_rg",
                         "siren", "siret"})


def _typographier(valeur):  # type: ignore[no-untyped-def]
    if type(valeur) is str:  # not an enum that is also a str (juridiction.nature)
        return typographie(valeur)
    if isinstance(valeur, dict):
        return {cle: v if cle in _TELS_QUELS else _typographier(v) for cle, v in valeur.items()}
    if isinstance(valeur, list):
        return [_typographier(v) for v in valeur]
    return valeur


def _contexte(entree: Entree) -> dict:
    dossier, decompte, date = entree.dossier, entree.decompte, entree.date
    calendrier = entree.parametres.calendrier
    professionnel = not dossier.debiteur.est_consommateur
    juridiction = _juridiction(dossier, entree.juridiction)
    # A court hears only what is due: the lawyer and 5,000 € thresholds use the sums due.
    total = decompte.total_exigible
    factures = _factures_ouvertes(decompte, date)
    return {
        "date": date_longue(date),
        "date_courte": date_courte(date),
        "lieu": entree.parametres.creancier.siege.ville,
        "reference": dossier.reference,
        "creancier": _creancier(entree.parametres.creancier),
        "debiteur": _debiteur(dossier.debiteur),
        "b2b": professionnel,
        "secteur_public": dossier.debiteur.secteur_public,
        "factures": factures,
        "factures_echues": [f for f in factures if f["echue"]],
        "factures_a_echoir": [f for f in factures if not f["echue"]],
        "totaux": _totaux(dossier, decompte),
        # What is due already: a mise en demeure or a court claims nothing not yet due.
        "totaux_echus": _totaux_echus(decompte),
        "interets": _interets(dossier, decompte),
        "decompte": {**_decompte(decompte), "base": _BASES[dossier.conditions.base]},
        "delai": {
            "relance": _delai(date, calendrier.jours_entre_relances),
            "ferme": _delai(date, calendrier.jours_avant_mise_en_demeure),
            "mise_en_demeure": {
                **_delai(date, calendrier.delai_mise_en_demeure),
                # Overseas or abroad, the time runs from receipt: a letter gives no calendar date.
                "depuis_reception": dossier.debiteur.localisation in (Localisation.OUTRE_MER, Localisation.ETRANGER),
            },
        },
        "mise_en_demeure": _mise_en_demeure(dossier, date, calendrier.delai_mise_en_demeure),
        "urgence": dossier.urgence,
        "relances": [
            {"etape": p.vers.libelle, "date": date_longue(p.date), "date_courte": date_courte(p.date)}
            for p in dossier.passages
            if p.vers in (Etape.RELANCE_AMIABLE, Etape.RELANCE_FERME)
        ],
        "juridiction": _juridiction_des_actes(juridiction),
        "procedure": _procedure(dossier),
        "avocat_obligatoire": avocat_obligatoire(total),
        "petite_creance": petite_creance(total),
        "tentative_prealable_requise": juridiction["nature"].tentative_prealable_requise(total),
        "petites_creances_echouee": any(p.depuis is Etape.PETITES_CREANCES for p in dossier.passages),
        "echeancier": _echeancier(dossier, total, date),
        "pieces": _pieces(dossier, entree.pieces_jointes, decompte.au),
        "etape": {"libelle": dossier.etape.libelle, "depuis": date_courte(dossier.etape_depuis) if dossier.etape_depuis else ""},
        "historique": [
            {"etape": p.vers.libelle, "date": date_courte(p.date),
             "faits": " ; ".join(f"{_libelle_fait(p.vers, k)} : {fait_lisible(v)}" for k, v in p.faits.items() if k != "date")}
            for p in dossier.passages
        ],
        "instruction": instruction_par_defaut(dossier),
        **_faits_des_actes(entree),
    }


def instruction_par_defaut(dossier: Dossier) -> str:
    """What the commissaire de justice is asked to do, from where the dossier stands, with the dates
    that bind him (an ordonnance's lapse, the day it may be enforced)."""
    etape = dossier.etape
    procedure = _procedure(dossier)
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


# --- parties -----------------------------------------------------------------------------


def _adresse(adresse: Adresse) -> dict:
    return {"lignes": adresse.en_lignes(), "une_ligne": adresse.sur_une_ligne(), "ville": adresse.ville}


def _creancier(c: Creancier) -> dict:
    capital = f"au capital de {montant(c.capital)}" if c.capital else ""
    rcs = f"RCS {c.rcs} {formater_siren(c.siren)}" if c.rcs and c.siren else ""
    identification = ", ".join(
        x for x in (c.forme_juridique, capital, rcs or (f"SIREN {formater_siren(c.siren)}" if c.siren else "")) if x
    )
    return {
        "nom": c.raison_sociale,
        "forme": c.forme_juridique,
        "capital": capital,
        "siren": formater_siren(c.siren),
        "rcs": rcs,
        "identification": identification,
        "adresse": _adresse(c.siege),
        "representant": c.representant_nom,
        "representant_qualite": c.representant_qualite,
        "signataire": ", ".join(x for x in (c.representant_nom, c.representant_qualite) if x),
        "email": c.email,
        "telephone": c.telephone,
        "iban": c.iban,
    }


def _debiteur(d: Debiteur) -> dict:
    societe = d.type_personne is TypePersonne.MORALE
    adresse = _adresse(d.adresse)
    personne = f"{d.prenom} {d.nom}".strip()
    civilite = "" if societe else d.civilite.value
    if d.entrepreneur_individuel:
        # L526-22 C. com.: an EI is named with this mention and its SIREN, at its business address.
        immatricule = "immatriculée" if civilite == "Madame" else "immatriculé"
        designation = (f"{personne}, entrepreneur individuel, {immatricule} sous le numéro SIREN "
                       f"{formater_siren(d.siren)}, dont l'adresse professionnelle est {adresse['une_ligne']}")
    elif societe:
        designation = d.nom + (f", {d.forme_juridique}" if d.forme_juridique else "")
        if d.siren:
            designation += f", immatriculée sous le numéro SIREN {formater_siren(d.siren)}"
        designation += f", dont le siège est situé {adresse['une_ligne']}"
        if d.representant_legal:
            designation += f", prise en la personne de son représentant légal, {d.representant_legal}"
        else:
            designation += ", prise en la personne de son représentant légal domicilié en cette qualité audit siège"
    else:
        designation = personne + f", demeurant {adresse['une_ligne']}"
    if civilite:
        designation = f"{civilite} {designation}"
    contact = d.contact_relance if not d.contact_relance.vide else d.contact_facturation
    return {
        "nom": d.nom_complet,
        "denomination": d.nom,
        "prenom": d.prenom,
        "forme": d.forme_juridique,
        "societe": societe,
        "consommateur": d.est_consommateur,
        # A legal person outside any professional purpose (SCI, association): no L441-10, no 40 €.
        "non_professionnel": d.non_professionnel_ou_consommateur and not d.est_consommateur,
        "entrepreneur_individuel": d.entrepreneur_individuel,
        "civilite": civilite,
        "appel": f"{civilite}," if civilite else "Madame, Monsieur,",
        "nom_avec_civilite": f"{civilite} {personne}" if civilite else d.nom_complet,
        "siren": formater_siren(d.siren),
        "siret": formater_siret(d.siret),
        "representant": d.representant_legal or None,
        "adresse": adresse,
        "email": d.email,
        "telephone": d.telephone,
        "a_l_attention_de": contact.nom,
        "designation": designation,
    }


# --- sums --------------------------------------------------------------------------------


def _factures_ouvertes(decompte: Decompte, date: dt.date) -> list[dict]:
    """Invoices still owing something in the décompte, oldest due first: what a letter lists.

    The décompte is the one source: payments go to the indemnity and interest before the
    principal (art. 1343-1 C. civ.), so the table adds up to the total the letter claims.
    """
    lignes = []
    for c in sorted(decompte.creances, key=lambda c: (c.creance.date_echeance, c.creance.numero)):
        if c.total_du <= 0:
            continue
        retard = (date - c.creance.date_echeance).days
        lignes.append(
            {
                "numero": c.creance.numero,
                "date": date_courte(c.creance.date_facture),
                "echeance": date_courte(c.creance.date_echeance),
                "objet": c.creance.objet,
                "montant": montant(c.creance.montant_ttc),
                "reste": montant(c.principal_du),
                "echue": retard > 0,
                "jours_retard": max(retard, 0),
                "interets": montant(c.interets_dus),
                "indemnite": montant(c.indemnite_due),
                "total": montant(c.total_du),
            }
        )
    return lignes


def _somme(valeur: Decimal) -> dict:
    return {"chiffres": montant(valeur), "lettres": montant_en_lettres(max(valeur, Decimal(0)))}


def _totaux(dossier: Dossier, decompte: Decompte) -> dict:
    restant = dossier.restant_par_creance()
    return {
        "factures": _somme(dossier.total_creances),
        "paiements": _somme(dossier.total_paiements),
        "reste_principal": _somme(sum((v for v in restant.values()), Decimal(0))),
        "principal": _somme(decompte.principal),
        "interets": _somme(decompte.interets),
        "indemnites": _somme(decompte.indemnites),
        "total": _somme(decompte.total),
        "nombre_factures": sum(1 for c in decompte.creances if c.total_du > 0),
    }


def _totaux_echus(decompte: Decompte) -> dict:
    echues = decompte.creances_echues
    principal = sum((c.principal_du for c in echues), Decimal(0))
    interets = sum((c.interets_dus for c in echues), Decimal(0))
    return {
        "principal": _somme(principal),
        "interets": _somme(interets),
        "indemnites": _somme(decompte.total_exigible - principal - interets),
        "total": _somme(decompte.total_exigible),
        "tout_est_echu": all(c.echue for c in decompte.creances if c.total_du > 0),
    }


_FONDEMENTS = {
    Regime.B2B: "pénalités de retard au taux de refinancement de la Banque centrale européenne majoré de "
    "10 points (article L441-10 du Code de commerce)",
    Regime.CONTRACTUEL: "pénalités de retard au taux prévu par les conditions générales de vente "
    "(article L441-10 du Code de commerce)",
    Regime.LEGAL: "intérêts au taux légal à compter de la mise en demeure (article 1344-1 du Code civil)",
    # R2192-31 CCP: the rate in force on the first day of the half-year in which interest started,
    # kept for the whole delay (domain.decompte computes it so).
    Regime.PUBLIC: "intérêts moratoires au taux de refinancement de la Banque centrale européenne en vigueur au "
    "premier jour du semestre au cours duquel ils ont commencé à courir, majoré de 8 points, ce taux restant fixe "
    "pendant toute la durée du retard (articles L2192-13 et R2192-31 du Code de la commande publique)",
}

# The basis of the 40 € indemnity: the Code de commerce between professionals, the Code de la
# commande publique against a public buyer.
_FONDEMENT_INDEMNITE_COMMERCE = "articles L441-10 et D441-5 du Code de commerce"
_FONDEMENT_INDEMNITE_PUBLIC = "article D2192-35 du Code de la commande publique"


def _interets(dossier: Dossier, decompte: Decompte) -> dict:
    """The basis of interest and indemnity claims, in words a letter can quote.

    Letters key their wording on these facts, never on the word "consommateur": a consumer and
    a non-professional (SCI, association) both fall under the legal regime, with no 40 €.
    """
    regimes = list(dict.fromkeys(c.regime for c in decompte.creances))
    if not regimes:  # nothing invoiced yet: what the debtor's kind points to
        regimes = [Regime.PUBLIC if dossier.debiteur.secteur_public else Regime.B2B]
    dernier_taux = decompte.lignes[-1].taux if decompte.lignes else None
    indemnite = any(c.indemnite for c in decompte.creances)
    public = Regime.PUBLIC in regimes
    return {
        "fondement": "; ".join(_FONDEMENTS[r] for r in regimes),
        "taux_actuel": taux(dernier_taux) if dernier_taux is not None else "",
        "indemnite_forfaitaire": indemnite,
        "nombre_indemnites": sum(1 for c in decompte.creances if c.indemnite),
        # The indemnity's basis as the regime sets it, even before it falls due (a preventive reminder).
        "fondement_indemnite": "" if regimes == [Regime.LEGAL] else (
            _FONDEMENT_INDEMNITE_PUBLIC if public else _FONDEMENT_INDEMNITE_COMMERCE),
        "legal": regimes == [Regime.LEGAL],
        "public": public,
        # Late-payment penalties of L441-10 C. com. (between professionals) on at least one invoice.
        "penalites": any(r in (Regime.B2B, Regime.CONTRACTUEL) for r in regimes),
        "regime": regimes[0].value if len(regimes) == 1 else "mixte",
    }


def _decompte(decompte: Decompte) -> dict:
    return {
        "au": date_longue(decompte.au),
        "au_court": date_courte(decompte.au),
        "factures": [
            {
                "numero": c.creance.numero,
                "echeance": date_courte(c.creance.date_echeance),
                "montant": montant(c.creance.montant_ttc),
                "regime": c.regime.libelle,
                "depart": date_courte(c.depart) if c.depart else "—",
                "principal": montant(c.principal_du),
                "interets": montant(c.interets_dus),
                "indemnite": montant(c.indemnite_due),
                "total": montant(c.total_du),
            }
            for c in decompte.creances
        ],
        "lignes": [
            {
                "facture": c.creance.numero,
                "du": date_courte(ligne.du),
                "au": date_courte(ligne.au),
                "jours": ligne.jours,
                "taux": taux(ligne.taux),
                "assiette": montant(ligne.assiette),
                "montant": montant(ligne.montant),
            }
            for c in decompte.creances
            for ligne in c.lignes
        ],
        "imputations": [
            {
                "date": date_courte(i.date),
                "facture": i.numero or "trop-perçu",
                "montant": montant(i.total),
                "sur_indemnite": montant(i.sur_indemnite),
                "sur_interets": montant(i.sur_interets),
                "sur_principal": montant(i.sur_principal),
            }
            for i in decompte.imputations
        ],
        "frais_complementaires": montant(decompte.frais_complementaires) if decompte.frais_complementaires else "",
        "avertissements": list(decompte.avertissements),
    }


_BASES = {
    Base.ANNEE_365: "365",
    Base.EXACTE: "365, ou 366 pour les jours d'une année bissextile",
}


def _delai(date: dt.date, jours: int) -> dict:
    echeance = date + jours * UN_JOUR
    return {"jours": jours, "date": date_longue(echeance), "date_courte": date_courte(echeance)}


# --- procedure facts -----------------------------------------------------------------------


def _mise_en_demeure(dossier: Dossier, date: dt.date, delai_jours: int) -> dict | None:
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


def _procedure(dossier: Dossier) -> dict:
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


def _juridiction(dossier: Dossier, competente: Juridiction | None) -> dict:
    """The court: as recorded on a judicial stage, else the one the court directory names for the
    debtor's commune (`competente`); its address when the directory knows it.

    (The court of a procédure collective is another matter: procedure.tribunal_procedure_collective.)
    """
    suggeree = competente or juridiction_injonction(dossier.debiteur)
    enregistree = juridiction_enregistree(dossier.passages)
    nature = suggeree.nature
    nom = enregistree or suggeree.nom
    tribunal, president = _formes_du_tribunal(nom)
    connu = suggeree.tribunal if suggeree.tribunal and (not enregistree or _meme_nom(enregistree, suggeree.tribunal.nom)) else None
    return {
        "adresse": ", ".join(connu.adresse_complete) if connu else "",
        "adresse_a_confirmer": bool(connu and connu.a_confirmer),
        "nom": nom,
        "tribunal": tribunal,
        "president": president,
        "nature": nature,
        "formulaire": suggeree.formulaire,
        "commerciale": nature.commerciale,
        "article_refere": nature.article_refere,
        "article_placement": nature.article_placement,
    }


def _meme_nom(a: str, b: str) -> bool:
    """The same court, whatever the case or a leading "Président du"."""
    def simple(x: str) -> str:
        x = x.casefold().strip()
        for prefixe in ("président du ", "président de la "):
            x = x.removeprefix(prefixe)
        return x
    return simple(a) == simple(b)


def _formes_du_tribunal(nom: str) -> tuple[str, str]:
    """("le tribunal de commerce de Lyon", "Président du tribunal de commerce de Lyon") from either
    the suggestion ("Président du …") or what the user typed ("Tribunal de commerce de Lyon")."""
    bas = nom.casefold()
    for prefixe, article in (("président du ", "le "), ("président de la ", "la ")):
        if bas.startswith(prefixe):
            return article + nom[len(prefixe):], nom
    base = nom[:1].lower() + nom[1:]
    if bas.startswith("chambre"):
        return "la " + base, "Président de la " + base
    return "le " + base, "Président du " + base


def _echeancier(dossier: Dossier, total: Decimal, date: dt.date) -> dict:
    """A payment plan: the one agreed when recorded, else monthly instalments to propose."""
    passage = dossier.dernier_passage(Etape.ECHEANCIER)
    nombre = (nombre_echeances(passage.faits.get("nombre_echeances")) if passage else None) or ECHEANCES_PROPOSEES
    premiere = (passage.fait_date("premiere_echeance") if passage else None) or plus_mois(date, 1)
    base = (total / nombre).quantize(Decimal("0.01"), rounding="ROUND_DOWN")
    lignes = []
    for rang in range(nombre):
        part = base if rang < nombre - 1 else total - base * (nombre - 1)
        lignes.append({"rang": rang + 1, "date": date_courte(plus_mois(premiere, rang)), "montant": montant(part)})
    # `total`: what the plan settles (the sums due today), in figures and in letters, as the
    # debtor copies it by hand in the acknowledgment (art. 1376 C. civ.).
    return {"nombre": nombre, "premiere": date_longue(premiere), "montant": montant(base), "lignes": lignes,
            "total": _somme(total)}


def _pieces(dossier: Dossier, jointes: tuple[str, ...], au: dt.date | None = None) -> list[dict]:
    """The bordereau: invoices, reminders sent, the mise en demeure, the décompte (a pièce of every
    filing, art. 1407 CPC: listed once, unless a file attached by hand already is one), then attached files."""
    libelles = [
        f"Facture n° {c.numero} du {date_courte(c.date_facture)} ({montant(c.montant_ttc)} TTC)"
        for c in sorted(dossier.creances, key=lambda c: (c.date_facture, c.numero))
    ]
    for passage in dossier.passages:
        if passage.vers in (Etape.RELANCE_AMIABLE, Etape.RELANCE_FERME):
            libelles.append(f"Lettre de relance du {date_courte(passage.date)}")
        if passage.vers is Etape.MISE_EN_DEMEURE:
            lrar = passage.faits.get("numero_lrar")
            libelles.append(
                f"Mise en demeure du {date_courte(passage.date)}"
                + (f", lettre recommandée n° {lrar}, et son avis de réception" if lrar else " et son avis de réception")
            )
    deja = any("decompte" in _sans_accents(nom) for nom in jointes) or any(
        "decompte" in _sans_accents(p.description) for p in dossier.pieces if p.fichier in jointes)
    if au is not None and not deja:
        libelles.append(f"Décompte de la créance arrêté au {date_courte(au)}")
    entrees = [{"libelle": libelle, "fichier": ""} for libelle in libelles]
    # Attached files: those recorded with a type and date, in the order attached, then any
    # file put into pieces/ by hand.
    connues = {p.fichier for p in dossier.pieces}
    entrees += [{"libelle": f"{p.libelle} ({p.fichier})", "fichier": p.fichier} for p in dossier.pieces
                if p.fichier in jointes]
    entrees += [{"libelle": f"Pièce jointe au dossier : {nom}", "fichier": nom} for nom in jointes if nom not in connues]
    return [{"numero": rang, **entree} for rang, entree in enumerate(entrees, start=1)]


def _sans_accents(texte: str) -> str:
    return unicodedata.normalize("NFKD", texte).encode("ascii", "ignore").decode().casefold()


# --- facts of the court filings ------------------------------------------------------------

_VOYELLES = "aeiouyàâäéèêëîïôöûüùÿœæ"


def avec_de(nom: str) -> str:
    """"d'Anne Martin", "de Dupont SARL": the preposition de, elided before a vowel or a mute h
    the way a reader expects before a name (an aspirated h cannot be told: written "de")."""
    premiere = nom.lstrip("«\"' \u00a0")[:1].casefold()
    return f"d'{nom}" if premiere and premiere in _VOYELLES else f"de {nom}"


def _juridiction_des_actes(juridiction: dict) -> dict:
    """The court with what a filing prints: its address (the court directory fills it; "" meanwhile)
    and the official form's name without the internal note "(version à confirmer)"."""
    formulaire = re.sub(r"\s*\([^)]*confirmer[^)]*\)", "", juridiction.get("formulaire") or "").strip()
    return {"adresse": "", **juridiction, "formulaire_acte": formulaire}


def _faits_des_actes(entree: Entree) -> dict:
    dossier, decompte = entree.dossier, entree.decompte
    return {
        "de": {"debiteur": avec_de(dossier.debiteur.nom_complet), "creancier": avec_de(entree.parametres.creancier.raison_sociale)},
        "imputations": _imputations(dossier, decompte),
        "declaration": _declaration(entree),
    }


def _imputations(dossier: Dossier, decompte: Decompte) -> list[dict]:
    """Each payment and where the décompte put it: on the invoice the debtor named, else by law
    (art. 1342-10 C. civ.: debts due first, the one it had most interest in paying, else the oldest),
    and within an invoice on the indemnity and interest before the principal (art. 1343-1)."""
    designes = {p.id: p.creance_id for p in dossier.paiements}
    numeros = {c.id: c.numero for c in dossier.creances}
    lignes = []
    for i in decompte.imputations:
        designee = designes.get(i.paiement_id)
        lignes.append({
            "date": date_longue(i.date),
            "date_courte": date_courte(i.date),
            "facture": i.numero or "",
            "trop_percu": i.creance_id is None,
            "montant": montant(i.total),
            "sur_indemnite": montant(i.sur_indemnite) if i.sur_indemnite else "",
            "sur_interets": montant(i.sur_interets) if i.sur_interets else "",
            "sur_principal": montant(i.sur_principal) if i.sur_principal else "",
            # The debtor named this invoice (art. 1342-10 al. 1), or named another one: "".
            "designee": designee is not None and designee == i.creance_id,
            "facture_designee": numeros.get(designee or "", ""),
        })
    return lignes


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
            "_interets": c.interets_dus,
            "_indemnite": c.indemnite_due,
        }
        # Due before the opening judgment: échue; due on or after it: à échoir, with its due date.
        (echues if ouverture is None or c.creance.date_echeance < ouverture else a_echoir).append(ligne)

    def somme(lignes: list[dict], cle: str) -> dict:
        return _somme(sum((ligne[cle] for ligne in lignes), Decimal(0)))

    totaux = {
        nom: {"principal": somme(lignes, "_principal"), "interets": somme(lignes, "_interets"),
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
