"""Official rate series by half-year: ECB main refinancing rate and taux de l'intérêt légal.

Rates are data, never extrapolated: a day that falls in a half-year missing from the table
raises TauxInconnu naming that half-year and saying how to add it. Each line keeps its
status ("publie" or "a_confirmer") and its source, so a décompte can flag unconfirmed rates.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from recouvrement_tui.domain.erreurs import Collecteur, ErreurSaisie
from recouvrement_tui.domain.formatage import date_courte
from recouvrement_tui.domain.formatage import taux as texte_taux

PUBLIE = "publie"
A_CONFIRMER = "a_confirmer"

COLONNES_BCE = ("taux_bce", "taux_penalite_defaut")
COLONNES_LEGAL = ("creancier_particulier", "autres_cas")
POINTS_PENALITE = Decimal(10)  # the shipped column taux_penalite_defaut: ECB + 10 points (L441-10 C. com.)


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
        self.serie = NOM_BCE if table.colonnes == COLONNES_BCE else NOM_LEGAL
        debut = debut_semestre(semestre)
        exemple = ",".join([semestre, *("…" for _ in table.colonnes), PUBLIE, "source de la publication"])
        commande = commande_ajout(semestre, table.colonnes == COLONNES_BCE, table.colonnes == COLONNES_LEGAL)
        super().__init__(
            f"Le {table.nom} du semestre {semestre} n'est pas connu : le calcul en a besoin pour les jours "
            f"à partir du {debut.strftime('%d/%m/%Y')}. Aucun taux n'est extrapolé. Ajoutez-le avec « {commande} » "
            f"(ou Paramètres › Taux du semestre), ou ajoutez la ligne « {exemple} » au fichier "
            f"{table.fichier_utilisateur} (même en-tête que le fichier livré, "
            f"« {','.join(('semestre', *table.colonnes, 'statut', 'source'))} »), puis relancez."
        )


def messages_taux_manquants(manques: list[tuple[str, str, str]]) -> list[str]:
    """One line per missing half-year for a batch's (reference, half-year, series) failures."""
    dossiers: dict[str, set[str]] = {}
    series: dict[str, list[str]] = {}
    for reference, semestre, serie in manques:
        dossiers.setdefault(semestre, set()).add(reference)
        if serie not in series.setdefault(semestre, []):
            series[semestre].append(serie)
    return [message_taux_manquant(s, len(dossiers[s]), tuple(series[s])) for s in sorted(dossiers)]


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


# --- the coming half-year: warning, and adding it -----------------------------------------

JOUR_ALERTE = 15  # the coming half-year is asked for from the 15th of the current one's last month
TAUX_MAX = Decimal(20)  # beyond this a rate of either series is a typing error, not a publication
LONGUEUR_MAX_SOURCE = 300

_SEMESTRE = re.compile(r"(\d{4})-S([12])")
_POURCENTAGE = re.compile(r"-?\d+(\.\d+)?")

NOM_BCE = "taux BCE"
NOM_LEGAL = "taux de l'intérêt légal"


def semestre_suivant(semestre: str) -> str:
    annee, moitie = semestre.split("-S")
    return f"{annee}-S2" if moitie == "1" else f"{int(annee) + 1}-S1"


def commande_ajout(semestre: str, bce: bool = True, legal: bool = True) -> str:
    """The command line that adds a half-year's rates, with its values left to type."""
    options = (["--bce …"] if bce else []) + (["--legal-particulier … --legal-autres …"] if legal else [])
    return " ".join(["recouvrement taux ajouter", semestre, *options, "--source …"])


def _series_manquantes(taux: Taux, semestre: str) -> tuple[str, ...]:
    return tuple(nom for nom, table in ((NOM_BCE, taux.bce), (NOM_LEGAL, taux.legal)) if semestre not in table.lignes)


@dataclass(frozen=True)
class AlerteTaux:
    """The half-year whose rates are not entered yet, when it matters (see alerte_taux)."""

    semestre: str
    series: tuple[str, ...]  # the missing series, named in French
    critique: bool  # the half-year has begun: a décompte reaching into it cannot be made
    date: dt.date  # the half-year's first day

    @property
    def commande(self) -> str:
        return commande_ajout(self.semestre, NOM_BCE in self.series, NOM_LEGAL in self.series)

    @property
    def libelle(self) -> str:
        """One line for the agenda."""
        return f"Saisir les taux du semestre {self.semestre} ({', '.join(self.series)})"

    @property
    def message(self) -> str:
        deux = len(self.series) > 1
        quoi = (f"Les taux du semestre {self.semestre} ({' et '.join(self.series)}) ne sont pas" if deux
                else f"Le {self.series[0]} du semestre {self.semestre} n'est pas")
        if self.critique:
            debut = (f"⚠ {quoi} saisi{'s' if deux else ''} : aucun décompte allant au-delà du "
                     f"{date_courte(self.date - dt.timedelta(days=1))} ne peut être établi.")
        else:
            debut = (f"{quoi} encore saisi{'s' if deux else ''} : les décomptes en auront besoin à partir du "
                     f"{date_courte(self.date)}.")
        return (f"{debut} Dès la publication, ajoutez-l{'es' if deux else 'e'} : « {self.commande} » "
                "ou Paramètres › Taux du semestre (Ctrl+R).")


