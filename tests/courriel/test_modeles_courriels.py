"""Each e-mail template, for each kind of debtor the law tells apart: it renders, names every
overdue invoice with its days late, claims the décompte's amount, and never claims what the law
does not give against that debtor (no L441-10 penalties nor 40 € against a consumer or an SCI)."""

from __future__ import annotations

import datetime as dt

import pytest

from recouvrement_tui.documents.rendu import ErreurDocument
from recouvrement_tui.domain.courriel import COURRIELS
from recouvrement_tui.domain.etapes import Etape
from recouvrement_tui.domain.formatage import montant
from tests.courriel.test_envoi import _dossier, _parametrer

GENRES = {
    "b2b": {},
    "consommateur": {"type_personne": "physique", "qualite": "consommateur", "nom": "Martin", "prenom": "Anne",
                     "civilite": "Madame", "forme_juridique": "", "siren": ""},
    "non_professionnel": {"nom": "SCI Les Tilleuls", "forme_juridique": "SCI", "qualite": "non_professionnel"},
    "public": {"nom": "Commune d'Écully", "forme_juridique": "", "siren": "", "secteur_public": "oui"},
}


def _plat(texte: str) -> str:
    return " ".join(texte.replace("\u202f", " ").replace("\u00a0", " ").split())


def _pret(service, genre: str, cle: str):
    d = _dossier(service, **GENRES[genre])
    if cle == "relance_preventive":  # a reminder before the due date: one invoice not yet due
        d = service.ajouter_creance(d, {"numero": "FA-003", "date_facture": "01/11/2026",
                                        "date_echeance": "01/12/2026", "montant_ttc": "300"})
    if cle in ("relance_ferme", "mise_en_demeure", "proposition_echeancier"):
        d = service.changer_etape(d, Etape.RELANCE_AMIABLE, {"date": "15/10/2026"})
    if cle == "mise_en_demeure":  # the letter dated the day it was posted, then the move recording it
        d = service.documents.generer(d, "mise_en_demeure", dt.date(2026, 11, 2)).dossier
        d = service.changer_etape(d, Etape.MISE_EN_DEMEURE, {"date": "02/11/2026", "numero_lrar": "1A 234"})
    if cle == "remerciement_paiement":
        d = service.ajouter_paiement(d, {"date": "20/11/2026", "montant": "200"})
    return d


@pytest.mark.parametrize("genre", list(GENRES))
@pytest.mark.parametrize("cle", [m.cle for m in COURRIELS])
def test_chaque_courriel_pour_chaque_genre_de_debiteur(service, genre, cle):
    _parametrer(service)
    d = _pret(service, genre, cle)
    if genre == "public" and cle == "proposition_echeancier":  # paid by mandatement (R2192-10 CCP)
        with pytest.raises(ErreurDocument, match="mandatement"):
            service.courriels.preparer(d, cle)
        return
    courriel = service.courriels.preparer(d, cle)
    texte = _plat(courriel.redaction.texte)
    assert courriel.redaction.objet and d.reference in courriel.redaction.objet
    if cle == "mise_en_demeure":  # a copy of the letter on record: its date and LRAR, not today's sums
        assert "2 novembre 2026" in courriel.redaction.objet and "1A 234" in courriel.redaction.objet
        assert "Seule cette lettre fait foi" in texte and len(courriel.pieces) == 1
        return
    exigible = service.decompte(d).total_exigible
    assert _plat(montant(exigible)) in texte
    if cle != "relance_preventive":
        assert "FA-001" in texte and "FA-002" in texte
    if cle in ("relance_amiable", "relance_ferme", "relance_preventive"):
        assert "jours de retard" in texte
    assert "1 jours" not in texte
    if cle != "remerciement_paiement":
        assert "merci de ne pas tenir compte de ce message" in texte
    assert "IBAN FR76 3000 6000 0112 3456 7890 189" in texte
    if genre in ("consommateur", "non_professionnel"):
        for interdit in ("L441-10", "40 €", "indemnité forfaitaire", "pénalités de retard"):
            assert interdit not in texte, interdit
    if genre == "consommateur":
        assert texte.startswith("Madame,")
    if genre == "public":
        assert "pénalités de retard" not in texte and "L441-10" not in texte
    if genre == "public" and cle == "relance_ferme":
        assert "L2192-13" in texte and "R2192-31" in texte and "D2192-35" in texte
        assert "tribunal administratif" in texte and "L441-10" not in texte
    if genre == "b2b" and cle == "relance_ferme":
        assert "L441-10" in texte and "D441-5" in texte
    if cle == "proposition_echeancier":
        assert "1376" in texte and "mensualités" in texte
