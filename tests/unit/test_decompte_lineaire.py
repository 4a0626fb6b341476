"""The décompte engine is linear, and gives the very figures of the step-by-step engine it replaced.

`_reference` below is the engine as it was before issue 18, copied verbatim (imputation.py and
the calculation part of decompte.py): every payment brought every invoice forward and sorted
all of them again, which was quadratic. It stays here, frozen, so that the comparison keeps its
meaning: the fast engine must give the same Decompte, to the exponent of each Decimal (reprs
compared), the same warnings in the same order, and the same error when a rate is missing.
The demo set is also pinned by a hash of its JSON décomptes (tests/donnees/decompte_demo.sha256).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from decimal import ROUND_DOWN, Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recouvrement_tui.domain import decompte as decompte_module
from recouvrement_tui.domain.conditions import ConditionsDecompte, Regime
from recouvrement_tui.domain.dates import UN_JOUR, plus_mois
from recouvrement_tui.domain.decompte import (
    INDEMNITE_FORFAITAIRE,
    MAJORATION_JUGEMENT,
    Decompte,
    DecompteCreance,
    Imputation,
    calculer_decompte,
    plancher_contractuel,
    taux_au_dessus_bce,
)
from recouvrement_tui.domain.formatage import date_courte, montant
from recouvrement_tui.domain.formatage import taux as format_taux
from recouvrement_tui.domain.interets import Base, LigneInterets, TauxDuJour, lignes_interets
from recouvrement_tui.domain.model import Creance, Paiement
from recouvrement_tui.domain.money import ZERO
from recouvrement_tui.domain.taux import LigneTaux, Taux, TauxInconnu, semestre_de
from recouvrement_tui.exchange.decompte import decompte_dict
from recouvrement_tui.storage.taux import charger_taux

# --- the reference: the quadratic engine, frozen (do not edit) -------------------------------


@dataclass
class Compte:
    """Working state of one invoice while payments are processed in date order."""

    creance: Creance
    regime: Regime
    depart: dt.date | None
    taux_du_jour: Callable[[dt.date], TauxDuJour]
    principal: Decimal
    calcule_jusqua: dt.date  # interest is computed up to this day inclusive
    interets: Decimal = ZERO
    capitalise: Decimal = ZERO
    courus: Decimal = ZERO
    indemnite: Decimal = ZERO
    indemnite_due: Decimal = ZERO
    lignes: list[LigneInterets] = field(default_factory=list)


def ordre_legal(comptes: list[Compte], jour: dt.date) -> list[list[Compte]]:
    """Art. 1342-10 C. civ.: due debts first; among them the one the debtor has most
    interest in paying (the highest rate), then the oldest; all else equal, in proportion.
    Returns groups to pay one after the other; a group is shared in proportion."""

    def taux_courant(compte: Compte) -> Decimal:
        if compte.depart is None or jour < compte.depart:
            return ZERO
        return compte.taux_du_jour(jour).taux

    def cle(compte: Compte) -> tuple[bool, Decimal, dt.date]:
        return (compte.creance.date_echeance >= jour, -taux_courant(compte), compte.creance.date_echeance)

    groupes: dict[tuple[bool, Decimal, dt.date], list[Compte]] = {}
    for compte in sorted(comptes, key=cle):
        groupes.setdefault(cle(compte), []).append(compte)
    return list(groupes.values())


def reste_du(compte: Compte) -> Decimal:
    """Everything the invoice still owes: indemnity, interest (capitalised or not), principal."""
    return compte.indemnite_due + compte.interets + compte.capitalise + compte.principal


def repartir(montant_a_repartir: Decimal, dus: list[Decimal]) -> list[Decimal]:
    """Shares of a payment among debts: each is paid in full while the money lasts; if it does
    not cover the group, in proportion to what each owes (cents left by rounding go first)."""
    total = sum(dus, ZERO)
    if montant_a_repartir >= total or len(dus) == 1:
        return [min(d, montant_a_repartir) for d in dus] if len(dus) == 1 else list(dus)
    parts = [(montant_a_repartir * d / total).quantize(Decimal("0.01"), rounding=ROUND_DOWN) for d in dus]
    reste = montant_a_repartir - sum(parts, ZERO)
    i = 0
    while reste > 0:
        if parts[i] < dus[i]:
            parts[i] += Decimal("0.01")
            reste -= Decimal("0.01")
        i = (i + 1) % len(parts)
    return parts


def payer(compte: Compte, somme: Decimal) -> tuple[Decimal, Decimal, Decimal]:
    """Within one debt: indemnity and costs, then interest, then principal (art. 1343-1)."""
    sur_indemnite = min(somme, compte.indemnite_due)
    compte.indemnite_due -= sur_indemnite
    somme -= sur_indemnite
    sur_interets = min(somme, compte.interets + compte.capitalise)
    simples = min(sur_interets, compte.interets)
    compte.interets -= simples
    compte.capitalise -= sur_interets - simples
    somme -= sur_interets
    sur_principal = min(somme, compte.principal)
    compte.principal -= sur_principal
    return sur_indemnite, sur_interets, sur_principal


class _CalculReference:
    def __init__(self, conditions: ConditionsDecompte, taux: Taux, *, non_professionnel: bool, public: bool) -> None:
        self.conditions = conditions
        self.taux = taux
        # A consumer or a non-professional legal person: the law of both is the same here.
        self.non_professionnel = non_professionnel
        self.public = public
        self.avertissements: list[str] = []
        self.majoration_des = (
            plus_mois(conditions.date_signification_jugement, 2) + UN_JOUR
            if conditions.date_signification_jugement
            else None
        )

    def avertir(self, texte: str) -> None:
        if texte not in self.avertissements:
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
            taux_du_jour=self.taux_du_jour(regime, creance),
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
            self.avertir(
                f"Procédure collective ouverte le {date_courte(ouverture)} : le cours des intérêts est arrêté à cette "
                "date (L622-28 C. com.) ; la créance se déclare au mandataire."
            )
        if fin_interets < du:
            compte.calcule_jusqua = jusqua
            return
        coupures = [self.majoration_des] if self.majoration_des else []
        for debut, fin, anniversaire in self._tranches(compte, du, fin_interets):
            lignes = lignes_interets(
                compte.principal + compte.capitalise, debut, fin, compte.taux_du_jour, self.conditions.base, coupures
            )
            compte.lignes.extend(lignes)
            gagne = sum((ligne.montant for ligne in lignes), ZERO)
            compte.interets += gagne
            compte.courus += gagne
            if anniversaire:
                # Interest due for a full year now bears interest itself (art. 1343-2).
                compte.capitalise += compte.interets
                compte.interets = ZERO
        compte.calcule_jusqua = jusqua

    def _tranches(self, compte: Compte, du: dt.date, au: dt.date) -> Iterator[tuple[dt.date, dt.date, bool]]:
        """(start, end, capitalise_after) pieces, cut at each anniversary of the first day late."""
        if not self.conditions.capitalisation:
            yield du, au, False
            return
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
        for compte in comptes:
            self.avancer(compte, paiement.date)
        designe = [c for c in comptes if c.creance.id == paiement.creance_id]
        if paiement.creance_id and not designe:
            self.avertir(
                f"Le paiement du {date_courte(paiement.date)} désigne une facture absente du dossier : "
                "il est imputé comme s'il n'en désignait aucune."
            )
        reste = paiement.montant
        parts: dict[str, list[Decimal]] = {}
        for groupe in [designe] + ordre_legal([c for c in comptes if c not in designe], paiement.date):
            if reste <= 0:
                break
            for compte, part in zip(groupe, repartir(reste, [reste_du(c) for c in groupe])):
                paye = payer(compte, part)
                reste -= sum(paye)
                if any(paye):
                    cumul = parts.setdefault(compte.creance.id, [ZERO, ZERO, ZERO])
                    for i, valeur in enumerate(paye):
                        cumul[i] += valeur
        imputations = [
            Imputation(paiement.id, paiement.date, c.creance.id, c.creance.numero, *parts[c.creance.id])
            for c in designe + [c for c in comptes if c not in designe]
            if c.creance.id in parts
        ]
        if reste > 0:
            imputations.append(Imputation(paiement.id, paiement.date, None, "", sur_principal=reste))
            self.avertir(
                f"Le paiement du {date_courte(paiement.date)} dépasse de {montant(reste)} tout ce qui était dû : "
                "trop-perçu à restituer ou à affecter."
            )
        return imputations


def _reference(
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
    calcul = _CalculReference(conditions, taux, non_professionnel=non_professionnel, public=public)
    comptes = [calcul.ouvrir(c) for c in sorted(creances, key=lambda c: (c.date_echeance, c.numero))]
    imputations: list[Imputation] = []
    for paiement in sorted(paiements, key=lambda p: p.date):
        if paiement.date > au:
            calcul.avertir(
                f"Le paiement du {date_courte(paiement.date)} ({montant(paiement.montant)}) est postérieur à la date "
                "d'arrêté du décompte : il n'en tient pas compte."
            )
            continue
        imputations += calcul.imputer(paiement, comptes)
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


# --- dossiers to compare on ------------------------------------------------------------------

AU = dt.date(2026, 11, 23)
TAUX_CONTRACTUELS = [Decimal("15"), Decimal("8"), Decimal("12.15"), Decimal("12.40"), Decimal("0"), Decimal("22.5")]


@pytest.fixture(scope="module")
def taux(tmp_path_factory) -> Taux:
    return charger_taux(tmp_path_factory.mktemp("donnees"))


def _jour(alea: random.Random, debut: dt.date, fin: dt.date) -> dt.date:
    return debut + dt.timedelta(days=alea.randint(0, (fin - debut).days))


def _montant(alea: random.Random, bas: int, haut: int) -> Decimal:
    """Two decimals, as lire_montant and the stored files give amounts ("1743.00")."""
    return (Decimal(alea.randint(bas, haut)) / 100).quantize(Decimal("0.01"))


@dataclass
class Cas:
    creances: list[Creance]
    paiements: list[Paiement]
    conditions: ConditionsDecompte
    au: dt.date
    options: dict[str, bool] = field(default_factory=dict)


def cas_synthetique(graine: int, factures: int, paiements: int, *, variante: str | None = None) -> Cas:
    """A dossier drawn from `graine`: many invoices (ties on due dates and numbers), partial
    payments, some naming an invoice (or one absent from the dossier), some the same day, one too
    large, one after the statement date; the regime and the conditions vary with `variante`."""
    alea = random.Random(graine)
    variante = variante or alea.choice(VARIANTES)
    debut = dt.date(2019, 1, 1) if alea.random() < 0.5 else dt.date(2023, 6, 1)
    fin = dt.date(2026, 10, 31)
    echeances = [_jour(alea, debut, fin) for _ in range(max(2, factures // 3))]  # ties on purpose
    creances = []
    for i in range(factures):
        echeance = alea.choice(echeances)
        taux_contractuel = alea.choice(TAUX_CONTRACTUELS) if variante in ("contractuel", "mixte") and alea.random() < 0.6 else None
        numero = f"F-{alea.randint(0, factures):04d}"  # duplicates now and then
        identifiant = f"c{i - 1}" if i and alea.random() < 0.03 else f"c{i}"  # even an id, once in a while
        creances.append(
            Creance(numero, echeance - dt.timedelta(days=30), echeance, _montant(alea, 100, 900_000),
                    taux_contractuel=taux_contractuel, id=identifiant)
        )
    liste = []
    for j in range(paiements):
        jour = _jour(alea, debut, fin) if alea.random() > 0.2 or not liste else liste[-1].date  # same day
        designe = None
        tirage = alea.random()
        if tirage < 0.25 and creances:
            designe = alea.choice(creances).id
        elif tirage < 0.28:
            designe = "absente"
        liste.append(Paiement(jour, _montant(alea, 1, 400_000), creance_id=designe, id=f"p{j}"))
    if paiements and alea.random() < 0.3:
        liste.append(Paiement(_jour(alea, debut, fin), Decimal("9999999.99"), id="trop"))
    if paiements and alea.random() < 0.3:
        liste.append(Paiement(AU + dt.timedelta(days=3), Decimal("10.00"), id="apres"))
    au = AU
    if alea.random() < 0.05:  # a half-year the tables do not know yet: the same error
        au = dt.date(2027, 2, 1)
        liste.append(Paiement(dt.date(2027, 1, 15), _montant(alea, 1, 400_000), id="2027"))
    alea.shuffle(liste)
    mise_en_demeure = _jour(alea, debut, fin) if alea.random() < 0.8 else None
    options: dict[str, bool] = {}
    conditions = ConditionsDecompte(
        base=alea.choice(list(Base)),
        capitalisation=alea.random() < 0.4,
        indemnite_forfaitaire=alea.random() < 0.85,
        frais_justifies=alea.choice([None, None, Decimal("150.00"), Decimal("100000.00")]),
    )
    if variante == "consommateur":
        options["non_professionnel"] = True
        conditions = _avec(conditions, date_mise_en_demeure=mise_en_demeure,
                           date_signification_jugement=_jour(alea, debut, fin) if alea.random() < 0.5 else None,
                           creancier_particulier=alea.random() < 0.3)
    elif variante == "legal_impose":
        conditions = _avec(conditions, regime=Regime.LEGAL, date_mise_en_demeure=mise_en_demeure,
                           date_signification_jugement=_jour(alea, debut, fin) if alea.random() < 0.5 else None)
    elif variante == "public":
        options["public"] = True
    elif variante == "procedure_collective":
        conditions = _avec(conditions, date_jugement_ouverture=_jour(alea, debut, fin))
    elif variante == "contractuel_impose":
        conditions = _avec(conditions, regime=Regime.CONTRACTUEL)
    elif variante == "mixte":
        conditions = _avec(conditions, regime=alea.choice([None, Regime.B2B, Regime.PUBLIC]),
                           date_mise_en_demeure=mise_en_demeure)
        options["non_professionnel"] = alea.random() < 0.3
    return Cas(creances, liste, conditions, au, options)


VARIANTES = ["b2b", "contractuel", "consommateur", "legal_impose", "public", "procedure_collective",
             "contractuel_impose", "mixte"]


def _avec(conditions: ConditionsDecompte, **valeurs: object) -> ConditionsDecompte:
    return replace(conditions, **valeurs)  # type: ignore[arg-type]


def _calculer(moteur: Callable[..., Decompte], cas: Cas, taux: Taux) -> str:
    """The décompte's full repr (every Decimal with its exponent), or the error it raised."""
    try:
        return repr(moteur(cas.creances, cas.paiements, cas.conditions, taux, cas.au, **cas.options))
    except TauxInconnu as erreur:
        return f"TauxInconnu: {erreur}"


