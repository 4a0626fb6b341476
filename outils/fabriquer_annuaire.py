"""Rebuild the shipped court directory (recouvrement_tui/donnees/juridictions/*.csv) from its sources.

Run by hand, not in CI (it needs the npm package); commit its outputs:

    cd /tmp && npm pack @etalab/decoupage-administratif@6.0.0 && tar xzf etalab-decoupage-administratif-6.0.0.tgz
    .venv/bin/python -m outils.fabriquer_annuaire /tmp/package/data

Sources (see recouvrement_tui/donnees/juridictions/LISEZMOI.md):
- communes, postal codes, départements, arrondissements: @etalab/decoupage-administratif 6.0.0;
- tribunaux judiciaires and their ressort: COJ tableau IV, extract in outils/annuaire_sources/coj_tableau_iv.txt;
- commercial courts: outils/annuaire_sources/ressorts_commerciaux.txt (Code de commerce annexe 7-1, TAE, TMC,
  chambres commerciales); a few addresses: outils/annuaire_sources/adresses.txt (all « à confirmer »).

How a commune gets its TJ, in this order (the `source` column says which):
1. « département » : the département has a single TJ (tableau IV);
2. « commune nommée » : the tableau names the commune itself (communes nouvelles split between cantons);
3. « chef-lieu de canton » : the commune bears the name of a canton of that TJ (pre-2015 cantons);
4. « déduit (code postal …) » : every commune placed by 1-3 sharing one of its postal codes has the same TJ;
5. « déduit (arrondissement …) » : every commune placed so far in its arrondissement has the same TJ.
Otherwise the commune stays unplaced (empty tj), and is counted as such. Steps 4-5 are « à confirmer ».
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from recouvrement_tui.domain.annuaire import (
    A_CONFIRMER,
    COLONNES_COMMUNES,
    COLONNES_TRIBUNAUX,
    CONFIRME,
    MARQUE_DEDUIT,
    NatureTribunal,
    normaliser_nom,
)

ICI = Path(__file__).resolve().parent
SOURCES = ICI / "annuaire_sources"
SORTIE = ICI.parent / "recouvrement_tui" / "donnees" / "juridictions"

SOURCE_TJ = (
    "COJ, annexe tableau IV (siège et ressort des tribunaux judiciaires), version consolidée lue dans "
    "francois76/legifrance"
)
DATE_TJ = "postérieure au 26/09/2022"
SOURCE_7_1 = "C. com., annexe 7-1 (siège et ressort des tribunaux de commerce), etalab/codes-juridiques-francais"
DATE_7_1 = "antérieure à 2020 (mentionne les TGI)"
SOURCE_TAE = "loi n° 2023-1059 du 20/11/2023, art. 26 ; C. com., annexe 7-1 pour le ressort du TC remplacé"
DATE_TAE = "2023-11-20"
SOURCE_TMC = "C. com., art. L. 731-1 (tribunaux mixtes de commerce) ; ressort pris égal à celui du TJ"
SOURCE_CC = "C. com., annexe 7-1 ; COJ tableau IV pour le ressort du TJ"
SOURCE_ADRESSE = "adresse de mémoire, à vérifier (justice.fr)"

Unite = tuple[str, str, str]  # (département, siège du TJ, chambre de proximité or "")


@dataclass
class Etiquette:
    """What is known of a commune: its TJ, the unit (seat or chambre) and the canton chef-lieu."""

    tj: str
    chambre: str | None  # None: unknown
    canton: str | None  # None: unknown
    methode: str


def de(ville: str) -> str:
    """« de Lyon », « d'Évry », « du Havre », « des Sables-d'Olonne », « de La Rochelle »."""
    if ville.startswith("Le "):
        return f"du {ville[3:]}"
    if ville.startswith("Les "):
        return f"des {ville[4:]}"
    if ville[0] in "AEIOUYÉÈÊÂÎ":
        return f"d'{ville}"
    return f"de {ville}"


def ident(prefixe: str, ville: str) -> str:
    return f"{prefixe}-{normaliser_nom(ville).replace(' ', '-')}"


def lire_lignes(fichier: Path) -> list[list[str]]:
    return [
        [champ.strip() for champ in ligne.split("|")]
        for ligne in fichier.read_text(encoding="utf-8").splitlines()
        if ligne.strip() and not ligne.startswith("#")
    ]


def charger_communes(dossier: Path) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    tout = json.loads((dossier / "communes.json").read_text(encoding="utf-8"))
    actuelles = [c for c in tout if c["type"] == "commune-actuelle"]
    arrondissements = [c for c in tout if c["type"] == "arrondissement-municipal"]
    return actuelles, arrondissements


def placer_tj(communes: list[dict[str, object]]) -> tuple[dict[str, Etiquette], set[str], list[str]]:
    """INSEE → label, the TJ seats (« dept/seat »), and the names of the extract found nowhere."""
    par_dept: dict[str, list[dict[str, object]]] = defaultdict(list)
    for commune in communes:
        par_dept[str(commune["departement"])].append(commune)
    lignes = lire_lignes(SOURCES / "coj_tableau_iv.txt")
    sieges: set[str] = set()
    regles: dict[str, list[list[str]]] = defaultdict(list)
    for dept, siege, chambre, noms in lignes:
        sieges.add(f"{dept}/{siege}")
        regles[dept].append([siege, chambre, noms])
    etiquettes: dict[str, Etiquette] = {}
    introuvables: list[str] = []
    for dept, lignes_dept in regles.items():
        communes_dept = par_dept.get(dept, [])
        par_nom: dict[str, list[dict[str, object]]] = defaultdict(list)
        for commune in communes_dept:
            par_nom[normaliser_nom(str(commune["nom"]))].append(commune)
        entiers = [siege for siege, _chambre, noms in lignes_dept if noms == "*"]
        if entiers:
            for commune in communes_dept:
                etiquettes[str(commune["code"])] = Etiquette(entiers[0], None, None, "département (COJ tab. IV)")
        # Named communes first (they settle the split ones), then canton chefs-lieux.
        nommees: dict[str, Etiquette] = {}
        chefs_lieux: dict[str, list[Etiquette]] = defaultdict(list)
        for siege, chambre, noms in lignes_dept:
            if noms == "*":
                continue
            for nom in noms.split(";"):
                nom = nom.strip()
                explicite = nom.startswith("=")
                nom = nom.lstrip("=").strip()
                trouvees = par_nom.get(normaliser_nom(nom), [])
                if len(trouvees) != 1:
                    introuvables.append(f"{dept} {siege}/{chambre or '-'} : {nom} ({len(trouvees)} communes)")
                    continue
                code = str(trouvees[0]["code"])
                if explicite:
                    nommees[code] = Etiquette(siege, chambre, None, "commune nommée (COJ tab. IV)")
                else:
                    chefs_lieux[code].append(Etiquette(siege, chambre, nom, "chef-lieu de canton (COJ tab. IV)"))
        for code, candidates in chefs_lieux.items():
            if code in nommees:
                continue
            if len({(e.tj, e.chambre) for e in candidates}) == 1:
                etiquette = candidates[0]
                if code in etiquettes and etiquettes[code].tj != etiquette.tj:
                    continue
                etiquettes[code] = etiquette
        for code, etiquette in nommees.items():
            etiquettes[code] = etiquette
        if not entiers:
            _deduire(communes_dept, etiquettes)
        else:
            # Single TJ: infer only the unit (chambre, canton) the commercial ressort may need.
            _deduire_unites(communes_dept, etiquettes)
    return etiquettes, sieges, introuvables


def _deduire(communes_dept: list[dict[str, object]], etiquettes: dict[str, Etiquette]) -> None:
    sures = {str(c["code"]): etiquettes[str(c["code"])] for c in communes_dept if str(c["code"]) in etiquettes}
    par_code_postal: dict[str, list[tuple[str, Etiquette]]] = defaultdict(list)
    for commune in communes_dept:
        code = str(commune["code"])
        if code in sures:
            for cp in commune.get("codesPostaux", []):  # type: ignore[attr-defined]
                par_code_postal[cp].append((str(commune["nom"]), sures[code]))
    for commune in communes_dept:
        code = str(commune["code"])
        if code in etiquettes:
            continue
        voisines = [v for cp in commune.get("codesPostaux", []) for v in par_code_postal.get(cp, [])]  # type: ignore[attr-defined]
        if voisines and len({e.tj for _n, e in voisines}) == 1:
            chambres = {e.chambre for _n, e in voisines}
            cantons = {e.canton for _n, e in voisines}
            temoins = ", ".join(sorted({n for n, _e in voisines})[:3])
            cps = " ".join(commune.get("codesPostaux", []))  # type: ignore[attr-defined]
            etiquettes[code] = Etiquette(
                voisines[0][1].tj,
                chambres.pop() if len(chambres) == 1 else None,
                cantons.pop() if len(cantons) == 1 else None,
                f"{MARQUE_DEDUIT} (code postal {cps} partagé avec {temoins}) — {A_CONFIRMER}",
            )
    par_arrondissement: dict[str, list[Etiquette]] = defaultdict(list)
    for commune in communes_dept:
        if str(commune["code"]) in etiquettes:
            par_arrondissement[str(commune.get("arrondissement"))].append(etiquettes[str(commune["code"])])
    for commune in communes_dept:
        code = str(commune["code"])
        if code in etiquettes:
            continue
        arrondissement = str(commune.get("arrondissement"))
        voisines = par_arrondissement.get(arrondissement, [])
        if voisines and len({e.tj for e in voisines}) == 1:
            chambres = {e.chambre for e in voisines}
            etiquettes[code] = Etiquette(
                voisines[0].tj, chambres.pop() if len(chambres) == 1 else None, None,
                f"{MARQUE_DEDUIT} (arrondissement {arrondissement} entièrement au même TJ) — {A_CONFIRMER}",
            )


def _deduire_unites(communes_dept: list[dict[str, object]], etiquettes: dict[str, Etiquette]) -> None:
    """In a single-TJ département, give the unit of a named/chef-lieu commune to those sharing its postal code."""
    par_code_postal: dict[str, list[Etiquette]] = defaultdict(list)
    for commune in communes_dept:
        etiquette = etiquettes.get(str(commune["code"]))
        if etiquette is not None and etiquette.chambre is not None:
            for cp in commune.get("codesPostaux", []):  # type: ignore[attr-defined]
                par_code_postal[cp].append(etiquette)
    for commune in communes_dept:
        code = str(commune["code"])
        etiquette = etiquettes[code]
        if etiquette.chambre is not None:
            continue
        voisines = [e for cp in commune.get("codesPostaux", []) for e in par_code_postal.get(cp, [])]  # type: ignore[attr-defined]
        chambres = {e.chambre for e in voisines}
        if len(chambres) == 1:
            etiquettes[code] = Etiquette(etiquette.tj, chambres.pop(), None, etiquette.methode)


@dataclass
class RegleCommerciale:
    id: str
    nature: NatureTribunal
    siege: str
    selecteurs: list[str]
    statut: str
    note: str


def regles_commerciales() -> list[RegleCommerciale]:
    return [
        RegleCommerciale(i, NatureTribunal(n), s, re.split(r"\s+(?=(?:dept|tj|unit|canton):)", sel.strip()), st, note)
        for i, n, s, sel, st, note in lire_lignes(SOURCES / "ressorts_commerciaux.txt")
    ]


def placer_commerce(dept: str, etiquette: Etiquette | None, regles: list[RegleCommerciale]) -> str:
    """The commercial court id, or "" when the ressort cannot be decided for this commune."""
    decoupees = {
        tuple(s.split(":", 1)[1].split("/")[:3]) for r in regles for s in r.selecteurs if s.startswith("canton:")
    }
    for regle in regles:
        for selecteur in regle.selecteurs:
            genre, valeur = selecteur.split(":", 1)
            morceaux = valeur.split("/")
            if genre == "dept" and morceaux[0] == dept:
                return regle.id
            if etiquette is None or morceaux[0] != dept:
                continue
            if genre == "tj" and etiquette.tj == morceaux[1]:
                if (dept, etiquette.tj, etiquette.chambre or "") in decoupees and etiquette.canton is None:
                    return ""
                return regle.id
            if genre == "unit" and etiquette.tj == morceaux[1] and etiquette.chambre == morceaux[2]:
                return regle.id
            if genre == "canton" and etiquette.tj == morceaux[1] and etiquette.canton == morceaux[3]:
                return regle.id
    return ""


def nom_tribunal(nature: NatureTribunal, siege: str, ident_: str) -> str:
    if ident_ == "tc-lille-metropole":
        return "Tribunal de commerce de Lille Métropole"
    if ident_ == "tc-villefranche-tarare":
        return "Tribunal de commerce de Villefranche-Tarare"
    if ident_ == "tc-cherbourg":
        return "Tribunal de commerce de Cherbourg"
    if ident_ == "tc-briey":
        return "Tribunal de commerce de Briey"
    if ident_ == "tc-evry":
        return "Tribunal de commerce d'Évry"
    gabarits = {
        NatureTribunal.JUDICIAIRE: "Tribunal judiciaire {de}",
        NatureTribunal.COMMERCE: "Tribunal de commerce {de}",
        NatureTribunal.TAE: "Tribunal des activités économiques {de}",
        NatureTribunal.MIXTE_COMMERCE: "Tribunal mixte de commerce {de}",
        NatureTribunal.CHAMBRE_COMMERCIALE: "Chambre commerciale du tribunal judiciaire {de}",
    }
    return gabarits[nature].format(de=de(siege))


def ecrire_csv(chemin: Path, colonnes: tuple[str, ...], lignes: list[list[str]]) -> None:
    tampon = io.StringIO()
    ecrivain = csv.writer(tampon, delimiter=";", lineterminator="\n")
    ecrivain.writerow(colonnes)
    ecrivain.writerows(lignes)
    chemin.write_text(tampon.getvalue(), encoding="utf-8")


def main(argv: list[str]) -> int:
    dossier = Path(argv[1]) if len(argv) > 1 else Path("/tmp/package/data")
    communes, arrondissements = charger_communes(dossier)
    etiquettes, sieges, introuvables = placer_tj(communes)
    regles = regles_commerciales()
    adresses = {l[0]: l[1:] for l in lire_lignes(SOURCES / "adresses.txt")}

    tribunaux: list[list[str]] = []
    ids_tj: dict[str, str] = {}
    for cle in sorted(sieges, key=lambda s: normaliser_nom(s.split("/", 1)[1])):
        siege = cle.split("/", 1)[1]
        identifiant = ident("tj", siege)
        if identifiant in ids_tj.values():
            ids_tj[cle] = identifiant
            continue
        ids_tj[cle] = identifiant
        tribunaux.append(_ligne_tribunal(identifiant, NatureTribunal.JUDICIAIRE, siege, SOURCE_TJ, DATE_TJ, CONFIRME, adresses))
    for regle in regles:
        source, date = {
            NatureTribunal.TAE: (SOURCE_TAE, DATE_TAE),
            NatureTribunal.MIXTE_COMMERCE: (SOURCE_TMC, DATE_TJ),
            NatureTribunal.CHAMBRE_COMMERCIALE: (SOURCE_CC, DATE_7_1),
        }.get(regle.nature, (SOURCE_7_1, DATE_7_1))
        if regle.note:
            source = f"{source} ; {regle.note}"
        tribunaux.append(_ligne_tribunal(regle.id, regle.nature, regle.siege, source, date, regle.statut, adresses))

    lignes_communes: list[list[str]] = []
    methodes: Counter[str] = Counter()
    par_insee: dict[str, list[str]] = {}
    for commune in sorted(communes, key=lambda c: str(c["code"])):
        code, dept = str(commune["code"]), str(commune["departement"])
        etiquette = etiquettes.get(code)
        tj = ids_tj[f"{dept}/{etiquette.tj}"] if etiquette else ""
        commerce = placer_commerce(dept, etiquette, regles)
        methode = etiquette.methode if etiquette else "non placée"
        methodes[methode.split(" (")[0]] += 1
        ligne = [code, str(commune["nom"]), " ".join(commune.get("codesPostaux", [])), dept, tj, commerce,  # type: ignore[arg-type]
                 methode]
        par_insee[code] = ligne
        lignes_communes.append(ligne)
    for arrondissement in sorted(arrondissements, key=lambda c: str(c["code"])):
        parent = par_insee[str(arrondissement["commune"])]
        lignes_communes.append([
            str(arrondissement["code"]), str(arrondissement["nom"]), " ".join(arrondissement.get("codesPostaux", [])),  # type: ignore[arg-type]
            str(arrondissement["departement"]), parent[4], parent[5], f"arrondissement de {parent[1]} : {parent[6]}",
        ])

    SORTIE.mkdir(parents=True, exist_ok=True)
    ecrire_csv(SORTIE / "tribunaux.csv", COLONNES_TRIBUNAUX, tribunaux)
    ecrire_csv(SORTIE / "communes.csv", COLONNES_COMMUNES, lignes_communes)

    total = len(communes)
    avec_tj = sum(1 for c in communes if str(c["code"]) in etiquettes)
    avec_commerce = sum(1 for l in lignes_communes[:total] if l[5])
    print(f"{len(tribunaux)} juridictions, {total} communes (+ {len(arrondissements)} arrondissements municipaux)")
    print(f"TJ placé : {avec_tj}/{total} ({100 * avec_tj / total:.2f} %) ; "
          f"juridiction commerciale placée : {avec_commerce}/{total} ({100 * avec_commerce / total:.2f} %)")
    for methode, nombre in methodes.most_common():
        print(f"  {nombre:6d}  {methode}")
    print(f"{len(introuvables)} noms de l'extrait sans commune unique (communes fusionnées ou renommées) :")
    for ligne in introuvables[:40]:
        print("   ", ligne)
    return 0


def _ligne_tribunal(identifiant: str, nature: NatureTribunal, siege: str, source: str, date: str, statut: str,
                    adresses: dict[str, list[str]]) -> list[str]:
    adresse, code_postal, ville = "", "", ""
    if identifiant in adresses:
        adresse, code_postal, ville = adresses[identifiant]
        source = f"{source} ; {SOURCE_ADRESSE}"
        statut = A_CONFIRMER
    return [identifiant, nature.value, nom_tribunal(nature, siege, identifiant), siege, adresse, code_postal, ville, "",
            source, date, statut]


if __name__ == "__main__":
    sys.exit(main(sys.argv))
