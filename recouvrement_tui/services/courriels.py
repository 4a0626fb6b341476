"""E-mails of a data folder: prepare one, write it as a draft, send it, or the day's batch.

The legal guard (domain.garde) is asked as for a letter. A message is kept as its `.eml` in the
dossier's documents/ with its SHA-256 and journaled (Message-ID, recipients, subject, attachments);
a sent reminder moves the dossier to its stage, as the letter would once posted. Sending comes
first and the record after: nothing is recorded as sent that the server did not accept, and if
the record cannot be saved the user is told the message left, with its Message-ID.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from stdnum import iban as _iban

from recouvrement_tui.documents.courriels import PieceJointe, Redaction, composer, rediger
from recouvrement_tui.documents.erreurs import DecompteSansTaux
from recouvrement_tui.documents.rendu import ErreurDocument
from recouvrement_tui.domain.courriel import (
    COURRIEL_POUR_ETAPE,
    Destinataires,
    ModeleCourriel,
    adresse_sure,
    destinataires,
    modele_courriel,
)
from recouvrement_tui.domain.erreurs import ErreurSaisie
from recouvrement_tui.domain.etapes import Etape, TypeEvenement
from recouvrement_tui.domain.formatage import date_courte, montant
from recouvrement_tui.domain.garde import avis_document, en_procedure_collective
from recouvrement_tui.domain.model import Dossier, TypePiece
from recouvrement_tui.domain.prochaine_action import prochaine_action
from recouvrement_tui.domain.taux import messages_taux_manquants
from recouvrement_tui.storage.documents import (
    chemin_piece,
    ecrire_courriel,
    empreinte,
    lire_fichier_borne,
    reserver_envoi,
)
from recouvrement_tui.storage.erreurs import ErreurStockage
from recouvrement_tui.storage.modeles import lire_modele_courriel
from recouvrement_tui.system import libreoffice, smtp
from recouvrement_tui.system.incidents import consigner
from recouvrement_tui.system.smtp import EnvoiIncertain, ErreurEnvoi

if TYPE_CHECKING:
    from recouvrement_tui.services.dossiers import ServiceDossiers

__all__ = ["Courriel", "Envoi", "ErreurEnvoi", "ServiceCourriels"]


@dataclass(frozen=True)
class Courriel:
    """A message ready to go: what the preview shows, and what is sent or kept as a draft."""

    dossier: Dossier
    modele: ModeleCourriel
    au: dt.date
    destinataires: Destinataires
    redaction: Redaction
    pieces: tuple[PieceJointe, ...] = ()
    avertissement: str = ""  # the legal guard's warning, or why a file could not be attached
    cci: str = ""  # the settings' blind copy: shown in the preview and journaled, never hidden

    @property
    def taille_pieces(self) -> int:
        return sum(p.taille for p in self.pieces)


@dataclass(frozen=True)
class Envoi:
    dossier: Dossier  # as saved, with its journal entry (and its new stage for a reminder sent)
    chemin: Path  # the .eml kept in documents/
    message_id: str
    empreinte: str
    envoye: bool  # False: a draft, to be sent from the user's mail program
    etape: Etape | None = None  # the stage the dossier moved to
    avertissement: str = ""


class Canal(StrEnum):
    COURRIEL = "courriel"
    COURRIER = "courrier"


class Statut(StrEnum):
    ENVOYE = "envoyé"
    BROUILLON = "brouillon écrit"
    LETTRE = "lettre préparée"
    DEJA = "déjà fait"
    ERREUR = "erreur"
    ARRETE = "arrêté"  # the user stopped the batch: this line and the next were not done


@dataclass(frozen=True)
class LigneLot:
    """One dossier of the day's batch: the channel chosen and to whom."""

    reference: str
    debiteur: str
    cle: str  # the template (e-mail or letter, same names)
    canal: Canal
    destinataires: str = ""
    remarque: str = ""  # why a letter rather than an e-mail


@dataclass
class ResultatLot:
    au: dt.date
    lignes: list[tuple[LigneLot, Statut, str]] = field(default_factory=list)  # (line, what was done, detail)
    # Lines stopped by a half-year's missing rate (reference, half-year, series), said once by messages_taux.
    sans_taux: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def messages_taux(self) -> list[str]:
        return messages_taux_manquants(self.sans_taux)

    def compte(self, statut: Statut) -> int:
        return sum(1 for _l, s, _d in self.lignes if s is statut)


