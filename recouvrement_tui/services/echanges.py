"""What leaves and enters a data folder: the export bundle and its restoration, attached
pièces, aged-balance CSV imports and electronic invoices.

The bundle (exchange.archive) holds the fiche de synthèse, the décompte (.docx and .csv),
the bordereau, every attached pièce numbered as in the bordereau, the latest version of each
generated document, the journal (.csv), the dossier (documented JSON) and manifest.json.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from recouvrement_tui import __version__
from recouvrement_tui.documents.catalogue import modele
from recouvrement_tui.documents.rendu import rendre
from recouvrement_tui.domain import saisie
from recouvrement_tui.domain.erreurs import ErreurSaisie, ErreursSaisie, raison_lecture, raison_systeme
from recouvrement_tui.domain.etapes import TypeEvenement
from recouvrement_tui.domain.model import Dossier
from recouvrement_tui.domain.noms import est_nom_sur, nom_sur
from recouvrement_tui.domain.texte import chemin_colle
from recouvrement_tui.exchange import archive, balance, correspondance, tableur
from recouvrement_tui.exchange.balance import PlanImport
from recouvrement_tui.exchange.dossier_json import (
    dossier_depuis_json,
    dossier_vers_json,
)
from recouvrement_tui.exchange.lecture_balance import ColonnesManquantes
from recouvrement_tui.exchange.tableaux import decompte_csv, journal_csv
from recouvrement_tui.storage.atomique import creer_temporaire, synchroniser_dossier
from recouvrement_tui.storage.chantier import Chantier
from recouvrement_tui.storage.confinement import verifier_fichier_source
from recouvrement_tui.storage.correspondances import DOSSIER as DOSSIER_CORRESPONDANCES
from recouvrement_tui.storage.correspondances import charger_correspondance, enregistrer_correspondance, ignoree
from recouvrement_tui.storage.documents import (
    PIECES,
    FichierDocument,
    chemin_piece,
    lister_courriels,
    lister_documents,
    marque_en_attente,
)
from recouvrement_tui.storage.documents import empreinte as empreinte_de
from recouvrement_tui.storage.erreurs import ErreurStockage
from recouvrement_tui.system import libreoffice

if TYPE_CHECKING:
    from recouvrement_tui.services.dossiers import ServiceDossiers

Progression = Callable[[int, int, str], None]


class ServiceEchanges:
    def __init__(self, service: ServiceDossiers) -> None:
        self.service = service

    def mise_en_garde_export(self, reference: str) -> str:
        """What the legal guard says of handing this dossier to a commissaire de justice ("" when
        nothing stands in the way): the archive is still written — it is also how a dossier moves
        between colleagues — but the user reads why a commissaire could do nothing with it."""
        from recouvrement_tui.domain.garde import Acte, avis_acte

        dossier = self.service.charger(reference)
        avis = avis_acte(self.service.etat(dossier, self.service.aujourdhui()), Acte.FICHE_SYNTHESE)
        return avis.motif

    def exporter(
        self,
        reference: str,
        vers: Path,
        *,
        pdf: bool = False,
        instruction: str = "",
        progression: Progression | None = None,
    ) -> Path:
        """Write `<vers>/<reference>_<date>.zip` and return its path (never a half-written file)."""
        etapes = 6 + (1 if pdf else 0)
        avance = progression or (lambda fait, total, quoi: None)
        service = self.service
        dossier = service.charger(reference)
        au = service.aujourdhui()
        documents = service.documents
        avance(1, etapes, "Décompte")
        contexte = documents.contexte(dossier, au)
        if instruction.strip():
            contexte["instruction"] = instruction.strip()
        decompte = service.decompte(dossier, au)
        dossier_disque = service.depot.chemin(reference)

        fichiers: list[archive.Fichier] = []
        avance(2, etapes, "Fiche de synthèse, décompte et bordereau")
        for numero, cle in ((1, "fiche_synthese"), (2, "decompte_creance"), (3, "bordereau_pieces")):
            m = modele(cle)
            contenu = rendre(documents.modeles.lire(cle), contexte, m.titre)
            fichiers.append(archive.Fichier(f"{numero:02d} - {nom_sur(m.titre)}.docx", contenu))
        fichiers.append(archive.Fichier(f"02 - {nom_sur(modele('decompte_creance').titre)}.csv", decompte_csv(decompte)))

        avance(3, etapes, "Pièces")
        # chemin_piece: a recorded name leading out of pieces/, or a link, is refused with why.
        if absentes := [p.fichier for p in dossier.pieces if not chemin_piece(dossier_disque, p.fichier).is_file()]:
            raise ErreurSaisie("pieces", f"La pièce « {absentes[0]} » est inscrite au dossier mais son fichier manque "
                                         f"dans {dossier_disque / PIECES} : remettez-le avant d'exporter.")
        for piece in contexte["pieces"]:  # numbered as in the bordereau
            if nom := piece["fichier"]:
                # Streamed into the archive when it is written, never read whole. Restored under
                # the very name the dossier records (pieces are named safely when attached; a
                # file dropped in by hand gets a safe name here).
                fichiers.append(archive.Fichier(f"pieces/{piece['numero']:02d} - {nom_sur(nom)}",
                                                restaurer_vers=f"{PIECES}/{nom if est_nom_sur(nom) else nom_sur(nom)}",
                                                source=chemin_piece(dossier_disque, nom)))

        avance(4, etapes, "Documents")
        versions = lister_documents(dossier_disque)
        dernieres: dict[str, FichierDocument] = {}
        for f in versions:
            if f.modele not in dernieres or f.version > dernieres[f.modele].version:
                dernieres[f.modele] = f
        for f in versions:
            source = dossier_disque / f.chemin_relatif
            # Every version travels (so a restore is complete); the latest is also at the top.
            fichiers.append(archive.Fichier(f.chemin_relatif, restaurer_vers=f.chemin_relatif, source=source))
            if dernieres[f.modele] is f:
                fichiers.append(archive.Fichier(f"dernieres versions/{f.chemin_relatif.rsplit('/', 1)[-1]}",
                                                source=source))

        # The e-mails sent (or drafted), as kept: the relances' evidence. Only those the journal
        # records, byte for byte: a file dropped in the folder is not evidence of anything.
        journalises = {e.document: e.empreinte for e in dossier.journal if e.type is TypeEvenement.COURRIEL}
        for relatif in lister_courriels(dossier_disque):
            contenu = (dossier_disque / relatif).read_bytes()
            if journalises.get(relatif) == empreinte_de(contenu):
                fichiers.append(archive.Fichier(relatif, contenu, relatif))

        avance(5, etapes, "Journal et dossier")
        fichiers.append(archive.Fichier("journal.csv", journal_csv(dossier)))
        fichiers.append(archive.Fichier(
            "dossier.json", json.dumps(dossier_vers_json(dossier), ensure_ascii=False, indent=2).encode("utf-8")))
        if pdf:
            avance(6, etapes, "Copies PDF")
            # The annexes and the latest version of each document (not every older version).
            fichiers += _copies_pdf([f for f in fichiers if f.nom.endswith(".docx") and not f.nom.startswith("documents/")])

        avance(etapes, etapes, "Archive")
        exporte_le = service.maintenant()
        entete = {
            "reference": reference,
            "debiteur": dossier.debiteur.nom_complet,
            "exporte_le": exporte_le.isoformat(timespec="seconds"),
            "arrete_au": au.isoformat(),
            "application": f"recouvrement {__version__}",
        }
        vers = Path(vers).expanduser()
        try:
            vers.mkdir(parents=True, exist_ok=True)
            cible = vers / f"{nom_sur(reference)}_{au.isoformat()}.zip"
            rang = 2
            while cible.exists():  # a second export the same day never replaces the first
                cible = vers / f"{nom_sur(reference)}_{au.isoformat()}_{rang}.zip"
                rang += 1
            # Cancelling is still possible while a big pièce is written: nothing is left behind.
            _ecrire_archive(cible, fichiers, entete, exporte_le,
                            lambda f: avance(etapes, etapes, "Archive"))
        except archive.SourceIllisible as erreur:
            raise ErreurSaisie("pieces", f"Le fichier {erreur.chemin} ne peut pas être lu pour l'export "
                                         f"({raison_systeme(erreur.cause)}) : rien n'a été écrit.") from None
        except OSError as erreur:
            raise ErreurSaisie("vers", f"L'archive ne peut pas être écrite dans {vers} ({raison_systeme(erreur)}).") from None
        journale = dossier.noter(TypeEvenement.NOTE, f"Dossier exporté : {cible.name} ({len(fichiers)} fichiers).",
                                 service.auteur, service.maintenant())
        service.enregistrer(journale)
        return cible

    def importer_archive(self, chemin: Path, *, remplacer: bool = False) -> Dossier:
        """Restore a bundle: every hash is checked before anything is written, the dossier is
        rebuilt whole in a staging folder, then put in place (or swapped for the existing one
        with `remplacer`) in one rename: an interruption leaves the old dossier or the new one."""
        verifiee = archive.lire(chemin)
        try:
            brut = json.loads(verifiee.lire("dossier.json").decode("utf-8"))
        except (ValueError, RecursionError):
            raise ErreurSaisie("fichier", "L'archive ne contient pas de dossier.json lisible.") from None
        service = self.service
        dossier = dossier_depuis_json(brut, service.maintenant(), service.auteur)
        if not dossier.reference:
            raise ErreurSaisie("reference", "L'archive ne porte pas de référence de dossier : elle n'est pas restaurée.")
        restaurables = verifiee.restaurables()
        cibles = {e.restaurer_vers for e in restaurables}
        if manquantes := [p.fichier for p in dossier.pieces if f"{PIECES}/{p.fichier}" not in cibles]:
            raise ErreurSaisie("fichier", f"Archive incomplète : la pièce « {manquantes[0]} » du dossier n'y figure pas.")
        try:
            service.resume(dossier)  # the list and agenda must be able to show it
        except Exception as erreur:  # noqa: BLE001 - user input: explain, write nothing
            raise ErreurSaisie("dossier", f"dossier : incohérent ({type(erreur).__name__} : {erreur}).") from None
        if not remplacer and os.path.lexists(service.depot.chemin(dossier.reference)):
            raise ErreurSaisie("reference", f"Le dossier {dossier.reference} existe déjà ici : ajoutez --remplacer "
                                            "pour le remplacer par celui de l'archive.")

        def remplir(chantier: Chantier) -> None:
            for entree in restaurables:  # exactly the entries whose targets and hashes were checked
                try:
                    with chantier.nouveau_fichier(entree.restaurer_vers) as sortie:
                        verifiee.copier(entree, sortie)
                except ErreurSaisie:
                    raise
                except (ValueError, FileExistsError):
                    raise ErreurSaisie("fichier", f"Le manifeste place {entree.nom} à un endroit refusé "
                                                  f"(« {entree.restaurer_vers} ») : archive refusée.") from None

        try:
            importe = service.depot.installer(dossier, reference=dossier.reference, annee=dossier.cree_le.year,
                                              remplir=remplir, remplacer=remplacer)
        except OSError as erreur:
            raise ErreurStockage(f"La restauration a échoué ({raison_systeme(erreur)}) ; rien n'a été modifié.") from None
        service.indexer(importe)
        return importe

    # --- what comes in: pièces, an aged balance, electronic invoices ------------------------

    def importer_balance(
        self,
        chemin: Path,
        *,
        appliquer: bool,
        colonnes: Mapping[str, str] | Iterable[tuple[str, str]] | None = None,
        feuille: str | None = None,
    ) -> PlanImport:
        """What importing an aged-balance CSV does (docs/import-balance.md), done if `appliquer`.

        The whole file is checked first: a wrong line raises ErreursSaisie and nothing is
        written. Invoices already in the debtor's dossier are left alone, so importing the
        same file again changes nothing. The columns the user chose once for this software's
        exports are used (`colonnes`, when given, are such a choice: recorded once the file
        reads with them); missing columns raise ColonnesManquantes with the file's header.
        An Excel workbook (.xlsx, recognised by its content, not its name) is read from `feuille`
        (its first sheet if None) with the same columns, rules and messages as the CSV.
        """
        chemin = Path(chemin)
        verifier_fichier_source(chemin)
        try:
            balance.verifier_taille(chemin.stat().st_size)  # before reading: a 2 GB file is never loaded
            octets = chemin.read_bytes()
        except FileNotFoundError:
            raise ErreurSaisie("fichier", f"Le fichier {chemin} n'existe pas.") from None
        except OSError as erreur:
            raise ErreurSaisie("fichier", f"Le fichier {chemin} ne peut pas être lu ({raison_systeme(erreur)}).") from None
        classeur = tableur.est_classeur(octets)
        if classeur:
            texte = tableur.texte_du_classeur(octets, feuille)
        elif feuille:
            raise ErreurSaisie("feuille", f"{chemin.name} est un fichier CSV : il n'a pas de feuilles, n'en indiquez pas.")
        else:
            texte = balance.decoder(octets)
        try:
            lue, avertissements = self._lire_avec_correspondance(texte, colonnes)
        except ErreursSaisie as erreurs:
            autres = _autres_feuilles(octets, erreurs) if classeur and feuille is None else []
            if not autres:
                raise
            if isinstance(erreurs, ColonnesManquantes):
                raise ColonnesManquantes(erreurs.erreurs + autres, erreurs.entete, erreurs.reconnues) from None
            raise ErreursSaisie(erreurs.erreurs + autres) from None
        with self.avec_tous_les_dossiers():
            plan = replace(balance.planifier(lue, self.dossiers_lisibles()), avertissements=avertissements)
        if not appliquer:
            return plan
        quand, service = self.service.maintenant(), self.service
        crees: list[Dossier] = []
        completes: list[tuple[Dossier, Dossier]] = []  # (before, as written)
        try:
            for client in plan.a_creer:
                crees.append(service.depot.importer(balance.nouveau_dossier(client, chemin.name, service.auteur, quand)))
            for ajout in plan.a_completer:
                ecrit = service.enregistrer(
                    balance.completer_dossier(ajout.dossier, ajout.factures, chemin.name, service.auteur, quand)
                )
                completes.append((ajout.dossier, ecrit))
        except BaseException as erreur:
            # All or nothing (docs/import-balance.md): what was written is undone, Ctrl+C included.
            restes = self.defaire_import(crees, completes)
            if not isinstance(erreur, (ErreurSaisie, ErreurStockage, OSError)):
                raise
            if restes:
                raise ErreurStockage(
                    f"Import interrompu ({raison_lecture(erreur)}). Ces dossiers, modifiés entre-temps par un collègue, n'ont pas pu "
                    f"être remis dans leur état d'avant : {', '.join(restes)}. Relancer l'import ne refera pas ce qui "
                    "a été écrit."
                ) from None
            raise ErreurStockage(f"Import interrompu ({raison_lecture(erreur)}) : rien n'a été importé. Corrigez la cause puis "
                                 "relancez l'import.") from None
        for cree in crees:
            service.indexer(cree)
        return replace(plan, applique=True, references_creees=tuple(c.reference for c in crees))

    def _lire_avec_correspondance(
        self, texte: str, colonnes: Mapping[str, str] | Iterable[tuple[str, str]] | None
    ) -> tuple[balance.Balance, tuple[str, ...]]:
        """The balance read with the columns chosen for its software (or `colonnes`, recorded
        once the whole file reads with them); a damaged record is ignored and said."""
        entete = correspondance.entete_du_texte(texte)
        if entete is None:
            return balance.lire_balance(texte), ()
        avertissements: tuple[str, ...] = ()
        if colonnes is not None:
            choisie: correspondance.Correspondance | None = correspondance.choisir(entete, colonnes)
        else:
            choisie, avertissement = self._correspondance(entete)
            avertissements = (avertissement,) if avertissement else ()
        try:
            lue = balance.lire_balance(texte, choisie.colonnes if choisie else None)
        except ErreursSaisie as erreurs:
            if avertissements:
                erreurs.erreurs.append(ErreurSaisie("correspondance", avertissements[0]))
            raise
        if colonnes is not None and choisie is not None:
            self.enregistrer_correspondance(entete, choisie.colonnes)
            avertissements = ("Correspondance des colonnes enregistrée : les prochains fichiers de ce logiciel (même "
                              "en-tête) seront lus de même.",)
        return lue, avertissements

    def _correspondance(self, entete: Sequence[str]) -> tuple[correspondance.Correspondance | None, str]:
        signature = correspondance.signature(entete)
        brut, avertissement = charger_correspondance(self.service.racine, signature)
        if brut is None:
            return None, avertissement
        try:
            return correspondance.depuis_donnees(signature, brut), ""
        except ValueError as erreur:
            return None, ignoree(self.service.racine / DOSSIER_CORRESPONDANCES / f"{signature}.json", str(erreur))

    def enregistrer_correspondance(
        self, entete: Sequence[str], choix: Mapping[str, str | None] | Iterable[tuple[str, str]]
    ) -> correspondance.Correspondance:
        """Record which column is which for the exports whose header is `entete` (the user's
        choice: logical column -> header, "" or None for none), checked first: ErreursSaisie
        per column (named twice, not in the file, a header for two columns, a required one
        missing), ErreurStockage if it cannot be written."""
        paires = [(c, n or "") for c, n in (choix.items() if isinstance(choix, Mapping) else choix)]
        choisie = correspondance.choisir(entete, paires)
        donnees = correspondance.vers_donnees(choisie, entete, auteur=self.service.auteur,
                                              quand=self.service.maintenant().isoformat(timespec="seconds"))
        enregistrer_correspondance(self.service.racine, choisie.signature, donnees, fsync=self.service.depot.fsync)
        return choisie

    def defaire_import(self, crees: list[Dossier], completes: list[tuple[Dossier, Dossier]]) -> list[str]:
        """Undo an interrupted import (balance, FEC): the references that could not be put back."""
        restes = []
        for cree in crees:
            try:
                self.service.depot.annuler_creation(cree)
            except (ErreurStockage, OSError):
                restes.append(cree.reference)
        for avant, ecrit in completes:
            try:
                self.service.indexer(self.service.depot.revenir(avant, ecrit))
            except (ErreurStockage, OSError):
                restes.append(ecrit.reference)
        return restes

    def dossiers_lisibles(self) -> list[Dossier]:
        """Every dossier that can be read, for an import to match against; a damaged one is flagged in
        the list, not matched here."""
        from recouvrement_tui.storage.erreurs import DossierEndommage

        lisibles = []
        for reference in self.service.depot.references():
            try:
                lisibles.append(self.service.charger(reference))
            except DossierEndommage:
                continue
        return lisibles

    def avec_tous_les_dossiers(self) -> AbstractContextManager[None]:
        """Where an import reads and matches every dossier: no garbage collection meanwhile (it
        would stop the screen to walk them all; see system.ramasse_miettes)."""
        from recouvrement_tui.system.ramasse_miettes import sans_ramasse_miettes

        return sans_ramasse_miettes()

    def joindre_piece(self, dossier: Dossier, valeurs: Mapping[str, object]) -> Dossier:
        """Copy a supporting file into the dossier's pieces/ with its type and date (journaled)."""
        return self._joindre_piece(dossier, valeurs)

    def joindre(self, reference: str, valeurs: Mapping[str, object]) -> Dossier:
        """joindre_piece for scripts: the file is copied once, then recorded in the freshly
        reloaded dossier as often as colleagues' saves require (ServiceDossiers.reessayer)."""
        return self._joindre_piece(self.service.charger(reference), valeurs, reessayer=True)

    def _joindre_piece(
        self, dossier: Dossier, valeurs: Mapping[str, object], avant: Callable[[Dossier], Dossier] | None = None,
        *, reessayer: bool = False,
    ) -> Dossier:
        """joindre_piece, `avant` first applied to the dossier: both are saved together, or neither."""
        from recouvrement_tui.domain.noms import nom_sur
        from recouvrement_tui.storage.documents import copier_piece

        piece = saisie.piece_depuis_saisie(valeurs, self.service.aujourdhui())
        source = Path(chemin_colle(str(valeurs.get("fichier", "")))).expanduser()
        verifier_fichier_source(source)
        try:
            nom, empreinte = copier_piece(self.service.depot.chemin(dossier.reference), source, nom_sur(source.name),
                                          fsync=self.service.depot.fsync, exclus=frozenset(p.fichier for p in dossier.pieces))
        except ErreurStockage as erreur:
            raise ErreurSaisie("fichier", str(erreur)) from None
        copie = self.service.depot.chemin(dossier.reference) / "pieces" / nom
        marque = marque_en_attente(self.service.depot.chemin(dossier.reference), nom)

        def joindre(d: Dossier) -> Dossier:
            modifie = avant(d) if avant else d
            return modifie.joindre_piece(replace(piece, fichier=nom), empreinte, self.service.auteur, self.service.maintenant())

        try:
            if reessayer:  # the copy stays put: only the record is retried, so it is never duplicated
                enregistre = self.service.reessayer(dossier.reference, joindre, "la pièce", depuis=dossier)
            else:
                enregistre = self.service.depot.enregistrer(joindre(dossier))
        except BaseException:
            # No pièce file without its record — nor a record without its file: a failure after
            # dossier.json was replaced (its folder's fsync) leaves a recorded pièce in place.
            if not self._piece_inscrite(dossier.reference, nom):
                copie.unlink(missing_ok=True)
            raise
        finally:
            # Recorded, or its copy removed: the mark that lets storage.reprise remove the
            # copy of an attach killed before its record was saved is no longer needed.
            if marque is not None:
                marque.unlink(missing_ok=True)
        self.service.indexer(enregistre)  # saved: a failure here must not remove the piece
        return enregistre

    def _piece_inscrite(self, reference: str, nom: str) -> bool:
        try:
            return any(p.fichier == nom for p in self.service.depot.charger(reference).pieces)
        except (ErreurStockage, OSError):
            return False

    def importer_facture(self, chemin: Path, *, reference: str | None = None) -> Dossier:
        """Add an electronic invoice (Factur-X PDF, CII or UBL XML: docs/import-factures.md) as a
        créance to its debtor's dossier, created if needed, with the file attached as its pièce.

        The dossier is `reference`, else the debtor's open dossier (same SIREN, else same name).
        All or nothing: the créance, the journal line and the pièce are saved together, and a
        dossier created for the invoice is removed if that fails.
        """
        from recouvrement_tui.exchange import facture_electronique as fe
        from recouvrement_tui.storage.documents import TAILLE_MAX_PIECE

        chemin = Path(chemin).expanduser()
        verifier_fichier_source(chemin)
        try:
            if chemin.stat().st_size > TAILLE_MAX_PIECE:
                raise ErreurSaisie("fichier", f"{chemin.name} dépasse 200 Mo : ce n'est pas une facture.")
            octets = chemin.read_bytes()
        except FileNotFoundError:
            raise ErreurSaisie("fichier", f"Le fichier {chemin} n'existe pas.") from None
        except OSError as erreur:
            raise ErreurSaisie("fichier", f"Le fichier {chemin} ne peut pas être lu ({raison_systeme(erreur)}).") from None
        facture = fe.lire_facture(octets, chemin.name)
        fe.verifier(facture, self.service.parametres.creancier, self.service.aujourdhui())
        if reference is not None:
            cible = fe.dossier_cible(facture, [], self.service.charger(reference))
        else:
            cible = fe.dossier_cible(facture, self.dossiers_lisibles())
        piece = {"fichier": str(chemin), "type": "facture", "date": facture.date_facture.isoformat(),
                 "description": f"Facture {facture.numero}"}
        quand, cree = self.service.maintenant(), cible is None
        if cible is None:
            cible = self.service.depot.importer(fe.nouveau_dossier(facture, self.service.auteur, quand))
        try:
            return self._joindre_piece(
                cible, piece, lambda d: fe.ajouter_facture(d, facture, chemin.name, self.service.auteur, quand)
            )
        except BaseException:
            if cree:
                try:
                    self.service.depot.annuler_creation(cible)  # unless a colleague saved it since
                except (ErreurStockage, OSError):
                    pass
            raise


