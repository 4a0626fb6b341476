"""Which court hears an injonction de payer, from the parties (DOMAIN.md §2).

The court is the one where the debtor has its seat or home; it cannot be changed by
contract. Commercial claims go to the tribunal de commerce (a tribunal des activités
économiques in the 12 pilot cities, 2025-2028; the commercial chamber of the tribunal
judiciaire in Alsace-Moselle); civil claims, consumers included, to the tribunal judiciaire.
The suggestion names the debtor's city: the user checks the court's territorial reach.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from recouvrement_tui.domain.annuaire import Annuaire, NatureTribunal, Tribunal
from recouvrement_tui.domain.model import Debiteur, Localisation, TypePersonne
from recouvrement_tui.domain.procedure import petite_creance
from recouvrement_tui.domain.texte import sans_accents

VILLES_TAE = ("Avignon", "Auxerre", "Le Havre", "Le Mans", "Limoges", "Lyon", "Marseille", "Nancy", "Nanterre",
              "Paris", "Saint-Brieuc", "Versailles")
# Civil companies and bodies: their debts are not commercial.
FORMES_CIVILES = ("SCI", "SCM", "SCP", "SELARL", "SELAS", "ASSOCIATION", "GIE CIVIL")


def _de(ville: str) -> str:
    """"de Lyon", "d'Auxerre", "du Havre", "du Mans": French elision and contraction."""
    if ville.startswith("Le "):
        return "du " + ville[3:]
    if ville[:1].upper() in "AEIOUYÂÉÈÊÎÔH" and not ville.startswith("Ha"):
        return "d'" + ville
    return "de " + ville


def _ville_simple(ville: str) -> str:
    """"Paris Cedex 08", "Marseille 8e", "Saint Brieuc" -> "paris", "marseille", "saint-brieuc"."""
    texte = sans_accents(ville.casefold())
    texte = re.sub(r"\bcedex\b.*$", "", texte)
    texte = re.sub(r"\b\d+(e|er|eme)?\b.*$", "", texte)
    return re.sub(r"[\s-]+", "-", texte.strip())


class NatureJuridiction(StrEnum):
    """Which kind of court: it decides the requête form and the articles of the procedure."""

    COMMERCE = "commerce"
    TAE = "tae"  # tribunal des activités économiques (the experiment of loi 2023-1059)
    CHAMBRE_COMMERCIALE = "chambre_commerciale"  # of a tribunal judiciaire (Alsace-Moselle)
    JUDICIAIRE = "judiciaire"
    ETRANGER = "etranger"
    ADMINISTRATIF = "administratif"

    @property
    def consulaire(self) -> bool:
        """Tribunal de commerce or TAE: référé art. 873 CPC, placement art. 857 CPC."""
        return self in (NatureJuridiction.COMMERCE, NatureJuridiction.TAE)

    @property
    def commerciale(self) -> bool:
        """A court judging commercial matters (consular, or a TJ's chambre commerciale)."""
        return self.consulaire or self is NatureJuridiction.CHAMBRE_COMMERCIALE

    @property
    def article_refere(self) -> str:
        """The référé-provision: art. 873 al. 2 before the consular courts, else 835 al. 2 CPC."""
        return "873, alinéa 2" if self.consulaire else "835, alinéa 2"

    def tentative_prealable_requise(self, montant: Decimal) -> bool:
        """Art. 750-1 CPC: before the tribunal judiciaire, a claim of 5,000 € or less must first
        be put to a conciliateur, a médiateur or a procédure participative (a failed
        petites-créances procedure exempts, which the document says alongside)."""
        return self is NatureJuridiction.JUDICIAIRE and petite_creance(montant)

    @property
    def article_placement(self) -> str:
        """Placing the assignation: art. 857 before the consular courts, else 754 CPC."""
        return "857" if self.consulaire else "754"


@dataclass(frozen=True)
class Juridiction:
    nom: str
    formulaire: str  # the Cerfa form of the requête
    raison: str
    nature: NatureJuridiction
    tribunal: Tribunal | None = None  # the court of the directory, with its address
    a_determiner: str = ""  # why the directory could not name the court (French), "" when it did


# The directory's kinds of court, as the procedure sees them: a tribunal mixte de commerce judges
# commercial matters under the tribunal de commerce's rules (L731-1 C. com.).
_NATURE_DU_TRIBUNAL = {
    NatureTribunal.JUDICIAIRE: NatureJuridiction.JUDICIAIRE,
    NatureTribunal.COMMERCE: NatureJuridiction.COMMERCE,
    NatureTribunal.MIXTE_COMMERCE: NatureJuridiction.COMMERCE,
    NatureTribunal.TAE: NatureJuridiction.TAE,
    NatureTribunal.CHAMBRE_COMMERCIALE: NatureJuridiction.CHAMBRE_COMMERCIALE,
}


def juridiction_competente(debiteur: Debiteur, annuaire: Annuaire) -> Juridiction:
    """The court of the debtor's seat or home (art. 1406 CPC), named as the directory names it.

    The kind of claim (civil or commercial, public, abroad) comes from `juridiction_injonction`;
    the directory then gives the very court of the debtor's commune, TAE and tribunaux mixtes
    included. A commune the directory cannot place, or a court it does not know for it, is said so
    with the candidates (`a_determiner`): never guessed."""
    base = juridiction_injonction(debiteur)
    if base.nature in (NatureJuridiction.ETRANGER, NatureJuridiction.ADMINISTRATIF):
        return base
    adresse = debiteur.adresse
    placement = annuaire.placer(adresse.code_postal, adresse.ville)
    if placement.commune is None:
        return replace(base, a_determiner=placement.message)
    commune = placement.commune
    tribunal = annuaire.tj(commune) if base.nature is NatureJuridiction.JUDICIAIRE else annuaire.commercial(commune)
    if tribunal is None:
        genre = "tribunal judiciaire" if base.nature is NatureJuridiction.JUDICIAIRE else "tribunal de commerce"
        return replace(base, a_determiner=f"L'annuaire des juridictions ne connaît pas le {genre} de {commune.nom} "
                                          f"({commune.codes_postaux[0] if commune.codes_postaux else commune.insee}) : "
                                          "indiquez le tribunal en passant à l'étape, ou complétez "
                                          "juridictions/communes.csv dans le dossier de données")
    nature = _NATURE_DU_TRIBUNAL[tribunal.nature]
    confirmer = tribunal.a_confirmer or commune.a_confirmer
    raison = (f"{base.raison} ; {commune.nom} relève du {tribunal.nom[0].lower()}{tribunal.nom[1:]} selon l'annuaire "
              f"des juridictions ({tribunal.source}, {tribunal.date_source})"
              + (" — rattachement à confirmer" if confirmer else ""))
    return replace(base, nom=tribunal.nom, raison=raison, nature=nature, tribunal=tribunal)


def juridiction_injonction(debiteur: Debiteur) -> Juridiction:
    ville = debiteur.adresse.ville
    if debiteur.localisation is Localisation.ETRANGER:
        return Juridiction(
            "à déterminer : débiteur établi à l'étranger",
            "injonction de payer européenne (règlement CE 1896/2006) à envisager",
            "le juge français n'est compétent que dans les cas prévus par les règlements européens",
            NatureJuridiction.ETRANGER,
        )
    if debiteur.secteur_public:
        return Juridiction(
            "tribunal administratif (référé-provision, art. R541-1 CJA)",
            "pas d'injonction de payer contre une personne publique",
            "les créances contre l'administration relèvent du juge administratif",
            NatureJuridiction.ADMINISTRATIF,
        )
    forme = debiteur.forme_juridique.upper().replace(".", "")
    commercial = (
        # A consumer or a non-professional (SCI, association…) owes a civil debt.
        not debiteur.non_professionnel_ou_consommateur
        # A profession libérale or a farmer, entrepreneur individuel or company, is never a trader.
        and not debiteur.activite.civile
        and forme not in FORMES_CIVILES
        and "CIVILE" not in forme  # "Société civile immobilière" written in full
        and (debiteur.type_personne is TypePersonne.MORALE or debiteur.siren)
    )
    if not commercial:
        return Juridiction(
            f"Président du tribunal judiciaire compétent pour {ville}",
            "Cerfa 12948*06 (version à confirmer)",
            "créance civile (consommateur, non-professionnel, société civile, profession libérale ou agriculteur) : "
            "tribunal judiciaire du domicile du débiteur",
            NatureJuridiction.JUDICIAIRE,
        )
    if debiteur.localisation is Localisation.ALSACE_MOSELLE:
        return Juridiction(
            f"Président de la chambre commerciale du tribunal judiciaire compétent pour {ville}",
            "Cerfa 12946*02",
            "créance commerciale en Alsace-Moselle : chambre commerciale du tribunal judiciaire",
            NatureJuridiction.CHAMBRE_COMMERCIALE,
        )
    if _ville_simple(ville) in {_ville_simple(pilote) for pilote in VILLES_TAE}:
        return Juridiction(
            f"Président du tribunal des activités économiques {_de(ville)}",
            "Cerfa 12946*02",
            "créance commerciale, siège du débiteur dans une ville pilote des TAE (2025-2028)",
            NatureJuridiction.TAE,
        )
    return Juridiction(
        f"Président du tribunal de commerce compétent pour {ville}",
        "Cerfa 12946*02",
        "créance commerciale : tribunal de commerce du siège du débiteur",
        NatureJuridiction.COMMERCE,
    )
