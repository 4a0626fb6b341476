"""Writing a demo to disk: the dossiers, the demo creditor's settings and the list index."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from recouvrement_tui.demo.generateur import generer_dossiers
from recouvrement_tui.demo.identites import creancier_demo
from recouvrement_tui.domain.courriel import ParametresCourriel
from recouvrement_tui.domain.parametres import Parametres
from recouvrement_tui.storage.dossiers import SOUS_DOSSIERS, DepotDossiers
from recouvrement_tui.storage.erreurs import ErreurStockage
from recouvrement_tui.system.horloge import HorlogeFixe, HorlogeSysteme


class DemoImpossible(ErreurStockage):
    """The target folder already holds data: a demo never writes over real dossiers."""


def ecrire_demo(
    racine: Path,
    nombre: int,
    graine: int = 0,
    aujourdhui: dt.date | None = None,
    progression: Callable[[int, int], None] | None = None,
) -> list[str]:
    """Write `nombre` demo dossiers, the demo creditor and the list index into `racine`.

    Refuses (DemoImpossible) a folder that already holds dossiers or settings: demo data
    must never mix with, or overwrite, real data. Returns the references written.
    `progression(fait, total)` is called after each dossier.
    """
    # Imported here so that importing the package for generation alone stays light.
    from recouvrement_tui.domain.resume import resumer_avec_actions
    from recouvrement_tui.storage.index import Index
    from recouvrement_tui.storage.parametres import NOM as PARAMETRES
    from recouvrement_tui.storage.parametres import enregistrer_parametres
    from recouvrement_tui.storage.taux import charger_taux

    racine = Path(racine)
    # A fixed day fixes the files too (the `enregistre_le` stamps fall at noon of that day).
    horloge = HorlogeSysteme() if aujourdhui is None else HorlogeFixe(aujourdhui)
    aujourdhui = horloge.aujourdhui()
    # Demo data is rebuilt at will: no need to wait for the disk.
    depot = DepotDossiers(racine, fsync=False, horloge=horloge)
    if depot.references() or (racine / PARAMETRES).exists():
        raise DemoImpossible(
            f"Le dossier {racine} contient déjà des données : choisissez un dossier vide pour la démonstration."
        )
    racine.mkdir(parents=True, exist_ok=True)
    # A sender, but no server: the demo writes e-mail drafts and never sends anything.
    parametres = Parametres(creancier=creancier_demo(),
                            courriel=ParametresCourriel(expediteur=creancier_demo().email))
    enregistrer_parametres(racine, parametres)
    taux = charger_taux(racine)  # for the dashboard's décompte totals, stopped at the demo's day
    index = Index(depot, parametres.calendrier, taux=lambda: taux, aujourdhui=lambda: aujourdhui)
    references = []
    for fait, dossier in enumerate(generer_dossiers(nombre, graine, aujourdhui), start=1):
        chemin = depot.chemin(dossier.reference)
        chemin.mkdir()
        for nom in SOUS_DOSSIERS:
            (chemin / nom).mkdir()
        enregistre = depot.enregistrer(dossier)
        resume, actions = resumer_avec_actions(enregistre, parametres.calendrier, au=aujourdhui)
        index.mettre_a_jour(resume, actions, index.chiffrer(enregistre, actions))
        references.append(dossier.reference)
        if progression is not None:
            progression(fait, nombre)
    # Writing the list's cache now spares the first launch from reading every dossier.
    index.ecrire()
    return references
