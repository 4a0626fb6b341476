"""Filtering ignores case, accents and spaces, so users type as they like."""

import pytest

from recouvrement_tui.ui.widgets.table_virtuelle import normaliser


@pytest.mark.parametrize(
    "texte, attendu",
    [
        ("Lefèvre Transports", "lefevretransports"),
        ("Maçonnerie Œhler", "maconnerieoehler"),
        ("ÉTABLISSEMENTS Besson", "etablissementsbesson"),
        ("732 829\u202f320", "732829320"),
        ("Ben Saïd", "bensaid"),
    ],
)
def test_normaliser(texte, attendu):
    assert normaliser(texte) == attendu
