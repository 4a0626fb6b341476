"""Errors whose message is written for the user, in French."""


class ErreurSaisie(ValueError):
    """A value typed or imported by the user is not acceptable.

    `champ` names the field (form widgets show the message beside it); `message` says what
    is wrong and how to fix it.
    """

    def __init__(self, champ: str, message: str) -> None:
        super().__init__(message)
        self.champ = champ
        self.message = message

    def __str__(self) -> str:
        return self.message


class ErreursSaisie(ValueError):
    """Several fields of one form are wrong at once: each keeps its own message."""

    def __init__(self, erreurs: list[ErreurSaisie]) -> None:
        super().__init__("; ".join(e.message for e in erreurs))
        self.erreurs = erreurs

    def par_champ(self) -> dict[str, str]:
        """The first message for each field, for forms that show it beside the field."""
        messages: dict[str, str] = {}
        for erreur in self.erreurs:
            messages.setdefault(erreur.champ, erreur.message)
        return messages


class Collecteur:
    """Runs field parsers and gathers every error, so a form reports all problems at once."""

    def __init__(self) -> None:
        self.erreurs: list[ErreurSaisie] = []

    def lire(self, parseur, *args, **kwargs):
        """Call `parseur`; on ErreurSaisie remember it and return None."""
        try:
            return parseur(*args, **kwargs)
        except ErreurSaisie as erreur:
            self.erreurs.append(erreur)
            return None

    def signaler(self, champ: str, message: str) -> None:
        self.erreurs.append(ErreurSaisie(champ, message))

    def verifier(self) -> None:
        """Raise ErreursSaisie if anything was wrong."""
        if self.erreurs:
            raise ErreursSaisie(self.erreurs)