def _autres_feuilles(octets: bytes, erreurs: ErreursSaisie) -> list[ErreurSaisie]:
    """When the first sheet of a workbook of several has no balance header, say so: the
    balance may be on another sheet, and nothing on screen shows that sheets exist."""
    if not all(e.champ == "fichier" or e.champ.startswith("colonne") for e in erreurs.erreurs):
        return []  # the header was found: the errors are the lines'
    noms = tableur.feuilles_du_classeur(octets)
    if len(noms) < 2:
        return []
    liste = ", ".join(f"« {n} »" for n in noms)
    return [ErreurSaisie("feuille", f"Ce classeur a {len(noms)} feuilles ({liste}) et la première a été lue : si la "
                                    "balance est sur une autre, indiquez-la (recouvrement importer … --feuille NOM) "
                                    "ou placez-la en premier dans le classeur.")]


def _ecrire_archive(cible: Path, fichiers: list[archive.Fichier], entete: dict, horodatage: dt.datetime,
                    avant_chaque: Callable[[archive.Fichier], None]) -> None:
    """Stream the archive into a hidden temporary file beside `cible`, flush it to disk, then
    rename it: `cible` is the whole archive or nothing, and no temporary file outlives an error
    or a cancel (only a killed process can leave one: hidden, named as storage.atomique names them)."""
    fd, nom = creer_temporaire(cible.parent, f".{cible.name}.")
    temporaire = Path(nom)
    try:
        with os.fdopen(fd, "wb") as sortie:
            archive.ecrire(sortie, fichiers, entete, horodatage, avant_chaque)
            sortie.flush()
            os.fsync(sortie.fileno())
        os.replace(temporaire, cible)
    except BaseException:
        temporaire.unlink(missing_ok=True)
        raise
    synchroniser_dossier(cible.parent)


def _copies_pdf(documents: list[archive.Fichier]) -> list[archive.Fichier]:
    """PDF copies made by LibreOffice, when it is installed (else none, silently)."""
    pdf = libreoffice.en_pdf({f.nom: f.source.read_bytes() if f.source else f.contenu for f in documents})
    return [archive.Fichier(f"pdf/{nom.removesuffix('.docx')}.pdf", contenu) for nom, contenu in sorted(pdf.items())]
