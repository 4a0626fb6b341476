"""The acts the legal guard (domain.garde) judges: its vocabulary, apart from its rules so that
what only names an act (the e-mail settings, the template catalogue) does not import the rules,
the décompte and the court directory with it (issue 18: cold start)."""

from __future__ import annotations

from enum import StrEnum


class Acte(StrEnum):
    """What a document or a route does in law (the catalogue maps each template to one)."""

    RELANCE_PREVENTIVE = "relance_preventive"  # before the due date
    RELANCE = "relance"  # the amiable reminder
    RELANCE_FERME = "relance_ferme"  # the last reminder before, or recalling, the mise en demeure
    MISE_EN_DEMEURE = "mise_en_demeure"
    ECHEANCIER = "echeancier"
    PETITES_CREANCES = "petites_creances"
    INJONCTION = "injonction"
    REFERE = "refere"  # référé-provision before a judicial court
    FOND = "fond"
    REFERE_ADMINISTRATIF = "refere_administratif"  # R541-1 CJA, public debtor
    MANDATEMENT_OFFICE = "mandatement_office"  # loi 80-539, public debtor
    DECLARATION_CREANCE = "declaration_creance"
    RELEVE_FORCLUSION = "releve_forclusion"
    TRANSMISSION_COMMISSAIRE = "transmission_commissaire"  # service or enforcement
    ANNEXE = "annexe"  # décompte, bordereau: statements of fact, never a claim of their own
    FICHE_SYNTHESE = "fiche_synthese"
