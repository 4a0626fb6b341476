"""`recouvrement --demo`'s temporary copy: removed on exit, even when the process is killed.

The copy lives in the temporary folder under a recognisable name holding the owner's PID,
`recouvrement-demo-<pid>-<random>`. Two guards:

- SIGTERM and SIGHUP (a closed terminal) end the program cleanly, so the `with` that removes the
  copy runs: while the TUI runs, the handler asks it to quit (terminal restored); otherwise it
  raises SystemExit;
- SIGKILL cannot be caught: the next `--demo` removes the copies whose owner no longer runs. Only
  folders with that exact name pattern, owned by the same user, not symbolic links, and whose
  PID is not a running process, are ever removed.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

PREFIXE = "recouvrement-demo-"
_NOM = re.compile(rf"^{re.escape(PREFIXE)}(\d+)-[a-z0-9_]+$")

# SIGHUP does not exist on Windows.
SIGNAUX_DE_FIN = tuple(s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None)


def processus_vivant(pid: int) -> bool:
    """True if a process with this PID runs (or may run: when in doubt, it is alive)."""
    if pid <= 0:
        return True
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    except OSError:
        return True
    return True


def nettoyer_copies_orphelines(
    base: Path | None = None, *, vivant: Callable[[int], bool] = processus_vivant
) -> list[Path]:
    """Removes the demo copies left by processes that no longer run; returns what was removed."""
    base = Path(base) if base is not None else Path(tempfile.gettempdir())
    retires: list[Path] = []
    try:
        entrees = list(os.scandir(base))
    except OSError:
        return retires
    for entree in entrees:
        correspondance = _NOM.match(entree.name)
        if not correspondance:
            continue
        try:
            if not entree.is_dir(follow_symlinks=False):
                continue
            if hasattr(os, "getuid") and entree.stat(follow_symlinks=False).st_uid != os.getuid():
                continue
        except OSError:
            continue
        if vivant(int(correspondance.group(1))):
            continue
        chemin = Path(entree.path)
        shutil.rmtree(chemin, ignore_errors=True)
        if not chemin.exists():
            retires.append(chemin)
    return retires


@contextlib.contextmanager
def copie_temporaire(base: Path | None = None) -> Iterator[Path]:
    """A fresh folder `recouvrement-demo-<pid>-…`, removed on exit; stale copies removed first."""
    nettoyer_copies_orphelines(base)
    dossier = Path(tempfile.mkdtemp(prefix=f"{PREFIXE}{os.getpid()}-", dir=base))
    try:
        yield dossier
    finally:
        shutil.rmtree(dossier, ignore_errors=True)


@contextlib.contextmanager
def fin_propre(demander_fin: Callable[[], bool] | None = None) -> Iterator[None]:
    """While inside, SIGTERM and SIGHUP end the program through normal exits (`finally` runs).

    `demander_fin()` is tried first (the TUI quitting by itself); it returns False when it cannot,
    and then, as on a second signal, SystemExit(128 + signal) is raised. The previous handlers are
    restored on exit.
    """
    deja_demande = False

    def gestionnaire(signum: int, _frame) -> None:
        nonlocal deja_demande
        if not deja_demande and demander_fin is not None:
            deja_demande = True
            if demander_fin():
                return
        raise SystemExit(128 + signum)

    precedents = {}
    for s in SIGNAUX_DE_FIN:
        try:
            precedents[s] = signal.signal(s, gestionnaire)
        except ValueError:  # not the main thread: leave the signals alone
            pass
    try:
        yield
    finally:
        for s, precedent in precedents.items():
            signal.signal(s, precedent)
