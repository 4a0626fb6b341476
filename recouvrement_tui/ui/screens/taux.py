"""The rates screen (Taux du semestre): add a published half-year's ECB and legal rates.

The application's generic form; the service checks what is typed against the series
(domain.taux.verifier_ajout) and writes it to the data folder's taux/ files. Opened from the
command palette (« Taux du semestre »), from the settings (Ctrl+R) and from the agenda's line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.widgets import Static

from recouvrement_tui.domain.formatage import taux_sans_signe
from recouvrement_tui.domain.taux import AjoutTaux
from recouvrement_tui.ui.widgets.formulaire import Champ, Formulaire, Section, TypeChamp

if TYPE_CHECKING:
    from recouvrement_tui.services.dossiers import ServiceDossiers

SECTIONS_TAUX = [
    Section("Semestre", (
        Champ("semestre", "Semestre", aide="2027-S1 (janvier à juin) ou 2027-S2 (juillet à décembre)", obligatoire=True),
    )),
    Section("Taux BCE (taux de refinancement en vigueur au 1er janvier ou au 1er juillet)", (
        Champ("bce", "Taux BCE (%)", aide="2,15 ; les pénalités B2B en découlent (+ 10 points)"),
    )),
    Section("Taux de l'intérêt légal (les deux ensemble)", (
        Champ("legal_particulier", "Créanciers personnes physiques hors activité professionnelle (%)", aide="6,50"),
        Champ("legal_autres", "Autres cas (%)", aide="2,60"),
    )),
    Section("Publication", (
        Champ("source", "Source", aide="décision BCE du 10/12/2026 ; arrêté du 18/12/2026 (JORF du 24/12/2026)",
              obligatoire=True),
        Champ("a_confirmer", "À confirmer (rapporté par une source secondaire)", TypeChamp.CASE),
        Champ("remplacer", "Remplacer la valeur déjà saisie (les décomptes déjà produits ne changent pas)",
              TypeChamp.CASE),
    )),
]


def derniers_connus(service: ServiceDossiers) -> str:
    """The last two half-years of each series, to type the next one beside them."""
    series = service.taux
    bce = ", ".join(f"{l.semestre} : {taux_sans_signe(l.valeurs['taux_bce'])}" for l in series.bce.semestres()[-2:])
    legal = ", ".join(
        f"{l.semestre} : {taux_sans_signe(l.valeurs['creancier_particulier'])} / {taux_sans_signe(l.valeurs['autres_cas'])}"
        for l in series.legal.semestres()[-2:])
    return f"Derniers connus : taux BCE {bce} ; intérêt légal (particuliers / autres cas) {legal}."


class EcranTaux(Formulaire[AjoutTaux]):
    """Dismisses with the half-year added, or None."""

    DEFAULT_CSS = "EcranTaux #taux-connus { color: $text-muted; padding: 0 1; }"

    def __init__(self, service: ServiceDossiers) -> None:
        valeurs: dict[str, Any] = {"semestre": service.semestre_propose()}
        super().__init__("Taux du semestre", SECTIONS_TAUX, valeurs, service.ajouter_taux, bouton="Ajouter")
        self.service = service

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#formulaire").mount(Static(derniers_connus(self.service), id="taux-connus"),
                                            before="#formulaire-champs")
        self.query_one("#champ-bce").focus()
