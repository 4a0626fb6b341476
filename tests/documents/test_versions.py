"""Each generation is a new file recorded with its SHA-256; edits are detected and kept."""

from __future__ import annotations

import hashlib
import io

import pytest
from docx import Document

from recouvrement_tui.domain.erreurs import ErreurSaisie
from recouvrement_tui.domain.etapes import TypeEvenement
from recouvrement_tui.domain.formatage import montant
from tests.conftest import AUJOURDHUI


def _dossier_relance(service):
    """A demo dossier with overdue invoices and a professional debtor."""
    for resume in service.resumes_actualises():
        dossier = service.charger(resume.reference)
        contexte = service.documents.contexte(dossier, AUJOURDHUI)
        if contexte["factures_echues"] and not service.documents.verifier(dossier, "mise_en_demeure"):
            return dossier
    raise AssertionError("aucun dossier de démonstration avec des factures échues")


def _sha(chemin) -> str:
    return hashlib.sha256(chemin.read_bytes()).hexdigest()


def test_generation_numerote_sans_ecraser_et_journalise(demo):
    dossier = _dossier_relance(demo)
    premier = demo.documents.generer(dossier, "mise_en_demeure")
    second = demo.documents.generer(premier.dossier, "mise_en_demeure")
    assert premier.chemin.name == f"{AUJOURDHUI.isoformat()}_mise_en_demeure_v1.docx"
    assert second.chemin.name == f"{AUJOURDHUI.isoformat()}_mise_en_demeure_v2.docx"
    assert premier.chemin.exists() and second.chemin.exists()
    relu = demo.charger(dossier.reference)
    entrees = [e for e in relu.journal if e.type is TypeEvenement.DOCUMENT]
    assert [e.document for e in entrees] == [f"documents/{premier.chemin.name}", f"documents/{second.chemin.name}"]
    assert entrees[0].empreinte == _sha(premier.chemin)
    assert entrees[1].empreinte == _sha(second.chemin)
    assert "Mise en demeure" in entrees[0].texte and "version 1" in entrees[0].texte


def test_un_fichier_deja_present_n_est_jamais_ecrase(demo):
    """Another instance wrote v1 meanwhile (not yet journaled here): we get v2, v1 is untouched."""
    dossier = _dossier_relance(demo)
    documents = demo.depot.chemin(dossier.reference) / "documents"
    documents.mkdir(exist_ok=True)
    autre = documents / f"{AUJOURDHUI.isoformat()}_mise_en_demeure_v1.docx"
    autre.write_bytes(b"contenu de l'autre poste")
    genere = demo.documents.generer(dossier, "mise_en_demeure")
    assert genere.chemin.name.endswith("_v2.docx")
    assert autre.read_bytes() == b"contenu de l'autre poste"
    etats = {v.chemin: v.etat for v in demo.documents.versions(genere.dossier)}
    assert etats[f"documents/{autre.name}"] == "non inscrit au journal"


def test_modification_apres_generation_detectee_puis_deposee(demo):
    dossier = _dossier_relance(demo)
    genere = demo.documents.generer(dossier, "mise_en_demeure")
    version = genere.version
    assert version.etat == "tel que généré" and not version.modifie
    # A lawyer edits the file in place, in Word.
    doc = Document(genere.chemin)
    doc.add_paragraph("Copie adressée à Maître Durand, avocat.")
    doc.save(genere.chemin)
    version = demo.documents.versions(genere.dossier)[0]
    assert version.modifie and version.etat.endswith(", après sa génération")
    edite = genere.chemin.read_bytes()

    revise = demo.documents.deposer_revision(genere.dossier, version)
    assert revise.chemin.name.endswith("_v2.docx")
    assert revise.chemin.read_bytes() == edite  # the lawyer's text, kept as a version of its own
    assert "Maître Durand" in "\n".join(p.text for p in Document(revise.chemin).paragraphs)
    assert revise.version.revision and revise.version.etat == "révision déposée"
    dernier = demo.charger(dossier.reference).journal[-1]
    assert dernier.type is TypeEvenement.DOCUMENT and dernier.texte.startswith("Version révisée déposée")
    assert dernier.empreinte == _sha(revise.chemin)


def test_depot_d_un_fichier_revise_externe(demo, tmp_path):
    dossier = _dossier_relance(demo)
    genere = demo.documents.generer(dossier, "mise_en_demeure")
    retour = tmp_path / "MED relue par l'avocat.docx"
    doc = Document(genere.chemin)
    doc.add_paragraph("Relu et approuvé.")
    doc.save(retour)
    revise = demo.documents.deposer_revision(genere.dossier, genere.version, retour)
    assert revise.chemin.read_bytes() == retour.read_bytes()
    assert genere.chemin.read_bytes() != retour.read_bytes()  # v1 untouched
    assert "MED relue par l'avocat.docx" in demo.charger(dossier.reference).journal[-1].texte


