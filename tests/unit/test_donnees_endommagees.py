"""A corpus of damaged dossier.json files: each is refused with a French reason naming what is
wrong, flagged in the list, never crashes a command, and is never written over.

Every case damages one demo dossier of a real data folder in one way. Values that a lenient
reader would have "repaired" (a float amount, "false" for false, a string for a list) matter
most: the repaired dossier would have been written back by the next ordinary save.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from recouvrement_tui.cli.principal import main
from recouvrement_tui.services.dossiers import ServiceDossiers
from recouvrement_tui.storage.dossiers import DepotDossiers
from recouvrement_tui.storage.erreurs import DossierEndommage, ErreurStockage
from tests.conftest import AUJOURDHUI

# Stand-ins replaced in the JSON text by what json.dumps cannot write (NaN, deep nesting…).
_JETONS = {
    '"__NAN__"': "NaN",
    '"__INFINI__"': "Infinity",
    '"__MOINS_INFINI__"': "-Infinity",
    '"__1E30__"': "1e30",
    '"__ENTIER_GEANT__"': "9" * 5000,
    '"__PROFOND__"': "[" * 100_000 + "]" * 100_000,
    '"__PROFOND_OBJET__"': '{"a":' * 100_000 + "1" + "}" * 100_000,
}


def _entete(b):
    return b["dossier"]["1"]


def _creance(b):
    return b["creances"]["1"]


def _paiement(b):
    return b["paiements"]["1"]


def _evenement(b):
    return b["journal"]["1"]


def _dupliquer_creance(b):
    b["creances"]["99"] = {**_creance(b), "numero": "AUTRE-1"}


def _sans_table(nom):
    def modifier(b):
        del b[nom]

    return modifier


def _poser(acces, cle, valeur):
    def modifier(b):
        acces(b)[cle] = valeur

    return modifier


# (case id, how the raw TinyDB dict is damaged, a fragment the French reason must contain)
CAS = [
    ("montant-nan", _poser(_creance, "montant_ttc", "__NAN__"), "NaN"),
    ("montant-infini", _poser(_paiement, "montant", "__INFINI__"), "Infinity"),
    ("frais-moins-infini", lambda b: _entete(b)["conditions"].update(frais_justifies="__MOINS_INFINI__"), "Infinity"),
    ("montant-1e30-nombre", _poser(_creance, "montant_ttc", "__1E30__"), "creances[0].montant_ttc"),
    ("montant-1e30-texte", _poser(_creance, "montant_ttc", "1e30"), "creances[0].montant_ttc"),
    ("montant-au-dela-du-plafond", _poser(_creance, "montant_ttc", "1000000000.00"), "plafond"),
    ("montant-entier-geant", _poser(_creance, "montant_ttc", "__ENTIER_GEANT__"), "illisible"),
    ("montant-flottant", _poser(_creance, "montant_ttc", 697.2), "creances[0].montant_ttc"),
    ("montant-booleen", _poser(_paiement, "montant", True), "paiements[0].montant"),
    ("montant-liste", _poser(_creance, "montant_ttc", ["697.20"]), "creances[0].montant_ttc"),
    ("montant-objet", _poser(_paiement, "montant", {"valeur": "10.00"}), "paiements[0].montant"),
    ("montant-avec-espaces", _poser(_creance, "montant_ttc", " 697.20 "), "creances[0].montant_ttc"),
    ("montant-trois-decimales", _poser(_creance, "montant_ttc", "697.205"), "creances[0].montant_ttc"),
    ("paiement-negatif", _poser(_paiement, "montant", "-10.00"), "paiements[0].montant"),
    ("taux-hors-bornes", _poser(_creance, "taux_contractuel", "250"), "creances[0].taux_contractuel"),
    ("taux-nan-texte", _poser(_creance, "taux_contractuel", "NaN"), "creances[0].taux_contractuel"),
    ("texte-au-lieu-de-liste", lambda b: _entete(b)["debiteur"]["adresse"].update(lignes="12 rue de la Paix"),
     "debiteur.adresse.lignes"),
    ("objet-au-lieu-de-texte", lambda b: _entete(b)["debiteur"].update(nom={"nom": "Durand"}), "debiteur.nom"),
    ("null-au-lieu-de-texte", _poser(_creance, "numero", None), "creances[0].numero"),
    ("nombre-au-lieu-de-texte", lambda b: _entete(b)["debiteur"].update(siren=732829320), "debiteur.siren"),
    ("texte-au-lieu-de-booleen", lambda b: _entete(b)["conditions"].update(capitalisation="false"),
     "conditions.capitalisation"),
    ("entier-au-lieu-de-booleen", lambda b: _entete(b)["debiteur"].update(secteur_public=0), "debiteur.secteur_public"),
    ("revision-booleenne", lambda b: b["_meta"]["1"].update(revision=True), "revision"),
    ("revision-texte", lambda b: b["_meta"]["1"].update(revision="3"), "revision"),
    ("table-creances-absente", _sans_table("creances"), "creances"),
    ("table-journal-absente", _sans_table("journal"), "journal"),
    ("table-paiements-liste", lambda b: b.update(paiements=[]), "paiements"),
    ("enregistrement-texte", lambda b: b["journal"].update({"1": "Dossier ouvert"}), "journal[0]"),
    ("passages-objet", lambda b: _entete(b).update(passages={"0": {}}), "passages"),
    ("imbrication-profonde-liste", lambda b: _entete(b)["passages"][0].update(faits="__PROFOND__"), "imbrication"),
    ("imbrication-profonde-objet", _poser(_evenement, "texte", "__PROFOND_OBJET__"), "imbrication"),
    ("fait-imbrique", lambda b: _entete(b)["passages"][0]["faits"].update(juridiction={"a": [1]}),
     "passages[0].faits.juridiction"),
    ("annee-9999", _poser(_creance, "date_echeance", "9999-12-31"), "creances[0].date_echeance"),
    ("annee-0001", _poser(_paiement, "date", "0001-01-01"), "paiements[0].date"),
    ("fait-annee-9999", lambda b: _entete(b)["passages"][0]["faits"].update(date="9999-12-31"),
     "passages[0].faits.date"),
    ("date-compacte", _poser(_creance, "date_facture", "20260521"), "creances[0].date_facture"),
    ("horodatage-avec-fuseau", _poser(_evenement, "horodatage", "2026-09-16T10:33:45+02:00"), "journal[0].horodatage"),
    ("horodatage-annee-9999", _poser(_evenement, "horodatage", "9999-12-31T23:59:59"), "journal[0].horodatage"),
    ("etape-inconnue", lambda b: _entete(b).update(etape="appel"), "etape"),
    ("etape-liste", lambda b: _entete(b).update(etape=["nouveau"]), "etape"),
    ("mode-inconnu", _poser(_paiement, "mode", "bitcoin"), "paiements[0].mode"),
    ("creance-en-double", _dupliquer_creance, "creances"),
    ("document-hors-du-dossier", _poser(_evenement, "document", "../../2026-0001/dossier.json"), "journal[0].document"),
]


@pytest.fixture(scope="module")
def reference_modele(demo_modele: Path) -> str:
    """A demo dossier with invoices, payments and stage moves, so every kind of damage applies."""
    for dossier in (demo_modele / ref for ref in DepotDossiers(demo_modele).references()):
        brut = json.loads((dossier / "dossier.json").read_text(encoding="utf-8"))
        if brut["paiements"] and brut["creances"] and brut["dossier"]["1"]["passages"]:
            return dossier.name
    raise AssertionError("la démo n'a pas de dossier avec paiements et passages")


def _endommager(fichier: Path, modifier) -> bytes:
    brut = json.loads(fichier.read_text(encoding="utf-8"))
    modifier(brut)
    texte = json.dumps(brut, ensure_ascii=False)
    for jeton, remplacement in _JETONS.items():
        texte = texte.replace(jeton, remplacement)
    contenu = texte.encode("utf-8")
    fichier.write_bytes(contenu)
    return contenu


@pytest.mark.parametrize("modifier, fragment", [c[1:] for c in CAS], ids=[c[0] for c in CAS])
def test_a_damaged_dossier_is_refused_flagged_and_never_rewritten(
    demo_modele, reference_modele, tmp_path, capsys, modifier, fragment
):
    racine = tmp_path / "dossiers"
    shutil.copytree(demo_modele, racine)
    reference = reference_modele
    service = ServiceDossiers(racine, aujourdhui=lambda: AUJOURDHUI, auteur="c.martin", fsync=False)
    ouvert = service.charger(reference)  # another window had it open before the damage
    fichier = racine / reference / "dossier.json"
    contenu = _endommager(fichier, modifier)

    with pytest.raises(DossierEndommage) as refus:
        DepotDossiers(racine).charger(reference)
    motif = str(refus.value)
    assert fragment in motif
    assert "Il n'a pas été modifié" in motif
    assert "Traceback" not in motif and "Error" not in motif

    resumes = {r.reference: r for r in ServiceDossiers(racine).resumes_actualises()}
    assert fragment in resumes[reference].endommage
    assert [r for r in resumes.values() if r.endommage] == [resumes[reference]]
    service.agenda()

    assert main(["liste", "--dossiers", str(racine)]) == 0
    assert main(["decompte", reference, "--dossiers", str(racine)]) == 2
    sortie = capsys.readouterr()
    assert "Traceback" not in sortie.err and "inattendue" not in sortie.err
    assert f"{reference}  ⚠ illisible" in sortie.out

    with pytest.raises(ErreurStockage):
        service.ajouter_note(ouvert, "Appel du débiteur : promet de payer.")
    with pytest.raises(ErreurStockage):
        service.ajouter_creance(ouvert, {"numero": "FA-NEUVE", "date_facture": "01/10/2026",
                                         "date_echeance": "31/10/2026", "montant_ttc": "100"})
    assert fichier.read_bytes() == contenu


def test_the_corpus_covers_every_kind_of_damage():
    assert len(CAS) >= 25
    assert len({c[0] for c in CAS}) == len(CAS)


def test_a_sound_dossier_survives_a_reload_unchanged(demo_modele, reference_modele, tmp_path):
    """The strict reader accepts everything the application itself writes."""
    racine = tmp_path / "dossiers"
    shutil.copytree(demo_modele, racine)
    depot = DepotDossiers(racine)
    for reference in depot.references():
        dossier = depot.charger(reference)
        assert depot.enregistrer(dossier).revision == dossier.revision + 1

