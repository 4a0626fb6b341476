"""Where a dossier stands in the recovery chain, and the kinds of journal entries."""

from __future__ import annotations

from enum import StrEnum


class Etape(StrEnum):
    """The stages of the chain (relances, mise en demeure, judicial routes) and side states."""

    NOUVEAU = "nouveau"
    RELANCE_PREVENTIVE = "relance_preventive"
    RELANCE_AMIABLE = "relance_amiable"
    RELANCE_FERME = "relance_ferme"
    MISE_EN_DEMEURE = "mise_en_demeure"
    PETITES_CREANCES = "petites_creances"
    INJONCTION_DE_PAYER = "injonction_de_payer"
    REFERE_PROVISION = "refere_provision"
    ASSIGNATION_AU_FOND = "assignation_au_fond"
    TITRE_EXECUTOIRE = "titre_executoire"
    EXECUTION = "execution"
    LITIGE = "litige"
    PROMESSE = "promesse"
    ECHEANCIER = "echeancier"
    PROCEDURE_COLLECTIVE = "procedure_collective"
    CLOTURE = "cloture"

    @property
    def libelle(self) -> str:
        return _LIBELLES[self]


_LIBELLES = {
    Etape.NOUVEAU: "Nouveau",
    Etape.RELANCE_PREVENTIVE: "Relance préventive",
    Etape.RELANCE_AMIABLE: "Relance amiable",
    Etape.RELANCE_FERME: "Relance ferme",
    Etape.MISE_EN_DEMEURE: "Mise en demeure",
    Etape.PETITES_CREANCES: "Petites créances",
    Etape.INJONCTION_DE_PAYER: "Injonction de payer",
    Etape.REFERE_PROVISION: "Référé-provision",
    Etape.ASSIGNATION_AU_FOND: "Assignation au fond",
    Etape.TITRE_EXECUTOIRE: "Titre exécutoire",
    Etape.EXECUTION: "Exécution",
    Etape.LITIGE: "Litige",
    Etape.PROMESSE: "Promesse de paiement",
    Etape.ECHEANCIER: "Échéancier",
    Etape.PROCEDURE_COLLECTIVE: "Procédure collective",
    Etape.CLOTURE: "Clôturé",
}


class TypeEvenement(StrEnum):
    """Kinds of journal entries."""

    CREATION = "creation"
    DEBITEUR = "debiteur"
    CREANCE = "creance"
    PAIEMENT = "paiement"
    NOTE = "note"
    ETAPE = "etape"
    DOCUMENT = "document"
    PIECE = "piece"
    IMPORT = "import"
    URGENCE = "urgence"  # why a court is seized before the mise en demeure's time has run out
    APPEL = "appel"  # a telephone call to the debtor, with its outcome
    COURRIEL = "courriel"  # an e-mail sent (or its draft written), kept as .eml with its SHA-256

    @property
    def libelle(self) -> str:
        return {
            TypeEvenement.CREATION: "Création",
            TypeEvenement.DEBITEUR: "Débiteur",
            TypeEvenement.CREANCE: "Créance",
            TypeEvenement.PAIEMENT: "Paiement",
            TypeEvenement.NOTE: "Note",
            TypeEvenement.ETAPE: "Étape",
            TypeEvenement.DOCUMENT: "Document",
            TypeEvenement.PIECE: "Pièce",
            TypeEvenement.IMPORT: "Import",
            TypeEvenement.URGENCE: "Urgence",
            TypeEvenement.APPEL: "Appel",
            TypeEvenement.COURRIEL: "Courriel",
        }[self]
