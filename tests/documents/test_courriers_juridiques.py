"""What a lawyer checks in the letters: the law each kind of debtor calls for, the deadline of a
mise en demeure, the acknowledgment of an échéancier, and French typography.

Each test builds its dossier, renders the shipped template over the context
(documents.rendu.rendre over contexte.construire_contexte) and reads the document back.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import tempfile
import zipfile
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document

from recouvrement_tui.demo import creancier_demo
from recouvrement_tui.documents.catalogue import PAR_CLE
from recouvrement_tui.documents.contexte import Entree, construire_contexte
from recouvrement_tui.documents.lecture import texte_docx
from recouvrement_tui.documents.rendu import ESPACE_FINE, INSECABLE, rendre, typographie
from recouvrement_tui.domain.decompte import decompte_dossier
from recouvrement_tui.domain.etapes import Etape
from recouvrement_tui.domain.model import (
    Adresse,
    Creance,
    Debiteur,
    Dossier,
    Localisation,
    Paiement,
    Qualite,
    TypePersonne,
)
from recouvrement_tui.domain.parametres import Parametres
from recouvrement_tui.domain.procedure import Passage
from recouvrement_tui.storage.modeles import modeles_livres
from recouvrement_tui.storage.taux import charger_taux

AU = dt.date(2026, 11, 23)


# --- dossiers of each kind -----------------------------------------------------------------


def debiteur(genre: str) -> Debiteur:
    """A debtor of the kind `genre`: b2b, consommateur, non_professionnel, public, outre_mer,
    etranger, alsace_moselle."""
    societe = Debiteur(
        nom="Orange Bleue", forme_juridique="SARL", siren="732829320", representant_legal="Paul Morel",
        adresse=Adresse(("12 rue de la République",), "69002", "Lyon"), email="compta@orange-bleue.fr",
    )
    if genre == "b2b":
        return societe
    if genre == "consommateur":
        return Debiteur(type_personne=TypePersonne.PHYSIQUE, qualite=Qualite.CONSOMMATEUR, nom="Martin", prenom="Anne",
                        adresse=Adresse(("3 impasse des Lilas",), "38000", "Grenoble"))
    if genre == "non_professionnel":
        qualite = getattr(Qualite, "NON_PROFESSIONNEL", Qualite.CONSOMMATEUR)
        return replace(societe, nom="SCI Les Tilleuls", forme_juridique="SCI", qualite=qualite)
    if genre == "public":
        return Debiteur(nom="Commune d'Écully", adresse=Adresse(("Place de la Libération",), "69130", "Écully"),
                        secteur_public=True)
    if genre == "outre_mer":
        return replace(societe, adresse=Adresse(("5 rue Schœlcher",), "97200", "Fort-de-France"),
                       localisation=Localisation.OUTRE_MER)
    if genre == "etranger":
        return replace(societe, adresse=Adresse(("Rue Neuve 10",), "1000", "Bruxelles", "Belgique"),
                       localisation=Localisation.ETRANGER)
    if genre == "alsace_moselle":
        return replace(societe, adresse=Adresse(("2 place Kléber",), "67000", "Strasbourg"),
                       localisation=Localisation.ALSACE_MOSELLE)
    raise ValueError(genre)


FACTURES = (
    Creance("FA-2026-101", dt.date(2026, 6, 2), dt.date(2026, 7, 2), Decimal("2400.00"), "Maintenance"),
    Creance("FA-2026-117", dt.date(2026, 7, 15), dt.date(2026, 8, 14), Decimal("1180.50"), "Pièces détachées"),
)


def dossier(genre: str, *passages: Passage, etape: Etape | None = None) -> Dossier:
    return Dossier(
        reference="2026-0042",
        cree_le=dt.date(2026, 8, 1),
        debiteur=debiteur(genre),
        creances=FACTURES,
        paiements=(Paiement(dt.date(2026, 9, 1), Decimal("400.00")),),
        etape=etape or (passages[-1].vers if passages else Etape.RELANCE_FERME),
        etape_depuis=passages[-1].date if passages else dt.date(2026, 10, 20),
        passages=passages,
    )


def med(jour: dt.date, **faits: str) -> Passage:
    return Passage(Etape.RELANCE_FERME, Etape.MISE_EN_DEMEURE, jour, {"date": jour.isoformat(), **faits})


_TAUX = charger_taux(Path(tempfile.mkdtemp()))


def contexte(d: Dossier, au: dt.date = AU) -> dict:
    parametres = Parametres(creancier=creancier_demo())
    return construire_contexte(Entree(d, decompte_dossier(d, _TAUX, au), parametres, au))


def lire(cle: str, d: Dossier, au: dt.date = AU) -> str:
    """The template `cle` rendered for `d`, read back, its spaces made ordinary for searching."""
    texte = texte_docx(rendre((modeles_livres() / f"{cle}.docx").read_bytes(), contexte(d, au), PAR_CLE[cle].titre))
    return texte.replace(INSECABLE, " ").replace(ESPACE_FINE, " ")


def plat(texte: str) -> str:
    return re.sub(r"\s+", " ", texte)


def relance(jour: dt.date, vers: Etape = Etape.RELANCE_AMIABLE) -> Passage:
    return Passage(Etape.NOUVEAU, vers, jour, {"date": jour.isoformat()})


ARTICLE_700 = re.compile(r"article 700|700 du Code")


# --- 1. a public buyer -------------------------------------------------------------------------


def test_mise_en_demeure_d_un_acheteur_public_cite_le_code_de_la_commande_publique():
    d = dossier("public", relance(dt.date(2026, 9, 15)))
    assert contexte(d)["interets"]["public"]
    texte = plat(lire("mise_en_demeure", d))
    for article in ("L2192-13", "R2192-31", "D2192-35", "R541-1", "80-539"):
        assert article in texte, article
    assert "premier jour du semestre au cours duquel ils ont commencé à courir" in texte
    assert "tribunal administratif" in texte and "mandatement d'office" in texte
    for interdit in ("L441-10", "D441-5", "injonction", "exécution forcée", "commissaire de justice"):
        assert interdit not in texte, interdit
    assert not ARTICLE_700.search(texte)


@pytest.mark.parametrize("cle", ["relance_preventive", "relance_amiable", "relance_ferme", "proposition_echeancier",
                                 "decompte_creance", "demande_petites_creances"])
def test_les_autres_courriers_a_un_acheteur_public_ne_citent_pas_le_code_de_commerce(cle):
    texte = plat(lire(cle, dossier("public", relance(dt.date(2026, 9, 15)))))
    assert "L441-10" not in texte and "D441-5" not in texte
    assert not ARTICLE_700.search(texte)
    if cle in ("relance_amiable", "relance_ferme", "decompte_creance"):
        assert "R2192-31" in texte and "D2192-35" in texte


def test_decompte_d_un_acheteur_public_explique_le_taux_fixe():
    texte = plat(lire("decompte_creance", dossier("public")))
    assert "L2192-13" in texte and "R2192-31" in texte
    assert "premier jour du semestre civil au cours duquel les intérêts moratoires ont commencé à courir" in texte
    assert "reste fixe pendant toute la durée du retard" in texte
    assert "taux du semestre civil auquel il appartient" not in texte


def test_relance_ferme_a_un_acheteur_public_annonce_le_tribunal_administratif():
    texte = plat(lire("relance_ferme", dossier("public", relance(dt.date(2026, 9, 15)))))
    assert "tribunal administratif" in texte and "R541-1" in texte
    assert "titre exécutoire" not in texte


# --- 2. consumers and non-professionals -------------------------------------------------------


GENRES_NON_PROFESSIONNELS = ["consommateur"] + (["non_professionnel"] if hasattr(Qualite, "NON_PROFESSIONNEL") else [])


@pytest.mark.parametrize("genre", GENRES_NON_PROFESSIONNELS)
def test_mise_en_demeure_sans_pénalites_ni_indemnite_contre_un_non_professionnel(genre):
    d = dossier(genre, relance(dt.date(2026, 9, 15)))
    assert contexte(d)["interets"]["legal"]
    texte = plat(lire("mise_en_demeure", d))
    assert "1344-1" in texte
    assert "à compter de la présente mise en demeure" in texte
    for interdit in ("40 €", "L441-10", "D441-5", "indemnité forfaitaire", "Pénalités"):
        assert interdit not in texte, interdit


@pytest.mark.parametrize("genre", GENRES_NON_PROFESSIONNELS)
def test_une_seconde_mise_en_demeure_fait_courir_les_interets_depuis_la_premiere(genre):
    d = dossier(genre, med(dt.date(2026, 10, 1), numero_lrar="1A 234 567 8901 2"))
    texte = plat(lire("mise_en_demeure", d))
    assert "depuis notre mise en demeure du 1er octobre 2026" in texte
    assert "à compter de la présente" not in texte


@pytest.mark.parametrize("genre", GENRES_NON_PROFESSIONNELS)
@pytest.mark.parametrize("cle", ["relance_preventive", "relance_amiable", "relance_ferme", "proposition_echeancier",
                                 "decompte_creance", "demande_petites_creances"])
def test_aucun_courrier_ne_reclame_les_40_euros_a_un_non_professionnel(genre, cle):
    texte = plat(lire(cle, dossier(genre, relance(dt.date(2026, 9, 15)))))
    assert "40 €" not in texte and "L441-10" not in texte and "D441-5" not in texte


def test_echeancier_demande_la_somme_en_lettres_et_en_chiffres_de_la_main_du_debiteur():
    d = dossier("consommateur", med(dt.date(2026, 10, 1)), etape=Etape.MISE_EN_DEMEURE)
    total = contexte(d)["echeancier"]["total"]
    texte = plat(lire("proposition_echeancier", d))
    acceptation = texte[texte.index("ACCEPTATION DU DÉBITEUR"):]
    assert "article 1376 du Code civil" in acceptation
    assert "en toutes lettres et en chiffres" in acceptation
    assert "de votre main" in acceptation
    chiffres = total["chiffres"].replace(INSECABLE, " ").replace(ESPACE_FINE, " ")
    assert f"reconnaissance de dette de la somme de {total['lettres']} ({chiffres})" in acceptation
    # The sum copied by hand comes before the signature.
    assert acceptation.index("de votre main") < acceptation.index("Signature")


# --- 3. the mise en demeure's deadline ---------------------------------------------------------


@pytest.mark.parametrize("genre", ["outre_mer", "etranger"])
def test_hors_metropole_le_delai_court_de_la_reception(genre):
    d = dossier(genre, relance(dt.date(2026, 9, 15)))
    c = contexte(d)
    assert c["delai"]["mise_en_demeure"]["depuis_reception"]
    texte = plat(lire("mise_en_demeure", d))
    assert f"dans un délai de {c['delai']['mise_en_demeure']['jours']} jours à compter de sa réception" in texte
    assert c["delai"]["mise_en_demeure"]["date"] not in texte


@pytest.mark.parametrize("genre", ["b2b", "alsace_moselle", "consommateur"])
def test_en_metropole_le_delai_a_une_date(genre):
    d = dossier(genre, relance(dt.date(2026, 9, 15)))
    c = contexte(d)
    assert not c["delai"]["mise_en_demeure"]["depuis_reception"]
    texte = plat(lire("mise_en_demeure", d))
    assert f"au plus tard le {c['delai']['mise_en_demeure']['date']}" in texte
    assert "à compter de sa réception" not in texte


# --- 4. the relance ferme after a mise en demeure -----------------------------------------------


def test_relance_ferme_apres_une_mise_en_demeure_la_rappelle_sans_en_annoncer_une():
    d = dossier("b2b", med(dt.date(2026, 10, 1), numero_lrar="1A 234"), etape=Etape.MISE_EN_DEMEURE)
    texte = plat(lire("relance_ferme", d))
    assert "notre mise en demeure du 1er octobre 2026" in texte
    assert "nous vous adresserons une mise en demeure" not in texte


def test_relance_ferme_sans_mise_en_demeure_l_annonce():
    texte = plat(lire("relance_ferme", dossier("b2b", relance(dt.date(2026, 10, 1)))))
    assert "nous vous adresserons une mise en demeure" in texte


# --- 5. where the mise en demeure's deadline stands --------------------------------------------


def test_fin_du_delai_de_la_mise_en_demeure_en_metropole():
    d = dossier("b2b", med(dt.date(2026, 10, 1)))
    m = contexte(d)["mise_en_demeure"]
    assert m["fin_delai"] == "9 octobre 2026" and m["expiree"] and m["anterieure"]
    avant = contexte(d, dt.date(2026, 10, 5))["mise_en_demeure"]
    assert avant["fin_delai"] == "9 octobre 2026" and not avant["expiree"]
    # The day the letter is sent, it is not "earlier": "à compter de la présente".
    assert not contexte(d, dt.date(2026, 10, 1))["mise_en_demeure"]["anterieure"]


def test_fin_du_delai_outre_mer_attend_l_avis_de_reception():
    sans = contexte(dossier("outre_mer", med(dt.date(2026, 10, 1))))["mise_en_demeure"]
    assert sans["fin_delai"] is None and not sans["expiree"]
    avec = contexte(dossier("outre_mer", med(dt.date(2026, 10, 1), date_reception="2026-10-12")))["mise_en_demeure"]
    assert avec["date_reception"] == "12 octobre 2026"
    assert avec["fin_delai"] == "20 octobre 2026" and avec["expiree"]


def _petites_creances(mise_en_demeure: Passage, **faits: str) -> Dossier:
    jour = dt.date(2026, 11, 21)
    return dossier("b2b", mise_en_demeure,
                   Passage(Etape.MISE_EN_DEMEURE, Etape.PETITES_CREANCES, jour,
                           {"date": jour.isoformat(), "intervenant": "Me Claire Roux", **faits}))


def test_petites_creances_restee_sans_effet_seulement_apres_le_delai():
    texte = plat(lire("demande_petites_creances", _petites_creances(med(dt.date(2026, 10, 1)))))
    assert "restée sans effet à l'expiration du délai qu'elle accordait au débiteur, le 9 octobre 2026" in texte


def test_petites_creances_avant_la_fin_du_delai_dit_l_urgence():
    # The urgency is recorded as the app records it: in the journal (touche u, « recouvrement urgence »).
    d = _petites_creances(med(dt.date(2026, 11, 19))).invoquer_urgence(
        "le débiteur organise son insolvabilité", "c.martin", dt.datetime(2026, 11, 20, 9))
    assert contexte(d)["urgence"] == "le débiteur organise son insolvabilité"
    texte = plat(lire("demande_petites_creances", d))
    assert "sans effet" not in texte
    assert "n'est pas encore expiré (il expire le 27 novembre 2026)" in texte
    assert "en raison de l'urgence suivante : le débiteur organise son insolvabilité" in texte


def test_petites_creances_avant_la_fin_du_delai_sans_urgence_avertit():
    d = _petites_creances(med(dt.date(2026, 11, 19)))
    assert contexte(d)["urgence"] is None
    texte = plat(lire("demande_petites_creances", d))
    assert "sans effet" not in texte and "Avertissement" in texte and "27 novembre 2026" in texte


# --- 6. French typography ----------------------------------------------------------------------


F, N = ESPACE_FINE, INSECABLE


@pytest.mark.parametrize(("brut", "attendu"), [
    ("Objet : relance", f"Objet{F}: relance"),
    ("Note: voir", f"Note{F}: voir"),
    ("Vraiment ? Oui !", f"Vraiment{F}? Oui{F}!"),
    ("un ; deux", f"un{F}; deux"),
    ("« Bon pour accord »", f"«{N}Bon pour accord{N}»"),
    ("«Bon»", f"«{N}Bon{N}»"),
    ("facture n° 12 et N° 3", f"facture n°{N}12 et N°{N}3"),
    ("Me Dupont, commissaire", f"Me{N}Dupont, commissaire"),
    ("40 € et 5 %", f"40{N}€ et 5{N}%"),
    ("à l'ordre de Orange SA", "à l'ordre d'Orange SA"),
    ("pour le compte de Anne Martin", "pour le compte d'Anne Martin"),
    ("tribunal judiciaire de Évry", "tribunal judiciaire d'Évry"),
    # Left alone: a time, an address, a query string, a name whose particle is its own, an
    # h that may be aspirated, a number, an amount already written the French way.
    ("à 10:30 précises", "à 10:30 précises"),
    ("https://exemple.fr/a?b=c;d", "https://exemple.fr/a?b=c;d"),
    ("mailto:compta@exemple.fr", "mailto:compta@exemple.fr"),
    ("Maria de Oliveira", "Maria de Oliveira"),
    ("la société de Hollande", "la société de Hollande"),
    ("délai de huit jours", "délai de huit jours"),
    (f"1{F}234,56{N}€", f"1{F}234,56{N}€"),
    (f"Objet{F}: déjà juste", f"Objet{F}: déjà juste"),
])
def test_typographie(brut, attendu):
    assert typographie(brut) == attendu
    assert typographie(attendu) == attendu  # idempotent


def _docx_en_morceaux(*paragraphes: tuple[str, ...]) -> bytes:
    """A template whose paragraphs are split into runs as Word splits them."""
    doc = Document()
    for morceaux in paragraphes:
        p = doc.add_paragraph()
        for i, morceau in enumerate(morceaux):
            p.add_run(morceau).bold = i % 2 == 1
    sortie = io.BytesIO()
    doc.save(sortie)
    return sortie.getvalue()


def test_typographie_d_un_modele_personnalise_coupe_en_plusieurs_passages():
    modele = _docx_en_morceaux(
        ("Objet", " : relance"),
        ("Pièce n", "° ", "{{ numero }}"),
        ("Écrivez à ", "compta@exemple.fr", " ou voir https://exemple.fr/a?b=1 à 10:30"),
        ("à l'ordre de ", "{{ nom }}", " !"),
        ("« ", "Bon pour accord", " »"),
    )
    contenu = rendre(modele, {"numero": "12", "nom": "Orange SA"}, "essai")
    lignes = texte_docx(contenu).split("\n")
    assert f"Objet{F}: relance" in lignes
    assert f"Pièce n°{N}12" in lignes
    assert "Écrivez à compta@exemple.fr ou voir https://exemple.fr/a?b=1 à 10:30" in lignes
    assert f"à l'ordre d'Orange SA{F}!" in lignes
    assert f"«{N}Bon pour accord{N}»" in lignes
    # The runs keep their formatting: "Objet" stays bold on its own.
    with zipfile.ZipFile(io.BytesIO(contenu)) as z:
        xml = z.read("word/document.xml").decode()
    assert "<w:t>Objet</w:t>" in xml


def test_les_courriers_parlent_le_francais_typographique():
    """Every letter of this file's kinds: no ordinary space before ; : ! ?, "n°" and "Me" held
    to what follows, "d'" before a name starting with a vowel."""
    d = dossier("b2b", med(dt.date(2026, 10, 1), numero_lrar="1A 234"), etape=Etape.MISE_EN_DEMEURE)
    for cle in ("relance_preventive", "relance_amiable", "relance_ferme", "mise_en_demeure",
                "proposition_echeancier", "decompte_creance", "demande_petites_creances"):
        brut = texte_docx(rendre((modeles_livres() / f"{cle}.docx").read_bytes(), contexte(d), cle))
        assert not re.search(r" [;:!?]", brut), cle
        assert not re.search(r"\bn° |\bMe [A-Z]", brut), cle
        assert "de Orange" not in brut, cle
    accord = texte_docx(rendre((modeles_livres() / "proposition_echeancier.docx").read_bytes(), contexte(d), "e"))
    assert "pour le compte d'Orange Bleue" in accord


def test_madame_ou_monsieur_quand_la_civilite_est_connue():
    civilite = pytest.importorskip("recouvrement_tui.domain.model").__dict__.get("Civilite")
    if civilite is None:
        pytest.skip("la civilité du débiteur n'existe pas encore")
    d = dossier("consommateur", relance(dt.date(2026, 9, 15)))
    d = replace(d, debiteur=replace(d.debiteur, civilite=civilite.MADAME))
    if contexte(d)["debiteur"].get("appel") != "Madame,":
        pytest.skip("le contexte ne fournit pas encore debiteur.appel")
    for cle in ("relance_amiable", "mise_en_demeure", "proposition_echeancier"):
        lignes = lire(cle, d).split("\n")
        assert "Madame," in lignes and "Madame, Monsieur," not in lignes
        assert any("Nous vous prions d'agréer, Madame, l'expression" in ligne for ligne in lignes)
