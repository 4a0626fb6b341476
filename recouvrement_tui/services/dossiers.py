"""The operations users perform on a data folder, shared by the TUI and the CLI.

Each operation checks what the user typed (domain.saisie), applies it through the domain
(which journals it), saves it (storage) and refreshes the list's summary. The UI and the
CLI call these and only format the result: neither holds a business rule.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import random
import time
from collections.abc import Callable, Mapping
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from recouvrement_tui.domain import saisie  # every service loads it (_creancier_hors_metropole)
from recouvrement_tui.domain.erreurs import ErreurSaisie, ErreursSaisie, raison_lecture, raison_systeme
from recouvrement_tui.domain.etapes import Etape, TypeEvenement
from recouvrement_tui.domain.json_sur import JSONTropImbrique, lire_json
from recouvrement_tui.domain.model import Dossier, Localisation
from recouvrement_tui.domain.parametres import Parametres, calendrier_depuis_saisie
from recouvrement_tui.domain.procedure import (
    Propositions,
    lire_faits,
    lire_faits_a_completer,
    propositions_passage,
)
from recouvrement_tui.domain.resume import ResumeDossier, resumer, resumer_avec_actions
from recouvrement_tui.domain.taux import (
    AjoutTaux,
    AlerteTaux,
    Taux,
    TauxIllisibles,
    TauxInconnu,
    alerte_taux,
    semestre_propose,
    verifier_ajout,
)
from recouvrement_tui.storage.atomique import ecrire_atomiquement
from recouvrement_tui.storage.dossiers import DepotDossiers
from recouvrement_tui.storage.erreurs import ConflitModification, DossierVerrouille
from recouvrement_tui.storage.index import Index, Progression
from recouvrement_tui.storage.parametres import (
    charger_parametres,
    enregistrer_parametres,
    lire_parametres,
)
from recouvrement_tui.system.horloge import Horloge, horloge_depuis

if TYPE_CHECKING:
    # The legal guard, the décompte, the court directory, the agenda and the dashboard are imported
    # by the operations that use them: opening the list pays for none of them (issue 18).
    from recouvrement_tui.domain.agenda import Action
    from recouvrement_tui.domain.annuaire import Annuaire
    from recouvrement_tui.domain.decompte import Decompte
    from recouvrement_tui.domain.garde import Avis, Etat
    from recouvrement_tui.domain.juridiction import Juridiction
    from recouvrement_tui.domain.tableau_de_bord import TableauDeBord

# reessayer: how long a script's write keeps trying when colleagues save the same dossier.
TENTATIVES = 50
DUREE_TENTATIVES = 30.0  # seconds
PAUSE_MIN, PAUSE_MAX = 0.005, 0.5  # seconds: first pause up to 10 ms, doubling, capped


def auteur_par_defaut() -> str:
    """Who is working: $RECOUVREMENT_AUTEUR, else the system login."""
    try:
        return os.environ.get("RECOUVREMENT_AUTEUR") or getpass.getuser()
    except (KeyError, OSError):  # no login name in some containers
        return "utilisateur"


# A dossier of 5,000 records is about 2 MB of JSON: anything far above is not one, and is
# refused before being read into memory.
TAILLE_MAX_DOSSIER_JSON = 64 * 1024**2


PREPARER_JUSQUA = 20_000  # dossiers whose dashboard figures are parsed ahead (preparer_tableau_de_bord)


class ServiceDossiers:
    """Everything the faces (TUI, CLI) can do to the dossiers of one data folder."""

    def __init__(
        self,
        racine: Path,
        *,
        horloge: Horloge | None = None,
        aujourdhui: Callable[[], dt.date] | None = None,
        maintenant: Callable[[], dt.datetime] | None = None,
        auteur: str | None = None,
        fsync: bool = True,
        tolerer_parametres: bool = False,
    ) -> None:
        self.racine = Path(racine)
        # The one clock of this data folder's operations (system.horloge). `aujourdhui` and
        # `maintenant` (callables) are kept for callers that fix only the day: journal
        # timestamps then fall at noon of that day.
        if horloge is not None and (aujourdhui is not None or maintenant is not None):
            raise ValueError("give either horloge or aujourdhui/maintenant, not both")
        self.horloge: Horloge = horloge or horloge_depuis(aujourdhui, maintenant)
        self.aujourdhui = self.horloge.aujourdhui
        self.maintenant = self.horloge.maintenant
        self.auteur = auteur or auteur_par_defaut()
        self.depot = DepotDossiers(self.racine, fsync=fsync, horloge=self.horloge)
        # A broken parametres.json stops a command (ParametresIllisibles, French) unless
        # `tolerer_parametres`: the TUI then opens on what could be read and says why, so the
        # user can repair the settings in the settings screen.
        self.parametres_illisibles = ""
        self.parametres: Parametres
        if tolerer_parametres:
            self.parametres, self.parametres_illisibles = lire_parametres(self.racine)
        else:
            self.parametres = charger_parametres(self.racine)
        self._taux: Taux | None = None
        self.index = self._nouvel_index()
        self._documents = None

    @property
    def echanges(self):
        """Exporting a dossier bundle and restoring one (services.echanges.ServiceEchanges)."""
        from recouvrement_tui.services.echanges import ServiceEchanges

        return ServiceEchanges(self)

    @property
    def appels(self):
        """Telephone calls: the call sheet and recording a call's outcome (services.appels.ServiceAppels)."""
        from recouvrement_tui.services.appels import ServiceAppels

        return ServiceAppels(self)

    @property
    def comptabilite(self):
        """The accounts as a source: FEC import (services.comptabilite.ServiceComptabilite)."""
        from recouvrement_tui.services.comptabilite import ServiceComptabilite

        return ServiceComptabilite(self)

    @property
    def courriels(self):
        """E-mails: preview, draft, send, the day's batch (services.courriels.ServiceCourriels)."""
        from recouvrement_tui.services.courriels import ServiceCourriels

        return ServiceCourriels(self)

    @property
    def documents(self):
        """Generating and versioning documents (services.documents.ServiceDocuments)."""
        if self._documents is None:
            from recouvrement_tui.services.documents import ServiceDocuments

            self._documents = ServiceDocuments(self)
        return self._documents

    # --- the list ----------------------------------------------------------------------

    def resumes_en_cache(self) -> list[ResumeDossier]:
        """The list as last saved: instant, to show before `resumes_actualises` finishes."""
        return self.index.lire_cache()

    def resumes_actualises(self, progression: Progression | None = None) -> list[ResumeDossier]:
        """The list checked against every folder (changed dossiers are re-read); a long rebuild
        reports `progression(fait, total, resumes so far)` every half second (storage.index)."""
        return self.index.actualiser(progression)[0]

    def reprendre_apres_incident(self, *, profond: bool = False) -> str:
        """Tidy what interrupted processes left in the data folder (storage.reprise); a French
        message when a dossier was put back as it was, else "". `profond` looks inside every
        dossier folder too (0.3 s at 10,000 dossiers): done once per session, in the background."""
        from recouvrement_tui.storage.reprise import reprendre

        return reprendre(self.racine, profond=profond).message

    def resumes_en_memoire(self) -> list[ResumeDossier]:
        """The list as last checked or read, without touching the folders."""
        return self.index.resumes()

    def verifier_resumes(self, progression: Progression | None = None) -> list[ResumeDossier] | None:
        """Like resumes_actualises, but None when the cache was already right (a stat per
        dossier, the list itself not even rebuilt: cheap enough to run every few seconds)."""
        return self.index.resumes() if self.index.verifier(progression) else None

    def agenda(self, *, verifier: bool = True) -> list[tuple[ResumeDossier, Action]]:
        """Every dated action of every dossier, earliest first (from the checked index; `verifier`
        False when the folders were just checked)."""
        return self.index.agenda(verifier=verifier)

    @property
    def avertissement_liste(self) -> str:
        """Why the list cannot be cached (index.json unwritable, a directory…), in French, or ""."""
        return self.index.avertissement

    def dossiers_endommages(self) -> list[ResumeDossier]:
        """The dossiers that cannot be read, with why (as of the last check of the index)."""
        return self.index.endommages()

    # --- one dossier -------------------------------------------------------------------

    def charger(self, reference: str) -> Dossier:
        return self.depot.charger(reference)

    def empreintes_sur_disque(self, reference: str) -> tuple[object, object]:
        """(dossier.json, its documents and pièces) as a few stats see them: compared with the
        previous answer, tells whether a colleague saved the dossier or a file changed (a screen
        asks every second); never raises."""
        return self.depot.empreintes_sur_disque(reference)

    def enregistrer(self, dossier: Dossier) -> Dossier:
        """Save a dossier changed by an operation, and refresh its entry in the list."""
        enregistre = self.depot.enregistrer(dossier)
        self.indexer(enregistre)
        return enregistre

    def _nouvel_index(self) -> Index:
        return Index(self.depot, self.parametres.calendrier, self._creancier_hors_metropole(),
                     taux=self._taux_ou_rien, aujourdhui=self.aujourdhui)

    def _taux_ou_rien(self) -> Taux | None:
        """The rates for the dashboard's décompte totals; None when the data folder's are unreadable
        (the dashboard then counts those dossiers as without a décompte, the décompte says why)."""
        try:
            return self.taux
        except TauxIllisibles:
            return None

    def indexer(self, dossier: Dossier) -> None:
        """Refresh the list's cached entry (summary, agenda actions, dashboard figures) of a dossier just saved."""
        resume, actions = resumer_avec_actions(
            dossier, self.parametres.calendrier, self._creancier_hors_metropole(), self.aujourdhui()
        )
        self.index.mettre_a_jour(resume, actions, self.index.chiffrer(dossier, actions))

    def preparer_tableau_de_bord(self) -> bool:
        """Parse the dashboard's figures from the index ahead of time (0.2 s at 10,000 dossiers,
        kept until an entry changes), so that the dashboard's first showing is as quick as the next.
        Not beyond PREPARER_JUSQUA dossiers, where they would weigh on memory before being asked
        for (the dashboard then parses them when shown). True if it did."""
        if self.index.nombre() > PREPARER_JUSQUA:
            return False
        self.index.chiffres(verifier=False)  # asked right after the list's check
        return True

    def actualiser_du(self, dossier: Dossier) -> bool:
        """Recompute a dossier's cached décompte total when it dates from an earlier day (opening
        a dossier brings its list row up to today); True if it did."""
        du, du_au = self.index.du(dossier.reference)
        if du is None or du_au is None or du_au >= self.aujourdhui():
            return False
        self.indexer(dossier)
        return True

    def tableau_de_bord(self, au: dt.date | None = None, *, verifier: bool = True) -> TableauDeBord:
        """The portfolio's figures at `au` (today by default), from the checked index (`verifier`
        False when the folders were just checked)."""
        from recouvrement_tui.domain.tableau_de_bord import calculer_tableau_de_bord

        chiffres, endommages = self.index.chiffres(verifier=verifier)
        tableau = calculer_tableau_de_bord(chiffres, au or self.aujourdhui())
        tableau.endommages = endommages
        return tableau

    def exporter_tableau_de_bord(self, tableau: TableauDeBord, chemin: Path) -> None:
        """Write the dashboard as an .xlsx workbook (a sheet per table); ErreurSaisie (French) if it cannot be."""
        from recouvrement_tui.exchange.tableau_de_bord import classeur_tableau_de_bord

        cible = Path(chemin).expanduser()
        if cible.is_dir():
            raise ErreurSaisie("xlsx", f"{cible} est un répertoire : indiquez un nom de fichier, par exemple "
                                       "tableau-de-bord.xlsx.")
        try:
            ecrire_atomiquement(cible, classeur_tableau_de_bord(tableau))
        except OSError as erreur:
            raise ErreurSaisie("xlsx", f"Le fichier {cible} ne peut pas être écrit ({raison_systeme(erreur)}).") from None

    def resume(self, dossier: Dossier) -> ResumeDossier:
        """The list row of a dossier, with the décompte total its index entry holds (see `indexer`)."""
        resume = resumer(dossier, self.parametres.calendrier, self._creancier_hors_metropole(), self.aujourdhui())
        du, du_au = self.index.du(dossier.reference)
        return resume._replace(du=du, du_au=du_au) if du is not None else resume

    def _creancier_hors_metropole(self) -> bool:
        """The creditor's seat abroad or overseas doubles the déclaration de créance deadline."""
        siege = self.parametres.creancier.siege
        return saisie.localisation_depuis_adresse(siege.code_postal, siege.pays or "France") in (
            Localisation.OUTRE_MER,
            Localisation.ETRANGER,
        )

    def creer_dossier(self, valeurs_debiteur: Mapping[str, object]) -> Dossier:
        debiteur = saisie.debiteur_depuis_saisie(valeurs_debiteur)
        dossier = self.depot.creer(debiteur, self.auteur, self.maintenant())
        self.indexer(dossier)
        return dossier

    def modifier_debiteur(self, dossier: Dossier, valeurs: Mapping[str, object]) -> Dossier:
        debiteur = saisie.debiteur_depuis_saisie(valeurs)
        modifie = dossier.modifier_debiteur(debiteur, self.auteur, self.maintenant())
        return dossier if modifie is dossier else self.enregistrer(modifie)

    def ajouter_creance(self, dossier: Dossier, valeurs: Mapping[str, object]) -> Dossier:
        creance = saisie.creance_depuis_saisie(valeurs)
        return self.enregistrer(dossier.ajouter_creance(creance, self.auteur, self.maintenant()))

    def modifier_creance(self, dossier: Dossier, creance_id: str, valeurs: Mapping[str, object]) -> Dossier:
        creance = saisie.creance_depuis_saisie(valeurs, identifiant=creance_id)
        modifie = dossier.modifier_creance(creance, self.auteur, self.maintenant())
        return dossier if modifie is dossier else self.enregistrer(modifie)

    def ajouter_paiement(self, dossier: Dossier, valeurs: Mapping[str, object]) -> Dossier:
        connues = {c.id: c.numero for c in dossier.creances}
        if not connues:
            raise ErreurSaisie("montant", "Ajoutez d'abord une facture : un paiement se rapporte à une créance.")
        paiement = saisie.paiement_depuis_saisie(valeurs, self.aujourdhui(), connues)
        return self.enregistrer(dossier.ajouter_paiement(paiement, self.auteur, self.maintenant()))

    def modifier_conditions(self, dossier: Dossier, valeurs: Mapping[str, object]) -> Dossier:
        conditions = saisie.conditions_depuis_saisie(valeurs)
        modifie = dossier.modifier_conditions(conditions, self.auteur, self.maintenant())
        return dossier if modifie is dossier else self.enregistrer(modifie)

    def etat(
        self, dossier: Dossier, au: dt.date, *, decompte: Decompte | None = None, juridiction: Juridiction | None = None
    ) -> Etat:
        """What the legal guard (domain.garde) reads of the dossier at `au`; a caller that already has
        the décompte at `au` or the court passes them, so neither is worked out twice.

        Without a rate (TauxInconnu), the principal stands for what is due: the guard's answers
        about ceilings and sums due then rest on the principal alone, which never overstates.
        An unreadable court directory leaves the court undetermined, with the reason."""
        from recouvrement_tui.domain.annuaire import AnnuaireIllisible
        from recouvrement_tui.domain.garde import Etat, etat
        from recouvrement_tui.domain.juridiction import juridiction_injonction

        calendrier = self.parametres.calendrier
        if juridiction is None:
            try:
                juridiction = self.juridiction(dossier)
            except AnnuaireIllisible as erreur:
                juridiction = replace(juridiction_injonction(dossier.debiteur), a_determiner=str(erreur))
        if decompte is None:
            try:
                decompte = self.decompte(dossier, au)
            except (TauxInconnu, TauxIllisibles):
                restant = dossier.restant_par_creance()
                echu = sum((restant[c.id] for c in dossier.creances if c.date_echeance < au), Decimal(0))
                return Etat(dossier, au, echu, dossier.solde, dossier.a_echoir(au), calendrier.delai_mise_en_demeure,
                            self._creancier_hors_metropole(), dossier.urgence, juridiction)
        return etat(dossier, decompte, calendrier.delai_mise_en_demeure, self._creancier_hors_metropole(), juridiction)

    def annuaire(self) -> Annuaire:
        """The court directory: shipped, with the data folder's juridictions/ corrections (cached).
        Raises AnnuaireIllisible naming a malformed file and line."""
        from recouvrement_tui.storage.annuaire import charger_annuaire

        return charger_annuaire(self.racine)

    def juridiction(self, dossier: Dossier) -> Juridiction:
        """The court of the debtor's seat or home, named by the directory (art. 1406 CPC)."""
        from recouvrement_tui.domain.juridiction import juridiction_competente

        return juridiction_competente(dossier.debiteur, self.annuaire())

    def etapes_possibles(self, dossier: Dossier, au: dt.date) -> list[tuple[Etape, Avis]]:
        """The stages shown from here at `au`, each with the guard's answer: a refused one is shown
        greyed with its reason, a warned one with its warning ([] once closed)."""
        from recouvrement_tui.domain.garde import passages

        return passages(self.etat(dossier, au))

    def invoquer_urgence(self, reference: str, motif: str) -> Dossier:
        """Record why a court must be seized before the mise en demeure's time has run out
        (journaled; the guard then lets the court routes through with a warning)."""
        enregistre = self.reessayer(
            reference, lambda d: d.invoquer_urgence(motif, self.auteur, self.maintenant()), "l'urgence"
        )
        self.indexer(enregistre)
        return enregistre

    def propositions_passage(self, dossier: Dossier, vers: Etape) -> Propositions:
        """What the form of the move to `vers` proposes: facts carried over, or the court."""
        return propositions_passage(
            dossier.etape, dossier.etape_avant_pause, dossier.passages, vers, self.juridiction(dossier)
        )

    def changer_etape(
        self, dossier: Dossier, vers: Etape, valeurs: Mapping[str, str], *, enregistrer: bool = True
    ) -> Dossier:
        """Move the dossier along the chain with the facts the move needs (journaled). `enregistrer`
        False: the moved dossier is returned unsaved, for an operation that saves it with more
        (a call and the move its outcome asks for are saved together, services.appels)."""
        from recouvrement_tui.domain.garde import avis_passage

        date, faits = lire_faits(vers, dict(valeurs))
        etat = self.etat(dossier, date)
        avis = avis_passage(etat, vers)
        if avis.refuse:
            raise ErreurSaisie("etape", avis.motif)
        # A court hears what is due: the chain's own ceiling check reads the same sum as the guard.
        modifie = dossier.changer_etape(vers, date, faits, etat.exigible, self.auteur, self.maintenant())
        return self.enregistrer(modifie) if enregistrer else modifie

    def completer_faits(self, dossier: Dossier, valeurs: Mapping[str, str]) -> Dossier:
        """Record facts that arrive later on the current stage (ordonnance, service, hearing)."""
        faits = lire_faits_a_completer(dossier.etape, dict(valeurs))
        modifie = dossier.completer_faits(faits, self.auteur, self.maintenant())
        return dossier if modifie is dossier else self.enregistrer(modifie)

    # --- exchange ----------------------------------------------------------------------

    def montrer(self, reference: str) -> dict:
        """The dossier in the documented JSON format (docs/format-dossier.md)."""
        from recouvrement_tui.exchange.dossier_json import dossier_vers_json

        return dossier_vers_json(self.charger(reference))

    def importer_dossier(self, chemin: Path) -> Dossier:
        """Create a dossier from a JSON file in that format; nothing is written if it is wrong."""
        from recouvrement_tui.storage.confinement import verifier_fichier_source

        verifier_fichier_source(Path(chemin))
        try:
            if Path(chemin).stat().st_size > TAILLE_MAX_DOSSIER_JSON:
                raise ErreurSaisie("fichier", f"{Path(chemin).name} dépasse {TAILLE_MAX_DOSSIER_JSON // 1024**2} Mo : "
                                              "ce n'est pas un dossier exporté par recouvrement.")
            brut = lire_json(Path(chemin).read_text(encoding="utf-8-sig"))
        except FileNotFoundError:
            raise ErreurSaisie("fichier", f"Le fichier {chemin} n'existe pas.") from None
        except (OSError, UnicodeDecodeError) as erreur:
            raise ErreurSaisie("fichier", f"Le fichier {chemin} ne peut pas être lu ({raison_lecture(erreur)}).") from None
        except json.JSONDecodeError as erreur:
            ou = str(erreur) if isinstance(erreur, JSONTropImbrique) else f"ligne {erreur.lineno}, colonne {erreur.colno}"
            raise ErreurSaisie("fichier", f"{chemin} n'est pas du JSON valide ({ou}).") from None
        from recouvrement_tui.exchange.dossier_json import dossier_depuis_json

        dossier = dossier_depuis_json(brut, self.maintenant(), self.auteur)
        try:
            self.resume(dossier)  # the list and agenda must be able to show it, before anything is written
        except Exception as erreur:
            raise ErreurSaisie("dossier", f"dossier : incohérent ({type(erreur).__name__} : {erreur}).") from None
        importe = self.depot.importer(dossier)
        self.indexer(importe)
        return importe

    # --- décompte ----------------------------------------------------------------------

    @property
    def taux(self) -> Taux:
        """The rate series (shipped, plus the data folder's taux/ files), read once."""
        if self._taux is None:
            from recouvrement_tui.storage.taux import charger_taux

            self._taux = charger_taux(self.racine)
        return self._taux

    def alerte_taux(self, au: dt.date | None = None) -> AlerteTaux | None:
        """The half-year whose rates must be entered now (domain.taux.alerte_taux), or None; None
        too when a rates file is unreadable (every décompte then says which file and line)."""
        try:
            return alerte_taux(self.taux, au or self.aujourdhui())
        except TauxIllisibles:
            return None

    def semestre_propose(self) -> str:
        """The half-year the rates screen offers: the first one missing from either series."""
        return semestre_propose(self.taux)

    def ajouter_taux(self, valeurs: Mapping[str, object]) -> AjoutTaux:
        """Add (or, with valeurs["remplacer"], replace) a half-year's rates in the data folder's taux/
        files, checked against the series (ErreursSaisie in French, field by field). The series are
        re-read first, so that a colleague's addition is the one checked against."""
        self._taux = None
        ajout = verifier_ajout(self.taux, valeurs, self.aujourdhui())
        from recouvrement_tui.storage.taux import enregistrer_ajout

        try:
            enregistrer_ajout(self.racine, ajout, fsync=self.depot.fsync)
        finally:
            self._taux = None
        return ajout

    def decompte(self, dossier: Dossier, au: dt.date | None = None) -> Decompte:
        """What the debtor owes at `au` (today by default). Raises TauxInconnu, TauxIllisibles."""
        from recouvrement_tui.domain.decompte import decompte_dossier

        return decompte_dossier(dossier, self.taux, au or self.aujourdhui())

    # --- évaluation ----------------------------------------------------------------------

    def evaluer(self, dossier: Dossier, au: dt.date | None = None, *, insolvabilite: bool = False):
        """Each route's cost, expected recovery and risks (domain.evaluation), with the data
        folder's tariff and assumptions. Raises TauxInconnu, TauxIllisibles, EvaluationIllisible."""
        from recouvrement_tui.domain.evaluation import evaluer
        from recouvrement_tui.storage.evaluation import (
            charger_hypotheses,
            charger_tarifs,
        )

        au = au or self.aujourdhui()
        decompte = self.decompte(dossier, au)
        return evaluer(  # each route is asked of the legal guard (domain.garde), at `au`
            self.etat(dossier, au, decompte=decompte), decompte, charger_tarifs(self.racine),
            charger_hypotheses(self.racine), insolvabilite=insolvabilite,
        )

    def hypotheses_saisie(self) -> dict[str, str]:
        """The évaluation's assumptions as the form shows them."""
        from recouvrement_tui.storage.evaluation import (
            hypotheses_brutes,
            saisie_depuis_hypotheses,
        )

        return saisie_depuis_hypotheses(hypotheses_brutes(self.racine))

    def enregistrer_hypotheses(self, valeurs: Mapping[str, object]):
        """Check the assumptions typed in the form (all errors at once), then save them."""
        from recouvrement_tui.storage.evaluation import (
            enregistrer_hypotheses,
            hypotheses_brutes,
            hypotheses_depuis_saisie,
        )

        return enregistrer_hypotheses(self.racine, hypotheses_depuis_saisie(dict(valeurs), hypotheses_brutes(self.racine)))

    def ajouter_note(self, dossier: Dossier, texte: str) -> Dossier:
        return self.enregistrer(dossier.noter(TypeEvenement.NOTE, texte, self.auteur, self.maintenant()))

    def noter(self, reference: str, texte: str) -> Dossier:
        """Append a note to the journal of `reference`, whoever else saves it meanwhile (for
        scripts: see `reessayer`). The domain refuses an empty note (ErreurSaisie)."""
        enregistre = self.reessayer(
            reference, lambda d: d.noter(TypeEvenement.NOTE, texte, self.auteur, self.maintenant()), "la note"
        )
        self.indexer(enregistre)
        return enregistre

    def reessayer(
        self,
        reference: str,
        modifier: Callable[[Dossier], Dossier],
        quoi: str = "la modification",
        *,
        depuis: Dossier | None = None,
        tentatives: int = TENTATIVES,
        duree: float = DUREE_TENTATIVES,
    ) -> Dossier:
        """Save `modifier(dossier)`; when a colleague saved first (ConflitModification) or holds
        the lock (DossierVerrouille), reload the dossier and apply `modifier` again.

        Only for changes that never need the user to look at the new state first (appending
        to the journal, attaching a pièce): `modifier` must derive everything from the dossier
        it receives. A refused save writes nothing, so the change lands exactly once. Pauses are
        random and grow (full jitter), so that writers racing for one dossier spread out.
        `depuis` is the dossier already in hand (else it is loaded). Not indexed: the caller does.
        """
        fin = time.monotonic() + duree
        dossier = depuis if depuis is not None else self.charger(reference)
        for tentative in range(1, tentatives + 1):
            try:
                return self.depot.enregistrer(modifier(dossier))
            except (ConflitModification, DossierVerrouille):
                pass
            pause = random.uniform(0, min(PAUSE_MAX, PAUSE_MIN * 2**tentative))
            if tentative == tentatives or time.monotonic() + pause >= fin:
                break
            time.sleep(pause)
            dossier = self.charger(reference)
        raise ConflitModification(
            f"Le dossier {reference} est enregistré sans relâche par d'autres postes : {quoi} n'a pas pu y être "
            f"inscrite après {tentative} essais. Rien n'a été modifié ; relancez la commande dans un instant."
        )

    # --- settings ----------------------------------------------------------------------

    def enregistrer_parametres(
        self, valeurs_creancier: Mapping[str, object], valeurs_calendrier: Mapping[str, object],
        valeurs_courriel: Mapping[str, object] | None = None,
    ) -> Parametres:
        """Check the forms together (all errors at once), then save the settings; without
        `valeurs_courriel` the mail server's settings stay as they are."""
        from recouvrement_tui.domain.courriel import courriel_depuis_saisie

        erreurs: list[ErreurSaisie] = []
        creancier = calendrier = None
        courriel = self.parametres.courriel
        if valeurs_courriel is not None:
            try:
                courriel = courriel_depuis_saisie(valeurs_courriel)
            except ErreursSaisie as e:
                erreurs += e.erreurs
        try:
            creancier = saisie.creancier_depuis_saisie(valeurs_creancier)
        except ErreursSaisie as e:
            erreurs += e.erreurs
        try:
            calendrier = calendrier_depuis_saisie(dict(valeurs_calendrier))
        except ErreursSaisie as e:
            erreurs += e.erreurs
        if erreurs:
            raise ErreursSaisie(erreurs)
        assert creancier is not None and calendrier is not None  # a form that failed added its errors
        parametres = replace(self.parametres, creancier=creancier, calendrier=calendrier, courriel=courriel)
        enregistrer_parametres(self.racine, parametres)
        self.parametres_illisibles = ""  # a correct file was just written over the broken one
        ancien = (self.parametres.calendrier, self._creancier_hors_metropole())
        self.parametres = parametres
        if ancien != (calendrier, self._creancier_hors_metropole()):
            # Next actions depend on these settings: the cached list is rebuilt on next refresh.
            self.index = self._nouvel_index()
        return parametres

    def fermer(self) -> None:
        """Persist the list cache (saves only update it in memory)."""
        self.index.ecrire_si_modifie()
