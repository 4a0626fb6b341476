"""Which column is which, said once per accounting software (docs/import-balance.md).

When an aged balance names its columns in a way COLONNES does not know ("N° doc", "Solde
TTC"…), the user says which column is which; the choice is kept in the data folder under
the *signature* of the file's header (the normalised header row, hashed), so the next
export of the same software, same headers in the same order with other data, is read
without asking. Pure: storage/correspondances.py keeps the files, the service joins both.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from recouvrement_tui.domain.erreurs import ErreurSaisie, ErreursSaisie
from recouvrement_tui.exchange.lecture_balance import (
    COLONNES,
    COLONNES_MONTANT,
    OBLIGATOIRES,
    colonnes_de,
    detecter_entete,
)

# Every logical column, as the user reads it in the form and in messages.
LIBELLES: dict[str, str] = {
    "client": "Client (raison sociale)",
    "numero": "N° de facture",
    "date_facture": "Date de facture",
    "date_echeance": "Échéance",
    "reste": "Reste dû",
    "montant_ttc": "Montant TTC",
    "siren": "SIREN ou SIRET",
    "objet": "Objet (libellé)",
    "adresse1": "Adresse",
    "adresse2": "Complément d'adresse",
    "code_postal": "Code postal",
    "ville": "Ville",
    "pays": "Pays",
    "email": "E-mail",
    "telephone": "Téléphone",
}
# What the form asks: the required columns, the amounts, then the useful optional ones.
PROPOSEES = ("client", "numero", "date_facture", "date_echeance", "reste", "montant_ttc", "siren", "objet",
             "adresse1", "code_postal", "ville", "email", "telephone")  # fmt: skip

LONGUEUR_MAX_ENTETE = 200  # one header's text; a longer one is not a column name
_SIGNATURE = re.compile(r"[0-9a-f]{32}")


def signature(entete: Sequence[str]) -> str:
    """32 hexadecimal digits naming a header row: the same for every export with the same
    headers in the same order (case, spacing, Unicode form and trailing empty cells aside)."""
    cellules = [" ".join(unicodedata.normalize("NFC", c).casefold().split()) for c in entete]
    while cellules and not cellules[-1]:
        cellules.pop()
    return hashlib.sha256("\x1f".join(cellules).encode("utf-8")).hexdigest()[:32]


def est_signature(texte: str) -> bool:
    return bool(_SIGNATURE.fullmatch(texte))


@dataclass(frozen=True)
class Correspondance:
    """The user's choice for one software's exports: logical column -> header as written in
    the file, or None ("this file has no such column"). Columns not named keep their known
    names (COLONNES)."""

    signature: str
    colonnes: Mapping[str, str | None]

    def __post_init__(self) -> None:
        object.__setattr__(self, "colonnes", dict(self.colonnes))  # a private copy


def entete_du_texte(texte: str) -> tuple[str, ...] | None:
    """The header row whose signature identifies the file's software (None: no header)."""
    return detecter_entete(texte)


def reconnues(entete: Sequence[str], correspondance: Mapping[str, str | None] | None = None) -> dict[str, str]:
    """Logical column -> header, as the file would be read: to prefill the form."""
    return {cle: entete[i] for cle, i in colonnes_de(entete, correspondance).items()}


