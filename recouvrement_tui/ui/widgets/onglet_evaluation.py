"""The dossier's "Évaluation" tab: each route's cost against what it can bring back.

A table of the routes, a bar chart (expected cost against expected recovery, one scale for
all), the recommendation with its reasons, and the highlighted route's detail: every cost
with its source, sums a court may put on the debtor, warnings, and the assumptions applied.
A route the legal guard refuses is greyed with its reason; an engaged route shows what remains
to be spent ("reste à engager") and what was already spent, not counted.
"""

from __future__ import annotations

from decimal import Decimal

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from recouvrement_tui.domain.evaluation import Evaluation, RouteEvaluee
from recouvrement_tui.domain.formatage import date_courte, montant, pourcentage

LARGEUR_BARRE = 46


def _droite(texte: str, style: str = "") -> Text:
    return Text(texte, justify="right", style=style)


def graphique(evaluation: Evaluation) -> Text:
    """Horizontal bars: expected cost (red) and expected recovery (green) per possible route."""
    possibles = [r for r in evaluation.routes if r.possible]
    texte = Text()
    if not possibles:
        return texte
    echelle = max(max(r.recuperation_attendue, r.cout_attendu + r.cout_du_delai) for r in possibles) or Decimal(1)
    texte.append("Coût attendu, délai compris ", style="bold red")
    texte.append("face au ")
    texte.append("recouvrement attendu", style="bold green")
    texte.append(" (même échelle pour toutes les voies)\n")
    for r in possibles:
        cout = r.cout_attendu + r.cout_du_delai
        n_cout = max(1 if cout > 0 else 0, int(cout / echelle * LARGEUR_BARRE))
        n_recup = max(1 if r.recuperation_attendue > 0 else 0, int(r.recuperation_attendue / echelle * LARGEUR_BARRE))
        texte.append(f"{r.route.libelle:<24}")
        texte.append("█" * n_cout, style="red")
        texte.append(f" {montant(cout)}\n")
        texte.append(" " * 24)
        texte.append("█" * n_recup, style="green")
        texte.append(f" {montant(r.recuperation_attendue)}\n")
    return texte


class OngletEvaluation(VerticalScroll):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.evaluation: Evaluation | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="evaluation-resume")
        yield DataTable(id="table-evaluation", cursor_type="row", zebra_stripes=True)
        yield Static(id="evaluation-graphique")
        yield Static(id="evaluation-detail")

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(
            "Voie", "Coût attendu", "Recouvrement attendu", "Net attendu", "Coût / dette", "Probabilité", "Durée", "Alertes"
        )

    def afficher(self, evaluation: Evaluation | None, erreur: str = "", insolvabilite: bool = False) -> None:
        self.evaluation = evaluation
        table = self.query_one(DataTable)
        table.clear()
        resume = self.query_one("#evaluation-resume", Static)
        if evaluation is None:
            resume.update(Text(f"Évaluation indisponible : {erreur}", style="bold red"))
            self.query_one("#evaluation-graphique", Static).update("")
            self.query_one("#evaluation-detail", Static).update("")
            return
        texte = Text()
        texte.append(f"Au {date_courte(evaluation.au)} : {montant(evaluation.montant_du)} exigibles, "
                     f"{evaluation.anciennete_mois} mois d'ancienneté", style="bold")
        texte.append(" · signes d'insolvabilité pris en compte" if insolvabilite else "", style="yellow")
        texte.append("\nRecommandation : ", style="bold")
        vert = evaluation.recommandation is not None or evaluation.titre_obtenu
        texte.append(evaluation.conseil + "\n", style="bold green" if vert else "bold red")
        for raison in evaluation.raisons:
            texte.append(f"  • {raison}\n")
        resume.update(texte)
        for r in evaluation.routes:
            if not r.possible:
                table.add_row(Text(r.route.libelle, style="dim"), _droite("impossible", "dim"),
                              "", "", "", "", "", "", key=r.route.value)
                continue
            part = evaluation.part_de_la_dette(r)
            table.add_row(
                Text(r.route.libelle + (" (engagée)" if r.engagee else ""),
                     style="bold" if r.route is evaluation.recommandation else ""),
                _droite(montant(r.cout_attendu)),
                _droite(montant(r.recuperation_attendue)),
                _droite(montant(r.net_attendu), "green" if r.net_attendu > 0 else "red"),
                _droite(pourcentage(part, 1) if part is not None else ""),
                _droite(pourcentage(r.probabilite * 100)),
                _droite(f"{r.duree_jours} j"),
                _droite(str(len(r.avertissements)) if r.avertissements else ""),
                key=r.route.value,
            )
        self.query_one("#evaluation-graphique", Static).update(graphique(evaluation))
        rang = next((i for i, r in enumerate(evaluation.routes) if r.route is evaluation.recommandation), 0)
        table.move_cursor(row=rang)
        self._detailler(evaluation.routes[rang])

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if self.evaluation is None or event.row_key is None:
            return
        route = next((r for r in self.evaluation.routes if r.route.value == event.row_key.value), None)
        if route is not None:
            self._detailler(route)

    def _detailler(self, r: RouteEvaluee) -> None:
        texte = Text()
        texte.append(f"{r.route.libelle}", style="bold")
        texte.append(f" — {r.juridiction}\n" if r.juridiction else "\n")
        if not r.possible:
            texte.append(f"Impossible : {r.raison}\n", style="red")
        elif r.engagee:
            texte.append("Voie engagée — reste à engager :\n", style="bold")
        for c in r.couts:
            marque = " (à confirmer)" if c.a_confirmer else ""
            quand = ", payé seulement sur ce qui est recouvré" if c.si_recouvre else ""
            rendu = ", récupérable sur le débiteur (dépens)" if c.recuperable else ""
            texte.append(f"  {montant(c.montant):>12}  {c.libelle}{quand}{rendu}{marque}\n")
            if c.source:
                texte.append(f"{'':>16}{c.source}\n", style="dim")
        for c in r.deja_engages:
            texte.append(f"  {montant(c.montant):>12}  {c.libelle} — déjà engagé, non compté\n", style="dim")
        for c in r.a_charge_du_debiteur:
            texte.append(f"  {montant(c.montant):>12}  {c.libelle} — à la charge du débiteur\n", style="cyan")
        if r.possible:
            texte.append(f"  Coût du délai ({r.duree_jours} jours) : {montant(r.cout_du_delai)}\n", style="dim")
        for a in r.avertissements:
            texte.append(f"  ⚠ {a}\n", style="yellow")
        if self.evaluation:
            texte.append("Hypothèses (touche h pour les modifier) :\n", style="bold")
            for h in self.evaluation.hypotheses_appliquees:
                texte.append(f"  {h}\n", style="dim")
        self.query_one("#evaluation-detail", Static).update(texte)
