"""The dossier screen's document actions: generate, open, register a revised version.

A mixin of EcranDossier (kept apart so each file stays readable): it uses the screen's
`dossier`, `_apres` and `_montrer`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from recouvrement_tui.domain.agenda import Vue
from recouvrement_tui.domain.model import TypePiece
from recouvrement_tui.services.erreurs import ErreurDocument, ErreurStockage
from recouvrement_tui.system.incidents import consigner
from recouvrement_tui.system.ouverture import OuvertureImpossible, ouvrir
from recouvrement_tui.ui.widgets.attente import EcranAttente
from recouvrement_tui.ui.widgets.choix_modele import ChoixModele
from recouvrement_tui.ui.widgets.formulaire import Champ, Formulaire, Section, TypeChamp
from recouvrement_tui.ui.widgets.formulaire_en_fond import FormulaireEnFond
from recouvrement_tui.ui.widgets.onglet_documents import OngletDocuments

if TYPE_CHECKING:  # for mypy, the mixin is what it mixes into: a Screen with these attributes
    from textual.screen import Screen

    from recouvrement_tui.domain.model import Dossier
    from recouvrement_tui.ui.app import RecouvrementApp

    _Ecran = Screen[None]
else:
    _Ecran = object


class ActionsDocuments(_Ecran):
    _document_en_cours = False  # a model offer or a generation under way: g waits for it
    if TYPE_CHECKING:  # provided by EcranDossier
        app: RecouvrementApp
        dossier: Dossier

        def _apres(self, dossier: Dossier | None, message: str) -> None: ...

        def _montrer(self, onglet: Vue) -> None: ...

    def afficher_documents(self) -> None:
        try:
            versions = self.app.service.documents.versions(self.dossier)
        except ErreurStockage as erreur:
            self.notify(str(erreur), severity="error")
            versions = []
        except Exception as erreur:  # noqa: BLE001 - the dossier must still open
            self.notify(consigner(erreur), severity="error", timeout=15)
            versions = []
        self.query_one(OngletDocuments).afficher(versions)

    def action_generer(self) -> None:
        """The models this dossier may have (read off the screen's thread: the first reads the
        communes' directory), then the one chosen generated behind a "Génération du document…" modal."""
        if self._document_en_cours:
            return
        documents, dossier, au = self.app.service.documents, self.dossier, self.app.aujourdhui()
        self._document_en_cours = True
        onglet = self.query_one(OngletDocuments)
        onglet.loading = True

        def travail() -> None:
            try:
                offres = documents.offre(dossier, au)
            except Exception as erreur:  # noqa: BLE001 - never a traceback in front of the user
                self.app.call_from_thread(self._offre_echouee, erreur)
                return
            self.app.call_from_thread(self._offre_prete, offres)

        self.run_worker(travail, thread=True, exit_on_error=False, group="documents")

    def _offre_echouee(self, erreur: Exception) -> None:
        self._document_en_cours = False
        self.query_one(OngletDocuments).loading = False
        self._signaler_erreur_document(erreur)

    def _offre_prete(self, offres) -> None:
        self.query_one(OngletDocuments).loading = False

        def choisi(cle: str | None) -> None:
            if cle is None:
                self._document_en_cours = False
                return
            self._generer(cle)

        self.app.push_screen(ChoixModele(offres), choisi)

    def _generer(self, cle: str) -> None:
        documents, dossier, au = self.app.service.documents, self.dossier, self.app.aujourdhui()
        attente = EcranAttente("Génération du document…")
        self.app.push_screen(attente)

        def travail() -> None:
            try:
                genere = documents.generer(dossier, cle, au)
            except Exception as erreur:  # noqa: BLE001 - nothing half-written: generer rolls back
                self.app.call_from_thread(self._generation_finie, attente, None, erreur)
                return
            self.app.call_from_thread(self._generation_finie, attente, genere, None)

        self.run_worker(travail, thread=True, exit_on_error=False, group="documents")

    def _generation_finie(self, attente: EcranAttente, genere, erreur: Exception | None) -> None:
        self._document_en_cours = False
        attente.terminer()
        if erreur is not None:
            self._signaler_erreur_document(erreur)
            return
        self._montrer(Vue.DOCUMENTS)
        self._apres(genere.dossier, f"{genere.version.titre} : {genere.chemin.name} écrit.")
        if genere.avertissement:
            self.notify(genere.avertissement, title="Mise en garde", severity="warning", timeout=15)

    def _signaler_erreur_document(self, erreur: Exception) -> None:
        if isinstance(erreur, ErreurDocument | ErreurStockage):
            self.notify(str(erreur), severity="error", timeout=10)
        else:
            self.notify(consigner(erreur), severity="error", timeout=15)

    def _version_choisie(self):
        self._montrer(Vue.DOCUMENTS)
        version = self.query_one(OngletDocuments).selection()
        if version is None:
            self.notify("Aucun document dans ce dossier : g pour en générer un.", severity="warning")
        return version

    def action_ouvrir(self) -> None:
        version = self._version_choisie()
        if version is None:
            return
        try:
            # Refused (CheminRefuse) when the journal's path leads out of the dossier or through a link.
            chemin = self.app.service.documents.chemin(self.dossier, version)
            ouvrir(chemin)
        except (OuvertureImpossible, ErreurStockage) as erreur:
            self.notify(str(erreur), severity="error", timeout=15)
            return
        except Exception as erreur:  # noqa: BLE001
            self.notify(consigner(erreur), severity="error", timeout=15)
            return
        self.notify(f"{chemin.name} ouvert. Après modification, v pour le déposer comme nouvelle version.")

    def action_deposer(self) -> None:
        version = self._version_choisie()
        if version is None:
            return
        documents = self.app.service.documents
        sections = [
            Section(
                f"Version révisée de « {version.titre} » (v{version.version})",
                (
                    Champ(
                        "fichier",
                        "Fichier révisé (.docx)",
                        TypeChamp.FICHIER,
                        aide="chemin complet ; vide : ce fichier, modifié sur place",
                        extensions=(".docx",),
                    ),
                ),
            )
        ]

        def deposer(valeurs: dict) -> object:
            source = str(valeurs.get("fichier") or "").strip()
            return documents.deposer_revision(self.dossier, version, source or None).dossier

        self.app.push_screen(
            Formulaire("Déposer une version révisée", sections, {}, deposer, bouton="Déposer"),
            lambda d: self._apres(d, "Version révisée enregistrée."),
        )

    def action_joindre(self) -> None:
        """Attach a supporting file (invoice PDF, purchase order, contract, AR…) with its type and date."""
        service = self.app.service
        sections = [
            Section("Pièce à joindre au dossier", (
                Champ("fichier", "Fichier", TypeChamp.FICHIER,
                      aide="chemin complet, par exemple /home/moi/bon-de-commande.pdf", obligatoire=True),
                Champ("type", "Type", TypeChamp.CHOIX, tuple((t.libelle, t.value) for t in TypePiece)),
                Champ("date", "Date de la pièce", aide="JJ/MM/AAAA"),
                Champ("description", "Description", aide="facultatif : remplace le type dans le bordereau"),
            ))
        ]
        # The copy (a scanned contract may weigh tens of MB, then its fsync) runs in a worker thread.
        self.app.push_screen(
            FormulaireEnFond("Joindre une pièce", sections, {"type": TypePiece.FACTURE.value},
                             lambda valeurs: service.echanges.joindre_piece(self.dossier, valeurs), bouton="Joindre",
                             en_cours="Copie de la pièce dans le dossier…"),
            lambda d: self._apres(d, "Pièce jointe : copiée dans le dossier, ajoutée au bordereau et au journal."),
        )

