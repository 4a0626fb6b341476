"""No garbage collection while an import preview holds every dossier (issue 17: never frozen)."""

import gc
import threading

from recouvrement_tui.exchange import balance
from recouvrement_tui.system.ramasse_miettes import sans_ramasse_miettes


def test_collection_resumes_when_the_last_user_ends_even_across_threads():
    assert gc.isenabled()
    dedans, sortir = threading.Event(), threading.Event()

    def autre():
        with sans_ramasse_miettes():
            dedans.set()
            sortir.wait(10)

    fil = threading.Thread(target=autre)
    fil.start()
    assert dedans.wait(10)
    with sans_ramasse_miettes():
        with sans_ramasse_miettes():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert not gc.isenabled()  # the other thread still reads
    sortir.set()
    fil.join(10)
    assert gc.isenabled()


def test_an_error_inside_still_resumes_collection():
    try:
        with sans_ramasse_miettes():
            raise ValueError
    except ValueError:
        pass
    assert gc.isenabled()


def test_the_balance_preview_matches_every_dossier_without_collection(demo, monkeypatch, tmp_path):
    vus = []
    planifier = balance.planifier
    monkeypatch.setattr(balance, "planifier", lambda lue, dossiers: vus.append(gc.isenabled()) or planifier(lue, dossiers))
    fichier = tmp_path / "balance.csv"
    fichier.write_text("Client;N° facture;Date facture;Échéance;Montant TTC\n"
                       "Menuiserie Durand;FA-1;01/08/2026;31/08/2026;1 200,00\n", encoding="utf-8")
    demo.echanges.importer_balance(fichier, appliquer=False)
    assert vus == [False] and gc.isenabled()