def choisir(entete: Sequence[str], choix: Mapping[str, str] | Iterable[tuple[str, str]]) -> Correspondance:
    """The user's choices checked against the file's header; ErreursSaisie with every problem.

    `choix`: logical column -> header ("" for "— aucune —"), from the form, or (column,
    header) pairs from the command line. Each logical column is named at most once, each
    header serves one column, and with the known names the required columns are all there.
    """
    paires = list(choix.items()) if isinstance(choix, Mapping) else list(choix)
    disponibles = [c for c in entete if c]
    liste = " ; ".join(f"« {c} »" for c in disponibles) or "aucune"
    erreurs: list[ErreurSaisie] = []
    colonnes: dict[str, str | None] = {}
    pour_entete: dict[str, str] = {}
    for cle, nom in paires:
        cle, nom = str(cle).strip(), str(nom if nom is not None else "").strip()
        if cle not in COLONNES:
            connues = ", ".join(COLONNES)
            erreurs.append(ErreurSaisie("colonnes", f"« {cle[:40]} » n'est pas une donnée de la balance ; "
                                                    f"elles sont : {connues}."))
            continue
        if cle in colonnes:
            erreurs.append(ErreurSaisie(cle, f"{LIBELLES[cle]} : une seule colonne, choisie une seule fois."))
            continue
        if not nom:
            colonnes[cle] = None
            continue
        if nom not in disponibles:
            erreurs.append(ErreurSaisie(cle, f"{LIBELLES[cle]} : « {nom[:LONGUEUR_MAX_ENTETE]} » n'est pas une colonne "
                                             f"de ce fichier. Colonnes du fichier : {liste}."))
            continue
        if len(nom) > LONGUEUR_MAX_ENTETE:
            erreurs.append(ErreurSaisie(cle, f"{LIBELLES[cle]} : ce nom de colonne dépasse {LONGUEUR_MAX_ENTETE} "
                                             "caractères ; renommez la colonne dans le fichier."))
            continue
        if nom in pour_entete:
            autre = LIBELLES[pour_entete[nom]]
            erreurs.append(ErreurSaisie(cle, f"{LIBELLES[cle]} : la colonne « {nom} » est déjà choisie pour "
                                             f"« {autre} » ; une colonne ne sert qu'à une donnée."))
            continue
        colonnes[cle], pour_entete[nom] = nom, cle
    if not erreurs:
        erreurs = _manquantes(entete, colonnes)
    if erreurs:
        raise ErreursSaisie(erreurs)
    return Correspondance(signature(entete), colonnes)


def _manquantes(entete: Sequence[str], colonnes: Mapping[str, str | None]) -> list[ErreurSaisie]:
    lues = colonnes_de(entete, colonnes)
    erreurs = [
        ErreurSaisie(cle, f"{LIBELLES[cle]} : choisissez la colonne du fichier qui la contient (obligatoire).")
        for cle in OBLIGATOIRES
        if cle not in lues
    ]
    if not any(cle in lues for cle in COLONNES_MONTANT):
        erreurs.append(ErreurSaisie("reste", "Reste dû ou Montant TTC : choisissez au moins l'une des deux colonnes "
                                             "(le reste dû, s'il y est, est le montant réclamé)."))
    return erreurs


def depuis_donnees(attendue: str, donnees: object) -> Correspondance:
    """A correspondence read back from the data folder (hostile until checked): ValueError,
    whose text is French, when it is not one this application wrote for `attendue`."""
    if not isinstance(donnees, dict):
        raise ValueError("ce n'est pas un objet JSON { … }")
    if donnees.get("signature") != attendue:
        raise ValueError("sa signature ne correspond pas au nom du fichier")
    colonnes = donnees.get("colonnes")
    if not isinstance(colonnes, dict) or not colonnes or len(colonnes) > len(COLONNES):
        raise ValueError("la liste « colonnes » manque ou est mal formée")
    lues: dict[str, str | None] = {}
    for cle, nom in colonnes.items():
        if cle not in COLONNES:
            raise ValueError(f"« {str(cle)[:40]} » n'est pas une donnée de la balance")
        if nom is not None and (not isinstance(nom, str) or not nom or len(nom) > LONGUEUR_MAX_ENTETE):
            raise ValueError(f"la colonne choisie pour « {LIBELLES[cle]} » est mal formée")
        lues[cle] = nom
    return Correspondance(attendue, lues)


def vers_donnees(correspondance: Correspondance, entete: Sequence[str], *, auteur: str, quand: str) -> dict:
    """What storage writes: the choices, and for whoever opens the file the header itself."""
    return {
        "version": 1,
        "signature": correspondance.signature,
        "entete": [c[:LONGUEUR_MAX_ENTETE] for c in entete],
        "colonnes": dict(correspondance.colonnes),
        "enregistre_par": auteur,
        "enregistre_le": quand,
    }
