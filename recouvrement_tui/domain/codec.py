"""Plain-dict form of the model: money as "1234.56" strings, dates ISO, enums by value.

Pure conversion, used by storage (dossier.json), by the CLI's JSON output and by imports.
`*_depuis_dict` read back exactly what `*_dict` write and refuse anything else (a wrong
type, NaN, an amount above the cap, a date outside 1900-2200…) with ChampIllisible naming
the first wrong field, so a damaged file is reported, never half-loaded nor "repaired".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from enum import Enum
from typing import Any, Literal, TypeAlias, TypeVar, TypeVarTuple, overload

from recouvrement_tui.domain.appel import Appel, Issue
from recouvrement_tui.domain.conditions import ConditionsDecompte, Regime
from recouvrement_tui.domain.dates import verifier_date
from recouvrement_tui.domain.erreurs import ErreurSaisie
from recouvrement_tui.domain.etapes import Etape, TypeEvenement
from recouvrement_tui.domain.interets import Base
from recouvrement_tui.domain.model import (
    Activite,
    Adresse,
    Civilite,
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
    verifier_dossier,
)
from recouvrement_tui.domain.money import CAPITAL_MAXIMUM, MONTANT_MAXIMUM, verifier_montant
from recouvrement_tui.domain.procedure import (
    FAITS_A_COMPLETER,
    FAITS_REQUIS,
    MAX_ECHEANCES,
    Passage,
    TypeFait,
    nombre_echeances,
)

# A JSON object as the json module reads and writes it: its values are any JSON value.
ObjetJson: TypeAlias = dict[str, Any]

_E = TypeVar("_E", bound=Enum)
_R = TypeVar("_R")
_Ts = TypeVarTuple("_Ts")


def montant_texte(valeur: Decimal | None) -> str | None:
    """Decimal to the stored form: always two decimals with a dot ("1234.50")."""
    return None if valeur is None else f"{valeur:.2f}"


# --- reading checks -------------------------------------------------------------------------
#
# What was written by this module is read back exactly; anything else is refused, never
# coerced: a lenient reader would "repair" a damaged value (a float amount, "false" for
# false, a string for a list) and the next ordinary save would write the repair back.


class ChampIllisible(ErreurSaisie):
    """A value that is not what the format says. `champ` is its path in the document
    ("creances[0].montant_ttc"); the message is "<path> : <what is wrong>"."""

    def __init__(self, chemin: str, explication: str) -> None:
        super().__init__(chemin, f"{chemin} : {explication}" if chemin else explication)
        self.explication = explication

    def dans(self, parent: str) -> ChampIllisible:
        """The same error seen from the enclosing object or list item `parent`."""
        if not parent:
            return self
        return ChampIllisible(f"{parent}.{self.champ}" if self.champ else parent, self.explication)


def _apercu(valeur: object) -> str:
    """A short French description of a JSON value, for messages."""
    if valeur is None:
        return "null"
    if isinstance(valeur, bool):
        return "un booléen (true/false)"
    if isinstance(valeur, float):
        if valeur != valeur:
            return "NaN"
        if valeur in (float("inf"), float("-inf")):
            return "Infinity" if valeur > 0 else "-Infinity"
        return f"un nombre à virgule ({valeur!r})"
    if isinstance(valeur, int):
        return "un nombre" if abs(valeur) < 10**30 else "un nombre démesuré"
    if isinstance(valeur, list):
        return "une liste"
    if isinstance(valeur, dict):
        return "un objet"
    texte = str(valeur)
    return f"« {texte[:40]}{'…' if len(texte) > 40 else ''} »"


def _dans(chemin: str, lecteur: Callable[[*_Ts], _R], *args: *_Ts) -> _R:
    """Call `lecteur`; a ChampIllisible it raises is given the path `chemin` in front."""
    try:
        return lecteur(*args)
    except ChampIllisible as erreur:
        raise erreur.dans(chemin) from None


def _objet(valeur: object, chemin: str = "") -> ObjetJson:
    if not isinstance(valeur, dict):
        raise ChampIllisible(chemin, f"un objet {{…}} est attendu, pas {_apercu(valeur)}.")
    return valeur


def _obligatoire(x: ObjetJson, cle: str) -> Any:
    if cle not in x:
        raise ChampIllisible(cle, "champ obligatoire absent.")
    return x[cle]


def _texte(x: ObjetJson, cle: str, defaut: str | None = "") -> str:
    valeur = x.get(cle, defaut) if defaut is not None else _obligatoire(x, cle)
    if not isinstance(valeur, str):
        raise ChampIllisible(cle, f"un texte est attendu, pas {_apercu(valeur)}.")
    return valeur


def _texte_ou_none(x: ObjetJson, cle: str) -> str | None:
    return None if x.get(cle) is None else _texte(x, cle)


def _identifiant(x: ObjetJson, cle: str = "id") -> str:
    valeur = _texte(x, cle, None)
    if not valeur.strip():
        raise ChampIllisible(cle, "identifiant vide.")
    return valeur


def _booleen(x: ObjetJson, cle: str, defaut: bool) -> bool:
    valeur = x.get(cle, defaut)
    if not isinstance(valeur, bool):
        raise ChampIllisible(cle, f"true ou false est attendu (sans guillemets), pas {_apercu(valeur)}.")
    return valeur


def _liste(x: ObjetJson, cle: str) -> list[Any]:
    valeur = x.get(cle)
    if valeur is None:
        return []
    if not isinstance(valeur, list):
        raise ChampIllisible(cle, f"une liste [ … ] est attendue, pas {_apercu(valeur)}.")
    return valeur


def _textes(x: ObjetJson, cle: str) -> tuple[str, ...]:
    valeurs = _liste(x, cle)
    for rang, valeur in enumerate(valeurs):
        if not isinstance(valeur, str):
            raise ChampIllisible(f"{cle}[{rang}]", f"un texte est attendu, pas {_apercu(valeur)}.")
    return tuple(valeurs)


_MONTANT = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_TAUX = re.compile(r"[0-9]{1,3}(\.[0-9]{1,10})?")


@overload
def _montant(
    x: ObjetJson, cle: str, *, obligatoire: Literal[True], positif: bool, maximum: Decimal = MONTANT_MAXIMUM
) -> Decimal: ...
@overload
def _montant(
    x: ObjetJson, cle: str, *, obligatoire: bool, positif: bool, maximum: Decimal = MONTANT_MAXIMUM
) -> Decimal | None: ...
def _montant(x: ObjetJson, cle: str, *, obligatoire: bool, positif: bool, maximum: Decimal = MONTANT_MAXIMUM) -> Decimal | None:
    """An amount as stored ("1234.56") or, in hand-written imports, a JSON integer."""
    valeur = _obligatoire(x, cle) if obligatoire else x.get(cle)
    if valeur in (None, "") and not obligatoire:  # "" as hand-written imports may say "none"
        return None
    if isinstance(valeur, str) and _MONTANT.fullmatch(valeur) or isinstance(valeur, int) and not isinstance(valeur, bool):
        nombre = Decimal(valeur)
    elif isinstance(valeur, str):
        raise ChampIllisible(cle, f"{_apercu(valeur)} n'est pas un montant (attendu : \"1234.56\", sans espace).")
    else:
        raise ChampIllisible(cle, f"un montant en texte est attendu (\"1234.56\"), pas {_apercu(valeur)}.")
    try:
        if not positif and nombre < 0:
            raise ErreurSaisie(cle, "un montant négatif n'a pas de sens ici.")
        return verifier_montant(nombre, cle, positif=positif, maximum=maximum)
    except ErreurSaisie as erreur:
        raise ChampIllisible(cle, _minuscule(erreur.message)) from None


def _taux(x: ObjetJson, cle: str) -> Decimal | None:
    """An annual rate in percent, stored as text ("12.5"); absent or empty: none."""
    valeur = x.get(cle)
    if valeur is None or valeur == "":
        return None
    if isinstance(valeur, int) and not isinstance(valeur, bool):
        valeur = str(valeur)
    if not isinstance(valeur, str) or not _TAUX.fullmatch(valeur):
        raise ChampIllisible(cle, f"{_apercu(valeur)} n'est pas un taux (attendu : \"12.5\" pour 12,5 %).")
    taux = Decimal(valeur)
    if taux > 100:
        raise ChampIllisible(cle, f"un taux annuel de {valeur} % n'est pas plausible (100 % au plus).")
    return taux


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_HORODATAGE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}")


def _date_texte(valeur: object, cle: str) -> dt.date:
    """An ISO date "2026-03-15" (only that spelling: fromisoformat would take "20260315" too)."""
    if not isinstance(valeur, str) or not _DATE.fullmatch(valeur):
        raise ChampIllisible(cle, f"{_apercu(valeur)} n'est pas une date ISO (AAAA-MM-JJ).")
    try:
        jour = dt.date.fromisoformat(valeur)
    except ValueError:
        raise ChampIllisible(cle, f"le {valeur} n'existe pas.") from None
    try:
        return verifier_date(jour, cle)
    except ErreurSaisie as erreur:
        raise ChampIllisible(cle, _minuscule(erreur.message)) from None


def _date(x: ObjetJson, cle: str) -> dt.date:
    return _date_texte(_obligatoire(x, cle), cle)


def _date_ou_none(x: ObjetJson, cle: str) -> dt.date | None:
    return None if x.get(cle) is None else _date(x, cle)


def _horodatage(x: ObjetJson, cle: str) -> dt.datetime:
    valeur = _obligatoire(x, cle)
    if not isinstance(valeur, str) or not _HORODATAGE.fullmatch(valeur):
        raise ChampIllisible(cle, f"{_apercu(valeur)} n'est pas un horodatage ISO à la seconde (AAAA-MM-JJTHH:MM:SS).")
    try:
        moment = dt.datetime.fromisoformat(valeur)
    except ValueError:
        raise ChampIllisible(cle, f"le {valeur} n'existe pas.") from None
    _date_texte(valeur[:10], cle)
    return moment


def _enum(enum: type[_E], x: ObjetJson, cle: str, defaut: str | None = None) -> _E:
    valeur = x.get(cle, defaut) if defaut is not None else _obligatoire(x, cle)
    if isinstance(valeur, str):
        try:
            return enum(valeur)
        except ValueError:
            pass
    permis = ", ".join(e.value or '""' for e in enum)
    quoi = "valeur inconnue" if isinstance(valeur, str) else "un texte est attendu, pas"
    raise ChampIllisible(cle, f"{quoi} {_apercu(valeur)} (valeurs permises : {permis}).")


def _enum_ou_none(enum: type[_E], x: ObjetJson, cle: str) -> _E | None:
    return None if x.get(cle) is None else _enum(enum, x, cle)


def _minuscule(message: str) -> str:
    return message[:1].lower() + message[1:]


# --- to dicts -------------------------------------------------------------------------------


def adresse_dict(a: Adresse) -> ObjetJson:
    return {"lignes": list(a.lignes), "code_postal": a.code_postal, "ville": a.ville, "pays": a.pays}


def contact_dict(c: Contact) -> ObjetJson:
    return {"nom": c.nom, "fonction": c.fonction, "email": c.email, "telephone": c.telephone}


def debiteur_dict(d: Debiteur) -> ObjetJson:
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
        "activite": d.activite.value,
        "civilite": d.civilite.value,
        **({"compte_client": d.compte_client} if d.compte_client else {}),
    }


def creancier_dict(c: Creancier) -> ObjetJson:
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


def creance_dict(c: Creance) -> ObjetJson:
    return {
        "id": c.id,
        "numero": c.numero,
        "date_facture": c.date_facture.isoformat(),
        "date_echeance": c.date_echeance.isoformat(),
        "montant_ttc": montant_texte(c.montant_ttc),
        "objet": c.objet,
        "taux_contractuel": None if c.taux_contractuel is None else str(c.taux_contractuel),
        **({"reference_comptable": c.reference_comptable} if c.reference_comptable else {}),
    }


def paiement_dict(p: Paiement) -> ObjetJson:
    return {
        "id": p.id,
        "date": p.date.isoformat(),
        "montant": montant_texte(p.montant),
        "mode": p.mode.value,
        "creance_id": p.creance_id,
        "commentaire": p.commentaire,
        **({"reference_comptable": p.reference_comptable} if p.reference_comptable else {}),
    }


def evenement_dict(e: EvenementJournal) -> ObjetJson:
    return {
        "id": e.id,
        "horodatage": e.horodatage.isoformat(timespec="seconds"),
        "auteur": e.auteur,
        "type": e.type.value,
        "texte": e.texte,
        "document": e.document,
        "empreinte": e.empreinte,
    }


def conditions_dict(c: ConditionsDecompte) -> ObjetJson:
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


def conditions_depuis_dict(x: object) -> ConditionsDecompte:
    x = _objet(x)
    return ConditionsDecompte(
        regime=_enum_ou_none(Regime, x, "regime"),
        creancier_particulier=_booleen(x, "creancier_particulier", False),
        date_mise_en_demeure=_date_ou_none(x, "date_mise_en_demeure"),
        date_signification_jugement=_date_ou_none(x, "date_signification_jugement"),
        date_jugement_ouverture=_date_ou_none(x, "date_jugement_ouverture"),
        capitalisation=_booleen(x, "capitalisation", False),
        indemnite_forfaitaire=_booleen(x, "indemnite_forfaitaire", True),
        frais_justifies=_montant(x, "frais_justifies", obligatoire=False, positif=False),
        base=_enum(Base, x, "base", Base.ANNEE_365.value),
    )


def dossier_entete_dict(d: Dossier) -> ObjetJson:
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
        "appels": [appel_dict(a) for a in d.appels],
    }


def appel_dict(a: Appel) -> ObjetJson:
    return {
        "id": a.id,
        "horodatage": a.horodatage.isoformat(timespec="seconds"),
        "issue": a.issue.value,
        "contact": a.contact,
        "date": a.date.isoformat() if a.date else None,
        "montant": montant_texte(a.montant),
        "note": a.note,
        "etape": a.etape.value if a.etape else None,
        "refus": a.refus,
    }


def appel_depuis_dict(x: object) -> Appel:
    x = _objet(x)
    return Appel(
        id=_identifiant(x),
        horodatage=_horodatage(x, "horodatage"),
        issue=_enum(Issue, x, "issue"),
        contact=_texte(x, "contact"),
        date=_date_ou_none(x, "date"),
        montant=_montant(x, "montant", obligatoire=False, positif=True),
        note=_texte(x, "note"),
        etape=_enum_ou_none(Etape, x, "etape"),
        refus=_texte(x, "refus"),
    )


def piece_dict(p: Piece) -> ObjetJson:
    return {
        "id": p.id,
        "fichier": p.fichier,
        "type": p.type.value,
        "date": p.date.isoformat() if p.date else None,
        "description": p.description,
    }


def piece_depuis_dict(x: object) -> Piece:
    x = _objet(x)
    fichier = _texte(x, "fichier", None)
    if not fichier.strip() or fichier in (".", "..") or any(c in fichier for c in "/\\\0"):
        raise ChampIllisible("fichier", f"nom de fichier incorrect {_apercu(fichier)} (un nom, sans chemin).")
    return Piece(
        fichier=fichier,
        type=_enum(TypePiece, x, "type", TypePiece.AUTRE.value),
        date=_date_ou_none(x, "date"),
        description=_texte(x, "description"),
        **({"id": _identifiant(x)} if x.get("id") is not None else {}),
    )


# --- from dicts -----------------------------------------------------------------------------


def adresse_depuis_dict(x: object) -> Adresse:
    x = _objet(x)
    return Adresse(
        lignes=_textes(x, "lignes"),
        code_postal=_texte(x, "code_postal"),
        ville=_texte(x, "ville"),
        pays=_texte(x, "pays", "France"),
    )


def contact_depuis_dict(x: object) -> Contact:
    x = _objet(x)
    return Contact(
        nom=_texte(x, "nom"), fonction=_texte(x, "fonction"), email=_texte(x, "email"), telephone=_texte(x, "telephone")
    )


def debiteur_depuis_dict(x: object) -> Debiteur:
    x = _objet(x)
    return Debiteur(
        type_personne=_enum(TypePersonne, x, "type_personne", TypePersonne.MORALE.value),
        qualite=_enum(Qualite, x, "qualite", Qualite.PROFESSIONNEL.value),
        nom=_texte(x, "nom", None),
        prenom=_texte(x, "prenom"),
        forme_juridique=_texte(x, "forme_juridique"),
        siren=_texte(x, "siren"),
        siret=_texte(x, "siret"),
        representant_legal=_texte(x, "representant_legal"),
        adresse=_dans("adresse", adresse_depuis_dict, x.get("adresse", {})),
        email=_texte(x, "email"),
        telephone=_texte(x, "telephone"),
        contact_relance=_dans("contact_relance", contact_depuis_dict, x.get("contact_relance", {})),
        contact_facturation=_dans("contact_facturation", contact_depuis_dict, x.get("contact_facturation", {})),
        localisation=_enum(Localisation, x, "localisation", Localisation.METROPOLE.value),
        secteur_public=_booleen(x, "secteur_public", False),
        # Files written before these fields: a commercial activity (the court chosen until
        # then), no known civilité.
        activite=_enum(Activite, x, "activite", Activite.COMMERCIALE.value),
        civilite=_enum(Civilite, x, "civilite", Civilite.INCONNUE.value),
        compte_client=_texte(x, "compte_client"),
    )


def creancier_depuis_dict(x: object) -> Creancier:
    x = _objet(x)
    return Creancier(
        raison_sociale=_texte(x, "raison_sociale"),
        forme_juridique=_texte(x, "forme_juridique"),
        capital=_montant(x, "capital", obligatoire=False, positif=False, maximum=CAPITAL_MAXIMUM),
        siren=_texte(x, "siren"),
        rcs=_texte(x, "rcs"),
        siege=_dans("siege", adresse_depuis_dict, x.get("siege", {})),
        representant_nom=_texte(x, "representant_nom"),
        representant_qualite=_texte(x, "representant_qualite"),
        email=_texte(x, "email"),
        telephone=_texte(x, "telephone"),
        iban=_texte(x, "iban"),
    )


def creance_depuis_dict(x: object) -> Creance:
    x = _objet(x)
    return Creance(
        id=_identifiant(x),
        numero=_texte(x, "numero", None),
        date_facture=_date(x, "date_facture"),
        date_echeance=_date(x, "date_echeance"),
        montant_ttc=_montant(x, "montant_ttc", obligatoire=True, positif=True),
        objet=_texte(x, "objet"),
        taux_contractuel=_taux(x, "taux_contractuel"),
        reference_comptable=_texte(x, "reference_comptable"),
    )


def paiement_depuis_dict(x: object) -> Paiement:
    x = _objet(x)
    return Paiement(
        id=_identifiant(x),
        date=_date(x, "date"),
        montant=_montant(x, "montant", obligatoire=True, positif=True),
        mode=_enum(ModePaiement, x, "mode", ModePaiement.VIREMENT.value),
        creance_id=_texte_ou_none(x, "creance_id"),
        commentaire=_texte(x, "commentaire"),
        reference_comptable=_texte(x, "reference_comptable"),
    )


def evenement_depuis_dict(x: object) -> EvenementJournal:
    x = _objet(x)
    return EvenementJournal(
        id=_identifiant(x),
        horodatage=_horodatage(x, "horodatage"),
        auteur=_texte(x, "auteur"),
        type=_enum(TypeEvenement, x, "type"),
        texte=_texte(x, "texte"),
        document=_chemin_document(x, "document"),
        empreinte=_texte(x, "empreinte"),
    )


def _chemin_document(x: ObjetJson, cle: str) -> str:
    """A file of the dossier, relative to its folder ("documents/…", "pieces/…"), or ""."""
    chemin = _texte(x, cle)
    if chemin and (
        chemin.startswith("/") or any(c in chemin for c in "\\:\0")
        or any(partie in ("", ".", "..") for partie in chemin.split("/"))
    ):
        raise ChampIllisible(
            cle, f"chemin {_apercu(chemin)} hors du dossier : un chemin relatif au dossier est attendu (documents/…)."
        )
    return chemin


def passage_dict(p: Passage) -> ObjetJson:
    return {"depuis": p.depuis.value, "vers": p.vers.value, "date": p.date.isoformat(), "faits": dict(p.faits)}


def passage_depuis_dict(x: object) -> Passage:
    x = _objet(x)
    return Passage(
        _enum(Etape, x, "depuis"), _enum(Etape, x, "vers"), _date(x, "date"), _dans("faits", _faits, x.get("faits")),
    )


# Facts holding a date (stored ISO): every fact typed as a date, and any key named date….
_FAITS_DATES = frozenset(
    champ.cle for champs in (*FAITS_REQUIS.values(), *FAITS_A_COMPLETER.values()) for champ in champs if champ.type is TypeFait.DATE
)


def _faits(faits: object) -> dict[str, str]:
    """A stage move's facts: texts, ISO dates for the date facts, a valid number of instalments."""
    if faits is None:
        return {}
    faits = _objet(faits)
    for cle, valeur in faits.items():
        if not isinstance(valeur, str):
            raise ChampIllisible(cle, f"un texte est attendu, pas {_apercu(valeur)}.")
        if cle in _FAITS_DATES or cle.startswith("date"):
            _date_texte(valeur, cle)
    if "nombre_echeances" in faits and nombre_echeances(faits["nombre_echeances"]) is None:
        raise ChampIllisible("nombre_echeances", f"un nombre de 1 à {MAX_ECHEANCES} est attendu.")
    return dict(faits)


