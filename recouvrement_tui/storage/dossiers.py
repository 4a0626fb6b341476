"""One dossier = one folder = one TinyDB file: loading, saving, creating, locking.

A save is one atomic replace of dossier.json, done under the dossier's lock after checking
that nobody saved since we loaded (the `revision` counter): two running instances can
never silently overwrite each other. A file that cannot be read is never written over.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
from dataclasses import replace
from pathlib import Path

from filelock import FileLock, Timeout
from tinydb import TinyDB

from recouvrement_tui import __version__
from recouvrement_tui.domain import codec
from recouvrement_tui.domain.erreurs import ErreurSaisie
from recouvrement_tui.domain.etapes import TypeEvenement
from recouvrement_tui.domain.model import Debiteur, Dossier
from recouvrement_tui.storage.erreurs import (
    ConflitModification,
    DossierEndommage,
    DossierIntrouvable,
    DossierVerrouille,
    VersionTropRecente,
)
from recouvrement_tui.storage.tinydb_atomique import StockageAtomique

SCHEMA = 1
FICHIER = "dossier.json"
VERROU = ".verrou"
SOUS_DOSSIERS = ("documents", "pieces")
MOTIF_REFERENCE = re.compile(r"(\d{4})-(\d{4,})")
TABLES = ("_meta", "dossier", "creances", "paiements", "journal")

# schema version -> function upgrading the raw TinyDB dict to the next version.
MIGRATIONS: dict[int, callable] = {}


def est_reference(nom: str) -> bool:
    return MOTIF_REFERENCE.fullmatch(nom) is not None


class DepotDossiers:
    """The dossier folders of one data folder."""

    def __init__(self, racine: Path, *, fsync: bool = True, attente_verrou: float = 5.0) -> None:
        self.racine = Path(racine)
        self.fsync = fsync
        self.attente_verrou = attente_verrou

    # --- paths -------------------------------------------------------------------------

    def chemin(self, reference: str) -> Path:
        if not est_reference(reference):
            raise DossierIntrouvable(f"« {reference} » n'est pas une référence de dossier (forme attendue : 2026-0042).")
        return self.racine / reference

    def fichier(self, reference: str) -> Path:
        return self.chemin(reference) / FICHIER

    def references(self) -> list[str]:
        """Every dossier folder, sorted (folders not named like a reference are ignored)."""
        try:
            noms = [e.name for e in os.scandir(self.racine) if e.is_dir() and est_reference(e.name)]
        except FileNotFoundError:
            return []
        return sorted(noms)

    # --- reading -------------------------------------------------------------------------

    def lire_brut(self, reference: str) -> dict:
        """The TinyDB dict of a dossier, migrated to the current schema, or DossierEndommage."""
        fichier = self.fichier(reference)
        if not fichier.exists():
            raise DossierIntrouvable(f"Le dossier {reference} n'existe pas dans {self.racine}.")
        try:
            brut = StockageAtomique(fichier).read()
        except OSError as erreur:
            raise DossierEndommage(f"Le fichier {fichier} ne peut pas être lu ({erreur.strerror}) : vérifiez ses droits d'accès.") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as erreur:
            raise DossierEndommage(
                f"Le fichier {fichier} est illisible ({_explication_json(erreur)}). Il n'a pas été modifié : "
                "restaurez-le depuis une sauvegarde ou corrigez-le à la main."
            ) from None
        if not isinstance(brut, dict) or not isinstance(brut.get("_meta"), dict):
            raise DossierEndommage(
                f"Le fichier {fichier} est vide ou tronqué. Il n'a pas été modifié : restaurez-le depuis une sauvegarde."
            )
        return self._migrer(brut, fichier)

    def _migrer(self, brut: dict, fichier: Path) -> dict:
        meta = _premier(brut.get("_meta", {}))
        version = meta.get("schema")
        if not isinstance(version, int):
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
        return _dossier_depuis_brut(brut, self.fichier(reference))

    # --- writing -------------------------------------------------------------------------

    def verrou(self, reference: str) -> FileLock:
        return FileLock(str(self.chemin(reference) / VERROU), timeout=self.attente_verrou)

    def enregistrer(self, dossier: Dossier) -> Dossier:
        """Save under the lock; returns the dossier with its new revision.

        Refuses (ConflitModification) if the file on disk is not the revision this
        dossier was loaded from, and (DossierEndommage) if the file on disk is unreadable.
        """
        try:
            with self.verrou(dossier.reference):
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
                StockageAtomique(fichier, fsync=self.fsync).write(_brut_depuis_dossier(nouveau))
                return nouveau
        except Timeout:
            raise DossierVerrouille(
                f"Le dossier {dossier.reference} est en cours d'enregistrement par une autre instance : réessayez dans un instant."
            ) from None

    def creer(self, debiteur: Debiteur, auteur: str, maintenant: dt.datetime, *, reference: str | None = None) -> Dossier:
        """Allocate the next reference of the year (e.g. 2026-0042), make the folder, save."""
        self.racine.mkdir(parents=True, exist_ok=True)
        if reference is None:
            dossier_ref = self._allouer_reference(maintenant.year)
        else:
            dossier_ref = reference
            try:
                self.chemin(reference).mkdir()
            except FileExistsError:
                raise ErreurSaisie("reference", f"Le dossier {reference} existe déjà.") from None
        dossier = Dossier(reference=dossier_ref, cree_le=maintenant.date(), debiteur=debiteur, etape_depuis=maintenant.date())
        dossier = dossier.noter(
            TypeEvenement.CREATION, f"Dossier ouvert pour {debiteur.nom_complet}.", auteur, maintenant
        )
        return self.enregistrer(dossier)

    def importer(self, dossier: Dossier) -> Dossier:
        """Save a dossier built elsewhere (an import) under its reference, or the next free one.

        Never overwrites: an existing reference is refused. If the save fails, the folder
        made for it is removed, so nothing half-written stays behind.
        """
        self.racine.mkdir(parents=True, exist_ok=True)
        if dossier.reference:
            try:
                self.chemin(dossier.reference).mkdir()
            except FileExistsError:
                raise ErreurSaisie(
                    "reference", f"Le dossier {dossier.reference} existe déjà ici : il n'est pas remplacé."
                ) from None
            reference = dossier.reference
        else:
            reference = self._allouer_reference(dossier.cree_le.year)
        try:
            return self.enregistrer(replace(dossier, reference=reference, revision=0))
        except BaseException:
            shutil.rmtree(self.chemin(reference), ignore_errors=True)
            raise

    def _allouer_reference(self, annee: int) -> str:
        # mkdir is atomic: if two instances race for a number, one gets FileExistsError and
        # takes the next. Scanning once makes this O(dossiers) per creation, a few ms.
        prefixe = f"{annee}-"
        numeros = [int(n[len(prefixe):]) for n in self.references() if n.startswith(prefixe)]
        numero = max(numeros, default=0) + 1
        while True:
            reference = f"{annee}-{numero:04d}"
            try:
                (self.racine / reference).mkdir()
                return reference
            except FileExistsError:
                numero += 1


def _premier(table: dict) -> dict:
    """The single document of a one-record table (TinyDB keys documents by str doc_id)."""
    if not table:
        return {}
    return next(iter(table.values()))


def _explication_json(erreur: Exception) -> str:
    if isinstance(erreur, json.JSONDecodeError):
        return f"JSON invalide ligne {erreur.lineno}, colonne {erreur.colno}"
    return "encodage invalide"


def _brut_depuis_dossier(dossier: Dossier) -> dict:
    def table(enregistrements: list[dict]) -> dict:
        return {str(i): e for i, e in enumerate(enregistrements, start=1)}

    return {
        "_meta": table(
            [
                {
                    "schema": SCHEMA,
                    "revision": dossier.revision,
                    "application": __version__,
                    "enregistre_le": dt.datetime.now().isoformat(timespec="seconds"),
                }
            ]
        ),
        "dossier": table([codec.dossier_entete_dict(dossier)]),
        "creances": table([codec.creance_dict(c) for c in dossier.creances]),
        "paiements": table([codec.paiement_dict(p) for p in dossier.paiements]),
        "journal": table([codec.evenement_dict(e) for e in dossier.journal]),
    }


def _dossier_depuis_brut(brut: dict, fichier: Path) -> Dossier:
    # Read through TinyDB's table API on an in-memory copy; documents are converted to
    # frozen domain objects at once, so nothing ever mutates a TinyDB document.
    from tinydb.storages import MemoryStorage

    db = TinyDB(storage=MemoryStorage)
    db.storage.write(brut)
    try:
        entetes = db.table("dossier").all()
        if not entetes:
            raise ErreurSaisie("dossier", "la fiche du dossier est absente")
        revision = int(_premier(brut["_meta"]).get("revision", 0))
        return codec.dossier_depuis_dicts(
            dict(entetes[0]),
            [dict(d) for d in db.table("creances").all()],
            [dict(d) for d in db.table("paiements").all()],
            [dict(d) for d in db.table("journal").all()],
            revision=revision,
        )
    except (ErreurSaisie, ValueError, TypeError, AttributeError) as erreur:
        raise DossierEndommage(
            f"Le fichier {fichier} est incohérent ({erreur}). Il n'a pas été modifié : corrigez-le ou restaurez une sauvegarde."
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
