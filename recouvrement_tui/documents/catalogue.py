"""The templates the product ships, what each is for, and the facts each cannot do without."""

from __future__ import annotations

from dataclasses import dataclass

from recouvrement_tui.domain.etapes import Etape
from recouvrement_tui.domain.garde import Acte


@dataclass(frozen=True)
class Modele:
    cle: str  # file name in modeles/ without .docx, and the name users type
    titre: str
    famille: str  # "Courrier", "Acte" or "Annexe"
    acte: Acte  # what it does in law: the legal guard (domain.garde) decides whether it may be produced
    # Context paths ("procedure.numero_rg") that must not be empty for this template.
    exige: tuple[str, ...] = ()
    # Court natures (juridiction.NatureJuridiction) the template is written for; () = any.
    natures: tuple[str, ...] = ()


_PARTIES = ("creancier.nom", "creancier.siren", "creancier.adresse.ville", "debiteur.adresse.ville")

CATALOGUE: tuple[Modele, ...] = (
    Modele("relance_preventive", "Relance préventive (avant échéance)", "Courrier", Acte.RELANCE_PREVENTIVE, _PARTIES),
    Modele("relance_amiable", "Relance amiable", "Courrier", Acte.RELANCE, _PARTIES),
    Modele("relance_ferme", "Relance ferme", "Courrier", Acte.RELANCE_FERME, _PARTIES),
    Modele("mise_en_demeure", "Mise en demeure (LRAR)", "Courrier", Acte.MISE_EN_DEMEURE, _PARTIES),
    Modele("proposition_echeancier", "Proposition d'échéancier", "Courrier", Acte.ECHEANCIER, _PARTIES),
    Modele(
        "requete_injonction_commerce",
        "Requête en injonction de payer — tribunal de commerce ou des activités économiques",
        "Acte",
        Acte.INJONCTION,
        _PARTIES,
        ("commerce", "tae", "chambre_commerciale"),
    ),
    Modele(
        "requete_injonction_judiciaire",
        "Requête en injonction de payer — tribunal judiciaire",
        "Acte",
        Acte.INJONCTION,
        _PARTIES,
        ("judiciaire",),
    ),
    Modele(
        "assignation_refere_provision",
        "Assignation en référé-provision (projet)",
        "Acte",
        Acte.REFERE,
        _PARTIES,
        ("commerce", "tae", "chambre_commerciale", "judiciaire"),
    ),
    Modele(
        "assignation_au_fond",
        "Assignation en paiement au fond (projet)",
        "Acte",
        Acte.FOND,
        _PARTIES,
        ("commerce", "tae", "chambre_commerciale", "judiciaire"),
    ),
    Modele(
        "demande_petites_creances",
        "Demande de procédure simplifiée de petites créances",
        "Courrier",
        Acte.PETITES_CREANCES,
        _PARTIES,
    ),
    Modele(
        "declaration_creance",
        "Déclaration de créance au mandataire judiciaire",
        "Courrier",
        Acte.DECLARATION_CREANCE,
        _PARTIES
        + (
            "procedure.mandataire",
            "procedure.adresse_mandataire",
            "procedure.tribunal_procedure_collective",
            "procedure.nature_procedure_collective",
            "procedure.date_jugement_ouverture",
        ),
    ),
    Modele(
        "requete_releve_forclusion",
        "Requête en relevé de forclusion au juge-commissaire",
        "Acte",
        Acte.RELEVE_FORCLUSION,
        _PARTIES
        + (
            "procedure.tribunal_procedure_collective",
            "procedure.nature_procedure_collective",
            "procedure.date_jugement_ouverture",
            "procedure.date_bodacc",
        ),
    ),
    Modele(
        "requete_refere_provision_administratif",
        "Requête en référé-provision au tribunal administratif (débiteur public)",
        "Acte",
        Acte.REFERE_ADMINISTRATIF,
        _PARTIES,
        ("administratif",),
    ),
    Modele(
        "demande_mandatement_office",
        "Demande de mandatement d'office au préfet ou à l'autorité de tutelle (débiteur public)",
        "Courrier",
        Acte.MANDATEMENT_OFFICE,
        _PARTIES + ("procedure.date_decision",),
        ("administratif",),
    ),
    Modele(
        "transmission_commissaire_justice",
        "Lettre de transmission au commissaire de justice",
        "Courrier",
        Acte.TRANSMISSION_COMMISSAIRE,
        _PARTIES + ("procedure.numero_rg", "procedure.date_decision"),
    ),
    Modele("decompte_creance", "Décompte de créance", "Annexe", Acte.ANNEXE, _PARTIES),
    Modele("bordereau_pieces", "Bordereau de pièces", "Annexe", Acte.ANNEXE, _PARTIES),
    Modele("fiche_synthese", "Fiche de synthèse pour le commissaire de justice", "Annexe", Acte.FICHE_SYNTHESE, _PARTIES),
)

PAR_CLE = {m.cle: m for m in CATALOGUE}

# What each step of the reminder calendar sends (the batch of `relances --au`).
MODELE_POUR_ETAPE = {
    Etape.RELANCE_PREVENTIVE: "relance_preventive",
    Etape.RELANCE_AMIABLE: "relance_amiable",
    Etape.RELANCE_FERME: "relance_ferme",
    Etape.MISE_EN_DEMEURE: "mise_en_demeure",
}

# How to name a missing fact to the user, and where to record it.
FAITS_MANQUANTS = {
    "creancier.nom": "la raison sociale de votre société (Paramètres, touche p depuis la liste)",
    "creancier.siren": "le SIREN de votre société (Paramètres, touche p depuis la liste)",
    "creancier.adresse.ville": "l'adresse de votre société (Paramètres, touche p depuis la liste)",
    "debiteur.adresse.ville": "l'adresse du débiteur (fiche débiteur, touche d)",
    "procedure.numero_rg": "le numéro RG de la décision (faits de l'étape, touche r)",
    "procedure.date_decision": "la date de la décision : passez le dossier à l'étape « Titre exécutoire » (touche s)",
    "procedure.mandataire": "le mandataire judiciaire : passez le dossier à l'étape « Procédure collective » (touche s)",
    "procedure.adresse_mandataire": "l'adresse de l'étude du mandataire judiciaire (faits de l'étape, touche r)",
    "procedure.tribunal_procedure_collective": "le tribunal de la procédure collective (étape « Procédure collective »)",
    "procedure.nature_procedure_collective": "la nature de la procédure collective (étape « Procédure collective »)",
    "procedure.date_jugement_ouverture": "la date du jugement d'ouverture (étape « Procédure collective »)",
    "procedure.date_bodacc": "la date de publication au BODACC (faits de l'étape « Procédure collective », touche r)",
}

def modele(cle: str) -> Modele:
    """The template named `cle`, or a KeyError whose message lists the names."""
    try:
        return PAR_CLE[cle]
    except KeyError:
        noms = ", ".join(PAR_CLE)
        raise KeyError(f"Modèle « {cle} » inconnu. Modèles disponibles : {noms}.") from None


def manques(m: Modele, contexte: dict) -> list[str]:
    """The facts the dossier lacks to fill this template, in French ([] when it has them all).

    Whether the law allows the document at all is the legal guard's question (domain.garde),
    asked by the service before this one."""
    problemes = []
    for chemin in m.exige:
        valeur: object = contexte
        for cle in chemin.split("."):
            valeur = valeur.get(cle) if isinstance(valeur, dict) else None
        if valeur in (None, ""):
            problemes.append("il manque " + FAITS_MANQUANTS.get(chemin, chemin))
    return problemes
