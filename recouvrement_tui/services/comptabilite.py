"""The accounts as a source: a FEC (text, or an Excel sheet) turned into dossiers, invoices and
payments, kept in step month after month (docs/import-fec.md).

The whole file is read and checked first (every wrong line at once, nothing written); the plan
says what will be created and added; applied, it is all or nothing, as the balance import.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from recouvrement_tui.domain.erreurs import ErreurSaisie, raison_systeme
from recouvrement_tui.domain.model import Dossier
from recouvrement_tui.exchange import fec as comptes
from recouvrement_tui.exchange.lecture_fec import est_fec, lire_fec
from recouvrement_tui.storage.confinement import verifier_fichier_source
from recouvrement_tui.storage.erreurs import ErreurStockage

if TYPE_CHECKING:
    from recouvrement_tui.services.dossiers import ServiceDossiers

TAILLE_MAX_FEC = 512 * 1024 * 1024  # a FEC of 2 million lines is about 400 MB


def fichier_est_un_fec(chemin: Path) -> bool:
    """Whether the file is a FEC, by its header (text), whatever its name."""
    try:
        with open(chemin, "rb") as fichier:
            return est_fec(fichier.read(4096))
    except OSError:
        return False


class ServiceComptabilite:
    def __init__(self, service: ServiceDossiers) -> None:
        self.service = service

    def importer_fec(self, chemin: Path, *, appliquer: bool, echeance_jours: int | None = None) -> comptes.PlanFec:
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
        plan = comptes.planifier_fec(lire_fec(octets), echanges._dossiers_lisibles(), echeance_jours=jours,
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
            restes = echanges._defaire(crees, completes)  # all or nothing, Ctrl+C included
            if not isinstance(erreur, (ErreurSaisie, ErreurStockage, OSError)):
                raise
            suite = (f" Ces dossiers, modifiés entre-temps, n'ont pas pu être remis en l'état : {', '.join(restes)}."
                     if restes else " Rien n'a été importé.")
            raise ErreurStockage(f"Import du FEC interrompu ({erreur}).{suite}") from None
        for cree in crees:
            service.indexer(cree)
        return replace(plan, applique=True, references_creees=tuple(c.reference for c in crees))
