"""LibreOffice, when it is installed: Word files turned into PDF in one headless call."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path


def programme() -> str | None:
    """The LibreOffice command on this machine, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def en_pdf(documents: dict[str, bytes], *, delai: float = 600) -> dict[str, bytes]:
    """name → PDF bytes for each .docx given as name → bytes; {} without LibreOffice or on failure.

    One call converts them all (starting LibreOffice costs seconds); a private profile keeps a
    running LibreOffice of the user's from getting in the way.
    """
    soffice = programme()
    if soffice is None or not documents:
        return {}
    with tempfile.TemporaryDirectory() as dossier:
        base = Path(dossier)
        noms = {}
        for i, (nom, contenu) in enumerate(documents.items()):
            source = base / f"{i:03d}.docx"
            source.write_bytes(contenu)
            noms[source.with_suffix(".pdf").name] = nom
        try:
            subprocess.run(
                [soffice, f"-env:UserInstallation={(base / 'profil').as_uri()}", "--headless", "--norestore",
                 "--convert-to", "pdf", "--outdir", str(base), *sorted(str(p) for p in base.glob("*.docx"))],
                check=True, capture_output=True, timeout=delai,
            )
        except (OSError, subprocess.SubprocessError):
            return {}
        return {origine: (base / pdf).read_bytes() for pdf, origine in sorted(noms.items()) if (base / pdf).exists()}
