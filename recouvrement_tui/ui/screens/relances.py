"""The day's reminders in one batch: by e-mail where the debtor has an address, else by letter.

One line per dossier the calendar asks a reminder of (services.courriels.lot): its channel
(Courriel with its recipients, Courrier with the reason), a preview of the selected line's e-mail,
and the batch itself: drafts (.eml) or sending by the configured server, the letters being
prepared alike; `l` prepares everything as letters, as before e-mail. The batch runs in a worker
thread at the settings' polite rate, with a progress bar and each message's result as it comes;
Échap stops it after the message in progress. The screen is modal, so nothing else edits the
dossiers meanwhile.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, ProgressBar, Static
from textual.worker import Worker

from recouvrement_tui.domain.courriel import PAR_CLE
from recouvrement_tui.domain.formatage import date_courte
from recouvrement_tui.services.documents import RapportRelances
from recouvrement_tui.ui.screens.courriel import message_erreur, taille_lisible
from recouvrement_tui.ui.widgets.pied_de_page import PiedDePage

if TYPE_CHECKING:
    from recouvrement_tui.services.courriels import LigneLot, ResultatLot, Statut
    from recouvrement_tui.ui.app import RecouvrementApp

class _Arrete(BaseException):  # noqa: N818 - not an error: the user stopped the batch during the pause
    """Raised from the pause between two sends once the user stops: the next message does not leave.
    A BaseException, so that the batch's per-line `except Exception` does not turn it into an error."""


def _attendre(arret: threading.Event):
    def attendre(secondes: float) -> None:
        if arret.wait(secondes):
            raise _Arrete

    return attendre


TITRES_LETTRES = {"mise_en_demeure": "Mise en demeure (LRAR)"}
PAQUET = 250  # table rows added at a time
STYLES = {"envoyé": "bold green", "brouillon écrit": "green", "lettre préparée": "green", "déjà fait": "dim",
          "erreur": "bold red"}


def titre(ligne: LigneLot) -> str:
    if ligne.cle in TITRES_LETTRES:
        return TITRES_LETTRES[ligne.cle]
    modele = PAR_CLE.get(ligne.cle)
    return modele.titre if modele else ligne.cle.replace("_", " ").capitalize()


def canal(ligne: LigneLot) -> str:
    return "Courriel" if ligne.canal.value == "courriel" else "Courrier"


# How the batch's outcome reads, singular and plural.
# Keyed by services.courriels.Statut's values (imported for types only: it brings the SMTP code).
_BILAN = {
    "envoyé": ("courriel envoyé", "courriels envoyés"),
    "brouillon écrit": ("brouillon écrit", "brouillons écrits"),
    "lettre préparée": ("lettre préparée", "lettres préparées"),
    "déjà fait": ("déjà fait", "déjà faits"),
    "erreur": ("échec", "échecs"),
    "arrêté": ("arrêté", "arrêtés"),
}


