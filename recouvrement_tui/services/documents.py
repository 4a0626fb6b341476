"""Documents of a data folder: generate, list versions, register revisions, batch reminders.

Shared by the TUI and the CLI, like services.ServiceDossiers, which it extends: a generated
file is written first, then recorded in the journal with its SHA-256; if the journal cannot
be saved, the file is removed again, so a document never exists without its record.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from recouvrement_tui.documents.catalogue import (
    CATALOGUE,
    MODELE_POUR_ETAPE,
    Modele,
    manques,
    modele,
)
from recouvrement_tui.documents.contexte import Entree, construire_contexte
from recouvrement_tui.documents.erreurs import DecompteSansTaux
from recouvrement_tui.documents.rendu import ErreurDocument, rendre
from recouvrement_tui.documents.versions import (
    PREFIXE_REVISION,
    Version,
    prepare_depuis_etape,
    version_du_journal,
    versions_du_dossier,
)
from recouvrement_tui.domain.annuaire import AnnuaireIllisible
from recouvrement_tui.domain.decompte import Decompte
from recouvrement_tui.domain.erreurs import ErreurSaisie
from recouvrement_tui.domain.etapes import Etape, TypeEvenement
from recouvrement_tui.domain.garde import Avis, Etat, avis_document
from recouvrement_tui.domain.juridiction import Juridiction
from recouvrement_tui.domain.model import Dossier
from recouvrement_tui.domain.prochaine_action import prochaine_action
from recouvrement_tui.domain.taux import TauxIllisibles, TauxInconnu, messages_taux_manquants
from recouvrement_tui.storage.documents import (
    NOM_VERSION,
    chemin_confine,
    ecrire_version,
    empreinte,
    lire_docx_depose,
    lister_documents,
    pieces_jointes,
)
from recouvrement_tui.storage.erreurs import ErreurStockage
from recouvrement_tui.storage.modeles import LecteurModeles, chemin_modele
from recouvrement_tui.system.horloge import HorlogeFixe, HorlogeSysteme
from recouvrement_tui.system.incidents import consigner

if TYPE_CHECKING:
    from recouvrement_tui.services.dossiers import ServiceDossiers

# Stages at which the reminder calendar asks for a letter (others need a person's decision).
ETAPES_DE_RELANCE = (Etape.NOUVEAU, Etape.RELANCE_PREVENTIVE, Etape.RELANCE_AMIABLE, Etape.RELANCE_FERME)


@dataclass(frozen=True)
class Genere:
    dossier: Dossier  # as saved, with its journal entry
    chemin: Path  # absolute path of the new file
    version: Version
    avertissement: str = ""  # the legal guard's warning, for the user to read (domain.garde)


@dataclass(frozen=True)
class Offre:
    """One template as offered for a dossier: the guard's answer, then what facts it lacks."""

    modele: Modele
    avis: Avis
    manques: tuple[str, ...] = ()

    @property
    def possible(self) -> bool:
        return not self.avis.refuse and not self.manques

    @property
    def raison(self) -> str:
        """Why it cannot be generated, or its warning ("" when simply possible)."""
        if self.avis.refuse or not self.manques:
            return self.avis.motif
        return "Il manque " + " ; ".join(m.removeprefix("il manque ") for m in self.manques) + "."


@dataclass
class RapportRelances:
    au: dt.date
    prepares: list[tuple[str, str, Path]] = field(default_factory=list)  # (reference, titre, fichier)
    deja_prepares: list[str] = field(default_factory=list)
    erreurs: list[tuple[str, str]] = field(default_factory=list)  # (reference, message)
    # Dossiers stopped by a half-year's missing rate (reference, half-year, series): said once, by
    # messages_taux, rather than the same long message for each of them.
    sans_taux: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def messages_taux(self) -> list[str]:
        return messages_taux_manquants(self.sans_taux)


