"""The application's forms: which fields each one has, and their initial values.

Field keys are those of recouvrement_tui.domain.saisie; this module only describes and
pre-fills, the checking happens in the domain.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from recouvrement_tui.domain.conditions import ConditionsDecompte, Regime
from recouvrement_tui.domain.etapes import Etape
from recouvrement_tui.domain.formatage import date_courte, fait_lisible, nombre, nombre_tel_quel
from recouvrement_tui.domain.model import (
    Activite,
    Civilite,
    Contact,
    Creance,
    Creancier,
    Debiteur,
    Localisation,
    ModePaiement,
    Qualite,
    TypePersonne,
)
from recouvrement_tui.domain.parametres import CalendrierRelances
from recouvrement_tui.domain.procedure import FAITS_A_COMPLETER, FAITS_REQUIS, ChampFait, TypeFait
from recouvrement_tui.ui.widgets.formulaire import Champ, Formulaire, Section, TypeChamp


def _saisie_montant(valeur) -> str:
    """A Decimal as a user would type it back: "1234,56" (no thousands separator)."""
    return "" if valeur is None else nombre(valeur, milliers=False)


def _options(enum) -> tuple[tuple[str, str], ...]:
    return tuple((e.libelle, e.value) for e in enum)


def _champs_adresse(prefixe: str = "") -> tuple[Champ, ...]:
    return (
        Champ(prefixe + "adresse1", "Adresse", aide="12 rue de la République", obligatoire=True),
        Champ(prefixe + "adresse2", "Complément d'adresse", aide="Bâtiment B, BP 123"),
        Champ(prefixe + "code_postal", "Code postal", aide="69003", obligatoire=True),
        Champ(prefixe + "ville", "Ville", aide="Lyon", obligatoire=True),
        Champ(prefixe + "pays", "Pays", aide="France"),
    )


def _champs_contact(prefixe: str, titre: str) -> Section:
    return Section(
        titre,
        (
            Champ(prefixe + "nom", "Nom"),
            Champ(prefixe + "fonction", "Fonction", aide="Comptabilité fournisseurs"),
            Champ(prefixe + "email", "E-mail"),
            Champ(prefixe + "telephone", "Téléphone"),
        ),
    )


SECTIONS_DEBITEUR = [
    Section(
        "Identité",
        (
            Champ("type_personne", "Type", TypeChamp.CHOIX, _options(TypePersonne)),
            Champ("qualite", "Qualité", TypeChamp.CHOIX, _options(Qualite)),
            Champ("civilite", "Civilité (personne physique)", TypeChamp.CHOIX, _options(Civilite)),
            Champ("nom", "Nom ou raison sociale", aide="Menuiserie Durand", obligatoire=True),
            Champ("prenom", "Prénom (personne physique)"),
            Champ("forme_juridique", "Forme juridique", aide="SARL, SAS…"),
            Champ("activite", "Activité (professionnel)", TypeChamp.CHOIX, _options(Activite)),
            Champ("siren", "SIREN", aide="9 chiffres"),
            Champ("siret", "SIRET", aide="14 chiffres (facultatif)"),
            Champ("representant_legal", "Représentant légal (société)", aide="M. Jean Durand, gérant"),
            Champ("secteur_public", "Organisme public (administration, collectivité, hôpital…)", TypeChamp.CASE),
        ),
    ),
    Section("Adresse", _champs_adresse()),
    Section(
        "Coordonnées",
        (
            Champ(
                "localisation",
                "Localisation",
                TypeChamp.CHOIX,
                (("Déduire de l'adresse", ""), *_options(Localisation)),
            ),
            Champ("email", "E-mail"),
            Champ("telephone", "Téléphone"),
        ),
    ),
    _champs_contact("relance_", "Contact pour les relances"),
    _champs_contact("facturation_", "Contact facturation"),
]


def _valeurs_contact(prefixe: str, contact: Contact) -> dict[str, str]:
    return {
        prefixe + "nom": contact.nom,
        prefixe + "fonction": contact.fonction,
        prefixe + "email": contact.email,
        prefixe + "telephone": contact.telephone,
    }


def valeurs_debiteur(d: Debiteur | None) -> dict[str, Any]:
    if d is None:
        return {"type_personne": TypePersonne.MORALE.value, "qualite": Qualite.PROFESSIONNEL.value,
                "civilite": Civilite.INCONNUE.value, "activite": Activite.COMMERCIALE.value, "localisation": ""}
    lignes = list(d.adresse.lignes) + ["", ""]
    return {
        "type_personne": d.type_personne.value,
        "qualite": d.qualite.value,
        "civilite": d.civilite.value,
        "activite": d.activite.value,
        "nom": d.nom,
        "prenom": d.prenom,
        "forme_juridique": d.forme_juridique,
        "siren": d.siren,
        "siret": d.siret,
        "representant_legal": d.representant_legal,
        "secteur_public": d.secteur_public,
        "adresse1": lignes[0],
        "adresse2": lignes[1],
        "code_postal": d.adresse.code_postal,
        "ville": d.adresse.ville,
        "pays": d.adresse.pays,
        "localisation": d.localisation.value,
        "email": d.email,
        "telephone": d.telephone,
        **_valeurs_contact("relance_", d.contact_relance),
        **_valeurs_contact("facturation_", d.contact_facturation),
    }


def formulaire_debiteur(titre: str, debiteur: Debiteur | None, valider: Callable) -> Formulaire:
    return Formulaire(titre, SECTIONS_DEBITEUR, valeurs_debiteur(debiteur), valider)


SECTIONS_CREANCE = [
    Section(
        "",
        (
            Champ("numero", "Numéro de facture", aide="FA-2026-0042", obligatoire=True),
            Champ("date_facture", "Date de la facture", aide="JJ/MM/AAAA", obligatoire=True),
            Champ("date_echeance", "Date d'échéance", aide="JJ/MM/AAAA", obligatoire=True),
            Champ("montant_ttc", "Montant TTC (€)", aide="1 234,56", obligatoire=True),
            Champ("objet", "Objet", aide="Fourniture de…"),
            Champ("taux_contractuel", "Taux de pénalité contractuel (% par an)", aide="vide : taux légal B2B"),
        ),
    )
]


def valeurs_creance(c: Creance | None) -> dict[str, str]:
    if c is None:
        return {}
    return {
        "numero": c.numero,
        "date_facture": date_courte(c.date_facture),
        "date_echeance": date_courte(c.date_echeance),
        "montant_ttc": _saisie_montant(c.montant_ttc),
        "objet": c.objet,
        "taux_contractuel": "" if c.taux_contractuel is None else nombre_tel_quel(c.taux_contractuel),
    }


def formulaire_creance(titre: str, creance: Creance | None, valider: Callable) -> Formulaire:
    return Formulaire(titre, SECTIONS_CREANCE, valeurs_creance(creance), valider)


def formulaire_paiement(creances: list[Creance], aujourdhui, valider: Callable) -> Formulaire:
    choix_factures = (("Non précisée (imputation légale)", ""),) + tuple(
        (f"Facture {c.numero}", c.id) for c in creances
    )
    sections = [
        Section(
            "",
            (
                Champ("date", "Date de réception", aide="JJ/MM/AAAA", obligatoire=True),
                Champ("montant", "Montant (€)", aide="500,00", obligatoire=True),
                Champ("mode", "Mode de paiement", TypeChamp.CHOIX, _options(ModePaiement)),
                Champ("creance_id", "Facture désignée par le débiteur", TypeChamp.CHOIX, choix_factures),
                Champ("commentaire", "Commentaire", aide="Référence du virement…"),
            ),
        )
    ]
    return Formulaire("Enregistrer un paiement", sections, {"date": date_courte(aujourdhui)}, valider)


def formulaire_note(valider: Callable) -> Formulaire:
    sections = [Section("", (Champ("texte", "Note", TypeChamp.ZONE, obligatoire=True),))]
    return Formulaire("Ajouter une note au journal", sections, {}, lambda v: valider(v["texte"]))


def formulaire_urgence(valider: Callable) -> Formulaire:
    """Why a court must be seized before the mise en demeure's time has run out (journaled)."""
    champ = Champ("motif", "Motif de l'urgence", TypeChamp.ZONE, obligatoire=True,
                  aide="risque d'insolvabilité, prescription proche, organisation de l'insolvabilité…")
    return Formulaire("Invoquer l'urgence (voie judiciaire avant la fin du délai de la mise en demeure)",
                      [Section("", (champ,))], {}, lambda v: valider(v["motif"]))


