"""Plain-dict form of the model: money as "1234.56" strings, dates ISO, enums by value.

Pure conversion, used by storage (dossier.json), by the CLI's JSON output and by imports.
`*_depuis_dict` raise ErreurSaisie naming the first unreadable field, so a damaged file is
reported, never half-loaded.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from recouvrement_tui.domain.conditions import ConditionsDecompte, Regime
from recouvrement_tui.domain.erreurs import ErreurSaisie
from recouvrement_tui.domain.etapes import Etape, TypeEvenement
from recouvrement_tui.domain.interets import Base
from recouvrement_tui.domain.model import (
    Adresse,
    Contact,
    Creance,
    Creancier,
    Debiteur,
    Dossier,
    EvenementJournal,
    Localisation,
    ModePaiement,
    Paiement,
    Piece,
    Qualite,
    TypePersonne,
    TypePiece,
)
from recouvrement_tui.domain.procedure import Passage


def montant_texte(valeur: Decimal | None) -> str | None:
    """Decimal to the stored form: always two decimals with a dot ("1234.50")."""
    return None if valeur is None else f"{valeur:.2f}"


def _decimal(valeur: Any, champ: str) -> Decimal:
    try:
        return Decimal(str(valeur))
    except (InvalidOperation, ValueError):
        raise ErreurSaisie(champ, f"{champ} : « {valeur} » n'est pas un nombre.") from None


def _decimal_ou_none(valeur: Any, champ: str) -> Decimal | None:
    return None if valeur in (None, "") else _decimal(valeur, champ)


def _date(valeur: Any, champ: str) -> dt.date:
    try:
        return dt.date.fromisoformat(valeur)
    except (TypeError, ValueError):
        raise ErreurSaisie(champ, f"{champ} : « {valeur} » n'est pas une date ISO (AAAA-MM-JJ).") from None


def _enum(enum, valeur: Any, champ: str):
    try:
        return enum(valeur)
    except ValueError:
        raise ErreurSaisie(champ, f"{champ} : valeur inconnue « {valeur} ».") from None


# --- to dicts -------------------------------------------------------------------------------


def adresse_dict(a: Adresse) -> dict:
    return {"lignes": list(a.lignes), "code_postal": a.code_postal, "ville": a.ville, "pays": a.pays}


def contact_dict(c: Contact) -> dict:
    return {"nom": c.nom, "fonction": c.fonction, "email": c.email, "telephone": c.telephone}


def debiteur_dict(d: Debiteur) -> dict:
    return {
        "type_personne": d.type_personne.value,
        "qualite": d.qualite.value,
        "nom": d.nom,
        "prenom": d.prenom,
        "forme_juridique": d.forme_juridique,
        "siren": d.siren,
        "siret": d.siret,
        "representant_legal": d.representant_legal,
        "adresse": adresse_dict(d.adresse),
        "email": d.email,
        "telephone": d.telephone,
        "contact_relance": contact_dict(d.contact_relance),
        "contact_facturation": contact_dict(d.contact_facturation),
        "localisation": d.localisation.value,
        "secteur_public": d.secteur_public,
    }


def creancier_dict(c: Creancier) -> dict:
    return {
        "raison_sociale": c.raison_sociale,
        "forme_juridique": c.forme_juridique,
        "capital": montant_texte(c.capital),
        "siren": c.siren,
        "rcs": c.rcs,
        "siege": adresse_dict(c.siege),
        "representant_nom": c.representant_nom,
        "representant_qualite": c.representant_qualite,
        "email": c.email,
        "telephone": c.telephone,
        "iban": c.iban,
    }


def creance_dict(c: Creance) -> dict:
    return {
        "id": c.id,
        "numero": c.numero,
        "date_facture": c.date_facture.isoformat(),
        "date_echeance": c.date_echeance.isoformat(),
        "montant_ttc": montant_texte(c.montant_ttc),
        "objet": c.objet,
        "taux_contractuel": None if c.taux_contractuel is None else str(c.taux_contractuel),
    }


def paiement_dict(p: Paiement) -> dict:
    return {
        "id": p.id,
        "date": p.date.isoformat(),
        "montant": montant_texte(p.montant),
        "mode": p.mode.value,
        "creance_id": p.creance_id,
        "commentaire": p.commentaire,
    }


def evenement_dict(e: EvenementJournal) -> dict:
    return {
        "id": e.id,
        "horodatage": e.horodatage.isoformat(timespec="seconds"),
        "auteur": e.auteur,
        "type": e.type.value,
        "texte": e.texte,
        "document": e.document,
        "empreinte": e.empreinte,
    }


def conditions_dict(c: ConditionsDecompte) -> dict:
    return {
        "regime": c.regime.value if c.regime else None,
        "creancier_particulier": c.creancier_particulier,
        "date_mise_en_demeure": c.date_mise_en_demeure.isoformat() if c.date_mise_en_demeure else None,
        "date_signification_jugement": (
            c.date_signification_jugement.isoformat() if c.date_signification_jugement else None
        ),
        "date_jugement_ouverture": c.date_jugement_ouverture.isoformat() if c.date_jugement_ouverture else None,
        "capitalisation": c.capitalisation,
        "indemnite_forfaitaire": c.indemnite_forfaitaire,
        "frais_justifies": montant_texte(c.frais_justifies),
        "base": c.base.value,
    }


def conditions_depuis_dict(x: dict) -> ConditionsDecompte:
    def date_ou_none(cle: str) -> dt.date | None:
        return _date(x[cle], cle) if x.get(cle) else None

    return ConditionsDecompte(
        regime=_enum(Regime, x["regime"], "regime") if x.get("regime") else None,
        creancier_particulier=bool(x.get("creancier_particulier", False)),
        date_mise_en_demeure=date_ou_none("date_mise_en_demeure"),
        date_signification_jugement=date_ou_none("date_signification_jugement"),
        date_jugement_ouverture=date_ou_none("date_jugement_ouverture"),
        capitalisation=bool(x.get("capitalisation", False)),
        indemnite_forfaitaire=bool(x.get("indemnite_forfaitaire", True)),
        frais_justifies=_decimal_ou_none(x.get("frais_justifies"), "frais_justifies"),
        base=_enum(Base, x.get("base", "365"), "base"),
    )


def dossier_entete_dict(d: Dossier) -> dict:
    """Everything but the three lists (stored in their own tables)."""
    return {
        "reference": d.reference,
        "cree_le": d.cree_le.isoformat(),
        "debiteur": debiteur_dict(d.debiteur),
        "etape": d.etape.value,
        "etape_depuis": d.etape_depuis.isoformat() if d.etape_depuis else None,
        "conditions": conditions_dict(d.conditions),
        "passages": [passage_dict(p) for p in d.passages],
        "etape_avant_pause": d.etape_avant_pause.value if d.etape_avant_pause else None,
        "pieces": [piece_dict(p) for p in d.pieces],
    }


def piece_dict(p: Piece) -> dict:
    return {
        "id": p.id,
        "fichier": p.fichier,
        "type": p.type.value,
        "date": p.date.isoformat() if p.date else None,
        "description": p.description,
    }


def piece_depuis_dict(x: dict) -> Piece:
    if not str(x.get("fichier", "")).strip() or "/" in x["fichier"] or "\\" in x["fichier"] or x["fichier"] in (".", ".."):
        raise ErreurSaisie("pieces.fichier", f"pièce : nom de fichier incorrect « {x.get('fichier')} ».")
    return Piece(
        fichier=x["fichier"],
        type=_enum(TypePiece, x.get("type", "autre"), "pieces.type"),
        date=_date(x["date"], "pieces.date") if x.get("date") else None,
        description=x.get("description", ""),
        **({"id": x["id"]} if x.get("id") else {}),
    )


# --- from dicts -----------------------------------------------------------------------------


def adresse_depuis_dict(x: dict) -> Adresse:
    return Adresse(
        lignes=tuple(x.get("lignes", ())),
        code_postal=x.get("code_postal", ""),
        ville=x.get("ville", ""),
        pays=x.get("pays", "France"),
    )


def contact_depuis_dict(x: dict) -> Contact:
    return Contact(
        nom=x.get("nom", ""), fonction=x.get("fonction", ""), email=x.get("email", ""), telephone=x.get("telephone", "")
    )


def debiteur_depuis_dict(x: dict) -> Debiteur:
    return Debiteur(
        type_personne=_enum(TypePersonne, x.get("type_personne", "morale"), "type_personne"),
        qualite=_enum(Qualite, x.get("qualite", "professionnel"), "qualite"),
        nom=x["nom"],
        prenom=x.get("prenom", ""),
        forme_juridique=x.get("forme_juridique", ""),
        siren=x.get("siren", ""),
        siret=x.get("siret", ""),
        representant_legal=x.get("representant_legal", ""),
        adresse=adresse_depuis_dict(x.get("adresse", {})),
        email=x.get("email", ""),
        telephone=x.get("telephone", ""),
        contact_relance=contact_depuis_dict(x.get("contact_relance", {})),
        contact_facturation=contact_depuis_dict(x.get("contact_facturation", {})),
        localisation=_enum(Localisation, x.get("localisation", "metropole"), "localisation"),
        secteur_public=bool(x.get("secteur_public", False)),
    )


def creancier_depuis_dict(x: dict) -> Creancier:
    return Creancier(
        raison_sociale=x.get("raison_sociale", ""),
        forme_juridique=x.get("forme_juridique", ""),
        capital=_decimal_ou_none(x.get("capital"), "capital"),
        siren=x.get("siren", ""),
        rcs=x.get("rcs", ""),
        siege=adresse_depuis_dict(x.get("siege", {})),
        representant_nom=x.get("representant_nom", ""),
        representant_qualite=x.get("representant_qualite", ""),
        email=x.get("email", ""),
        telephone=x.get("telephone", ""),
        iban=x.get("iban", ""),
    )


def creance_depuis_dict(x: dict) -> Creance:
    return Creance(
        id=x["id"],
        numero=x["numero"],
        date_facture=_date(x["date_facture"], "date_facture"),
        date_echeance=_date(x["date_echeance"], "date_echeance"),
        montant_ttc=_decimal(x["montant_ttc"], "montant_ttc"),
        objet=x.get("objet", ""),
        taux_contractuel=_decimal_ou_none(x.get("taux_contractuel"), "taux_contractuel"),
    )


def paiement_depuis_dict(x: dict) -> Paiement:
    return Paiement(
        id=x["id"],
        date=_date(x["date"], "date"),
        montant=_decimal(x["montant"], "montant"),
        mode=_enum(ModePaiement, x.get("mode", "virement"), "mode"),
        creance_id=x.get("creance_id"),
        commentaire=x.get("commentaire", ""),
    )


def evenement_depuis_dict(x: dict) -> EvenementJournal:
    try:
        horodatage = dt.datetime.fromisoformat(x["horodatage"])
    except (TypeError, ValueError):
        raise ErreurSaisie("horodatage", f"horodatage : « {x.get('horodatage')} » illisible.") from None
    return EvenementJournal(
        id=x["id"],
        horodatage=horodatage,
        auteur=x.get("auteur", ""),
        type=_enum(TypeEvenement, x["type"], "type"),
        texte=x.get("texte", ""),
        document=x.get("document", ""),
        empreinte=x.get("empreinte", ""),
    )


def passage_dict(p: Passage) -> dict:
    return {"depuis": p.depuis.value, "vers": p.vers.value, "date": p.date.isoformat(), "faits": dict(p.faits)}


def passage_depuis_dict(x: dict) -> Passage:
    return Passage(
        _enum(Etape, x["depuis"], "depuis"), _enum(Etape, x["vers"], "vers"), _date(x["date"], "date"),
        dict(x.get("faits") or {}),
    )


def dossier_depuis_entete(
    entete: dict,
    debiteur: Debiteur,
    creances: tuple[Creance, ...],
    paiements: tuple[Paiement, ...],
    journal: tuple[EvenementJournal, ...],
    revision: int = 0,
) -> Dossier:
    """A Dossier from its header dict and already-read parts (imports check the parts first)."""
    etape_depuis = entete.get("etape_depuis")
    return Dossier(
        reference=entete["reference"],
        cree_le=_date(entete["cree_le"], "cree_le"),
        debiteur=debiteur,
        creances=creances,
        paiements=paiements,
        journal=journal,
        etape=_enum(Etape, entete.get("etape", "nouveau"), "etape"),
        etape_depuis=_date(etape_depuis, "etape_depuis") if etape_depuis else None,
        conditions=conditions_depuis_dict(entete.get("conditions") or {}),
        passages=tuple(passage_depuis_dict(p) for p in entete.get("passages") or ()),
        etape_avant_pause=(
            _enum(Etape, entete["etape_avant_pause"], "etape_avant_pause") if entete.get("etape_avant_pause") else None
        ),
        pieces=tuple(piece_depuis_dict(p) for p in entete.get("pieces") or ()),
        revision=revision,
    )


def dossier_depuis_dicts(
    entete: dict, creances: list[dict], paiements: list[dict], journal: list[dict], revision: int = 0
) -> Dossier:
    """Rebuild a Dossier; a missing key or bad value raises ErreurSaisie naming it."""
    try:
        return dossier_depuis_entete(
            entete,
            debiteur_depuis_dict(entete["debiteur"]),
            tuple(creance_depuis_dict(c) for c in creances),
            tuple(paiement_depuis_dict(p) for p in paiements),
            tuple(evenement_depuis_dict(e) for e in journal),
            revision,
        )
    except KeyError as manque:
        raise ErreurSaisie(str(manque.args[0]), f"champ obligatoire absent : {manque.args[0]}.") from None
    except (TypeError, AttributeError) as erreur:
        raise ErreurSaisie("dossier", f"structure inattendue ({erreur}).") from None
