"""One dossier = one folder = one TinyDB file: loading, saving, creating, locking.

A save is one atomic replace of dossier.json, done under the dossier's lock after checking
that nobody saved since we loaded (the `revision` counter): two running instances can
never silently overwrite each other. A file that cannot be read is never written over.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import operator
import os
import re
import shutil
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tinydb import TinyDB

from recouvrement_tui import __version__
from recouvrement_tui.domain import codec
from recouvrement_tui.domain.erreurs import ErreurSaisie, raison_systeme
from recouvrement_tui.domain.etapes import TypeEvenement
from recouvrement_tui.domain.model import Debiteur, Dossier
from recouvrement_tui.storage.atomique import jeton
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
from recouvrement_tui.storage.tinydb_atomique import StockageAtomique, decoder
from recouvrement_tui.system.horloge import Horloge, HorlogeSysteme

if TYPE_CHECKING:
    # Imported where a lock is taken: its 25 modules cost 10 ms that opening the list need not pay.
    from filelock import FileLock

SCHEMA = 1
FICHIER = "dossier.json"
MOTIF_REFERENCE = re.compile(REFERENCE)
TABLES = ("_meta", "dossier", "creances", "paiements", "journal")

# schema version -> function upgrading the raw TinyDB dict to the next version.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}

# How many dossiers a DepotDossiers remembers the last read or written file of (_Connu): the
# ones being edited; a scan of every dossier only cycles through them.
CONNUS = 16


@dataclass(frozen=True)
class _Table:
    """The records of one table (creances, paiements, journal) as last written from this
    process, each record's JSON text, and the table's JSON as it is in the file."""

    enregistrements: tuple[Any, ...]
    textes: tuple[bytes, ...]
    json: bytes


@dataclass(frozen=True)
class _Connu:
    """A dossier.json's exact bytes and the Dossier they decode to, and its tables as written
    from this process (none when it was read).

    Decoding is a pure function of the bytes: while the file holds these very bytes (compared
    whole, under the lock when saving), `dossier` is what reading it would give, and the
    revision and journal checks of a save need not decode 5,000 records again. Records are
    frozen objects: a table whose records are the ones written last time, or those plus new
    ones at the end (the journal, a new invoice), is written again from its JSON, with only
    the new records encoded."""

    contenu: bytes
    dossier: Dossier
    tables: dict[str, _Table]


def est_reference(nom: str) -> bool:
    return MOTIF_REFERENCE.fullmatch(nom) is not None


def etat_fichier(chemin: Path | str) -> tuple[int, int] | None:
    """A file's (mtime_ns, size), not through a link; None when absent or unreachable (a missing
    folder, a name too long…): the fingerprint that tells that a dossier changed on disk (not
    storage.documents.empreinte_fichier, the SHA-256 of a document's content)."""
    try:
        info = os.stat(chemin, follow_symlinks=False)
    except (OSError, ValueError):
        return None
    return (info.st_mtime_ns, info.st_size)


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
        self._connus: OrderedDict[str, _Connu] = OrderedDict()  # reference -> last file read or written

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
        fichiers = []
        for nom in SOUS_DOSSIERS:
            try:
                with os.scandir(os.path.join(dossier, nom)) as entrees:
                    fichiers += sorted((nom, e.name, etat_fichier(e.path)) for e in entrees)
            except (OSError, ValueError):
                fichiers.append((nom, "", None))
        return etat_fichier(os.path.join(dossier, FICHIER)), tuple(fichiers)

    def references(self) -> list[str]:
        """Every dossier folder, sorted (folders not named like a reference are ignored).

        A symbolic link named like a reference is not a dossier folder: it could lead into
        another dossier or out of the data folder, so it is never read or written through
        (storage.index lists it as damaged, with where it leads).
        """
        return self.parcourir()[0]

    def parcourir(self) -> tuple[list[str], list[str]]:
        """The dossier folders (as `references`) and the symbolic links named like a reference,
        each sorted, from one listing of the data folder (the list's check asks every 3 s)."""
        try:
            with os.scandir(self.racine) as entrees:
                noms = [(e.name, e.is_symlink()) for e in entrees
                        if est_reference(e.name) and (e.is_symlink() or e.is_dir(follow_symlinks=False))]
        except FileNotFoundError:
            return [], []
        except OSError as erreur:
            raise ErreurStockage(
                f"Le dossier de données {self.racine} ne peut pas être parcouru (erreur système n° {erreur.errno}) : "
                "vérifiez qu'il s'agit bien d'un dossier et vos droits d'accès."
            ) from None
        return sorted(n for n, lien in noms if not lien), sorted(n for n, lien in noms if lien)

    # --- reading -------------------------------------------------------------------------

    def lire_brut(self, reference: str) -> dict:
        """The TinyDB dict of a dossier, migrated to the current schema, or DossierEndommage."""
        return self._brut(reference, self._lire_octets(reference))

    def _lire_octets(self, reference: str) -> bytes | None:
        fichier = self.fichier(reference)
        if not fichier.exists():
            if not remettre_en_place(self.racine, reference):  # a replacement killed halfway
                raise DossierIntrouvable(f"Le dossier {reference} n'existe pas dans {self.racine}.")
        try:
            return StockageAtomique(fichier).lire_octets()
        except OSError as erreur:
            raise DossierEndommage(f"Le fichier {fichier} ne peut pas être lu ({raison_systeme(erreur)}) : vérifiez ses droits d'accès.") from None

    def _brut(self, reference: str, contenu: bytes | None) -> dict:
        fichier = self.fichier(reference)
        try:
            brut = decoder(contenu)
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
        return self._lire(reference).dossier

    def _lire(self, reference: str) -> _Connu:
        contenu = self._lire_octets(reference)
        connu = self._connus.get(reference)
        if connu is not None and contenu == connu.contenu:
            self._retenir(reference, connu)
            return connu  # the very bytes last read or written here: nothing to decode
        brut = self._brut(reference, contenu)
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
        assert contenu is not None  # else _brut raised: an empty file is damage
        connu = _Connu(contenu, dossier, {})  # decoded: no table written from here
        self._retenir(reference, connu)
        return connu

    def _retenir(self, reference: str, connu: _Connu) -> None:
        # Each step atomic on its own: worker threads (the list's, the agenda's) load too.
        self._connus.pop(reference, None)
        self._connus[reference] = connu  # last: the most recently used
        while len(self._connus) > CONNUS:
            try:
                self._connus.popitem(last=False)
            except KeyError:
                break

    def oublier(self, reference: str) -> None:
        """Forget what was last read or written of a dossier (the next read decodes the file)."""
        self._connus.pop(reference, None)

    # --- writing -------------------------------------------------------------------------

    def verrou(self, reference: str) -> FileLock:
        from filelock import FileLock

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
            tables: dict[str, _Table] = {}
            if fichier.exists():
                # Reading the whole file back (not just its revision) is what makes a
                # damaged or incoherent file impossible to overwrite. The bytes are read and
                # compared whole each time; only decoding them is skipped when they are the
                # ones last read or written here (_Connu).
                connu = self._lire(dossier.reference)
                actuel, tables = connu.dossier, connu.tables
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
            contenu, tables = _contenu(nouveau, self.horloge.maintenant(), tables)
            self.oublier(nouveau.reference)  # a failed write may or may not have replaced the file
            StockageAtomique(fichier, fsync=self.fsync).ecrire_octets(contenu)
            self._retenir(nouveau.reference, _Connu(contenu, nouveau, tables))
            self._noter_empreinte(nouveau.reference)
            return nouveau

    def _noter_empreinte(self, reference: str) -> None:
        """Keep the fingerprint (mtime, size) of the dossier.json just written, taken while we
        still hold its lock: taken later, it could be a colleague's next save's, and the list
        would then keep our summary of it as if current."""
        if (empreinte := etat_fichier(self.fichier(reference))) is None:
            self.empreintes.pop(reference, None)
        else:
            self.empreintes[reference] = empreinte

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
                StockageAtomique(chantier.chemin / FICHIER, fsync=self.fsync).ecrire_octets(
                    _contenu(enregistre, self.horloge.maintenant(), {})[0])
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
            corbeille = self.racine / f"{PREFIXE_CHANTIER}{jeton(8)}"
            os.rename(self.chemin(dossier.reference), corbeille)
        shutil.rmtree(corbeille, ignore_errors=True)

    def revenir(self, avant: Dossier, ecrit: Dossier) -> Dossier:
        """Put `avant` back over `ecrit`, which this process has just saved (an import undone),
        unless somebody saved since. The journal loses the undone lines: they never happened."""
        with self._sous_verrou(ecrit.reference):
            self._verifier_revision(ecrit)
            remis = replace(avant, revision=ecrit.revision + 1)
            StockageAtomique(self.fichier(ecrit.reference), fsync=self.fsync).ecrire_octets(
                _contenu(remis, self.horloge.maintenant(), {})[0])
            self._noter_empreinte(ecrit.reference)
            return remis

    @contextlib.contextmanager
    def _sous_verrou(self, reference: str) -> Iterator[None]:
        from filelock import Timeout

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


def _meta(dossier: Dossier, enregistre_le: dt.datetime) -> dict:
    return {
        "schema": SCHEMA,
        "revision": dossier.revision,
        "application": __version__,
        "enregistre_le": enregistre_le.isoformat(timespec="seconds"),
    }


_JSON = json.JSONEncoder(ensure_ascii=False)  # json.dumps(x, ensure_ascii=False), without building one per call


def _contenu(
    dossier: Dossier, enregistre_le: dt.datetime, anciennes: dict[str, _Table]
) -> tuple[bytes, dict[str, _Table]]:
    """The file of `dossier`, as TinyDB's JSON storage writes its tables (json.dumps of
    {"_meta": {"1": …}, "dossier": {"1": …}, "creances": {"1": …, …}, "paiements": …, "journal": …};
    test_enregistrement_rapide keeps that layout as the reference), and the tables written (see _Connu). A table whose records are
    `anciennes`' (or those plus new ones at the end) reuses its JSON: a save costs what
    changed, not the size of the journal."""
    tables = {
        "creances": _table(dossier.creances, anciennes.get("creances"), codec.creance_dict),
        "paiements": _table(dossier.paiements, anciennes.get("paiements"), codec.paiement_dict),
        "journal": _table(dossier.journal, anciennes.get("journal"), codec.evenement_dict),
    }
    contenu = b"".join([
        b'{"_meta": ', _json_table([_encoder(_meta(dossier, enregistre_le))]),
        b', "dossier": ', _json_table([_encoder(codec.dossier_entete_dict(dossier))]),
        b', "creances": ', tables["creances"].json,
        b', "paiements": ', tables["paiements"].json,
        b', "journal": ', tables["journal"].json,
        b"}",
    ])
    return contenu, tables


def _encoder(enregistrement: dict) -> bytes:
    return _JSON.encode(enregistrement).encode("utf-8")


def _json_table(textes: list[bytes] | tuple[bytes, ...], premier: int = 1) -> bytes:
    """The JSON of a table's records, as json.dumps writes it: {"1": {...}, "2": {...}}."""
    return b"{" + b", ".join([b'"%d": %s' % (i, t) for i, t in enumerate(textes, start=premier)]) + b"}"


def _table(enregistrements: tuple[Any, ...], ancienne: _Table | None, encoder: Callable[[Any], dict]) -> _Table:
    if ancienne is None:
        textes = tuple(_encoder(encoder(e)) for e in enregistrements)
        return _Table(enregistrements, textes, _json_table(textes))
    if enregistrements is ancienne.enregistrements:
        return ancienne
    deja = len(ancienne.enregistrements)
    if len(enregistrements) >= deja and all(map(operator.is_, enregistrements, ancienne.enregistrements)):
        # The same objects, new ones after them: the JSON written last time, extended.
        ajouts = tuple(_encoder(encoder(e)) for e in enregistrements[deja:])
        if not ajouts:
            return _Table(enregistrements, ancienne.textes, ancienne.json)
        suite = _json_table(ajouts, premier=deja + 1)[1:]
        json_table = ancienne.json[:-1] + (b", " if deja else b"") + suite
        return _Table(enregistrements, ancienne.textes + ajouts, json_table)
    # Something changed or went away inside: each record not written last time is encoded.
    # (An id names one object while `ancienne` keeps it alive: a live record with that id is it.)
    connus = {id(e): t for e, t in zip(ancienne.enregistrements, ancienne.textes)}
    textes = tuple(connus.get(id(e)) or _encoder(encoder(e)) for e in enregistrements)
    return _Table(enregistrements, textes, _json_table(textes))


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
