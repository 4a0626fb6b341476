"""What an index entry holds and how it is written and read back (storage.index keeps them).

An entry is a dossier's list row (COLONNES_LIGNE, positional in index.json), plus, for the agenda
and the dashboard, its dated actions and figures (kept apart in index-details.json). Being read
from a cache that anyone may have edited, every field is checked when read: EntreeInvalide (a
ValueError) makes the index rebuild that entry from its dossier, never report an error.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from recouvrement_tui.domain.etapes import Etape
from recouvrement_tui.domain.resume import ResumeDossier

if TYPE_CHECKING:
    # Imported by what reads the agenda's actions or the dashboard's figures: opening the list
    # needs neither, nor the 20 ms of rules these modules bring (issue 18: cold start).
    from recouvrement_tui.domain.agenda import Action
    from recouvrement_tui.domain.tableau_de_bord import ChiffresDossier

# A row of index.json, in this order; motif, du and du_au are the dashboard figures the list shows.
COLONNES_LIGNE = ("debiteur", "siren", "solde", "etape", "action", "date", "endommage", "empreinte", "motif", "du", "du_au",
                  "valable")
# Version 4 of the index wrote the rows without "valable" (ResumeDossier.valable_jusqua).
COLONNES_V4 = len(COLONNES_LIGNE) - 1
SOLDE_MAX = Decimal(10) ** 15  # a summary beyond this was not written by us
# An amount exactly as ligne_de writes it (f"{x:.2f}", below SOLDE_MAX): read back and written
# again, it is the same text. "1e-40", "+268.41", "268.4100" or "٢٦٨.41" are valid decimals, not ours.
_MONTANT_ECRIT = re.compile(r"-?(?:0|[1-9][0-9]{0,14})\.[0-9]{2}")
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
        "valable": r.valable_jusqua.isoformat() if r.valable_jusqua else None,
    }


def empreinte_de(x: Entree) -> list[int] | None:
    """The fingerprint of the dossier.json an entry was built from (read at every check: direct)."""
    return x[1] if type(x) is LigneLue else x.get("empreinte")


def valable_jusqua(x: Entree) -> dt.date | None:
    """The last day an entry's next action holds (ResumeDossier.valable_jusqua), None if for ever
    or not as written (a damaged entry is rebuilt by whoever reads it)."""
    if type(x) is LigneLue:
        return x.resume.valable_jusqua
    try:
        return _date(x.get("valable"))
    except ValueError:
        return None


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
            x.get("endommage"), x.get("empreinte"), c.get("motif", ""), c.get("du"), c.get("du_au"), x.get("valable")]


def entrees_des_lignes(lignes: dict, est_reference: Callable[[str], bool], version_4: bool = False) -> dict[str, Entree]:
    """index.json's rows as entries, by reference in order; a row not exactly as `ligne_de` writes
    it is left out (the index rebuilds it from its dossier), so that writing the index again
    gives back the same row. Only its décompte total may be unknown (None), as cloture_et_du reads it.

    One pass that checks each row and builds its summary (issue 18: 10,000 rows in about 20 ms,
    a quarter of what reading each as a dict then checking it cost). Texts and dates that repeat
    from row to row (the next action, the closure motive, a date) are kept once.

    `version_4`: rows written without "valable"; a new dossier's is rebuilt (its next action may
    be a relance préventive that has since expired), the others read as holding for ever.
    """
    entrees: dict[str, Entree] = {}
    dates: dict[object, dt.date | None] = {None: None}
    textes: dict[str, str] = {}
    nouveau = tuple.__new__
    for reference in sorted(lignes):
        if not est_reference(reference):
            continue
        ligne = lignes[reference]
        try:
            if type(ligne) is not list or len(ligne) != (COLONNES_V4 if version_4 else len(COLONNES_LIGNE)):
                raise EntreeInvalide("ligne")
            if version_4:
                if ligne[3] == Etape.NOUVEAU.value:
                    raise EntreeInvalide("valable")
                ligne = [*ligne, None]
            debiteur, siren, solde, etape, action, date, endommage, empreinte, motif, du, du_au, valable = ligne
            if endommage:
                entrees[reference] = _entree_endommagee(reference, ligne)
                continue
            if not (type(debiteur) is str and type(siren) is str and type(action) is str and endommage == ""):
                raise EntreeInvalide("texte")
            if not _empreinte_valide(empreinte):
                raise EntreeInvalide("empreinte")
            if etape is None:
                raise EntreeInvalide("etape")  # only a damaged dossier has none
            if (jour := dates.get(date)) is None and date is not None:
                jour = dates[date] = _date_ecrite(date)
            if (jusqua := dates.get(valable)) is None and valable is not None:
                jusqua = dates[valable] = _date_ecrite(valable)
            # The figures the row shows, as cloture_et_du reads them: unknown when not as written.
            arrete = None
            try:
                if (arrete := dates.get(du_au)) is None and du_au is not None:
                    arrete = dates[du_au] = _date_ecrite(du_au)
                du = _montant_ecrit(du, "du") if du is not None and arrete is not None else None
            except (ValueError, TypeError):
                du = None
            # tuple.__new__: the NamedTuple's own __new__ is a Python function, three times slower.
            resume = nouveau(ResumeDossier, (
                reference, debiteur, siren, _montant_ecrit(solde, "solde"), ETAPES[etape],
                textes.setdefault(action, action), jour, "",
                textes.setdefault(motif, motif) if type(motif) is str else "", du, arrete if du is not None else None,
                jusqua,
            ))
        except (ValueError, KeyError, TypeError):  # KeyError: a step we do not know
            continue
        entrees[reference] = nouveau(LigneLue, (resume, empreinte))
    return entrees


def _empreinte_valide(empreinte: object) -> bool:
    """None, or [mtime_ns, size] as _empreinte writes it (two ints, not bools)."""
    return empreinte is None or (
        type(empreinte) is list and len(empreinte) == 2 and type(empreinte[0]) is int and type(empreinte[1]) is int
    )


def _montant_ecrit(valeur: object, cle: str) -> Decimal:
    """An amount of a row, exactly as ligne_de writes it; EntreeInvalide otherwise."""
    if type(valeur) is not str or _MONTANT_ECRIT.fullmatch(valeur) is None:
        raise EntreeInvalide(cle)
    return Decimal(valeur)


def _date_ecrite(valeur: object) -> dt.date:
    """A date of a row, exactly as ligne_de writes it (YYYY-MM-DD: fromisoformat also takes
    "20260414" or "2026-W16-2"); EntreeInvalide otherwise."""
    if type(valeur) is not str:
        raise EntreeInvalide("date")
    jour = dt.date.fromisoformat(valeur)  # ValueError: rebuilt
    if jour.isoformat() != valeur:
        raise EntreeInvalide("date")
    return jour


def _entree_endommagee(reference: str, ligne: list) -> dict:
    """The entry of a row saying its dossier is damaged: nothing more to know of it. Shaped as
    vers_dict shapes it (no figures), so that a check finding the dossier as damaged as before
    sees the same entry and does not write the index again."""
    x = dict(zip(COLONNES_LIGNE[: COLONNES_LIGNE.index("motif")], ligne))
    x["actions"], x["chiffres"], x["valable"] = [], None, None
    depuis_dict(reference, x)  # EntreeInvalide if not as written
    return x


# Marks an entry read from index.json alone: its actions and figures are in DETAILS.
PARTIELLE = "partielle"


class LigneLue(tuple[ResumeDossier, list[int] | None]):
    """An entry read from index.json alone: its summary, checked, and the fingerprint of the
    dossier.json it was built from. It answers `get` and `items` as the entries' dicts do, the
    texts of its row rebuilt from the summary (only to write the index or merge its details):
    keeping the row's texts beside the summary held every value twice, for 100,000 dossiers
    (issue 18). A tuple, built by tuple.__new__ at C speed: 10,000 of them when the list opens."""

    __slots__ = ()

    @property
    def resume(self) -> ResumeDossier:
        return self[0]

    @property
    def empreinte(self) -> list[int] | None:
        return self[1]

    def _valeur(self, cle: str) -> object:
        r = self.resume
        match cle:
            case "debiteur":
                return r.debiteur
            case "siren":
                return r.siren
            case "solde":
                return f"{r.solde:.2f}"
            case "etape":
                return r.etape.value if r.etape else None
            case "action":
                return r.prochaine_action
            case "date":
                return r.prochaine_date.isoformat() if r.prochaine_date else None
            case "endommage":
                return r.endommage
            case "empreinte":
                return self.empreinte
            case "motif":
                return r.motif_cloture
            case "du":
                return f"{r.du:.2f}" if r.du is not None else None
            case "du_au":
                return r.du_au.isoformat() if r.du_au else None
            case "valable":
                return r.valable_jusqua.isoformat() if r.valable_jusqua else None
        raise KeyError(cle)

    def get(self, cle: str, defaut: object = None) -> Any:
        if cle == PARTIELLE:
            return True
        return self._valeur(cle) if cle in COLONNES_LIGNE else defaut

    def items(self) -> list[tuple[str, object]]:
        return [(cle, self._valeur(cle)) for cle in COLONNES_LIGNE] + [(PARTIELLE, True)]


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
    if type(x) is LigneLue:
        return x.resume  # checked when read
    if not isinstance(x, dict):
        raise EntreeInvalide(reference)
    solde = _decimal(x.get("solde"), "solde")
    etape = x.get("etape")
    if etape is not None and (not isinstance(etape, str) or etape not in ETAPES):
        raise EntreeInvalide("etape")
    if not _empreinte_valide(x.get("empreinte")):
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
        valable_jusqua=_date(x.get("valable")),
        # Actions are parsed only for the agenda (see Index.agenda): at 10,000 dossiers
        # building them for the list cost 0.14 s of start-up.
    )


def cloture_et_du(x: Entree) -> dict:
    """The closure motive and décompte total an entry's dashboard figures hold, for the list;
    nothing when they are absent or not as written (the dashboard rebuilds such an entry)."""
    if type(x) is LigneLue:  # read as entrees_des_lignes reads them
        return {"motif_cloture": x.resume.motif_cloture, "du": x.resume.du, "du_au": x.resume.du_au}
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
    from recouvrement_tui.domain.agenda import Action, Vue

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
    from recouvrement_tui.domain.tableau_de_bord import LIBELLES_VOIES, ChiffresDossier

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