def comparer(cas: Cas, taux: Taux) -> None:
    attendu = _calculer(_reference, cas, taux)
    assert _calculer(calculer_decompte, cas, taux) == attendu


# --- the comparisons -------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def toujours_lineaire(monkeypatch):
    """Small dossiers too go through the linear engine here (the décompte keeps the step-by-step
    one for a few invoices, where it is quicker): it is what these tests compare."""
    monkeypatch.setattr(decompte_module, "PAS_A_PAS_JUSQUA", 0)


@pytest.mark.parametrize("graine", range(20))
def test_small_dossiers_as_the_decompte_computes_them(taux, graine, monkeypatch):
    """With the threshold of the décompte itself: a few invoices step by step, more in linear time."""
    monkeypatch.undo()
    assert decompte_module.PAS_A_PAS_JUSQUA > 0
    comparer(cas_synthetique(graine, graine % 8, 6), taux)


@pytest.mark.parametrize("variante", VARIANTES)
@pytest.mark.parametrize("graine", range(6))
def test_same_figures_as_the_reference_on_varied_dossiers(taux, variante, graine):
    comparer(cas_synthetique(graine, 40, 60, variante=variante), taux)


@pytest.mark.parametrize("variante", VARIANTES)
def test_same_figures_as_the_reference_on_big_dossiers(taux, variante):
    comparer(cas_synthetique(1000 + VARIANTES.index(variante), 200, 200, variante=variante), taux)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graine=st.integers(0, 10**9), factures=st.integers(0, 12), paiements=st.integers(0, 14))
