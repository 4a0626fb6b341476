"""The décompte: what the debtor owes at a date, invoice by invoice, as French law says.

- Interest runs day by day at the rate of each day's half-year (interets.lignes_interets),
  from the day after the due date (B2B, contractual, public) or after the mise en demeure
  (legal interest), to the statement or payment date inclusive.
- 40 € indemnité forfaitaire per invoice paid late, against professionals (D441-5 C. com.).
- Payments are processed in date order: interest is brought up to the payment date, then the
  payment is imputed to the invoice the debtor named (art. 1342-10 C. civ.), else to the
  oldest due invoices first; within an invoice to the indemnity, then interest, then
  principal (art. 1343-1). Every imputation is kept, to be shown.
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from recouvrement_tui.domain.conditions import ConditionsDecompte, Regime
from recouvrement_tui.domain.dates import UN_JOUR, plus_mois
from recouvrement_tui.domain.erreurs import ErreurSaisie
from recouvrement_tui.domain.formatage import date_courte, montant
from recouvrement_tui.domain.formatage import taux as format_taux
from recouvrement_tui.domain.imputation import (
    Compte,
    ordre_legal,
    payer,
    repartir,
    reste_du,
)
from recouvrement_tui.domain.interets import (
    Base,
    LigneInterets,
    TauxDuJour,
    lignes_interets,
)
from recouvrement_tui.domain.model import Creance, Dossier, Paiement
from recouvrement_tui.domain.money import ZERO
from recouvrement_tui.domain.taux import LigneTaux, Taux, TauxInconnu, semestre_de

INDEMNITE_FORFAITAIRE = Decimal("40.00")
# L441-10 C. com.: ECB rate + 10 points; R2192-31 Code de la commande publique: ECB + 8 points.
POINTS_AU_DESSUS_BCE = {Regime.B2B: Decimal(10), Regime.PUBLIC: Decimal(8)}
MAJORATION_JUGEMENT = Decimal(5)  # L313-3 CMF
PLANCHER_MULTIPLE = Decimal(3)  # contractual rate ≥ 3 × taux légal (L441-10)


def taux_au_dessus_bce(taux_bce: Decimal, regime: Regime) -> Decimal:
    """The late rate a regime derives from the half-year's ECB rate: 2.15 -> 12.15 (B2B), 10.15 (public).

    B2B: the ECB rate + 10 points (L441-10 C. com.); public buyer: + 8 points (R2192-31 CCP).
    """
    return taux_bce + POINTS_AU_DESSUS_BCE[regime]


def plancher_contractuel(taux_legal: Decimal) -> Decimal:
    """The lowest rate a contract may set: 3 × the taux de l'intérêt légal, "autres cas" (L441-10 C. com.).

    It limits contracts only: it never raises the default rate (DOMAIN.md, B2B).
    """
    return PLANCHER_MULTIPLE * taux_legal


@dataclass(frozen=True)
class Imputation:
    """What part of one payment went where."""

    paiement_id: str
    date: dt.date
    creance_id: str | None  # None: surplus (trop-perçu)
    numero: str
    sur_indemnite: Decimal = ZERO
    sur_interets: Decimal = ZERO
    sur_principal: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.sur_indemnite + self.sur_interets + self.sur_principal


@dataclass(frozen=True)
class DecompteCreance:
    creance: Creance
    regime: Regime
    depart: dt.date | None  # first day of interest (None: interest does not run)
    lignes: tuple[LigneInterets, ...]
    interets_courus: Decimal
    interets_dus: Decimal  # still owed, capitalised interest included
    interets_capitalises: Decimal  # part of interets_dus that bears interest (art. 1343-2)
    indemnite: Decimal  # indemnity claimed (0 or 40)
    indemnite_due: Decimal
    principal_du: Decimal
    echue: bool = True  # False: not yet due at the statement date

    @property
    def total_du(self) -> Decimal:
        return self.principal_du + self.interets_dus + self.indemnite_due


@dataclass(frozen=True)
class Decompte:
    au: dt.date
    creances: tuple[DecompteCreance, ...]
    imputations: tuple[Imputation, ...]
    frais_complementaires: Decimal  # proven costs above the flat indemnities
    trop_percu: Decimal
    avertissements: tuple[str, ...]

    @property
    def lignes(self) -> list[LigneInterets]:
        return [ligne for c in self.creances for ligne in c.lignes]

    @property
    def principal(self) -> Decimal:
        return sum((c.principal_du for c in self.creances), ZERO)

    @property
    def interets_courus(self) -> Decimal:
        return sum((c.interets_courus for c in self.creances), ZERO)

    @property
    def interets(self) -> Decimal:
        return sum((c.interets_dus for c in self.creances), ZERO)

    @property
    def indemnites(self) -> Decimal:
        return sum((c.indemnite_due for c in self.creances), ZERO) + self.frais_complementaires

    @property
    def total(self) -> Decimal:
        return self.principal + self.interets + self.indemnites

    @property
    def creances_echues(self) -> list[DecompteCreance]:
        """Invoices past their due date that still owe something: what can be claimed now."""
        return [c for c in self.creances if c.echue and c.total_du > 0]

    @property
    def total_exigible(self) -> Decimal:
        """What is already due (a mise en demeure or a court claims no more), costs included."""
        echues = self.creances_echues
        return sum((c.total_du for c in echues), ZERO) + (self.frais_complementaires if echues else ZERO)


class _Calcul:
    def __init__(self, conditions: ConditionsDecompte, taux: Taux, *, non_professionnel: bool, public: bool) -> None:
        self.conditions = conditions
        self.taux = taux
        # A consumer or a non-professional legal person: the law of both is the same here.
        self.non_professionnel = non_professionnel
        self.public = public
        self.avertissements: list[str] = []
        self._deja_dits: set[str] = set()
        self.majoration_des = (
            plus_mois(conditions.date_signification_jugement, 2) + UN_JOUR
            if conditions.date_signification_jugement
            else None
        )

    def avertir(self, texte: str) -> None:
        if texte not in self._deja_dits:
            self._deja_dits.add(texte)
            self.avertissements.append(texte)

    # --- which regime and rate -----------------------------------------------------------

    def regime(self, creance: Creance) -> Regime:
        choisi = self.conditions.regime
        if choisi is None:
            if self.non_professionnel:
                return Regime.LEGAL
            if self.public:
                return Regime.PUBLIC
            return Regime.CONTRACTUEL if creance.taux_contractuel is not None else Regime.B2B
        if self.non_professionnel and choisi is not Regime.LEGAL:
            self.avertir(
                f"Le régime « {choisi.libelle} » est imposé alors que le débiteur n'agit pas en professionnel "
                "(consommateur ou non-professionnel) : les pénalités entre professionnels (L441-10 C. com.) ne "
                "s'appliquent pas à lui. Vérifiez le contrat."
            )
        if choisi is Regime.CONTRACTUEL and creance.taux_contractuel is None:
            self.avertir(
                f"Facture {creance.numero} : aucun taux contractuel saisi ; les pénalités B2B par défaut sont appliquées."
            )
            return Regime.B2B
        return choisi

    def taux_du_jour(self, regime: Regime, creance: Creance) -> Callable[[dt.date], TauxDuJour]:
        bce, legal = self.taux.bce, self.taux.legal
        if regime is Regime.B2B:

            def calcul(jour: dt.date) -> TauxDuJour:
                # L441-10: each half-year takes the ECB rate in force on its first day.
                ligne = bce.ligne(jour)
                self._signaler_a_confirmer(bce.nom, ligne)
                return TauxDuJour(taux_au_dessus_bce(ligne.valeurs["taux_bce"], regime), ligne.semestre, ligne.a_confirmer)

        elif regime is Regime.PUBLIC:

            def calcul(jour: dt.date) -> TauxDuJour:
                # R2192-31 CCP: the rate of the half-year in which interest *started* applies
                # for the whole delay, unlike L441-10.
                ligne = bce.ligne(creance.date_echeance + UN_JOUR)
                self._signaler_a_confirmer(bce.nom, ligne)
                return TauxDuJour(taux_au_dessus_bce(ligne.valeurs["taux_bce"], regime), ligne.semestre, ligne.a_confirmer)

        elif regime is Regime.CONTRACTUEL:
            taux_contractuel = creance.taux_contractuel
            assert taux_contractuel is not None  # regime() chooses CONTRACTUEL only for an invoice with a rate

            def calcul(jour: dt.date) -> TauxDuJour:
                semestre = semestre_de(jour)
                try:
                    ligne = legal.ligne(jour)  # only for the floor check
                except TauxInconnu:
                    self.avertir(
                        f"Facture {creance.numero} : le plancher du taux contractuel (3 × le taux de l'intérêt légal) "
                        f"n'a pas pu être vérifié pour le semestre {semestre}, dont le taux légal n'est pas connu."
                    )
                    return TauxDuJour(taux_contractuel, semestre)
                plancher = plancher_contractuel(ligne.valeurs["autres_cas"])
                if taux_contractuel < plancher:
                    self.avertir(
                        f"Facture {creance.numero} : le taux contractuel de {format_taux(taux_contractuel)} est "
                        f"inférieur au plancher de trois fois le taux de l'intérêt légal ({format_taux(plancher)} au "
                        f"semestre {ligne.semestre}, art. L441-10 C. com.). Le décompte applique le taux du contrat "
                        "sans le modifier : vérifiez la clause."
                    )
                return TauxDuJour(taux_contractuel, semestre)

        else:
            colonne = "creancier_particulier" if self.conditions.creancier_particulier else "autres_cas"

            def calcul(jour: dt.date) -> TauxDuJour:
                ligne = legal.ligne(jour)
                self._signaler_a_confirmer(legal.nom, ligne)
                majore = self.majoration_des is not None and jour >= self.majoration_des
                valeur = ligne.valeurs[colonne] + (MAJORATION_JUGEMENT if majore else ZERO)
                return TauxDuJour(valeur, ligne.semestre, ligne.a_confirmer, majore)

        return calcul

    def _memorise(self, calcul: Callable[[dt.date], TauxDuJour]) -> Callable[[dt.date], TauxDuJour]:
        """`calcul` asked once per half-year (and side of the judgment's majoration): a rate does not
        change within them, and asking again would warn nothing new (avertir says a text once)."""
        connus: dict[tuple[int, bool, bool], TauxDuJour] = {}
        majore = self.majore

        def memorise(jour: dt.date) -> TauxDuJour:
            cle = (jour.year, jour.month > 6, majore(jour))
            taux = connus.get(cle)
            if taux is None:
                taux = connus[cle] = calcul(jour)
            return taux

        return memorise

    def cle_des_effets(self, compte: Compte, jour: dt.date) -> tuple[object, ...]:
        """What the warnings (and the TauxInconnu) of `compte.taux_du_jour(jour)` depend on: of two
        calls with the same key, the second warns nothing new and cannot fail. Follows taux_du_jour."""
        if compte.regime is Regime.PUBLIC:
            return ("bce", semestre_de(compte.creance.date_echeance + UN_JOUR))
        if compte.regime is Regime.B2B:
            return ("bce", semestre_de(jour))
        if compte.regime is Regime.CONTRACTUEL:
            return ("contractuel", id(compte), semestre_de(jour))
        return ("legal", semestre_de(jour))

    def classe_de_taux(self, compte: Compte) -> tuple[object, ...]:
        """Invoices of one class have the same rate on any day once their interest runs (the rate of
        each comes from taux_du_jour: B2B and legal from the day, public from the due date's half-year,
        contractual from the contract)."""
        if compte.regime is Regime.PUBLIC:
            return ("public", semestre_de(compte.creance.date_echeance + UN_JOUR))
        if compte.regime is Regime.CONTRACTUEL:
            return ("contractuel", compte.creance.taux_contractuel)
        return (compte.regime.value,)

    def majore(self, jour: dt.date) -> bool:
        return self.majoration_des is not None and jour >= self.majoration_des

    def _signaler_a_confirmer(self, table: str, ligne: LigneTaux) -> None:
        if ligne.a_confirmer:
            self.avertir(
                f"Le {table} du semestre {ligne.semestre} est marqué « à confirmer » ({ligne.source}) : "
                "vérifiez-le avant de produire ce décompte."
            )

    def depart(self, creance: Creance, regime: Regime) -> dt.date | None:
        if regime is not Regime.LEGAL:
            return creance.date_echeance + UN_JOUR
        mise_en_demeure = self.conditions.date_mise_en_demeure
        if mise_en_demeure is None and self.conditions.date_signification_jugement:
            self.avertir(
                "Intérêt au taux légal : un jugement est renseigné mais aucune mise en demeure. Une condamnation "
                "emporte intérêts au taux légal au moins à compter du jugement (art. 1231-7 C. civ.), et l'assignation "
                "vaut mise en demeure : renseignez sa date comme date de mise en demeure."
            )
            return None
        if mise_en_demeure is None:
            self.avertir(
                "Intérêt au taux légal : aucune date de mise en demeure n'est renseignée, les intérêts ne courent donc "
                "pas encore (art. 1344-1 C. civ.). Indiquez-la dans les conditions du décompte."
            )
            return None
        if mise_en_demeure < creance.date_echeance:
            self.avertir(
                f"Facture {creance.numero} : la mise en demeure du {date_courte(mise_en_demeure)} précède l'échéance ; "
                "les intérêts ne courent qu'à partir du lendemain de l'échéance, et une mise en demeure prématurée "
                "peut être contestée."
            )
        return max(creance.date_echeance, mise_en_demeure) + UN_JOUR

    def ouvrir(self, creance: Creance) -> Compte:
        regime = self.regime(creance)
        depart = self.depart(creance, regime)
        return Compte(
            creance=creance,
            regime=regime,
            depart=depart,
            taux_du_jour=self._memorise(self.taux_du_jour(regime, creance)),
            principal=creance.montant_ttc,
            calcule_jusqua=(depart or creance.date_echeance + UN_JOUR) - UN_JOUR,
        )

    # --- running interest ----------------------------------------------------------------

    def avancer(self, compte: Compte, jusqua: dt.date) -> None:
        """Bring interest (and the indemnity) of one invoice up to `jusqua` inclusive."""
        if jusqua <= compte.calcule_jusqua:
            return
        c = compte.creance
        ouverture = self.conditions.date_jugement_ouverture
        if (
            self.conditions.indemnite_forfaitaire
            and not self.non_professionnel
            # Not due when a procédure collective forbids payment at the due date.
            and (ouverture is None or c.date_echeance < ouverture)
            and not compte.indemnite
            and jusqua > c.date_echeance
            and compte.principal > 0
        ):
            # Due from the first day late, and stays due after a partial payment (D441-5).
            compte.indemnite = compte.indemnite_due = INDEMNITE_FORFAITAIRE
        if compte.depart is None:
            compte.calcule_jusqua = jusqua
            return
        du = compte.calcule_jusqua + UN_JOUR
        fin_interets = jusqua
        if ouverture is not None and ouverture <= jusqua:
            # The opening judgment stops interest (L622-28 / L641-3 C. com.).
            fin_interets = min(jusqua, ouverture - UN_JOUR)
            self.avertir_ouverture(ouverture)
        if fin_interets < du:
            compte.calcule_jusqua = jusqua
            return
        coupures = (self.majoration_des,) if self.majoration_des else ()
        tranches = (
            self._tranches(compte, du, fin_interets) if self.conditions.capitalisation else ((du, fin_interets, False),)
        )
        for debut, fin, anniversaire in tranches:
            lignes = lignes_interets(
                compte.principal + compte.capitalise, debut, fin, compte.taux_du_jour, self.conditions.base, coupures
            )
            compte.lignes.extend(lignes)
            gagne = ZERO
            for ligne in lignes:
                gagne += ligne.montant
            compte.interets += gagne
            compte.courus += gagne
            if anniversaire:
                # Interest due for a full year now bears interest itself (art. 1343-2).
                compte.capitalise += compte.interets
                compte.interets = ZERO
        compte.calcule_jusqua = jusqua

    def avertir_ouverture(self, ouverture: dt.date) -> None:
        self.avertir(
            f"Procédure collective ouverte le {date_courte(ouverture)} : le cours des intérêts est arrêté à cette "
            "date (L622-28 C. com.) ; la créance se déclare au mandataire."
        )

    def avertir_designe_absente(self, paiement: Paiement) -> None:
        self.avertir(
            f"Le paiement du {date_courte(paiement.date)} désigne une facture absente du dossier : "
            "il est imputé comme s'il n'en désignait aucune."
        )

    def _tranches(self, compte: Compte, du: dt.date, au: dt.date) -> Iterator[tuple[dt.date, dt.date, bool]]:
        """(start, end, capitalise_after) pieces, cut at each anniversary of the first day late
        (asked only with capitalisation: see avancer)."""
        depart = compte.depart
        assert depart is not None  # avancer() stops before when interest has not started
        debut = du
        annees = 1
        while debut <= au:
            anniversaire = plus_mois(depart, 12 * annees)
            while anniversaire <= debut:
                annees += 1
                anniversaire = plus_mois(depart, 12 * annees)
            fin = min(au, anniversaire - UN_JOUR)
            yield debut, fin, fin == anniversaire - UN_JOUR
            debut = fin + UN_JOUR

    # --- payments ------------------------------------------------------------------------

    def imputer(self, paiement: Paiement, comptes: list[Compte]) -> list[Imputation]:
        """One payment, step by step: every invoice brought forward, all sorted again (quadratic over a
        dossier). The décompte uses _Deroulement, which gives the same figures in linear time, and
        keeps this one for amounts not written with two decimals (never read from a form or a file),
        where leaving paid invoices out of a group could change how repartir() rounds, or only how a
        figure is written ("1743" or "1743.00")."""
        for compte in comptes:
            self.avancer(compte, paiement.date)
        designe = [c for c in comptes if c.creance.id == paiement.creance_id]
        if paiement.creance_id and not designe:
            self.avertir_designe_absente(paiement)
        reste = paiement.montant
        parts: dict[str, list[Decimal]] = {}
        for groupe in [designe] + ordre_legal([c for c in comptes if c not in designe], paiement.date):
            if reste <= 0:
                break
            reste = _payer_groupe(groupe, reste, parts)
        imputations = [
            Imputation(paiement.id, paiement.date, c.creance.id, c.creance.numero, *parts[c.creance.id])
            for c in designe + [c for c in comptes if c not in designe]
            if c.creance.id in parts
        ]
        return imputations + _trop_percu(paiement, reste, self.avertir)


# Up to this many invoices, payments are imputed step by step (_Calcul.imputer): as exact, and
# quicker than setting up _Deroulement, whose gain grows with invoices × payments.
PAS_A_PAS_JUSQUA = 4
_NON_ECHUES = ("non échue",)  # not due at the payment's date: last, oldest first
_SANS_COURS = ("sans cours",)  # due, interest not running yet (or never): rate 0


def _au_centime(valeur: Decimal) -> bool:
    """Written with two decimals, as lire_montant and the stored files give every amount."""
    return valeur.as_tuple().exponent == -2


class _Deroulement:
    """The payments imputed in date order, with the figures of _Calcul.imputer at a cost that grows
    with invoices + payments + interest lines instead of invoices × payments.

    - Only the invoices whose interest runs (`vivants`) are brought forward at each payment: the
      others would gain nothing, as a paid invoice owes no interest again (art. 1343-1 pays interest
      before principal). Their lines are cut at every payment date as before.
    - The order of art. 1342-10 is kept from one payment to the next: the unpaid invoices sit in
      heaps by (due date, rank), one heap per class of rate (_Calcul.classe_de_taux), so that a
      payment looks at the invoices it pays and at the head of each heap only. Paid invoices are
      left out of the groups: they owe 0.00 and repartir gives them 0.00 (with every amount written
      to the cent, "1743.00", figures and the way they are written are the same).
    - The rates the step-by-step engine asked of every invoice at every payment only warned, or
      failed on a missing half-year, the first time for a given key (_Calcul.cle_des_effets): they
      are asked again, in the same order, once per invoice and half-year.
    """

    def __init__(self, calcul: _Calcul, comptes: list[Compte]) -> None:
        self.calcul = calcul
        self.comptes = comptes
        n = len(comptes)
        self.par_id: dict[str, list[int]] = {}
        for i, compte in enumerate(comptes):
            self.par_id.setdefault(compte.creance.id, []).append(i)
        # The day before an invoice needs avancer(): its interest start, or its due date when none.
        self.veille = [compte.calcule_jusqua for compte in comptes]
        self.a_activer = sorted(range(n), key=lambda i: (self.veille[i], i))
        self.activees = 0
        departs = [(compte.depart, i) for i, compte in enumerate(comptes) if compte.depart is not None]
        self.a_demarrer = [i for _, i in sorted(departs)]
        self.premier_depart = min(departs)[0] if departs else None
        self.demarrees = 0
        self.echues = 0  # comptes[:echues] are due: the comptes are in due-date order
        self.vivants: list[int] = []  # interest running on a base above 0: brought forward each payment
        self.dernier_jour: dt.date | None = None  # every invoice is brought forward to it (or beyond)
        # Rates asked of every invoice whose interest runs, as ordre_legal() did, for their warnings.
        self.demarres: list[int] = []
        self.a_demander: list[int] = []
        self.semestre_demande: str | None = None
        self.effets_vus: set[tuple[object, ...]] = set()
        # The unpaid invoices in the order of art. 1342-10: a heap of (due date, rank) per class.
        self.classe: list[tuple[object, ...] | None] = [None] * n
        self.tas: dict[tuple[object, ...], list[tuple[dt.date, int]]] = {_NON_ECHUES: []}
        for i, compte in enumerate(comptes):  # in due-date order: already a heap
            if reste_du(compte) > 0:
                self.classe[i] = _NON_ECHUES
                self.tas[_NON_ECHUES].append((compte.creance.date_echeance, i))
        self.taux_des_classes: dict[tuple[object, ...], Decimal] = {}

    def _loger(self, i: int, classe: tuple[object, ...]) -> None:
        compte = self.comptes[i]
        if reste_du(compte) <= 0:
            self.classe[i] = None
            return
        self.classe[i] = classe
        heapq.heappush(self.tas.setdefault(classe, []), (compte.creance.date_echeance, i))

    def _valide(self, i: int, classe: tuple[object, ...]) -> bool:
        if self.classe[i] != classe:
            return False  # moved to another class since
        if reste_du(self.comptes[i]) <= 0:
            self.classe[i] = None
            return False
        return True

    def imputer(self, paiement: Paiement) -> list[Imputation]:
        calcul, comptes, jour = self.calcul, self.comptes, paiement.date
        while self.echues < len(comptes) and comptes[self.echues].creance.date_echeance < jour:
            if self.classe[self.echues] is not None:
                self._loger(self.echues, _SANS_COURS)
            self.echues += 1
        nouveaux = []
        while self.demarrees < len(self.a_demarrer):
            i = self.a_demarrer[self.demarrees]
            depart = comptes[i].depart
            if depart is None or depart > jour:
                break
            self.demarrees += 1
            nouveaux.append(i)
            bisect.insort(self.demarres, i)
            if self.classe[i] is not None:  # started implies due (interest runs after the due date)
                self._loger(i, calcul.classe_de_taux(comptes[i]))
        self._avancer(jour)

        designes = self.par_id.get(paiement.creance_id, []) if paiement.creance_id is not None else []
        designe = [comptes[i] for i in designes]
        if paiement.creance_id and not designe:
            calcul.avertir_designe_absente(paiement)
        exclus = set(designes)
        self._demander_les_taux(jour, nouveaux, exclus)

        reste = paiement.montant
        parts: dict[str, list[Decimal]] = {}
        sortis: list[tuple[tuple[object, ...], dt.date, int]] = []
        if reste > 0:
            reste = _payer_groupe(designe, reste, parts)
        if reste > 0:
            semestre, majore = semestre_de(jour), calcul.majore(jour)
            niveaux: dict[Decimal, list[tuple[object, ...]]] = {}
            for classe, tas in self.tas.items():
                if classe == _NON_ECHUES:
                    continue
                while tas and not self._valide(tas[0][1], classe):
                    heapq.heappop(tas)
                if not tas:
                    continue
                taux = ZERO if classe == _SANS_COURS else self._taux_de_classe(classe, jour, semestre, majore, exclus)
                if taux is not None:
                    niveaux.setdefault(taux, []).append(classe)
            for taux in sorted(niveaux, reverse=True):  # the highest rate first
                reste = self._payer_niveau(niveaux[taux], reste, parts, exclus, sortis)
                if reste <= 0:
                    break
        if reste > 0:
            reste = self._payer_niveau([_NON_ECHUES], reste, parts, exclus, sortis)
        for classe, echeance, i in sortis:
            if self._valide(i, classe):
                heapq.heappush(self.tas[classe], (echeance, i))

        rangs = sorted((i for cle in parts for i in self.par_id[cle]), key=lambda i: (i not in exclus, i))
        imputations = [
            Imputation(paiement.id, paiement.date, comptes[i].creance.id, comptes[i].creance.numero,
                       *parts[comptes[i].creance.id])
            for i in rangs
        ]
        return imputations + _trop_percu(paiement, reste, calcul.avertir)

    def _avancer(self, jour: dt.date) -> None:
        """Interest of every invoice brought up to the payment's day (those that earn some)."""
        if self.dernier_jour is not None and jour <= self.dernier_jour:
            return  # a second payment the same day: everything is there already
        calcul, comptes = self.calcul, self.comptes
        ouverture = calcul.conditions.date_jugement_ouverture
        if ouverture is not None and ouverture <= jour and self.premier_depart is not None and self.premier_depart <= jour:
            calcul.avertir_ouverture(ouverture)  # the first invoice brought forward would say it first
        actives = []
        while self.activees < len(comptes) and self.veille[self.a_activer[self.activees]] < jour:
            actives.append(self.a_activer[self.activees])
            self.activees += 1
        vivants = []
        for i in sorted(self.vivants + actives):
            compte = comptes[i]
            calcul.avancer(compte, jour)
            if (
                compte.depart is not None
                and compte.principal + compte.capitalise > 0
                and (ouverture is None or compte.calcule_jusqua < ouverture - UN_JOUR)
            ):
                vivants.append(i)
        self.vivants = vivants
        self.dernier_jour = jour

    def rattraper(self) -> None:
        """What the step-by-step engine left: every invoice brought forward to the last payment."""
        if self.dernier_jour is not None:
            for compte in self.comptes:
                compte.calcule_jusqua = max(compte.calcule_jusqua, self.dernier_jour)

    def _demander_les_taux(self, jour: dt.date, nouveaux: list[int], exclus: set[int]) -> None:
        """The rate of each invoice whose interest runs, but the one named, as ordre_legal() asked it:
        for the warnings (a half-year to confirm, a contractual rate under its floor) and the error of
        a missing half-year, in the same order."""
        semestre = semestre_de(jour)
        if semestre != self.semestre_demande:
            self.semestre_demande = semestre
            self.a_demander = list(self.demarres)
        elif nouveaux:
            self.a_demander = sorted(self.a_demander + nouveaux)
        restent = []
        for i in self.a_demander:
            if i in exclus:
                restent.append(i)
                continue
            compte = self.comptes[i]
            cle = self.calcul.cle_des_effets(compte, jour)
            if cle not in self.effets_vus:
                compte.taux_du_jour(jour)
                self.effets_vus.add(cle)
        self.a_demander = restent

    def _taux_de_classe(
        self, classe: tuple[object, ...], jour: dt.date, semestre: str, majore: bool, exclus: set[int]
    ) -> Decimal | None:
        cle = (*classe, semestre, majore)
        if cle in self.taux_des_classes:
            return self.taux_des_classes[cle]
        for _, i in self.tas[classe]:
            if i not in exclus and self._valide(i, classe):
                taux = self.comptes[i].taux_du_jour(jour).taux  # already asked: warns nothing
                self.taux_des_classes[cle] = taux
                return taux
        return None  # only the invoice the payment names: not in the legal order

    def _payer_niveau(
        self,
        classes: list[tuple[object, ...]],
        reste: Decimal,
        parts: dict[str, list[Decimal]],
        exclus: set[int],
        sortis: list[tuple[tuple[object, ...], dt.date, int]],
    ) -> Decimal:
        """Pays the invoices of one rate, oldest due date first; equal due dates share (repartir)."""
        while reste > 0:
            tetes = []
            for classe in classes:
                tas = self.tas[classe]
                while tas and not self._valide(tas[0][1], classe):
                    heapq.heappop(tas)
                if tas:
                    tetes.append(tas[0][0])
            if not tetes:
                break
            echeance = min(tetes)
            membres = []
            for classe in classes:
                tas = self.tas[classe]
                while tas and tas[0][0] == echeance:
                    _, i = heapq.heappop(tas)
                    if self._valide(i, classe):
                        sortis.append((classe, echeance, i))
                        if i not in exclus:
                            membres.append(i)
            if membres:
                reste = _payer_groupe([self.comptes[i] for i in sorted(membres)], reste, parts)
        return reste



def calculer_decompte(
    creances: list[Creance] | tuple[Creance, ...],
    paiements: list[Paiement] | tuple[Paiement, ...],
    conditions: ConditionsDecompte,
    taux: Taux,
    au: dt.date,
    *,
    non_professionnel: bool = False,
    public: bool = False,
    consommateur: bool = False,
) -> Decompte:
    """The décompte arrêté au `au`. Raises TauxInconnu if a needed half-year is missing.

    `non_professionnel`: the debtor does not act as a professional (a consumer or a
    non-professional legal person, Debiteur.non_professionnel_ou_consommateur): legal interest
    by default, no 40 € indemnity, no proven costs. `consommateur` is its former name, same effect.
    """
    non_professionnel = non_professionnel or consommateur
    calcul = _Calcul(conditions, taux, non_professionnel=non_professionnel, public=public)
    comptes = [calcul.ouvrir(c) for c in sorted(creances, key=lambda c: (c.date_echeance, c.numero))]
    imputations: list[Imputation] = []
    # Both engines give the same figures (tests/unit/test_decompte_lineaire.py); the step-by-step
    # one is quicker on a few invoices, and the only one for amounts not written to the cent.
    pas_a_pas = len(comptes) <= PAS_A_PAS_JUSQUA or not (
        all(_au_centime(c.montant_ttc) and c.montant_ttc >= 0 for c in creances)
        and all(_au_centime(p.montant) for p in paiements)
    )
    deroulement: _Deroulement | None = None
    for paiement in sorted(paiements, key=lambda p: p.date):
        if paiement.date > au:
            calcul.avertir(
                f"Le paiement du {date_courte(paiement.date)} ({montant(paiement.montant)}) est postérieur à la date "
                "d'arrêté du décompte : il n'en tient pas compte."
            )
            continue
        if pas_a_pas:
            imputations += calcul.imputer(paiement, comptes)
            continue
        if deroulement is None:
            deroulement = _Deroulement(calcul, comptes)
        imputations += deroulement.imputer(paiement)
    if deroulement is not None:
        deroulement.rattraper()
    for compte in comptes:
        calcul.avancer(compte, au)

    forfaits = sum((c.indemnite for c in comptes), ZERO)
    complement = ZERO
    if conditions.frais_justifies is not None and non_professionnel:
        calcul.avertir(
            "Les frais de recouvrement justifiés ne sont pas réclamés à un consommateur ni à un non-professionnel : "
            "avant un titre exécutoire, ils restent à la charge du créancier (L111-8 CPCE)."
        )
    elif conditions.frais_justifies is not None and conditions.frais_justifies > forfaits:
        # Proven costs above the flat indemnities are claimed on top of them (L441-10 II).
        complement = conditions.frais_justifies - forfaits
    if conditions.date_signification_jugement and any(c.regime is not Regime.LEGAL for c in comptes):
        calcul.avertir(
            "La majoration de 5 points après signification d'un jugement (L313-3 CMF) porte sur le taux de l'intérêt "
            "légal : elle n'est appliquée qu'aux factures au taux légal. Vérifiez ce que le jugement a alloué."
        )
    resultat = tuple(
        DecompteCreance(
            creance=c.creance,
            regime=c.regime,
            depart=c.depart,
            lignes=tuple(c.lignes),
            interets_courus=c.courus,
            interets_dus=c.interets + c.capitalise,
            interets_capitalises=c.capitalise,
            indemnite=c.indemnite,
            indemnite_due=c.indemnite_due,
            principal_du=c.principal,
            echue=c.creance.date_echeance < au,
        )
        for c in comptes
    )
    for c in resultat:
        if not c.echue and c.principal_du > 0:
            calcul.avertir(
                f"La facture {c.creance.numero} n'est pas échue au {date_courte(au)} (échéance le "
                f"{date_courte(c.creance.date_echeance)}) : son montant figure au principal mais n'est pas encore exigible."
            )
    trop_percu = sum((i.sur_principal for i in imputations if i.creance_id is None), ZERO)
    return Decompte(au, resultat, tuple(imputations), complement, trop_percu, tuple(calcul.avertissements))


def decompte_dossier(dossier: Dossier, taux: Taux, au: dt.date) -> Decompte:
    return calculer_decompte(
        dossier.creances,
        dossier.paiements,
        dossier.conditions,
        taux,
        au,
        non_professionnel=dossier.debiteur.non_professionnel_ou_consommateur,
        public=dossier.debiteur.secteur_public,
    )


# --- the quick décompte: one sum, no dossier ------------------------------------------------


def regime_rapide(
    choisi: Regime | None, taux_contractuel: Decimal | None, date_mise_en_demeure: dt.date | None
) -> Regime | None:
    """The regime of a quick décompte; ErreurSaisie names the fact the regime still needs.

    A rate given without a regime is the contract's (L441-10 I C. com.: the contract sets the
    rate, ECB + 10 points only when it is silent); no regime and no rate leaves the choice to
    the engine (B2B). The contractual regime needs that rate; legal interest runs only from
    the mise en demeure (art. 1344-1 C. civ.), so it needs its date.
    """
    regime = choisi or (Regime.CONTRACTUEL if taux_contractuel is not None else None)
    if regime is Regime.CONTRACTUEL and taux_contractuel is None:
        raise ErreurSaisie("taux", "Le régime contractuel demande le taux du contrat.")
    if regime is Regime.LEGAL and date_mise_en_demeure is None:
        raise ErreurSaisie("date_mise_en_demeure", "Le taux légal court à partir de la mise en demeure.")
    return regime


def decompte_rapide(
    principal: Decimal,
    echeance: dt.date,
    paiements: list[Paiement] | tuple[Paiement, ...],
    taux: Taux,
    au: dt.date,
    *,
    regime: Regime | None = None,
    taux_contractuel: Decimal | None = None,
    creancier_particulier: bool = False,
    date_mise_en_demeure: dt.date | None = None,
    indemnite_forfaitaire: bool = True,
    base: Base = Base.ANNEE_365,
) -> Decompte:
    """The décompte of one invoice of `principal` due on `echeance`, without a dossier.

    The regime stands for the debtor: legal interest means a consumer or a non-professional (no L441-10 penalties,
    no 40 € indemnity: D441-5 applies between professionals), public means a public buyer
    (R2192-31 CCP). ErreurSaisie (see regime_rapide) when a needed fact is missing.
    """
    regime = regime_rapide(regime, taux_contractuel, date_mise_en_demeure)
    conditions = ConditionsDecompte(
        regime=regime,
        creancier_particulier=creancier_particulier,
        date_mise_en_demeure=date_mise_en_demeure,
        indemnite_forfaitaire=indemnite_forfaitaire,
        base=base,
    )
    creance = Creance("(calcul)", echeance, echeance, principal, taux_contractuel=taux_contractuel, id="calcul")
    return calculer_decompte(
        [creance], paiements, conditions, taux, au,
        non_professionnel=regime is Regime.LEGAL, public=regime is Regime.PUBLIC,
    )


def _trop_percu(paiement: Paiement, reste: Decimal, avertir: Callable[[str], None]) -> list[Imputation]:
    """What a payment leaves over once everything due is paid: an imputation to no invoice, and a warning."""
    if reste <= 0:
        return []
    avertir(f"Le paiement du {date_courte(paiement.date)} dépasse de {montant(reste)} tout ce qui était dû : "
            "trop-perçu à restituer ou à affecter.")
    return [Imputation(paiement.id, paiement.date, None, "", sur_principal=reste)]


def _payer_groupe(groupe: list[Compte], reste: Decimal, parts: dict[str, list[Decimal]]) -> Decimal:
    """Share `reste` over a group of invoices of equal rank (in proportion to what each owes), add
    what each received to `parts` (interest, indemnity, principal), and return what is left."""
    for compte, part in zip(groupe, repartir(reste, [reste_du(c) for c in groupe])):
        paye = payer(compte, part)
        reste -= sum(paye)
        if any(paye):
            cumul = parts.setdefault(compte.creance.id, [ZERO, ZERO, ZERO])
            for i, valeur in enumerate(paye):
                cumul[i] += valeur
    return reste