SECTIONS_CREANCIER = [
    Section(
        "Votre société (créancier)",
        (
            Champ("raison_sociale", "Raison sociale", obligatoire=True),
            Champ("forme_juridique", "Forme juridique", aide="SAS"),
            Champ("capital", "Capital social (€)", aide="50 000"),
            Champ("siren", "SIREN", aide="9 chiffres", obligatoire=True),
            Champ("rcs", "RCS (ville du greffe)", aide="Lyon"),
        ),
    ),
    Section("Siège", _champs_adresse("siege_")),
    Section(
        "Représentant légal et coordonnées",
        (
            Champ("representant_nom", "Représentant légal", aide="Claire Martin", obligatoire=True),
            Champ("representant_qualite", "Qualité", aide="Présidente"),
            Champ("email", "E-mail"),
            Champ("telephone", "Téléphone"),
            Champ("iban", "IBAN (pour les paiements)"),
        ),
    ),
]

_LIBELLES_CALENDRIER = {
    "jours_avant_echeance_preventive": "Relance préventive : jours avant l'échéance",
    "jours_apres_echeance_premiere_relance": "Première relance : jours après l'échéance",
    "jours_entre_relances": "Relance ferme : jours après la première",
    "jours_avant_mise_en_demeure": "Mise en demeure : jours après la relance ferme",
    "delai_mise_en_demeure": "Délai laissé par la mise en demeure (jours)",
    "jours_paiement_factures": "Délai de paiement des factures importées d'un FEC (jours)",
}