class ServiceCourriels:
    def __init__(self, service: ServiceDossiers) -> None:
        self.service = service

    # --- one message ------------------------------------------------------------------------

    def modele_du_calendrier(self, dossier: Dossier, au: dt.date | None = None) -> str | None:
        """The e-mail the reminder calendar asks for next in this dossier at `au` (today), if its
        next action is a reminder."""
        action = prochaine_action(dossier, self.service.parametres.calendrier, au or self.service.aujourdhui())
        return COURRIEL_POUR_ETAPE.get(action.vers) if action is not None and action.vers is not None else None

    def preparer(self, dossier: Dossier, cle: str, au: dt.date | None = None) -> Courriel:
        """The message `cle` for the dossier at `au` (today). ErreurDocument, in French, when the
        law refuses it, when the debtor has no address, or when the template or data fail."""
        modele = _modele(cle)
        au = au or self.service.aujourdhui()
        dest = destinataires(dossier.debiteur)
        if dest.vide:
            raise ErreurDocument(dest.remarque)
        contexte, etat = self.service.documents.contexte_et_etat(dossier, au)
        avertissement = ""
        if modele.acte is not None:
            avis = avis_document(etat, modele.acte)
            if avis.refuse:
                raise ErreurDocument(f"Le courriel « {modele.titre} » ne peut pas être préparé : {avis.motif}")
            avertissement = avis.motif
        if modele.cle == "remerciement_paiement" and not dossier.paiements:
            raise ErreurDocument("Aucun paiement n'est enregistré dans ce dossier : il n'y a rien à remercier.")
        contexte = {**contexte, **self._contexte_du_courriel(dossier, contexte)}
        try:
            texte, _origine = lire_modele_courriel(self.service.racine, modele.cle)
        except ErreurStockage as erreur:
            raise ErreurDocument(str(erreur)) from None
        pieces, remarques = self._pieces(dossier, modele)  # first: the copy's letter must exist
        redaction = rediger(texte, contexte, modele.titre)
        courriel = Courriel(dossier, modele, au, dest, redaction, tuple(pieces),
                            " ".join(x for x in (avertissement, *remarques, dest.remarque) if x),
                            self.service.parametres.courriel.copie_cachee)
        limite = self.service.parametres.courriel.taille_max_mo * 1024 * 1024
        if courriel.taille_pieces > limite:
            raise ErreurDocument(
                f"Les pièces jointes pèsent {courriel.taille_pieces / 1048576:.1f} Mo, au-delà de la limite de "
                f"{self.service.parametres.courriel.taille_max_mo} Mo fixée dans Paramètres > Courriel : relevez la "
                "limite si votre serveur l'accepte, ou envoyez la lettre par courrier.")
        return courriel

    def message(self, courriel: Courriel, *, brouillon: bool) -> EmailMessage:
        p = self.service.parametres
        if not p.courriel.expediteur:
            raise ErreurDocument("Aucune adresse d'expéditeur n'est paramétrée : renseignez-la dans Paramètres > "
                                 "Courriel (section « courriel » de parametres.json).")
        try:  # the settings file may have been edited by hand: replies go to one checked mailbox only
            repondre_a = adresse_sure(p.creancier.email) if p.creancier.email.strip() else ""
        except ErreurSaisie:
            repondre_a = ""
        return composer(
            courriel.redaction, expediteur=p.courriel.expediteur, nom_expediteur=p.creancier.raison_sociale,
            a=courriel.destinataires.a, cc=courriel.destinataires.cc, repondre_a=repondre_a,
            pieces=courriel.pieces, date=self.service.maintenant().astimezone(), brouillon=brouillon,
            cci=courriel.cci,
        )

    def brouillon(self, dossier: Dossier, cle: str, au: dt.date | None = None) -> Envoi:
        """Write the message as a draft .eml (X-Unsent: 1) in documents/, journaled; nothing is sent
        and the stage does not move: the user sends it from their mail program."""
        courriel = self.preparer(dossier, cle, au)
        message = self.message(courriel, brouillon=True)
        return self._garder(courriel, message, envoye=False)

    def envoyer(self, dossier: Dossier, cle: str, au: dt.date | None = None, *, sauf_si_fait: bool = False) -> Envoi:
        """Send through the configured server, then keep and journal it; a reminder moves the stage.

        ErreurEnvoi (French) when the server did not take it: then nothing is recorded. The send is
        claimed in the dossier folder first (storage.documents.reserver_envoi) and the dossier read
        afresh, so two colleagues' batches never send the same reminder twice; `sauf_si_fait`
        (the batch) then skips a message already sent since the last move (DejaFait)."""
        disque = self.service.depot.chemin(dossier.reference)
        marque = reserver_envoi(disque, cle)
        liberer = True
        try:
            dossier = self.service.charger(dossier.reference)
            if sauf_si_fait and _fait_depuis_etape(dossier, cle, Canal.COURRIEL, envoye_seulement=True):
                raise DejaFait(dossier.reference)
            courriel = self.preparer(dossier, cle, au)
            message = self.message(courriel, brouillon=False)
            p = self.service.parametres.courriel
            enveloppe = [*courriel.destinataires.a, *courriel.destinataires.cc, *([courriel.cci] if courriel.cci else [])]
            try:
                smtp.envoyer(message, enveloppe, p, smtp.mot_de_passe(p))
            except EnvoiIncertain:
                liberer = False  # a person must check the mailbox before it is sent again
                raise
            try:
                return self._garder(courriel, message, envoye=True)
            except Exception as erreur:
                liberer = False
                raise ErreurStockage(
                    f"Le courriel a bien été envoyé (Message-ID {message['Message-ID']}) mais n'a pas pu être inscrit "
                    f"au dossier ({erreur}) : notez-le au journal à la main (touche n) pour garder la trace de l'envoi, "
                    f"puis supprimez le fichier {marque.name} du dossier."
                ) from None
        finally:
            if liberer:
                marque.unlink(missing_ok=True)

    def tester_connexion(self) -> str:
        p = self.service.parametres.courriel
        return smtp.tester(p, smtp.mot_de_passe(p))

    def _garder(self, courriel: Courriel, message: EmailMessage, *, envoye: bool) -> Envoi:
        """Write the .eml, then journal it (and move the stage of a reminder sent) in one save; the
        file is removed again if the dossier cannot be saved. A colleague's save in between is not
        a failure: the record is applied again on the fresh dossier (ServiceDossiers.reessayer)."""
        service, modele = self.service, courriel.modele
        contenu = message.as_bytes()
        sha = empreinte(contenu)
        disque = service.depot.chemin(courriel.dossier.reference)
        relatif = ecrire_courriel(disque, modele.cle, courriel.au, contenu, fsync=service.depot.fsync)
        fichier = disque / relatif
        texte = _texte_journal(courriel, message, envoye)
        etapes: list[Etape] = []

        def inscrire(dossier: Dossier) -> Dossier:
            etapes.clear()
            if envoye and modele.vers is not None and dossier.etape is not modele.vers:
                dossier = service.changer_etape(dossier, modele.vers, {"date": courriel.au.strftime("%d/%m/%Y")},
                                                enregistrer=False)
                etapes.append(modele.vers)
            return dossier.noter(TypeEvenement.COURRIEL, texte, service.auteur, service.maintenant(), relatif, sha)

        try:
            enregistre = service.reessayer(courriel.dossier.reference, inscrire, "l'inscription du courriel",
                                           depuis=courriel.dossier)
        except BaseException:
            fichier.unlink(missing_ok=True)  # no .eml without its journal entry
            raise
        service.indexer(enregistre)
        return Envoi(enregistre, fichier, str(message["Message-ID"]), sha, envoye, etapes[0] if etapes else None,
                     courriel.avertissement)

    # --- what a message reads and carries ------------------------------------------------------

    def _contexte_du_courriel(self, dossier: Dossier, contexte: dict) -> dict:
        creancier = self.service.parametres.creancier
        iban = "".join(creancier.iban.split()).upper()
        if iban and not _iban.is_valid(iban):
            raise ErreurDocument("L'IBAN des paramètres est invalide (clé de contrôle fausse) : corrigez-le dans "
                                 "Paramètres avant d'écrire au débiteur.")
        dernier = max(dossier.paiements, key=lambda p: p.date, default=None)
        partie = contexte["creancier"]
        # A company's correspondence names its form, capital, RCS and seat (R123-237 C. com.).
        signature = "\n".join(x for x in (
            ", ".join(y for y in (creancier.representant_nom, creancier.representant_qualite) if y),
            " — ".join(y for y in (creancier.raison_sociale, partie["identification"]) if y),
            partie["adresse"]["une_ligne"],
            creancier.telephone and f"Tél. {creancier.telephone}",
            creancier.email,
        ) if x)
        return {
            "procedure_collective": en_procedure_collective(dossier),
            "echeancier_en_cours": dossier.etape is Etape.ECHEANCIER,
            "paiement": {"iban": _iban.format(iban) if iban else ""},
            "dernier_paiement": {"date": date_courte(dernier.date), "montant": montant(dernier.montant)}
            if dernier else None,
            "expediteur": {"signature": signature or creancier.raison_sociale},
        }

    def _pieces(self, dossier: Dossier, modele: ModeleCourriel) -> tuple[list[PieceJointe], list[str]]:
        """The invoices' PDF pièces and, for the mise en demeure's copy, the letter (PDF when
        LibreOffice is here, else the Word file). A pièce that cannot be read is said, not sent."""
        pieces: list[PieceJointe] = []
        remarques: list[str] = []
        disque = self.service.depot.chemin(dossier.reference)
        limite = self.service.parametres.courriel.taille_max_mo * 1024 * 1024
        total = 0
        for piece in dossier.pieces:
            if piece.type is not TypePiece.FACTURE or not piece.fichier.casefold().endswith(".pdf"):
                continue
            try:
                contenu = lire_fichier_borne(chemin_piece(disque, piece.fichier), limite - total, "La pièce")
            except ErreurStockage as erreur:
                if "au-delà de" in str(erreur):
                    raise ErreurDocument(f"{erreur} Les pièces jointes dépassent la limite de "
                                         f"{self.service.parametres.courriel.taille_max_mo} Mo fixée dans Paramètres > "
                                         "Courriel : relevez-la si votre serveur l'accepte, ou envoyez la lettre par "
                                         "courrier.") from None
                remarques.append(f"{erreur} Elle n'est pas jointe.")
                continue
            total += len(contenu)
            pieces.append(PieceJointe(piece.fichier, contenu, "application/pdf"))
        if modele.joindre_lettre:
            envoi = dossier.date_mise_en_demeure
            if envoi is None:
                raise ErreurDocument("Aucune mise en demeure n'est enregistrée (étape « Mise en demeure ») : il n'y a pas "
                                     "de lettre recommandée dont envoyer la copie.")
            # The copy is of the letter sent by registered post, the one dated the day of the move.
            versions = [v for v in self.service.documents.versions(dossier)
                        if v.modele == modele.joindre_lettre and v.date == envoi]
            if not versions:
                raise ErreurDocument(f"Aucune lettre de mise en demeure datée du {date_courte(envoi)}, jour de l'envoi "
                                     "recommandé enregistré, n'est dans le dossier : la copie envoyée doit être la "
                                     "lettre même qui est partie.")
            derniere = versions[-1]
            contenu = self.service.documents.chemin(dossier, derniere).read_bytes()
            nom = Path(derniere.chemin).name
            pdf = libreoffice.en_pdf({nom: contenu}, delai=120).get(nom)
            if pdf is not None:
                pieces.append(PieceJointe(Path(nom).with_suffix(".pdf").name, pdf, "application/pdf"))
            else:
                pieces.append(PieceJointe(nom, contenu,
                                          "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
        return pieces, remarques

    # --- the day's batch ------------------------------------------------------------------------

    def lot(self, au: dt.date) -> list[LigneLot]:
        """Every reminder the calendar asks for by `au`, with its channel: e-mail where the debtor
        has an address, else the letter (and the mise en demeure always goes by registered letter)."""
        lignes = []
        for reference, cle in self.service.documents.relances_dues(au):
            try:
                dossier = self.service.charger(reference)
            except ErreurStockage:
                continue
            nom = dossier.debiteur.nom_complet
            if cle not in COURRIEL_POUR_ETAPE.values():  # the calendar's letter has no e-mail of its own
                lignes.append(LigneLot(reference, nom, cle, Canal.COURRIER,
                                       remarque="La mise en demeure part par lettre recommandée avec avis de réception."))
                continue
            dest = destinataires(dossier.debiteur)
            if dest.vide:
                lignes.append(LigneLot(reference, nom, cle, Canal.COURRIER, remarque=dest.remarque))
            else:
                lignes.append(LigneLot(reference, nom, cle, Canal.COURRIEL, ", ".join(dest.a + dest.cc), dest.remarque))
        return lignes

    def traiter_lot(
        self, lignes: list[LigneLot], au: dt.date, *, envoyer: bool,
        progression: Callable[[int, int, LigneLot, Statut, str], None] | None = None,
        attendre: Callable[[float], None] = time.sleep, arreter: Callable[[], bool] = lambda: False,
    ) -> ResultatLot:
        """Send (or write as drafts) the e-mails and prepare the letters of `lignes`, one after the
        other at the settings' polite rate. Each is done once: what the journal shows as done since
        the dossier's last move is skipped, so running the batch twice sends nothing twice."""
        resultat = ResultatLot(au)
        pause = 60 / max(self.service.parametres.courriel.envois_par_minute, 1)
        envoyes = 0
        for rang, ligne in enumerate(lignes, start=1):
            if arreter():
                break
            statut, detail = self._traiter(ligne, au, envoyer, attendre if envoyes else None, pause, arreter,
                                           resultat.sans_taux)
            if statut is Statut.ARRETE:
                break
            envoyes += statut is Statut.ENVOYE
            resultat.lignes.append((ligne, statut, detail))
            if progression:
                progression(rang, len(lignes), ligne, statut, detail)
        return resultat

    def _traiter(self, ligne: LigneLot, au: dt.date, envoyer: bool, attendre, pause: float,
                 arreter: Callable[[], bool], sans_taux: list[tuple[str, str, str]]) -> tuple[Statut, str]:
        try:
            dossier = self.service.charger(ligne.reference)
            # A draft does not stop the send (it may never have left the user's outbox).
            if _fait_depuis_etape(dossier, ligne.cle, ligne.canal, envoye_seulement=envoyer):
                return Statut.DEJA, ""
            if ligne.canal is Canal.COURRIER:
                genere = self.service.documents.generer(dossier, ligne.cle, au)
                return Statut.LETTRE, genere.chemin.name
            if envoyer:
                if attendre is not None:
                    attendre(pause)
                    if arreter():  # stopped during the pause: the next message does not leave
                        return Statut.ARRETE, ""
                envoi = self.envoyer(dossier, ligne.cle, au, sauf_si_fait=True)
                return Statut.ENVOYE, envoi.message_id
            envoi = self.brouillon(dossier, ligne.cle, au)
            return Statut.BROUILLON, envoi.chemin.name
        except DejaFait:
            return Statut.DEJA, "envoyé par ailleurs entre-temps"
        except DecompteSansTaux as manque:  # said once for the batch (messages_taux), not per line
            sans_taux.append((ligne.reference, manque.semestre, manque.serie))
            return Statut.ERREUR, f"taux du semestre {manque.semestre} inconnu"
        except (ErreurDocument, ErreurEnvoi, ErreurSaisie, ErreurStockage) as erreur:
            return Statut.ERREUR, str(erreur)
        except Exception as erreur:  # noqa: BLE001 - one dossier's bug must not stop the batch
            return Statut.ERREUR, consigner(erreur)


def _modele(cle: str) -> ModeleCourriel:
    try:
        return modele_courriel(cle)
    except ErreurSaisie as erreur:
        raise ErreurDocument(erreur.message) from None


class DejaFait(Exception):
    """The batch's message was sent meanwhile (by a colleague's batch)."""


def _fait_depuis_etape(dossier: Dossier, cle: str, canal: Canal, *, envoye_seulement: bool = False) -> bool:
    """Whether this e-mail (sent, or also drafted) or letter was already made since the last move."""
    for evenement in reversed(dossier.journal):
        if evenement.type is TypeEvenement.ETAPE:
            return False
        if (canal is Canal.COURRIEL and evenement.type is TypeEvenement.COURRIEL
                and f"_courriel_{cle}_" in evenement.document
                and (not envoye_seulement or evenement.texte.startswith(ENVOYE))):
            return True
        if canal is Canal.COURRIER and evenement.type is TypeEvenement.DOCUMENT and f"_{cle}_v" in evenement.document:
            return True
    return False


ENVOYE = "Courriel envoyé"  # how a sent message's journal line starts (a draft's does not)


def _texte_journal(courriel: Courriel, message: EmailMessage, envoye: bool) -> str:
    d = courriel.destinataires
    quoi = ENVOYE if envoye else "Brouillon de courriel écrit (non envoyé, à envoyer depuis la messagerie)"
    texte = f"{quoi} : « {message['Subject']} », à {', '.join(d.a)}"
    if d.cc:
        texte += f", copie à {', '.join(d.cc)}"
    if courriel.cci:
        texte += f", copie cachée à {courriel.cci}"
    texte += f" ; Message-ID {message['Message-ID']}"
    if courriel.pieces:
        texte += " ; pièces jointes : " + ", ".join(f"{p.nom} (SHA-256 {empreinte(p.contenu)[:16]}…)"
                                                    for p in courriel.pieces)
    return texte + "."