class ServiceDocuments:
    def __init__(self, service: ServiceDossiers) -> None:
        self.service = service
        self.modeles = LecteurModeles(service.racine)

    # --- templates ----------------------------------------------------------------------

    def catalogue(self) -> list[tuple[Modele, str]]:
        """Every template with where its file comes from ("livré" or "personnalisé")."""
        return [(m, chemin_modele(self.service.racine, m.cle)[1]) for m in CATALOGUE]

    # --- generating -----------------------------------------------------------------------

    def _preparer(self, dossier: Dossier, au: dt.date) -> tuple[Decompte, Juridiction]:
        """The décompte at `au` and the debtor's court: what both the legal guard and the document
        read, worked out once per request (ErreurDocument when either cannot be)."""
        try:
            decompte = self.service.decompte(dossier, au)
        except TauxInconnu as erreur:
            raise DecompteSansTaux(f"Le décompte ne peut pas être établi : {erreur}", erreur.semestre,
                                   erreur.serie) from None
        except TauxIllisibles as erreur:
            raise ErreurDocument(f"Le décompte ne peut pas être établi : {erreur}") from None
        try:
            juridiction = self.service.juridiction(dossier)
        except AnnuaireIllisible as erreur:
            raise ErreurDocument(f"L'annuaire des juridictions ne peut pas être lu : {erreur}") from None
        return decompte, juridiction

    def _contexte(self, dossier: Dossier, au: dt.date, decompte: Decompte, juridiction: Juridiction) -> dict:
        jointes = pieces_jointes(self.service.depot.chemin(dossier.reference))
        return construire_contexte(Entree(dossier, decompte, self.service.parametres, au, jointes, juridiction))

    def contexte(self, dossier: Dossier, au: dt.date) -> dict:
        return self._contexte(dossier, au, *self._preparer(dossier, au))

    def contexte_et_etat(self, dossier: Dossier, au: dt.date) -> tuple[dict, Etat]:
        """The templates' data and the legal guard's reading of the dossier at `au`, from one
        décompte (an e-mail asks both, as a letter does)."""
        decompte, juridiction = self._preparer(dossier, au)
        etat = self.service.etat(dossier, au, decompte=decompte, juridiction=juridiction)
        return self._contexte(dossier, au, decompte, juridiction), etat

    def avis(self, dossier: Dossier, cle: str, au: dt.date | None = None) -> Avis:
        """The legal guard's answer for this template at `au` (domain.garde)."""
        m = self._modele(cle)
        return avis_document(self.service.etat(dossier, au or self.service.aujourdhui()), m.acte, m.natures)

    def offre(self, dossier: Dossier, au: dt.date | None = None) -> list[Offre]:
        """Every template with whether the law allows it here and what facts it lacks."""
        au = au or self.service.aujourdhui()
        decompte, juridiction = self._preparer(dossier, au)
        etat = self.service.etat(dossier, au, decompte=decompte, juridiction=juridiction)
        contexte = self._contexte(dossier, au, decompte, juridiction)
        return [Offre(m, avis_document(etat, m.acte, m.natures), tuple(manques(m, contexte))) for m in CATALOGUE]

    def verifier(self, dossier: Dossier, cle: str, au: dt.date | None = None) -> list[str]:
        """Why this template cannot be generated ([] when it can): the guard's refusal, or the facts
        it lacks."""
        offre = next(o for o in self.offre(dossier, au) if o.modele.cle == self._modele(cle).cle)
        return list(offre.avis.raisons) if offre.avis.refuse else list(offre.manques)

    def generer(self, dossier: Dossier, cle: str, au: dt.date | None = None) -> Genere:
        """Write a new version of `cle` for the dossier, dated `au` (today), and journal it.

        The legal guard is asked first: a refusal writes nothing (ErreurDocument with its reason);
        a warning is journaled with the document and returned for the user to read."""
        m = self._modele(cle)
        au = au or self.service.aujourdhui()
        decompte, juridiction = self._preparer(dossier, au)
        etat = self.service.etat(dossier, au, decompte=decompte, juridiction=juridiction)
        avis = avis_document(etat, m.acte, m.natures)
        if avis.refuse:
            raise ErreurDocument(f"Le document « {m.titre} » ne peut pas être généré : {avis.motif}")
        contexte = self._contexte(dossier, au, decompte, juridiction)
        if problemes := manques(m, contexte):
            raise ErreurDocument(f"Le document « {m.titre} » ne peut pas être généré : " + " ; ".join(problemes) + ".")
        contenu = rendre(self.modeles.lire(cle), contexte, m.titre)
        mise_en_garde = f" Mise en garde : {avis.motif}" if avis.raisons else ""
        genere = self._nouvelle_version(
            dossier, cle, au, contenu,
            lambda n: f"Document généré : {m.titre}, version {n}, daté du {au:%d/%m/%Y}.{mise_en_garde}",
        )
        return replace(genere, avertissement=avis.motif)

    def _nouvelle_version(
        self, dossier: Dossier, cle: str, au: dt.date, contenu: bytes, texte: Callable[[int], str]
    ) -> Genere:
        """Write the next version of `cle`, then record it; `texte(n)` is its journal line."""
        dossier_disque = self.service.depot.chemin(dossier.reference)
        relatif = ecrire_version(
            dossier_disque, cle, au, contenu, fsync=self.service.depot.fsync, apres=_derniere_version(dossier, cle)
        )
        nom = NOM_VERSION.match(relatif.rsplit("/", 1)[-1])
        assert nom is not None  # ecrire_version names the file after NOM_VERSION
        numero = int(nom["version"])
        sha = empreinte(contenu)
        enregistre = self._journaliser(dossier, dossier_disque / relatif, texte(numero), relatif, sha)
        # Just written: the file is what the journal records, no need to read it back.
        return Genere(enregistre, dossier_disque / relatif, version_du_journal(enregistre.journal[-1], sha))

    def _journaliser(self, dossier: Dossier, fichier: Path, texte: str, relatif: str, sha: str) -> Dossier:
        """Record the new file; if the dossier cannot be saved, remove the file again.

        Only the save itself rolls back: once the journal holds the entry, the file stays
        whatever happens next (the list's cache is refreshed afterwards, outside).
        """
        note = dossier.noter(TypeEvenement.DOCUMENT, texte, self.service.auteur, self.service.maintenant(), relatif, sha)
        try:
            enregistre = self.service.depot.enregistrer(note)
        except BaseException:
            try:
                fichier.unlink(missing_ok=True)  # no file without its journal record
            except OSError:
                pass  # listed as "non inscrit au journal", never lost silently
            raise
        self.service.indexer(enregistre)
        return enregistre

    def _modele(self, cle: str) -> Modele:
        try:
            return modele(cle)
        except KeyError as erreur:
            raise ErreurDocument(erreur.args[0]) from None

    # --- versions -----------------------------------------------------------------------

    def versions(self, dossier: Dossier) -> list[Version]:
        fichiers = lister_documents(self.service.depot.chemin(dossier.reference))
        return versions_du_dossier(dossier, fichiers)

    def chemin(self, dossier: Dossier, version: Version) -> Path:
        """The file of `version`, inside the dossier's folder (CheminRefuse otherwise).

        `version.chemin` comes from the journal in dossier.json, which anyone may have edited:
        "../../2026-0001/dossier.json", an absolute path or a symbolic link is refused.
        """
        return chemin_confine(self.service.depot.chemin(dossier.reference), version.chemin)

    def deposer_revision(self, dossier: Dossier, version: Version, source: Path | None = None) -> Genere:
        """Register a lawyer's revised file as the next version of `version`'s template.

        `source` is the file they handed back; None takes `version`'s own file as edited in
        place. The source is copied, never moved; earlier versions stay as they are.
        """
        try:
            fichier = Path(source) if source else self.chemin(dossier, version)
            contenu = lire_docx_depose(fichier)
        except ErreurStockage as erreur:
            raise ErreurSaisie("fichier", str(erreur)) from None
        sha = empreinte(contenu)
        # Compared with the file as it is now: the lawyer may have saved it a minute ago.
        if source is None and sha == version.empreinte_journal:
            raise ErreurSaisie("fichier", f"{version.chemin} n'a pas été modifié depuis sa génération : rien à déposer.")
        if any(e.empreinte == sha for e in dossier.journal if e.type is TypeEvenement.DOCUMENT):
            raise ErreurSaisie("fichier", f"{fichier.name} est identique à une version déjà enregistrée.")
        return self._nouvelle_version(
            dossier, version.modele, self.service.aujourdhui(), contenu,
            lambda n: f"{PREFIXE_REVISION} : {version.titre}, version {n}, d'après « {fichier.name} »"
                      f" (révision de la version {version.version}).",
        )

    # --- the reminder batch ---------------------------------------------------------------

    def relances_dues(self, au: dt.date) -> list[tuple[str, str]]:
        """(reference, template) of every dossier whose calendar asks for a letter by `au`."""
        dues = []
        for resume in self.service.resumes_actualises():
            if resume.endommage or resume.etape not in ETAPES_DE_RELANCE:
                continue
            try:
                dossier = self.service.charger(resume.reference)
            except ErreurStockage:
                continue  # a damaged dossier is flagged in the list; the batch goes on
            action = prochaine_action(dossier, self.service.parametres.calendrier, au)
            if action and action.vers in MODELE_POUR_ETAPE and action.date <= au:
                dues.append((resume.reference, MODELE_POUR_ETAPE[action.vers]))
        return dues

    def preparer_relances(
        self, au: dt.date, progression: Callable[[int, int], None] | None = None, *, parallele: bool | None = None
    ) -> RapportRelances:
        """Generate every due reminder or mise en demeure, one letter per debtor, journaled.

        A letter already prepared since the dossier's last change of stage is not made
        again, so running the batch twice is harmless. One dossier's error does not stop
        the others; the report lists it. Large batches use every core (`parallele` None:
        from SEUIL_PARALLELE letters up), each dossier being written by one process only.
        """
        rapport = RapportRelances(au)
        dues = self.relances_dues(au)
        if parallele is None:
            parallele = len(dues) >= SEUIL_PARALLELE and (os.cpu_count() or 1) > 1
        resultats = self._en_parallele(dues, au) if parallele and dues else (
            _preparer_un(self, reference, cle, au) for reference, cle in dues
        )
        for rang, resultat in enumerate(resultats, start=1):
            reference, statut, titre, chemin = resultat
            if statut is StatutLot.PREPARE:
                rapport.prepares.append((reference, titre, Path(chemin)))
            elif statut is StatutLot.DEJA:
                rapport.deja_prepares.append(reference)
            elif statut is StatutLot.SANS_TAUX:
                rapport.sans_taux.append((reference, titre, chemin))
            else:
                rapport.erreurs.append((reference, titre))
            if progression:
                progression(rang, len(dues))
        if parallele:
            # The workers saved the dossiers; the list's cache here learns of them now.
            for reference, _titre, _chemin in rapport.prepares:
                self.service.indexer(self.service.charger(reference))
        ordre = {reference: rang for rang, (reference, _cle) in enumerate(dues)}
        rapport.prepares.sort(key=lambda p: ordre[p[0]])
        return rapport

    def _en_parallele(self, dues: list[tuple[str, str]], au: dt.date) -> Iterator[tuple[str, StatutLot, str, str]]:
        """Results as the worker processes finish each slice of the batch.

        "spawn" rather than fork: the TUI runs the batch from a thread, and forking a
        threaded process can deadlock the child.
        """
        # The clock travels by pickle: the system's as it is, any other stopped at this instant
        # (a test's fixed day stays fixed in the workers).
        horloge = self.service.horloge
        if not isinstance(horloge, (HorlogeSysteme, HorlogeFixe)):
            horloge = HorlogeFixe(horloge.maintenant())
        # The service's class travels by reference (pickle names it): this module needs no
        # import of services.dossiers, which imports this one.
        parametres = (type(self.service), str(self.service.racine), au, self.service.auteur, horloge, self.service.depot.fsync)
        tranches = [dues[i : i + TRANCHE] for i in range(0, len(dues), TRANCHE)]
        # Two workers per core, four at most (about 80 MB each): a letter now waits on its disk
        # flushes (file, folder, journal) about as long as it computes, and a second worker keeps
        # the core busy meanwhile (1,000 letters on 2 cores: 18 s with 2 workers, 11 s with 4).
        travailleurs = min(2 * (os.cpu_count() or 1), TRAVAILLEURS_MAX, len(tranches))
        pool = None
        try:
            with _stderr_reel():
                pool = ProcessPoolExecutor(travailleurs, mp_context=multiprocessing.get_context("spawn"))
                futurs = {pool.submit(_preparer_tranche, parametres, tranche): tranche for tranche in tranches}
        except (OSError, ValueError, BrokenProcessPool):
            # No worker processes here (a sandbox, a frozen build): one letter after another.
            if pool is not None:
                pool.shutdown(cancel_futures=True)
            yield from (_preparer_un(self, reference, cle, au) for reference, cle in dues)
            return
        restantes: list[tuple[str, str]] = []
        try:
            for futur in as_completed(futurs):
                try:
                    yield from futur.result()
                except BrokenProcessPool:
                    restantes += futurs[futur]
        finally:
            pool.shutdown(cancel_futures=True)
        # A worker died: its slices are done here. A letter it wrote before dying is
        # recognised as prepared (journal), so nothing is written twice.
        yield from (_preparer_un(self, reference, cle, au) for reference, cle in restantes)


