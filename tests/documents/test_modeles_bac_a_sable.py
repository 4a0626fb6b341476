"""A Word template dropped in <dossiers>/modeles/ cannot run code (issue 12, hole 2).

Templates are edited by anyone with access to the shared data folder, and received from
outside; Jinja without a sandbox lets `{{ cycler.__init__.__globals__.os.popen(...) }}`
run any command. Each payload below tries to create a marker file: after rendering, the
marker must not exist, the refusal must be French and name the template, and no document
may be written.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from docx import Document

from recouvrement_tui.cli.principal import main
from recouvrement_tui.documents.catalogue import modele
from recouvrement_tui.documents.lecture import texte_docx
from recouvrement_tui.documents.rendu import ErreurDocument, rendre
from tests.conftest import AUJOURDHUI

# Each payload is formatted with the marker's path: `{m}`.
CHARGES = [
    pytest.param("{{{{ cycler.__init__.__globals__.os.popen('touch {m}').read() }}}}", id="cycler-popen"),
    pytest.param("{{{{ joiner.__init__.__globals__.os.system('touch {m}') }}}}", id="joiner-system"),
    pytest.param("{{{{ lipsum.__globals__['os'].popen('touch {m}').read() }}}}", id="lipsum-os"),
    pytest.param("{{{{ namespace.__init__.__globals__.os.popen('touch {m}').read() }}}}", id="namespace-os"),
    pytest.param(
        "{{{{ self.__init__.__globals__.__builtins__.__import__('os').system('touch {m}') }}}}", id="self-import"
    ),
    pytest.param("{{{{ ''.__class__.__mro__ }}}}", id="mro"),
    pytest.param("{{{{ ''.__class__.__mro__[1].__subclasses__() }}}}", id="subclasses"),
    pytest.param("{{{{ self.__init__.__globals__ }}}}", id="self-globals"),
    pytest.param(
        "{{% for x in ().__class__.__base__.__subclasses__() %}}{{% if x.__name__ == 'Popen' %}}"
        "{{{{ x(['touch', '{m}']) }}}}{{% endif %}}{{% endfor %}}",
        id="boucle-popen",
    ),
    pytest.param("{{{{ ()|attr('__class__')|attr('__base__')|attr('__subclasses__')() }}}}", id="filtre-attr"),
    pytest.param("{{{{ ''['__class__'] }}}}", id="indice"),
    pytest.param("{{{{ '{{0.__class__.__mro__}}'.format('') }}}}", id="format"),
    pytest.param("{{% set liste = [] %}}{{{{ liste.append(1) }}}}", id="mutation"),
]


def _modele_avec(texte: str) -> bytes:
    doc = Document()
    doc.add_paragraph("Madame, Monsieur,")
    doc.add_paragraph(texte)
    sortie = io.BytesIO()
    doc.save(sortie)
    return sortie.getvalue()


@pytest.fixture
def marqueur(tmp_path: Path) -> Path:
    return tmp_path / "code_execute"


@pytest.mark.parametrize("charge", CHARGES)
def test_expression_dangereuse_refusee(charge, marqueur):
    gabarit = _modele_avec(charge.format(m=marqueur))
    with pytest.raises(ErreurDocument, match="« essai » contient une expression refusée") as erreur:
        rendre(gabarit, {"nom": "Durand"}, "essai")
    assert not marqueur.exists()
    message = str(erreur.value)
    assert "modeles/" in message and "unsafe" not in message and "object" not in message


def test_modele_ordinaire_toujours_rendu():
    """Filters, tests, loops, string methods and namespaces the shipped templates use still work."""
    gabarit = _modele_avec(
        "{% set ns = namespace(n=0) %}{% for f in factures %}{% set ns.n = ns.n + 1 %}{% endfor %}"
        "{{ ns.n }} {{ factures|length }} {{ nom.lower() }} "
        "{{ factures|rejectattr('numero', 'equalto', 'A')|map(attribute='numero')|join(',') }} "
        "{% if 'sarl' in nom|lower %}oui{% endif %} {{ '{}-{}'.format(1, 2) }} {{ range(3)|list|length }}"
    )
    texte = texte_docx(rendre(gabarit, {"nom": "Durand SARL", "factures": [{"numero": "A"}, {"numero": "B"}]}, "essai"))
    assert "2 2 durand sarl B oui 1-2 3" in texte


def _modele_pirate(demo, marqueur: Path, cle: str = "mise_en_demeure") -> None:
    """The data folder's copy of `cle`, with a payload added to the shipped wording."""
    doc = Document(io.BytesIO(demo.documents.modeles.lire(cle)))
    doc.add_paragraph(CHARGES[0].values[0].format(m=marqueur))
    (demo.racine / "modeles").mkdir(exist_ok=True)
    doc.save(demo.racine / "modeles" / f"{cle}.docx")


def test_modele_du_dossier_de_donnees_piege_par_le_service(demo, marqueur):
    dossier = demo.charger(demo.documents.relances_dues(AUJOURDHUI)[0][0])
    _modele_pirate(demo, marqueur)
    titre = modele("mise_en_demeure").titre
    with pytest.raises(ErreurDocument, match=re.escape(f"« {titre} » contient une expression refusée")):
        demo.documents.generer(dossier, "mise_en_demeure")
    assert not marqueur.exists()
    assert demo.documents.versions(demo.charger(dossier.reference)) == []
    assert demo.charger(dossier.reference).journal == dossier.journal
    assert not list((demo.depot.chemin(dossier.reference) / "documents").glob("*.docx"))


def test_modele_du_dossier_de_donnees_piege_par_la_commande(demo, marqueur, capsys):
    reference = demo.documents.relances_dues(AUJOURDHUI)[0][0]
    _modele_pirate(demo, marqueur)
    code = main(["generer", reference, "mise_en_demeure", "--au", "30/11/2026", "--dossiers", str(demo.racine)])
    sortie = capsys.readouterr()
    assert code == 2
    assert sortie.err.startswith("recouvrement : ") and "expression refusée pour des raisons de sécurité" in sortie.err
    assert "Traceback" not in sortie.err and "SecurityError" not in sortie.err
    assert sortie.out == ""
    assert not marqueur.exists()
    assert not list((demo.depot.chemin(reference) / "documents").glob("*.docx"))
