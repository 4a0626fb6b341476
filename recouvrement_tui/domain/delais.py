"""Procedural deadlines as the Code de procédure civile counts them.

- Art. 641: a deadline in days does not count the day of the triggering event; in months
  (or years), it ends on the same day-number of the target month, or on that month's last day
  when it has no such day; months are counted before days.
- Art. 642: a deadline ending on a Saturday, Sunday, public holiday or non-working day moves
  to the next working day.
- Public holidays (L3133-1 Code du travail) by zone: Alsace-Moselle adds Good Friday and
  26 December; each overseas department adds its abolition-of-slavery day (DOMAIN.md §4).
Contractual due dates never move: only procedural deadlines go through `calculer_delai`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from types import MappingProxyType

from recouvrement_tui.domain.dates import UN_JOUR, plus_mois
from recouvrement_tui.domain.erreurs import ErreurSaisie

JOURS_SEMAINE = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


class Zone(StrEnum):
    """Where the deadline runs: it decides the public holidays."""

    METROPOLE = "metropole"
    ALSACE_MOSELLE = "alsace-moselle"
    GUADELOUPE = "guadeloupe"
    MARTINIQUE = "martinique"
    GUYANE = "guyane"
    REUNION = "reunion"
    MAYOTTE = "mayotte"


# Abolition of slavery, per overseas department (DOMAIN.md §4): (month, day).
_ABOLITION = {
    Zone.MAYOTTE: (4, 27),
    Zone.MARTINIQUE: (5, 22),
    Zone.GUADELOUPE: (5, 27),
    Zone.GUYANE: (6, 10),
    Zone.REUNION: (12, 20),
}

_ZONES_PAR_DEPARTEMENT = {
    "971": Zone.GUADELOUPE,
    "972": Zone.MARTINIQUE,
    "973": Zone.GUYANE,
    "974": Zone.REUNION,
    "976": Zone.MAYOTTE,
    "57": Zone.ALSACE_MOSELLE,
    "67": Zone.ALSACE_MOSELLE,
    "68": Zone.ALSACE_MOSELLE,
}


def zone_depuis_code_postal(code_postal: str) -> Zone:
    """The holiday zone of a French address (metropole when nothing more specific applies)."""
    for prefixe, zone in _ZONES_PAR_DEPARTEMENT.items():
        if code_postal.startswith(prefixe):
            return zone
    return Zone.METROPOLE


def paques(annee: int) -> dt.date:
    """Easter Sunday (Gregorian calendar; anonymous algorithm of Meeus/Jones/Butcher)."""
    a, b, c = annee % 19, annee // 100, annee % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's own name
    m = (a + 11 * h + 22 * l) // 451
    mois, jour = divmod(h + l - 7 * m + 114, 31)
    return dt.date(annee, mois, jour + 1)


def jours_feries(annee: int, zone: Zone = Zone.METROPOLE) -> Mapping[dt.date, str]:
    """Public holidays of a year in a zone, with their French names (read-only: it is cached)."""
    return MappingProxyType(_jours_feries(annee, zone))


@lru_cache(maxsize=256)
def _jours_feries(annee: int, zone: Zone) -> dict[dt.date, str]:
    """Public holidays of a year in a zone, with their French names."""
    p = paques(annee)
    feries = {
        dt.date(annee, 1, 1): "jour de l'an",
        p + UN_JOUR: "lundi de Pâques",
        dt.date(annee, 5, 1): "fête du Travail",
        dt.date(annee, 5, 8): "8 mai",
        p + 39 * UN_JOUR: "Ascension",
        p + 50 * UN_JOUR: "lundi de Pentecôte",
        dt.date(annee, 7, 14): "fête nationale",
        dt.date(annee, 8, 15): "Assomption",
        dt.date(annee, 11, 1): "Toussaint",
        dt.date(annee, 11, 11): "11 novembre",
        dt.date(annee, 12, 25): "Noël",
    }
    if zone is Zone.ALSACE_MOSELLE:
        feries[p - 2 * UN_JOUR] = "vendredi saint"
        feries[dt.date(annee, 12, 26)] = "saint Étienne (26 décembre)"
    if zone in _ABOLITION:
        mois, jour = _ABOLITION[zone]
        feries[dt.date(annee, mois, jour)] = "commémoration de l'abolition de l'esclavage"
    return feries


def motif_non_ouvre(jour: dt.date, zone: Zone) -> str:
    """Why `jour` is not a working day ("samedi", "lundi de Pâques"), or "" if it is one."""
    ferie = jours_feries(jour.year, zone).get(jour)
    if ferie:
        return ferie
    if jour.weekday() >= 5:
        return JOURS_SEMAINE[jour.weekday()]
    return ""


class UniteDuree(StrEnum):
    """Art. 641 counts a deadline in days, or in months (years being twelve months)."""

    JOURS = "jours"
    MOIS = "mois"
    ANS = "ans"


@dataclass(frozen=True)
class Duree:
    nombre: int
    unite: UniteDuree

    def __post_init__(self) -> None:
        object.__setattr__(self, "unite", UniteDuree(self.unite))  # "mois" is accepted, and checked

    def __str__(self) -> str:
        singulier = {UniteDuree.JOURS: "jour", UniteDuree.MOIS: "mois", UniteDuree.ANS: "an"}
        return f"{self.nombre} {self.unite.value if self.nombre > 1 else singulier[self.unite]}"


_UNITES = {
    "jour": UniteDuree.JOURS, "jours": UniteDuree.JOURS, "j": UniteDuree.JOURS, "mois": UniteDuree.MOIS,
    "an": UniteDuree.ANS, "ans": UniteDuree.ANS, "annee": UniteDuree.ANS, "année": UniteDuree.ANS,
    "annees": UniteDuree.ANS, "années": UniteDuree.ANS,
}


def lire_duree(texte: str, champ: str = "duree") -> Duree:
    """"8 jours", "1 mois", "3 mois", "2 ans" (also "15j")."""
    m = re.fullmatch(r"\s*(\d{1,4})\s*([a-zéèû]+)\s*", (texte or "").casefold())
    if not m or m.group(2) not in _UNITES or int(m.group(1)) == 0:
        raise ErreurSaisie(champ, f"« {texte} » n'est pas un délai : écrivez par exemple « 8 jours », « 1 mois » ou « 2 ans ».")
    return Duree(int(m.group(1)), _UNITES[m.group(2)])


@dataclass(frozen=True)
class Echeance:
    depart: dt.date
    duree: Duree
    zone: Zone
    echeance_brute: dt.date  # art. 641 alone
    echeance: dt.date  # after art. 642
    motif_report: str  # why it moved ("dimanche", "samedi, dimanche, lundi de Pâques"); "" if not


def ajouter(depart: dt.date, duree: Duree) -> dt.date:
    """Art. 641: the last day of a deadline starting with the event of `depart`."""
    if duree.unite is UniteDuree.JOURS:
        return depart + duree.nombre * UN_JOUR
    mois = duree.nombre * (12 if duree.unite is UniteDuree.ANS else 1)
    return plus_mois(depart, mois)


def reporter(jour: dt.date, zone: Zone) -> tuple[dt.date, str]:
    """Art. 642: the next working day from `jour` (itself if it is one), and why it moved."""
    motifs = []
    while motif := motif_non_ouvre(jour, zone):
        motifs.append(motif)
        jour += UN_JOUR
    return jour, ", ".join(motifs)


def avancer_avant(jour: dt.date, zone: Zone) -> tuple[dt.date, str]:
    """For deadlines counted backwards: the previous working day (itself if it is one), and why."""
    motifs = []
    while motif := motif_non_ouvre(jour, zone):
        motifs.append(motif)
        jour -= UN_JOUR
    return jour, ", ".join(motifs)


def calculer_delai(depart: dt.date, duree: Duree, zone: Zone = Zone.METROPOLE) -> Echeance:
    """When a procedural deadline of `duree` triggered on `depart` expires (at midnight)."""
    try:
        brute = ajouter(depart, duree)
        echeance, motif = reporter(brute, zone)
    except (OverflowError, ValueError):  # past 31/12/9999, the last date Python knows
        depuis = f"{depart.day:02d}/{depart.month:02d}/{depart.year:04d}"
        raise ErreurSaisie(
            "duree", f"Un délai de {duree} à compter du {depuis} finirait après l'an 9999 : vérifiez la date et la durée."
        ) from None
    return Echeance(depart, duree, zone, brute, echeance, motif)
