"""The exception a command raises for a mistake the user can fix (printed in French, exit 2)."""

from __future__ import annotations


class ErreurUtilisateur(Exception):
    """A problem the user can fix; the message says how."""
