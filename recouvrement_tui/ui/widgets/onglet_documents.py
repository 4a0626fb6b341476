"""The Documents tab: every version of every generated letter, and whether it was edited since."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from recouvrement_tui.documents.versions import Version
from recouvrement_tui.domain.formatage import date_courte


class OngletDocuments(Vertical):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.versions: list[Version] = []

    def compose(self) -> ComposeResult:
        yield DataTable(id="table-documents", cursor_type="row", zebra_stripes=True)
        yield Static(id="documents-detail")

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns("Date", "Document", "Version", "État", "Enregistré par")

    def afficher(self, versions: list[Version]) -> None:
        self.versions = versions
        table = self.query_one(DataTable)
        table.clear()
        for v in versions:
            etat = Text(v.etat, style="bold yellow" if v.modifie or not v.present else "")
            table.add_row(date_courte(v.date), Text(v.titre), f"v{v.version}", etat, Text(v.auteur), key=v.chemin)
        detail = self.query_one("#documents-detail", Static)
        if not versions:
            detail.update(
                "Aucun document. g : générer un courrier ou un acte à partir d'un modèle."
            )
        else:
            self._detailler(versions[0])

    def selection(self) -> Version | None:
        table = self.query_one(DataTable)
        if not self.versions or table.cursor_row < 0:
            return None
        return self.versions[min(table.cursor_row, len(self.versions) - 1)]

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if version := self.selection():
            self._detailler(version)

    def _detailler(self, v: Version) -> None:
        texte = Text()
        texte.append(f"{v.chemin}\n", style="bold")
        if v.enregistre_le:
            texte.append(f"Inscrit au journal le {v.enregistre_le:%d/%m/%Y à %H:%M} par {v.auteur}. ")
        texte.append(f"SHA-256 enregistré : {v.empreinte_journal or '—'}\n", style="dim")
        if v.modifie and not v.depose_comme:
            texte.append(
                "Ce fichier a été modifié depuis son enregistrement : v pour le déposer comme nouvelle version.\n",
                style="yellow",
            )
        texte.append("o : ouvrir · v : déposer une version révisée · g : générer", style="dim")
        self.query_one("#documents-detail", Static).update(texte)
