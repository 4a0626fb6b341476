"""The versions of a dossier's documents: what the journal recorded against what is on disk.

The journal keeps each version's SHA-256 as written; a file whose content no longer matches
was edited afterwards (by a lawyer, in Word). Such an edit is registered as a new version
(never by overwriting), so every state of a letter stays available.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from recouvrement_tui.documents.catalogue import PAR_CLE
from recouvrement_tui.domain.etapes import TypeEvenement
from recouvrement_tui.domain.formatage import date_courte
from recouvrement_tui.domain.model import Dossier, EvenementJournal
from recouvrement_tui.storage.documents import NOM_VERSION, FichierDocument

PREFIXE_REVISION = "Version révisée déposée"


@dataclass(frozen=True)
class Version:
    chemin: str  # relative to the dossier folder
    modele: str
    version: int
    date: dt.date
    enregistre_le: dt.datetime | None  # journal time; None: not in the journal
    auteur: str
    revision: bool  # a lawyer's file registered as a version, not generated
    empreinte_journal: str
    empreinte_actuelle: str  # "" when the file is missing
    modifie_le: dt.datetime | None
    depose_comme: int | None = None  # the edited file was registered as this later version

    @property
    def titre(self) -> str:
        m = PAR_CLE.get(self.modele)
        return m.titre if m else self.modele

    @property
    def present(self) -> bool:
        return bool(self.empreinte_actuelle)

    @property
    def modifie(self) -> bool:
        return self.present and bool(self.empreinte_journal) and self.empreinte_actuelle != self.empreinte_journal

    @property
    def etat(self) -> str:
        if not self.present:
            return "fichier absent du dossier"
        if self.enregistre_le is None:
            return "non inscrit au journal"
        if self.modifie and self.depose_comme:
            return f"modifié, déposé comme v{self.depose_comme}"
        if self.modifie:
            quand = f" le {date_courte(self.modifie_le.date())} à {self.modifie_le:%H:%M}" if self.modifie_le else ""
            return f"modifié{quand}, après sa génération"
        return "révision déposée" if self.revision else "tel que généré"


def version_du_journal(
    evenement: EvenementJournal, empreinte_actuelle: str, modifie_le: dt.datetime | None = None
) -> Version:
    """The version a DOCUMENT journal entry records, with its file's current state."""
    modele, numero, date = _decoder(evenement.document.rsplit("/", 1)[-1])
    return Version(
        evenement.document,
        modele,
        numero,
        date,
        evenement.horodatage,
        evenement.auteur,
        evenement.texte.startswith(PREFIXE_REVISION),
        evenement.empreinte,
        empreinte_actuelle,
        modifie_le,
    )


def versions_du_dossier(dossier: Dossier, fichiers: list[FichierDocument]) -> list[Version]:
    """Every version, newest first: each journal record, matched with its file when present."""
    sur_disque = {f.chemin_relatif: f for f in fichiers}
    versions: dict[str, Version] = {}
    rang: dict[str, int] = {}  # position in the journal: later is newer, even within a second
    for position, evenement in enumerate(dossier.journal):
        if evenement.type is not TypeEvenement.DOCUMENT or not evenement.document:
            continue
        fichier = sur_disque.get(evenement.document)
        rang[evenement.document] = position
        versions[evenement.document] = version_du_journal(
            evenement, fichier.empreinte if fichier else "", fichier.modifie_le if fichier else None
        )
    for chemin, f in sur_disque.items():
        if chemin not in versions:
            versions[chemin] = Version(chemin, f.modele, f.version, f.date, None, "", False, "", f.empreinte, f.modifie_le)
    # An in-place edit already registered as a later version says so, rather than "deposit me".
    par_empreinte = {v.empreinte_journal: v.version for v in versions.values() if v.empreinte_journal}
    for chemin, v in list(versions.items()):
        autre = par_empreinte.get(v.empreinte_actuelle)
        if v.modifie and autre and autre != v.version:
            versions[chemin] = replace(v, depose_comme=autre)
    # Newest record first; files outside the journal go last, by template and version.
    return sorted(versions.values(), key=lambda v: (rang.get(v.chemin, -1), v.modele, v.version), reverse=True)


def _decoder(nom: str) -> tuple[str, int, dt.date]:
    """"2026-11-23_mise_en_demeure_v2.docx" -> ("mise_en_demeure", 2, date)."""
    trouve = NOM_VERSION.match(nom)
    if not trouve:
        return nom, 0, dt.date.min
    return trouve["modele"], int(trouve["version"]), dt.date.fromisoformat(trouve["date"])


def prepare_depuis_etape(dossier: Dossier, modele: str) -> bool:
    """Whether `modele` was already generated since the dossier last changed stage (batch reruns)."""
    for evenement in reversed(dossier.journal):
        if evenement.type is TypeEvenement.ETAPE:
            return False
        if evenement.type is TypeEvenement.DOCUMENT and f"_{modele}_v" in evenement.document:
            return True
    return False
