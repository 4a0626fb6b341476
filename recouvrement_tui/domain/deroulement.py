"""The payments of a décompte imputed in date order at a cost linear in invoices + payments
(issue 18): the same figures as the step-by-step imputation of decompte._Calcul, which serves small
dossiers and stays the reference. Used by decompte.calculer_decompte.
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
from decimal import Decimal
from typing import TYPE_CHECKING

from recouvrement_tui.domain.dates import UN_JOUR
from recouvrement_tui.domain.decompte_resultat import Imputation
from recouvrement_tui.domain.imputation import Compte, payer_groupe, reste_du, trop_percu
from recouvrement_tui.domain.model import Paiement
from recouvrement_tui.domain.money import ZERO
from recouvrement_tui.domain.taux import semestre_de

if TYPE_CHECKING:
    from recouvrement_tui.domain.decompte import _Calcul

_NON_ECHUES = ("non échue",)  # not due at the payment's date: last, oldest first
_SANS_COURS = ("sans cours",)  # due, interest not running yet (or never): rate 0


def au_centime(valeur: Decimal) -> bool:
    """Written with two decimals, as lire_montant and the stored files give every amount."""
    return valeur.as_tuple().exponent == -2


class Deroulement:
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
            reste = payer_groupe(designe, reste, parts)
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
        return imputations + trop_percu(paiement, reste, calcul.avertir)

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
                reste = payer_groupe([self.comptes[i] for i in sorted(membres)], reste, parts)
        return reste