def test_same_figures_as_the_reference_on_random_dossiers(taux, graine, factures, paiements):
    comparer(cas_synthetique(graine, factures, paiements), taux)


def test_same_error_when_a_half_year_is_missing(taux):
    """A statement after the last known half-year: the same TauxInconnu, whatever the engine."""
    cas = cas_synthetique(7, 30, 30, variante="b2b")
    cas.au = dt.date(2027, 3, 1)
    cas.paiements.append(Paiement(dt.date(2027, 2, 1), Decimal("100.00"), id="p-2027"))
    attendu = _calculer(_reference, cas, taux)
    assert attendu.startswith("TauxInconnu")
    assert _calculer(calculer_decompte, cas, taux) == attendu


def test_amounts_not_written_to_the_cent_same_figures(taux):
    """Amounts as a script may pass them ("1743", "12.5"): the step-by-step path, same figures."""
    cas = cas_synthetique(11, 30, 40, variante="b2b")
    cas.creances = [replace(c, montant_ttc=c.montant_ttc.normalize()) for c in cas.creances]
    cas.paiements = [replace(p, montant=p.montant.normalize()) for p in cas.paiements]
    comparer(cas, taux)


def test_a_growing_backlog_and_a_big_group_of_equal_invoices(taux):
    """Hundreds of invoices due the same day, paid in small instalments: shared in proportion."""
    creances = [Creance(f"F{i:03d}", dt.date(2025, 1, 1), dt.date(2025, 2, 1), Decimal("123.45") + i, id=f"c{i}")
                for i in range(150)]
    paiements = [Paiement(dt.date(2025, 3, 1) + dt.timedelta(days=3 * j), Decimal("977.31"), id=f"p{j}")
                 for j in range(120)]
    comparer(Cas(creances, paiements, ConditionsDecompte(), AU), taux)


