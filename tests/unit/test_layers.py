"""The domain stays pure: importing it must not load UI, storage or document libraries."""

import subprocess
import sys


def _modules_loaded_by(module: str) -> set[str]:
    code = f"import sys, {module}; print('\\n'.join(sys.modules))"
    sortie = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return {nom.split(".")[0] for nom in sortie.split()}


def test_domain_imports_neither_textual_nor_tinydb():
    charges = _modules_loaded_by("recouvrement_tui.domain.model, recouvrement_tui.domain.saisie, "
                                 "recouvrement_tui.domain.codec, recouvrement_tui.domain.resume, "
                                 "recouvrement_tui.domain.formatage")
    assert not charges & {"textual", "tinydb", "docx", "docxtpl", "babel", "rich"}


def test_storage_and_services_do_not_import_textual():
    charges = _modules_loaded_by("recouvrement_tui.services.dossiers, recouvrement_tui.storage.index")
    assert "textual" not in charges
    assert "tinydb" in charges


def test_every_domain_module_is_import_clean():
    import pkgutil

    import recouvrement_tui.domain as domain

    noms = [f"recouvrement_tui.domain.{m.name}" for m in pkgutil.iter_modules(domain.__path__)]
    charges = _modules_loaded_by(", ".join(noms))
    assert not charges & {"textual", "tinydb", "docx", "docxtpl", "babel"}


def test_import_contracts_hold():
    """The layers of docs/architecture.md, as the import-linter contracts of pyproject.toml
    state them: faces over services over documents/exchange over storage over the domain,
    a pure domain, no face touching storage, Textual only in ui/, no import cycle."""
    from pathlib import Path

    racine = Path(__file__).resolve().parents[2]
    commande = Path(sys.executable).with_name("lint-imports")
    resultat = subprocess.run([str(commande), "--no-cache"], cwd=racine, capture_output=True, text=True, timeout=300)
    assert resultat.returncode == 0, resultat.stdout[-4000:] + resultat.stderr[-2000:]
    assert "0 broken" in resultat.stdout
