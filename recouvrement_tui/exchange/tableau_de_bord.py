"""The dashboard as an .xlsx workbook for the finance director: a sheet per table, real
numbers (amounts formatted in euros) and real dates, never text standing for them."""

from __future__ import annotations

import io
from decimal import Decimal

from recouvrement_tui.domain.tableau_de_bord import JOURS_DSO, TableauDeBord

FORMAT_EUROS = '#,##0.00 "€"'
FORMAT_DATE = "DD/MM/YYYY"
FORMAT_MOIS = "MM/YYYY"


def classeur_tableau_de_bord(t: TableauDeBord) -> bytes:
    """The workbook's bytes (sheets: Synthèse, Étapes, Ancienneté, Recouvré par mois, Actions, Issues)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    classeur = Workbook()
    gras = Font(bold=True)

    def entete(f, entetes: list[str], largeurs: list[int]) -> None:
        f.append(entetes)
        for cellule in f[1]:
            cellule.font = gras
        for i, largeur in enumerate(largeurs):
            f.column_dimensions[chr(ord("A") + i)].width = largeur

    def feuille(titre: str, entetes: list[str], largeurs: list[int]):
        f = classeur.create_sheet(titre)
        entete(f, entetes, largeurs)
        f.freeze_panes = "A2"
        return f

    def ligne(f, valeurs: list, formats: dict[int, str]) -> None:
        f.append([float(v) if isinstance(v, Decimal) else v for v in valeurs])
        for colonne, format_ in formats.items():
            f.cell(row=f.max_row, column=colonne).number_format = format_

    synthese = classeur.active
    assert synthese is not None  # a new workbook has one sheet
    synthese.title = "Synthèse"
    entete(synthese, ["Indicateur", "Valeur", "Dossiers"], [48, 18, 10])
    ligne(synthese, ["Arrêté au", t.au, None], {2: FORMAT_DATE})
    ligne(synthese, ["Encours (principal restant dû)", t.encours.montant, t.encours.nombre], {2: FORMAT_EUROS})
    ligne(synthese, ["Total dû avec intérêts (décomptes calculés)", t.du_avec_interets.montant,
                     t.du_avec_interets.nombre], {2: FORMAT_EUROS})
    ligne(synthese, ["Décomptes arrêtés à partir du", t.du_calcule_du, None], {2: FORMAT_DATE})
    ligne(synthese, ["Décomptes arrêtés jusqu'au", t.du_calcule_au, None], {2: FORMAT_DATE})
    ligne(synthese, ["Dossiers sans décompte (encours)", t.sans_decompte.montant, t.sans_decompte.nombre],
          {2: FORMAT_EUROS})
    ligne(synthese, [f"DSO (jours) = encours / factures des {JOURS_DSO} derniers jours × {JOURS_DSO}",
                     t.dso, None], {2: "0.0"})
    ligne(synthese, [f"Factures datées des {JOURS_DSO} derniers jours", t.ventes_periode, None], {2: FORMAT_EUROS})
    ligne(synthese, ["En justice", t.en_justice.montant, t.en_justice.nombre], {2: FORMAT_EUROS})
    ligne(synthese, ["Titres à exécuter", t.titres_a_executer.montant, t.titres_a_executer.nombre], {2: FORMAT_EUROS})
    ligne(synthese, ["Dossiers comptés", t.dossiers, None], {})
    ligne(synthese, ["Dossiers illisibles (non comptés)", t.endommages, None], {})

    f = feuille("Étapes", ["Étape", "Dossiers", "Montant"], [28, 10, 18])
    for c in t.par_etape:
        ligne(f, [c.libelle, c.nombre, c.montant], {3: FORMAT_EUROS})

    f = feuille("Ancienneté", ["Tranche", "Dossiers", "Principal restant dû"], [22, 10, 20])
    for c in t.anciennete:
        ligne(f, [c.libelle, c.nombre, c.montant], {3: FORMAT_EUROS})

    f = feuille("Recouvré par mois", ["Mois", "Dossiers", "Montant recouvré"], [12, 10, 18])
    for mois, c in t.recouvre_par_mois:
        ligne(f, [mois, len(c.references), c.montant], {1: FORMAT_MOIS, 3: FORMAT_EUROS})

    f = feuille("Actions", ["Actions", "Nombre", "Dossiers"], [32, 10, 10])
    for c in (t.actions_en_retard, t.critiques_en_retard, t.critiques_a_venir):
        ligne(f, [c.libelle, c.nombre, len(c.references)], {})

    f = feuille("Issues par voie", ["Voie", "Recouvrés", "Montant recouvré", "Poursuivis", "Encours poursuivi",
                                    "Perdus", "Montant payé avant la perte"], [24, 10, 18, 10, 18, 10, 24])
    for i in t.issues:
        ligne(f, [i.libelle, i.recouvre.nombre, i.recouvre.montant, i.poursuivi.nombre, i.poursuivi.montant,
                  i.perdu.nombre, i.perdu.montant], {3: FORMAT_EUROS, 5: FORMAT_EUROS, 7: FORMAT_EUROS})

    sortie = io.BytesIO()
    classeur.save(sortie)
    return sortie.getvalue()
