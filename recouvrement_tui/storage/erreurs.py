"""Storage failures, each with a French message a user can act on."""


class ErreurStockage(Exception):
    """Base class: `str(erreur)` is the message to show."""


class DossierIntrouvable(ErreurStockage):
    pass


class DossierEndommage(ErreurStockage):
    """dossier.json cannot be read: it is left untouched and flagged in the list."""


class ConflitModification(ErreurStockage):
    """Another running instance saved the dossier since we loaded it."""


class DossierVerrouille(ErreurStockage):
    """Another instance holds the dossier's lock for longer than we wait."""


class VersionTropRecente(ErreurStockage):
    """The file was written by a newer version of the application."""