def semestre_propose(taux: Taux) -> str:
    """The half-year a user adds next: the first one missing from either series."""
    return semestre_suivant(min(max(taux.bce.lignes), max(taux.legal.lignes)))


def alerte_taux(taux: Taux, au: dt.date) -> AlerteTaux | None:
    """Which half-year's rates must be entered, seen at `au`, or None.

    The current half-year missing from either series is critical (every décompte arrêté today
    fails); from the 15th of the half-year's last month (15/06, 15/12), the next one missing is a
    warning: the ECB decision and the legal rate's arrêté come out in those weeks."""
    courant = semestre_de(au)
    if manquantes := _series_manquantes(taux, courant):
        return AlerteTaux(courant, manquantes, True, debut_semestre(courant))
    if au.month in (6, 12) and au.day >= JOUR_ALERTE:
        suivant = semestre_suivant(courant)
        if manquantes := _series_manquantes(taux, suivant):
            return AlerteTaux(suivant, manquantes, False, debut_semestre(suivant))
    return None


def message_taux_manquant(semestre: str, dossiers: int, series: tuple[str, ...] = (NOM_BCE, NOM_LEGAL)) -> str:
    """The one line a batch prints for every dossier that stopped on the same missing half-year."""
    commande = commande_ajout(semestre, NOM_BCE in series, NOM_LEGAL in series)
    return (f"Taux du semestre {semestre} inconnu : ajoutez-le avec « {commande} » "
            f"({dossiers} dossier{'s' if dossiers > 1 else ''} concerné{'s' if dossiers > 1 else ''}).")


@dataclass(frozen=True)
class AjoutTaux:
    """A half-year's rates checked against the series, ready to be written to the data folder."""

    semestre: str
    bce: LigneTaux | None
    legal: LigneTaux | None
    avertissements: tuple[str, ...] = ()


def lire_semestre(texte: object, champ: str = "semestre") -> str:
    brut = str(texte or "").strip().upper()
    correspondance = _SEMESTRE.fullmatch(brut)
    if not correspondance or not 1999 <= int(correspondance.group(1)) <= 2100:
        raise ErreurSaisie(
            champ, f"« {str(texte or '').strip()} » n'est pas un semestre : écrivez-le comme 2027-S1 (janvier à juin) "
                   "ou 2027-S2 (juillet à décembre).")
    return brut


def lire_pourcentage(texte: object, champ: str, libelle: str) -> Decimal | None:
    """A published rate in percent ("2,15", "2.15", "2,15 %"); None when left empty."""
    brut = str(texte or "").strip().removesuffix("%").strip().replace(",", ".").replace(" ", "")
    if not brut:
        return None
    if not _POURCENTAGE.fullmatch(brut):
        raise ErreurSaisie(champ, f"{libelle} : « {str(texte).strip()} » n'est pas un taux en pourcentage ; "
                                  "écrivez par exemple 2,15 (pour 2,15 %).")
    valeur = Decimal(brut)
    if not 0 <= valeur <= TAUX_MAX:
        raise ErreurSaisie(champ, f"{libelle} : {texte_taux(valeur)} sort de la plage plausible (de 0 à "
                                  f"{TAUX_MAX} %) ; vérifiez la valeur publiée.")
    if valeur.as_tuple().exponent < -2:  # type: ignore[operator]
        raise ErreurSaisie(champ, f"{libelle} : les taux sont publiés avec deux décimales au plus "
                                  f"(« {str(texte).strip()} »).")
    return valeur.quantize(Decimal("0.01"))