SECTION_CALENDRIER = Section(
    "Calendrier de relance", tuple(Champ(cle, libelle) for cle, libelle in _LIBELLES_CALENDRIER.items())
)


def valeurs_parametres(creancier: Creancier, calendrier: CalendrierRelances) -> dict[str, Any]:
    lignes = list(creancier.siege.lignes) + ["", ""]
    valeurs: dict[str, Any] = {
        "raison_sociale": creancier.raison_sociale,
        "forme_juridique": creancier.forme_juridique,
        "capital": _saisie_montant(creancier.capital),
        "siren": creancier.siren,
        "rcs": creancier.rcs,
        "siege_adresse1": lignes[0],
        "siege_adresse2": lignes[1],
        "siege_code_postal": creancier.siege.code_postal,
        "siege_ville": creancier.siege.ville,
        "siege_pays": creancier.siege.pays,
        "representant_nom": creancier.representant_nom,
        "representant_qualite": creancier.representant_qualite,
        "email": creancier.email,
        "telephone": creancier.telephone,
        "iban": creancier.iban,
    }
    valeurs.update({cle: str(getattr(calendrier, cle)) for cle in _LIBELLES_CALENDRIER})
    return valeurs


def formulaire_parametres(creancier: Creancier, calendrier: CalendrierRelances, valider: Callable) -> Formulaire:
    sections = [*SECTIONS_CREANCIER, SECTION_CALENDRIER]
    cles_calendrier = set(_LIBELLES_CALENDRIER)

    def separer(valeurs: dict[str, Any]):
        creancier_v = {k: v for k, v in valeurs.items() if k not in cles_calendrier}
        calendrier_v = {k: v for k, v in valeurs.items() if k in cles_calendrier}
        return valider(creancier_v, calendrier_v)

    return Formulaire("Paramètres", sections, valeurs_parametres(creancier, calendrier), separer)


