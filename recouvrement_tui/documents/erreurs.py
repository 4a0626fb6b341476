"""The error of document production, apart from the renderer: catching it must not load
docxtpl and Jinja (135 ms for every command that only needs the class)."""

from __future__ import annotations


class ErreurDocument(Exception):
    """A document cannot be produced; the message says why, in French, and how to fix it."""
