"""From what a user typed (forms, CLI, imports) to checked domain objects.

Each function takes a mapping of raw strings keyed by field name and either returns the
object or raises ErreursSaisie carrying one French message per wrong field. Forms show
each message beside its field, keyed by the same names. Amounts and dates are bounded here
as everywhere (money.MONTANT_MAXIMUM, dates.DATE_MINIMUM..DATE_MAXIMUM), through
lire_montant and lire_date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from enum import Enum
from typing import TypeVar

from recouvrement_tui.domain.conditions import ConditionsDecompte, Regime
from recouvrement_tui.domain.dates import lire_date
from recouvrement_tui.domain.erreurs import Collecteur, ErreurSaisie
from recouvrement_tui.domain.identifiants import lire_siren, lire_siret
from recouvrement_tui.domain.interets import Base
from recouvrement_tui.domain.model import (
    Activite,
    Adresse,
    Civilite,
    Contact,
    Creance,
    Creancier,
    Debiteur,
    Localisation,
    ModePaiement,
    Paiement,
    Piece,
    Qualite,
    TypePersonne,
    TypePiece,
    nouvel_identifiant,
)
from recouvrement_tui.domain.money import CAPITAL_MAXIMUM, lire_montant, lire_taux

_E = TypeVar("_E", bound=Enum)
_D = TypeVar("_D")

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_TELEPHONE = re.compile(r"\+?[\d .()-]{6,20}")
_DEPARTEMENTS_ALSACE_MOSELLE = ("57", "67", "68")
_DEPARTEMENTS_OUTRE_MER = ("971", "972", "973", "974", "975", "976", "977", "978", "986", "987", "988")


def _texte(valeurs: Mapping[str, object], cle: str) -> str:
    valeur = valeurs.get(cle, "")
    return "" if valeur is None else str(valeur).strip()


def _obligatoire(valeurs: Mapping[str, object], cle: str, message: str) -> str:
    texte = _texte(valeurs, cle)
    if not texte:
        raise ErreurSaisie(cle, message)
    return texte


def lire_email(texte: str, champ: str = "email") -> str:
    texte = texte.strip()
    if texte and not _EMAIL.fullmatch(texte):
        raise ErreurSaisie(champ, f"« {texte} » n'est pas une adresse e-mail (forme attendue : nom@domaine.fr).")
    return texte


def lire_telephone(texte: str, champ: str = "telephone") -> str:
    texte = texte.strip()
    if texte and not _TELEPHONE.fullmatch(texte):
        raise ErreurSaisie(champ, f"« {texte} » n'est pas un numéro de téléphone (chiffres, espaces, + au début).")
    return texte


def localisation_depuis_adresse(code_postal: str, pays: str) -> Localisation:
    """Guess where the debtor is from its address (used when the user leaves it to us)."""
    if pays and pays.strip().casefold() not in ("france", "fr"):
        return Localisation.ETRANGER
    if code_postal.startswith(_DEPARTEMENTS_OUTRE_MER):
        return Localisation.OUTRE_MER
    if code_postal.startswith(_DEPARTEMENTS_ALSACE_MOSELLE):
        return Localisation.ALSACE_MOSELLE
    return Localisation.METROPOLE


def _adresse(c: Collecteur, valeurs: Mapping[str, object], prefixe: str = "") -> Adresse:
    pays = _texte(valeurs, prefixe + "pays") or "France"
    en_france = pays.casefold() in ("france", "fr")
    ligne1 = c.lire(_obligatoire, valeurs, prefixe + "adresse1", "Indiquez l'adresse (numéro et voie).")
    code_postal = _texte(valeurs, prefixe + "code_postal")
    if en_france and not re.fullmatch(r"\d{5}", code_postal):
        c.signaler(prefixe + "code_postal", "Un code postal français compte 5 chiffres, par exemple 69003.")
    ville = c.lire(_obligatoire, valeurs, prefixe + "ville", "Indiquez la ville.")
    lignes = tuple(x for x in (ligne1 or "", _texte(valeurs, prefixe + "adresse2")) if x)
    return Adresse(lignes=lignes, code_postal=code_postal, ville=ville or "", pays=pays)


def _contact(c: Collecteur, valeurs: Mapping[str, object], prefixe: str) -> Contact:
    return Contact(
        nom=_texte(valeurs, prefixe + "nom"),
        fonction=_texte(valeurs, prefixe + "fonction"),
        email=c.lire(lire_email, _texte(valeurs, prefixe + "email"), prefixe + "email") or "",
        telephone=c.lire(lire_telephone, _texte(valeurs, prefixe + "telephone"), prefixe + "telephone") or "",
    )


def _choix(c: Collecteur, enum: type[_E], valeurs: Mapping[str, object], cle: str, defaut: _D) -> _E | _D:
    brut = _texte(valeurs, cle)
    if not brut:
        return defaut
    try:
        return enum(brut)
    except ValueError:
        permis = ", ".join(e.value or "vide" for e in enum)
        c.signaler(cle, f"« {brut} » n'est pas une valeur permise ici ({permis}).")
        return defaut


def debiteur_depuis_saisie(valeurs: Mapping[str, object]) -> Debiteur:
    """Check and build a debtor. Keys: type_personne, qualite, civilite ("" = unknown, "Madame",
    "Monsieur"), nom, prenom, forme_juridique, activite ("" = commerciale), siren, siret,
    representant_legal, adresse1, adresse2, code_postal, ville, pays, email, telephone,
    relance_nom/fonction/email/telephone, facturation_*, localisation ("" = from the address),
    secteur_public ("oui"/"non" or bool)."""
    c = Collecteur()
    type_personne = _choix(c, TypePersonne, valeurs, "type_personne", TypePersonne.MORALE)
    qualite = _choix(c, Qualite, valeurs, "qualite", Qualite.PROFESSIONNEL)
    civilite = _choix(c, Civilite, valeurs, "civilite", Civilite.INCONNUE)
    activite = _choix(c, Activite, valeurs, "activite", Activite.COMMERCIALE)
    nom = c.lire(_obligatoire, valeurs, "nom", "Indiquez le nom ou la raison sociale du débiteur.") or ""
    if type_personne is TypePersonne.MORALE and qualite is Qualite.CONSOMMATEUR:
        c.signaler("qualite", "Une personne morale n'est pas un consommateur : choisissez « Professionnel » ou, "
                              "si elle agit hors de toute activité professionnelle (SCI, association…), "
                              "« Non-professionnel ».")
    if type_personne is TypePersonne.PHYSIQUE and qualite is Qualite.NON_PROFESSIONNEL:
        c.signaler("qualite", "Une personne physique qui agit hors de son activité professionnelle est un "
                              "consommateur : choisissez « Consommateur ».")
    if type_personne is TypePersonne.MORALE and civilite:
        c.signaler("civilite", "La civilité ne concerne qu'une personne physique : laissez-la « Non précisée ».")
    siren = c.lire(lire_siren, _texte(valeurs, "siren")) or ""
    siret = c.lire(lire_siret, _texte(valeurs, "siret")) or ""
    if siret and siren and siret[:9] != siren:
        c.signaler("siret", f"Ce SIRET n'appartient pas au SIREN {siren} (ses 9 premiers chiffres diffèrent).")
    if siret and not siren:
        siren = siret[:9]
    adresse = _adresse(c, valeurs)
    localisation = _choix(c, Localisation, valeurs, "localisation", None) or localisation_depuis_adresse(
        adresse.code_postal, adresse.pays
    )
    secteur_public = _oui(valeurs.get("secteur_public", False))
    if secteur_public and qualite is Qualite.CONSOMMATEUR:
        c.signaler("secteur_public", "Un organisme public n'est pas un consommateur.")
    elif secteur_public and qualite is Qualite.NON_PROFESSIONNEL:
        c.signaler("secteur_public", "Un organisme public relève des règles de la commande publique "
                                     "(intérêts moratoires, indemnité de 40 €) : choisissez « Professionnel ».")
    debiteur = Debiteur(
        type_personne=type_personne,
        qualite=qualite,
        nom=nom,
        prenom=_texte(valeurs, "prenom"),
        forme_juridique=_texte(valeurs, "forme_juridique"),
        siren=siren,
        siret=siret,
        representant_legal=_texte(valeurs, "representant_legal"),
        adresse=adresse,
        email=c.lire(lire_email, _texte(valeurs, "email")) or "",
        telephone=c.lire(lire_telephone, _texte(valeurs, "telephone")) or "",
        contact_relance=_contact(c, valeurs, "relance_"),
        contact_facturation=_contact(c, valeurs, "facturation_"),
        localisation=localisation,
        secteur_public=bool(secteur_public),
        activite=activite,
        civilite=civilite,
    )
    c.verifier()
    return debiteur


def creance_depuis_saisie(valeurs: Mapping[str, object], identifiant: str | None = None) -> Creance:
    """Check and build an invoice. Keys: numero, date_facture, date_echeance, montant_ttc,
    objet, taux_contractuel."""
    c = Collecteur()
    numero = c.lire(_obligatoire, valeurs, "numero", "Indiquez le numéro de la facture.")
    date_facture = c.lire(lire_date, _texte(valeurs, "date_facture"), "date_facture")
    date_echeance = c.lire(lire_date, _texte(valeurs, "date_echeance"), "date_echeance")
    if date_facture and date_echeance and date_echeance < date_facture:
        c.signaler("date_echeance", "L'échéance ne peut pas précéder la date de la facture.")
    montant = c.lire(lire_montant, _texte(valeurs, "montant_ttc"), "montant_ttc")
    taux = c.lire(lire_taux, _texte(valeurs, "taux_contractuel"), "taux_contractuel")
    c.verifier()
    # verifier() raised if a parser failed: each of these was read.
    assert numero is not None and date_facture is not None and date_echeance is not None and montant is not None
    return Creance(
        numero=numero,
        date_facture=date_facture,
        date_echeance=date_echeance,
        montant_ttc=montant,
        objet=_texte(valeurs, "objet"),
        taux_contractuel=taux,
        id=identifiant or nouvel_identifiant(),
    )


def paiement_depuis_saisie(
    valeurs: Mapping[str, object], aujourdhui: dt.date, creances_connues: Mapping[str, str] | None = None
) -> Paiement:
    """Check and build a payment. Keys: date, montant, mode, creance_id ("" = not named),
    commentaire. `creances_connues` maps invoice ids to numbers, to check creance_id."""
    c = Collecteur()
    date = c.lire(lire_date, _texte(valeurs, "date"), "date")
    if date and date > aujourdhui:
        c.signaler("date", "Un paiement ne peut pas être daté dans le futur : indiquez la date de réception.")
    montant = c.lire(lire_montant, _texte(valeurs, "montant"), "montant")
    mode = _choix(c, ModePaiement, valeurs, "mode", ModePaiement.VIREMENT)
    creance_id = _texte(valeurs, "creance_id") or None
    if creance_id and creances_connues is not None and creance_id not in creances_connues:
        c.signaler("creance_id", "Cette facture n'existe pas dans le dossier.")
    c.verifier()
    assert date is not None and montant is not None  # verifier() raised if either failed
    return Paiement(date=date, montant=montant, mode=mode, creance_id=creance_id, commentaire=_texte(valeurs, "commentaire"))


def creancier_depuis_saisie(valeurs: Mapping[str, object]) -> Creancier:
    """Check and build the creditor's identity. Keys: raison_sociale, forme_juridique,
    capital, siren, rcs, siege_adresse1/2, siege_code_postal, siege_ville, siege_pays,
    representant_nom, representant_qualite, email, telephone, iban."""
    from stdnum import iban as _iban  # local: only settings need it

    c = Collecteur()
    raison_sociale = c.lire(_obligatoire, valeurs, "raison_sociale", "Indiquez la raison sociale de votre société.")
    siren = c.lire(lire_siren, _texte(valeurs, "siren"), obligatoire=True)
    capital_brut = _texte(valeurs, "capital")
    capital = c.lire(lire_montant, capital_brut, "capital", maximum=CAPITAL_MAXIMUM) if capital_brut else None
    siege = _adresse(c, valeurs, "siege_")
    representant = c.lire(
        _obligatoire, valeurs, "representant_nom", "Indiquez le représentant légal (il signe les mises en demeure)."
    )
    iban = re.sub(r"\s", "", _texte(valeurs, "iban")).upper()
    if iban and not _iban.is_valid(iban):
        c.signaler("iban", "Cet IBAN est invalide (clé de contrôle fausse) : recopiez-le depuis votre RIB.")
    email = c.lire(lire_email, _texte(valeurs, "email")) or ""
    telephone = c.lire(lire_telephone, _texte(valeurs, "telephone")) or ""
    c.verifier()
    # verifier() raised if a parser failed: each of these was read.
    assert raison_sociale is not None and siren is not None and representant is not None
    return Creancier(
        raison_sociale=raison_sociale,
        forme_juridique=_texte(valeurs, "forme_juridique"),
        capital=capital,
        siren=siren,
        rcs=_texte(valeurs, "rcs"),
        siege=siege,
        representant_nom=representant,
        representant_qualite=_texte(valeurs, "representant_qualite"),
        email=email,
        telephone=telephone,
        iban=iban,
    )


def _oui(valeur: object) -> bool:
    if isinstance(valeur, str):
        return valeur.strip().casefold() in ("oui", "true", "1", "o")
    return bool(valeur)


def conditions_depuis_saisie(valeurs: Mapping[str, object]) -> ConditionsDecompte:
    """Check the décompte conditions of a dossier. Keys: regime ("" = automatic),
    creancier_particulier, date_mise_en_demeure, date_signification_jugement,
    capitalisation, indemnite_forfaitaire, frais_justifies, base ("365" or "exacte")."""
    c = Collecteur()
    regime = _choix(c, Regime, valeurs, "regime", None)
    mise_en_demeure = c.lire(lire_date, _texte(valeurs, "date_mise_en_demeure"), "date_mise_en_demeure", obligatoire=False)
    signification = c.lire(
        lire_date, _texte(valeurs, "date_signification_jugement"), "date_signification_jugement", obligatoire=False
    )
    ouverture = c.lire(lire_date, _texte(valeurs, "date_jugement_ouverture"), "date_jugement_ouverture", obligatoire=False)
    frais_brut = _texte(valeurs, "frais_justifies")
    frais = c.lire(lire_montant, frais_brut, "frais_justifies") if frais_brut else None
    base = _choix(c, Base, valeurs, "base", Base.ANNEE_365)
    c.verifier()
    return ConditionsDecompte(
        regime=regime,
        creancier_particulier=_oui(valeurs.get("creancier_particulier", False)),
        date_mise_en_demeure=mise_en_demeure,
        date_signification_jugement=signification,
        date_jugement_ouverture=ouverture,
        capitalisation=_oui(valeurs.get("capitalisation", False)),
        indemnite_forfaitaire=_oui(valeurs.get("indemnite_forfaitaire", True)),
        frais_justifies=frais,
        base=base,
    )


def piece_depuis_saisie(valeurs: Mapping[str, object], aujourdhui: dt.date) -> Piece:
    """Type, date and description of a piece to attach (the file itself is checked on copy)."""
    c = Collecteur()
    if not _texte(valeurs, "fichier"):
        c.signaler("fichier", "Indiquez le chemin du fichier à joindre (facture PDF, bon de commande, contrat…).")
    type_ = _choix(c, TypePiece, valeurs, "type", TypePiece.AUTRE)
    date = None
    if brut := _texte(valeurs, "date"):
        date = c.lire(lire_date, brut, "date")
        if date and date > aujourdhui:
            c.signaler("date", "La date d'une pièce ne peut pas être dans le futur.")
    c.verifier()
    return Piece(fichier="(à copier)", type=type_, date=date, description=_texte(valeurs, "description"))
