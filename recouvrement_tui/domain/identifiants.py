"""SIREN and SIRET: normalised and checked (Luhn, and La Poste's SIRET exception)."""

from __future__ import annotations

import re

from recouvrement_tui.domain.erreurs import ErreurSaisie


def _chiffres(texte: str) -> str:
    return re.sub(r"[\s.\-\u00a0\u202f]", "", texte or "")


def lire_siren(texte: str, champ: str = "siren", *, obligatoire: bool = False) -> str:
    """Return the 9-digit SIREN, or "" if left empty and not required."""
    brut = _chiffres(texte)
    if not brut:
        if obligatoire:
            raise ErreurSaisie(champ, "Indiquez le SIREN (9 chiffres), visible sur l'extrait Kbis ou societe.com.")
        return ""
    if not brut.isdigit() or len(brut) != 9:
        raise ErreurSaisie(champ, f"Un SIREN compte 9 chiffres ; « {texte.strip()} » en a {len(brut)} ou contient autre chose.")
    from stdnum.fr import siren  # here, not at import: stdnum brings ssl and pydoc (30 ms of every start-up)

    if not siren.is_valid(brut):
        raise ErreurSaisie(champ, f"Le SIREN {brut} est invalide (clé de contrôle fausse) : vérifiez une faute de frappe.")
    return brut


def lire_siret(texte: str, champ: str = "siret") -> str:
    """Return the 14-digit SIRET, or "" if left empty."""
    brut = _chiffres(texte)
    if not brut:
        return ""
    if not brut.isdigit() or len(brut) != 14:
        raise ErreurSaisie(champ, f"Un SIRET compte 14 chiffres ; « {texte.strip()} » en a {len(brut)} ou contient autre chose.")
    from stdnum.fr import siret

    if not siret.is_valid(brut):
        raise ErreurSaisie(champ, f"Le SIRET {brut} est invalide (clé de contrôle fausse) : vérifiez une faute de frappe.")
    return brut


def formater_siret(siret: str) -> str:
    """"732 829 320 00074": SIREN groups, then the establishment's NIC."""
    return f"{formater_siren(siret[:9])} {siret[9:]}" if len(siret) == 14 else siret


def formater_siren(siren: str) -> str:
    """"732 829 320": how a SIREN is printed on French letters."""
    return f"{siren[:3]} {siren[3:6]} {siren[6:]}" if len(siren) == 9 else siren
