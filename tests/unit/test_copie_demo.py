"""`recouvrement --demo` leaves nothing in the temporary folder, even when killed (issue 17, point 6)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from recouvrement_tui.cli.copie_demo import PREFIXE, copie_temporaire, nettoyer_copies_orphelines

RACINE_PROJET = Path(__file__).resolve().parents[2]


def _pid_mort() -> int:
    processus = subprocess.Popen([sys.executable, "-c", "pass"])
    processus.wait()
    return processus.pid


def test_only_the_copies_of_dead_processes_are_removed(tmp_path):
    mort = _pid_mort()
    orpheline = tmp_path / f"{PREFIXE}{mort}-abc123"
    (orpheline / "demonstration").mkdir(parents=True)
    (orpheline / "demonstration" / "dossier.json").write_text("{}")
    vivante = tmp_path / f"{PREFIXE}{os.getpid()}-def456"
    vivante.mkdir()
    parent = tmp_path / f"{PREFIXE}{os.getppid()}-ghi789"
    parent.mkdir()
    # Never touched: other names, a file, a symbolic link to a dead process' name.
    autres = [tmp_path / "recouvrement-demo-abc12345", tmp_path / f"autre-{mort}-abc", tmp_path / f"{PREFIXE}{mort}"]
    for chemin in autres:
        chemin.mkdir()
    fichier = tmp_path / f"{PREFIXE}{mort}-fichier"
    fichier.write_text("à garder")
    cible = tmp_path / "cible"
    cible.mkdir()
    (cible / "precieux").write_text("à garder")
    lien = tmp_path / f"{PREFIXE}{mort}-lien"
    lien.symlink_to(cible, target_is_directory=True)

    assert nettoyer_copies_orphelines(tmp_path) == [orpheline]

    assert not orpheline.exists()
    assert vivante.is_dir() and parent.is_dir()
    assert all(chemin.is_dir() for chemin in autres)
    assert fichier.read_text() == "à garder"
    assert lien.is_symlink() and (cible / "precieux").read_text() == "à garder"


def test_a_new_copy_removes_stale_ones_and_its_own_on_exit(tmp_path):
    orpheline = tmp_path / f"{PREFIXE}{_pid_mort()}-zzz"
    orpheline.mkdir()
    with copie_temporaire(tmp_path) as copie:
        assert not orpheline.exists()
        assert copie.name.startswith(f"{PREFIXE}{os.getpid()}-")
        (copie / "demonstration").mkdir()
    assert list(tmp_path.iterdir()) == []


# A tiny wrapper: the same guards as `recouvrement --demo`, a copy, then waiting to be killed.
ENVELOPPE = """
import sys, time
from pathlib import Path
from recouvrement_tui.cli.copie_demo import copie_temporaire, fin_propre
with fin_propre(), copie_temporaire(Path(sys.argv[1])) as copie:
    (copie / "demonstration").mkdir()
    print(copie, flush=True)
    time.sleep(60)
"""

# The real `--demo` (200 dossiers, the TUI), headless: the signal makes the app quit.
DEMO_SANS_TERMINAL = """
import sys
from recouvrement_tui.ui.app import RecouvrementApp
lancer = RecouvrementApp.run
def sans_terminal(self, **options):
    self.call_after_refresh(lambda: print("prête", flush=True))
    return lancer(self, headless=True)
RecouvrementApp.run = sans_terminal
from recouvrement_tui.cli.principal import main
sys.exit(main(["--demo"]))
"""


def _lancer(code: str, *arguments: str, tmp_path: Path) -> subprocess.Popen:
    env = dict(os.environ, TMPDIR=str(tmp_path), PYTHONPATH=str(RACINE_PROJET))
    return subprocess.Popen(
        [sys.executable, "-c", code, *arguments], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )


@pytest.mark.parametrize("signal_de_fin", ["SIGTERM", "SIGHUP"])
def test_a_killed_wrapper_leaves_no_folder(tmp_path, signal_de_fin):
    processus = _lancer(ENVELOPPE, str(tmp_path), tmp_path=tmp_path)
    assert processus.stdout is not None
    copie = Path(processus.stdout.readline().strip())
    assert copie.is_dir() and copie.parent == tmp_path
    processus.send_signal(getattr(signal, signal_de_fin))
    _, erreur = processus.communicate(timeout=20)
    assert processus.returncode == 128 + getattr(signal, signal_de_fin), erreur
    assert not copie.exists()
    assert list(tmp_path.iterdir()) == []


def test_sigterm_on_the_real_demo_quits_the_app_and_removes_its_copy(tmp_path):
    processus = _lancer(DEMO_SANS_TERMINAL, tmp_path=tmp_path)
    assert processus.stdout is not None
    assert processus.stdout.readline().strip() == "prête"
    copies = [p for p in tmp_path.iterdir() if p.name.startswith(f"{PREFIXE}{processus.pid}-")]
    assert len(copies) == 1 and (copies[0] / "demonstration").is_dir()
    time.sleep(0.3)
    assert processus.poll() is None  # the app runs until told otherwise
    debut = time.monotonic()
    processus.send_signal(signal.SIGTERM)
    _, erreur = processus.communicate(timeout=30)
    # The app quit by itself (exit 0, as 'Quitter'), then the copy was removed.
    assert processus.returncode == 0, erreur
    assert time.monotonic() - debut < 30
    assert not any(p.name.startswith(PREFIXE) for p in tmp_path.iterdir())
