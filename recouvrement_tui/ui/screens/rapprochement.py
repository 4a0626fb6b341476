"""After an import from the accounts: what changed, dossier by dossier (issue 16, point 5).

One row per dossier created or completed: its new invoices, its new payments, what to do next
(closing proposed once paid, the décompte filed to update in a court route) and where the accounts
and the dossier disagree. Enter opens the dossier; Escape returns to the list.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from recouvrement_tui.domain.formatage import date_courte, montant
from recouvrement_tui.domain.model import Creance, Paiement
from recouvrement_tui.domain.money import ZERO
from recouvrement_tui.ui.widgets.table_virtuelle import Colonne, Ligne, TableVirtuelle, normaliser

if TYPE_CHECKING:
    from recouvrement_tui.exchange.fec import PlanFec
    from recouvrement_tui.ui.app import RecouvrementApp


@dataclass(frozen=True)
class Rapprochement:
    """What an applied import did to one dossier."""

    reference: str  # "" while the dossier is not created (a preview)
    nouveau: bool
    debiteur: str
    compte: str
    factures: tuple[Creance, ...]
    paiements: tuple[Paiement, ...]
    solde: bool
    en_procedure: bool
    desaccords: tuple[str, ...]

    @property
    def suites(self) -> list[str]:
        suites = ["dossier créé"] if self.nouveau else []
        if self.solde and not self.nouveau:
            suites.append("soldé : clôture proposée")
        if self.en_procedure and self.paiements:
            suites.append("en procédure : décompte à mettre à jour")
        if self.desaccords:
            n = len(self.desaccords)
            suites.append(f"⚠ {n} désaccord{'s' if n > 1 else ''}")
        return suites


def rapprochements(plan: PlanFec) -> list[Rapprochement]:
    """The plan's changes, each new dossier with the reference it was given (in the order of a_creer)."""
    creees = iter(plan.references_creees)
    lignes = []
    for c in plan.changements:
        if c.rien:
            continue
        reference = next(creees, "") if c.nouveau else c.dossier.reference
        lignes.append(Rapprochement(
            reference, c.nouveau, c.dossier.debiteur.nom_complet, c.dossier.debiteur.compte_client,
            c.factures, c.paiements, c.solde, c.en_procedure, c.desaccords,
        ))
    return lignes


def _total(valeurs) -> Decimal:
    return sum(valeurs, ZERO)


def cellule_factures(r: Rapprochement) -> str:
    if not r.factures:
        return ""
    numeros = ", ".join(f.numero for f in r.factures[:4]) + ("…" if len(r.factures) > 4 else "")
    return f"{montant(_total(f.montant_ttc for f in r.factures))} : {numeros}"  # the total first: never cut


def cellule_paiements(r: Rapprochement) -> str:
    if not r.paiements:
        return ""
    total = montant(_total(p.montant for p in r.paiements))
    if len(r.paiements) == 1:
        return f"{total} le {date_courte(r.paiements[0].date)}"
    dates = sorted(p.date for p in r.paiements)
    return f"{len(r.paiements)} : {total} du {date_courte(dates[0])} au {date_courte(dates[-1])}"


def detail(r: Rapprochement) -> Text:
    """Under the table, the highlighted dossier in full."""
    qui = r.reference or "nouveau dossier"
    texte = Text()
    texte.append(f"{qui} — {r.debiteur}", style="bold")
    if r.compte:
        texte.append(f" (compte {r.compte})")
    texte.append(", dossier créé\n" if r.nouveau else "\n")
    for f in r.factures:
        texte.append(f"  Facture {f.numero} du {date_courte(f.date_facture)}, échéance {date_courte(f.date_echeance)} : "
                     f"{montant(f.montant_ttc)}\n")
    for p in r.paiements:
        texte.append(f"  {p.mode.libelle} du {date_courte(p.date)} : {montant(p.montant)}\n")
    if r.solde and not r.nouveau:
        texte.append("  Soldé : plus rien n'est dû, la clôture du dossier est proposée.\n", style="green")
    if r.en_procedure and r.paiements:
        texte.append("  En procédure : le décompte déposé est à mettre à jour.\n", style="yellow")
    for d in r.desaccords:
        texte.append(f"  ⚠ {d}\n", style="yellow")
    return texte


class TableRapprochement(TableVirtuelle):
    COLONNES = (
        Colonne("reference", "Dossier", 10),
        Colonne("debiteur", "Débiteur", 24),
        Colonne("factures", "Factures nouvelles", 26),
        Colonne("paiements", "Paiements nouveaux", 30),
        Colonne("suites", "À faire", 0),
    )


def ligne(numero: int, r: Rapprochement) -> Ligne:
    cellules = (r.reference or "nouveau", r.debiteur, cellule_factures(r), cellule_paiements(r), " ; ".join(r.suites))
    recherche = normaliser(f"{r.reference} {r.debiteur} {r.compte} {' '.join(f.numero for f in r.factures)}")
    return Ligne(r.reference or f"nouveau-{numero}", cellules, recherche, r)


class EcranRapprochement(Screen[None]):
    """What an import from the accounts changed, per dossier."""

    if TYPE_CHECKING:
        app: RecouvrementApp  # for mypy: Textual types it App[object]; ours has service, aujourdhui()…

    DEFAULT_CSS = """
    #rapprochement-resume { height: auto; padding: 0 1; text-style: bold; }
    #rapprochement-table { height: 1fr; scrollbar-gutter: stable; }
    #rapprochement-detail { height: auto; max-height: 12; padding: 0 1; border-top: solid $accent; }
    """

    BINDINGS = [Binding("escape", "retour", "Liste", id="rapprochement.retour")]

    def __init__(self, plan: PlanFec) -> None:
        super().__init__()
        self.plan = plan
        self.lignes = rapprochements(plan)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text(self.plan.resume()), id="rapprochement-resume")
        yield TableRapprochement(self.app.aujourdhui(), id="rapprochement-table")
        yield Static("", id="rapprochement-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Rapprochement avec la comptabilité"
        self.sub_title = self.plan.fichier
        table = self.query_one(TableRapprochement)
        table.charger([ligne(i, r) for i, r in enumerate(self.lignes)])
        table.focus()
        if not self.lignes:
            self.query_one("#rapprochement-detail", Static).update("Aucun dossier n'a changé.")

    def on_table_virtuelle_surlignee(self, event: TableVirtuelle.Surlignee) -> None:
        self.query_one("#rapprochement-detail", Static).update(detail(event.ligne.donnee) if event.ligne else "")

    def on_table_virtuelle_ouvrir(self, event: TableVirtuelle.Ouvrir) -> None:
        r: Rapprochement = event.ligne.donnee
        if not r.reference:
            self.notify("Ce dossier n'a pas été créé.", severity="warning")
            return
        self.app.ouvrir_dossier(r.reference)

    def action_retour(self) -> None:
        self.app.ecran_liste.actualiser(forcer=True)
        self.dismiss()
