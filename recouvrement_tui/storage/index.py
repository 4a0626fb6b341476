"""index.json: the list view's cache, so opening 10,000 dossiers reads one file.

Each entry remembers the size and modification time of the dossier.json it was built
from. `actualiser` stats every folder and rebuilds only entries whose file changed, so the
index is never trusted blindly, yet a save never has to rewrite it (which would cost more
than the save itself at 10,000 dossiers).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from decimal import Decimal
from pathlib import Path

from recouvrement_tui.domain.agenda import Action
from recouvrement_tui.domain.etapes import Etape
from recouvrement_tui.domain.parametres import CalendrierRelances, calendrier_dict
from recouvrement_tui.domain.resume import (
    ResumeDossier,
    resume_endommage,
    resumer_avec_actions,
)
from recouvrement_tui.storage.atomique import ecrire_atomiquement
from recouvrement_tui.storage.dossiers import FICHIER, DepotDossiers
from recouvrement_tui.storage.erreurs import ErreurStockage

VERSION_INDEX = 2  # 2: next action derived from the stage's facts (agenda)
NOM = "index.json"


def _empreinte(chemin: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(chemin)
    except FileNotFoundError:
        return None
    return (info.st_mtime_ns, info.st_size)


def _vers_dict(r: ResumeDossier, actions: list[Action], empreinte: tuple[int, int] | None) -> dict:
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
    }


def _depuis_dict(reference: str, x: dict) -> ResumeDossier:
    return ResumeDossier(
        reference=reference,
        debiteur=x["debiteur"],
        siren=x["siren"],
        solde=Decimal(x["solde"]),
        etape=Etape(x["etape"]) if x["etape"] else None,
        prochaine_action=x["action"],
        prochaine_date=dt.date.fromisoformat(x["date"]) if x["date"] else None,
        endommage=x.get("endommage", ""),
        # Actions are parsed only for the agenda (see Index.agenda): at 10,000 dossiers
        # building them for the list cost 0.14 s of start-up.
    )


def _actions(x: dict) -> list[Action]:
    return [
        Action(libelle, dt.date.fromisoformat(date), regle, critique, onglet)
        for libelle, date, regle, critique, onglet in x.get("actions", ())
    ]


class Index:
    def __init__(self, depot: DepotDossiers, calendrier: CalendrierRelances, creancier_hors_metropole: bool = False) -> None:
        self.depot = depot
        self.calendrier = calendrier
        self.creancier_hors_metropole = creancier_hors_metropole
        self.chemin = depot.racine / NOM
        self._entrees: dict[str, dict] = {}
        self._modifie = False  # entries changed in memory since the last write

    def lire_cache(self) -> list[ResumeDossier]:
        """What index.json says, unchecked: instant, possibly stale. [] if absent or unreadable."""
        try:
            brut = json.loads(self.chemin.read_text(encoding="utf-8"))
            if brut.get("version") != VERSION_INDEX or brut.get("parametres") != self._empreinte_parametres():
                return []
            self._entrees = brut["dossiers"]
            return [_depuis_dict(ref, x) for ref, x in sorted(self._entrees.items())]
        except (OSError, ValueError, KeyError, TypeError):
            # The index is only a cache: a damaged one is rebuilt, never reported.
            self._entrees = {}
            return []

    def actualiser(self) -> tuple[list[ResumeDossier], bool]:
        """Check every folder against the cache, rebuild stale entries, save if anything changed."""
        if not self._entrees:
            self.lire_cache()
        anciennes = self._entrees
        nouvelles: dict[str, dict] = {}
        change = False
        for reference in self.depot.references():
            empreinte = _empreinte(self.depot.racine / reference / FICHIER)
            ancienne = anciennes.get(reference)
            if ancienne is not None and ancienne.get("empreinte") == (list(empreinte) if empreinte else None):
                nouvelles[reference] = ancienne
                continue
            nouvelles[reference] = _vers_dict(*self._resumer(reference), empreinte)
            change = True
        if set(anciennes) - set(nouvelles):
            change = True
        self._entrees = nouvelles
        if change:
            self.ecrire()
        return [_depuis_dict(ref, x) for ref, x in sorted(nouvelles.items())], change

    def agenda(self) -> list[tuple[ResumeDossier, Action]]:
        """Every dated action of every dossier, checked against the folders, earliest first."""
        self.actualiser()
        lignes = [
            (_depuis_dict(ref, x), action) for ref, x in self._entrees.items() for action in _actions(x)
        ]
        return sorted(lignes, key=lambda x: (x[1].date, not x[1].critique, x[0].reference))

    def _empreinte_parametres(self) -> dict:
        """The settings summaries depend on: a change makes every entry stale."""
        return {**calendrier_dict(self.calendrier), "creancier_hors_metropole": self.creancier_hors_metropole}

    def _resumer(self, reference: str) -> tuple[ResumeDossier, list[Action]]:
        try:
            return resumer_avec_actions(self.depot.charger(reference), self.calendrier, self.creancier_hors_metropole)
        except ErreurStockage as erreur:
            return resume_endommage(reference, str(erreur)), []
        except Exception as erreur:  # noqa: BLE001 - one dossier must never break the whole list
            motif = f"Le dossier {reference} n'a pas pu être résumé ({type(erreur).__name__} : {erreur})."
            return resume_endommage(reference, motif), []

    def mettre_a_jour(self, resume: ResumeDossier, actions: list[Action]) -> None:
        """Record a dossier just saved by this instance (kept in memory until `ecrire`)."""
        self._entrees[resume.reference] = _vers_dict(
            resume, actions, _empreinte(self.depot.racine / resume.reference / FICHIER)
        )
        self._modifie = True

    def ecrire_si_modifie(self) -> None:
        if self._modifie:
            self.ecrire()

    def ecrire(self) -> None:
        self.depot.racine.mkdir(parents=True, exist_ok=True)
        contenu = {"version": VERSION_INDEX, "parametres": self._empreinte_parametres(), "dossiers": self._entrees}
        ecrire_atomiquement(self.chemin, json.dumps(contenu, ensure_ascii=False).encode("utf-8"), fsync=False)
        self._modifie = False
