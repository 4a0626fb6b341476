"""Damaged or hostile files in a data folder never crash anything (issue 12, hole 5).

A bad index.json is rebuilt from the dossier folders; a broken parametres.json is reported
in French; symlinked dossier folders, pièces and documents are never followed; paths
recorded in a dossier never lead outside its folder.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from recouvrement_tui.cli.principal import main
from recouvrement_tui.domain.etapes import TypeEvenement
from recouvrement_tui.domain.model import Debiteur
from recouvrement_tui.services.dossiers import ServiceDossiers
from recouvrement_tui.storage.confinement import CheminRefuse, chemin_confine
from recouvrement_tui.storage.documents import (
    copier_piece,
    ecrire_version,
    lister_documents,
    pieces_jointes,
)
from recouvrement_tui.storage.dossiers import DepotDossiers
from recouvrement_tui.storage.erreurs import DossierEndommage, ErreurStockage
from recouvrement_tui.storage.parametres import (
    ParametresIllisibles,
    charger_parametres,
    lire_parametres,
)
from tests.conftest import AUJOURDHUI, CREANCIER, DEBITEUR

ANGLAIS = ("Traceback", "Erreur inattendue", "Expecting", "Errno", "object", "line ", "column", "Is a directory")


def _service(racine: Path, **options) -> ServiceDossiers:
    return ServiceDossiers(racine, aujourdhui=lambda: AUJOURDHUI, auteur="c.martin", fsync=False, **options)


def _francais(message: str) -> None:
    assert not any(mot in message for mot in ANGLAIS), message


# --- index.json -----------------------------------------------------------------------------


def _index_valide(racine: Path) -> dict:
    return json.loads((racine / "index.json").read_text(encoding="utf-8"))


def _entree(racine: Path, reference: str, **champs) -> str:
    """The real index, with some fields of one entry's row replaced (its fingerprint kept); the
    agenda's actions, kept in index-details.json, are replaced there."""
    from recouvrement_tui.storage.index import DETAILS
    from recouvrement_tui.storage.index_entrees import COLONNES_LIGNE

    brut = _index_valide(racine)
    if "actions" in champs:
        details = json.loads((racine / DETAILS).read_text(encoding="utf-8"))
        details["dossiers"][reference][1] = champs.pop("actions")
        (racine / DETAILS).write_text(json.dumps(details), encoding="utf-8")
    for cle, valeur in champs.items():
        brut["dossiers"][reference][COLONNES_LIGNE.index(cle)] = valeur
    return json.dumps(brut)


