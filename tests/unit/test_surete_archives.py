"""A corpus of malicious export archives: each is refused and writes nothing, anywhere.

Every archive here is built from a genuine export, then altered the way an attacker would:
the manifest and the zip are rewritten consistently (hashes recomputed) so that only the
defence under test can stop it.
"""

from __future__ import annotations

import hashlib
import json
import tracemalloc
import warnings
import zipfile
from pathlib import Path

import pytest

from recouvrement_tui.domain.erreurs import ErreurSaisie
from recouvrement_tui.exchange import archive
from recouvrement_tui.services.dossiers import ServiceDossiers
from tests.conftest import AUJOURDHUI


@pytest.fixture
def export(demo, tmp_path):
    """(service, reference, archive path): a dossier with a document and a pièce, exported."""
    reference = demo.documents.relances_dues(AUJOURDHUI)[0][0]
    demo.documents.generer(demo.charger(reference), "mise_en_demeure")
    pieces = demo.depot.chemin(reference) / "pieces"
    (pieces / "facture.pdf").write_bytes(b"%PDF-1.4 facture")
    return demo, reference, demo.echanges.exporter(reference, tmp_path / "export")


def _membres(chemin: Path) -> tuple[dict, list[tuple[str, bytes]]]:
    with zipfile.ZipFile(chemin) as z:
        membres = [(i.filename, z.read(i.filename)) for i in z.infolist() if i.filename != archive.MANIFESTE]
        return json.loads(z.read(archive.MANIFESTE)), membres


def _ecrire(chemin: Path, manifeste: dict, membres: list[tuple[str, bytes]]) -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about duplicate names: that is the attack
        with zipfile.ZipFile(chemin, "w", zipfile.ZIP_DEFLATED) as z:
            for nom, contenu in membres:
                z.writestr(nom, contenu)
            z.writestr(archive.MANIFESTE, json.dumps(manifeste))
    return chemin


def _entree(nom: str, contenu: bytes, cible: str = "") -> dict:
    entree = {"nom": nom, "sha256": hashlib.sha256(contenu).hexdigest(), "taille": len(contenu)}
    return {**entree, "restaurer_vers": cible} if cible else entree


def _arborescence(racine: Path) -> dict[str, bytes]:
    return {str(p.relative_to(racine)): p.read_bytes() for p in sorted(racine.rglob("*")) if p.is_file()}


def _refusee(service: ServiceDossiers, chemin: Path, motif: str, *, remplacer: bool = False) -> None:
    """The archive is refused with `motif` and nothing under the data folder's parent changed."""
    surveille = service.racine.parent
    avant = _arborescence(surveille)
    with pytest.raises(ErreurSaisie, match=motif):
        service.echanges.importer_archive(chemin, remplacer=remplacer)
    apres = _arborescence(surveille)
    assert apres == avant, sorted(set(apres) ^ set(avant))


def test_doublon_du_manifeste_ne_cache_plus_une_destination(export, tmp_path):
    """The critical hole: the manifest was checked as a dict (the last entry of a name won)
    while restoration walked the list, so a first entry's target was never checked."""
    service, _, chemin = export
    manifeste, membres = _membres(chemin)
    cible = next(f for f in manifeste["fichiers"] if f.get("restaurer_vers", "").startswith("pieces/"))
    piege = dict(cible, restaurer_vers="../../../evil.txt")
    manifeste["fichiers"] = [piege, *manifeste["fichiers"]]
    malveillante = _ecrire(tmp_path / "evil.zip", manifeste, membres)
    _refusee(service, malveillante, "deux fois", remplacer=True)
    assert not list(tmp_path.rglob("evil.txt"))


def test_doublon_ne_peut_pas_ecraser_un_autre_dossier(export, tmp_path):
    service, reference, chemin = export
    victime = next(r for r in service.depot.references() if r != reference)
    manifeste, membres = _membres(chemin)
    cible = next(f for f in manifeste["fichiers"] if f.get("restaurer_vers", "").startswith("pieces/"))
    manifeste["fichiers"].insert(0, dict(cible, restaurer_vers=f"../{victime}/dossier.json"))
    _refusee(service, _ecrire(tmp_path / "evil.zip", manifeste, membres), "deux fois", remplacer=True)
    service.charger(victime)  # still the victim's own, readable


@pytest.mark.parametrize(
    "destination",
    ["../../../evil.txt", "/tmp/evil.txt", "pieces/../../evil.txt", "dossier.json", "pieces/sous/evil.txt",
     "documents/pas-une-version.docx", "pieces\\..\\evil.txt", "pieces/.."],
)
def test_destination_hors_du_dossier_refusee(export, tmp_path, destination):
    service, _, chemin = export
    manifeste, membres = _membres(chemin)
    membres.append(("bonus.txt", b"charge"))
    manifeste["fichiers"].append(_entree("bonus.txt", b"charge", destination))
    _refusee(service, _ecrire(tmp_path / "evil.zip", manifeste, membres), "endroit refusé", remplacer=True)


def test_deux_fichiers_vers_la_meme_destination(export, tmp_path):
    service, _, chemin = export
    manifeste, membres = _membres(chemin)
    cible = next(f["restaurer_vers"] for f in manifeste["fichiers"] if f.get("restaurer_vers", "").startswith("pieces/"))
    membres.append(("autre.pdf", b"remplacement"))
    manifeste["fichiers"].append(_entree("autre.pdf", b"remplacement", cible))
    _refusee(service, _ecrire(tmp_path / "evil.zip", manifeste, membres), "endroit refusé", remplacer=True)


