"""Is a route worth its cost against this debt? Cost, expected recovery, time and risks per route.

The model is deliberately simple and entirely visible (Hypotheses, editable by the user):
- the sum at stake is what is already due (décompte: principal, interest, indemnities);
- the chance of recovering it starts from the age of the debt (FIGEC: ~75 % at three months,
  under 20 % after a year), times a factor per route, lowered by an open dispute, signs of
  insolvency or a debtor abroad;
- costs are the shipped tariff (bareme.Tarifs), each with its source; a cost marked
  `si_recouvre` (the commissaire de justice's proportional fee) is only paid on what is
  recovered, so it counts at the same odds;
- sums a court may put on the debtor (dépens, an art. 700 expectation) come back at the same
  odds; the debtor's own proportional fee (A444-31) is shown, never counted for the creditor.
- waiting costs too (Hypotheses.cout_du_temps_annuel): the value of what is recovered shrinks
  with the route's expected duration.
Expected net = expected recovery − expected cost − cost of waiting. The recommendation is the best positive net,
the quicker route on a tie; "stop" when every route costs more than it can bring back.

Whether a route may be taken is not decided here: the legal guard (domain.garde) answers for each
route's act — a refused route is shown with its reason, a warned one carries the warning. This
module keeps costs, odds and durations. A route already engaged (the dossier is at its stage)
counts only what remains to be spent ("reste à engager"): a greffe fee paid, an assignation
served, an enrolment done are shown, not counted; the dépens among them may still come back.
A public-sector debtor is assessed on the administrative routes (référé-provision before the
tribunal administratif, then mandatement d'office), with no commissaire de justice fee.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from recouvrement_tui.domain.bareme import Tarifs
from recouvrement_tui.domain.dates import plus_mois
from recouvrement_tui.domain.decompte import Decompte
from recouvrement_tui.domain.etapes import Etape
from recouvrement_tui.domain.formatage import date_courte, montant
from recouvrement_tui.domain.garde import Acte, Avis, Etat, Verdict, avis_acte
from recouvrement_tui.domain.juridiction import Juridiction
from recouvrement_tui.domain.model import Creance, Dossier, Localisation
from recouvrement_tui.domain.money import ZERO, arrondir
from recouvrement_tui.domain.procedure import Passage, avocat_obligatoire

UN = Decimal(1)


class Route(StrEnum):
    AMIABLE = "amiable"
    PETITES_CREANCES = "petites_creances"
    INJONCTION_DE_PAYER = "injonction_de_payer"
    REFERE_PROVISION = "refere_provision"
    ASSIGNATION_AU_FOND = "assignation_au_fond"
    REFERE_ADMINISTRATIF = "refere_administratif"  # public debtor: R541-1 CJA
    MANDATEMENT_OFFICE = "mandatement_office"  # public debtor: loi 80-539, after a decision
    DECLARATION_DE_CREANCE = "declaration_de_creance"

    @property
    def libelle(self) -> str:
        return {
            Route.AMIABLE: "Poursuivre à l'amiable",
            Route.PETITES_CREANCES: "Petites créances",
            Route.INJONCTION_DE_PAYER: "Injonction de payer",
            Route.REFERE_PROVISION: "Référé-provision",
            Route.ASSIGNATION_AU_FOND: "Assignation au fond",
            Route.REFERE_ADMINISTRATIF: "Référé-provision (TA)",
            Route.MANDATEMENT_OFFICE: "Mandatement d'office",
            Route.DECLARATION_DE_CREANCE: "Déclaration de créance",
        }[self]


# The routes assessed for a debtor: a public person's debts go to the administrative judge.
VOIES_PRIVEES = (Route.AMIABLE, Route.PETITES_CREANCES, Route.INJONCTION_DE_PAYER, Route.REFERE_PROVISION,
                 Route.ASSIGNATION_AU_FOND, Route.DECLARATION_DE_CREANCE)
VOIES_PUBLIQUES = (Route.AMIABLE, Route.REFERE_ADMINISTRATIF, Route.MANDATEMENT_OFFICE)

# The act each route amounts to, for the guard (the amicable route: see _acte).
_ACTE_DE_LA_ROUTE = {
    Route.PETITES_CREANCES: Acte.PETITES_CREANCES,
    Route.INJONCTION_DE_PAYER: Acte.INJONCTION,
    Route.REFERE_PROVISION: Acte.REFERE,
    Route.ASSIGNATION_AU_FOND: Acte.FOND,
    Route.REFERE_ADMINISTRATIF: Acte.REFERE_ADMINISTRATIF,
    Route.MANDATEMENT_OFFICE: Acte.MANDATEMENT_OFFICE,
    Route.DECLARATION_DE_CREANCE: Acte.DECLARATION_CREANCE,
}
# The stage a dossier is at once the route is engaged.
_ETAPE_DE_LA_ROUTE = {
    Route.PETITES_CREANCES: Etape.PETITES_CREANCES,
    Route.INJONCTION_DE_PAYER: Etape.INJONCTION_DE_PAYER,
    Route.REFERE_PROVISION: Etape.REFERE_PROVISION,
    Route.ASSIGNATION_AU_FOND: Etape.ASSIGNATION_AU_FOND,
    Route.REFERE_ADMINISTRATIF: Etape.REFERE_PROVISION,
}


def voies(dossier: Dossier) -> tuple[Route, ...]:
    return VOIES_PUBLIQUES if dossier.debiteur.secteur_public else VOIES_PRIVEES


def _acte(route: Route, dossier: Dossier) -> Acte:
    if route is Route.AMIABLE:  # a mise en demeure first, then relances
        return Acte.RELANCE_FERME if dossier.conditions.date_mise_en_demeure else Acte.MISE_EN_DEMEURE
    return _ACTE_DE_LA_ROUTE[route]


@dataclass(frozen=True)
class Hypotheses:
    chances_par_anciennete: tuple[tuple[int | None, Decimal], ...]  # (up to N months, odds)
    chances_source: str
    facteur_voie: dict[Route, Decimal]
    facteur_litige: Decimal
    facteur_insolvabilite: Decimal
    facteur_etranger: Decimal
    duree_jours: dict[Route, int]
    taux_opposition: Decimal  # share of injonctions met by an opposition
    part_article_700: Decimal  # share of the lawyer's fee a judge is expected to award
    alerte_prescription_jours: int
    cout_du_temps_annuel: Decimal = Decimal("0.10")  # value lost per year of waiting

    def chances_de_base(self, mois: int) -> Decimal:
        for jusqua, chances in self.chances_par_anciennete:
            if jusqua is None or mois <= jusqua:
                return chances
        return self.chances_par_anciennete[-1][1]


@dataclass(frozen=True)
class Cout:
    libelle: str
    montant: Decimal
    source: str = ""
    a_confirmer: bool = False
    recuperable: bool = False  # dépens: a court may put it on the debtor
    si_recouvre: bool = False  # paid only on what is recovered
    article_700: bool = False  # the sum a judge is expected to award (art. 700 CPC, L761-1 CJA)


@dataclass(frozen=True)
class RouteEvaluee:
    route: Route
    possible: bool
    raison: str = ""  # why not possible: the guard's reasons
    juridiction: str = ""
    couts: tuple[Cout, ...] = ()  # what remains to be spent ("reste à engager" once engaged)
    deja_engages: tuple[Cout, ...] = ()  # spent on the route already engaged: shown, not counted
    a_charge_du_debiteur: tuple[Cout, ...] = ()  # art. 700 expectation, A444-31 fee
    probabilite: Decimal = ZERO
    cout_attendu: Decimal = ZERO
    recuperation_attendue: Decimal = ZERO
    cout_du_delai: Decimal = ZERO  # what waiting `duree_jours` costs (Hypotheses.cout_du_temps_annuel)
    duree_jours: int = 0
    avertissements: tuple[str, ...] = ()
    engagee: bool = False  # the dossier is at this route's stage

    @property
    def net_attendu(self) -> Decimal:
        return self.recuperation_attendue - self.cout_attendu - self.cout_du_delai

    @property
    def cout_total(self) -> Decimal:
        """Every cost still to spend if the route runs its course (proportional fee on the whole sum)."""
        return sum((c.montant for c in self.couts), ZERO)


@dataclass(frozen=True)
class Evaluation:
    au: dt.date
    montant_du: Decimal  # already due: principal, interest, indemnities
    anciennete_mois: int
    chances_de_base: Decimal
    routes: tuple[RouteEvaluee, ...]
    recommandation: Route | None  # None: stop, or nothing to assess
    raisons: tuple[str, ...]
    hypotheses_appliquees: tuple[str, ...] = field(default_factory=tuple)
    titre_obtenu: bool = False  # the dossier holds an enforceable title: what remains is enforcing it
    execution_engagee: bool = False  # … and a commissaire de justice already enforces it

    @property
    def conseil(self) -> str:
        """The recommendation in a few words, as the screen and the CLI head it."""
        if self.recommandation is not None:
            return self.recommandation.libelle
        if self.execution_engagee:
            return "Suivre l'exécution du titre avec le commissaire de justice"
        if self.titre_obtenu:
            # No route to a title is left to weigh because the title is there: stopping would be
            # the wrong advice (art. L111-2 and L111-3 CPCE: a title is what enforcement needs).
            return "Faire exécuter le titre par un commissaire de justice"
        return "Arrêter ou ne rien engager"

    def route(self, route: Route) -> RouteEvaluee:
        return next(r for r in self.routes if r.route is route)

    def part_de_la_dette(self, r: RouteEvaluee) -> Decimal | None:
        return (r.cout_attendu / self.montant_du * 100).quantize(Decimal("0.1")) if self.montant_du else None


def evaluer(
    garde: Etat,
    decompte: Decompte,
    tarifs: Tarifs,
    hypotheses: Hypotheses,
    *,
    insolvabilite: bool = False,
) -> Evaluation:
    """The routes open to the dossier `garde` reads (the guard's Etat, at its date), each asked of
    the guard, with their cost, odds and duration."""
    dossier, au = garde.dossier, garde.au
    du = decompte.total_exigible
    plus_ancienne = min((c.creance.date_echeance for c in decompte.creances_echues), default=au)
    mois = _mois_entre(plus_ancienne, au)
    base = hypotheses.chances_de_base(mois)
    litige = dossier.etape is Etape.LITIGE
    etranger = dossier.debiteur.localisation is Localisation.ETRANGER
    facteur, appliquees = UN, [
        f"Chances de base à {mois} mois d'ancienneté : {_pc(base)} ({hypotheses.chances_source}).",
        f"Coût du délai : {_pc(hypotheses.cout_du_temps_annuel)} par an d'attente de ce qui sera recouvré.",
    ]
    if litige:
        facteur *= hypotheses.facteur_litige
        appliquees.append(f"Contestation ouverte : chances × {hypotheses.facteur_litige}.")
    if insolvabilite:
        facteur *= hypotheses.facteur_insolvabilite
        appliquees.append(f"Signes d'insolvabilité : chances × {hypotheses.facteur_insolvabilite}.")
    if etranger:
        facteur *= hypotheses.facteur_etranger
        appliquees.append(f"Débiteur à l'étranger : chances × {hypotheses.facteur_etranger}.")
    calcul = _Calcul(dossier, garde.tribunal, tarifs, hypotheses, au, du, base * facteur)
    routes = tuple(calcul.route(r, avis_acte(garde, _acte(r, dossier))) for r in voies(dossier))
    recommandation, raisons = _recommander(routes)
    chaine = dossier.etape_de_la_chaine
    return Evaluation(au, du, mois, base, routes, recommandation, tuple(raisons), tuple(appliquees),
                      chaine in (Etape.TITRE_EXECUTOIRE, Etape.EXECUTION), chaine is Etape.EXECUTION)


def _mois_entre(debut: dt.date, fin: dt.date) -> int:
    mois = (fin.year - debut.year) * 12 + fin.month - debut.month
    return max(mois - (1 if fin.day < debut.day else 0), 0)


def _pc(x: Decimal) -> str:
    return f"{(x * 100).quantize(Decimal('1'))} %"


class _Calcul:
    def __init__(self, dossier: Dossier, juridiction: Juridiction, tarifs: Tarifs, h: Hypotheses, au: dt.date,
                 du: Decimal, chances: Decimal) -> None:
        self.dossier, self.tarifs, self.h, self.au, self.du, self.chances = dossier, tarifs, h, au, du, chances
        # The court the guard read: the directory's exact court when the service gave it one.
        self.juridiction = juridiction
        self.commerciale = self.juridiction.nature.consulaire
        self.prescription = _alerte_prescription(dossier, au, h.alerte_prescription_jours)

    def _poste(self, cle: str, **options: bool) -> Cout:
        p = self.tarifs.poste(cle)
        return Cout(p.libelle, p.montant, p.source, p.a_confirmer, **options)

    def _emolument(self) -> Cout:
        b = self.tarifs.bareme_creancier
        return Cout("Émolument proportionnel du commissaire de justice à la charge du créancier (A444-32)",
                    b.emolument(self.du), b.source, b.a_confirmer, si_recouvre=True)

    def _emolument_debiteur(self) -> Cout:
        b = self.tarifs.bareme_debiteur
        return Cout("Émolument proportionnel à la charge du débiteur (A444-31), pour information",
                    b.emolument(self.du), b.source, b.a_confirmer)

    def _article_700(self, honoraires: str, texte: str) -> Cout:
        attendu = arrondir(self.tarifs.poste(honoraires).montant * self.h.part_article_700)
        return Cout(f"Somme attendue au titre de l'{texte}", attendu,
                    f"{_pc(self.h.part_article_700)} des honoraires d'avocat (hypothèse)", article_700=True)

    def _engagement(self, route: Route) -> tuple[bool, Passage | None]:
        """Whether the dossier is at the route's stage (a pause keeps it), and the move that got there."""
        etape = _ETAPE_DE_LA_ROUTE.get(route)
        d = self.dossier
        courante = d.etape_de_la_chaine
        if etape is None or courante is not etape:
            return False, None
        return True, d.dernier_passage(etape)

    def route(self, route: Route, avis: Avis) -> RouteEvaluee:
        if avis.refuse:
            return RouteEvaluee(route, False, avis.motif, engagee=self._engagement(route)[0])
        engagee, passage = self._engagement(route)
        couts, deja, debiteur, avertissements = self._couts(route, engagee, passage)
        if avis.verdict is Verdict.AVERTI:
            avertissements[:0] = list(avis.raisons)
        probabilite = min(self.chances * self.h.facteur_voie[route], UN).quantize(Decimal("0.001"))
        certains = sum((c.montant for c in couts if not c.si_recouvre), ZERO)
        eventuels = sum((c.montant for c in couts if c.si_recouvre), ZERO)
        # Dépens already paid still come back with the decision: only the spending is sunk.
        rendus = sum((c.montant for c in couts + deja if c.recuperable), ZERO)
        rendus += sum((c.montant for c in debiteur if c.article_700), ZERO)
        cout_attendu = arrondir(certains + eventuels * probabilite)
        recuperation = arrondir((self.du + rendus) * probabilite)
        duree = self.h.duree_jours[route]
        delai = arrondir(recuperation * self.h.cout_du_temps_annuel * duree / 365)
        if self.prescription:
            avertissements.append(self.prescription)
        if a_confirmer := [c.libelle for c in couts if c.a_confirmer]:
            avertissements.append("Montants à confirmer dans tarifs.json : " + " ; ".join(dict.fromkeys(a_confirmer)) + ".")
        return RouteEvaluee(
            route, True, "", self._nom_juridiction(route), tuple(couts), tuple(deja), tuple(debiteur), probabilite,
            cout_attendu, recuperation, delai, duree, tuple(avertissements), engagee,
        )

    def _nom_juridiction(self, route: Route) -> str:
        if route in (Route.AMIABLE, Route.DECLARATION_DE_CREANCE):
            return ""
        if route is Route.PETITES_CREANCES:
            return "commissaire de justice du ressort de la cour d'appel du débiteur"
        if route is Route.MANDATEMENT_OFFICE:
            return "préfet ou autorité de tutelle de la personne publique"
        if self.juridiction.a_determiner:  # the directory could not place the debtor: never a guess
            return f"{self.juridiction.nom} (tribunal exact à déterminer)"
        return self.juridiction.nom

    def _couts(self, route: Route, engagee: bool,
               passage: Passage | None) -> tuple[list[Cout], list[Cout], list[Cout], list[str]]:
        """(still to spend, already spent on the engaged route, at the debtor's charge, warnings)."""
        avocat = avocat_obligatoire(self.du)
        avertissements: list[str] = []
        debiteur: list[Cout] = []
        faits = passage.faits if passage else {}
        signifie = bool(faits.get("date_signification"))
        paye: list[Cout] = []  # spent once the route is engaged
        match route:
            case Route.AMIABLE:
                envois = 1 if self.dossier.conditions.date_mise_en_demeure else 2
                couts = [self._poste("lrar")] * envois
            case Route.DECLARATION_DE_CREANCE:
                couts = [self._poste("lrar")]
                avertissements.append("Les créanciers chirographaires recouvrent rarement plus qu'une faible part "
                                      "de leur créance dans une procédure collective.")
            case Route.PETITES_CREANCES:
                fixe = self._poste("petites_creances_fixe")
                couts, paye = [fixe, self._emolument()], [fixe]  # the commissaire is seized
                avertissements.append("Tous les frais restent à la charge du créancier ; le débiteur a un mois pour "
                                      "accepter ou refuser (R125-1 s. CPCE).")
            case Route.INJONCTION_DE_PAYER:
                greffe = self._poste("greffe_injonction_commerce" if self.commerciale
                                     else "greffe_injonction_judiciaire", recuperable=True)
                signification = self._poste("signification", recuperable=True)
                couts = [greffe, signification, self._emolument()]
                paye = [greffe] + ([signification] if signifie else [])  # the requête is filed
                if avocat:
                    opposition = self.tarifs.poste("avocat_fond").montant * self.h.taux_opposition
                    couts.append(Cout(f"Risque d'opposition ({_pc(self.h.taux_opposition)}) : audience au fond avec "
                                      "avocat obligatoire au-delà de 10 000 €", arrondir(opposition),
                                      "honoraires d'avocat au fond × taux d'opposition"))
                    avertissements.append("En cas d'opposition, l'affaire est jugée au fond et l'avocat est "
                                          "obligatoire au-delà de 10 000 €.")
                debiteur.append(self._emolument_debiteur())
            case Route.REFERE_PROVISION | Route.ASSIGNATION_AU_FOND:
                assignation = self._poste("assignation", recuperable=True)
                placement = self._poste("placement_commerce" if self.commerciale else "placement_judiciaire",
                                        recuperable=True)
                signification = self._poste("signification", recuperable=True)
                couts = [assignation, placement, signification, self._emolument()]
                # The assignation is served once engaged; a RG number means it is enrolled.
                paye = ([assignation] + ([placement] if faits.get("numero_rg") else [])
                        + ([signification] if signifie else []))
                honoraires = "avocat_refere" if route is Route.REFERE_PROVISION else "avocat_fond"
                if avocat:
                    couts.append(self._poste(honoraires))
                    article = "853" if self.commerciale else "761"
                    avertissements.append(f"Avocat obligatoire : plus de 10 000 € en jeu (art. {article} CPC).")
                    debiteur.append(self._article_700(honoraires, "article 700 CPC"))
                debiteur.append(self._emolument_debiteur())
                if (route is Route.ASSIGNATION_AU_FOND and self.juridiction.nature.tentative_prealable_requise(self.du)
                        and not any(p.depuis is Etape.PETITES_CREANCES for p in self.dossier.passages)):
                    avertissements.append("Tribunal judiciaire, 5 000 € au plus : tentative préalable de résolution "
                                          "amiable obligatoire (art. 750-1 CPC), sauf exception.")
            case Route.REFERE_ADMINISTRATIF:
                # No greffe fee, no commissaire: the greffe of the tribunal administratif notifies.
                requete = self._poste("requete_refere_administratif")
                couts, paye = [requete, self._poste("avocat_refere_administratif")], [requete]
                debiteur.append(self._article_700("avocat_refere_administratif", "article L761-1 CJA"))
                avertissements.append("Ministère d'avocat selon R431-2 et R431-3 CJA [à confirmer] : honoraires "
                                      "comptés.")
            case Route.MANDATEMENT_OFFICE:
                couts = [self._poste("mandatement_office"), self._poste("lrar")]
                avertissements.append("Sans frais ni commissaire de justice : la personne publique paie dans les "
                                      "deux mois de la notification de la décision, à défaut le préfet ou l'autorité "
                                      "de tutelle mandate d'office (loi n° 80-539, L1612-16 CGCT).")
            case _:  # pragma: no cover - every Route is handled above
                raise AssertionError(route)
        if self.dossier.debiteur.localisation is Localisation.ETRANGER and route is not Route.AMIABLE:
            avertissements.append("Débiteur à l'étranger : frais de traduction et d'exécution hors de France non "
                                  "comptés.")
        if not engagee:
            return couts, [], debiteur, avertissements
        restants = [c for c in couts if all(c is not x for x in paye)]
        if paye:
            avertissements.insert(0, "Voie engagée : seul le reste à engager est compté ("
                                  + " ; ".join(f"{c.libelle} {montant(c.montant)}" for c in paye)
                                  + " déjà engagés).")
        return restants, paye, debiteur, avertissements


def _alerte_prescription(dossier: Dossier, au: dt.date, jours: int) -> str:
    """A warning when the oldest open invoice is close to prescription (2 or 5 years).

    The period restarts at the last payment, an acknowledgment of the debt (art. 2240 C. civ.);
    a court claim interrupts it (art. 2241), so judicial stages are not warned about.
    """
    if dossier.etape not in (Etape.NOUVEAU, Etape.RELANCE_PREVENTIVE, Etape.RELANCE_AMIABLE, Etape.RELANCE_FERME,
                             Etape.MISE_EN_DEMEURE, Etape.LITIGE, Etape.PROMESSE, Etape.ECHEANCIER):
        return ""
    ouvertes = dossier.creances_ouvertes()
    if not ouvertes:
        return ""
    annees = 2 if dossier.debiteur.est_consommateur else 5

    def fin_de(creance: Creance) -> dt.date:
        # A payment on this invoice, or not assigned to any, acknowledges it (art. 2240 C. civ.).
        depart = max([creance.date_echeance] + [p.date for p in dossier.paiements
                                                if p.creance_id in (None, creance.id)])
        return plus_mois(depart, 12 * annees)

    fin = min(fin_de(c) for c in ouvertes)
    restant = (fin - au).days
    if restant <= jours:
        loi = "L218-2 C. conso." if annees == 2 else "L110-4 C. com. / art. 2224 C. civ."
        etat = "est prescrite depuis le" if restant < 0 else "sera prescrite le"
        return (f"Créance proche de la prescription ({annees} ans, {loi}) : elle {etat} {date_courte(fin)} ; "
                "seule une action en justice l'interrompt (une mise en demeure ne suffit pas).")
    return ""


def _recommander(routes: tuple[RouteEvaluee, ...]) -> tuple[Route | None, list[str]]:
    possibles = [r for r in routes if r.possible]
    if not possibles:
        raison = next((r.raison for r in routes), "").rstrip(".")
        return None, [f"Aucune voie à évaluer : {raison}."]
    meilleure = max(possibles, key=lambda r: (r.net_attendu, -r.duree_jours))
    if meilleure.net_attendu <= 0:
        return None, [
            "Arrêter : chaque voie coûte plus qu'elle ne peut rapporter.",
            *(f"{r.route.libelle} : gain net attendu {montant(r.net_attendu)} (coût {montant(r.cout_attendu)}, délai "
              f"{montant(r.cout_du_delai)}, recouvrement attendu {montant(r.recuperation_attendue)})." for r in possibles),
        ]
    raisons = [
        f"{meilleure.route.libelle} : meilleur gain net attendu, {montant(meilleure.net_attendu)} "
        f"(probabilité {_pc(meilleure.probabilite)}, coût attendu {montant(meilleure.cout_attendu)}, "
        f"environ {meilleure.duree_jours} jours)."
    ]
    for r in possibles:
        if r is not meilleure and r.net_attendu <= 0:
            raisons.append(f"{r.route.libelle} : coûterait plus qu'elle ne rapporterait (gain net attendu "
                           f"{montant(r.net_attendu)} : coût {montant(r.cout_attendu)} et délai "
                           f"{montant(r.cout_du_delai)} pour {montant(r.recuperation_attendue)}).")
    # Routes refused for the same reason (the mise en demeure first, a route engaged) share one line.
    ecartees: dict[str, list[str]] = {}
    for r in routes:
        if not r.possible and r.route is not Route.DECLARATION_DE_CREANCE:
            ecartees.setdefault(r.raison.rstrip("."), []).append(r.route.libelle)
    for raison, libelles in ecartees.items():
        noms = libelles[0] if len(libelles) == 1 else ", ".join(libelles[:-1]) + " et " + libelles[-1]
        raisons.append(f"{noms} écartée{'s' if len(libelles) > 1 else ''} : {raison}.")
    return meilleure.route, raisons
