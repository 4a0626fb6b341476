"""After an import from the accounts: what changed, dossier by dossier (issue 16, point 5).

One row per dossier created or completed: its new invoices, its new payments, what to do next
(closing proposed once paid, the décompte filed to update in a court route) and where the accounts
and the dossier disagree. Enter opens the dossier; Escape returns to the list.

Two sources fill the same rows: a FEC's plan (`rapprochements`) and an aged balance's
(`rapprochements_balance`: new invoices only, and invoices already in a dossier whose amount owed
differs; a balance has no payments, so its table has no payments column).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, Static

from recouvrement_tui.domain.formatage import date_courte, montant
from recouvrement_tui.domain.model import Creance, Paiement
from recouvrement_tui.domain.money import ZERO
from recouvrement_tui.ui.widgets.pied_de_page import PiedDePage
from recouvrement_tui.ui.widgets.table_virtuelle import Colonne, Ligne, TableVirtuelle, normaliser

if TYPE_CHECKING:
    from recouvrement_tui.exchange.balance import PlanImport
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
    paiements: tuple[Paiement, ...] = ()
    solde: bool = False
    en_procedure: bool = False
    desaccords: tuple[str, ...] = ()

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


def rapprochements_balance(plan: PlanImport, noms: Mapping[str, str] | None = None) -> list[Rapprochement]:
    """An applied balance's changes: the dossiers created (with the reference each was given), those
    completed, and each dossier holding an invoice of the file whose amount owed differs (`noms`: the
    debtor of a dossier by its reference, for those the import did not touch)."""
    ecarts: dict[str, list[str]] = {}
    for d in plan.ecarts:
        ecarts.setdefault(d.reference, []).append(
            f"Facture {d.facture.numero} : reste dû {montant(d.facture.montant)} selon la balance, "
            f"{montant(d.reste_dossier)} dans le dossier (un paiement à enregistrer ?)"
        )
    lignes = []
    for rang, client in enumerate(plan.a_creer):
        reference = plan.references_creees[rang] if rang < len(plan.references_creees) else ""
        lignes.append(Rapprochement(reference, True, client.debiteur().nom_complet, "",
                                    tuple(f.creance() for f in client.factures),
                                    desaccords=tuple(ecarts.pop(reference, ()))))
    for complement in plan.a_completer:
        dossier = complement.dossier
        lignes.append(Rapprochement(dossier.reference, False, dossier.debiteur.nom_complet, "",
                                    tuple(f.creance() for f in complement.factures),
                                    desaccords=tuple(ecarts.pop(dossier.reference, ()))))
    for reference, desaccords in ecarts.items():
        nom = (noms or {}).get(reference, "")
        lignes.append(Rapprochement(reference, False, nom, "", (), desaccords=tuple(desaccords)))
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
    COLONNES: tuple[Colonne, ...] = (
        Colonne("reference", "Dossier", 10),
        Colonne("debiteur", "Débiteur", 24),
        Colonne("factures", "Factures nouvelles", 26),
        Colonne("paiements", "Paiements nouveaux", 30),
        Colonne("suites", "À faire", 0),
    )


class TableRapprochementBalance(TableRapprochement):
    """After a balance: no payments column (a balance has none)."""

    COLONNES = tuple(c for c in TableRapprochement.COLONNES if c.cle != "paiements")


def ligne(numero: int, r: Rapprochement, *, paiements: bool = True) -> Ligne:
    cellules: tuple[str, ...] = (r.reference or "nouveau", r.debiteur, cellule_factures(r))
    cellules += (cellule_paiements(r),) if paiements else ()
    cellules += (" ; ".join(r.suites),)
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

    def __init__(self, lignes: list[Rapprochement], resume: str, fichier: str, *, paiements: bool = True) -> None:
        super().__init__()
        self.lignes = lignes
        self.resume = resume
        self.fichier = fichier
        self.paiements = paiements  # a payments column (a FEC's), or none (a balance's)

    @classmethod
    def du_fec(cls, plan: PlanFec) -> EcranRapprochement:
        return cls(rapprochements(plan), plan.resume(), plan.fichier)

    @classmethod
    def de_la_balance(cls, plan: PlanImport, fichier: str, noms: Mapping[str, str]) -> EcranRapprochement:
        return cls(rapprochements_balance(plan, noms), plan.resume(), fichier, paiements=False)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text(self.resume), id="rapprochement-resume")
        table = TableRapprochement if self.paiements else TableRapprochementBalance
        yield table(self.app.aujourdhui(), id="rapprochement-table")
        yield Static("", id="rapprochement-detail")
        yield PiedDePage()

    def on_mount(self) -> None:
        self.title = "Rapprochement avec la comptabilité"
        self.sub_title = self.fichier
        table = self.query_one(TableRapprochement)
        table.charger([ligne(i, r, paiements=self.paiements) for i, r in enumerate(self.lignes)])
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