def _placer(table: TableTaux, semestre: str, valeurs: dict[str, Decimal], remplacer: bool, au: dt.date,
            collecteur: Collecteur, champ: str) -> str:
    """Check that `semestre` may take `valeurs` in `table` (refusals into `collecteur`); a warning or ""."""
    existante = table.lignes.get(semestre)
    if existante is None:
        connus = sorted(table.lignes)
        if connus and semestre < connus[0]:
            collecteur.signaler(champ, f"Le {table.nom} n'est tenu qu'à partir du semestre {connus[0]} : "
                                       f"{semestre} est antérieur.")
        elif connus and semestre != semestre_suivant(connus[-1]):
            collecteur.signaler(champ, f"Le {table.nom} est connu jusqu'au semestre {connus[-1]} : ajoutez d'abord "
                                       f"{semestre_suivant(connus[-1])} (les semestres se suivent, aucun n'est sauté).")
        return ""
    cle = table.colonnes[0]
    avant, apres = existante.valeurs[cle], valeurs[cle]
    if all(existante.valeurs.get(c) == v for c, v in valeurs.items()):
        return ""  # the same figures: only the status or the source change
    debut = debut_semestre(semestre)
    if debut <= au:
        if not remplacer:
            collecteur.signaler(champ, (
                f"Le semestre {semestre} a commencé le {date_courte(debut)} et son {table.nom} vaut déjà "
                f"{texte_taux(avant)}{' (à confirmer)' if existante.a_confirmer else ''} : des décomptes ont pu être "
                "établis avec cette valeur. Pour la remplacer, ajoutez --remplacer (ou cochez « Remplacer »)."))
            return ""
        return (f"Le {table.nom} du semestre {semestre} passe de {texte_taux(avant)} à {texte_taux(apres)} : "
                "les décomptes déjà produits ont utilisé l'ancienne valeur et ne sont pas modifiés ; "
                "régénérez ceux qui doivent l'être.")
    if not existante.a_confirmer and not remplacer:
        collecteur.signaler(champ, (
            f"Le {table.nom} du semestre {semestre} est déjà saisi comme publié ({texte_taux(avant)}"
            f"{', source : ' + existante.source if existante.source else ''}). Pour le remplacer, ajoutez "
            "--remplacer (ou cochez « Remplacer »)."))
    return ""


def verifier_ajout(taux: Taux, valeurs: Mapping[str, object], au: dt.date) -> AjoutTaux:
    """A half-year's rates typed by the user (CLI or settings screen), checked against the series.

    Keys: semestre, bce, legal_particulier, legal_autres, source, a_confirmer, remplacer. Every
    refusal is in French, attached to its field (ErreursSaisie, all at once)."""
    collecteur = Collecteur()
    semestre = collecteur.lire(lire_semestre, valeurs.get("semestre"))
    bce = collecteur.lire(lire_pourcentage, valeurs.get("bce"), "bce", "Taux BCE")
    particulier = collecteur.lire(lire_pourcentage, valeurs.get("legal_particulier"), "legal_particulier",
                                  "Taux légal (créanciers particuliers)")
    autres = collecteur.lire(lire_pourcentage, valeurs.get("legal_autres"), "legal_autres",
                             "Taux légal (autres cas)")
    source = " ".join(str(valeurs.get("source") or "").split())
    remplacer = bool(valeurs.get("remplacer"))
    statut = A_CONFIRMER if valeurs.get("a_confirmer") else PUBLIE
    if not source:
        collecteur.signaler("source", "Indiquez la source de la publication (ex. « décision BCE du 10/12/2026 », "
                                      "« arrêté du 18/12/2026, JORF du 24/12/2026 ») : elle figure dans la liste des taux.")
    elif len(source) > LONGUEUR_MAX_SOURCE or any(ord(c) < 32 or ord(c) == 127 for c in source):
        collecteur.signaler("source", f"La source doit tenir sur une ligne de {LONGUEUR_MAX_SOURCE} caractères au plus, "
                                      "sans caractère de contrôle.")
    legal_vides = [valeurs.get(c) in (None, "") or not str(valeurs.get(c)).strip()
                   for c in ("legal_particulier", "legal_autres")]
    if legal_vides[0] != legal_vides[1]:
        manque = "legal_autres" if legal_vides[1] else "legal_particulier"
        collecteur.signaler(manque, "Les deux taux de l'intérêt légal sont publiés ensemble : indiquez aussi le taux "
                                    + ("« autres cas »." if manque == "legal_autres" else "des créanciers particuliers."))
    elif particulier is not None and autres is not None and particulier < autres:
        collecteur.signaler("legal_particulier", (
            f"Le taux légal des créanciers particuliers ({texte_taux(particulier)}) est toujours supérieur à celui des "
            f"autres cas ({texte_taux(autres)}) : les deux valeurs semblent inversées."))
    if all(str(valeurs.get(c) or "").strip() == "" for c in ("bce", "legal_particulier", "legal_autres")):
        collecteur.signaler("bce", "Indiquez le taux BCE (--bce), les deux taux de l'intérêt légal "
                                   "(--legal-particulier et --legal-autres), ou les trois.")
    collecteur.verifier()
    assert semestre is not None  # read without error, or verifier() raised
    avertissements = []
    ligne_bce = ligne_legal = None
    if bce is not None:
        valeurs_bce = {"taux_bce": bce, "taux_penalite_defaut": bce + POINTS_PENALITE}
        avertissements.append(_placer(taux.bce, semestre, valeurs_bce, remplacer, au, collecteur, "bce"))
        ligne_bce = LigneTaux(semestre, valeurs_bce, statut, source, "")
    if particulier is not None and autres is not None:
        valeurs_legal = {"creancier_particulier": particulier, "autres_cas": autres}
        avertissements.append(_placer(taux.legal, semestre, valeurs_legal, remplacer, au, collecteur, "legal_particulier"))
        ligne_legal = LigneTaux(semestre, valeurs_legal, statut, source, "")
    collecteur.verifier()
    return AjoutTaux(semestre, ligne_bce, ligne_legal, tuple(a for a in avertissements if a))
