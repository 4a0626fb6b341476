"""A path given for an import is hostile until checked (issue 17: pasted and picked paths)."""

import threading


def test_a_named_pipe_given_for_an_import_never_hangs_the_preview(tmp_path):
    """A path from outside may name a FIFO: reading it would block the import worker for ever."""
    import os

    from recouvrement_tui.services.comptabilite import empreinte_du_fichier, feuilles_du_fichier, fichier_est_un_fec

    tube = tmp_path / "balance.xlsx"
    os.mkfifo(tube)
    resultat = []
    fil = threading.Thread(target=lambda: resultat.append(
        (feuilles_du_fichier(tube), empreinte_du_fichier(tube), fichier_est_un_fec(tube))), daemon=True)
    fil.start()
    fil.join(10)
    assert resultat == [([], "", False)]
