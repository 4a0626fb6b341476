"""Every document of the catalogue, for every kind of debtor the route allows: rendered, read
back, and checked for the mandatory mentions by article (docs/mentions-obligatoires.md).

LEGAL is the table of which (document, kind of debtor) pairs the law allows; the app's legal
guard must agree with it (the lead's test compares them). Rendering goes straight through
documents.rendu.rendre over contexte.construire_contexte: the guard is not what is tested here.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from recouvrement_tui.documents.catalogue import CATALOGUE, PAR_CLE
from recouvrement_tui.documents.lecture import texte_docx
from recouvrement_tui.documents.rendu import rendre
from recouvrement_tui.domain.etapes import Etape
from recouvrement_tui.domain.procedure import Passage
from recouvrement_tui.storage.modeles import modeles_livres
from tests.documents.test_courriers_juridiques import contexte, dossier, lire, med, plat, relance

GENRES = ("b2b", "consommateur", "public", "procedure_collective", "outre_mer", "alsace_moselle")
PROFESSIONNELS = ("b2b", "outre_mer", "alsace_moselle")  # a trader in metropolitan France, overseas, in Alsace-Moselle
AMIABLE = (*PROFESSIONNELS, "consommateur", "public")  # no letter asks a debtor in procédure collective to pay (L622-21)
JUDICIAIRE = (*PROFESSIONNELS, "consommateur")  # the civil and commercial courts: never a public debtor (L2311-1 CG3P)

# Which kinds of debtor each document may be written for.
LEGAL: dict[str, tuple[str, ...]] = {
    "relance_preventive": AMIABLE,
    "relance_amiable": AMIABLE,
    "relance_ferme": AMIABLE,
    "mise_en_demeure": AMIABLE,
    # A public buyer pays by its accountant's mandatement within the payment period (R2192-10 CCP).
    "proposition_echeancier": (*PROFESSIONNELS, "consommateur"),
    # Commercial claims: the tribunal de commerce, the tribunal mixte de commerce overseas, the
    # chambre commerciale of the tribunal judiciaire in Alsace-Moselle.
    "requete_injonction_commerce": PROFESSIONNELS,
    "requete_injonction_judiciaire": ("consommateur",),
    "assignation_refere_provision": JUDICIAIRE,
    "assignation_au_fond": JUDICIAIRE,
    "demande_petites_creances": JUDICIAIRE,
    "declaration_creance": ("procedure_collective",),
    "requete_releve_forclusion": ("procedure_collective",),
    "requete_refere_provision_administratif": ("public",),
    "demande_mandatement_office": ("public",),
    "transmission_commissaire_justice": JUDICIAIRE,
    "decompte_creance": GENRES,
    "bordereau_pieces": GENRES,
    # Written for a commissaire de justice, who can neither seize public property nor act
    # against a debtor in procédure collective.
    "fiche_synthese": JUDICIAIRE,
}

# Mandatory mentions, by article, for each kind of law: "pro" (a professional: L441-10 and
# D441-5 C. com.), "conso" (a consumer or non-professional: art. 1344-1 C. civ. only), "public"
# (Code de la commande publique). "*" applies to all three.
MENTIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "relance_preventive": {"pro": ("L441-10", "D441-5"), "public": ("L2192-13", "R2192-31", "D2192-35")},
    "relance_amiable": {"pro": ("L441-10", "D441-5"), "public": ("L2192-13", "R2192-31", "D2192-35")},
    "relance_ferme": {"pro": ("L441-10", "D441-5", "article 700"), "conso": ("1344-1", "article 700"),
                      "public": ("L2192-13", "R2192-31", "D2192-35", "R541-1", "L761-1")},
    "mise_en_demeure": {"*": ("article 1344 du Code civil",), "pro": ("L441-10", "D441-5", "article 700"),
                        "conso": ("1344-1", "article 700"),
                        "public": ("L2192-13", "R2192-31", "D2192-35", "R541-1", "L761-1", "80-539")},
    "proposition_echeancier": {"*": ("1343-1", "2240", "1376"), "pro": ("L441-10",), "conso": ("1344-1",),
                               "public": ("R2192-31",)},
    "requete_injonction_commerce": {"*": ("1405", "1406", "1407"), "pro": ("L441-10", "D441-5")},
    "requete_injonction_judiciaire": {"*": ("1405", "1406", "1407", "1344-1")},
    "assignation_refere_provision": {"*": ("article 700",), "pro": ("L441-10", "D441-5"), "conso": ("1344-1",)},
    "assignation_au_fond": {"*": ("1103", "1353", "article 700"), "pro": ("L441-10", "D441-5"), "conso": ("1344-1",)},
    "demande_petites_creances": {"*": ("L125-1", "R125-1"), "pro": ("L441-10", "D441-5")},
    "declaration_creance": {"*": ("L622-24", "R622-24")},
    "requete_releve_forclusion": {"*": ("L622-26", "L622-6")},
    "requete_refere_provision_administratif": {"*": ("R541-1", "L2192-13", "R2192-31", "D2192-35")},
    "demande_mandatement_office": {"*": ("80-539", "L1612-16")},
    "transmission_commissaire_justice": {"*": ("26/01234", "article 700"), "conso": ("L313-3",)},
    "decompte_creance": {"*": ("1343-1",), "pro": ("L441-10", "D441-5"), "conso": ("1344-1",),
                         "public": ("L2192-13", "R2192-31", "D2192-35")},
    "bordereau_pieces": {},
    "fiche_synthese": {},
}

# Never said to a public buyer (nor, for the letters, the civil routes), nor to a consumer.
INTERDITS = {
    "public": ("L441-10", "D441-5", "article 700", "700 du Code de procédure civile"),
    "conso": ("40 €", "L441-10", "D441-5"),
    "pro": (),
}
LETTRES_PUBLIC_INTERDITS = ("injonction", "exécution forcée", "commissaire de justice")


def droit(genre: str) -> str:
    return {"consommateur": "conso", "public": "public"}.get(genre, "pro")


def _titre(jour: dt.date) -> Passage:
    return Passage(Etape.MISE_EN_DEMEURE, Etape.TITRE_EXECUTOIRE, jour,
                   {"date": jour.isoformat(), "numero_rg": "26/01234", "date_signification": "2026-11-16"})


def _collective(jour: dt.date) -> Passage:
    return Passage(Etape.MISE_EN_DEMEURE, Etape.PROCEDURE_COLLECTIVE, jour, {
        "date": jour.isoformat(), "nature": "redressement judiciaire", "juridiction": "Tribunal de commerce de Lyon",
        "mandataire": "Me Jean Roux, mandataire judiciaire", "adresse_mandataire": "1 rue Grenette, 69002 Lyon",
        "date_bodacc": "2026-11-10"})


def dossier_du_genre(genre: str):
    """A dossier of that kind, two reminders and an expired mise en demeure behind it, then a
    court decision, or the opening of a procédure collective."""
    avant = (relance(dt.date(2026, 9, 15)), med(dt.date(2026, 10, 1), numero_lrar="1A 234 567 8901 2"))
    if genre == "procedure_collective":
        return dossier("b2b", *avant, _collective(dt.date(2026, 11, 2)))
    return dossier(genre, *avant, _titre(dt.date(2026, 11, 10)))


PAIRES = [(cle, genre) for cle in LEGAL for genre in LEGAL[cle]]


def test_la_table_couvre_le_catalogue():
    assert set(LEGAL) == {m.cle for m in CATALOGUE} == set(MENTIONS)
    for cle, genres in LEGAL.items():
        assert genres and set(genres) <= set(GENRES), cle


@pytest.mark.parametrize(("cle", "genre"), PAIRES, ids=[f"{c}-{g}" for c, g in PAIRES])
def test_mentions_obligatoires(cle, genre):
    if not (modeles_livres() / f"{cle}.docx").is_file():
        pytest.xfail(f"{cle}.docx n'est pas encore livré")
    d = dossier_du_genre(genre)
    brut = lire(cle, d)
    texte = plat(brut)
    assert not re.search(r"\{\{|\}\}|\{%|%\}", texte), "balise restée dans le texte"
    assert "None" not in texte
    assert d.debiteur.nom in texte or cle == "fiche_synthese" and d.debiteur.nom.split()[0] in texte
    assert contexte(d)["creancier"]["nom"] in texte
    regles = MENTIONS[cle]
    for mention in (*regles.get("*", ()), *regles.get(droit(genre), ())):
        assert mention in texte, f"{cle} / {genre} : « {mention} » manque"
    for interdit in INTERDITS[droit(genre)]:
        assert interdit not in texte, f"{cle} / {genre} : « {interdit} » ne doit pas figurer"
    if genre == "public" and PAR_CLE[cle].famille == "Courrier" and cle != "demande_mandatement_office":
        for interdit in LETTRES_PUBLIC_INTERDITS:
            assert interdit not in texte.replace("pas d'injonction", ""), f"{cle} / public : « {interdit} »"


@pytest.mark.parametrize(("cle", "genre"), PAIRES, ids=[f"{c}-{g}" for c, g in PAIRES])
def test_typographie_francaise(cle, genre):
    if not (modeles_livres() / f"{cle}.docx").is_file():
        pytest.xfail(f"{cle}.docx n'est pas encore livré")
    brut = texte_docx(rendre((modeles_livres() / f"{cle}.docx").read_bytes(), contexte(dossier_du_genre(genre)), cle))
    assert not re.search(r" [;:!?]", brut), "espace ordinaire avant une ponctuation double"
    assert not re.search(r"\bn° |\bMe [A-Z]", brut), "espace sécable après n° ou Me"
    assert not re.search(r"« | »", brut), "espace sécable dans les guillemets"


# --- the legal guard agrees with the table ------------------------------------------------------


def _etats_du_genre(genre: str):
    """The dossier of that kind at the stages where each document could be due: an invoice still
    to fall due (relance préventive), after an expired mise en demeure, after a court decision, and
    in procédure collective within then past the declaration deadline."""
    from dataclasses import replace

    from recouvrement_tui.domain.decompte import decompte_dossier
    from recouvrement_tui.domain.garde import etat
    from tests.documents.test_courriers_juridiques import _TAUX, FACTURES

    # The avis de réception recorded: overseas, the mise en demeure's time runs from it (art. 1344 C. civ.).
    avant = (relance(dt.date(2026, 9, 15)), med(dt.date(2026, 10, 1), numero_lrar="1A 234 567 8901 2",
                                                 date_reception="2026-10-05"))
    a_venir = dt.date(2026, 12, 31)
    if genre == "procedure_collective":
        collective = _collective(dt.date(2026, 11, 2))
        recente = dossier("b2b", *avant, collective)
        ancienne = dossier("b2b", *avant, replace(collective, faits={**collective.faits, "date_bodacc": "2026-08-10"}))
        dossiers = [recente, ancienne]
    else:
        dossiers = [
            # Nothing sent yet: the reminders come in the chain's order (a relance amiable after the
            # relance ferme would misstate where the recovery stands).
            replace(dossier(genre), etape=Etape.NOUVEAU,
                    creances=(*FACTURES, replace(FACTURES[0], numero="FA-2026-200", date_echeance=a_venir,
                                                 id="avenir"))),
            dossier(genre, *avant),
            dossier(genre, *avant, _titre(dt.date(2026, 11, 10))),
        ]
    for d in dossiers:
        if d.etape is Etape.PROCEDURE_COLLECTIVE:
            d = replace(d, conditions=replace(d.conditions, date_jugement_ouverture=d.passages[-1].date))
        yield etat(d, decompte_dossier(d, _TAUX, dt.date(2026, 11, 23)), 8)


@pytest.mark.parametrize("cle", sorted(LEGAL))
def test_la_garde_juridique_suit_la_table(cle):
    """For each kind of debtor, the guard allows the document at some stage exactly when the table
    says the law allows it for that kind (and refuses it at every stage otherwise)."""
    from recouvrement_tui.domain.garde import avis_document

    modele = PAR_CLE[cle]
    for genre in GENRES:
        permis = [not avis_document(e, modele.acte, modele.natures).refuse for e in _etats_du_genre(genre)]
        assert any(permis) == (genre in LEGAL[cle]), (cle, genre, permis)
