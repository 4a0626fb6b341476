"""The dashboard: the portfolio's figures as tables with bars; Enter on a row opens the list
restricted to the dossiers behind it."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static
from textual.worker import Worker, WorkerState

from recouvrement_tui.domain.formatage import date_courte, montant, nombre
from recouvrement_tui.domain.tableau_de_bord import HORIZON_CRITIQUES, JOURS_DSO, Chiffre, TableauDeBord
from recouvrement_tui.system.incidents import consigner
from recouvrement_tui.ui.widgets.pied_de_page import PiedDePage

if TYPE_CHECKING:
    from recouvrement_tui.ui.app import RecouvrementApp

LARGEUR_BARRE = 24


def barre(valeur: Decimal, maximum: Decimal) -> Text:
    """A horizontal bar of `valeur` against `maximum` (eighths of a cell for precision)."""
    if maximum <= 0 or valeur <= 0:
        return Text("")
    huitiemes = int(valeur / maximum * LARGEUR_BARRE * 8)
    pleins, reste = divmod(max(huitiemes, 1), 8)
    return Text("█" * pleins + (" ▏▎▍▌▋▊▉"[reste] if reste else ""), style="bold cyan")


class EcranTableauDeBord(Screen):
    """The figures of every dossier, from the index (see domain.tableau_de_bord for the definitions)."""

    if TYPE_CHECKING:
        app: RecouvrementApp

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Liste", id="tableau.retour"),
        Binding("f5", "recalculer", "Recalculer", id="tableau.recalculer"),
    ]

    DEFAULT_CSS = """
    EcranTableauDeBord VerticalScroll { padding: 0 1; }
    EcranTableauDeBord .titre { text-style: bold; margin-top: 1; }
    EcranTableauDeBord DataTable { height: auto; max-height: 16; }
    """

    def __init__(self) -> None:
        super().__init__()
        self._figures: dict[str, Chiffre] = {}  # row key -> the figure behind it

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Static("Calcul du tableau de bord…", id="synthese")
            for cle, titre in (("etapes", "Par étape"), ("anciennete", "Ancienneté (principal restant dû)"),
                               ("mois", "Recouvré par mois"), ("actions", "En justice, titres et actions"),
                               ("issues", "Issue par voie")):
                yield Static(titre, classes="titre")
                yield DataTable(id=cle, cursor_type="row", zebra_stripes=True)
        yield PiedDePage()

    def on_mount(self) -> None:
        self.title = "Tableau de bord"
        self.sub_title = f"au {date_courte(self.app.aujourdhui())}"
        self.calculer()

    def action_recalculer(self) -> None:
        self.query_one("#synthese", Static).update("Calcul du tableau de bord…")
        self.calculer()

    def donnees_changees(self) -> None:
        """A colleague saved a dossier (seen by the list's watch, which has just checked every
        folder): add up again."""
        self.calculer(verifier=False)

    @work(thread=True, exclusive=True, group="tableau", exit_on_error=False)
    def calculer(self, verifier: bool = True) -> None:
        """Read the index (checked against the folders) and add up, off the event loop."""
        tableau = self.app.service.tableau_de_bord(self.app.aujourdhui(), verifier=verifier)
        self.app.call_from_thread(self.afficher, tableau)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR:
            assert event.worker.error is not None
            message = consigner(event.worker.error)
            self.query_one("#synthese", Static).update("Le tableau de bord n'a pas pu être calculé.")
            self.notify(message, title="Tableau de bord", severity="error", timeout=15)

    def afficher(self, t: TableauDeBord) -> None:
        self._figures = {}
        self.query_one("#synthese", Static).update(self._synthese(t))
        self._remplir_barres("etapes", ("Étape", "Dossiers", "Montant", ""),
                             [(c.libelle, str(c.nombre), c) for c in t.par_etape])
        self._remplir_barres("anciennete", ("Tranche", "Dossiers", "Principal", ""),
                             [(c.libelle, str(c.nombre), c) for c in t.anciennete])
        self._remplir_barres("mois", ("Mois", "Dossiers", "Recouvré", ""),
                             [(f"{m:%m/%Y}", str(len(c.references)), c) for m, c in t.recouvre_par_mois])
        self._remplir("actions", ("", "Dossiers", "Montant / actions", ""), [
            (t.en_justice, ["En justice", str(t.en_justice.nombre), montant(t.en_justice.montant), ""]),
            (t.titres_a_executer, ["Titres à exécuter", str(t.titres_a_executer.nombre),
                                   montant(t.titres_a_executer.montant), ""]),
            *[(c, [c.libelle, str(len(c.references)), f"{c.nombre} action{'s' if c.nombre > 1 else ''}", ""])
              for c in (t.actions_en_retard, t.critiques_en_retard, t.critiques_a_venir)],
        ])
        lignes = []
        for i in t.issues:
            # Labelled with the route on a copy: the dashboard's own figures are left as computed.
            issues = [replace(c, libelle=f"{i.libelle} : {c.libelle.lower()}") for c in (i.recouvre, i.poursuivi, i.perdu)]
            lignes += [(c, [c.libelle, str(c.nombre), montant(c.montant), ""]) for c in issues if c.nombre]
        self._remplir("issues", ("Voie : issue", "Dossiers", "Recouvré / encours / payé", ""), lignes)
        self.query_one("#etapes", DataTable).focus()

    def _synthese(self, t: TableauDeBord) -> Text:
        texte = Text()
        texte.append("Encours (principal restant dû) : ", style="bold")
        texte.append(f"{montant(t.encours.montant)} sur {t.encours.nombre} dossier(s) ouvert(s)\n")
        texte.append("Total dû avec intérêts : ", style="bold")
        if periode := t.periode_des_decomptes:
            texte.append(f"{montant(t.du_avec_interets.montant)} (décomptes arrêtés {periode}")
            texte.append(f", {t.sans_decompte.nombre} dossier(s) sans décompte)\n" if t.sans_decompte.nombre else ")\n")
        else:
            texte.append("aucun décompte calculé\n")
        texte.append("DSO : ", style="bold")
        texte.append(f"{nombre(t.dso, 1)} jours" if t.dso is not None else "non calculable")
        texte.append(f" (encours / factures des {JOURS_DSO} derniers jours × {JOURS_DSO})\n")
        texte.append("Actions en retard : ", style="bold")
        texte.append(f"{t.actions_en_retard.nombre}, dont {t.critiques_en_retard.nombre} critique(s) ⚠ ; "
                     f"critiques dans les {HORIZON_CRITIQUES} jours : {t.critiques_a_venir.nombre}")
        if t.endommages:
            texte.append(f"\n⚠ {t.endommages} dossier(s) illisible(s), non compté(s)", style="bold red")
        texte.append("\nEntrée sur une ligne : la liste des dossiers concernés.", style="dim")
        return texte

    def _remplir_barres(self, cle: str, colonnes: tuple[str, ...], lignes: list[tuple[str, str, Chiffre]]) -> None:
        """Rows of (label, count, figure) with the figure's amount and its bar against the table's largest."""
        maximum = max((c.montant for _, _, c in lignes), default=Decimal(0))
        self._remplir(cle, colonnes, [(c, [libelle, nombre_, montant(c.montant), barre(c.montant, maximum)])
                                      for libelle, nombre_, c in lignes])

    def _remplir(self, cle: str, colonnes: tuple[str, ...], lignes: list[tuple[Chiffre, list]]) -> None:
        table = self.query_one(f"#{cle}", DataTable)
        table.clear(columns=True)
        for i, titre in enumerate(colonnes):
            table.add_column(Text(titre, justify="right") if i in (1, 2) else titre, key=str(i))
        for rang, (chiffre, cellules) in enumerate(lignes):
            cle_ligne = f"{cle}-{rang}"
            self._figures[cle_ligne] = chiffre
            table.add_row(*[Text(c, justify="right") if i in (1, 2) and isinstance(c, str) else c
                            for i, c in enumerate(cellules)], key=cle_ligne)

    @on(DataTable.RowSelected)
    def _ouvrir(self, event: DataTable.RowSelected) -> None:
        chiffre = self._figures.get(str(event.row_key.value))
        if chiffre is None:
            return
        if not chiffre.references:
            self.notify("Aucun dossier derrière ce chiffre.", title="Tableau de bord")
            return
        liste = self.app.ecran_liste
        while len(self.app.screen_stack) > 1 and self.app.screen is not liste:
            self.app.pop_screen()
        liste.filtrer_references(chiffre.libelle, chiffre.references)
