"""cli.sortie's fast paths (issue 18) write byte for byte what the str.translate passes and
json's indented encoder wrote, terminal-injection safety included."""

from __future__ import annotations

import io
import json
import random
import sys

import pytest

from recouvrement_tui.cli import sortie

# The implementation before issue 18, kept as the reference.
_INVISIBLES = [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0), 0x200E, 0x200F,
               *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_REMPLACER = {code: "\ufffd" for code in _INVISIBLES}
_ECHAPPER = {code: f"\\u{code:04x}" for code in _INVISIBLES if code >= 0x7F}


def _json_avant(donnees) -> str:
    """afficher_json's text, then the stream's pass, as before."""
    return _ecrire_avant(json.dumps(donnees, ensure_ascii=False, indent=2).translate(_ECHAPPER) + "\n")


def _ecrire_avant(texte: str) -> str:
    if texte.startswith("\r"):
        return "\r" + texte[1:].translate(_REMPLACER)
    return texte.translate(_REMPLACER)


# Every character either side of the sets' bounds, and the usual suspects.
_PROCHES = sorted({c + d for c in (0x00, 0x08, 0x09, 0x0A, 0x0B, 0x1F, 0x20, 0x7E, 0x7F, 0x9F, 0xA0, 0x200D,
                                   0x200E, 0x200F, 0x2010, 0x2029, 0x202A, 0x202E, 0x202F, 0x2065, 0x2066,
                                   0x2069, 0x206A, 0x2028) for d in (-1, 0, 1) if c + d >= 0})
DIFFICILES = [
    "",
    "Dupont & Fils",
    "Évry — 1 234,56\u202f€",
    "Evil\x1b]52;c;ZWNobyBwd25lZA==\x07",
    "\x1b[2J\x1b[H effacé",
    "NUL\x00au milieu",
    "retour\rchariot",
    "\rprogression 120/200",
    "\r\x1b[31m",
    "\r",
    "tab\tet\nligne",
    "DEL\x7f et C1 \x85\x9b31m\x9d",
    "bidi \u202egnp.exe\u202c \u2066isolé\u2069 \u200emarque\u200f",
    "séparateurs \u2028 ligne \u2029 paragraphe",
    'guillemets " et \\ barre \\u0041',
    "\ud83d\ude00 emoji et \U0001f600",
    "".join(map(chr, _PROCHES)),
    "".join(map(chr, range(0x00, 0x300))),
]


@pytest.mark.parametrize("texte", DIFFICILES)
def test_written_text_is_what_translate_wrote(texte):
    flux = io.StringIO()
    sortie._SansControle(flux).write(texte)
    assert flux.getvalue() == _ecrire_avant(texte)


def test_written_text_random_mixtures():
    hasard = random.Random(18)
    alphabet = [chr(c) for c in _PROCHES] + list("abcé€ \"\\{}[]")
    for _ in range(2000):
        texte = "".join(hasard.choice(alphabet) for _ in range(hasard.randrange(0, 12)))
        flux = io.StringIO()
        sortie._SansControle(flux).write(texte)
        assert flux.getvalue() == _ecrire_avant(texte), repr(texte)


def _json_affiche(donnees, capsys) -> str:
    """What afficher_json writes, as text (a console would turn lone surrogates into "?")."""
    capsys.readouterr()
    ecrit = io.StringIO()
    ancien, sys.stdout = sys.stdout, ecrit
    try:
        with sortie.sorties_sures():
            sortie.afficher_json(donnees)
    finally:
        sys.stdout = ancien
    return ecrit.getvalue()


DONNEES = [
    [],
    {},
    None,
    True,
    0,
    -1.5,
    float("nan"),
    "texte seul \x1b \u202e",
    [[]],
    [{}],
    {"a": []},
    {"a": {}},
    [1, [2, [3, []], {}], {"x": (4, 5)}],
    {"liste": [{"reference": "D-1", "debiteur": t, "solde": "12.50", "ouvert": True, "du": None}
               for t in DIFFICILES]},
    {t: t for t in DIFFICILES},
    {3: "trois", 2.5: "deux et demi", True: "vrai", None: "rien", "1e3": [1e300, 1e-7, 10**30]},
    {3: [1], 2.5: {"x": 1}, False: [], None: {}, -7: [{}], float("inf"): [None]},
    # Lists of flat objects (encoded in one call, then re-indented): strings that look like the seams.
    [{"a": "},\n    {", "}": "{", "b": "}, {"}, {"c": "\"}", 3: True}, {"d": None, "e": 1.5, "f": "[{"}],
    [{"a": 1}, {}, {"b": 2}],
    [{"a": 1}, [], {"b": 2}],
    [{"a": 1}, {"b": ()}],
    [{"x": 1}],
    {"lignes": [{"n": i, "t": t} for i, t in enumerate(DIFFICILES)], "vide": [], "objet_vide": {}},
    {"imbrique": {"niveau": {"encore": [{"a": [1, 2, {"b": {}}]}, []]}}, "vide": "", "tuple": ()},
    [{"dossier": {"reference": "D-2", "lignes": [{"libelle": t, "montant": 1.0} for t in DIFFICILES]},
      "etapes": [["relance", "2026-01-01"], ["mise en demeure", None]]}],
]


@pytest.mark.parametrize("donnees", DONNEES, ids=range(len(DONNEES)))
def test_json_is_what_indented_json_dumps_and_translate_wrote(donnees, capsys):
    assert _json_affiche(donnees, capsys) == _json_avant(donnees)


