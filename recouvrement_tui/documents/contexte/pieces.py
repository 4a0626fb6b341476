"""The bordereau de pièces: invoices, letters sent, the décompte, then the files attached."""

from __future__ import annotations

import datetime as dt

from recouvrement_tui.domain.etapes import Etape
from recouvrement_tui.domain.formatage import (
    date_courte,
    montant,
)
from recouvrement_tui.domain.model import Dossier
from recouvrement_tui.domain.texte import sans_accents


def liste_des_pieces(dossier: Dossier, jointes: tuple[str, ...], au: dt.date | None = None) -> list[dict]:
    """The bordereau: invoices, reminders sent, the mise en demeure, the décompte (a pièce of every
    filing, art. 1407 CPC: listed once, unless a file attached by hand already is one), then attached files."""
    libelles = [
        f"Facture n° {c.numero} du {date_courte(c.date_facture)} ({montant(c.montant_ttc)} TTC)"
        for c in sorted(dossier.creances, key=lambda c: (c.date_facture, c.numero))
    ]
    for passage in dossier.passages:
        if passage.vers in (Etape.RELANCE_AMIABLE, Etape.RELANCE_FERME):
            libelles.append(f"Lettre de relance du {date_courte(passage.date)}")
        if passage.vers is Etape.MISE_EN_DEMEURE:
            lrar = passage.faits.get("numero_lrar")
            libelles.append(
                f"Mise en demeure du {date_courte(passage.date)}"
                + (f", lettre recommandée n° {lrar}, et son avis de réception" if lrar else " et son avis de réception")
            )
    deja = any("decompte" in sans_accents(nom).casefold() for nom in jointes) or any(
        "decompte" in sans_accents(p.description).casefold() for p in dossier.pieces if p.fichier in jointes)
    if au is not None and not deja:
        libelles.append(f"Décompte de la créance arrêté au {date_courte(au)}")
    entrees = [{"libelle": libelle, "fichier": ""} for libelle in libelles]
    # Attached files: those recorded with a type and date, in the order attached, then any
    # file put into pieces/ by hand.
    connues = {p.fichier for p in dossier.pieces}
    entrees += [{"libelle": f"{p.libelle} ({p.fichier})", "fichier": p.fichier} for p in dossier.pieces
                if p.fichier in jointes]
    entrees += [{"libelle": f"Pièce jointe au dossier : {nom}", "fichier": nom} for nom in jointes if nom not in connues]
    return [{"numero": rang, **entree} for rang, entree in enumerate(entrees, start=1)]
