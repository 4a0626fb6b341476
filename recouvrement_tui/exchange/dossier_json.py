"""One dossier as a documented JSON document (docs/format-dossier.md), in and out.

`dossier_vers_json` writes everything (debtor, invoices, payments, journal, stage moves,
décompte conditions); `dossier_depuis_json` reads it back, or a hand-written file with
only the essentials, checking each field and naming the wrong one ("creances[2].montant_ttc").
Types, amounts (the domain's cap), dates (1900-2200) and facts are checked by the codec,
the same reader as for a stored dossier.json; this module adds what an import must check.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from recouvrement_tui.domain import codec
from recouvrement_tui.domain.erreurs import ErreurSaisie
from recouvrement_tui.domain.etapes import Etape, TypeEvenement
from recouvrement_tui.domain.identifiants import lire_siren, lire_siret
from recouvrement_tui.domain.model import Dossier, nouvel_identifiant
from recouvrement_tui.domain.procedure import Passage

FORMAT = "recouvrement-dossier"
VERSION = 1


def dossier_vers_json(d: Dossier) -> dict:
    entete = codec.dossier_entete_dict(d)
    return {
        "format": FORMAT,
        "version": VERSION,
        **entete,
        "creances": [codec.creance_dict(c) for c in d.creances],
        "paiements": [codec.paiement_dict(p) for p in d.paiements],
        "journal": [codec.evenement_dict(e) for e in d.journal],
    }


def _champ(chemin: str, message: str) -> ErreurSaisie:
    return ErreurSaisie(chemin, f"{chemin} : {message}")


def _liste(x: dict, cle: str) -> list:
    valeur = x.get(cle)
    if valeur is None:
        return []
    if not isinstance(valeur, list):
        raise _champ(cle, "une liste est attendue.")
    return valeur


def _objet(valeur: Any, chemin: str) -> dict:
    if not isinstance(valeur, dict):
        raise _champ(chemin, "un objet JSON est attendu.")
    return valeur


def _lire(chemin: str, lecteur, valeur):
    """Read with the codec (which checks every type, amount and date), naming the field's
    full path ("creances[2].montant_ttc") in any refusal."""
    try:
        return lecteur(valeur)
    except codec.ChampIllisible as erreur:
        raise erreur.dans(chemin) from None
    except ErreurSaisie as erreur:
        if not chemin:
            raise
        raise _champ(chemin, erreur.message.split(" : ", 1)[-1]) from None


def dossier_depuis_json(x: Any, maintenant: dt.datetime, auteur: str, *, reference: str | None = None) -> Dossier:
    """A checked Dossier, or ErreurSaisie: never any other exception, whatever the file holds."""
    try:
        return _dossier_depuis_json(x, maintenant, auteur, reference=reference)
    except ErreurSaisie:
        raise
    except Exception as erreur:  # noqa: BLE001 - a file is user input: explain, never crash
        raise ErreurSaisie("dossier", f"dossier : contenu inattendu ({type(erreur).__name__} : {erreur}).") from None


def _dossier_depuis_json(x: Any, maintenant: dt.datetime, auteur: str, *, reference: str | None = None) -> Dossier:
    """A checked Dossier from the JSON format; ErreurSaisie names the first wrong field.

    Missing ids are generated; a payment may name its invoice by `facture` (number) instead
    of `creance_id`. An "import" entry is appended to the journal.
    """
    x = _objet(x, "dossier")
    if x.get("format", FORMAT) != FORMAT:
        raise _champ("format", f"« {x.get('format')} » n'est pas un dossier recouvrement (attendu : {FORMAT}).")
    if not isinstance(x.get("version", VERSION), int) or x.get("version", VERSION) > VERSION:
        raise _champ("version", f"version {x.get('version')} inconnue (cette application lit la version {VERSION}).")
    debiteur = _lire("debiteur", codec.debiteur_depuis_dict, _objet(x.get("debiteur"), "debiteur"))
    if not debiteur.nom.strip():
        raise _champ("debiteur.nom", "le nom du débiteur est vide.")
    _lire("debiteur.siren", lire_siren, debiteur.siren)
    _lire("debiteur.siret", lire_siret, debiteur.siret)

    creances = []
    for i, brut in enumerate(_liste(x, "creances")):
        brut = {"id": nouvel_identifiant(), "objet": "", **_objet(brut, f"creances[{i}]")}
        creance = _lire(f"creances[{i}]", codec.creance_depuis_dict, brut)
        if creance.date_echeance < creance.date_facture:
            raise _champ(f"creances[{i}].date_echeance", "l'échéance précède la date de la facture.")
        creances.append(creance)
    if len({c.numero for c in creances}) != len(creances):
        raise _champ("creances", "deux factures portent le même numéro.")
    if len({c.id for c in creances}) != len(creances):
        raise _champ("creances", "deux factures portent le même identifiant.")
    par_numero = {c.numero: c.id for c in creances}
    ids = set(par_numero.values())

    paiements = []
    for i, brut in enumerate(_liste(x, "paiements")):
        brut = dict(_objet(brut, f"paiements[{i}]"))
        if "facture" in brut and not brut.get("creance_id"):
            if not isinstance(brut["facture"], str) or brut["facture"] not in par_numero:
                raise _champ(f"paiements[{i}].facture", f"la facture « {brut['facture']} » n'est pas dans le dossier.")
            brut["creance_id"] = par_numero[brut.pop("facture")]
        brut.setdefault("id", nouvel_identifiant())
        paiement = _lire(f"paiements[{i}]", codec.paiement_depuis_dict, brut)
        if paiement.creance_id and paiement.creance_id not in ids:
            raise _champ(f"paiements[{i}].creance_id", "cette facture n'est pas dans le dossier.")
        if paiement.date > maintenant.date():
            raise _champ(f"paiements[{i}].date", "un paiement ne peut pas être daté dans le futur.")
        paiements.append(paiement)

    journal = [
        _lire(f"journal[{i}]", codec.evenement_depuis_dict, {"id": nouvel_identifiant(), **_objet(brut, f"journal[{i}]")})
        for i, brut in enumerate(_liste(x, "journal"))
    ]
    entete = {
        "reference": reference or x.get("reference") or "",
        "cree_le": x.get("cree_le") or maintenant.date().isoformat(),
        "etape": x.get("etape") or Etape.NOUVEAU.value,
        "etape_depuis": x.get("etape_depuis"),
        "conditions": {} if x.get("conditions") is None else x["conditions"],
        "passages": _liste(x, "passages"),
        "etape_avant_pause": x.get("etape_avant_pause"),
        "pieces": _liste(x, "pieces"),
        "appels": _liste(x, "appels"),
    }
    dossier = _lire(
        "",
        lambda e: codec.dossier_depuis_entete(e, debiteur, tuple(creances), tuple(paiements), tuple(journal)),
        entete,
    )
    _verifier_passages(dossier.passages, dossier.etape, maintenant.date())
    resume = f"Dossier importé : {len(creances)} facture(s), {len(paiements)} paiement(s), {len(journal)} entrée(s) de journal."
    return dossier.noter(TypeEvenement.IMPORT, resume, auteur, maintenant)


def _verifier_passages(passages: tuple[Passage, ...], etape: Etape, aujourdhui: dt.date) -> None:
    """Same rules as moves made in the application: chained, dated, facts well-formed."""
    precedent = Etape.NOUVEAU
    for i, passage in enumerate(passages):
        if passage.depuis is not precedent:
            raise _champ(f"passages[{i}].depuis", f"attendu « {precedent.value} » (l'étape précédente).")
        if passage.date > aujourdhui:
            raise _champ(f"passages[{i}].date", "un passage d'étape ne peut pas être daté dans le futur.")
        if i and passage.date < passages[i - 1].date:
            raise _champ(f"passages[{i}].date", "les passages d'étape doivent être dans l'ordre des dates.")
        if precedent is Etape.CLOTURE:
            raise _champ(f"passages[{i}]", "aucune étape ne suit une clôture.")
        precedent = passage.vers
    if passages and passages[-1].vers is not etape:
        raise _champ("etape", f"l'étape « {etape.value} » ne correspond pas au dernier passage enregistré.")


