"""The décompte, checked against figures worked by hand (DOMAIN.md §3)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recouvrement_tui.domain.conditions import ConditionsDecompte, Regime
from recouvrement_tui.domain.decompte import calculer_decompte
from recouvrement_tui.domain.interets import Base, TauxDuJour, lignes_interets
from recouvrement_tui.domain.model import Creance, Paiement
from recouvrement_tui.domain.taux import TauxInconnu, semestre_de
from recouvrement_tui.storage.taux import charger_taux

J = dt.date


@pytest.fixture(scope="module")
def taux(tmp_path_factory):
    return charger_taux(tmp_path_factory.mktemp("donnees"))


def facture(numero, echeance, montant, taux_contractuel=None):
    return Creance(numero, echeance - dt.timedelta(days=30), echeance, D(montant), taux_contractuel=taux_contractuel, id=numero)


def paiement(date, montant, creance_id=None):
    return Paiement(date, D(montant), creance_id=creance_id, id=f"p{date}")


def resume(lignes):
    return [(l.du, l.au, l.jours, l.taux, l.montant) for l in lignes]


def test_public_worked_example_67_26(taux):
    """10,000 € due 20 June 2026, paid 10 July 2026: 33.29 + 33.97 = 67.26 € plus 40 €."""
    d = calculer_decompte([facture("F1", J(2026, 6, 20), "10000.00")], [], ConditionsDecompte(), taux, J(2026, 7, 10))
    assert resume(d.lignes) == [
        (J(2026, 6, 21), J(2026, 6, 30), 10, D("12.15"), D("33.29")),
        (J(2026, 7, 1), J(2026, 7, 10), 10, D("12.40"), D("33.97")),
    ]
    assert d.interets_courus == D("67.26")
    assert d.indemnites == D("40.00")
    assert d.total == D("10107.26")
    assert any("2026-S2" in a and "à confirmer" in a for a in d.avertissements)


def test_payment_of_the_principal_alone_leaves_principal_due_because_of_imputation(taux):
    """The same debt paid 10,000 € on 10 July: the law imputes indemnity and interest first."""
    d = calculer_decompte(
        [facture("F1", J(2026, 6, 20), "10000.00")], [paiement(J(2026, 7, 10), "10000")], ConditionsDecompte(), taux, J(2026, 7, 10)
    )
    (imputation,) = d.imputations
    assert (imputation.sur_indemnite, imputation.sur_interets, imputation.sur_principal) == (D("40.00"), D("67.26"), D("9892.74"))
    assert (d.principal, d.interets, d.indemnites, d.total) == (D("107.26"), D("0.00"), D("0.00"), D("107.26"))


def test_a_period_crossing_2023_and_2024_takes_each_half_year_rate(taux):
    """5,000 € due 31 May 2023, stated 31 March 2024: 12.50 %, 14.00 %, 14.50 %."""
    d = calculer_decompte([facture("F1", J(2023, 5, 31), "5000.00")], [], ConditionsDecompte(), taux, J(2024, 3, 31))
    assert resume(d.lignes) == [
        (J(2023, 6, 1), J(2023, 6, 30), 30, D("12.50"), D("51.37")),  # 5000 × 12.5 % × 30/365 = 51.3698
        (J(2023, 7, 1), J(2023, 12, 31), 184, D("14.00"), D("352.88")),  # 352.8767
        (J(2024, 1, 1), J(2024, 3, 31), 91, D("14.50"), D("180.75")),  # 180.7534
    ]
    assert d.interets == D("585.00")
    exacte = calculer_decompte(
        [facture("F1", J(2023, 5, 31), "5000.00")], [], ConditionsDecompte(base=Base.EXACTE), taux, J(2024, 3, 31)
    )
    assert exacte.lignes[-1].montant == D("180.26")  # 2024 is a leap year: / 366


def test_partial_payment_is_imputed_indemnity_interest_principal(taux):
    """10,000 € due 31 Jan 2026, 3,000 € paid 2 March, stated 30 June 2026 at 12.15 %."""
    d = calculer_decompte(
        [facture("F1", J(2026, 1, 31), "10000.00")], [paiement(J(2026, 3, 2), "3000")], ConditionsDecompte(), taux, J(2026, 6, 30)
    )
    assert resume(d.lignes) == [
        (J(2026, 2, 1), J(2026, 3, 2), 30, D("12.15"), D("99.86")),  # 10000 × 12.15 % × 30/365
        (J(2026, 3, 3), J(2026, 6, 30), 120, D("12.15"), D("285.20")),  # on 7,139.86 €
    ]
    (imputation,) = d.imputations
    assert (imputation.sur_indemnite, imputation.sur_interets, imputation.sur_principal) == (D("40.00"), D("99.86"), D("2860.14"))
    assert d.lignes[1].assiette == D("7139.86")
    assert (d.principal, d.interets_courus, d.interets, d.indemnites) == (D("7139.86"), D("385.06"), D("285.20"), D("0.00"))


def test_consumer_legal_interest_from_the_mise_en_demeure_and_no_indemnity(taux):
    """1,200 € due 15 Feb 2026, mise en demeure 10 March, stated 30 June: 112 days at 2.62 %."""
    creance = facture("F1", J(2026, 2, 15), "1200.00")
    conditions = ConditionsDecompte(date_mise_en_demeure=J(2026, 3, 10))
    d = calculer_decompte([creance], [], conditions, taux, J(2026, 6, 30), consommateur=True)
    assert resume(d.lignes) == [(J(2026, 3, 11), J(2026, 6, 30), 112, D("2.62"), D("9.65"))]
    assert d.indemnites == D("0.00")
    assert d.creances[0].regime is Regime.LEGAL
    particulier = ConditionsDecompte(date_mise_en_demeure=J(2026, 3, 10), creancier_particulier=True)
    assert calculer_decompte([creance], [], particulier, taux, J(2026, 6, 30), consommateur=True).interets == D("24.56")
    sans = calculer_decompte([creance], [], ConditionsDecompte(), taux, J(2026, 6, 30), consommateur=True)
    assert sans.interets == D("0.00")
    assert any("aucune date de mise en demeure" in a for a in sans.avertissements)


def test_contractual_rate_below_the_floor_is_warned_never_changed(taux):
    """6 % in 2026-S1 is below 3 × 2.62 % = 7.86 %: warned, and 6 % is still what is applied."""
    d = calculer_decompte([facture("F1", J(2026, 1, 31), "1000.00", D("6"))], [], ConditionsDecompte(), taux, J(2026, 3, 31))
    assert {l.taux for l in d.lignes} == {D("6")}
    assert d.interets == D("9.70")  # 1000 × 6 % × 59/365 = 9.6986
    assert any("plancher" in a and "7,86" in a and "2026-S1" in a for a in d.avertissements)
    # In 2024 the floor (15.21 %) was above the default rate: the default is never raised to it.
    defaut = calculer_decompte([facture("F2", J(2024, 1, 31), "1000.00")], [], ConditionsDecompte(), taux, J(2024, 3, 31))
    assert {l.taux for l in defaut.lignes} == {D("14.50")}
    assert not any("plancher" in a for a in defaut.avertissements)


def test_an_unknown_half_year_is_refused_by_name(taux):
    with pytest.raises(TauxInconnu) as erreur:
        calculer_decompte([facture("F1", J(2026, 11, 30), "1000.00")], [], ConditionsDecompte(), taux, J(2027, 2, 1))
    assert erreur.value.semestre == "2027-S1"
    assert "2027-S1" in str(erreur.value) and "taux_bce_semestres.csv" in str(erreur.value)
    assert "extrapol" in str(erreur.value)


def test_public_buyer_ecb_plus_8(taux):
    d = calculer_decompte([facture("F1", J(2026, 1, 31), "1000.00")], [], ConditionsDecompte(), taux, J(2026, 2, 28), public=True)
    assert {l.taux for l in d.lignes} == {D("10.15")}
    assert d.indemnites == D("40.00")


def test_payment_designating_an_invoice_goes_there_first(taux):
    ancienne = facture("A", J(2026, 1, 31), "1000.00")
    recente = facture("B", J(2026, 2, 28), "500.00")
    d = calculer_decompte([ancienne, recente], [paiement(J(2026, 3, 31), "600", "B")], ConditionsDecompte(), taux, J(2026, 3, 31))
    premiere, *reste = d.imputations
    assert premiere.creance_id == "B"
    assert premiere.sur_indemnite == D("40.00") and premiere.sur_principal == D("500.00")
    # B's interest for March (31 days): 500 × 12.15 % × 31/365 = 5.16; the surplus goes to A.
    assert premiere.sur_interets == D("5.16")
    assert reste[0].creance_id == "A" and reste[0].total == D("600") - premiere.total


def test_undesignated_payment_goes_to_the_oldest_due_invoice(taux):
    ancienne = facture("A", J(2026, 1, 31), "1000.00")
    recente = facture("B", J(2026, 2, 28), "500.00")
    d = calculer_decompte([recente, ancienne], [paiement(J(2026, 3, 31), "100")], ConditionsDecompte(), taux, J(2026, 3, 31))
    assert [i.creance_id for i in d.imputations] == ["A"]
    assert d.imputations[0].sur_indemnite == D("40.00")


def test_interest_raised_5_points_two_months_after_signification(taux):
    """Judgment served 15 March 2026: from 16 May 2026 the legal rate is raised by 5 points."""
    conditions = ConditionsDecompte(date_mise_en_demeure=J(2026, 2, 28), date_signification_jugement=J(2026, 3, 15))
    d = calculer_decompte([facture("F1", J(2026, 1, 31), "1000.00")], [], conditions, taux, J(2026, 6, 30), consommateur=True)
    assert [(l.du, l.au, l.taux, l.majore) for l in d.lignes] == [
        (J(2026, 3, 1), J(2026, 5, 15), D("2.62"), False),
        (J(2026, 5, 16), J(2026, 6, 30), D("7.62"), True),
    ]


def test_capitalised_interest_bears_interest_after_a_full_year(taux):
    conditions = ConditionsDecompte(capitalisation=True)
    d = calculer_decompte([facture("F1", J(2024, 6, 30), "10000.00")], [], conditions, taux, J(2025, 12, 31))
    premiere_annee = sum(l.montant for l in d.lignes if l.au <= J(2025, 6, 30))
    apres = [l for l in d.lignes if l.du >= J(2025, 7, 1)]
    assert apres and all(l.assiette == D("10000.00") + premiere_annee for l in apres)
    assert d.creances[0].interets_capitalises == premiere_annee
    sans = calculer_decompte([facture("F1", J(2024, 6, 30), "10000.00")], [], ConditionsDecompte(), taux, J(2025, 12, 31))
    assert d.interets > sans.interets


def test_proven_costs_above_the_flat_indemnities(taux):
    conditions = ConditionsDecompte(frais_justifies=D("150.00"))
    factures = [facture("A", J(2026, 1, 31), "100.00"), facture("B", J(2026, 2, 28), "100.00")]
    d = calculer_decompte(factures, [], conditions, taux, J(2026, 3, 31))
    assert d.frais_complementaires == D("70.00")
    assert d.indemnites == D("150.00")
    sans = calculer_decompte(factures, [], ConditionsDecompte(indemnite_forfaitaire=False), taux, J(2026, 3, 31))
    assert sans.indemnites == D("0.00")


def test_invoice_paid_on_time_owes_nothing(taux):
    d = calculer_decompte(
        [facture("F1", J(2026, 3, 31), "800.00")], [paiement(J(2026, 3, 31), "800")], ConditionsDecompte(), taux, J(2026, 6, 30)
    )
    assert (d.total, d.indemnites, d.lignes) == (D("0.00"), D("0.00"), [])


def test_payments_after_the_statement_date_are_left_out_and_surplus_reported(taux):
    factures = [facture("F1", J(2026, 3, 31), "800.00")]
    d = calculer_decompte(factures, [paiement(J(2026, 7, 1), "100")], ConditionsDecompte(), taux, J(2026, 6, 30))
    assert not d.imputations and any("postérieur" in a for a in d.avertissements)
    trop = calculer_decompte(factures, [paiement(J(2026, 3, 1), "900")], ConditionsDecompte(), taux, J(2026, 6, 30))
    assert trop.trop_percu == D("100.00") and any("trop-perçu" in a for a in trop.avertissements)


# --- the arithmetic itself ---------------------------------------------------------------


def _taux_fixe_par_semestre(jour: dt.date) -> TauxDuJour:
    # A different rate per half-year, as in real life.
    return TauxDuJour(D("10") + D(jour.year % 7) + (D("0.35") if jour.month > 6 else 0), semestre_de(jour))


@settings(max_examples=300, deadline=None)
@given(
    assiette=st.decimals(min_value=D("0.01"), max_value=D("5000000"), places=2),
    du=st.dates(min_value=J(2015, 1, 1), max_value=J(2026, 12, 31)),
    duree=st.integers(min_value=1, max_value=2000),
    coupe=st.integers(min_value=0, max_value=1999),
    base=st.sampled_from(list(Base)),
)
def test_splitting_a_period_never_moves_the_total_by_more_than_a_cent_per_line(assiette, du, duree, coupe, base):
    au = du + dt.timedelta(days=duree)
    milieu = du + dt.timedelta(days=min(coupe, duree - 1))
    entier = lignes_interets(assiette, du, au, _taux_fixe_par_semestre, base)
    en_deux = lignes_interets(assiette, du, milieu, _taux_fixe_par_semestre, base) + lignes_interets(
        assiette, milieu + dt.timedelta(days=1), au, _taux_fixe_par_semestre, base
    )
    assert sum(l.jours for l in en_deux) == sum(l.jours for l in entier) == duree + 1
    ecart = abs(sum(l.montant for l in entier) - sum(l.montant for l in en_deux))
    assert ecart <= D("0.01") * len(en_deux)


# --- points raised in review ----------------------------------------------------------------


def test_public_buyer_rate_is_fixed_at_the_half_year_interest_started(taux):
    """R2192-31 CCP: 10,000 € due 31 May 2026; July stays at 2.15 + 8 = 10.15 %, not 10.40 %."""
    d = calculer_decompte([facture("F1", J(2026, 5, 31), "10000.00")], [], ConditionsDecompte(), taux, J(2026, 7, 31), public=True)
    assert [(l.du, l.taux, l.montant) for l in d.lignes] == [
        (J(2026, 6, 1), D("10.15"), D("83.42")),  # 30 days
        (J(2026, 7, 1), D("10.15"), D("86.21")),  # 31 days
    ]


def test_contractual_rate_still_computed_when_the_floor_cannot_be_checked(taux):
    from copy import deepcopy

    sans_legal = deepcopy(taux)
    del sans_legal.legal.lignes["2026-S1"]
    d = calculer_decompte([facture("F1", J(2026, 1, 31), "1000.00", D("15"))], [], ConditionsDecompte(), sans_legal, J(2026, 3, 31))
    assert d.interets == D("24.25")  # 1000 × 15 % × 59/365 = 24.2466
    assert any("n'a pas pu être vérifié" in a and "2026-S1" in a for a in d.avertissements)


def test_indemnity_follows_the_debtor_not_the_interest_regime(taux):
    pro_au_taux_legal = ConditionsDecompte(regime=Regime.LEGAL, date_mise_en_demeure=J(2026, 2, 15))
    d = calculer_decompte([facture("F1", J(2026, 1, 31), "1000.00")], [], pro_au_taux_legal, taux, J(2026, 3, 31))
    assert d.indemnites == D("40.00")
    conso_force_b2b = calculer_decompte(
        [facture("F1", J(2026, 1, 31), "1000.00")], [], ConditionsDecompte(regime=Regime.B2B), taux, J(2026, 3, 31),
        consommateur=True,
    )
    assert conso_force_b2b.indemnites == D("0.00")
    assert any("consommateur" in a and "L441-10" in a for a in conso_force_b2b.avertissements)


def test_proven_costs_are_never_charged_to_a_consumer(taux):
    conditions = ConditionsDecompte(date_mise_en_demeure=J(2026, 2, 1), frais_justifies=D("300"))
    d = calculer_decompte([facture("F1", J(2026, 1, 31), "1000.00")], [], conditions, taux, J(2026, 3, 31), consommateur=True)
    assert d.indemnites == D("0.00") and d.frais_complementaires == D("0.00")
    assert any("L111-8" in a for a in d.avertissements)


def test_undesignated_payment_goes_first_to_the_costlier_debt(taux):
    """Art. 1342-10: the debtor has more interest in paying the 20 % invoice, though newer."""
    ancienne = facture("A", J(2026, 1, 31), "1000.00")
    chere = facture("B", J(2026, 2, 28), "1000.00", D("20"))
    d = calculer_decompte([ancienne, chere], [paiement(J(2026, 3, 31), "500")], ConditionsDecompte(), taux, J(2026, 3, 31))
    assert [i.creance_id for i in d.imputations] == ["B"]


def test_equal_debts_share_a_payment_in_proportion(taux):
    a = facture("F9", J(2026, 1, 31), "1000.00")
    b = facture("F10", J(2026, 1, 31), "3000.00")
    d = calculer_decompte([a, b], [paiement(J(2026, 1, 31), "400")], ConditionsDecompte(), taux, J(2026, 1, 31))
    parts = {i.creance_id: i.sur_principal for i in d.imputations}
    assert parts == {"F9": D("100.00"), "F10": D("300.00")}


def test_start_of_legal_interest_warnings(taux):
    creance = facture("F1", J(2026, 3, 31), "1000.00")
    jugement = ConditionsDecompte(date_signification_jugement=J(2026, 5, 15))
    d = calculer_decompte([creance], [], jugement, taux, J(2026, 6, 30), consommateur=True)
    assert any("art. 1231-7" in a for a in d.avertissements)
    premature = ConditionsDecompte(date_mise_en_demeure=J(2026, 3, 15))
    d = calculer_decompte([creance], [], premature, taux, J(2026, 6, 30), consommateur=True)
    assert d.lignes[0].du == J(2026, 4, 1)
    assert any("précède l'échéance" in a for a in d.avertissements)


def test_payment_naming_an_unknown_invoice_and_invoices_not_yet_due(taux):
    factures = [facture("A", J(2026, 1, 31), "1000.00"), facture("B", J(2026, 12, 31), "500.00")]
    d = calculer_decompte(factures, [paiement(J(2026, 2, 1), "100", "inconnue")], ConditionsDecompte(), taux, J(2026, 3, 31))
    assert any("absente du dossier" in a for a in d.avertissements)
    assert d.imputations[0].creance_id == "A"
    assert [c.echue for c in d.creances] == [True, False]
    assert any("n'est pas échue" in a and "B" in a for a in d.avertissements)


# --- invariants over random dossiers ---------------------------------------------------------

_montants = st.decimals(min_value=D("1.00"), max_value=D("50000.00"), places=2)
_jours = st.dates(min_value=J(2023, 1, 1), max_value=J(2026, 12, 31))


@settings(max_examples=200, deadline=None)
@given(
    factures=st.lists(st.tuples(_jours, _montants, st.sampled_from([None, D("9"), D("15")])), min_size=1, max_size=4),
    paiements=st.lists(st.tuples(_jours, _montants, st.booleans()), max_size=5),
    au=_jours,
    conditions=st.builds(
        ConditionsDecompte,
        capitalisation=st.booleans(),
        indemnite_forfaitaire=st.booleans(),
        base=st.sampled_from(list(Base)),
        date_mise_en_demeure=st.one_of(st.none(), _jours),
    ),
    consommateur=st.booleans(),
)
def test_every_euro_paid_is_accounted_for(taux, factures, paiements, au, conditions, consommateur):
    creances = [facture(f"F{i}", echeance, str(m), t) for i, (echeance, m, t) in enumerate(factures)]
    recus = [
        Paiement(date, m, creance_id=creances[i % len(creances)].id if designe else None, id=f"p{i}")
        for i, (date, m, designe) in enumerate(paiements)
    ]
    d = calculer_decompte(creances, recus, conditions, taux, au, consommateur=consommateur)
    encaisse = sum((p.montant for p in recus if p.date <= au), D("0"))
    assert sum((i.total for i in d.imputations), D("0")) == encaisse
    for c in d.creances:
        paye_principal = sum((i.sur_principal for i in d.imputations if i.creance_id == c.creance.id), D("0"))
        paye_interets = sum((i.sur_interets for i in d.imputations if i.creance_id == c.creance.id), D("0"))
        assert c.principal_du + paye_principal == c.creance.montant_ttc
        assert c.interets_dus + paye_interets == c.interets_courus
        assert min(c.principal_du, c.interets_dus, c.indemnite_due) >= 0
        assert c.interets_courus == sum((l.montant for l in c.lignes), D("0"))
        if consommateur:
            assert c.indemnite == 0
    assert d.total == d.principal + d.interets + d.indemnites


def test_collective_proceedings_stop_interest_and_the_indemnity_for_later_due_dates(taux):
    conditions = ConditionsDecompte(date_jugement_ouverture=J(2026, 3, 16))
    avant = facture("A", J(2026, 1, 31), "1000.00")
    apres = facture("B", J(2026, 4, 30), "1000.00")
    d = calculer_decompte([avant, apres], [], conditions, taux, J(2026, 6, 30))
    assert d.lignes[-1].au == J(2026, 3, 15) and {c.creance.numero for c in d.creances if c.lignes} == {"A"}
    assert d.interets == D("14.31")  # 1 Feb-15 Mar: 43 days, 1000 × 12.15 % × 43/365 = 14.3137
    assert [c.indemnite for c in d.creances] == [D("40.00"), D("0.00")]
    assert any("L622-28" in a for a in d.avertissements)
