"""The dossier model: balances, which invoices are still open, and the journal."""

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest

from recouvrement_tui.domain.erreurs import ErreurSaisie
from recouvrement_tui.domain.etapes import Etape, TypeEvenement
from recouvrement_tui.domain.model import Creance, Debiteur, Dossier, Paiement
from recouvrement_tui.domain.parametres import CalendrierRelances
from recouvrement_tui.domain.prochaine_action import prochaine_action

QUAND = dt.datetime(2026, 11, 23, 10, 0)


def _dossier(*creances, paiements=(), etape=Etape.NOUVEAU, cree_le=dt.date(2026, 9, 1), etape_depuis=None):
    return Dossier("2026-0001", cree_le, Debiteur(nom="X"), tuple(creances), tuple(paiements), etape=etape, etape_depuis=etape_depuis)


F1 = Creance("F1", dt.date(2026, 8, 1), dt.date(2026, 8, 31), Decimal("1200.00"), id="f1")
F2 = Creance("F2", dt.date(2026, 9, 1), dt.date(2026, 9, 30), Decimal("800.50"), id="f2")


def test_balance_is_invoices_minus_payments():
    d = _dossier(F1, F2, paiements=[Paiement(dt.date(2026, 10, 1), Decimal("500.00"))])
    assert d.total_creances == Decimal("2000.50")
    assert d.solde == Decimal("1500.50")


def test_undesignated_payments_close_the_oldest_invoices_first():
    d = _dossier(F2, F1, paiements=[Paiement(dt.date(2026, 10, 1), Decimal("1300.00"))])
    assert d.restant_par_creance() == {"f2": Decimal("700.50"), "f1": Decimal("0.00")}
    assert [c.numero for c in d.creances_ouvertes()] == ["F2"]


def test_designated_payment_goes_to_its_invoice_and_surplus_to_the_oldest():
    d = _dossier(F1, F2, paiements=[Paiement(dt.date(2026, 10, 1), Decimal("900.00"), creance_id="f2")])
    restant = d.restant_par_creance()
    assert restant["f2"] == Decimal("0.00")
    assert restant["f1"] == Decimal("1200.00") - Decimal("99.50")


def test_every_edit_appends_one_journal_entry_and_never_rewrites():
    d = _dossier()
    d1 = d.ajouter_creance(F1, "c.martin", QUAND)
    d2 = d1.ajouter_paiement(Paiement(dt.date(2026, 10, 1), Decimal("1234.56"), creance_id="f1"), "c.martin", QUAND)
    d3 = d2.noter(TypeEvenement.NOTE, "Appel du débiteur.", "j.dubois", QUAND)
    assert [e.type for e in d3.journal] == [TypeEvenement.CREANCE, TypeEvenement.PAIEMENT, TypeEvenement.NOTE]
    assert d3.journal[:2] == d2.journal
    assert "1\u202f234,56\u00a0€" in d3.journal[1].texte and "facture F1" in d3.journal[1].texte
    assert d3.journal[2].auteur == "j.dubois"


def test_duplicate_invoice_number_refused():
    d = _dossier(F1)
    with pytest.raises(ErreurSaisie, match="figure déjà"):
        d.ajouter_creance(replace(F2, numero="F1"), "a", QUAND)


def test_editing_an_invoice_journals_what_changed_and_nothing_when_unchanged():
    d = _dossier(F1)
    assert d.modifier_creance(F1, "a", QUAND) is d
    d2 = d.modifier_creance(replace(F1, montant_ttc=Decimal("1000.00"), objet="Pose"), "a", QUAND)
    assert d2.creance("f1").montant_ttc == Decimal("1000.00")
    assert d2.journal[-1].texte == "Facture F1 modifiée : montant TTC, objet."


def test_empty_note_refused():
    with pytest.raises(ErreurSaisie):
        _dossier().noter(TypeEvenement.NOTE, "   ", "a", QUAND)


