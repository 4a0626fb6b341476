"""The day's batch: one letter per debtor listing all overdue invoices, journaled, idempotent."""

from __future__ import annotations

import datetime as dt

from recouvrement_tui.documents.lecture import texte_docx
from recouvrement_tui.domain.etapes import TypeEvenement
from recouvrement_tui.domain.prochaine_action import prochaine_action
from tests.conftest import AUJOURDHUI


def test_lot_prepare_le_courrier_du_calendrier_pour_chaque_dossier(demo):
    dues = demo.documents.relances_dues(AUJOURDHUI)
    assert dues, "la démonstration doit contenir des relances dues"
    attendu = {
        "Relance préventive": "relance_preventive",
        "Relance amiable": "relance_amiable",
        "Relance ferme": "relance_ferme",
        "Mise en demeure (LRAR)": "mise_en_demeure",
    }
    for reference, cle in dues:
        action = prochaine_action(demo.charger(reference), demo.parametres.calendrier)
        assert action.date <= AUJOURDHUI and attendu[action.libelle] == cle
    progression = []
    rapport = demo.documents.preparer_relances(AUJOURDHUI, lambda fait, total: progression.append((fait, total)))
    assert not rapport.erreurs, rapport.erreurs
    assert len(rapport.prepares) == len(dues)
    assert progression[-1] == (len(dues), len(dues))
    for (reference, cle), (ref_prepare, _titre, chemin) in zip(dues, rapport.prepares):
        assert ref_prepare == reference and chemin.name == f"{AUJOURDHUI.isoformat()}_{cle}_v1.docx"
        dossier = demo.charger(reference)
        # One letter, listing every overdue invoice of the debtor.
        contexte = demo.documents.contexte(dossier, AUJOURDHUI)
        texte = texte_docx(chemin.read_bytes())
        for facture in contexte["factures_echues"]:
            assert facture["numero"] in texte
        assert dossier.journal[-1].type is TypeEvenement.DOCUMENT
        assert dossier.journal[-1].document == f"documents/{chemin.name}"


def test_relancer_le_lot_ne_refait_rien(demo):
    premier = demo.documents.preparer_relances(AUJOURDHUI)
    second = demo.documents.preparer_relances(AUJOURDHUI)
    assert second.prepares == []
    assert sorted(second.deja_prepares) == sorted(r for r, _, _ in premier.prepares)


def test_rien_n_est_du_avant_le_calendrier(demo):
    """Far in the past nothing is due yet; the batch writes nothing."""
    rapport = demo.documents.preparer_relances(dt.date(2024, 1, 1))
    assert rapport.prepares == [] and rapport.erreurs == []


def test_lot_en_parallele_meme_resultat(demo):
    """The multi-process path (large batches) writes the same letters and journals each dossier."""
    dues = demo.documents.relances_dues(AUJOURDHUI)
    rapport = demo.documents.preparer_relances(AUJOURDHUI, parallele=True)
    assert not rapport.erreurs, rapport.erreurs
    assert [r for r, _, _ in rapport.prepares] == [r for r, _ in dues]
    for (reference, cle), (_ref, _titre, chemin) in zip(dues, rapport.prepares):
        assert chemin.name == f"{AUJOURDHUI.isoformat()}_{cle}_v1.docx" and chemin.exists()
        dernier = demo.charger(reference).journal[-1]
        assert dernier.type is TypeEvenement.DOCUMENT and dernier.document == f"documents/{chemin.name}"
        assert dernier.horodatage == dt.datetime(2026, 11, 23, 12)  # the service's clock, not the worker's
