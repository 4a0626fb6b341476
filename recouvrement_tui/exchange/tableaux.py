"""CSV copies of the décompte and the journal, as French spreadsheets open them.

Semicolon-separated, decimal commas, UTF-8 with a BOM: Excel in a French locale opens them
straight away, and LibreOffice too.
"""

from __future__ import annotations

import csv
import io

from recouvrement_tui.domain.decompte import Decompte
from recouvrement_tui.domain.formatage import date_courte
from recouvrement_tui.domain.model import Dossier


def _csv(lignes: list[list[str]]) -> bytes:
    sortie = io.StringIO()
    csv.writer(sortie, delimiter=";", lineterminator="\r\n").writerows(lignes)
    return ("\ufeff" + sortie.getvalue()).encode("utf-8")


def _n(valeur) -> str:
    return f"{valeur:.2f}".replace(".", ",")


def decompte_csv(d: Decompte) -> bytes:
    lignes = [["facture", "echeance", "du", "au", "jours", "taux_annuel", "assiette", "interets"]]
    for c in d.creances:
        for ligne in c.lignes:
            lignes.append([c.creance.numero, date_courte(c.creance.date_echeance), date_courte(ligne.du),
                           date_courte(ligne.au), str(ligne.jours), _n(ligne.taux), _n(ligne.assiette), _n(ligne.montant)])
    lignes.append([])
    lignes.append(["facture", "montant_ttc", "principal_du", "interets_dus", "indemnite_due", "total_du"])
    for c in d.creances:
        lignes.append([c.creance.numero, _n(c.creance.montant_ttc), _n(c.principal_du), _n(c.interets_dus),
                       _n(c.indemnite_due), _n(c.total_du)])
    lignes.append(["TOTAL", "", _n(d.principal), _n(d.interets), _n(d.indemnites), _n(d.total)])
    lignes.append([f"arrêté au {date_courte(d.au)}"])
    return _csv(lignes)


def journal_csv(dossier: Dossier) -> bytes:
    lignes = [["horodatage", "auteur", "type", "texte", "document", "sha256"]]
    for e in dossier.journal:
        lignes.append([e.horodatage.strftime("%d/%m/%Y %H:%M:%S"), e.auteur, e.type.libelle, e.texte, e.document,
                       e.empreinte])
    return _csv(lignes)
