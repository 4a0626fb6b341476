"""Official rate series by half-year: ECB main refinancing rate and taux de l'intérêt légal.

Rates are data, never extrapolated: a day that falls in a half-year missing from the table
raises TauxInconnu naming that half-year and saying how to add it. Each line keeps its
status ("publie" or "a_confirmer") and its source, so a décompte can flag unconfirmed rates.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

PUBLIE = "publie"
A_CONFIRMER = "a_confirmer"

COLONNES_BCE = ("taux_bce", "taux_penalite_defaut")
COLONNES_LEGAL = ("creancier_particulier", "autres_cas")


def semestre_de(jour: dt.date) -> str:
    """"2026-S1" for January-June, "2026-S2" for July-December."""
    return f"{jour.year}-S{1 if jour.month <= 6 else 2}"


def debut_semestre(semestre: str) -> dt.date:
    annee, moitie = semestre.split("-S")
    return dt.date(int(annee), 1 if moitie == "1" else 7, 1)


def fin_semestre(jour: dt.date) -> dt.date:
    """Last day of the half-year `jour` falls in."""
    return dt.date(jour.year, 6, 30) if jour.month <= 6 else dt.date(jour.year, 12, 31)


class TauxInconnu(Exception):
    """A computation needs a half-year the table does not have."""

    def __init__(self, table: TableTaux, semestre: str) -> None:
        self.table = table
        self.semestre = semestre
        debut = debut_semestre(semestre)
        exemple = ",".join([semestre, *("…" for _ in table.colonnes), PUBLIE, "source de la publication"])
        super().__init__(
            f"Le {table.nom} du semestre {semestre} n'est pas connu : le calcul en a besoin pour les jours "
            f"à partir du {debut.strftime('%d/%m/%Y')}. Aucun taux n'est extrapolé. Ajoutez la ligne "
            f"« {exemple} » au fichier {table.fichier_utilisateur} (même en-tête que le fichier livré, "
            f"« {','.join(('semestre', *table.colonnes, 'statut', 'source'))} »), puis relancez."
        )


class TauxIllisibles(Exception):
    """A rates file is malformed; the message names the file and line."""


@dataclass(frozen=True)
class LigneTaux:
    semestre: str
    valeurs: dict[str, Decimal]
    statut: str
    source: str
    origine: str  # which file it came from: shipped with the application or the data folder

    @property
    def a_confirmer(self) -> bool:
        return self.statut != PUBLIE


@dataclass
class TableTaux:
    """One series (ECB or legal rate), half-year by half-year."""

    nom: str  # in French, for messages: "taux BCE", "taux de l'intérêt légal"
    colonnes: tuple[str, ...]
    fichier_utilisateur: str  # where a user adds a half-year (named in error messages)
    lignes: dict[str, LigneTaux] = field(default_factory=dict)

    def ligne(self, jour: dt.date) -> LigneTaux:
        semestre = semestre_de(jour)
        try:
            return self.lignes[semestre]
        except KeyError:
            raise TauxInconnu(self, semestre) from None

    def valeur(self, jour: dt.date, colonne: str) -> Decimal:
        return self.ligne(jour).valeurs[colonne]

    def fusionner(self, texte_csv: str, origine: str) -> None:
        """Add or replace half-years from a CSV text (the user's file overrides the shipped one)."""
        lecteur = csv.DictReader(io.StringIO(texte_csv))
        attendues = {"semestre", *self.colonnes, "statut"}
        if lecteur.fieldnames is None or not attendues <= set(lecteur.fieldnames):
            raise TauxIllisibles(
                f"{origine} : l'en-tête doit contenir {', '.join(sorted(attendues))} "
                f"(trouvé : {', '.join(lecteur.fieldnames or [])})."
            )
        for numero, brut in enumerate(lecteur, start=2):
            semestre = (brut["semestre"] or "").strip()
            if not semestre:
                continue
            try:
                debut_semestre(semestre)
                if len(semestre) != 7:
                    raise ValueError
                valeurs = {c: Decimal((brut[c] or "").strip().replace(",", ".")) for c in self.colonnes}
            except (ValueError, InvalidOperation):
                raise TauxIllisibles(
                    f"{origine}, ligne {numero} : « {','.join(str(v) for v in brut.values())} » illisible "
                    "(semestre attendu comme 2027-S1, taux en pourcentage comme 2.15)."
                ) from None
            statut = (brut.get("statut") or "").strip() or A_CONFIRMER
            if statut not in (PUBLIE, A_CONFIRMER):
                raise TauxIllisibles(f"{origine}, ligne {numero} : statut « {statut} » inconnu ({PUBLIE} ou {A_CONFIRMER}).")
            self.lignes[semestre] = LigneTaux(semestre, valeurs, statut, (brut.get("source") or "").strip(), origine)

    def semestres(self) -> list[LigneTaux]:
        return [self.lignes[s] for s in sorted(self.lignes)]


@dataclass
class Taux:
    """Both series a décompte needs."""

    bce: TableTaux
    legal: TableTaux
