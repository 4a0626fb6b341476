"""Several processes writing one data folder at once: nothing lost, nothing doubled.

Each worker is a separate Python process (as separate terminals or a phone system's scripts
would be) that calls the command line's `main` in a loop; all start at the same instant.
fsync stays on, as in real use.
"""

import hashlib
import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from recouvrement_tui.domain.etapes import TypeEvenement
from recouvrement_tui.services.dossiers import ServiceDossiers
from tests.conftest import DEBITEUR

RACINE_PROJET = Path(__file__).resolve().parents[2]


def _lancer_ensemble(script: str, arguments: list[list[str]], delai: float = 50.0) -> list[str]:
    """Run `script` in one process per argument list, all released at the same instant; their outputs."""
    depart = time.time() + 1.5  # time for every interpreter to start and wait at the line
    processus = [
        subprocess.Popen(
            [sys.executable, "-c", textwrap.dedent(script), str(depart), *args],
            cwd=RACINE_PROJET, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "PYTHONPATH": str(RACINE_PROJET), "RECOUVREMENT_AUTEUR": "script"},
        )
        for args in arguments
    ]
    sorties = []
    for p in processus:
        sortie, erreur = p.communicate(timeout=delai)
        assert p.returncode == 0, erreur
        sorties.append(sortie)
    return sorties


ATTENDRE = """
    import sys, time
    time.sleep(max(0.0, float(sys.argv[1]) - time.time()))
"""


def test_eight_processes_noting_the_same_dossier_lose_and_double_nothing(service, dossier, racine):
    processus, notes = 8, 25
    script = ATTENDRE + """
    import contextlib, io
    from recouvrement_tui.cli.principal import main
    racine, reference, numero, nombre = sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
    for i in range(nombre):
        with contextlib.redirect_stdout(io.StringIO()):
            code = main(["noter", reference, f"appel {numero}-{i}", "--dossiers", racine])
        if code != 0:
            sys.exit(f"noter {numero}-{i} : code {code}")
    """
    avant = service.charger(dossier.reference)
    _lancer_ensemble(script, [[str(racine), dossier.reference, str(n), str(notes)] for n in range(processus)])

    apres = ServiceDossiers(racine).charger(dossier.reference)  # readable, and coherent
    assert apres.journal[: len(avant.journal)] == avant.journal
    ajoutees = [e.texte for e in apres.journal[len(avant.journal):]]
    attendues = {f"appel {n}-{i}" for n in range(processus) for i in range(notes)}
    assert len(ajoutees) == processus * notes == 200
    assert set(ajoutees) == attendues  # each note present, once
    assert all(e.type is TypeEvenement.NOTE and e.auteur == "script" for e in apres.journal[len(avant.journal):])
    for n in range(processus):  # each process's notes in the order it wrote them
        siennes = [t for t in ajoutees if t.startswith(f"appel {n}-")]
        assert siennes == [f"appel {n}-{i}" for i in range(notes)]
    assert apres.revision == avant.revision + 200
    assert not list((racine / dossier.reference).glob("*.tmp")) and not list((racine / dossier.reference).glob(".*tmp*"))


def test_eight_processes_creating_dossiers_get_distinct_complete_folders(racine):
    processus, chacun = 8, 5
    script = ATTENDRE + """
    import json
    from pathlib import Path
    from recouvrement_tui.services.dossiers import ServiceDossiers
    racine, numero, nombre, debiteur = Path(sys.argv[2]), sys.argv[3], int(sys.argv[4]), json.loads(sys.argv[5])
    service = ServiceDossiers(racine)
    for i in range(nombre):
        print(service.creer_dossier({**debiteur, "nom": f"Débiteur {numero}-{i}"}).reference)
    """
    sorties = _lancer_ensemble(script, [[str(racine), str(n), str(chacun), json.dumps(DEBITEUR)] for n in range(processus)])

    references = [r for s in sorties for r in s.split()]
    assert len(references) == processus * chacun == 40
    assert len(set(references)) == 40  # no reference given twice
    service = ServiceDossiers(racine)
    assert service.depot.references() == sorted(references)  # no other folder, none missing
    debiteurs = set()
    for reference in references:
        dossier = service.charger(reference)
        assert dossier.reference == reference
        assert all((racine / reference / nom).is_dir() for nom in ("documents", "pieces"))
        assert [e.type for e in dossier.journal] == [TypeEvenement.CREATION]
        debiteurs.add(dossier.debiteur.nom)
    assert debiteurs == {f"Débiteur {n}-{i}" for n in range(processus) for i in range(chacun)}
    assert [r.reference for r in service.resumes_actualises() if not r.endommage] == sorted(references)


def test_four_processes_attaching_files_of_one_name_keep_twenty_distinct_pieces(service, dossier, racine, tmp_path):
    processus, chacun = 4, 5
    sources = {}
    for n in range(processus):
        for i in range(chacun):
            # The same name for all: the service must find each its own name in pieces/.
            chemin = tmp_path / f"scans-{n}-{i}" / "appel.pdf"
            chemin.parent.mkdir()
            chemin.write_bytes(f"%PDF enregistrement {n}-{i}".encode())
            sources[(n, i)] = chemin
    script = ATTENDRE + """
    import contextlib, io
    from recouvrement_tui.cli.principal import main
    racine, reference, fichiers = sys.argv[2], sys.argv[3], sys.argv[4:]
    for fichier in fichiers:
        with contextlib.redirect_stdout(io.StringIO()):
            code = main(["joindre", reference, fichier, "--type", "correspondance", "--dossiers", racine])
        if code != 0:
            sys.exit(f"joindre {fichier} : code {code}")
    """
    avant = service.charger(dossier.reference)
    _lancer_ensemble(script, [[str(racine), dossier.reference, *(str(sources[(n, i)]) for i in range(chacun))]
                              for n in range(processus)])

    apres = ServiceDossiers(racine).charger(dossier.reference)
    assert apres.journal[: len(avant.journal)] == avant.journal
    assert len(apres.pieces) == 20
    dossier_pieces = racine / dossier.reference / "pieces"
    # Hidden names are the storage's own bookkeeping (temporary files, marks), not pièces.
    fichiers = sorted(p.name for p in dossier_pieces.iterdir() if not p.name.startswith("."))
    assert len(fichiers) == 20 and fichiers == sorted(p.fichier for p in apres.pieces)  # no copy left unrecorded
    contenus = {(dossier_pieces / nom).read_bytes() for nom in fichiers}
    assert contenus == {s.read_bytes() for s in sources.values()}  # each attached exactly once
    entrees = [e for e in apres.journal if e.type is TypeEvenement.PIECE]
    assert len(entrees) == 20
    for entree in entrees:
        assert entree.empreinte == hashlib.sha256((racine / dossier.reference / entree.document).read_bytes()).hexdigest()
