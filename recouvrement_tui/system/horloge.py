"""The clock: the only module that reads the date and time of day.

Everything that needs "today" or "now" receives an `Horloge` (the services hold one and pass
its readings down; the domain only ever receives dates as parameters). Tests, and anyone who
wants an export to be byte-identical run after run, give a `HorlogeFixe`.
`tests/unit/test_horloge.py` checks that no other module calls `datetime.now()` or
`date.today()`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Protocol

# When only a day is fixed, journal timestamps fall at noon of that day.
MIDI = dt.time(12)


class Horloge(Protocol):
    def aujourdhui(self) -> dt.date: ...

    def maintenant(self) -> dt.datetime: ...


class HorlogeSysteme:
    """The computer's clock, local time (what the user reads on the wall)."""

    def aujourdhui(self) -> dt.date:
        return dt.date.today()

    def maintenant(self) -> dt.datetime:
        return dt.datetime.now()

    def __eq__(self, autre: object) -> bool:
        return isinstance(autre, HorlogeSysteme)

    def __hash__(self) -> int:
        return hash(HorlogeSysteme)

    def __repr__(self) -> str:
        return "HorlogeSysteme()"


class HorlogeFixe:
    """A clock stopped at `instant` (a date alone stops it at noon of that day)."""

    def __init__(self, instant: dt.datetime | dt.date) -> None:
        if not isinstance(instant, dt.datetime):
            instant = dt.datetime.combine(instant, MIDI)
        self.instant = instant

    def aujourdhui(self) -> dt.date:
        return self.instant.date()

    def maintenant(self) -> dt.datetime:
        return self.instant

    def __eq__(self, autre: object) -> bool:
        return isinstance(autre, HorlogeFixe) and autre.instant == self.instant

    def __hash__(self) -> int:
        return hash(self.instant)

    def __repr__(self) -> str:
        return f"HorlogeFixe({self.instant!r})"


class HorlogeAppels:
    """A clock read through callables (the `aujourdhui=`/`maintenant=` keywords of the services).

    Without `maintenant`, "now" is noon of `aujourdhui()`; without `aujourdhui`, today is the
    day of `maintenant()`.
    """

    def __init__(
        self,
        aujourdhui: Callable[[], dt.date] | None = None,
        maintenant: Callable[[], dt.datetime] | None = None,
    ) -> None:
        if aujourdhui is None and maintenant is None:
            raise ValueError("HorlogeAppels needs aujourdhui, maintenant or both")
        self._aujourdhui = aujourdhui
        self._maintenant = maintenant

    def aujourdhui(self) -> dt.date:
        if self._aujourdhui is not None:
            return self._aujourdhui()
        assert self._maintenant is not None
        return self._maintenant().date()

    def maintenant(self) -> dt.datetime:
        if self._maintenant is not None:
            return self._maintenant()
        assert self._aujourdhui is not None
        return dt.datetime.combine(self._aujourdhui(), MIDI)


def horloge_depuis(
    aujourdhui: Callable[[], dt.date] | None = None,
    maintenant: Callable[[], dt.datetime] | None = None,
) -> Horloge:
    """The clock the keywords describe: the system's when neither is given."""
    if aujourdhui is None and maintenant is None:
        return HorlogeSysteme()
    return HorlogeAppels(aujourdhui, maintenant)
