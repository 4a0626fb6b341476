"""The court a filing names: recorded on a route, else the directory's court of the debtor's commune,
with its address, and its forms ("le tribunal …", "Président du …")."""

from __future__ import annotations

import re

from recouvrement_tui.domain.juridiction import Juridiction, juridiction_injonction
from recouvrement_tui.domain.model import Dossier
from recouvrement_tui.domain.procedure import juridiction_enregistree


def juridiction_du_dossier(dossier: Dossier, competente: Juridiction | None) -> dict:
    """The court: as recorded on a judicial stage, else the one the court directory names for the
    debtor's commune (`competente`); its address when the directory knows it.

    (The court of a procédure collective is another matter: procedure.tribunal_procedure_collective.)
    """
    suggeree = competente or juridiction_injonction(dossier.debiteur)
    enregistree = juridiction_enregistree(dossier.passages)
    nature = suggeree.nature
    nom = enregistree or suggeree.nom
    tribunal, president = _formes_du_tribunal(nom)
    connu = suggeree.tribunal if suggeree.tribunal and (not enregistree or _meme_nom(enregistree, suggeree.tribunal.nom)) else None
    return {
        "adresse": ", ".join(connu.adresse_complete) if connu else "",
        "adresse_a_confirmer": bool(connu and connu.a_confirmer),
        "nom": nom,
        "tribunal": tribunal,
        "president": president,
        "nature": nature,
        "formulaire": suggeree.formulaire,
        "commerciale": nature.commerciale,
        "article_refere": nature.article_refere,
        "article_placement": nature.article_placement,
    }


def _meme_nom(a: str, b: str) -> bool:
    """The same court, whatever the case or a leading "Président du"."""
    def simple(x: str) -> str:
        x = x.casefold().strip()
        for prefixe in ("président du ", "président de la "):
            x = x.removeprefix(prefixe)
        return x
    return simple(a) == simple(b)


def _formes_du_tribunal(nom: str) -> tuple[str, str]:
    """("le tribunal de commerce de Lyon", "Président du tribunal de commerce de Lyon") from either
    the suggestion ("Président du …") or what the user typed ("Tribunal de commerce de Lyon")."""
    bas = nom.casefold()
    for prefixe, article in (("président du ", "le "), ("président de la ", "la ")):
        if bas.startswith(prefixe):
            return article + nom[len(prefixe):], nom
    base = nom[:1].lower() + nom[1:]
    if bas.startswith("chambre"):
        return "la " + base, "Président de la " + base
    return "le " + base, "Président du " + base


def juridiction_des_actes(juridiction: dict) -> dict:
    """The court with what a filing prints: its address (the court directory fills it; "" meanwhile)
    and the official form's name without the internal note "(version à confirmer)"."""
    formulaire = re.sub(r"\s*\([^)]*confirmer[^)]*\)", "", juridiction.get("formulaire") or "").strip()
    return {"adresse": "", **juridiction, "formulaire_acte": formulaire}