@pytest.mark.parametrize(
    "contenu, message",
    [(b"pas un document Word", "n'est pas un document Word"), (None, "n'existe pas")],
)
def test_depot_refuse_sans_rien_ecrire(demo, tmp_path, contenu, message):
    dossier = _dossier_relance(demo)
    genere = demo.documents.generer(dossier, "mise_en_demeure")
    source = tmp_path / "revise.docx"
    if contenu is not None:
        source.write_bytes(contenu)
    avant = sorted((demo.depot.chemin(dossier.reference) / "documents").iterdir())
    with pytest.raises(ErreurSaisie, match=message):
        demo.documents.deposer_revision(genere.dossier, genere.version, source)
    assert sorted((demo.depot.chemin(dossier.reference) / "documents").iterdir()) == avant
    assert demo.charger(dossier.reference).journal == genere.dossier.journal


def test_depot_d_une_version_inchangee_refuse(demo):
    dossier = _dossier_relance(demo)
    genere = demo.documents.generer(dossier, "mise_en_demeure")
    with pytest.raises(ErreurSaisie, match="n'a pas été modifié"):
        demo.documents.deposer_revision(genere.dossier, genere.version)


def test_echec_du_journal_retire_le_fichier(demo, monkeypatch):
    """No document without its journal record: a failed save removes the new file."""
    dossier = _dossier_relance(demo)

    def panne(_dossier):
        raise OSError("disque plein")

    monkeypatch.setattr(demo.depot, "enregistrer", panne)
    with pytest.raises(OSError):
        demo.documents.generer(dossier, "mise_en_demeure")
    documents = demo.depot.chemin(dossier.reference) / "documents"
    assert not any(documents.glob("*.docx"))


def test_echec_apres_le_journal_garde_le_fichier(demo, monkeypatch):
    """Once the journal records a version, its file stays, whatever fails next."""
    dossier = _dossier_relance(demo)

    def panne(_dossier):
        raise OSError("cache de la liste illisible")

    monkeypatch.setattr(demo, "indexer", panne)
    with pytest.raises(OSError):
        demo.documents.generer(dossier, "mise_en_demeure")
    relu = demo.charger(dossier.reference)
    assert relu.journal[-1].type is TypeEvenement.DOCUMENT
    assert (demo.depot.chemin(dossier.reference) / relu.journal[-1].document).exists()


def test_revision_sur_place_apres_affichage(demo):
    """The version was listed before the lawyer saved: the file as it is now is what counts."""
    dossier = _dossier_relance(demo)
    genere = demo.documents.generer(dossier, "mise_en_demeure")
    affichee = demo.documents.versions(genere.dossier)[0]
    assert not affichee.modifie
    doc = Document(genere.chemin)
    doc.add_paragraph("Modifié après l'affichage de l'onglet.")
    doc.save(genere.chemin)
    revise = demo.documents.deposer_revision(genere.dossier, affichee)
    assert revise.chemin.name.endswith("_v2.docx")
    etats = {v.version: v.etat for v in demo.documents.versions(revise.dossier)}
    assert etats[1] == "modifié, déposé comme v2"


def test_numero_d_une_version_deplacee_jamais_reutilise(demo):
    dossier = _dossier_relance(demo)
    premier = demo.documents.generer(dossier, "mise_en_demeure")
    premier.chemin.unlink()  # moved away by hand
    second = demo.documents.generer(premier.dossier, "mise_en_demeure")
    assert second.chemin.name.endswith("_v2.docx")


def test_fichier_au_nom_impossible_ignore(demo):
    dossier = _dossier_relance(demo)
    documents = demo.depot.chemin(dossier.reference) / "documents"
    documents.mkdir(exist_ok=True)
    (documents / "2026-02-30_mise_en_demeure_v9.docx").write_bytes(b"x")
    assert demo.documents.versions(dossier) == []


def test_relecture_python_docx_des_montants_francais(demo):
    """Amounts keep babel's narrow no-break space and the no-break space before €."""
    dossier = _dossier_relance(demo)
    genere = demo.documents.generer(dossier, "mise_en_demeure")
    texte = "\n".join(p.text for p in Document(io.BytesIO(genere.chemin.read_bytes())).paragraphs)
    total = demo.decompte(dossier, AUJOURDHUI).total
    assert montant(total) in texte and "\u00a0€" in montant(total)
