"""The list's index shared by the UI thread and workers (issue 17.3): a long rebuild reports
its progress with the dossiers read so far, and a save made while it runs is not lost."""

import threading

from recouvrement_tui.services.dossiers import ServiceDossiers
from recouvrement_tui.storage import index as module_index
from tests.conftest import AUJOURDHUI


def _sans_index(demo: ServiceDossiers) -> ServiceDossiers:
    (demo.racine / module_index.NOM).unlink()
    return ServiceDossiers(demo.racine, aujourdhui=lambda: AUJOURDHUI, auteur="c.martin", fsync=False)


def test_a_long_rebuild_reports_how_far_it_is_with_the_dossiers_read_so_far(demo, monkeypatch):
    service = _sans_index(demo)
    monkeypatch.setattr(module_index, "PAS_PROGRESSION", 0.0)  # a report after every dossier read
    signes: list[tuple[int, int, int]] = []
    resumes = service.resumes_actualises(lambda fait, total, lus: signes.append((fait, total, len(lus))))
    total = len(resumes)
    assert total == 40
    assert signes, "a rebuild of every dossier reports its progress"
    assert all(t == total for _, t, _ in signes)
    # The list fills as it goes: each report holds the dossiers read so far, never fewer than before.
    faits = [f for f, _, _ in signes]
    assert faits == sorted(faits) and faits[-1] <= total
    assert [n for _, _, n in signes] == faits


def test_a_quick_check_reports_nothing(demo, monkeypatch):
    demo.resumes_actualises()
    signes = []
    assert demo.verifier_resumes(lambda *x: signes.append(x)) is None  # nothing changed
    assert signes == []


def test_a_save_made_while_a_rebuild_runs_wins_over_what_the_rebuild_read(demo, monkeypatch):
    service = _sans_index(demo)
    reference = service.depot.references()[0]
    monkeypatch.setattr(module_index, "PAS_PROGRESSION", 0.0)
    lu_avant = threading.Event()
    sauve = threading.Event()

    def progression(fait, total, lus):
        if fait == 2:  # the first dossiers are read: the UI thread saves the first one now
            lu_avant.set()
            assert sauve.wait(10)

    travail = threading.Thread(target=service.resumes_actualises, args=(progression,))
    travail.start()
    assert lu_avant.wait(10)
    note = service.ajouter_note(service.charger(reference), "Appel du débiteur : promesse de paiement")
    sauve.set()
    travail.join(10)
    assert not travail.is_alive()
    # The entry is the one the save recorded (its new fingerprint), not the one read before it:
    # the next check finds nothing to re-read.
    lus = []
    charger = service.depot.charger
    monkeypatch.setattr(service.depot, "charger", lambda ref: lus.append(ref) or charger(ref))
    assert service.verifier_resumes() is None
    assert lus == []
    assert note.revision > 1


def test_the_index_answers_the_ui_thread_while_a_worker_rebuilds_it(demo, monkeypatch):
    """`du` (asked by an open dossier) and a save's `mettre_a_jour` never wait for a rebuild."""
    service = _sans_index(demo)
    reference = service.depot.references()[-1]
    monkeypatch.setattr(module_index, "PAS_PROGRESSION", 0.0)
    en_cours = threading.Event()
    fin = threading.Event()

    def progression(fait, total, lus):
        en_cours.set()
        fin.wait(10)

    travail = threading.Thread(target=service.resumes_actualises, args=(progression,))
    travail.start()
    assert en_cours.wait(10)
    try:
        service.index.du(reference)  # would deadlock the test if the rebuild held the lock
        service.ajouter_note(service.charger(reference), "x")
        assert service.index.du(reference)[0] is not None
    finally:
        fin.set()
        travail.join(10)
    assert [r.reference for r in service.resumes_en_memoire()] == service.depot.references()


def test_a_save_is_recorded_while_the_index_is_being_written(demo, monkeypatch):
    """Writing index.json (a third of a second at 10,000 dossiers) happens outside the lock the
    UI thread takes to record a save: a colleague's change picked up by the list's check must not
    freeze the screen."""
    demo.resumes_actualises()
    demo.fermer()
    service = ServiceDossiers(demo.racine, aujourdhui=lambda: AUJOURDHUI, auteur="c.martin", fsync=False)
    service.resumes_en_cache()
    references = service.depot.references()
    ecrit, libre = threading.Event(), threading.Event()
    ecrire = module_index.ecrire_atomiquement

    def lent(chemin, contenu, **options):
        ecrit.set()
        assert libre.wait(10)
        ecrire(chemin, contenu, **options)

    monkeypatch.setattr(module_index, "ecrire_atomiquement", lent)
    (demo.racine / references[0] / "dossier.json").touch()  # a colleague's save: the check rewrites the index
    travail = threading.Thread(target=service.verifier_resumes)
    travail.start()
    assert ecrit.wait(10)
    enregistre = threading.Thread(target=service.ajouter_note,
                                  args=(service.charger(references[1]), "Appel du débiteur"))
    enregistre.start()
    enregistre.join(5)
    assert not enregistre.is_alive(), "the save waited for the index being written"
    libre.set()
    travail.join(10)
    assert not travail.is_alive()