CASSES = {
    "une liste": lambda r, ref: "[]",
    "un nombre": lambda r, ref: "42",
    "dossiers en liste": lambda r, ref: json.dumps({**_index_valide(r), "dossiers": []}),
    "entrée non objet": lambda r, ref: json.dumps({**_index_valide(r), "dossiers": {ref: "x"}}),
    "entrée vide": lambda r, ref: json.dumps({**_index_valide(r), "dossiers": {ref: []}}),
    "entrée objet": lambda r, ref: json.dumps({**_index_valide(r), "dossiers": {ref: {"debiteur": "x"}}}),
    "clé hors référence": lambda r, ref: json.dumps({**_index_valide(r), "dossiers": {"../x": {}}}),
    "solde nombre": lambda r, ref: _entree(r, ref, solde=12),
    "solde NaN": lambda r, ref: _entree(r, ref, solde="NaN"),
    "solde infini": lambda r, ref: _entree(r, ref, solde="-Infinity"),
    "solde 1e30": lambda r, ref: _entree(r, ref, solde="1e30"),
    "solde texte": lambda r, ref: _entree(r, ref, solde="beaucoup"),
    "débiteur nombre": lambda r, ref: _entree(r, ref, debiteur=5),
    "étape inconnue": lambda r, ref: _entree(r, ref, etape="nulle_part"),
    "date fausse": lambda r, ref: _entree(r, ref, date="hier"),
    "date nombre": lambda r, ref: _entree(r, ref, date=20261123),
    "action liste": lambda r, ref: _entree(r, ref, action=["x"]),
    "endommagé nombre": lambda r, ref: _entree(r, ref, endommage=1),
    "siren nombre": lambda r, ref: _entree(r, ref, siren=732829320),
    # Valid decimals and dates, not as the index writes them: written back they would change
    # (999999999999999.999 rounds to 10^15 and was then refused by the agenda).
    "solde arrondi à l'écriture": lambda r, ref: _entree(r, ref, solde="999999999999999.999"),
    "solde exposant": lambda r, ref: _entree(r, ref, solde="1e-40"),
    "solde signé": lambda r, ref: _entree(r, ref, solde="+268.41"),
    "solde quatre décimales": lambda r, ref: _entree(r, ref, solde="268.4100"),
    "solde chiffres arabes": lambda r, ref: _entree(r, ref, solde="٢٦٨.41"),
    "solde souligné": lambda r, ref: _entree(r, ref, solde="26_8.41"),
    "date compacte": lambda r, ref: _entree(r, ref, date="20261123"),
    "date en semaine": lambda r, ref: _entree(r, ref, date="2026-W48-1"),
    "étape nulle": lambda r, ref: _entree(r, ref, etape=None),
    "valable texte": lambda r, ref: _entree(r, ref, valable="demain"),
    "valable liste": lambda r, ref: _entree(r, ref, valable=["2026-12-01"]),
    "étape vide": lambda r, ref: _entree(r, ref, etape=""),
    "étape liste": lambda r, ref: _entree(r, ref, etape=["relance"]),
    "date liste": lambda r, ref: _entree(r, ref, date=["2026-11-23"]),
    "empreinte texte": lambda r, ref: _entree(r, ref, empreinte="1,2"),
    "empreinte booléens": lambda r, ref: _entree(r, ref, empreinte=[True, False]),
    "empreinte longue": lambda r, ref: _entree(r, ref, empreinte=[1, 2, 3]),
    "ligne longue": lambda r, ref: json.dumps({**_index_valide(r), "dossiers": {ref: [None] * 12}}),
    "actions texte": lambda r, ref: _entree(r, ref, actions="x"),
    "actions tronquées": lambda r, ref: _entree(r, ref, actions=[["x", "2026-11-23"]]),
    "action date fausse": lambda r, ref: _entree(r, ref, actions=[["x", "9999-99-99", "r", False, "synthese"]]),
    "tronqué": lambda r, ref: (r / "index.json").read_text(encoding="utf-8")[:40],
    "NaN": lambda r, ref: '{"version": NaN, "dossiers": {}}',
    "imbriqué": lambda r, ref: "[" * 100_000 + "]" * 100_000,
    "octets": lambda r, ref: b"\xff\xfe\x00".decode("latin-1"),
}


@pytest.mark.parametrize("cas", sorted(CASSES))
def test_a_bad_index_is_rebuilt_from_the_folders(tmp_path, cas):
    racine = tmp_path / "dossiers"
    service = _service(racine)
    dossier = service.creer_dossier(DEBITEUR)
    attendus, agenda_attendu = service.resumes_actualises(), service.agenda()
    assert agenda_attendu
    service.fermer()
    (racine / "index.json").write_text(CASSES[cas](racine, dossier.reference), encoding="utf-8")

    relu = _service(racine)
    cache = relu.resumes_en_cache()  # never raises; may be empty, never wrong
    assert all(r in attendus for r in cache)
    resumes = relu.resumes_actualises()
    assert resumes == attendus
    assert [(r.reference, r.debiteur, r.endommage) for r in resumes] == [
        (dossier.reference, "Menuiserie Durand (SARL)", "")
    ]
    assert relu.agenda() == agenda_attendu
    relu.fermer()
    # Rewritten whole and valid: the next start reads it without rebuilding.
    assert _index_valide(racine)["dossiers"][dossier.reference][0] == "Menuiserie Durand (SARL)"  # the debtor
    assert [r.debiteur for r in _service(racine).resumes_en_cache()] == ["Menuiserie Durand (SARL)"]


def test_an_index_that_is_a_directory_is_left_alone_and_said_once(tmp_path):
    racine = tmp_path / "dossiers"
    service = _service(racine)
    dossier = service.creer_dossier(DEBITEUR)
    (racine / "index.json").mkdir(parents=True, exist_ok=True)
    (racine / "index.json" / "garder.txt").write_text("à moi", encoding="utf-8")
    service.fermer()  # would have written the index

    relu = _service(racine)
    assert relu.resumes_en_cache() == []
    assert [r.reference for r in relu.resumes_actualises()] == [dossier.reference]
    relu.ajouter_note(relu.charger(dossier.reference), "Appel du débiteur.")
    relu.fermer()
    assert (racine / "index.json" / "garder.txt").read_text(encoding="utf-8") == "à moi"
    message = relu.index.avertissement
    assert "index.json" in message and "répertoire" in message
    _francais(message)


