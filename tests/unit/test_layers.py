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
    charges = _modules_loaded_by("recouvrement_tui.services, recouvrement_tui.storage.index")
    assert "textual" not in charges
    assert "tinydb" in charges


def test_every_domain_module_is_import_clean():
    import pkgutil

    import recouvrement_tui.domain as domain

    noms = [f"recouvrement_tui.domain.{m.name}" for m in pkgutil.iter_modules(domain.__path__)]
    charges = _modules_loaded_by(", ".join(noms))
    assert not charges & {"textual", "tinydb", "docx", "docxtpl", "babel"}
