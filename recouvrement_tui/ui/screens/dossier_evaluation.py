"""The dossier screen's Évaluation actions: assess the routes, edit the assumptions.

A mixin of EcranDossier, like dossier_documents: it uses the screen's `dossier`.
The évaluation is computed when its tab is shown, not on every redraw of the dossier.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from recouvrement_tui.domain.evaluation import Route
from recouvrement_tui.services.erreurs import ErreurStockage, TauxIllisibles, TauxInconnu
from recouvrement_tui.system.incidents import consigner
from recouvrement_tui.ui.widgets.formulaire import Champ, Formulaire, Section
from recouvrement_tui.ui.widgets.onglet_evaluation import OngletEvaluation

if TYPE_CHECKING:  # for mypy, the mixin is what it mixes into: a Screen with these attributes
    from textual.screen import Screen

    from recouvrement_tui.domain.model import Dossier
    from recouvrement_tui.ui.app import RecouvrementApp

    _Ecran = Screen[None]
else:
    _Ecran = object

_VOIES = tuple((route.value, route.libelle) for route in Route)  # the domain names the routes
_PROPORTION = "proportion de 0 à 1"

SECTIONS_HYPOTHESES = [
    Section("Chances de recouvrement selon l'ancienneté de la dette (FIGEC 2015)", (
        Champ("chances_3", "Jusqu'à 3 mois", aide=_PROPORTION),
        Champ("chances_6", "De 3 à 6 mois", aide=_PROPORTION),
        Champ("chances_12", "De 6 à 12 mois", aide=_PROPORTION),
        Champ("chances_plus", "Au-delà d'un an", aide=_PROPORTION),
    )),
    Section("Facteur de chances par voie", tuple(Champ(f"facteur_{cle}", libelle, aide=_PROPORTION) for cle, libelle in _VOIES)),
    Section("Ce qui réduit les chances", (
        Champ("facteur_litige", "Contestation ouverte", aide=_PROPORTION),
        Champ("facteur_insolvabilite", "Signes d'insolvabilité", aide=_PROPORTION),
        Champ("facteur_etranger", "Débiteur à l'étranger", aide=_PROPORTION),
    )),
    Section("Durée attendue (jours)", tuple(Champ(f"duree_{cle}", libelle, aide="jours") for cle, libelle in _VOIES)),
    Section("Autres hypothèses", (
        Champ("taux_opposition", "Part des injonctions frappées d'opposition", aide=_PROPORTION),
        Champ("part_article_700", "Part des honoraires d'avocat accordée (art. 700)", aide=_PROPORTION),
        Champ("cout_du_temps_annuel", "Coût d'une année d'attente", aide=_PROPORTION),
        Champ("alerte_prescription_jours", "Alerter avant la prescription (jours)", aide="jours"),
    )),
]


class ActionsEvaluation(_Ecran):
    if TYPE_CHECKING:  # provided by EcranDossier
        app: RecouvrementApp
        dossier: Dossier

    insolvabilite: bool = False

    def afficher_evaluation(self) -> None:
        onglet = self.query_one(OngletEvaluation)
        try:
            evaluation = self.app.service.evaluer(self.dossier, self.app.aujourdhui(), insolvabilite=self.insolvabilite)
        except (TauxInconnu, TauxIllisibles, ErreurStockage) as erreur:
            onglet.afficher(None, str(erreur))
            return
        except Exception as erreur:  # noqa: BLE001 - the dossier must stay usable
            onglet.afficher(None, consigner(erreur))
            return
        onglet.afficher(evaluation, insolvabilite=self.insolvabilite)

    def action_hypotheses(self) -> None:
        service = self.app.service
        try:
            valeurs = service.hypotheses_saisie()
        except ErreurStockage as erreur:
            self.notify(str(erreur), severity="error", timeout=15)
            return
        except Exception as erreur:  # noqa: BLE001 - never a traceback in front of the user
            self.notify(consigner(erreur), severity="error", timeout=15)
            return

        def enregistre(resultat) -> None:
            if resultat is not None:
                self.afficher_evaluation()
                self.notify("Hypothèses enregistrées (hypotheses.json du dossier de données).")

        self.app.push_screen(
            Formulaire("Hypothèses de l'évaluation", SECTIONS_HYPOTHESES, valeurs, service.enregistrer_hypotheses),
            enregistre,
        )

    def action_insolvabilite(self) -> None:
        self.insolvabilite = not self.insolvabilite
        self.afficher_evaluation()
        etat = "pris en compte" if self.insolvabilite else "ignorés"
        self.notify(f"Signes d'insolvabilité {etat} pour cette évaluation.")
