"""index.json holds the list's rows only; the agenda's actions and the dashboard's figures are in
index-details.json, read when first asked (issue 18: the list opens decoding a fifth of the bytes)."""

import json

from recouvrement_tui.domain.etapes import Etape
from recouvrement_tui.services.dossiers import ServiceDossiers
from recouvrement_tui.storage import index as module_index
from recouvrement_tui.storage.dossiers import DepotDossiers
from recouvrement_tui.storage.index_entrees import COLONNES_LIGNE
from tests.conftest import AUJOURDHUI


def _service(racine) -> ServiceDossiers:
    return ServiceDossiers(racine, aujourdhui=lambda: AUJOURDHUI, auteur="c.martin", fsync=False)


def _lectures(service, monkeypatch) -> list[str]:
    lus: list[str] = []
    charger = DepotDossiers.charger
    monkeypatch.setattr(DepotDossiers, "charger", lambda self, ref: lus.append(ref) or charger(self, ref))
    return lus


def test_the_list_opens_from_its_rows_and_the_agenda_from_the_details_without_reading_a_dossier(demo, monkeypatch):
    attendu_liste, attendu_agenda = demo.resumes_actualises(), demo.agenda()
    attendu_tableau = demo.tableau_de_bord()
    demo.fermer()
    service = _service(demo.racine)
    lus = _lectures(service, monkeypatch)
    assert service.resumes_en_cache() == attendu_liste
    assert service.verifier_resumes() is None  # nothing changed
    assert not service.index._details_lus  # the list never needed them
    assert service.agenda() == attendu_agenda
    assert service.tableau_de_bord() == attendu_tableau
    assert lus == []  # all from the two files


def test_details_of_another_revision_are_rebuilt_from_the_dossier(demo, monkeypatch):
    reference = demo.depot.references()[3]
    attendu = [a for r, a in demo.agenda() if r.reference == reference]
    demo.fermer()
    chemin = demo.racine / module_index.DETAILS
    details = json.loads(chemin.read_text(encoding="utf-8"))
    details["dossiers"][reference][0] = [1, 2]  # as if written for an older dossier.json
    details["dossiers"][reference][1] = [["Faux", "2026-01-01", "r", False, "synthese"]]
    chemin.write_text(json.dumps(details), encoding="utf-8")
    service = _service(demo.racine)
    service.resumes_en_cache()
    lus = _lectures(service, monkeypatch)
    assert [a for r, a in service.agenda() if r.reference == reference] == attendu
    assert lus == [reference]


def test_missing_or_damaged_details_cost_a_rebuild_never_a_wrong_figure(demo, monkeypatch):
    attendu = demo.tableau_de_bord()
    demo.fermer()
    for contenu in ("", "[]", '{"version": 4, "dossiers": []}', '{"version": 4, "dossiers": {"2026-0001": "x"}}'):
        (demo.racine / module_index.DETAILS).write_text(contenu, encoding="utf-8")
        service = _service(demo.racine)
        service.resumes_en_cache()
        assert service.tableau_de_bord() == attendu
        service.fermer()


def test_an_index_of_the_previous_version_is_read_as_is_then_rewritten_in_two(demo, monkeypatch):
    attendu_liste, attendu_agenda = demo.resumes_actualises(), demo.agenda()
    demo.fermer()
    # Version 3: one file, whole entries (the row's fields, the actions and the figures).
    lignes = json.loads((demo.racine / module_index.NOM).read_text(encoding="utf-8"))
    details = json.loads((demo.racine / module_index.DETAILS).read_text(encoding="utf-8"))["dossiers"]
    entrees = {}
    for ref, ligne in lignes["dossiers"].items():
        x = dict(zip(COLONNES_LIGNE[:8], ligne))
        x["actions"], x["chiffres"] = (details[ref][1], details[ref][2]) if ref in details else ([], None)
        entrees[ref] = x
    (demo.racine / module_index.NOM).write_text(json.dumps({**lignes, "version": 3, "dossiers": entrees}), encoding="utf-8")
    (demo.racine / module_index.DETAILS).unlink()
    service = _service(demo.racine)
    lus = _lectures(service, monkeypatch)
    nouveaux = {r.reference for r in attendu_liste if r.etape is Etape.NOUVEAU}
    assert nouveaux
    assert service.resumes_en_cache() == [r for r in attendu_liste if r.reference not in nouveaux]
    assert service.agenda() == attendu_agenda
    # Only the new dossiers are rebuilt on the upgrade: their next action may be a relance
    # préventive that has expired since (a date no earlier version wrote down).
    assert sorted(lus) == sorted(nouveaux)
    service.fermer()
    assert json.loads((demo.racine / module_index.NOM).read_text(encoding="utf-8"))["version"] == module_index.VERSION_INDEX
    assert (demo.racine / module_index.DETAILS).is_file()


def test_an_index_of_version_4_is_read_but_for_its_new_dossiers(demo, monkeypatch):
    attendu = demo.resumes_actualises()
    demo.fermer()
    brut = json.loads((demo.racine / module_index.NOM).read_text(encoding="utf-8"))
    v4 = {ref: ligne[:-1] for ref, ligne in brut["dossiers"].items()}  # without "valable"
    (demo.racine / module_index.NOM).write_text(json.dumps({**brut, "version": 4, "dossiers": v4}), encoding="utf-8")
    service = _service(demo.racine)
    lus = _lectures(service, monkeypatch)
    nouveaux = {r.reference for r in attendu if r.etape is Etape.NOUVEAU}
    assert service.resumes_en_cache() == [r for r in attendu if r.reference not in nouveaux]
    assert service.resumes_actualises() == attendu
    assert sorted(lus) == sorted(nouveaux)
    service.fermer()
    assert json.loads((demo.racine / module_index.NOM).read_text(encoding="utf-8"))["version"] == module_index.VERSION_INDEX


def test_a_save_while_the_details_were_never_read_keeps_the_others(demo, monkeypatch):
    demo.agenda()
    demo.fermer()
    service = _service(demo.racine)
    service.resumes_en_cache()
    reference = service.depot.references()[0]
    service.ajouter_note(service.charger(reference), "Appel du débiteur.")
    service.fermer()  # writes both files: the others' details are kept, not dropped
    relu = _service(demo.racine)
    relu.resumes_en_cache()
    lus = _lectures(relu, monkeypatch)
    relu.agenda()
    assert lus == []


def test_rows_read_then_written_back_are_the_same_bytes(demo):
    """An entry read from index.json keeps its summary, not the row's texts: writing the index
    again rebuilds every row, byte for byte, from the summaries."""
    demo.resumes_actualises()
    demo.fermer()
    avant = (demo.racine / module_index.NOM).read_bytes()
    service = _service(demo.racine)
    assert service.resumes_en_cache()
    service.index.ecrire()
    assert (demo.racine / module_index.NOM).read_bytes() == avant
