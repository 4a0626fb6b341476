"""Garbage collection held off while a worker reads every dossier (issue 17: never frozen).

A full collection stops every thread, the screen's included, for as long as it takes to walk
the objects alive; while an import preview holds 10,000 dossiers in memory that is 100-250 ms,
felt as a frozen screen. Those objects form no cycles (frozen dataclasses, freed by reference
counting when the preview ends), so nothing is lost by not collecting for those few seconds.
Nested and concurrent uses are counted: collection resumes when the last one ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_verrou = threading.Lock()
_en_cours = 0
_etait_actif = True


@contextmanager
def sans_ramasse_miettes() -> Iterator[None]:
    global _en_cours, _etait_actif
    with _verrou:
        if _en_cours == 0:
            _etait_actif = gc.isenabled()
            gc.disable()
        _en_cours += 1
    try:
        yield
    finally:
        with _verrou:
            _en_cours -= 1
            if _en_cours == 0 and _etait_actif:
                gc.enable()