def test_an_index_that_cannot_be_written_is_kept_in_memory(tmp_path, monkeypatch):
    from recouvrement_tui.storage import index as module_index

    racine = tmp_path / "dossiers"
    service = _service(racine)
    dossier = service.creer_dossier(DEBITEUR)

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(module_index, "ecrire_atomiquement", refuse)
    assert [r.reference for r in service.resumes_actualises()] == [dossier.reference]
    service.fermer()
    assert "droits" in service.index.avertissement
    _francais(service.index.avertissement)


def test_an_unreadable_index_is_rebuilt(tmp_path, monkeypatch):
    racine = tmp_path / "dossiers"
    service = _service(racine)
    dossier = service.creer_dossier(DEBITEUR)
    service.fermer()
    lire = Path.read_bytes

    def refuse(self, *args, **kwargs):
        if self.name == "index.json":
            raise PermissionError(13, "Permission denied")
        return lire(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    relu = _service(racine)
    assert relu.resumes_en_cache() == []
    assert [r.reference for r in relu.resumes_actualises()] == [dossier.reference]


# --- parametres.json ------------------------------------------------------------------------

PARAMETRES_CASSES = {
    "JSON invalide": "{",
    "vide": "",
    "une liste": "[]",
    "créancier liste": '{"creancier": []}',
    "raison sociale nombre": '{"creancier": {"raison_sociale": 5}}',
    "siège texte": '{"creancier": {"siege": "Lyon"}}',
    "lignes de nombres": '{"creancier": {"siege": {"lignes": [1, 2]}}}',
    "capital faux": '{"creancier": {"capital": "beaucoup"}}',
    "capital NaN": '{"creancier": {"capital": "NaN"}}',
    "calendrier liste": '{"calendrier": [5]}',
    "jours texte": '{"calendrier": {"jours_entre_relances": "x"}}',
    "jours booléen": '{"calendrier": {"jours_entre_relances": true}}',
    "jours énormes": '{"calendrier": {"jours_entre_relances": 1000000000000000000000000000000}}',
    "jours NaN": '{"calendrier": {"jours_entre_relances": NaN}}',
    "imbriqué": '{"creancier": ' + "[" * 100_000 + "]" * 100_000 + "}",
}


@pytest.mark.parametrize("cas", sorted(PARAMETRES_CASSES))
def test_broken_settings_are_explained_in_french(tmp_path, cas, capsys):
    racine = tmp_path / "dossiers"
    racine.mkdir()
    (racine / "parametres.json").write_text(PARAMETRES_CASSES[cas], encoding="utf-8")
    with pytest.raises(ParametresIllisibles) as erreur:
        charger_parametres(racine)
    assert "parametres.json" in str(erreur.value)
    _francais(str(erreur.value))

    # The CLI says what is wrong, exit status 2.
    assert main(["liste", "--dossiers", str(racine)]) == 2
    sortie = capsys.readouterr().err
    assert "parametres.json" in sortie
    _francais(sortie)

    # The TUI's service opens anyway, with the defaults and the reason.
    service = _service(racine, tolerer_parametres=True)
    assert "parametres.json" in service.parametres_illisibles
    assert service.resumes_actualises() == []


def test_settings_that_are_a_directory(tmp_path, capsys):
    racine = tmp_path / "dossiers"
    (racine / "parametres.json").mkdir(parents=True)
    with pytest.raises(ParametresIllisibles, match="répertoire"):
        charger_parametres(racine)
    assert main(["liste", "--dossiers", str(racine)]) == 2
    _francais(capsys.readouterr().err)
    service = _service(racine, tolerer_parametres=True)
    assert "répertoire" in service.parametres_illisibles
    with pytest.raises(ErreurStockage, match="répertoire") as erreur:
        service.enregistrer_parametres(_CREANCIER, {})
    _francais(str(erreur.value))
    assert (racine / "parametres.json").is_dir()


_CREANCIER = CREANCIER


def test_what_is_readable_in_broken_settings_is_kept_and_saving_repairs_them(tmp_path):
    racine = tmp_path / "dossiers"
    _service(racine).enregistrer_parametres(_CREANCIER, {"jours_entre_relances": "20"})
    brut = json.loads((racine / "parametres.json").read_text(encoding="utf-8"))
    brut["calendrier"]["jours_avant_mise_en_demeure"] = "quinze"
    (racine / "parametres.json").write_text(json.dumps(brut), encoding="utf-8")

    parametres, motif = lire_parametres(racine)
    assert "jours_avant_mise_en_demeure" in motif
    assert parametres.creancier.raison_sociale == "Électricité Rhône SAS"  # kept for the form

    service = _service(racine, tolerer_parametres=True)
    assert service.parametres.creancier.raison_sociale == "Électricité Rhône SAS"
    service.enregistrer_parametres(_CREANCIER, {"jours_entre_relances": "20"})
    assert service.parametres_illisibles == ""
    relus = charger_parametres(racine)
    assert relus.calendrier.jours_entre_relances == 20
    assert relus.creancier.raison_sociale == "Électricité Rhône SAS"


# --- symlinked dossier folders ------------------------------------------------------------------


def _dossier_ailleurs(tmp_path: Path, reference: str) -> Path:
    """A valid dossier named `reference`, in a folder outside the data folder."""
    ailleurs = tmp_path / "ailleurs"
    depot = DepotDossiers(ailleurs, fsync=False)
    depot.creer(Debiteur(nom="Cible Externe"), "x", __import__("datetime").datetime(2026, 11, 1, 12), reference=reference)
    return ailleurs / reference


def test_a_symlinked_dossier_folder_is_listed_as_damaged_and_never_written(tmp_path):
    racine = tmp_path / "dossiers"
    service = _service(racine)
    bon = service.creer_dossier(DEBITEUR)
    cible = _dossier_ailleurs(tmp_path, "2026-0050")
    avant = (cible / "dossier.json").read_bytes()
    (racine / "2026-0050").symlink_to(cible, target_is_directory=True)

    resumes = {r.reference: r for r in _service(racine).resumes_actualises()}
    assert not resumes[bon.reference].endommage
    assert "2026-0050 est un lien symbolique" in resumes["2026-0050"].endommage
    _francais(resumes["2026-0050"].endommage)
    assert DepotDossiers(racine).references() == [bon.reference]
    # Read back from the index, the link's entry is the one a check builds: the list's check
    # every few seconds finds nothing changed and does not write index.json again.
    relu = _service(racine)
    assert relu.resumes_en_cache() == list(resumes.values())
    assert relu.verifier_resumes() is None

    with pytest.raises(DossierEndommage, match="lien symbolique"):
        service.charger("2026-0050")
    externe = DepotDossiers(tmp_path / "ailleurs").charger("2026-0050")
    with pytest.raises(ErreurStockage):
        DepotDossiers(racine).enregistrer(externe.noter(TypeEvenement.NOTE, "x", "y", externe.journal[0].horodatage))
    assert (cible / "dossier.json").read_bytes() == avant
    # A new dossier never takes the number of the link, nor writes through it.
    for _ in range(3):
        assert service.creer_dossier(DEBITEUR).reference != "2026-0050"
    assert (cible / "dossier.json").read_bytes() == avant


def test_a_folder_linked_to_another_dossier_never_writes_into_it(tmp_path):
    racine = tmp_path / "dossiers"
    service = _service(racine)
    original = service.creer_dossier(DEBITEUR)
    (racine / "2026-0099").symlink_to(racine / original.reference, target_is_directory=True)
    avant = (racine / original.reference / "dossier.json").read_bytes()
    resumes = {r.reference: r for r in service.resumes_actualises()}
    assert "lien symbolique" in resumes["2026-0099"].endommage
    assert not resumes[original.reference].endommage
    with pytest.raises(DossierEndommage, match="lien symbolique"):
        service.charger("2026-0099")
    assert (racine / original.reference / "dossier.json").read_bytes() == avant


def test_a_linked_or_directory_dossier_json_is_damaged(tmp_path):
    racine = tmp_path / "dossiers"
    service = _service(racine)
    premier = service.creer_dossier(DEBITEUR)
    second = service.creer_dossier(DEBITEUR)
    troisieme = service.creer_dossier(DEBITEUR)
    fichier = racine / second.reference / "dossier.json"
    fichier.unlink()
    fichier.symlink_to(racine / premier.reference / "dossier.json")
    (racine / troisieme.reference / "dossier.json").unlink()
    (racine / troisieme.reference / "dossier.json").mkdir()
    resumes = {r.reference: r for r in _service(racine).resumes_actualises()}
    assert "lien symbolique" in resumes[second.reference].endommage
    assert "répertoire" in resumes[troisieme.reference].endommage
    _francais(resumes[troisieme.reference].endommage)
    assert not resumes[premier.reference].endommage
    with pytest.raises(DossierEndommage, match="lien symbolique"):
        DepotDossiers(racine).enregistrer(replace(premier, reference=second.reference))
    assert fichier.is_symlink()


# --- pièces and documents: never followed out of the dossier -------------------------------------


@pytest.mark.parametrize(
    "relatif",
    ["../x", "../../2026-0001/dossier.json", "/etc/passwd", "documents/../../x", "C:\\Windows\\x", "a\x00b", "",
     "documents/", "..", "pieces/../../../etc/passwd", "\\\\serveur\\partage\\x"],
)
def test_paths_outside_the_dossier_are_refused(tmp_path, relatif):
    dossier = tmp_path / "dossiers" / "2026-0001"
    dossier.mkdir(parents=True)
    with pytest.raises(CheminRefuse) as erreur:
        chemin_confine(dossier, relatif)
    _francais(str(erreur.value))


def test_paths_inside_the_dossier_are_accepted_unless_a_link(tmp_path):
    dossier = tmp_path / "dossiers" / "2026-0001"
    (dossier / "documents").mkdir(parents=True)
    assert chemin_confine(dossier, "documents/a.docx") == dossier / "documents" / "a.docx"
    (dossier / "documents" / "lien.docx").symlink_to(tmp_path / "secret")
    with pytest.raises(CheminRefuse, match="lien symbolique"):
        chemin_confine(dossier, "documents/lien.docx")
    (dossier / "pieces").symlink_to(tmp_path, target_is_directory=True)
    with pytest.raises(CheminRefuse, match="lien symbolique"):
        chemin_confine(dossier, "pieces/secret")


def test_symlinked_pieces_and_documents_are_not_read(tmp_path):
    dossier = tmp_path / "2026-0001"
    (dossier / "pieces").mkdir(parents=True)
    (dossier / "documents").mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_bytes(b"SECRET")
    (dossier / "pieces" / "facture.pdf").symlink_to(secret)
    (dossier / "pieces" / "vraie.pdf").write_bytes(b"%PDF")
    (dossier / "documents" / "2026-11-23_mise_en_demeure_v1.docx").symlink_to(secret)
    assert pieces_jointes(dossier) == ("vraie.pdf",)
    assert lister_documents(dossier) == []


def test_symlinked_subfolders_are_never_written_into(tmp_path):
    dossier = tmp_path / "2026-0001"
    dossier.mkdir()
    dehors = tmp_path / "dehors"
    dehors.mkdir()
    (dossier / "documents").symlink_to(dehors, target_is_directory=True)
    (dossier / "pieces").symlink_to(dehors, target_is_directory=True)
    source = tmp_path / "bon.pdf"
    source.write_bytes(b"%PDF")
    with pytest.raises(ErreurStockage, match="lien symbolique") as erreur:
        ecrire_version(dossier, "mise_en_demeure", AUJOURDHUI, b"x", fsync=False)
    _francais(str(erreur.value))
    with pytest.raises(ErreurStockage, match="lien symbolique"):
        copier_piece(dossier, source, "bon.pdf", fsync=False)
    assert list(dehors.iterdir()) == []
    assert pieces_jointes(dossier) == () and lister_documents(dossier) == []


@pytest.mark.parametrize("chemin", ["../../2026-0001/dossier.json", "/etc/passwd", "documents/lien.docx"])
def test_a_journal_document_path_outside_the_dossier_is_never_opened_or_deposited(tmp_path, chemin):
    racine = tmp_path / "dossiers"
    service = _service(racine)
    d = service.creer_dossier(DEBITEUR)
    (racine / d.reference / "documents" / "lien.docx").symlink_to(racine / d.reference / "dossier.json")
    versions = service.documents.versions(d)
    assert all(v.chemin != "documents/lien.docx" for v in versions)  # a link is not a version on disk
    from recouvrement_tui.documents.versions import version_du_journal

    evenement = d.noter(TypeEvenement.DOCUMENT, "Document généré.", "x", d.journal[0].horodatage, chemin, "0" * 64)
    version = version_du_journal(evenement.journal[-1], "")
    with pytest.raises(ErreurStockage) as erreur:
        service.documents.chemin(d, version)
    _francais(str(erreur.value))
    from recouvrement_tui.domain.erreurs import ErreurSaisie

    with pytest.raises(ErreurSaisie):
        service.documents.deposer_revision(d, version, None)
    assert service.charger(d.reference).journal == d.journal


def test_an_export_never_reads_a_symlinked_piece(tmp_path):
    racine = tmp_path / "dossiers"
    service = _service(racine)
    d = service.creer_dossier(DEBITEUR)
    secret = tmp_path / "secret.txt"
    secret.write_bytes(b"SECRET-HORS-DOSSIER")
    (racine / d.reference / "pieces" / "facture.pdf").symlink_to(secret)
    (racine / d.reference / "documents" / "2026-11-23_mise_en_demeure_v1.docx").symlink_to(secret)
    archive = service.echanges.exporter(d.reference, tmp_path / "export")
    with zipfile.ZipFile(io.BytesIO(archive.read_bytes())) as z:
        assert all(b"SECRET-HORS-DOSSIER" not in z.read(n) for n in z.namelist())
    assert os.path.islink(racine / d.reference / "pieces" / "facture.pdf")


def test_the_tui_command_opens_despite_broken_settings(tmp_path, monkeypatch):
    from recouvrement_tui.ui.app import RecouvrementApp

    racine = tmp_path / "dossiers"
    racine.mkdir()
    (racine / "parametres.json").write_text("{", encoding="utf-8")
    ouvertes = []
    monkeypatch.setattr(RecouvrementApp, "run", lambda self: ouvertes.append(self.service))
    assert main(["--dossiers", str(racine)]) == 0
    assert "parametres.json" in ouvertes[0].parametres_illisibles


@pytest.mark.parametrize("nom", ["../dossier.json", "/etc/passwd", "lien.pdf"])
def test_an_export_refuses_a_recorded_piece_outside_the_dossier_or_a_link(tmp_path, nom):
    from recouvrement_tui.domain.erreurs import ErreurSaisie
    from recouvrement_tui.domain.model import Piece, TypePiece

    racine = tmp_path / "dossiers"
    service = _service(racine)
    d = service.creer_dossier(DEBITEUR)
    (racine / d.reference / "pieces" / "lien.pdf").symlink_to(racine / d.reference / "dossier.json")
    piece = Piece(fichier=nom, type=TypePiece.FACTURE)
    DepotDossiers(racine, fsync=False).enregistrer(d.joindre_piece(piece, "0" * 64, "x", d.journal[0].horodatage))
    with pytest.raises((ErreurSaisie, ErreurStockage)) as erreur:
        service.echanges.exporter(d.reference, tmp_path / "export")
    _francais(str(erreur.value))
    assert not (tmp_path / "export").exists() or not any((tmp_path / "export").iterdir())


def test_an_index_that_is_a_link_is_neither_read_nor_written_through(tmp_path):
    racine = tmp_path / "dossiers"
    service = _service(racine)
    dossier = service.creer_dossier(DEBITEUR)
    service.fermer()
    ailleurs = tmp_path / "ailleurs.json"
    ailleurs.write_text((racine / "index.json").read_text(encoding="utf-8").replace("Menuiserie", "Piège"),
                        encoding="utf-8")
    avant = ailleurs.read_bytes()
    (racine / "index.json").unlink()
    (racine / "index.json").symlink_to(ailleurs)
    relu = _service(racine)
    assert relu.resumes_en_cache() == []
    assert [r.debiteur for r in relu.resumes_actualises()] == ["Menuiserie Durand (SARL)"]
    assert ailleurs.read_bytes() == avant
    assert not (racine / "index.json").is_symlink() and relu.index.avertissement == ""
    assert dossier.reference in _index_valide(racine)["dossiers"]
