"""index.json: the list view's cache, so opening 10,000 dossiers reads one file.

Each entry remembers the size and modification time of the dossier.json it was built
from. `actualiser` stats every folder and rebuilds only entries whose file changed, so the
index is never trusted blindly, yet a save never has to rewrite it (which would cost more
than the save itself at 10,000 dossiers).

Being a cache, index.json may be anything (hand-edited, truncated, of another version, a
directory): every entry is checked when read, and whatever is wrong is rebuilt from the
dossier folders, never reported as an error. If it cannot be written, the list is kept in
memory and `avertissement` says why.

One Index is shared by the UI thread (a save records its dossier's entry, a dossier screen
asks for its total due) and by workers (the list's check, the agenda, the dashboard), so every
access to the entries holds a lock. The slow part of a check, reading the dossiers whose file
changed, runs without it: a save made meanwhile is newer than what the check read, and wins.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import stat
import threading
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from recouvrement_tui.domain.etapes import Etape
from recouvrement_tui.domain.parametres import CalendrierRelances, calendrier_dict
from recouvrement_tui.domain.resume import (
    ResumeDossier,
    resume_endommage,
    resumer_avec_actions,
)
from recouvrement_tui.storage.atomique import ecrire_atomiquement
from recouvrement_tui.storage.confinement import motif_dossier_refuse, motif_lien
from recouvrement_tui.storage.dossiers import FICHIER, DepotDossiers, est_reference, etat_fichier
from recouvrement_tui.storage.erreurs import ErreurStockage
from recouvrement_tui.storage.index_entrees import (
    PARTIELLE,
    Entree,
    LigneLue,
    actions_de,
    chiffres_de,
    cloture_et_du,
    depuis_dict,
    empreinte_de,
    entrees_des_lignes,
    ligne_de,
    valable_jusqua,
    vers_dict,
)

if TYPE_CHECKING:
    # Rebuilding an entry needs the agenda's and the dashboard's rules; reading the cache does not,
    # and opening the list does not pay for them (issue 18: cold start).
    from recouvrement_tui.domain.agenda import Action
    from recouvrement_tui.domain.model import Dossier
    from recouvrement_tui.domain.tableau_de_bord import ChiffresDossier
    from recouvrement_tui.domain.taux import Taux

# 2: next action derived from the stage's facts (agenda); 3: the dashboard's figures ("chiffres");
# 4: the list's rows apart (index.json, positional) from the agenda's and dashboard's (DETAILS);
# 5: each row says until when its next action holds ("valable": an expiring relance préventive)
VERSION_INDEX = 5
NOM = "index.json"
# What only the agenda and the dashboard read (each dossier's dated actions and figures), kept
# apart so that opening the list decodes a fifth of the bytes (issue 18: cold start). Each entry
# carries the fingerprint of the dossier.json it was built from: a details entry that does not
# match its row (a crash between the two writes, a colleague's save) is rebuilt from the dossier.
DETAILS = "index-details.json"
PAS_PROGRESSION = 0.5  # seconds between two progress reports of a long rebuild

# progression(fait, total, resumes so far): see Index.verifier
Progression = Callable[[int, int, list[ResumeDossier]], None]


def _lire(chemin: Path) -> object:
    """A decoded JSON file, or None when it is absent, not a plain file, or not JSON."""
    try:
        if not stat.S_ISREG(os.stat(chemin, follow_symlinks=False).st_mode):
            return None  # a directory, a link, a device: ignored (see ecrire)
        return json.loads(chemin.read_bytes())  # UTF-8 decoded by json: no text layer
    except (OSError, ValueError, RecursionError):
        # The index is only a cache: a damaged one is rebuilt, never reported.
        return None


def _raison(erreur: OSError) -> str:
    if erreur.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "droits insuffisants sur le dossier de données"
    if erreur.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return "disque plein"
    if erreur.errno in (errno.EISDIR, errno.ENOTEMPTY, errno.EEXIST):
        return "un répertoire porte ce nom"
    return f"erreur système n° {erreur.errno}" if erreur.errno else "erreur du système"


class Index:
    def __init__(
        self,
        depot: DepotDossiers,
        calendrier: CalendrierRelances,
        creancier_hors_metropole: bool = False,
        *,
        taux: Callable[[], Taux | None] | None = None,
        aujourdhui: Callable[[], dt.date] | None = None,
    ) -> None:
        self.depot = depot
        # For the dashboard's décompte total, stopped at the day the entry is built (both or none).
        self._taux = taux
        self._aujourdhui = aujourdhui
        self.calendrier = calendrier
        self.creancier_hors_metropole = creancier_hors_metropole
        self.chemin = depot.racine / NOM
        self._entrees: dict[str, Entree] = {}
        self._modifie = False  # entries changed in memory since the last write
        # Whether _entrees holds the whole list (read from index.json or rebuilt). A command
        # that saved one dossier without reading the list must not replace index.json with an
        # index of that one dossier: the next start would rebuild 10,000 entries. The saved
        # dossier's new fingerprint tells the next reader it changed, which is all it needs.
        self._complet = False
        # The dashboard figures parsed from each entry, kept with the entry they came from: an
        # entry is replaced (never changed in place) when its dossier changes.
        self._chiffres_lus: dict[str, tuple[Entree, ChiffresDossier]] = {}
        # Why the index cannot be written (the list then lives in memory), for the UI to show once.
        self.avertissement = ""
        self._details_lus = False  # whether DETAILS was merged into the entries (see _charger_details)
        self._verrou = threading.RLock()
        # Writers one at a time, each writing what the entries are when its turn comes: encoding
        # and writing 10 MB takes a third of a second at 10,000 dossiers, which the UI thread must
        # not wait for (it takes `_verrou` to record a save). Taken before `_verrou`, never inside it.
        self._ecriture = threading.Lock()
        # Entries recorded by saves (mettre_a_jour), numbered, so that a check that ran meanwhile
        # keeps them rather than what it read before the save.
        self._numero = 0
        self._sauvees: dict[str, tuple[int, dict]] = {}

    def lire_cache(self) -> list[ResumeDossier]:
        """What index.json says, unchecked against the folders: instant, possibly stale.

        [] if absent, unreadable or of another version; an entry that is not exactly as this
        module writes it is left out (`actualiser` rebuilds it from its dossier).
        """
        with self._verrou:
            return self._lire_cache()

    def _lire_cache(self) -> list[ResumeDossier]:
        self._entrees, self._details_lus = {}, False
        brut = _lire(self.chemin)
        if (
            not isinstance(brut, dict)
            or brut.get("version") not in (3, 4, VERSION_INDEX)
            or brut.get("parametres") != self._empreinte_parametres()
            or not isinstance(brut.get("dossiers"), dict)
        ):
            return []
        if brut["version"] == 3:  # the previous version: whole entries in one file, rewritten as two
            return self._lire_version_3(brut["dossiers"])
        self._entrees = entrees_des_lignes(brut["dossiers"], est_reference, version_4=brut["version"] == 4)
        self._complet = True
        return [depuis_dict(reference, x) for reference, x in self._entrees.items()]

    def _lire_version_3(self, dossiers: dict) -> list[ResumeDossier]:
        resumes = []
        for reference, x in sorted(dossiers.items()):
            if not est_reference(reference) or (isinstance(x, dict) and x.get("etape") == Etape.NOUVEAU.value):
                continue  # a new dossier's next action may have expired since (see entrees_des_lignes)
            try:
                resumes.append(depuis_dict(reference, x))
            except ValueError:
                continue
            self._entrees[reference] = x
        self._complet = self._details_lus = self._modifie = True
        return resumes

    def _charger_details(self) -> None:
        """Add to the entries read from index.json their actions and figures from DETAILS (once);
        an entry whose details are missing or of another revision of its dossier stays partial,
        and is rebuilt from its dossier by whoever needs it. The file is read outside the lock
        (0.2 s at 10,000 dossiers), the entries merged under it."""
        if self._details_lus:
            return
        brut = _lire(self.depot.racine / DETAILS)
        # The details were the same in version 4.
        details = brut.get("dossiers") if isinstance(brut, dict) and brut.get("version") in (4, VERSION_INDEX) else None
        with self._verrou:
            if self._details_lus:
                return
            self._details_lus = True
            if isinstance(details, dict):
                self._fusionner_details(details)

    def _fusionner_details(self, details: dict) -> None:
        for reference, x in self._entrees.items():
            d = details.get(reference)
            if x.get(PARTIELLE) and isinstance(d, list) and len(d) == 3 and d[0] == empreinte_de(x) is not None:
                # A new object (see _chiffres_lus), the row's copy of the figures left to `chiffres`.
                complete = {k: v for k, v in x.items() if k not in (PARTIELLE, "motif", "du", "du_au")}
                complete["actions"], complete["chiffres"] = d[1], d[2]
                if not isinstance(d[2], dict) or cloture_et_du(complete) != cloture_et_du(x):
                    continue  # figures that disagree with the row: rebuilt
                self._entrees[reference] = complete

    def actualiser(self, progression: Progression | None = None) -> tuple[list[ResumeDossier], bool]:
        """Check every folder against the cache, rebuild stale entries, save if anything changed.

        Returns the whole list and whether it changed. `progression(fait, total, resumes)` is
        called as a long rebuild goes (see `verifier`).
        """
        change = self.verifier(progression)
        return self.resumes(), change

    def nombre(self) -> int:
        """How many entries are in memory (a method, not __len__: an empty index must stay truthy)."""
        return len(self._entrees)

    def resumes(self) -> list[ResumeDossier]:
        """The list as the entries in memory say (after `verifier` or `lire_cache`)."""
        with self._verrou:
            entrees = sorted(self._entrees.items())
        return [depuis_dict(ref, x) for ref, x in entrees]

    def verifier(self, progression: Progression | None = None) -> bool:
        """Check every folder against the cache (a stat each), rebuild the entries of the dossiers
        whose file changed, save index.json if anything did; True if anything changed.

        When many entries have to be rebuilt (no index yet: seconds at 10,000 dossiers),
        `progression(fait, total, resumes)` is called every PAS_PROGRESSION seconds with the
        list so far, so that a screen can fill as it goes; it is never called for a quick check.
        """
        with self._verrou:
            if not self._entrees:
                self._lire_cache()
            anciennes = self._entrees
            debut = self._numero
        racine = str(self.depot.racine)
        aujourdhui = self._aujourdhui() if self._aujourdhui else None
        nouvelles: dict[str, Entree] = {}
        change = False
        references, liens = self.depot.parcourir()
        prochain_signe = time.monotonic() + PAS_PROGRESSION
        for rang, reference in enumerate(references):
            empreinte = etat_fichier(os.path.join(racine, reference, FICHIER))
            ancienne = anciennes.get(reference)
            if (ancienne is not None and empreinte is not None and empreinte_de(ancienne) == list(empreinte)
                    and not self._expiree(ancienne, aujourdhui)):
                nouvelles[reference] = ancienne
                continue
            # No fingerprint (no dossier.json, an unreachable folder): re-checked each time, cheaply.
            nouvelles[reference] = self._entree(reference, empreinte)
            change = change or nouvelles[reference] != ancienne
            if progression is not None and time.monotonic() >= prochain_signe:
                deja = {**anciennes, **nouvelles}  # the list so far: the cache, corrected where read
                progression(rang + 1, len(references), [depuis_dict(ref, x) for ref, x in sorted(deja.items())])
                prochain_signe = time.monotonic() + PAS_PROGRESSION
        for reference in liens:
            # Never followed: listed as damaged with where it leads, never read nor written.
            entree = vers_dict(resume_endommage(reference, motif_lien(self.depot.racine / reference,
                                                                      f"Le dossier {reference}")), [], None)
            change = change or anciennes.get(reference) != entree
            nouvelles[reference] = entree
        if set(anciennes) - set(nouvelles):
            change = True
        with self._verrou:
            for reference, (numero, entree) in self._sauvees.items():
                if numero > debut:  # saved by this process while the check ran: newer than what it read
                    nouvelles[reference] = entree
                    change = True
            self._entrees, self._complet = nouvelles, True
            self._modifie = self._modifie or change
        if change:
            self.ecrire()
        return change

    @staticmethod
    def _expiree(x: Entree, aujourdhui: dt.date | None) -> bool:
        """The entry's next action no longer holds today, its dossier unchanged (an expired
        relance préventive): it is summarised again."""
        valable = valable_jusqua(x)
        return valable is not None and aujourdhui is not None and valable < aujourdhui

    def agenda(self, *, verifier: bool = True) -> list[tuple[ResumeDossier, Action]]:
        """Every dated action of every dossier, checked against the folders, earliest first;
        `verifier` False when the caller has just checked them (the list's watch, every 3 s)."""
        if verifier:
            self.verifier()
        self._charger_details()
        lignes = []
        for reference, x in self._instantane():
            if x.get(PARTIELLE):  # no details of this revision: rebuilt from its dossier
                x = self._reconstruire(reference)
            try:
                actions = actions_de(x)
            except ValueError:
                # Summary fine but actions damaged in the file: rebuilt from the dossier.
                x = self._reconstruire(reference)
                actions = actions_de(x)
            resume = depuis_dict(reference, x)
            lignes += [(resume, action) for action in actions]
        self.ecrire_si_modifie()
        return sorted(lignes, key=lambda x: (x[1].date, not x[1].critique, x[0].reference))

    def chiffres(self, *, verifier: bool = True) -> tuple[list[ChiffresDossier], int]:
        """The dashboard figures of every readable dossier, checked against the folders, and how
        many dossiers are damaged (left out). An entry without figures (written by an older
        version, or by a save that did not compute them) is rebuilt from its dossier. `verifier`
        False when the caller has just checked the folders."""
        if verifier:
            self.verifier()
        self._charger_details()
        figures, endommages = [], 0
        lus: dict[str, tuple[Entree, ChiffresDossier]] = {}
        for reference, x in self._instantane():
            if x.get("endommage"):
                endommages += 1
                continue
            deja = self._chiffres_lus.get(reference)
            if deja is not None and deja[0] is x:  # the same entry as last time: parsed once
                figures.append(deja[1])
                lus[reference] = deja
                continue
            try:
                figures.append(chiffres_de(reference, x, depuis_dict(reference, x)))
                lus[reference] = (x, figures[-1])
                continue
            except ValueError:
                pass
            x = self._reconstruire(reference)
            try:
                figures.append(chiffres_de(reference, x, depuis_dict(reference, x)))
            except ValueError:
                endommages += 1  # became unreadable meanwhile
        self._chiffres_lus = lus
        self.ecrire_si_modifie()
        return figures, endommages

    def _instantane(self) -> list[tuple[str, Entree]]:
        """The entries as they are now (entries are replaced, never changed in place: safe to read unlocked)."""
        with self._verrou:
            return list(self._entrees.items())

    def _reconstruire(self, reference: str) -> Entree:
        """Rebuild one entry from its dossier (outside the lock: it reads a file) and record it."""
        entree = self._entree(reference, etat_fichier(self.depot.racine / reference / FICHIER))
        with self._verrou:
            self._entrees[reference] = entree
            self._modifie = True
        return entree

    def du(self, reference: str) -> tuple[Decimal | None, dt.date | None]:
        """The décompte total (and its date) this index holds for a dossier, (None, None) if unknown."""
        with self._verrou:
            x = self._entrees.get(reference)
        lu = cloture_et_du(x) if isinstance(x, (dict, LigneLue)) else {}
        return lu.get("du"), lu.get("du_au")

    def endommages(self) -> list[ResumeDossier]:
        """The damaged dossiers of the last `actualiser` (or of the cache), with why."""
        return [depuis_dict(ref, x) for ref, x in sorted(self._instantane()) if x.get("endommage")]

    def _empreinte_parametres(self) -> dict:
        """The settings summaries depend on: a change makes every entry stale."""
        return {**calendrier_dict(self.calendrier), "creancier_hors_metropole": self.creancier_hors_metropole}

    def _entree(self, reference: str, empreinte: tuple[int, int] | None) -> dict:
        """The index entry of a dossier, rebuilt from its file."""
        resume, actions, chiffres = self._resumer_dossier(reference)
        return vers_dict(resume, actions, empreinte, chiffres)

    def chiffrer(self, dossier: Dossier, actions: list[Action]) -> ChiffresDossier:
        """The dashboard figures of a dossier, its décompte stopped today when rates are at hand."""
        from recouvrement_tui.domain.tableau_de_bord import chiffrer_dossier

        taux = self._taux() if self._taux else None
        au = self._aujourdhui() if self._aujourdhui else None
        return chiffrer_dossier(dossier, actions, taux, au)

    def _resumer_dossier(self, reference: str) -> tuple[ResumeDossier, list[Action], ChiffresDossier | None]:
        dossier = self.depot.racine / reference
        if motif := motif_dossier_refuse(dossier, FICHIER):
            return resume_endommage(reference, motif), [], None
        if not os.path.lexists(dossier / FICHIER):
            return resume_endommage(reference, (
                f"Le dossier {reference} ne contient pas de fichier {FICHIER} : restaurez-le depuis une sauvegarde, "
                "ou supprimez ce dossier s'il ne contient rien d'utile."
            )), [], None
        try:
            lu = self.depot.charger(reference)
            au = self._aujourdhui() if self._aujourdhui else None
            resume, actions = resumer_avec_actions(lu, self.calendrier, self.creancier_hors_metropole, au)
            return resume, actions, self.chiffrer(lu, actions)
        except ErreurStockage as erreur:
            return resume_endommage(reference, str(erreur)), [], None
        except Exception as erreur:  # noqa: BLE001 - one dossier must never break the whole list
            motif = f"Le dossier {reference} n'a pas pu être résumé ({type(erreur).__name__} : {erreur})."
            return resume_endommage(reference, motif), [], None

    def mettre_a_jour(self, resume: ResumeDossier, actions: list[Action], chiffres: ChiffresDossier | None = None) -> None:
        """Record a dossier just saved by this instance (kept in memory until `ecrire`).

        Without `chiffres` the entry has no dashboard figures: the dashboard rebuilds it from its file.
        """
        empreinte = self.depot.empreintes.get(resume.reference) or etat_fichier(self.depot.racine / resume.reference / FICHIER)
        entree = vers_dict(resume, actions, empreinte, chiffres)
        with self._verrou:
            self._numero += 1
            self._sauvees[resume.reference] = (self._numero, entree)
            self._entrees[resume.reference] = entree
            self._modifie = True

    def ecrire_si_modifie(self) -> None:
        with self._verrou:
            # A partial list is written only where there is no index to lose.
            a_ecrire = self._modifie and (self._complet or not os.path.lexists(self.chemin))
        if a_ecrire:
            self.ecrire()

    def ecrire(self) -> None:
        """Replace index.json atomically; if that is impossible, keep the list in memory and say why.

        A directory named index.json is left alone: it may be someone's files. A link is
        replaced by the file (os.replace never writes through it). The entries are taken as
        they are under the lock (entries are replaced, never changed in place), then encoded and
        written outside it. Never called holding `_verrou` (see `_ecriture`).
        """
        with self._ecriture:
            # The details first (merged with those on disk, never lost for entries read from the
            # list alone): a crash between the two writes leaves details newer than the rows,
            # which their fingerprints tell apart.
            self._charger_details()
            with self._verrou:
                self._modifie = False
                entrees = dict(self._entrees)
                parametres = self._empreinte_parametres()
            self._ecrire(entrees, parametres)

    def _ecrire(self, entrees: dict[str, Entree], parametres: dict) -> None:
        try:
            mode = os.stat(self.chemin, follow_symlinks=False).st_mode
        except FileNotFoundError:
            mode = None
        except OSError as erreur:
            self._signaler(_raison(erreur))
            return
        if mode is not None and stat.S_ISDIR(mode):
            self._signaler("c'est un répertoire, qui n'a pas été touché : renommez-le ou supprimez-le")
            return
        details = {ref: [x.get("empreinte"), x.get("actions"), x.get("chiffres")]
                   for ref, x in entrees.items() if not x.get(PARTIELLE) and not x.get("endommage")}
        lignes = {ref: ligne_de(x) for ref, x in entrees.items()}
        try:
            self.depot.racine.mkdir(parents=True, exist_ok=True)
            chemin_details = self.depot.racine / DETAILS
            if not chemin_details.is_dir() or chemin_details.is_symlink():  # a directory of that name: someone's files
                ecrire_atomiquement(chemin_details, json.dumps({"version": VERSION_INDEX, "dossiers": details},
                                                               ensure_ascii=False).encode("utf-8"), fsync=False)
            contenu = {"version": VERSION_INDEX, "parametres": parametres, "dossiers": lignes}
            ecrire_atomiquement(self.chemin, json.dumps(contenu, ensure_ascii=False).encode("utf-8"), fsync=False)
        except OSError as erreur:
            self._signaler(_raison(erreur))

    def _signaler(self, raison: str) -> None:
        self.avertissement = (
            f"L'index de la liste ({self.chemin}) ne peut pas être enregistré ({raison}). La liste est reconstruite "
            "en mémoire à chaque ouverture, ce qui est plus lent ; vos dossiers ne sont pas touchés."
        )
