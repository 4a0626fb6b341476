"""Requête en injonction de payer au président du tribunal judiciaire (créances civiles, consommateurs).

Each part answers a requirement listed in docs/modeles-actes.md (art. 1405 ff. CPC). No
L441-10 penalties nor 40 € indemnity against a consumer: those parts are under `b2b`.
"""

from __future__ import annotations

from outils.modeles._actes import requete


def requete_injonction_judiciaire():
    return requete(judiciaire=True)