class EcranRelances(ModalScreen[list[str] | None]):
    """Dismisses with the references of the dossiers the batch wrote to (None: none)."""

    if TYPE_CHECKING:
        app: RecouvrementApp  # for mypy: Textual types it App[object]; ours has service, aujourdhui()…

    BINDINGS = [
        Binding("b", "brouillons", "Préparer les brouillons", id="relances.brouillons"),
        Binding("e", "envoyer", "Envoyer", id="relances.envoyer"),
        Binding("l", "lettres", "Tout par courrier", id="relances.lettres"),
        Binding("escape", "fermer", "Fermer", id="relances.fermer"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.lignes: list[LigneLot] = []
        self.dues: list[tuple[str, str]] = []
        self.rapport: RapportRelances | None = None  # the all-letters batch (l)
        self.resultat: ResultatLot | None = None  # the e-mail batch (b, e)
        self.resultats: dict[int, tuple[str, str]] = {}  # line → (statut, detail), as reported
        self.touches: set[str] = set()
        self.en_cours = False
        self.lettres_en_cours = False  # the all-letters batch cannot be stopped midway
        self._arret = threading.Event()
        self.affichees = 0  # the lines already in the table (added a few hundred at a time)
        self.recherche: Worker[None] | None = None  # the search for the reminders due, while it runs

    def compose(self) -> ComposeResult:
        au = self.app.aujourdhui()
        with Vertical(id="relances"):
            yield Label(f"Relances et mises en demeure dues au {date_courte(au)}", id="relances-titre")
            yield Static("Recherche des relances dues dans tous les dossiers… Échap pour annuler.", id="relances-etat")
            yield ProgressBar(id="relances-progression", show_eta=False)
            yield DataTable(id="relances-table", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="relances-resultat"):
                yield Static(id="relances-detail")
            yield PiedDePage()

    @property
    def configure(self) -> bool:
        return self.app.service.parametres.courriel.configure

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Dossier", key="reference", width=9)
        table.add_column("Débiteur", key="debiteur", width=22)
        table.add_column("Relance", key="relance", width=22)
        table.add_column("Canal", key="canal", width=8)
        table.add_column("Destinataires ou motif du courrier", key="destinataires", width=28)
        table.add_column("Résultat", key="resultat", width=20)
        table.loading = True
        courriels, au = self.app.service.courriels, self.app.aujourdhui()

        def travail() -> None:
            # Which dossiers owe a reminder reads every dossier: seconds at 10,000, off the screen's thread.
            try:
                lignes = courriels.lot(au)
            except Exception as erreur:  # noqa: BLE001 - explain, keep the app running
                self.app.call_from_thread(self._lot_illisible, message_erreur(erreur))
                return
            self.app.call_from_thread(self._lot_trouve, lignes)

        self.recherche = self.run_worker(travail, thread=True, exit_on_error=False, group="recherche")

    def _lot_illisible(self, message: str) -> None:
        if not self.is_attached:
            return  # closed meanwhile
        self.recherche = None
        self.query_one(DataTable).loading = False
        self.query_one("#relances-etat", Static).update(message + " Échap pour fermer.")

    def _lot_trouve(self, lignes: list[LigneLot]) -> None:
        if not self.is_attached:
            return  # closed meanwhile
        self.recherche = None
        table = self.query_one(DataTable)
        table.loading = False
        self.lignes = lignes
        self.dues = [(ligne.reference, ligne.cle) for ligne in self.lignes]
        if not self.lignes:
            self.query_one("#relances-etat", Static).update("Aucune relance n'est due aujourd'hui. Échap pour fermer.")
            return
        self._afficher_lignes()
        self.query_one("#relances-etat", Static).update(self._annonce())
        self.query_one(ProgressBar).update(total=len(self.lignes), progress=0)
        table.focus()

    def _afficher_lignes(self) -> None:
        """The next PAQUET lines, then a pause for the screen: DataTable measures its new rows at once
        when idle (about 0.1 ms each), so 2,000 rows added together would hold the screen 200 ms."""
        table = self.query_one(DataTable)
        fin = min(self.affichees + PAQUET, len(self.lignes))
        for rang in range(self.affichees + 1, fin + 1):
            ligne = self.lignes[rang - 1]
            table.add_row(ligne.reference, Text(ligne.debiteur), titre(ligne), canal(ligne),
                          Text(ligne.destinataires or ligne.remarque), "", key=str(rang))
        self.affichees = fin
        if fin < len(self.lignes):
            self.set_timer(0.02, self._afficher_lignes)

    def _annonce(self) -> str:
        courriels = sum(1 for ligne in self.lignes if ligne.canal.value == "courriel")
        lettres = len(self.lignes) - courriels
        texte = (f"{len(self.lignes)} relance(s) dues : {courriels} par courriel, {lettres} par courrier (une lettre "
                 "par débiteur reprenant toutes ses factures échues). b : brouillons des courriels et lettres ; ")
        if self.configure:
            p = self.app.service.parametres.courriel
            texte += f"e : envoyer par {p.hote} ({p.envois_par_minute} par minute) et préparer les lettres ; "
        else:
            texte += "envoi impossible tant qu'aucun serveur n'est paramétré (Paramètres > Courriel) ; "
        return texte + "l : tout par courrier. Échap pour fermer."

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "envoyer":
            return not self.en_cours or None  # without a server, pressing it says where to set one
        if action in ("brouillons", "lettres"):
            return not self.en_cours or None
        return True

    # --- the preview ------------------------------------------------------------------------

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key is None or event.row_key.value is None or self.en_cours:
            return
        rang = int(event.row_key.value)
        ligne = self.lignes[rang - 1]
        entete = Text()
        if rang in self.resultats:
            statut, detail = self.resultats[rang]
            entete.append(f"Résultat : {statut}", style=STYLES.get(statut, ""))
            entete.append(f" — {detail}\n\n" if detail else "\n\n")
        if ligne.canal.value != "courriel":
            entete.append(f"{ligne.reference} — {titre(ligne)} par courrier : ", style="bold")
            entete.append(f"{ligne.remarque} La lettre (.docx) est écrite dans le dossier documents/ du dossier.")
            self.query_one("#relances-detail", Static).update(entete)
            return
        self.query_one("#relances-detail", Static).update(entete + Text(f"{ligne.reference} — aperçu du courriel…",
                                                                         style="dim"))
        self._apercu(rang, ligne, entete)

    def _apercu(self, rang: int, ligne: LigneLot, entete: Text) -> None:
        service, au = self.app.service, self.app.aujourdhui()

        def travail() -> None:
            try:
                courriel = service.courriels.preparer(service.charger(ligne.reference), ligne.cle, au)
            except BaseException as erreur:  # noqa: BLE001 - the refusal is the preview
                texte = Text(message_erreur(erreur), style="bold red")
            else:
                texte = Text()
                texte.append("À : ", style="dim")
                texte.append(", ".join(courriel.destinataires.a) + "\n")
                if courriel.destinataires.cc:
                    texte.append("Cc : ", style="dim")
                    texte.append(", ".join(courriel.destinataires.cc) + "\n")
                texte.append("Objet : ", style="dim")
                texte.append(courriel.redaction.objet + "\n", style="bold")
                if courriel.pieces:
                    texte.append("Pièces jointes : ", style="dim")
                    texte.append(", ".join(f"{p.nom} ({taille_lisible(p.taille)})" for p in courriel.pieces) + "\n")
                if courriel.avertissement:
                    texte.append(f"⚠ {courriel.avertissement}\n", style="bold yellow")
                texte.append("\n" + courriel.redaction.texte)
            self.app.call_from_thread(self._montrer_apercu, rang, entete, texte)

        self.run_worker(travail, thread=True, exclusive=True, exit_on_error=False, group="apercu")

    def _montrer_apercu(self, rang: int, entete: Text, texte: Text) -> None:
        table = self.query_one(DataTable)
        if self.en_cours or not table.row_count or table.cursor_row != rang - 1:
            return  # the user moved on meanwhile
        self.query_one("#relances-detail", Static).update(entete + texte)

    # --- the batch --------------------------------------------------------------------------

    def action_brouillons(self) -> None:
        self._lancer(envoyer=False)

    def action_envoyer(self) -> None:
        if not self.configure:
            self.notify("Aucun serveur d'envoi n'est paramétré : Paramètres > Courriel (p dans la liste), ou préparez "
                        "les brouillons (b).", severity="warning", timeout=10)
            return
        self._lancer(envoyer=True)

    def _commencer(self, message: str) -> bool:
        if self.en_cours or not self.lignes:
            return False
        if self.affichees < len(self.lignes):
            self.notify("Les relances s'affichent encore : un instant.", severity="warning")
            return False
        self.en_cours = True
        self._arret.clear()
        self.resultats.clear()
        table = self.query_one(DataTable)
        for rang in range(1, len(self.lignes) + 1):
            table.update_cell(str(rang), "resultat", "")
        self.query_one(ProgressBar).update(total=len(self.lignes), progress=0)
        self.query_one("#relances-etat", Static).update(message)
        self.refresh_bindings()
        return True

    def _lancer(self, *, envoyer: bool) -> None:
        p = self.app.service.parametres.courriel
        quoi = f"Envoi par {p.hote}, {p.envois_par_minute} par minute" if envoyer else "Écriture des brouillons"
        if not self._commencer(f"{quoi} et préparation des lettres… Échap pour arrêter après le message en cours."):
            return
        lignes, au, courriels = list(self.lignes), self.app.aujourdhui(), self.app.service.courriels
        arret = self._arret

        def progression(rang: int, total: int, ligne: LigneLot, statut: Statut, detail: str) -> None:
            self.app.call_from_thread(self._avance, rang, total, ligne.reference, statut.value, detail)

        def travail() -> None:
            try:
                resultat = courriels.traiter_lot(lignes, au, envoyer=envoyer, progression=progression,
                                                 attendre=_attendre(arret), arreter=arret.is_set)
            except _Arrete:
                self.app.call_from_thread(self._arrete)
                return
            except BaseException as erreur:  # noqa: BLE001 - one line's errors are in the result; this is worse
                self.app.call_from_thread(self._echec, message_erreur(erreur))
                return
            self.app.call_from_thread(self._fini, resultat)

        self.run_worker(travail, thread=True, exclusive=True, exit_on_error=False, group="lot")

    def _avance(self, rang: int, total: int, reference: str, statut: str, detail: str) -> None:
        self.resultats[rang] = (statut, detail)
        if statut in ("envoyé", "brouillon écrit", "lettre préparée"):
            self.touches.add(reference)
        self.query_one(ProgressBar).update(progress=rang, total=total)
        self.query_one(DataTable).update_cell(str(rang), "resultat", Text(f"{statut} {detail}".strip(),
                                                                         style=STYLES.get(statut, "")))
        if not self._arret.is_set():
            self.query_one("#relances-etat", Static).update(
                f"{rang}/{total} : {reference} {statut}. Échap pour arrêter après le message en cours.")

    def _fini(self, resultat: ResultatLot) -> None:
        self.en_cours = False
        self.resultat = resultat
        comptes: dict[str, int] = {}
        for _ligne, statut, _detail in resultat.lignes:
            comptes[statut.value] = comptes.get(statut.value, 0) + 1
        bilan = ", ".join(f"{n} {_BILAN.get(statut, (statut, statut))[n > 1]}" for statut, n in comptes.items()) or "rien"
        texte = f"Terminé : {bilan}."
        if len(resultat.lignes) < len(self.lignes):
            texte = f"Arrêté après {len(resultat.lignes)} relance(s) sur {len(self.lignes)} : {bilan}."
        erreurs = comptes.get("erreur", 0)
        if erreurs:
            texte += " Les erreurs sont dans la colonne Résultat (le détail sous la table pour la ligne choisie)."
        for message in resultat.messages_taux:  # once, however many lines it stopped
            texte += f" ⚠ {message}"
        self.query_one("#relances-etat", Static).update(
            texte + " Les fichiers (.eml, .docx) sont dans le dossier documents/ de chaque dossier. Échap pour fermer.")
        self.refresh_bindings()

    def _arrete(self) -> None:
        self.en_cours = False
        bilan = ", ".join(f"{sum(1 for s, _d in self.resultats.values() if s == statut)} {statut}"
                          for statut in dict.fromkeys(s for s, _d in self.resultats.values())) or "rien"
        self.query_one("#relances-etat", Static).update(
            f"Arrêté après {len(self.resultats)} relance(s) sur {len(self.lignes)} : {bilan}. Les suivantes ne sont "
            "pas parties : relancez le lot pour les envoyer (celles déjà faites ne le sont pas deux fois). Échap pour fermer.")
        self.refresh_bindings()

    def _echec(self, message: str) -> None:
        self.en_cours = self.lettres_en_cours = False
        self.query_one("#relances-etat", Static).update(message + " Échap pour fermer.")
        self.refresh_bindings()

    # --- everything by letter (as before e-mail) ---------------------------------------------

    def action_lettres(self) -> None:
        if not self._commencer("Préparation des lettres…"):
            return
        self.lettres_en_cours = True
        service, au = self.app.service, self.app.aujourdhui()
        barre = self.query_one(ProgressBar)

        def avance(fait: int, total: int) -> None:
            self.app.call_from_thread(barre.update, progress=fait, total=total)

        def travail() -> None:
            try:
                rapport = service.documents.preparer_relances(au, avance)
            except BaseException as erreur:  # noqa: BLE001
                self.app.call_from_thread(self._echec, message_erreur(erreur))
                return
            self.app.call_from_thread(self._lettres_faites, rapport)

        self.run_worker(travail, thread=True, exclusive=True, exit_on_error=False, group="lot")

    def _lettres_faites(self, rapport: RapportRelances) -> None:
        self.en_cours = self.lettres_en_cours = False
        self.rapport = rapport
        rangs = {ligne.reference: rang for rang, ligne in enumerate(self.lignes, start=1)}
        table = self.query_one(DataTable)

        def noter(reference: str, statut: str, detail: str) -> None:
            if reference in rangs:
                self.resultats[rangs[reference]] = (statut, detail)
                table.update_cell(str(rangs[reference]), "resultat", Text(f"{statut} {detail}".strip(),
                                                                          style=STYLES.get(statut, "")))

        for reference, _titre, chemin in rapport.prepares:
            self.touches.add(reference)
            noter(reference, "lettre préparée", chemin.name)
        for reference in rapport.deja_prepares:
            noter(reference, "déjà fait", "")
        for reference, message in rapport.erreurs:
            noter(reference, "erreur", message)
        for reference, semestre, _serie in rapport.sans_taux:
            noter(reference, "erreur", f"taux du semestre {semestre} inconnu")
        taux = " ".join(f"⚠ {m}" for m in rapport.messages_taux)  # once, however many dossiers it stopped
        self.query_one("#relances-etat", Static).update(
            f"{len(rapport.prepares)} courrier(s) préparé(s), {len(rapport.deja_prepares)} déjà prêt(s), "
            f"{len(rapport.erreurs) + len({r for r, _s, _t in rapport.sans_taux})} échec(s). "
            + (f"{taux} " if taux else "")
            + "Les fichiers sont dans le dossier documents/ de chaque dossier. Échap pour fermer.")
        self.refresh_bindings()

    def action_fermer(self) -> None:
        if self.recherche is not None:
            self.recherche.cancel()  # a search only reads: nothing to undo
        if self.en_cours and self.lettres_en_cours:
            self.notify("La préparation des lettres est en cours : attendez la fin.", severity="warning")
            return
        if self.en_cours:
            if not self._arret.is_set():
                self._arret.set()
                self.query_one("#relances-etat", Static).update(
                    "Arrêt demandé : le message en cours s'achève, les suivants ne partent pas…")
            return
        self.dismiss(sorted(self.touches) or None)


