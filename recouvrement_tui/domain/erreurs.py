"""Errors whose message is written for the user, in French."""

import errno
from collections.abc import Callable
from typing import ParamSpec, TypeVar

_P = ParamSpec("_P")
_R = TypeVar("_R")


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

    def lire(self, parseur: Callable[_P, _R], *args: _P.args, **kwargs: _P.kwargs) -> _R | None:
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


# What the operating system answered, in French. OSError.strerror is the C library's English
# text ("Is a directory", "File name too long"): it is never shown, its errno is.
_RAISONS_SYSTEME = {
    "ENOENT": "fichier ou dossier introuvable",
    "EACCES": "accès refusé : vérifiez les droits",
    "EPERM": "opération non permise : vérifiez les droits",
    "EISDIR": "c'est un dossier, pas un fichier",
    "ENOTDIR": "un élément du chemin n'est pas un dossier",
    "ENAMETOOLONG": "nom de fichier trop long",
    "ENOSPC": "disque plein",
    "EDQUOT": "quota du disque dépassé",
    "EROFS": "support en lecture seule",
    "EEXIST": "existe déjà",
    "ENOTEMPTY": "dossier non vide",
    "ELOOP": "trop de liens symboliques (boucle)",
    "EMFILE": "trop de fichiers ouverts",
    "ENFILE": "trop de fichiers ouverts sur le système",
    "EIO": "erreur de lecture ou d'écriture du disque",
    "EBUSY": "fichier ou dossier occupé",
    "ETXTBSY": "fichier occupé",
    "EXDEV": "déplacement entre deux disques impossible",
    "EFBIG": "fichier trop gros",
    "EINVAL": "nom ou paramètre refusé par le système",
    "ENODEV": "périphérique absent",
    "ENXIO": "périphérique absent",
    "ENOEXEC": "programme non exécutable",
    "ENOMEM": "mémoire insuffisante",
    "EAGAIN": "ressource momentanément indisponible",
    "EPIPE": "sortie fermée",
    "ETIMEDOUT": "délai dépassé",
    "ECONNREFUSED": "connexion refusée",
    "ECONNRESET": "connexion interrompue",
    "EHOSTUNREACH": "serveur injoignable",
    "ENETUNREACH": "réseau injoignable",
}


def raison_systeme(erreur: OSError) -> str:
    """Why the system refused, in French ("c'est un dossier, pas un fichier"), from errno."""
    nom = errno.errorcode.get(erreur.errno or 0, "")
    if nom in _RAISONS_SYSTEME:
        return _RAISONS_SYSTEME[nom]
    if isinstance(erreur, TimeoutError):
        return "délai dépassé"
    return f"erreur système n° {erreur.errno}" if erreur.errno else "erreur du système"


def raison_lecture(erreur: Exception) -> str:
    """Why a file could not be read, in French: the system's reason, or a text that is not UTF-8."""
    if isinstance(erreur, OSError):
        return raison_systeme(erreur)
    if isinstance(erreur, UnicodeError):
        return "le texte n'est pas encodé en UTF-8 : réenregistrez-le en UTF-8"
    return str(erreur)


def decrire_erreur_systeme(erreur: OSError) -> str:
    """A whole French sentence for an OSError: the file(s) it names and the reason."""
    fichiers = [f for f in (erreur.filename, erreur.filename2) if f is not None]
    if not fichiers:
        return f"Opération impossible : {raison_systeme(erreur)}."
    noms = " → ".join(f"« {_nom(f)} »" for f in fichiers)
    return f"{noms} : {raison_systeme(erreur)}."


def _nom(fichier: object) -> str:
    return fichier.decode("utf-8", "replace") if isinstance(fichier, bytes) else str(fichier)


def franciser(message: str, erreur: BaseException) -> str:
    """`message` with the English text of the error behind `erreur` (the OSError, JSON or
    encoding error it was raised from) replaced by French: "([Errno 21] Is a directory: 'x')"
    becomes "(c'est un dossier, pas un fichier)". For messages built with `{erreur}`."""
    cause = erreur.__cause__ or erreur.__context__
    anglais: tuple[str | None, ...]
    if isinstance(cause, OSError):
        anglais, francais = (str(cause), cause.strerror), raison_systeme(cause)
    elif isinstance(cause, UnicodeError):
        anglais, francais = (str(cause),), raison_lecture(cause)
    elif isinstance(cause, ValueError) and hasattr(cause, "colno") and hasattr(cause, "lineno") and str(cause) != getattr(cause, "msg", None):
        # json.JSONDecodeError: "Expecting value: line 1 column 1 (char 0)"
        anglais, francais = (str(cause),), f"JSON invalide ligne {cause.lineno}, colonne {cause.colno}"
    else:
        return message
    for texte in anglais:
        if texte and texte in message:
            message = message.replace(texte, francais)
    return message
