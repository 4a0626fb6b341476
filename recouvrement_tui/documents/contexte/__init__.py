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

from recouvrement_tui.documents.contexte.entree import Entree
from recouvrement_tui.documents.contexte.juridiction import juridiction_des_actes, juridiction_du_dossier
from recouvrement_tui.documents.contexte.parties import avec_de, partie_creanciere, partie_debitrice
from recouvrement_tui.documents.contexte.pieces import liste_des_pieces
from recouvrement_tui.documents.contexte.procedure import (
    etat_mise_en_demeure,
    faits_de_procedure,
    faits_des_actes,
    instruction_par_defaut,
    libelle_fait,
)
from recouvrement_tui.documents.contexte.sommes import (
    BASES,
    ECHEANCES_PROPOSEES,
    decompte_detaille,
    delai_accorde,
    factures_ouvertes,
    fondement_interets,
    plan_echeancier,
    totaux_du_dossier,
    totaux_exigibles,
)
from recouvrement_tui.documents.rendu import typographie
from recouvrement_tui.domain.etapes import Etape
from recouvrement_tui.domain.formatage import date_courte, date_longue, fait_lisible
from recouvrement_tui.domain.model import Localisation
from recouvrement_tui.domain.procedure import avocat_obligatoire, petite_creance


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
    # L441-10 penalties and the 40 € bind professionals only: an SCI outside its trade is not one.
    professionnel = not dossier.debiteur.non_professionnel_ou_consommateur
    juridiction = juridiction_du_dossier(dossier, entree.juridiction)
    # A court hears only what is due: the lawyer and 5,000 € thresholds use the sums due.
    total = decompte.total_exigible
    factures = factures_ouvertes(decompte, date)
    return {
        "date": date_longue(date),
        "date_courte": date_courte(date),
        "lieu": entree.parametres.creancier.siege.ville,
        "reference": dossier.reference,
        "creancier": partie_creanciere(entree.parametres.creancier),
        "debiteur": partie_debitrice(dossier.debiteur),
        "b2b": professionnel,
        "secteur_public": dossier.debiteur.secteur_public,
        "factures": factures,
        "factures_echues": [f for f in factures if f["echue"]],
        "factures_a_echoir": [f for f in factures if not f["echue"]],
        "totaux": totaux_du_dossier(dossier, decompte),
        # What is due already: a mise en demeure or a court claims nothing not yet due.
        "totaux_echus": totaux_exigibles(decompte),
        "interets": fondement_interets(dossier, decompte),
        "decompte": {**decompte_detaille(decompte), "base": BASES[dossier.conditions.base]},
        "delai": {
            "relance": delai_accorde(date, calendrier.jours_entre_relances),
            "ferme": delai_accorde(date, calendrier.jours_avant_mise_en_demeure),
            "mise_en_demeure": {
                **delai_accorde(date, calendrier.delai_mise_en_demeure),
                # Overseas or abroad, the time runs from receipt: a letter gives no calendar date.
                "depuis_reception": dossier.debiteur.localisation in (Localisation.OUTRE_MER, Localisation.ETRANGER),
            },
        },
        "mise_en_demeure": etat_mise_en_demeure(dossier, date, calendrier.delai_mise_en_demeure),
        "urgence": dossier.urgence,
        "relances": [
            {"etape": p.vers.libelle, "date": date_longue(p.date), "date_courte": date_courte(p.date)}
            for p in dossier.passages
            if p.vers in (Etape.RELANCE_AMIABLE, Etape.RELANCE_FERME)
        ],
        "juridiction": juridiction_des_actes(juridiction),
        "procedure": faits_de_procedure(dossier),
        "avocat_obligatoire": avocat_obligatoire(total),
        "petite_creance": petite_creance(total),
        "tentative_prealable_requise": juridiction["nature"].tentative_prealable_requise(total),
        "petites_creances_echouee": any(p.depuis is Etape.PETITES_CREANCES for p in dossier.passages),
        "echeancier": plan_echeancier(dossier, total, date),
        "pieces": liste_des_pieces(dossier, entree.pieces_jointes, decompte.au),
        "etape": {"libelle": dossier.etape.libelle, "depuis": date_courte(dossier.etape_depuis) if dossier.etape_depuis else ""},
        "historique": [
            {"etape": p.vers.libelle, "date": date_courte(p.date),
             "faits": " ; ".join(f"{libelle_fait(p.vers, k)} : {fait_lisible(v)}" for k, v in p.faits.items() if k != "date")}
            for p in dossier.passages
        ],
        "instruction": instruction_par_defaut(dossier),
        **faits_des_actes(entree),
    }


__all__ = ["ECHEANCES_PROPOSEES", "Entree", "avec_de", "construire_contexte", "instruction_par_defaut"]