def dossier_depuis_entete(
    entete: object,
    debiteur: Debiteur,
    creances: tuple[Creance, ...],
    paiements: tuple[Paiement, ...],
    journal: tuple[EvenementJournal, ...],
    revision: int = 0,
) -> Dossier:
    """A Dossier from its header dict and already-read parts (imports check the parts first).

    Raises ChampIllisible naming the first wrong field, or ErreurSaisie when the parts
    contradict each other (model.verifier_dossier)."""
    entete = _objet(entete)
    dossier = Dossier(
        reference=_texte(entete, "reference", None),
        cree_le=_date(entete, "cree_le"),
        debiteur=debiteur,
        creances=creances,
        paiements=paiements,
        journal=journal,
        etape=_enum(Etape, entete, "etape", Etape.NOUVEAU.value),
        etape_depuis=_date_ou_none(entete, "etape_depuis"),
        conditions=_dans("conditions", conditions_depuis_dict, entete.get("conditions", {})),
        passages=tuple(_dans(f"passages[{i}]", passage_depuis_dict, p) for i, p in enumerate(_liste(entete, "passages"))),
        etape_avant_pause=_enum_ou_none(Etape, entete, "etape_avant_pause"),
        pieces=tuple(_dans(f"pieces[{i}]", piece_depuis_dict, p) for i, p in enumerate(_liste(entete, "pieces"))),
        # Files written before calls were recorded have no "appels": none.
        appels=tuple(_dans(f"appels[{i}]", appel_depuis_dict, a) for i, a in enumerate(_liste(entete, "appels"))),
        revision=revision,
    )
    verifier_dossier(dossier)
    return dossier


def dossier_depuis_dicts(
    entete: object,
    creances: Sequence[object],
    paiements: Sequence[object],
    journal: Sequence[object],
    revision: int = 0,
) -> Dossier:
    """Rebuild a Dossier exactly as stored; a missing key or wrong value raises ErreurSaisie
    (ChampIllisible for a field, naming its path: "creances[0].montant_ttc : …")."""
    entete = _objet(entete, "dossier")
    return dossier_depuis_entete(
        entete,
        _dans("debiteur", debiteur_depuis_dict, _obligatoire(entete, "debiteur")),
        tuple(_dans(f"creances[{i}]", creance_depuis_dict, c) for i, c in enumerate(creances)),
        tuple(_dans(f"paiements[{i}]", paiement_depuis_dict, p) for i, p in enumerate(paiements)),
        tuple(_dans(f"journal[{i}]", evenement_depuis_dict, e) for i, e in enumerate(journal)),
        revision,
    )