def test_membre_en_double_dans_le_zip(export, tmp_path):
    """Two zip members of one name: readers disagree on which one counts; refused outright."""
    service, _, chemin = export
    manifeste, membres = _membres(chemin)
    nom, _ = next(m for m in membres if m[0].startswith("pieces/"))
    membres.append((nom, b"seconde version"))
    _refusee(service, _ecrire(tmp_path / "evil.zip", manifeste, membres), "deux fois", remplacer=True)


def test_manifeste_qui_se_liste_lui_meme(export, tmp_path):
    service, _, chemin = export
    manifeste, membres = _membres(chemin)
    manifeste["fichiers"].append(_entree("manifest.json", b"{}"))
    _refusee(service, _ecrire(tmp_path / "evil.zip", manifeste, membres), "deux fois|illisible")


@pytest.mark.parametrize(
    "alterer",
    [
        lambda f: f.update(taille=True),
        lambda f: f.update(taille=-1),
        lambda f: f.update(taille=10**20),
        lambda f: f.update(sha256="Z" * 64),
        lambda f: f.update(sha256=None),
        lambda f: f.update(nom=["liste"]),
        lambda f: f.update(restaurer_vers={"x": 1}),
    ],
)
def test_entree_de_manifeste_mal_formee(export, tmp_path, alterer):
    service, _, chemin = export
    manifeste, membres = _membres(chemin)
    alterer(manifeste["fichiers"][0])
    _refusee(service, _ecrire(tmp_path / "evil.zip", manifeste, membres), "illisible|démesurée")


def test_manifeste_nan_ou_profond(export, tmp_path):
    service, _, chemin = export
    _, membres = _membres(chemin)
    for texte in ('{"format": "recouvrement-export", "fichiers": [], "x": NaN}', "[" * 100_000 + "]" * 100_000):
        malveillante = tmp_path / "evil.zip"
        with zipfile.ZipFile(malveillante, "w") as z:
            for nom, contenu in membres:
                z.writestr(nom, contenu)
            z.writestr(archive.MANIFESTE, texte)
        _refusee(service, malveillante, "illisible")


def test_taille_mensongere_coupee_sans_tout_lire(export, tmp_path):
    """The manifest promises 10 bytes, the member inflates to 50 MB: cut off at 11 bytes."""
    service, _, chemin = export
    manifeste, membres = _membres(chemin)
    membres.append(("bombe.bin", b"\0" * 50_000_000))
    manifeste["fichiers"].append({"nom": "bombe.bin", "sha256": "0" * 64, "taille": 10})
    malveillante = _ecrire(tmp_path / "bombe.zip", manifeste, membres)
    assert malveillante.stat().st_size < 1_000_000
    _refusee(service, malveillante, "taille de bombe.bin|plus gros")


def test_grosse_archive_lue_membre_par_membre(export, tmp_path):
    """A 1 MB zip inflating to 200 MB is checked in constant memory (no 2 GB in memory)."""
    _, _, chemin = export
    manifeste, membres = _membres(chemin)
    gros = b"\0" * 200_000_000
    membres.append(("gros.bin", gros))
    manifeste["fichiers"].append(_entree("gros.bin", gros))
    del gros
    malveillante = _ecrire(tmp_path / "gros.zip", manifeste, membres)
    tracemalloc.start()
    try:
        verifiee = archive.lire(malveillante)
        _, pic = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert verifiee.entree("gros.bin").taille == 200_000_000
    assert pic < 20_000_000, pic


def test_fichier_modifie_entre_verification_et_restauration(export, tmp_path, monkeypatch):
    """The bytes are hashed again as they are restored: an archive swapped after the check
    (another process rewriting it) is refused and leaves nothing behind."""
    service, reference, chemin = export
    ailleurs = ServiceDossiers(tmp_path / "autre", aujourdhui=lambda: AUJOURDHUI, fsync=False)
    verifiee = archive.lire(chemin)
    manifeste, membres = _membres(chemin)
    membres = [(n, b"%PDF-1.4 faux-ci" if n.startswith("pieces/") else c) for n, c in membres]
    _ecrire(tmp_path / "falsifiee.zip", manifeste, membres)
    monkeypatch.setattr(archive, "lire", lambda _: type(verifiee)(tmp_path / "falsifiee.zip", verifiee.manifeste,
                                                                  verifiee.entrees))
    with pytest.raises(ErreurSaisie, match="ne correspond pas"):
        ailleurs.echanges.importer_archive(chemin)
    assert not ailleurs.depot.references()
    assert not [p for p in (tmp_path / "autre").iterdir() if p.name.startswith(".chantier-")]


def test_restauration_normale_toujours_complete(export, tmp_path):
    service, reference, chemin = export
    ailleurs = ServiceDossiers(tmp_path / "autre", aujourdhui=lambda: AUJOURDHUI, fsync=False)
    restaure = ailleurs.echanges.importer_archive(chemin)
    dossier = ailleurs.depot.chemin(restaure.reference)
    assert (dossier / "pieces" / "facture.pdf").read_bytes() == b"%PDF-1.4 facture"
    assert [p.name for p in (tmp_path / "autre").iterdir() if p.name.startswith(".")] == []
    assert ailleurs.decompte(restaure, AUJOURDHUI) == service.decompte(service.charger(reference), AUJOURDHUI)
