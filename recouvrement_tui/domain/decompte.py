"""The décompte: what the debtor owes at a date, invoice by invoice, as French law says.

- Interest runs day by day at the rate of each day's half-year (interets.lignes_interets),
  from the day after the due date (B2B, contractual, public) or after the mise en demeure
  (legal interest), to the statement or payment date inclusive.
- 40 € indemnité forfaitaire per invoice paid late, against professionals (D441-5 C. com.).
- Payments are processed in date order: interest is brought up to the payment date, then the
  payment is imputed to the invoice the debtor named (art. 1342-10 C. civ.), else to the
  oldest due invoices first; within an invoice to the indemnity, then interest, then
  principal (art. 1343-1). Every imputation is kept, to be shown.

The work is shared by job: what a décompte says (decompte_resultat), sharing a payment over
invoices (imputation), imputing many payments over many invoices in linear time (deroulement);
here, the rates and the running interest (_Calcul), and the décompte of a dossier or of one sum.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal

from recouvrement_tui.domain.conditions import ConditionsDecompte, Regime
from recouvrement_tui.domain.dates import UN_JOUR, plus_mois
from recouvrement_tui.domain.decompte_resultat import (
    INDEMNITE_FORFAITAIRE,
    MAJORATION_JUGEMENT,
    PLANCHER_MULTIPLE,
    POINTS_AU_DESSUS_BCE,
    Decompte,
    DecompteCreance,
    Imputation,
    plancher_contractuel,
    taux_au_dessus_bce,
)
from recouvrement_tui.domain.deroulement import Deroulement, au_centime
from recouvrement_tui.domain.erreurs import ErreurSaisie
from recouvrement_tui.domain.formatage import date_courte, montant
from recouvrement_tui.domain.formatage import taux as format_taux
from recouvrement_tui.domain.imputation import (
    Compte,
    ordre_legal,
    payer_groupe,
    trop_percu,
)
from recouvrement_tui.domain.interets import (
    Base,
    TauxDuJour,
    lignes_interets,
)
from recouvrement_tui.domain.model import Creance, Dossier, Paiement
from recouvrement_tui.domain.money import ZERO
from recouvrement_tui.domain.taux import LigneTaux, Taux, TauxInconnu, semestre_de


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
                majore = self.majore(jour)
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
        dossier). The décompte uses Deroulement, which gives the same figures in linear time, and
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
            reste = payer_groupe(groupe, reste, parts)
        imputations = [
            Imputation(paiement.id, paiement.date, c.creance.id, c.creance.numero, *parts[c.creance.id])
            for c in designe + [c for c in comptes if c not in designe]
            if c.creance.id in parts
        ]
        return imputations + trop_percu(paiement, reste, self.avertir)


# Up to this many invoices, payments are imputed step by step (_Calcul.imputer): as exact, and
# quicker than setting up Deroulement, whose gain grows with invoices × payments.
PAS_A_PAS_JUSQUA = 4
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
        all(au_centime(c.montant_ttc) and c.montant_ttc >= 0 for c in creances)
        and all(au_centime(p.montant) for p in paiements)
    )
    deroulement: Deroulement | None = None
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
            deroulement = Deroulement(calcul, comptes)
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


# What a décompte says is defined in decompte_resultat; named here too, as the décompte's API.
__all__ = [
    "INDEMNITE_FORFAITAIRE",
    "MAJORATION_JUGEMENT",
    "PAS_A_PAS_JUSQUA",
    "PLANCHER_MULTIPLE",
    "POINTS_AU_DESSUS_BCE",
    "Decompte",
    "DecompteCreance",
    "Imputation",
    "calculer_decompte",
    "decompte_dossier",
    "decompte_rapide",
    "plancher_contractuel",
    "regime_rapide",
    "taux_au_dessus_bce",
]
