"""One dossier as a documented JSON document (docs/format-dossier.md), in and out.

`dossier_vers_json` writes everything (debtor, invoices, payments, journal, stage moves,
décompte conditions); `dossier_depuis_json` reads it back, or a hand-written file with
only the essentials, checking each field and naming the wrong one ("creances[2].montant_ttc").
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
    valeur = x.get(cle) or []
    if not isinstance(valeur, list):
        raise _champ(cle, "une liste est attendue.")
    return valeur


def _objet(valeur: Any, chemin: str) -> dict:
    if not isinstance(valeur, dict):
        raise _champ(chemin, "un objet JSON est attendu.")
    return valeur


def _lire(chemin: str, lecteur, valeur):
    try:
        return lecteur(valeur)
    except ErreurSaisie as erreur:
        raise _champ(chemin, erreur.message.split(" : ", 1)[-1]) from None
    except (KeyError, TypeError, ValueError) as erreur:
        raise _champ(chemin, f"valeur absente ou illisible ({erreur}).") from None


def dossier_depuis_json(x: Any, maintenant: dt.datetime, auteur: str, *, reference: str | None = None) -> Dossier:
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
        if creance.montant_ttc <= 0 or creance.montant_ttc.as_tuple().exponent < -2:
            raise _champ(f"creances[{i}].montant_ttc", "un montant positif, au centime, est attendu.")
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
            if brut["facture"] not in par_numero:
                raise _champ(f"paiements[{i}].facture", f"la facture « {brut['facture']} » n'est pas dans le dossier.")
            brut["creance_id"] = par_numero[brut.pop("facture")]
        brut.setdefault("id", nouvel_identifiant())
        paiement = _lire(f"paiements[{i}]", codec.paiement_depuis_dict, brut)
        if paiement.montant <= 0:
            raise _champ(f"paiements[{i}].montant", "un montant positif est attendu.")
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
        "debiteur": x["debiteur"],
        "etape": x.get("etape") or Etape.NOUVEAU.value,
        "etape_depuis": x.get("etape_depuis"),
        "conditions": x.get("conditions") or {},
        "passages": x.get("passages") or [],
        "etape_avant_pause": x.get("etape_avant_pause"),
    }
    dossier = _lire(
        "dossier",
        lambda e: codec.dossier_depuis_dicts(
            e,
            [codec.creance_dict(c) for c in creances],
            [codec.paiement_dict(p) for p in paiements],
            [codec.evenement_dict(j) for j in journal],
        ),
        entete,
    )
    _verifier_passages(dossier.passages, dossier.etape)
    resume = f"Dossier importé : {len(creances)} facture(s), {len(paiements)} paiement(s), {len(journal)} entrée(s) de journal."
    return dossier.noter(TypeEvenement.IMPORT, resume, auteur, maintenant)


def _verifier_passages(passages: tuple[Passage, ...], etape: Etape) -> None:
    for i, (avant, apres) in enumerate(zip(passages, passages[1:]), start=1):
        if apres.date < avant.date:
            raise _champ(f"passages[{i}].date", "les passages d'étape doivent être dans l'ordre des dates.")
    if passages and passages[-1].vers is not etape:
        raise _champ("etape", f"l'étape « {etape.value} » ne correspond pas au dernier passage enregistré.")