# --- the demo set: same figures, pinned by a hash --------------------------------------------

EMPREINTE = Path(__file__).parent.parent / "donnees" / "decompte_demo.sha256"


def test_demo_dossiers_same_figures_and_pinned_hash(demo_lecture):
    """Line 1 of the file pins the demo's inputs, line 2 its décomptes (JSON, at two dates).

    When the demo generator changes, the inputs hash says so and the test asks for the file to
    be written again (with the comparison to the reference passing, the new figures are right)."""
    service = demo_lecture
    entrees, sorties = hashlib.sha256(), hashlib.sha256()
    for resume in sorted(service.resumes_en_cache(), key=lambda r: r.reference):
        dossier = service.charger(resume.reference)
        options = {
            "non_professionnel": dossier.debiteur.non_professionnel_ou_consommateur,
            "public": dossier.debiteur.secteur_public,
        }
        entrees.update(repr((dossier.creances, dossier.paiements, dossier.conditions, options)).encode())
        for au in (dt.date(2026, 11, 23), dt.date(2025, 12, 31)):
            comparer(Cas(list(dossier.creances), list(dossier.paiements), dossier.conditions, au, options), service.taux)
            try:
                texte = json.dumps(decompte_dict(service.decompte(dossier, au)), ensure_ascii=False, sort_keys=True)
            except TauxInconnu as erreur:
                texte = f"TauxInconnu: {erreur}"
            sorties.update(f"{resume.reference} {au}\n{texte}\n".encode())
    attendu_entrees, attendu_sorties = EMPREINTE.read_text().split()[:2]
    if entrees.hexdigest() != attendu_entrees:
        pytest.fail(
            f"The demo dossiers changed (inputs {entrees.hexdigest()}): check the comparison above passes, "
            f"then write {EMPREINTE.name} again with: {entrees.hexdigest()} {sorties.hexdigest()}"
        )
    assert sorties.hexdigest() == attendu_sorties