def test_json_of_random_nestings(capsys):
    hasard = random.Random(2028)
    feuilles = [None, True, False, 0, 7, -3.25, "", *DIFFICILES]

    def tirer(profondeur):
        genre = hasard.randrange(4 if profondeur < 4 else 1)
        if genre == 0:
            return hasard.choice(feuilles)
        if genre == 1:
            return [tirer(profondeur + 1) for _ in range(hasard.randrange(4))]
        if genre == 2:
            return tuple(tirer(profondeur + 1) for _ in range(hasard.randrange(3)))
        return {hasard.choice(DIFFICILES) + str(i): tirer(profondeur + 1) for i in range(hasard.randrange(4))}

    for _ in range(300):
        donnees = tirer(0)
        assert _json_affiche(donnees, capsys) == _json_avant(donnees)


def test_json_output_holds_no_raw_control_character(capsys):
    texte = _json_affiche({t: [t] for t in DIFFICILES}, capsys)
    assert not any(ord(c) in _REMPLACER for c in texte.replace("\n", ""))
    assert json.loads(texte) == json.loads(_json_avant({t: [t] for t in DIFFICILES}))


def test_json_errors_stay_those_of_json(capsys):
    for mauvais in ({"a": object()}, [1, {(1, 2): "clé tuple"}], {"x": [1, {2: set()}]}):
        with pytest.raises(TypeError) as avant:
            _json_avant(mauvais)
        with pytest.raises(TypeError) as apres:
            sortie._json_indente(mauvais)
        assert str(apres.value) == str(avant.value)


def test_stdout_is_restored():
    avant = sys.stdout
    with sortie.sorties_sures():
        assert sys.stdout is not avant
    assert sys.stdout is avant


# --- `liste` reads the cache and verifies it rather than rebuilding the list (issue 18) ---

def _index_casse(racine):
    (racine / "index.json").write_text("{pas du json", encoding="utf-8")


def _ligne_casse(racine):
    brut = json.loads((racine / "index.json").read_text(encoding="utf-8"))
    premiere = sorted(brut["dossiers"])[0]
    brut["dossiers"][premiere][2] = "pas un montant"
    (racine / "index.json").write_text(json.dumps(brut), encoding="utf-8")


def _dossier_modifie(racine):
    chemin = sorted(racine.glob("*/dossier.json"))[1]
    brut = json.loads(chemin.read_text(encoding="utf-8"))
    texte = json.dumps(brut).replace('"nom": "', '"nom": "Renommé ', 1)
    assert texte != json.dumps(brut)
    chemin.write_text(texte, encoding="utf-8")


def _dossier_supprime(racine):
    import shutil

    shutil.rmtree(sorted(p.parent for p in racine.glob("*/dossier.json"))[2])


def _dossier_illisible(racine):
    sorted(racine.glob("*/dossier.json"))[3].write_text("{", encoding="utf-8")


SCENARIOS = {
    "cache juste": lambda racine: None,
    "sans index": lambda racine: (racine / "index.json").unlink(),
    "index illisible": _index_casse,
    "ligne illisible": _ligne_casse,
    "dossier modifié": _dossier_modifie,
    "dossier supprimé": _dossier_supprime,
    "dossier illisible": _dossier_illisible,
}


@pytest.mark.parametrize("scenario", SCENARIOS)
@pytest.mark.parametrize("options", [["--json", "--tous"], ["--tous"], []], ids=["json", "texte", "ouverts"])
def test_liste_says_what_the_rebuilt_list_says(scenario, options, tmp_path, capsys, monkeypatch):
    import shutil

    from recouvrement_tui.cli.principal import main
    from recouvrement_tui.demo import ecrire_demo
    from recouvrement_tui.services.dossiers import ServiceDossiers

    monkeypatch.setenv("RECOUVREMENT_AUTEUR", "test")
    modele = tmp_path / "modele"
    ecrire_demo(modele, 12, 0)
    assert main(["liste", "--dossiers", str(modele)]) == 0  # writes the index
    SCENARIOS[scenario](modele)
    nouveau, ancien = tmp_path / "nouveau", tmp_path / "ancien"
    shutil.copytree(modele, nouveau, symlinks=True)
    shutil.copytree(modele, ancien, symlinks=True)
    capsys.readouterr()

    assert main(["liste", *options, "--dossiers", str(nouveau)]) == 0
    sortie_nouvelle = capsys.readouterr()
    with monkeypatch.context() as m:  # what `liste` did before: resumes_actualises
        m.setattr(ServiceDossiers, "resumes_en_cache", lambda self: [])
        m.setattr(ServiceDossiers, "verifier_resumes", lambda self, progression=None: self.resumes_actualises())
        assert main(["liste", *options, "--dossiers", str(ancien)]) == 0
    sortie_ancienne = capsys.readouterr()

    assert sortie_nouvelle.out == sortie_ancienne.out.replace(str(ancien), str(nouveau))
    assert sortie_nouvelle.err == sortie_ancienne.err.replace(str(ancien), str(nouveau))
    for nom in ("index.json", "index-details.json"):
        assert (nouveau / nom).exists() == (ancien / nom).exists()
        if (nouveau / nom).exists():
            # A damaged dossier's message names its folder.
            assert (nouveau / nom).read_text(encoding="utf-8") == (ancien / nom).read_text(
                encoding="utf-8").replace(json.dumps(str(ancien))[1:-1], json.dumps(str(nouveau))[1:-1])
