"""Requête en injonction de payer au président du tribunal de commerce, du tribunal des activités
économiques ou de la chambre commerciale du tribunal judiciaire (Alsace-Moselle).

Each part answers a requirement listed in docs/modeles-actes.md (art. 1405 ff. CPC).
"""

from __future__ import annotations

from outils.modeles._actes import requete


def requete_injonction_commerce():
    return requete(judiciaire=False)
