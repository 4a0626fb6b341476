"""The accounts as a source: a FEC (text, or an Excel sheet) turned into dossiers, invoices and
payments, kept in step month after month (docs/import-fec.md).

The whole file is read and checked first (every wrong line at once, nothing written); the plan
says what will be created and added; applied, it is all or nothing, as the balance import.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from recouvrement_tui.domain.erreurs import ErreurSaisie, ErreursSaisie, raison_systeme
from recouvrement_tui.domain.model import Dossier
from recouvrement_tui.exchange import fec as comptes
from recouvrement_tui.exchange.lecture_fec import LIGNES_MAX, est_fec, lire_fec
from recouvrement_tui.exchange.tableur import est_classeur, feuilles_du_classeur, texte_du_classeur
from recouvrement_tui.storage.confinement import fichier_ordinaire, verifier_fichier_source
from recouvrement_tui.storage.erreurs import ErreurStockage

if TYPE_CHECKING:
    from recouvrement_tui.services.dossiers import ServiceDossiers

TAILLE_MAX_FEC = 512 * 1024 * 1024  # a FEC of 2 million lines is about 400 MB


def fichier_est_un_fec(chemin: Path, feuille: str | None = None) -> bool:
    """Whether the file is a FEC, by its header, whatever its name: a text file, or the sheet of a
    workbook. A file that cannot be read is not one (the import then says why)."""
    try:
        with fichier_ordinaire(chemin) as fichier:  # a named pipe must not hang the check
            if fichier is None:
                return False  # the importer then refuses it in French
            debut = fichier.read(4096)
            if not est_classeur(debut):
                return est_fec(debut)
            # The rest from the file checked, not reopened by its name (something else may stand
            # there by now). The sheet's first row only: 200,000 rows are not converted for a header.
            entete = _texte_fec_du_classeur(debut + fichier.read(), feuille, lignes_lues=1)
        return est_fec(entete[:4096].encode("utf-8"))
    except (OSError, ErreurSaisie, ErreursSaisie):
        return False


def feuilles_du_fichier(chemin: Path) -> list[str]:
    """The sheet names of a workbook, in order, for the user to choose one; none for a text file
    or a file that cannot be read (the import then says why)."""
    try:
        with fichier_ordinaire(chemin) as fichier:  # a named pipe must not hang the preview
            if fichier is None or not est_classeur(debut := fichier.read(8)):
                return []
            return feuilles_du_classeur(debut + fichier.read())  # the file checked, not reopened by name
    except (OSError, ErreurSaisie, ErreursSaisie):
        return []


def empreinte_du_fichier(chemin: Path) -> str:
    """The file's SHA-256 (a file changed since its preview is previewed again); "" if it cannot be
    read or is not a regular file (a named pipe would hang the reader: the import says why)."""
    try:
        with fichier_ordinaire(chemin) as fichier:
            if fichier is None:
                return ""
            digest = hashlib.sha256()
            while bloc := fichier.read(1 << 20):
                digest.update(bloc)
            return digest.hexdigest()
    except OSError:
        return ""


def _texte_fec_du_classeur(octets: bytes, feuille: str | None, lignes_lues: int | None = None) -> str:
    # The FEC's own conventions: tab-separated, dates AAAAMMJJ (exchange.tableur).
    return texte_du_classeur(octets, feuille, separateur="\t", guillemets=False, format_date="AAAAMMJJ",
                             lignes_max=LIGNES_MAX, taille_max=TAILLE_MAX_FEC, lignes_lues=lignes_lues)


class ServiceComptabilite:
    def __init__(self, service: ServiceDossiers) -> None:
        self.service = service

    def importer_fec(self, chemin: Path, *, appliquer: bool, echeance_jours: int | None = None,
                     feuille: str | None = None) -> comptes.PlanFec:
        """What importing the FEC does; done if `appliquer`. ErreursSaisie (every wrong line) or
        ErreurSaisie and nothing written when the file is wrong."""
        chemin = Path(chemin)
        verifier_fichier_source(chemin)
        jours = echeance_jours or self.service.parametres.calendrier.jours_paiement_factures
        if not 0 < jours <= 365:
            raise ErreurSaisie("echeance_jours", f"« {jours} » jours : indiquez un délai de paiement entre 1 et 365 jours.")
        try:
            if chemin.stat().st_size > TAILLE_MAX_FEC:
                raise ErreurSaisie("fichier", f"{chemin.name} dépasse {TAILLE_MAX_FEC // 1048576} Mo : exportez un "
                                              "exercice à la fois.")
            octets = chemin.read_bytes()
        except OSError as erreur:
            raise ErreurSaisie("fichier", f"Le fichier {chemin} ne peut pas être lu ({raison_systeme(erreur)}).") from None
        echanges = self.service.echanges
        if est_classeur(octets[:8]):
            octets = _texte_fec_du_classeur(octets, feuille).encode("utf-8")
        with echanges.avec_tous_les_dossiers():
            plan = comptes.planifier_fec(lire_fec(octets), echanges.dossiers_lisibles(), echeance_jours=jours,
                                         fichier=chemin.name)
        if not appliquer:
            return plan
        service, quand = self.service, self.service.maintenant()
        crees: list[Dossier] = []
        completes: list[tuple[Dossier, Dossier]] = []
        try:
            for changement in plan.changements:
                if changement.rien:
                    continue
                modifie = comptes.appliquer(changement, chemin.name, service.auteur, quand)
                if changement.nouveau:
                    crees.append(service.depot.importer(modifie))
                else:
                    completes.append((changement.dossier, service.enregistrer(modifie)))
        except BaseException as erreur:
            restes = echanges.defaire_import(crees, completes)  # all or nothing, Ctrl+C included
            if not isinstance(erreur, (ErreurSaisie, ErreurStockage, OSError)):
                raise
            suite = (f" Ces dossiers, modifiés entre-temps, n'ont pas pu être remis en l'état : {', '.join(restes)}."
                     if restes else " Rien n'a été importé.")
            raise ErreurStockage(f"Import du FEC interrompu ({erreur}).{suite}") from None
        for cree in crees:
            service.indexer(cree)
        return replace(plan, applique=True, references_creees=tuple(c.reference for c in crees))