class TestProchaineAction:
    calendrier = CalendrierRelances()

    def test_new_dossier_before_due_date_gets_a_preventive_reminder(self):
        d = _dossier(F1, cree_le=dt.date(2026, 8, 1))
        action = prochaine_action(d, self.calendrier)
        assert (action.libelle, action.date) == ("Relance préventive", dt.date(2026, 8, 26))

    def test_a_preventive_reminder_holds_while_an_invoice_is_still_to_fall_due(self):
        """Seen in the demo: a new dossier kept « Relance préventive » for months after its invoices
        fell due; the batch proposed it first and the legal guard then refused it. At `au`, the
        préventive holds while an invoice is still à échoir (an invoice due that day still is),
        and until the first invoice's relance amiable falls due, whichever ends first."""
        F3 = Creance("F3", dt.date(2026, 9, 1), dt.date(2026, 12, 31), Decimal("300.00"), id="f3")
        d = _dossier(F1, F2, cree_le=dt.date(2026, 8, 1))  # due 31/08 and 30/09
        plan = prochaine_action(d, self.calendrier)
        assert (plan.libelle, plan.date, plan.jusqua) == ("Relance préventive", dt.date(2026, 8, 26), dt.date(2026, 9, 29))
        assert prochaine_action(d, self.calendrier, dt.date(2026, 9, 29)) == plan
        apres = prochaine_action(d, self.calendrier, dt.date(2026, 9, 30))  # F1 30 days overdue: F2 waits
        assert (apres.libelle, apres.date, apres.vers, apres.jusqua) == (
            "Relance amiable", dt.date(2026, 9, 30), Etape.RELANCE_AMIABLE, None)
        # One invoice: the préventive holds up to its due date included.
        seule = _dossier(F3, cree_le=dt.date(2026, 9, 1))
        assert prochaine_action(seule, self.calendrier, dt.date(2026, 12, 31)).jusqua == dt.date(2026, 12, 31)
        assert prochaine_action(seule, self.calendrier, dt.date(2027, 1, 1)).libelle == "Relance amiable"

    def test_new_dossier_after_due_date_gets_first_reminder_30_days_after(self):
        action = prochaine_action(_dossier(F1), self.calendrier)
        assert (action.libelle, action.date) == ("Relance amiable", dt.date(2026, 9, 30))

    def test_escalation_dates_follow_the_calendar(self):
        depuis = dt.date(2026, 10, 1)
        assert prochaine_action(_dossier(F1, etape=Etape.RELANCE_AMIABLE, etape_depuis=depuis), self.calendrier).date == dt.date(2026, 10, 16)
        mise = prochaine_action(_dossier(F1, etape=Etape.MISE_EN_DEMEURE, etape_depuis=depuis), self.calendrier)
        assert mise.libelle == "Choisir une voie judiciaire" and mise.date == dt.date(2026, 10, 10)

    def test_paid_and_closed(self):
        paye = _dossier(F1, paiements=[Paiement(dt.date(2026, 10, 5), Decimal("1200.00"))])
        assert prochaine_action(paye, self.calendrier).libelle == "Clôturer : dossier soldé"
        assert prochaine_action(replace(paye, etape=Etape.CLOTURE), self.calendrier) is None


def test_a_dossier_is_closed_as_paid_only_once_its_principal_is_paid():
    """Seen by a user: 2026-0018 closed « payé » with 2 969,32 € still owed, without a word. The other
    motives close a dossier that still shows a balance (settlement carried out, written off, given up)."""
    du = _dossier(F1, paiements=[Paiement(dt.date(2026, 10, 5), Decimal("250.00"))], etape=Etape.RELANCE_AMIABLE,
                  etape_depuis=dt.date(2026, 10, 1))
    with pytest.raises(ErreurSaisie) as refus:
        du.changer_etape(Etape.CLOTURE, dt.date(2026, 11, 20), {"motif": "paye"}, du.solde, "c.martin", QUAND)
    assert refus.value.champ == "motif"
    assert "il reste 950,00" in str(refus.value) and "abandon" in str(refus.value)
    for motif in ("accord_execute", "irrecouvrable", "abandon"):
        ferme = du.changer_etape(Etape.CLOTURE, dt.date(2026, 11, 20), {"motif": motif}, du.solde, "c.martin", QUAND)
        assert ferme.etape is Etape.CLOTURE
    solde = replace(du, paiements=du.paiements + (Paiement(dt.date(2026, 11, 2), Decimal("950.00")),))
    paye = solde.changer_etape(Etape.CLOTURE, dt.date(2026, 11, 20), {"motif": "paye"}, Decimal(0), "c.martin", QUAND)
    assert paye.etape is Etape.CLOTURE and paye.passages[-1].faits["motif"] == "paye"
