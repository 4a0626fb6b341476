"""The parties as a document names them: the creditor, the debtor (designation, civilité,
entrepreneur individuel), their addresses, and French elision before a name ("d'Anne")."""

from __future__ import annotations

from recouvrement_tui.domain.formatage import montant
from recouvrement_tui.domain.identifiants import formater_siren, formater_siret
from recouvrement_tui.domain.model import (
    Adresse,
    Creancier,
    Debiteur,
    TypePersonne,
)

# --- parties -----------------------------------------------------------------------------


def _adresse(adresse: Adresse) -> dict:
    return {"lignes": adresse.en_lignes(), "une_ligne": adresse.sur_une_ligne(), "ville": adresse.ville}


def partie_creanciere(c: Creancier) -> dict:
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


def partie_debitrice(d: Debiteur) -> dict:
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


# --- facts of the court filings ------------------------------------------------------------

_VOYELLES = "aeiouyàâäéèêëîïôöûüùÿœæ"


def avec_de(nom: str) -> str:
    """"d'Anne Martin", "de Dupont SARL": the preposition de, elided before a vowel or a mute h
    the way a reader expects before a name (an aspirated h cannot be told: written "de")."""
    premiere = nom.lstrip("«\"' \u00a0")[:1].casefold()
    return f"d'{nom}" if premiere and premiere in _VOYELLES else f"de {nom}"
