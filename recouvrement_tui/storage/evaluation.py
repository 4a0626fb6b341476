"""tarifs.json and hypotheses.json: shipped defaults, overridden per data folder.

Each file in the data folder replaces, key by key, what the application ships, so that a
legal team updates a greffe fee or its own odds without a code change and without losing
the other figures.
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path

from recouvrement_tui.domain.bareme import Bareme, Poste, Tarifs
from recouvrement_tui.domain.erreurs import raison_lecture
from recouvrement_tui.domain.evaluation import Hypotheses, Route
from recouvrement_tui.domain.formatage import nombre_tel_quel
from recouvrement_tui.domain.json_sur import lire_json
from recouvrement_tui.storage.atomique import ecrire_atomiquement
from recouvrement_tui.storage.erreurs import ErreurStockage

TARIFS = "tarifs.json"
HYPOTHESES = "hypotheses.json"


class EvaluationIllisible(ErreurStockage):
    """A tariff or assumptions file cannot be used; the message names the file and the field."""


def _livre(nom: str) -> dict:
    return json.loads(resources.files("recouvrement_tui.donnees").joinpath(nom).read_text(encoding="utf-8"))


def _utilisateur(racine: Path, nom: str) -> dict:
    chemin = Path(racine) / nom
    if not chemin.exists():
        return {}
    try:
        brut = lire_json(chemin.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as erreur:
        raise EvaluationIllisible(f"{chemin} : illisible ({raison_lecture(erreur)}).") from None
    except json.JSONDecodeError as erreur:
        raise EvaluationIllisible(
            f"{chemin} n'est pas du JSON valide (ligne {erreur.lineno}, colonne {erreur.colno}) : corrigez-le ou "
            "supprimez-le pour revenir aux valeurs livrées."
        ) from None
    if not isinstance(brut, dict):
        raise EvaluationIllisible(f"{chemin} doit contenir un objet JSON.")
    return brut


def _quoi(erreur: Exception) -> str:
    """What is wrong in a hand-edited file, in French (Python's own text is English)."""
    if isinstance(erreur, KeyError):
        return f"clé {erreur} absente"
    return "valeur d'un type inattendu"


def _decimal(valeur, ou: str) -> Decimal:
    try:
        nombre = Decimal(str(valeur).replace(",", "."))
    except InvalidOperation:
        raise EvaluationIllisible(f"{ou} : « {valeur} » n'est pas un nombre.") from None
    if not nombre.is_finite() or nombre < 0:
        raise EvaluationIllisible(f"{ou} : « {valeur} » doit être un nombre positif.")
    return nombre


def _bareme(x: dict, ou: str) -> Bareme:
    try:
        tranches = tuple(
            (None if haut is None else _decimal(haut, ou), _decimal(taux, ou)) for haut, taux in x["tranches"]
        )
        return Bareme(tranches, _decimal(x["minimum"], ou), _decimal(x["minimum_jusqua"], ou),
                      _decimal(x["plafond"], ou), str(x.get("source", "")), bool(x.get("a_confirmer", False)))
    except (KeyError, TypeError, ValueError) as erreur:
        raise EvaluationIllisible(f"{ou} : barème incomplet ({_quoi(erreur)}).") from None


def charger_tarifs(racine: Path) -> Tarifs:
    livre, perso = _livre(TARIFS), _utilisateur(racine, TARIFS)
    origine = str(Path(racine) / TARIFS)
    postes: dict[str, Poste] = {}
    for source, x in [("livré", p) for p in livre["postes"]] + [(origine, p) for p in perso.get("postes", [])]:
        ou = f"{TARIFS} ({source}), poste {x.get('cle', '?')}"
        try:
            postes[x["cle"]] = Poste(x["cle"], x["libelle"], _decimal(x["montant"], ou), x.get("source", ""),
                                     x.get("date", ""), bool(x.get("a_confirmer", False)))
        except (KeyError, TypeError) as erreur:
            raise EvaluationIllisible(f"{ou} : champ manquant {erreur}.") from None
    return Tarifs(
        postes,
        _bareme(perso.get("bareme_creancier", livre["bareme_creancier"]), f"{TARIFS}, bareme_creancier"),
        _bareme(perso.get("bareme_debiteur", livre["bareme_debiteur"]), f"{TARIFS}, bareme_debiteur"),
    )


def hypotheses_brutes(racine: Path) -> dict:
    """The assumptions as stored: shipped values, then the data folder's, key by key."""
    brut = _livre(HYPOTHESES)
    for cle, valeur in _utilisateur(racine, HYPOTHESES).items():
        if isinstance(valeur, dict) and isinstance(brut.get(cle), dict):
            brut[cle] = {**brut[cle], **valeur}
        else:
            brut[cle] = valeur
    return brut


def hypotheses_depuis_brut(brut: dict, ou: str = HYPOTHESES) -> Hypotheses:
    try:
        chances = tuple(
            (None if m is None else int(m), _part(c, f"{ou}, chances_par_anciennete"))
            for m, c in brut["chances_par_anciennete"]
        )
        seuils = [m for m, _ in chances[:-1]]
        entiers = [m for m in seuils if m is not None]
        if not chances or chances[-1][0] is not None or len(entiers) != len(seuils) or entiers != sorted(set(entiers)):
            raise EvaluationIllisible(f"{ou}, chances_par_anciennete : des seuils en mois croissants, le dernier "
                                      "étant null (au-delà), par exemple [[\"3\", \"0.75\"], [null, \"0.20\"]].")
        for cle in ("duree_jours",):
            for route, jours in brut[cle].items():
                if not 0 < int(jours) <= 3650:
                    raise EvaluationIllisible(f"{ou}, {cle}.{route} : un nombre de jours entre 1 et 3 650.")
        if not 0 < int(brut["alerte_prescription_jours"]) <= 3650:
            raise EvaluationIllisible(f"{ou}, alerte_prescription_jours : un nombre de jours entre 1 et 3 650.")
        return Hypotheses(
            chances,
            str(brut.get("chances_source", "")),
            {r: _part(brut["facteur_voie"][r.value], f"{ou}, facteur_voie.{r.value}") for r in Route},
            _part(brut["facteur_litige"], f"{ou}, facteur_litige"),
            _part(brut["facteur_insolvabilite"], f"{ou}, facteur_insolvabilite"),
            _part(brut["facteur_etranger"], f"{ou}, facteur_etranger"),
            {r: int(brut["duree_jours"][r.value]) for r in Route},
            _part(brut["taux_opposition"], f"{ou}, taux_opposition"),
            _part(brut["part_article_700"], f"{ou}, part_article_700"),
            int(brut["alerte_prescription_jours"]),
            _part(brut.get("cout_du_temps_annuel", "0.10"), f"{ou}, cout_du_temps_annuel"),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as erreur:
        raise EvaluationIllisible(f"{ou} : valeur manquante ou incorrecte ({_quoi(erreur)}).") from None


def _part(valeur, ou: str) -> Decimal:
    nombre = _decimal(valeur, ou)
    if nombre > 1:
        raise EvaluationIllisible(f"{ou} : « {valeur} » doit être une proportion entre 0 et 1 (0,5 pour 50 %).")
    return nombre


def charger_hypotheses(racine: Path) -> Hypotheses:
    return hypotheses_depuis_brut(hypotheses_brutes(racine), str(Path(racine) / HYPOTHESES))


def enregistrer_hypotheses(racine: Path, brut: dict) -> Hypotheses:
    """Check then save the assumptions (nothing written if a value is wrong)."""
    hypotheses = hypotheses_depuis_brut(brut)
    Path(racine).mkdir(parents=True, exist_ok=True)
    contenu = {k: v for k, v in brut.items() if not k.startswith("_")}
    ecrire_atomiquement(Path(racine) / HYPOTHESES, json.dumps(contenu, ensure_ascii=False, indent=2).encode("utf-8"))
    return hypotheses


# --- the assumptions form (Évaluation tab) -------------------------------------------------

ANCIENNETES = (("3", "chances_3"), ("6", "chances_6"), ("12", "chances_12"), (None, "chances_plus"))
PROPORTIONS = ("facteur_litige", "facteur_insolvabilite", "facteur_etranger", "taux_opposition", "part_article_700",
               "cout_du_temps_annuel")


def saisie_depuis_hypotheses(brut: dict) -> dict[str, str]:
    """Form values, written the French way ("0,75"); EvaluationIllisible if the file is wrong."""
    hypotheses_depuis_brut(brut)  # a hand-edited file is explained before the form is drawn
    valeurs = {cle: nombre_tel_quel(c) for (_m, cle), (_m2, c) in zip(ANCIENNETES, brut["chances_par_anciennete"])}
    valeurs |= {f"facteur_{r.value}": nombre_tel_quel(brut["facteur_voie"][r.value]) for r in Route}
    valeurs |= {f"duree_{r.value}": str(brut["duree_jours"][r.value]) for r in Route}
    valeurs |= {cle: nombre_tel_quel(brut.get(cle, "0.10")) for cle in PROPORTIONS}
    valeurs["alerte_prescription_jours"] = str(brut["alerte_prescription_jours"])
    return valeurs


def hypotheses_depuis_saisie(valeurs: dict, brut: dict) -> dict:
    """The assumptions file's content from the form; ErreursSaisie names every wrong field."""
    from recouvrement_tui.domain.erreurs import Collecteur

    c = Collecteur()

    def part(cle: str) -> str:
        texte = "".join(str(valeurs.get(cle, "")).split()).replace(",", ".")  # "75 %" as the screen shows it
        pourcent = texte.endswith("%")
        try:
            nombre = Decimal(texte.removesuffix("%"))
            if pourcent:
                nombre /= 100
        except InvalidOperation:
            saisi = str(valeurs.get(cle, "")).strip()
            c.signaler(cle, f"« {saisi} » n'est pas une proportion : écrivez-la en pourcentage (75 %) ou entre 0 et 1 "
                            "(0,75)." if saisi else "Indiquez une proportion : en pourcentage (75 %) ou entre 0 et 1 (0,75).")
            return "0"
        if not nombre.is_finite() or not 0 <= nombre <= 1:
            c.signaler(cle, f"« {valeurs.get(cle, '')} » : une proportion va de 0 à 100 % (ou de 0 à 1 : 0,5 pour 50 %).")
        return str(nombre)

    def jours(cle: str) -> str:
        texte = str(valeurs.get(cle, "")).strip()
        if not texte.isascii() or not texte.isdigit() or not 0 < int(texte) <= 3650:
            c.signaler(cle, f"« {texte} » : indiquez un nombre de jours entre 1 et 3 650.")
            return "1"
        return texte

    nouveau = dict(brut)
    nouveau["chances_par_anciennete"] = [[mois, part(cle)] for mois, cle in ANCIENNETES]
    nouveau["facteur_voie"] = {r.value: part(f"facteur_{r.value}") for r in Route}
    nouveau["duree_jours"] = {r.value: jours(f"duree_{r.value}") for r in Route}
    for cle in PROPORTIONS:
        nouveau[cle] = part(cle)
    nouveau["alerte_prescription_jours"] = jours("alerte_prescription_jours")
    c.verifier()
    return nouveau