SECTIONS_CONDITIONS = [
    Section(
        "Intérêts",
        (
            Champ(
                "regime",
                "Régime",
                TypeChamp.CHOIX,
                (("Automatique (selon le débiteur et chaque facture)", ""), *((r.libelle, r.value) for r in Regime)),
            ),
            Champ("date_mise_en_demeure", "Date de la mise en demeure", aide="JJ/MM/AAAA (point de départ du taux légal)"),
            Champ("date_signification_jugement", "Signification du jugement", aide="JJ/MM/AAAA (+5 points deux mois après)"),
            Champ("date_jugement_ouverture", "Jugement d'ouverture d'une procédure collective", aide="JJ/MM/AAAA (arrête les intérêts)"),
            Champ("creancier_particulier", "Créancier personne physique agissant hors de son activité (taux légal majoré)", TypeChamp.CASE),
            Champ("capitalisation", "Capitalisation annuelle des intérêts (si le contrat ou un jugement la prévoit)", TypeChamp.CASE),
            Champ("base", "Base annuelle", TypeChamp.CHOIX, (("365 jours", "365"), ("Exacte (366 les années bissextiles)", "exacte"))),
        ),
    ),
    Section(
        "Frais de recouvrement",
        (
            Champ("indemnite_forfaitaire", "Réclamer l'indemnité forfaitaire de 40 € par facture (B2B)", TypeChamp.CASE),
            Champ("frais_justifies", "Frais justifiés (€), s'ils dépassent les indemnités forfaitaires", aide="vide : aucun"),
        ),
    ),
]


def valeurs_conditions(c: ConditionsDecompte) -> dict[str, Any]:
    return {
        "regime": c.regime.value if c.regime else "",
        "date_mise_en_demeure": date_courte(c.date_mise_en_demeure),
        "date_signification_jugement": date_courte(c.date_signification_jugement),
        "date_jugement_ouverture": date_courte(c.date_jugement_ouverture),
        "creancier_particulier": c.creancier_particulier,
        "capitalisation": c.capitalisation,
        "base": c.base.value,
        "indemnite_forfaitaire": c.indemnite_forfaitaire,
        "frais_justifies": _saisie_montant(c.frais_justifies),
    }


def formulaire_conditions(conditions: ConditionsDecompte, valider: Callable) -> Formulaire:
    return Formulaire("Conditions du décompte", SECTIONS_CONDITIONS, valeurs_conditions(conditions), valider)


def formulaire_passage(vers: Etape, aujourdhui, valider: Callable, proposees: dict[str, str] | None = None) -> Formulaire:
    """The facts of one move in the chain, as domain.procedure.FAITS_REQUIS lists them."""
    faits = FAITS_REQUIS.get(vers) or (ChampFait("date", "Date", TypeFait.DATE, True),)
    champs = tuple(
        Champ(f.cle, f.libelle, aide="JJ/MM/AAAA" if f.type is TypeFait.DATE else "", obligatoire=f.obligatoire) for f in faits
    )
    valeurs = {"date": date_courte(aujourdhui), **(proposees or {})}
    return Formulaire(f"Passer à : {vers.libelle}", [Section("", champs)], valeurs, valider)


def formulaire_faits(etape: Etape, faits: dict[str, str], valider: Callable) -> Formulaire:
    """Later facts of the current stage, pre-filled with what is already known."""
    champs = tuple(
        Champ(f.cle, f.libelle, aide="JJ/MM/AAAA" if f.type is TypeFait.DATE else "") for f in FAITS_A_COMPLETER.get(etape, ())
    )
    return Formulaire(f"{etape.libelle} : faits de la procédure", [Section("", champs)], valeurs_faits(faits), valider)


def valeurs_faits(faits: dict[str, str]) -> dict[str, str]:
    return {cle: fait_lisible(valeur) for cle, valeur in faits.items()}
