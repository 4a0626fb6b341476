"""The errors of sending an e-mail, apart from the SMTP code so that importing them stays light
(services.erreurs gathers them for the faces)."""

from __future__ import annotations


class ErreurEnvoi(Exception):
    """The message was not sent; the text says why, in French, and what to check."""


class EnvoiIncertain(ErreurEnvoi):
    """The line dropped while the message was being handed over: it may have left."""
