"""The portfolio dashboard: every figure computed from the index's per-dossier figures.

Nothing here loads a dossier: `chiffrer_dossier` reduces one dossier to `ChiffresDossier`
(kept in the index cache), and `calculer_tableau_de_bord` adds up thousands of them.

Definitions (also stated in the report and the screen):

- Encours: principal still owed (invoices minus payments) of the open dossiers (not closed,
  not damaged).
- Total dû avec intérêts: the décompte total (principal, interest, indemnities) of each open
  dossier, as computed when its summary was last built (`du_au`); the dashboard says between
  which dates those décomptes were stopped. Interest is never extrapolated.
- Ancienneté: principal left on each open invoice, by days past its due date at `au`
  (`(au - échéance).days`): not due (≤ 0), 1–30, 31–60, 61–90, 91–180, > 180. The principal
  left is the dossier's current one (payments after `au` included).
- Recouvré par mois: payments received in each of the 12 calendar months ending with `au`'s
  month, every dossier included (closed ones too), up to `au`.
- DSO (days sales outstanding), on the invoices held in the dossiers:
  DSO = encours / invoices dated in the 365 days ending at `au` × 365.
  Undefined (None) when no invoice falls in that period.
- En justice: open dossiers whose chain stands on a court route (petites créances, injonction
  de payer, référé-provision, assignation au fond); titres à exécuter: on titre exécutoire.
- Actions en retard: dated actions before `au` (art. 642 CPC: a deadline runs to the end of its
  day); critiques: those whose miss loses a right (⚠); critiques à venir: within 30 days.
- Issue par voie: the last route engaged (else the amicable phase) and the outcome: recovered
  (closed as paid or agreement executed), lost (closed as irrecoverable, abandoned or with no
  motive), pursued (not closed).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from recouvrement_tui.domain.agenda import Action
from recouvrement_tui.domain.decompte import decompte_dossier
from recouvrement_tui.domain.etapes import Etape
from recouvrement_tui.domain.formatage import date_courte
from recouvrement_tui.domain.model import Dossier
from recouvrement_tui.domain.money import ZERO
from recouvrement_tui.domain.procedure import ROUTES, MotifCloture
from recouvrement_tui.domain.taux import Taux, TauxInconnu

JOURS_DSO = 365
HORIZON_CRITIQUES = 30  # days ahead for upcoming critical actions
MOIS_RECOUVRES = 12

# Routes whose engagement is the dossier's route for outcomes (the procédure collective is
# where the debtor's failure took the claim, a route of its own).
VOIES = (*ROUTES, Etape.PROCEDURE_COLLECTIVE)
VOIE_AMIABLE = "amiable"
LIBELLES_VOIES = {VOIE_AMIABLE: "Amiable", **{e.value: e.libelle for e in VOIES}}

TRANCHES = (
    ("Non échu", None, 0),
    ("1 à 30 jours", 1, 30),
    ("31 à 60 jours", 31, 60),
    ("61 à 90 jours", 61, 90),
    ("91 à 180 jours", 91, 180),
    ("Plus de 180 jours", 181, None),
)

_RECOUVRES = (MotifCloture.PAYE, MotifCloture.ACCORD_EXECUTE)

Montants = tuple[tuple[dt.date, Decimal], ...]


@dataclass(frozen=True)
class ChiffresDossier:
    """What the dashboard needs of one dossier, as kept in the index cache."""

    reference: str
    etape: Etape
    chaine: Etape  # where the chain stands (a paused stage's, see etape_de_la_chaine)
    solde: Decimal
    echeances: Montants = ()  # (due date, principal left) of each open invoice, by due date
    paiements: Montants = ()  # (date, amount) of each payment
    factures: Montants = ()  # (invoice date, amount) of each invoice
    voie: str = VOIE_AMIABLE  # last route engaged (an Etape value) or VOIE_AMIABLE
    motif_cloture: str = ""  # MotifCloture value once closed
    du: Decimal | None = None  # décompte total at `du_au` (None: not computable, e.g. a rate missing)
    du_au: dt.date | None = None
    actions: tuple[tuple[dt.date, bool], ...] = ()  # (date, critical) of each dated action

    @property
    def ouvert(self) -> bool:
        return self.etape is not Etape.CLOTURE


def _regrouper(paires: Iterable[tuple[dt.date, Decimal]]) -> Montants:
    """Amounts added up by date, dates in order (compact: one entry per date)."""
    somme: dict[dt.date, Decimal] = {}
    for jour, valeur in paires:
        somme[jour] = somme.get(jour, ZERO) + valeur
    return tuple(sorted(somme.items()))


def chiffrer_dossier(dossier: Dossier, actions: list[Action], taux: Taux | None, au: dt.date | None) -> ChiffresDossier:
    """The dashboard figures of one dossier; the décompte total at `au` when rates are given."""
    restant = dossier.restant_par_creance()
    voie = next((p.vers.value for p in reversed(dossier.passages) if p.vers in VOIES), VOIE_AMIABLE)
    cloture = next((p for p in reversed(dossier.passages) if p.vers is Etape.CLOTURE), None)
    du: Decimal | None = None
    if taux is not None and au is not None and dossier.etape is not Etape.CLOTURE:
        try:
            du = decompte_dossier(dossier, taux, au).total
        except (TauxInconnu, ValueError, ArithmeticError):
            du = None  # said on the dashboard as "sans décompte"
    return ChiffresDossier(
        reference=dossier.reference,
        etape=dossier.etape,
        chaine=dossier.etape_de_la_chaine,
        solde=dossier.solde,
        echeances=_regrouper((c.date_echeance, restant[c.id]) for c in dossier.creances if restant[c.id] > 0),
        paiements=_regrouper((p.date, p.montant) for p in dossier.paiements),
        factures=_regrouper((c.date_facture, c.montant_ttc) for c in dossier.creances),
        voie=voie,
        motif_cloture=(cloture.faits.get("motif", "") if cloture and dossier.etape is Etape.CLOTURE else ""),
        du=du,
        du_au=au if du is not None else None,
        actions=tuple((a.date, a.critique) for a in actions),
    )


@dataclass
class Chiffre:
    """A figure and the dossiers behind it (each dossier once, in the order met)."""

    libelle: str
    nombre: int = 0  # dossiers (actions for the action figures)
    montant: Decimal = ZERO
    references: list[str] = field(default_factory=list)

    def ajouter(self, reference: str, montant: Decimal = ZERO, nombre: int = 1) -> None:
        self.nombre += nombre
        self.montant += montant
        if not self.references or self.references[-1] != reference:
            self.references.append(reference)


@dataclass
class IssueVoie:
    voie: str  # VOIE_AMIABLE or an Etape value
    recouvre: Chiffre
    poursuivi: Chiffre
    perdu: Chiffre

    @property
    def libelle(self) -> str:
        return LIBELLES_VOIES[self.voie]


@dataclass
class TableauDeBord:
    au: dt.date
    encours: Chiffre
    du_avec_interets: Chiffre  # montant: sum of the décomptes computed; nombre: dossiers with one
    du_calcule_du: dt.date | None  # earliest and latest date the décomptes were stopped at
    du_calcule_au: dt.date | None
    sans_decompte: Chiffre  # open dossiers without a décompte (a rate missing…)
    par_etape: list[Chiffre]
    anciennete: list[Chiffre]
    recouvre_par_mois: list[tuple[dt.date, Chiffre]]  # (first day of the month, payments)
    dso: Decimal | None  # days, one decimal
    ventes_periode: Decimal  # invoices dated in the DSO period
    en_justice: Chiffre
    titres_a_executer: Chiffre
    actions_en_retard: Chiffre
    critiques_en_retard: Chiffre
    critiques_a_venir: Chiffre
    issues: list[IssueVoie]
    dossiers: int  # dossiers counted (damaged ones excluded)
    endommages: int = 0  # dossiers that could not be read, left out (set by the caller)

    @property
    def periode_des_decomptes(self) -> str:
        """"au 20/06/2026" or "du 01/06/2026 au 20/06/2026": when the décomptes were stopped ("" if none)."""
        if not self.du_calcule_du:
            return ""
        if self.du_calcule_du == self.du_calcule_au:
            return f"au {date_courte(self.du_calcule_au)}"
        return f"du {date_courte(self.du_calcule_du)} au {date_courte(self.du_calcule_au)}"


def _tranche(jours: int) -> int:
    for i, (_, debut, fin) in enumerate(TRANCHES):
        if (debut is None or jours >= debut) and (fin is None or jours <= fin):
            return i
    raise AssertionError(jours)  # the buckets cover every integer


def _debut_mois(jour: dt.date, decalage: int = 0) -> dt.date:
    rang = jour.year * 12 + jour.month - 1 + decalage
    return dt.date(rang // 12, rang % 12 + 1, 1)


def calculer_tableau_de_bord(dossiers: Iterable[ChiffresDossier], au: dt.date) -> TableauDeBord:
    """Every figure of the dashboard at `au` (see the module docstring for the definitions)."""
    encours = Chiffre("Encours")
    du = Chiffre("Total dû avec intérêts")
    sans = Chiffre("Sans décompte")
    dates_du: list[dt.date] = []
    etapes: dict[Etape, Chiffre] = {e: Chiffre(e.libelle) for e in Etape}
    tranches = [Chiffre(libelle) for libelle, _, _ in TRANCHES]
    premier_mois = _debut_mois(au, -(MOIS_RECOUVRES - 1))
    mois = {_debut_mois(au, -i): Chiffre(f"{_debut_mois(au, -i):%m/%Y}") for i in range(MOIS_RECOUVRES - 1, -1, -1)}
    debut_dso = au - dt.timedelta(days=JOURS_DSO)
    ventes = ZERO
    justice = Chiffre("En justice")
    titres = Chiffre("Titres à exécuter")
    retard = Chiffre("Actions en retard")
    critiques = Chiffre("dont critiques ⚠")
    a_venir = Chiffre(f"Critiques ⚠ dans les {HORIZON_CRITIQUES} jours")
    horizon = au + dt.timedelta(days=HORIZON_CRITIQUES)
    issues: dict[str, IssueVoie] = {
        v: IssueVoie(v, Chiffre("Recouvré"), Chiffre("Poursuivi"), Chiffre("Perdu")) for v in LIBELLES_VOIES
    }
    nombre = 0
    for d in dossiers:
        nombre += 1
        ref = d.reference
        for jour, valeur in d.paiements:
            if premier_mois <= jour <= au:
                mois[_debut_mois(jour)].ajouter(ref, valeur)
        for jour, valeur in d.factures:
            if debut_dso < jour <= au:
                ventes += valeur
        etapes[d.etape].ajouter(ref, d.solde)
        issue = issues.get(d.voie) or issues[VOIE_AMIABLE]
        if not d.ouvert:
            cible = issue.recouvre if d.motif_cloture in _RECOUVRES else issue.perdu
            cible.ajouter(ref, sum((v for _, v in d.paiements), ZERO))
            continue
        issue.poursuivi.ajouter(ref, d.solde)
        encours.ajouter(ref, d.solde)
        if d.du is not None and d.du_au is not None:
            du.ajouter(ref, d.du)
            dates_du.append(d.du_au)
        else:
            sans.ajouter(ref, d.solde)
        for echeance, valeur in d.echeances:
            tranche = tranches[_tranche((au - echeance).days)]
            # A dossier counted once per bucket, however many of its invoices fall in it.
            tranche.ajouter(ref, valeur, nombre=0 if tranche.references[-1:] == [ref] else 1)
        if d.chaine in ROUTES:
            justice.ajouter(ref, d.solde)
        elif d.chaine is Etape.TITRE_EXECUTOIRE:
            titres.ajouter(ref, d.solde)
        for jour, critique in d.actions:
            if jour < au:
                retard.ajouter(ref)
                if critique:
                    critiques.ajouter(ref)
            elif critique and jour <= horizon:
                a_venir.ajouter(ref)
    dso = None
    if ventes > 0:
        dso = (encours.montant / ventes * JOURS_DSO).quantize(Decimal("0.1"))
    return TableauDeBord(
        au=au,
        encours=encours,
        du_avec_interets=du,
        du_calcule_du=min(dates_du, default=None),
        du_calcule_au=max(dates_du, default=None),
        sans_decompte=sans,
        par_etape=[c for c in etapes.values() if c.nombre],
        anciennete=tranches,
        recouvre_par_mois=list(mois.items()),
        dso=dso,
        ventes_periode=ventes,
        en_justice=justice,
        titres_a_executer=titres,
        actions_en_retard=retard,
        critiques_en_retard=critiques,
        critiques_a_venir=a_venir,
        issues=[i for i in issues.values() if i.recouvre.nombre or i.poursuivi.nombre or i.perdu.nombre],
        dossiers=nombre,
    )