@contextmanager
def _stderr_reel() -> Iterator[None]:
    """Give multiprocessing a real stderr while it starts its helper processes.

    Textual replaces sys.stderr with an object whose file descriptor is not a real one, and
    multiprocessing's resource tracker passes stderr's descriptor to the process it starts:
    inside the TUI that fails with "bad value(s) in fds_to_keep".
    """
    actuel = sys.stderr
    try:
        reel = actuel is not None and actuel.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        reel = False
    if not reel and sys.__stderr__ is not None:
        sys.stderr = sys.__stderr__
    try:
        yield
    finally:
        sys.stderr = actuel


def _derniere_version(dossier: Dossier, modele: str) -> int:
    """The highest version of `modele` the journal knows, even if its file was moved away."""
    numeros = [
        int(t["version"])
        for e in dossier.journal
        if e.type is TypeEvenement.DOCUMENT and (t := NOM_VERSION.match(e.document.rsplit("/", 1)[-1]))
        and t["modele"] == modele
    ]
    return max(numeros, default=0)


class StatutLot(StrEnum):
    """What the batch did for one dossier (travels back from the worker processes)."""

    PREPARE = "prepare"  # a letter was written and journaled
    DEJA = "deja"  # already prepared since the dossier's last change of stage
    ERREUR = "erreur"  # this dossier failed; the batch went on
    SANS_TAUX = "sans_taux"  # its décompte needs a half-year's rate not entered (title: the half-year; path: the series)


