"""What an index entry holds and how it is written and read back (storage.index keeps them).

An entry is a dossier's list row (COLONNES_LIGNE, positional in index.json), plus, for the agenda
and the dashboard, its dated actions and figures (kept apart in index-details.json). Being read
from a cache that anyone may have edited, every field is checked when read: EntreeInvalide (a
ValueError) makes the index rebuild that entry from its dossier, never report an error.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from recouvrement_tui.domain.agenda import Action, Vue
from recouvrement_tui.domain.etapes import Etape
from recouvrement_tui.domain.resume import ResumeDossier
from recouvrement_tui.domain.tableau_de_bord import LIBELLES_VOIES, ChiffresDossier

# A row of index.json, in this order; motif, du and du_au are the dashboard figures the list shows.
COLONNES_LIGNE = ("debiteur", "siren", "solde", "etape", "action", "date", "endommage", "empreinte", "motif", "du", "du_au")
SOLDE_MAX = Decimal(10) ** 15  # a summary beyond this was not written by us
ETAPES = {e.value: e for e in Etape}


class EntreeInvalide(ValueError):
    """An index entry not as `vers_dict` writes it: it is rebuilt from its dossier."""


def montants_texte(paires: tuple[tuple[dt.date, Decimal], ...]) -> list:
    return [[jour.isoformat(), f"{valeur:.2f}"] for jour, valeur in paires]


def chiffres_vers_dict(c: ChiffresDossier | None) -> dict | None:
    if c is None:
        return None
    return {
        "chaine": c.chaine.value,
        "echeances": montants_texte(c.echeances),
        "paiements": montants_texte(c.paiements),
        "factures": montants_texte(c.factures),
        "voie": c.voie,
        "motif": c.motif_cloture,
        "du": f"{c.du:.2f}" if c.du is not None else None,
        "du_au": c.du_au.isoformat() if c.du_au else None,
    }


def vers_dict(
    r: ResumeDossier, actions: list[Action], empreinte: tuple[int, int] | None, chiffres: ChiffresDossier | None = None
) -> dict:
    return {
        "debiteur": r.debiteur,
        "siren": r.siren,
        "solde": f"{r.solde:.2f}",
        "etape": r.etape.value if r.etape else None,
        "action": r.prochaine_action,
        "date": r.prochaine_date.isoformat() if r.prochaine_date else None,
        "endommage": r.endommage,
        "empreinte": list(empreinte) if empreinte else None,
        "actions": [[a.libelle, a.date.isoformat(), a.regle, a.critique, a.onglet] for a in actions],
        "chiffres": chiffres_vers_dict(chiffres),
    }


def chiffres_de_la_ligne(x: Entree) -> Entree | None:
    """Where an entry keeps the figures its row shows (motif, du, du_au): its dashboard figures,
    or, read from index.json alone, the entry itself (one dict less per dossier: 100,000 of them)."""
    chiffres = x.get("chiffres")
    if isinstance(chiffres, dict):
        return chiffres
    return x if x.get(PARTIELLE) else None


def ligne_de(x: Entree) -> list:
    """An entry as a row of index.json (see COLONNES_LIGNE)."""
    c = chiffres_de_la_ligne(x) or {}
    return [x.get("debiteur"), x.get("siren"), x.get("solde"), x.get("etape"), x.get("action"), x.get("date"),
            x.get("endommage"), x.get("empreinte"), c.get("motif", ""), c.get("du"), c.get("du_au")]


def depuis_ligne(ligne: object) -> Entree:
    """The entry a row of index.json stands for, without the agenda's actions and the dashboard's
    figures (`Index._charger_details` adds them when asked); EntreeInvalide if not a row as written."""
    if not isinstance(ligne, list) or len(ligne) != len(COLONNES_LIGNE):
        raise EntreeInvalide("ligne")
    if ligne[COLONNES_LIGNE.index("endommage")]:
        x = dict(zip(COLONNES_LIGNE, ligne))
        x["actions"], x["chiffres"] = [], None  # nothing more to know of a damaged dossier
        return x
    return LigneLue(*ligne)


# Marks an entry read from index.json alone: its actions and figures are in DETAILS.
PARTIELLE = "partielle"


class LigneLue:
    """An entry read from index.json alone, answering `get` and `items` as the entries' dicts do:
    a dict per dossier weighed 650 bytes, 65 MB of the list at 100,000 dossiers (issue 18)."""

    __slots__ = COLONNES_LIGNE

    def __init__(self, *valeurs: object) -> None:
        for cle, valeur in zip(COLONNES_LIGNE, valeurs):
            object.__setattr__(self, cle, valeur)

    def get(self, cle: str, defaut: object = None) -> Any:
        if cle == PARTIELLE:
            return True
        return getattr(self, cle, defaut) if cle in COLONNES_LIGNE else defaut

    def items(self) -> list[tuple[str, object]]:
        return [(cle, getattr(self, cle)) for cle in COLONNES_LIGNE] + [(PARTIELLE, True)]


# An index entry in memory: a dict (built from a dossier, or merged with its details), or a row
# read from index.json alone.
Entree = dict | LigneLue


def _texte(x: Entree, cle: str) -> str:
    valeur = x.get(cle, "")
    if not isinstance(valeur, str):
        raise EntreeInvalide(cle)
    return valeur


def _date(valeur: object) -> dt.date | None:
    if valeur is None:
        return None
    if not isinstance(valeur, str):
        raise EntreeInvalide("date")
    return dt.date.fromisoformat(valeur)  # ValueError: rebuilt


def depuis_dict(reference: str, x: object) -> ResumeDossier:
    """The summary an entry holds; EntreeInvalide (a ValueError) if any field is not as written."""
    if not isinstance(x, (dict, LigneLue)):
        raise EntreeInvalide(reference)
    solde_brut = x.get("solde")
    if not isinstance(solde_brut, str) or len(solde_brut) > 40:
        raise EntreeInvalide("solde")
    try:
        solde = Decimal(solde_brut)
    except InvalidOperation:
        raise EntreeInvalide("solde") from None
    if not solde.is_finite() or abs(solde) >= SOLDE_MAX:
        raise EntreeInvalide("solde")
    etape = x.get("etape")
    if etape is not None and (not isinstance(etape, str) or etape not in ETAPES):
        raise EntreeInvalide("etape")
    empreinte = x.get("empreinte")
    if empreinte is not None and not (
        isinstance(empreinte, list) and len(empreinte) == 2 and all(type(n) is int for n in empreinte)
    ):
        raise EntreeInvalide("empreinte")
    if not isinstance(x.get("actions", []), list):
        raise EntreeInvalide("actions")
    return ResumeDossier(
        reference=reference,
        debiteur=_texte(x, "debiteur"),
        siren=_texte(x, "siren"),
        solde=solde,
        etape=ETAPES[etape] if etape else None,
        prochaine_action=_texte(x, "action"),
        prochaine_date=_date(x.get("date")),
        endommage=_texte(x, "endommage"),
        **cloture_et_du(x),
        # Actions are parsed only for the agenda (see Index.agenda): at 10,000 dossiers
        # building them for the list cost 0.14 s of start-up.
    )


def cloture_et_du(x: Entree) -> dict:
    """The closure motive and décompte total an entry's dashboard figures hold, for the list;
    nothing when they are absent or not as written (the dashboard rebuilds such an entry)."""
    c = chiffres_de_la_ligne(x)
    if c is None:
        return {}
    try:
        du = _decimal(c.get("du"), "du") if c.get("du") is not None else None
        du_au = _date(c.get("du_au"))
    except (ValueError, TypeError):
        du, du_au = None, None
    motif = c.get("motif")
    return {"motif_cloture": motif if isinstance(motif, str) else "",
            "du": du if du_au is not None else None, "du_au": du_au if du is not None else None}


def actions_de(x: Entree) -> list[Action]:
    """The agenda actions of an entry; EntreeInvalide (a ValueError) if they are not as written."""
    actions = []
    for brute in x.get("actions", ()):
        if not isinstance(brute, list) or len(brute) != 5:
            raise EntreeInvalide("actions")
        libelle, date, regle, critique, onglet = brute
        if not (isinstance(libelle, str) and isinstance(date, str) and isinstance(regle, str)
                and isinstance(critique, bool) and isinstance(onglet, str)):
            raise EntreeInvalide("actions")
        actions.append(Action(libelle, dt.date.fromisoformat(date), regle, critique, Vue(onglet)))
    return actions


def _decimal(valeur: object, cle: str) -> Decimal:
    if not isinstance(valeur, str) or len(valeur) > 40:
        raise EntreeInvalide(cle)
    try:
        nombre = Decimal(valeur)
    except InvalidOperation:
        raise EntreeInvalide(cle) from None
    if not nombre.is_finite() or abs(nombre) >= SOLDE_MAX:
        raise EntreeInvalide(cle)
    return nombre


def _lire_montants(valeur: object, cle: str) -> tuple[tuple[dt.date, Decimal], ...]:
    if not isinstance(valeur, list):
        raise EntreeInvalide(cle)
    paires = []
    for paire in valeur:
        if not isinstance(paire, list) or len(paire) != 2 or not isinstance(paire[0], str):
            raise EntreeInvalide(cle)
        paires.append((dt.date.fromisoformat(paire[0]), _decimal(paire[1], cle)))
    return tuple(paires)


def chiffres_de(reference: str, x: Entree, resume: ResumeDossier) -> ChiffresDossier:
    """The dashboard figures of an entry; EntreeInvalide (a ValueError) if absent or not as written."""
    c = x.get("chiffres")
    if not isinstance(c, dict) or resume.etape is None:
        raise EntreeInvalide("chiffres")
    chaine, voie, motif = c.get("chaine"), c.get("voie"), c.get("motif")
    if chaine not in ETAPES or voie not in LIBELLES_VOIES or not isinstance(motif, str):
        raise EntreeInvalide("chiffres")
    actions = x.get("actions")
    if not isinstance(actions, list) or not all(isinstance(a, list) and len(a) == 5 and isinstance(a[1], str)
                                                and isinstance(a[3], bool) for a in actions):
        raise EntreeInvalide("actions")
    du = c.get("du")
    return ChiffresDossier(
        reference=reference,
        etape=resume.etape,
        chaine=ETAPES[chaine],
        solde=resume.solde,
        echeances=_lire_montants(c.get("echeances"), "echeances"),
        paiements=_lire_montants(c.get("paiements"), "paiements"),
        factures=_lire_montants(c.get("factures"), "factures"),
        voie=voie,
        motif_cloture=motif,
        du=_decimal(du, "du") if du is not None else None,
        du_au=_date(c.get("du_au")),
        actions=tuple((dt.date.fromisoformat(a[1]), a[3]) for a in actions),
    )
