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


def _normaliser_lettre_a_lettre(texte: str) -> str:
    """The definition, one character at a time: NFKD, combining marks dropped when what is left is
    ASCII (Latin letters up to U+024F, and œ æ ø đ ł), spaces of every width removed."""
    import unicodedata

    propres = {"œ": "oe", "æ": "ae", "ø": "o", "đ": "d", "ł": "l"}
    sortie = []
    for c in texte.casefold():
        if c in " \t\u00a0\u202f\u2009":
            continue
        base = "".join(x for x in unicodedata.normalize("NFKD", c) if not unicodedata.combining(x))
        if c in propres:
            sortie.append(propres[c])
        elif 0xC0 <= ord(c) < 0x250 and base != c and base.isascii():
            sortie.append(base.casefold())
        else:
            sortie.append(c)
    return "".join(sortie)


def test_normaliser_agrees_with_its_definition_on_every_latin_character():
    textes = [chr(code) for code in range(0x250)] + [
        "Société Générale d'Éclairage", "Œuvres\tsociales", "ß straße", "Ærø Łódź Đakovo", "x\u2009y\u00a0z", "日本 Ök",
    ]
    assert [normaliser(t) for t in textes] == [_normaliser_lettre_a_lettre(t) for t in textes]