# Below this many letters, starting worker processes (about a second) costs more than it saves.
SEUIL_PARALLELE = 40
TRANCHE = 20  # letters per task sent to a worker: progress is reported per slice
TRAVAILLEURS_MAX = 4


def _preparer_un(documents: ServiceDocuments, reference: str, cle: str, au: dt.date) -> tuple[str, StatutLot, str, str]:
    """(reference, what was done, title or message, path) for one dossier."""
    try:
        dossier = documents.service.charger(reference)
        if prepare_depuis_etape(dossier, cle):
            return reference, StatutLot.DEJA, "", ""
        genere = documents.generer(dossier, cle, au)
        return reference, StatutLot.PREPARE, genere.version.titre, str(genere.chemin)
    except DecompteSansTaux as manque:
        return reference, StatutLot.SANS_TAUX, manque.semestre, manque.serie
    except (ErreurDocument, ErreurSaisie, ErreurStockage) as erreur:
        return reference, StatutLot.ERREUR, str(erreur), ""
    except Exception as erreur:  # noqa: BLE001 - one dossier's bug must not stop the batch
        return reference, StatutLot.ERREUR, consigner(erreur), ""


_SERVICES: dict[tuple, ServiceDocuments] = {}


def _preparer_tranche(parametres: tuple, tranche: list[tuple[str, str]]) -> list[tuple[str, StatutLot, str, str]]:
    """In a worker process: one service per data folder, kept for the following slices."""
    fabrique, racine, au, auteur, horloge, fsync = parametres
    documents = _SERVICES.get(parametres)
    if documents is None:
        service = fabrique(
            Path(racine),
            horloge=horloge,
            auteur=auteur,
            fsync=fsync,
        )
        documents = _SERVICES[parametres] = service.documents
    return [_preparer_un(documents, reference, cle, au) for reference, cle in tranche]
