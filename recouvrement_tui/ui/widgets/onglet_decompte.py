"""The dossier's "Décompte" tab: interest line by line, imputations, totals and warnings."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Input, Label, Static

from recouvrement_tui.domain.dates import lire_date
from recouvrement_tui.domain.decompte import Decompte
from recouvrement_tui.domain.formatage import date_courte, montant, taux
from recouvrement_tui.domain.model import Dossier
from recouvrement_tui.services.erreurs import ErreurSaisie, TauxIllisibles, TauxInconnu

if TYPE_CHECKING:
    from recouvrement_tui.ui.app import RecouvrementApp


def _droite(texte: str) -> Text:
    return Text(texte, justify="right")


class OngletDecompte(VerticalScroll):
    """Recomputed whenever the dossier or the statement date changes."""

    if TYPE_CHECKING:
        app: RecouvrementApp  # for mypy: Textual types it App[object]; ours has service, aujourdhui()…

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.dossier: Dossier | None = None
        self.au: dt.date | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="decompte-entete"):
            yield Label("Arrêté au ", id="decompte-libelle-au")
            yield Input(placeholder="JJ/MM/AAAA", id="decompte-au")
            yield Static("", id="decompte-erreur-au", classes="erreur-ligne")
        yield Static(id="decompte-conditions")
        yield Static(id="decompte-message")
        yield Label("Intérêts, période par période", classes="section")
        yield DataTable(id="decompte-lignes", cursor_type="row", zebra_stripes=True)
        yield Label("Paiements et leur imputation", classes="section")
        yield DataTable(id="decompte-imputations", cursor_type="row", zebra_stripes=True)
        yield Static(id="decompte-totaux")
        yield Static(id="decompte-avertissements")

    def on_mount(self) -> None:
        self.query_one("#decompte-lignes", DataTable).add_columns(
            "Facture", "Du", "Au", "Jours", "Taux", "Assiette", "Intérêts", "Régime"
        )
        self.query_one("#decompte-imputations", DataTable).add_columns(
            "Date", "Paiement imputé", "Facture", "Indemnité", "Intérêts", "Principal"
        )

    def afficher(self, dossier: Dossier, au: dt.date | None = None) -> None:
        self.dossier = dossier
        if au is not None or self.au is None:
            self.au = au or self.app.aujourdhui()
            self.query_one("#decompte-au", Input).value = date_courte(self.au)
        self._calculer()

    @on(Input.Submitted, "#decompte-au")
    @on(Input.Changed, "#decompte-au")
    def _date_changee(self, event: Input.Changed | Input.Submitted) -> None:
        erreur = self.query_one("#decompte-erreur-au", Static)
        try:
            au = lire_date(event.value, "au")
        except ErreurSaisie as probleme:
            erreur.update(probleme.message)
            return
        erreur.update("")
        if au != self.au:
            self.au = au
            self._calculer()

    def _calculer(self) -> None:
        if self.dossier is None:
            return
        message = self.query_one("#decompte-message", Static)
        try:
            resultat = self.app.service.decompte(self.dossier, self.au)
        except (TauxInconnu, TauxIllisibles) as erreur:
            message.update(Text(str(erreur), style="bold red"))
            for table in self.query(DataTable).results(DataTable):
                table.clear()
            self.query_one("#decompte-totaux", Static).update("")
            self.query_one("#decompte-avertissements", Static).update("")
            return
        message.update("")
        self._montrer(resultat)

    def _montrer(self, d: Decompte) -> None:
        assert self.dossier is not None  # afficher() returned early without one
        c = self.dossier.conditions
        conditions = [
            f"Régime : {c.regime.libelle if c.regime else 'automatique (selon le débiteur et chaque facture)'}",
            f"mise en demeure : {date_courte(c.date_mise_en_demeure) or 'non renseignée'}",
            f"base {'365 jours' if c.base.value == '365' else 'exacte (365/366)'}",
        ]
        if c.date_signification_jugement:
            conditions.append(f"jugement signifié le {date_courte(c.date_signification_jugement)}")
        if c.capitalisation:
            conditions.append("capitalisation annuelle")
        if not c.indemnite_forfaitaire:
            conditions.append("sans indemnité forfaitaire")
        self.query_one("#decompte-conditions", Static).update(
            Text(" · ".join(conditions) + "   (c : modifier les conditions)", style="dim")
        )
        lignes = self.query_one("#decompte-lignes", DataTable)
        lignes.clear()
        for creance in d.creances:
            for l in creance.lignes:
                lignes.add_row(
                    Text(creance.creance.numero),
                    date_courte(l.du),
                    date_courte(l.au),
                    _droite(str(l.jours)),
                    _droite(taux(l.taux) + (" ⚠" if l.a_confirmer else "") + (" +5" if l.majore else "")),
                    _droite(montant(l.assiette)),
                    _droite(montant(l.montant)),
                    creance.regime.court,
                )
        imputations = self.query_one("#decompte-imputations", DataTable)
        imputations.clear()
        for i in d.imputations:
            imputations.add_row(
                date_courte(i.date),
                _droite(montant(i.total)),
                Text(i.numero or "trop-perçu"),
                _droite(montant(i.sur_indemnite)),
                _droite(montant(i.sur_interets)),
                _droite(montant(i.sur_principal)),
            )
        totaux = Text()
        for libelle, valeur in (
            ("Principal restant dû", d.principal),
            ("Intérêts courus", d.interets_courus),
            ("Intérêts restant dus", d.interets),
            ("Indemnités et frais dus", d.indemnites),
        ):
            totaux.append(f"{libelle:<26}{montant(valeur):>16}\n")
        totaux.append(f"{'TOTAL DÛ au ' + date_courte(d.au):<26}{montant(d.total):>16}", style="bold")
        self.query_one("#decompte-totaux", Static).update(totaux)
        avertissements = Text()
        for a in d.avertissements:
            avertissements.append(f"⚠ {a}\n", style="yellow")
        self.query_one("#decompte-avertissements", Static).update(avertissements)
