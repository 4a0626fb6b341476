"""Small helpers shared by the demo modules: ids, weighted draws, slugs, French contractions, dates.

Every draw goes through the `random.Random` passed in, never the global one, so a seed
fully determines its dossiers.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
import re
import unicodedata

_JOUR = dt.timedelta(days=1)


def _id(rng: random.Random) -> str:
    return f"{rng.getrandbits(48):012x}"


def _poids(rng: random.Random, options: dict):
    return rng.choices(list(options), weights=list(options.values()))[0]


def _slug(texte: str) -> str:
    sans_accents = unicodedata.normalize("NFKD", texte.replace("Œ", "Oe").replace("œ", "oe").replace("ß", "ss"))
    ascii_ = sans_accents.encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")


def _de(nom: str) -> str:
    """French contraction before a place name: "du Havre", "d'Amiens", "de Lyon"."""
    if nom.startswith("Le "):
        return "du " + nom[3:]
    if nom.startswith("Les "):
        return "des " + nom[4:]
    if nom[:1] in "AEIOUYÉÈÊÂÎÔ":
        return "d'" + nom
    return "de " + nom


def _fin_de_mois(jour: dt.date) -> dt.date:
    return jour.replace(day=calendar.monthrange(jour.year, jour.month)[1])


def _plus_mois(jour: dt.date, mois: int) -> dt.date:
    annee, m = divmod(jour.month - 1 + mois, 12)
    annee += jour.year
    return dt.date(annee, m + 1, min(jour.day, calendar.monthrange(annee, m + 1)[1]))


def _jour_ouvre(jour: dt.date, plancher: dt.date | None, plafond: dt.date | None = None) -> dt.date:
    """Move a weekend date to a weekday within [plancher, plafond]: people work Monday to Friday.

    Saturday goes back to the Friday, Sunday on to the Monday, each falling back on the
    other side when its bound forbids it; with both sides closed the date stays put.
    """
    if jour.weekday() < 5:
        return jour
    vendredi = jour - (jour.weekday() - 4) * _JOUR
    lundi = jour + (7 - jour.weekday()) * _JOUR
    vendredi_permis = plancher is None or vendredi >= plancher
    lundi_permis = plafond is not None and lundi <= plafond
    if jour.weekday() == 6 and lundi_permis:
        return lundi
    if vendredi_permis:
        return vendredi
    return lundi if lundi_permis else jour


def _lundi(jour: dt.date) -> dt.date:
    """A weekend date moved on to the Monday (for things recorded after the fact)."""
    return jour + (7 - jour.weekday()) * _JOUR if jour.weekday() >= 5 else jour


def _chiffres(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _jour_entre(rng: random.Random, debut: dt.date, fin: dt.date) -> dt.date:
    jour = debut + rng.randint(0, max(0, (fin - debut).days)) * _JOUR
    return _jour_ouvre(jour, debut, fin)
