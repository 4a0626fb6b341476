"""One dossier = one folder = one TinyDB file: loading, saving, creating, locking.

A save is one atomic replace of dossier.json, done under the dossier's lock after checking
that nobody saved since we loaded (the `revision` counter): two running instances can
never silently overwrite each other. A file that cannot be read is never written over.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import secrets
import shutil
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from tinydb import TinyDB

from recouvrement_tui import __version__
from recouvrement_tui.domain import codec
from recouvrement_tui.domain.erreurs import ErreurSaisie, raison_systeme
from recouvrement_tui.domain.etapes import TypeEvenement
from recouvrement_tui.domain.model import Debiteur, Dossier
from recouvrement_tui.storage.chantier import (
    PREFIXE_CHANTIER,
    REFERENCE,
    SOUS_DOSSIERS,
    VERROU,
    Chantier,
    remettre_en_place,
)
from recouvrement_tui.storage.confinement import motif_dossier_refuse
from recouvrement_tui.storage.erreurs import (
    ConflitModification,
    DossierEndommage,
    DossierIntrouvable,
    DossierVerrouille,
    ErreurStockage,
    VersionTropRecente,
)
from recouvrement_tui.storage.tinydb_atomique import StockageAtomique
from recouvrement_tui.system.horloge import Horloge, HorlogeSysteme

SCHEMA = 1
FICHIER = "dossier.json"
MOTIF_REFERENCE = re.compile(REFERENCE)
TABLES = ("_meta", "dossier", "creances", "paiements", "journal")

# schema version -> function upgrading the raw TinyDB dict to the next version.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def est_reference(nom: str) -> bool:
    return MOTIF_REFERENCE.fullmatch(nom) is not None


class DepotDossiers:
    """The dossier folders of one data folder."""

    def __init__(
        self, racine: Path, *, fsync: bool = True, attente_verrou: float = 5.0, horloge: Horloge | None = None
    ) -> None:
        self.racine = Path(racine)
        self.horloge: Horloge = horloge or HorlogeSysteme()  # stamps `enregistre_le` in _meta
        self.fsync = fsync
        self.attente_verrou = attente_verrou
        # reference -> fingerprint of the dossier.json this instance last wrote (see _noter_empreinte)
        self.empreintes: dict[str, tuple[int, int]] = {}

    # --- paths -------------------------------------------------------------------------

    def chemin(self, reference: str) -> Path:
        if not est_reference(reference):
            raise DossierIntrouvable(f"« {reference} » n'est pas une référence de dossier (forme attendue : 2026-0042).")
        return self.racine / reference

    def fichier(self, reference: str) -> Path:
        return self.chemin(reference) / FICHIER

    def empreintes_sur_disque(self, reference: str) -> tuple[object, object]:
        """What tells, cheaply (a few stats), that a dossier changed on disk since last asked:
        (its dossier.json's size and time, its documents and pièces: names, sizes and times).
        Never raises: an unreadable entry counts as absent. Not through links (confinement)."""
        dossier = os.path.join(self.racine, reference)

        def etat(chemin: str) -> tuple[int, int] | None:
            try:
                info = os.stat(chemin, follow_symlinks=False)
            except (OSError, ValueError):
                return None
            return (info.st_mtime_ns, info.st_size)

        fichiers = []
        for nom in SOUS_DOSSIERS:
            try:
                with os.scandir(os.path.join(dossier, nom)) as entrees:
                    fichiers += sorted((nom, e.name, etat(e.path)) for e in entrees)
            except (OSError, ValueError):
                fichiers.append((nom, "", None))
        return etat(os.path.join(dossier, FICHIER)), tuple(fichiers)

    def references(self) -> list[str]:
        """Every dossier folder, sorted (folders not named like a reference are ignored).

        A symbolic link named like a reference is not a dossier folder: it could lead into
        another dossier or out of the data folder, so it is never read or written through
        (storage.index lists it as damaged, with where it leads).
        """
        try:
            with os.scandir(self.racine) as entrees:
                noms = [e.name for e in entrees if est_reference(e.name) and e.is_dir(follow_symlinks=False)]
        except FileNotFoundError:
            return []
        except OSError as erreur:
            raise ErreurStockage(
                f"Le dossier de données {self.racine} ne peut pas être parcouru (erreur système n° {erreur.errno}) : "
                "vérifiez qu'il s'agit bien d'un dossier et vos droits d'accès."
            ) from None
        return sorted(noms)

    # --- reading -------------------------------------------------------------------------

    def lire_brut(self, reference: str) -> dict:
        """The TinyDB dict of a dossier, migrated to the current schema, or DossierEndommage."""
        fichier = self.fichier(reference)
        if not fichier.exists():
            if not remettre_en_place(self.racine, reference):  # a replacement killed halfway
                raise DossierIntrouvable(f"Le dossier {reference} n'existe pas dans {self.racine}.")
        try:
            brut = StockageAtomique(fichier).read()
        except OSError as erreur:
            raise DossierEndommage(f"Le fichier {fichier} ne peut pas être lu ({raison_systeme(erreur)}) : vérifiez ses droits d'accès.") from None
        except (ValueError, RecursionError) as erreur:  # JSONDecodeError, UnicodeDecodeError, a 5,000-digit number
            raise DossierEndommage(
                f"Le fichier {fichier} est illisible ({_explication_json(erreur)}). Il n'a pas été modifié : "
                "restaurez-le depuis une sauvegarde ou corrigez-le à la main."
            ) from None
        if not isinstance(brut, dict) or not isinstance(brut.get("_meta"), dict) or not isinstance(
            _premier(brut["_meta"]), dict
        ):
            raise DossierEndommage(
                f"Le fichier {fichier} est vide ou tronqué. Il n'a pas été modifié : restaurez-le depuis une sauvegarde."
            )
        return self._migrer(brut, fichier)

    def _migrer(self, brut: dict, fichier: Path) -> dict:
        meta = _premier(brut.get("_meta", {}))
        version = meta.get("schema")
        # Only a version some step of MIGRATIONS leads up from (a damaged 0, -3 or false is not).
        if type(version) is not int or not all(v in MIGRATIONS for v in range(version, SCHEMA)) or version < 0:
            raise DossierEndommage(f"Le fichier {fichier} ne porte pas de version de schéma : il n'a pas été modifié.")
        if version > SCHEMA:
            raise VersionTropRecente(
                f"Le dossier {fichier.parent.name} a été enregistré par une version plus récente de recouvrement "
                f"(schéma {version}, cette version connaît le {SCHEMA}) : mettez l'application à jour."
            )
        while version < SCHEMA:
            brut = MIGRATIONS[version](brut)
            version += 1
            _premier(brut["_meta"])["schema"] = version
        return brut

    def charger(self, reference: str) -> Dossier:
        brut = self.lire_brut(reference)
        dossier = _dossier_depuis_brut(brut, self.fichier(reference))
        if dossier.reference != reference:
            # A folder copied by hand (cp -r 2026-0001 2026-0099) still says 2026-0001 inside:
            # saving it would write into the original. It is refused until someone decides.
            raise DossierEndommage(
                f"Le fichier {self.fichier(reference)} porte la référence {dossier.reference}, pas celle de son "
                f"dossier {reference} : c'est sans doute une copie du dossier {dossier.reference}. Il n'a pas été "
                f"modifié. Pour en faire un dossier distinct, exportez l'original et importez l'archive ; "
                f"si la copie est de trop, supprimez le dossier {reference}."
            )
        return dossier

    # --- writing -------------------------------------------------------------------------

    def verrou(self, reference: str) -> FileLock:
        return FileLock(str(self.chemin(reference) / VERROU), timeout=self.attente_verrou)

    def enregistrer(self, dossier: Dossier) -> Dossier:
        """Save under the lock; returns the dossier with its new revision.

        Refuses (ConflitModification) if the file on disk is not the revision this
        dossier was loaded from, and (DossierEndommage) if the file on disk is unreadable.
        """
        if motif := motif_dossier_refuse(self.chemin(dossier.reference), FICHIER):
            raise DossierEndommage(motif)  # before the lock: not even a lock file through a link
        if dossier.revision != 0 and not self.chemin(dossier.reference).is_dir():
            # The lock would create the folder again (filelock makes missing parents): an empty
            # folder that hides a dossier set aside by an interrupted replacement.
            raise DossierIntrouvable(f"Le dossier {dossier.reference} a été supprimé entre-temps.")
        with self._sous_verrou(dossier.reference):
            fichier = self.fichier(dossier.reference)
            if fichier.exists():
                # Reading the whole file back (not just its revision) is what makes a
                # damaged or incoherent file impossible to overwrite.
                actuel = self.charger(dossier.reference)
                if actuel.revision != dossier.revision:
                    raise ConflitModification(
                        f"Le dossier {dossier.reference} a été modifié ailleurs (autre fenêtre ou autre poste) "
                        "depuis son ouverture. Rouvrez-le pour voir ces changements, puis refaites votre saisie."
                    )
                _verifier_journal_prolonge(actuel, dossier)
            elif dossier.revision != 0:
                raise DossierIntrouvable(f"Le dossier {dossier.reference} a été supprimé entre-temps.")
            else:
                for nom in SOUS_DOSSIERS:
                    (fichier.parent / nom).mkdir(exist_ok=True)
            nouveau = replace(dossier, revision=dossier.revision + 1)
            StockageAtomique(fichier, fsync=self.fsync).write(_brut_depuis_dossier(nouveau, self.horloge.maintenant()))
            self._noter_empreinte(nouveau.reference)
            return nouveau

    def _noter_empreinte(self, reference: str) -> None:
        """Keep the fingerprint (mtime, size) of the dossier.json just written, taken while we
        still hold its lock: taken later, it could be a colleague's next save's, and the list
        would then keep our summary of it as if current."""
        try:
            etat = os.stat(self.fichier(reference), follow_symlinks=False)
        except OSError:
            self.empreintes.pop(reference, None)
            return
        self.empreintes[reference] = (etat.st_mtime_ns, etat.st_size)

    def creer(self, debiteur: Debiteur, auteur: str, maintenant: dt.datetime, *, reference: str | None = None) -> Dossier:
        """A new dossier under the next reference of the year (e.g. 2026-0042), or `reference`."""
        dossier = Dossier(reference="", cree_le=maintenant.date(), debiteur=debiteur, etape_depuis=maintenant.date())
        dossier = dossier.noter(
            TypeEvenement.CREATION, f"Dossier ouvert pour {debiteur.nom_complet}.", auteur, maintenant
        )
        return self.installer(dossier, reference=reference, annee=maintenant.year)

    def importer(self, dossier: Dossier) -> Dossier:
        """Save a dossier built elsewhere (an import) under its reference, or the next free one.

        Never overwrites: an existing reference is refused.
        """
        return self.installer(dossier, reference=dossier.reference or None, annee=dossier.cree_le.year)

    def installer(
        self,
        dossier: Dossier,
        *,
        reference: str | None,
        annee: int,
        remplir: Callable[[Chantier], None] | None = None,
        remplacer: bool = False,
    ) -> Dossier:
        """Build the dossier's folder whole in a staging folder, then rename it into place.

        `reference` None takes the next free number of `annee` (two instances racing for one
        number: the rename fails for the second, which takes the next). `remplir` adds files
        (documents, pièces) before the folder appears. `remplacer` swaps an existing dossier
        for this one in one step; without it an existing reference is refused. A crash at any
        point leaves either nothing or the whole dossier (storage.reprise removes the rest).
        """
        try:
            self.racine.mkdir(parents=True, exist_ok=True)
        except OSError as erreur:
            raise ErreurStockage(f"Le dossier de données {self.racine} ne peut pas être créé ({raison_systeme(erreur)}).") from None
        if reference is not None:
            self.chemin(reference)  # refuses what is not a reference
        with Chantier(self.racine, fsync=self.fsync) as chantier:
            if remplir is not None:
                remplir(chantier)
            for candidat in [reference] if reference is not None else self._references_libres(annee):
                enregistre = replace(dossier, reference=candidat, revision=1)
                StockageAtomique(chantier.chemin / FICHIER, fsync=self.fsync).write(_brut_depuis_dossier(enregistre, self.horloge.maintenant()))
                try:
                    remettre_en_place(self.racine, candidat)  # its number is taken, whatever a scan said
                    if remplacer:
                        if motif := motif_dossier_refuse(self.chemin(candidat), FICHIER):
                            raise DossierEndommage(f"{motif} Il n'est pas remplacé.")
                        with self._sous_verrou(candidat):  # nobody is saving the old one while it goes
                            chantier.installer(self.chemin(candidat), remplacer=True)
                    else:
                        chantier.installer(self.chemin(candidat))
                    self._noter_empreinte(candidat)
                    return enregistre
                except FileExistsError:
                    if reference is not None:
                        raise ErreurSaisie(
                            "reference", f"Le dossier {reference} existe déjà ici : il n'est pas remplacé."
                        ) from None
        raise ErreurStockage(f"Aucune référence libre pour {annee} dans {self.racine}.")  # pragma: no cover

    def annuler_creation(self, dossier: Dossier) -> None:
        """Remove a dossier this process has just created (an import undone), unless saved since.

        The folder is first renamed to an abandoned staging name, so it disappears at once;
        whatever rmtree cannot remove, storage.reprise removes later.
        """
        with self._sous_verrou(dossier.reference):
            self._verifier_revision(dossier)
            corbeille = self.racine / f"{PREFIXE_CHANTIER}{secrets.token_hex(8)}"
            os.rename(self.chemin(dossier.reference), corbeille)
        shutil.rmtree(corbeille, ignore_errors=True)

    def revenir(self, avant: Dossier, ecrit: Dossier) -> Dossier:
        """Put `avant` back over `ecrit`, which this process has just saved (an import undone),
        unless somebody saved since. The journal loses the undone lines: they never happened."""
        with self._sous_verrou(ecrit.reference):
            self._verifier_revision(ecrit)
            remis = replace(avant, revision=ecrit.revision + 1)
            StockageAtomique(self.fichier(ecrit.reference), fsync=self.fsync).write(_brut_depuis_dossier(remis, self.horloge.maintenant()))
            self._noter_empreinte(ecrit.reference)
            return remis

    @contextlib.contextmanager
    def _sous_verrou(self, reference: str) -> Iterator[None]:
        try:
            with self.verrou(reference):
                yield
        except Timeout:
            raise DossierVerrouille(
                f"Le dossier {reference} est en cours d'enregistrement par une autre instance : réessayez dans un instant."
            ) from None

    def _verifier_revision(self, dossier: Dossier) -> None:
        if self.charger(dossier.reference).revision != dossier.revision:
            raise ConflitModification(f"Le dossier {dossier.reference} a été modifié ailleurs entre-temps.")

    def _references_libres(self, annee: int) -> Iterator[str]:
        # Scanning once makes this O(dossiers) per creation, a few ms; a number taken meanwhile
        # by another instance makes the rename fail, and the next one is tried.
        prefixe = f"{annee}-"
        numeros = [int(n[len(prefixe):]) for n in self.references() if n.startswith(prefixe)]
        premier = max(numeros, default=0) + 1
        for numero in range(premier, premier + 100_000):
            if not os.path.lexists(self.racine / f"{annee}-{numero:04d}"):
                yield f"{annee}-{numero:04d}"


def _premier(table: dict) -> dict:
    """The single document of a one-record table (TinyDB keys documents by str doc_id)."""
    if not table:
        return {}
    return next(iter(table.values()))


def _explication_json(erreur: Exception) -> str:
    if isinstance(erreur, RecursionError) or "imbrication" in str(erreur):
        return "imbrication trop profonde"
    if isinstance(erreur, json.JSONDecodeError):
        return f"JSON invalide ligne {erreur.lineno}, colonne {erreur.colno}"
    if isinstance(erreur, UnicodeDecodeError):
        return "encodage invalide"
    return "nombre démesuré ou valeur illisible"


def _brut_depuis_dossier(dossier: Dossier, enregistre_le: dt.datetime) -> dict:
    def table(enregistrements: list[dict]) -> dict:
        return {str(i): e for i, e in enumerate(enregistrements, start=1)}

    return {
        "_meta": table(
            [
                {
                    "schema": SCHEMA,
                    "revision": dossier.revision,
                    "application": __version__,
                    "enregistre_le": enregistre_le.isoformat(timespec="seconds"),
                }
            ]
        ),
        "dossier": table([codec.dossier_entete_dict(dossier)]),
        "creances": table([codec.creance_dict(c) for c in dossier.creances]),
        "paiements": table([codec.paiement_dict(p) for p in dossier.paiements]),
        "journal": table([codec.evenement_dict(e) for e in dossier.journal]),
    }


def _dossier_depuis_brut(brut: dict, fichier: Path) -> Dossier:
    """The Dossier stored in `brut`, or DossierEndommage naming the first wrong field.

    Nothing is coerced: a table of the wrong shape, a missing table or a revision that is
    not a whole number is damage, not something to repair (a repair would be written back by
    the next ordinary save). Documents are converted to frozen domain objects at once, through
    TinyDB's table API on an in-memory copy, so nothing ever mutates a TinyDB document.
    """
    from tinydb.storages import MemoryStorage

    db = TinyDB(storage=MemoryStorage)
    try:
        for nom in TABLES:
            table = brut.get(nom)
            if not isinstance(table, dict):
                raise ErreurSaisie(nom, f"{nom} : table absente." if table is None else f"{nom} : la table n'est pas un objet.")
            for cle, enregistrement in table.items():
                if not cle.isascii() or not cle.isdigit():
                    raise ErreurSaisie(nom, f"{nom} : clé d'enregistrement « {cle[:20]} » inattendue (attendu : 1, 2, 3…).")
                if not isinstance(enregistrement, dict):
                    rang = list(table).index(cle)
                    raise ErreurSaisie(nom, f"{nom}[{rang}] : un objet {{…}} est attendu.")
        if len(brut["dossier"]) != 1:
            raise ErreurSaisie("dossier", "dossier : la fiche du dossier est absente ou en double.")
        revision = _premier(brut["_meta"]).get("revision", 0)
        if not isinstance(revision, int) or isinstance(revision, bool) or revision < 0:
            raise ErreurSaisie("revision", "_meta.revision : un nombre entier positif est attendu.")
        db.storage.write(brut)
        return codec.dossier_depuis_dicts(
            dict(db.table("dossier").all()[0]),
            [dict(d) for d in db.table("creances").all()],
            [dict(d) for d in db.table("paiements").all()],
            [dict(d) for d in db.table("journal").all()],
            revision=revision,
        )
    except ErreurSaisie as erreur:
        raise DossierEndommage(
            f"Le fichier {fichier} est incohérent : {erreur.message.rstrip('.')}. Il n'a pas été modifié : "
            "corrigez ce champ ou restaurez une sauvegarde."
        ) from None
    finally:
        db.close()


def _verifier_journal_prolonge(actuel: Dossier, dossier: Dossier) -> None:
    """The journal is append-only: what is on disk must be a prefix of what we write."""
    if dossier.journal[: len(actuel.journal)] != actuel.journal:
        raise ConflitModification(
            f"Le journal du dossier {dossier.reference} ne correspond plus à celui enregistré : "
            "enregistrement refusé pour ne rien effacer. Rouvrez le dossier."
        )
