"""The error of document production, apart from the renderer: catching it must not load
docxtpl and Jinja (135 ms for every command that only needs the class)."""

from __future__ import annotations


class ErreurDocument(Exception):
    """A document cannot be produced; the message says why, in French, and how to fix it."""


class DecompteSansTaux(ErreurDocument):
    """The décompte a document needs stops on a half-year whose rate is not entered: a batch
    gathers these into one line naming the command that adds it, instead of one per dossier."""

    def __init__(self, message: str, semestre: str, serie: str) -> None:
        super().__init__(message)
        self.semestre = semestre
        self.serie = serie
