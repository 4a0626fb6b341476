"""Open a file in the user's editor: $RECOUVREMENT_OUVRIR, else the system's default program.

RECOUVREMENT_OUVRIR is a command line; "{}" in it stands for the file, else the file is
added at the end ("libreoffice --writer", "open -a 'Microsoft Word'"). A "{}" inside a larger
argument ("sh -c 'libreoffice {}'") is replaced by the quoted path, never by raw text. The program is
started detached: the terminal application keeps running while the lawyer edits.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from recouvrement_tui.domain.erreurs import raison_systeme

VARIABLE = "RECOUVREMENT_OUVRIR"


class OuvertureImpossible(Exception):
    """No program can open the file; the message says how to set one."""


def commande_ouverture(fichier: Path, environ: Mapping[str, str] | None = None, plateforme: str = sys.platform) -> list[str] | None:
    """The command that opens `fichier`, or None on Windows (os.startfile does it)."""
    environ = os.environ if environ is None else environ
    choisi = environ.get(VARIABLE, "").strip()
    if choisi:
        try:
            # POSIX rules would eat the backslashes of a Windows path (C:\LO\soffice.exe).
            windows = plateforme.startswith("win")
            morceaux = [m.strip('"') if windows else m for m in shlex.split(choisi, posix=not windows)]
        except ValueError as erreur:  # shlex's English: "No closing quotation", "No escaped character"
            quoi = "guillemet non fermé" if "quotation" in str(erreur) else "barre oblique inverse en fin de ligne"
            raise OuvertureImpossible(f"{VARIABLE} est mal écrite ({quoi}) : vérifiez les guillemets.") from None
        if any("{}" in m for m in morceaux):
            return [_substituer(m, str(fichier), windows) for m in morceaux]
        return morceaux + [str(fichier)]
    if plateforme.startswith("win"):
        return None
    programme = "open" if plateforme == "darwin" else "xdg-open"
    if shutil.which(programme) is None:
        raise OuvertureImpossible(
            f"Aucun programme n'est configuré pour ouvrir les documents ({programme} est absent). Définissez "
            f"{VARIABLE}, par exemple {VARIABLE}=libreoffice, ou ouvrez vous-même le fichier : {fichier}"
        )
    return [programme, str(fichier)]


def _substituer(morceau: str, fichier: str, windows: bool) -> str:
    """`{}` in one argument: the path as is when it is the whole argument (one argv element,
    nothing parses it), quoted when it is embedded (`sh -c "libreoffice {}"`), so that a file
    named `a; rm -rf ~.docx` is a name and never a command."""
    if morceau == "{}":
        return fichier
    # Windows paths cannot contain '"': double quotes keep spaces and & ^ | < > literal.
    cite = f'"{fichier}"' if windows else shlex.quote(fichier)
    # A user who already quoted it ('{}' or "{}") would otherwise have our quotes cancel theirs
    # and leave the name bare to the shell: the quoted placeholder is replaced as a whole.
    for entoure in ("'{}'", '"{}"'):
        morceau = morceau.replace(entoure, "{}")
    return morceau.replace("{}", cite)


def ouvrir(fichier: Path) -> None:
    """Start the editor on `fichier` without waiting for it (OuvertureImpossible if none)."""
    if not Path(fichier).is_file():
        raise OuvertureImpossible(f"Le fichier {fichier} n'existe plus.")
    commande = commande_ouverture(fichier)
    if commande is None:
        try:
            os.startfile(fichier)  # type: ignore[attr-defined]  # Windows only
        except OSError as erreur:
            raise OuvertureImpossible(
                f"Windows n'a pas de programme associé aux fichiers .docx ({raison_systeme(erreur)}). Définissez "
                f"{VARIABLE} ou ouvrez vous-même le fichier : {fichier}"
            ) from None
        return
    try:
        subprocess.Popen(
            commande,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as erreur:
        raise OuvertureImpossible(
            f"« {commande[0]} » ne peut pas être lancé ({raison_systeme(erreur)}). Vérifiez {VARIABLE} ou ouvrez vous-même "
            f"le fichier : {fichier}"
        ) from None
