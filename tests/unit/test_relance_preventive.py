"""A relance préventive recalls a due date to come: once every invoice has fallen due it is no longer
possible (the legal guard refuses it), and the list, the agenda and the batch ask for the first
relance amiable instead, without the dossier having changed (issue 18's review: the demo's batch
proposed a préventive months late, then failed on it)."""

import datetime as dt

from recouvrement_tui.domain.etapes import Etape
from recouvrement_tui.services.dossiers import ServiceDossiers
from recouvrement_tui.storage.dossiers import DepotDossiers
from tests.conftest import DEBITEUR


def _service(racine, jour: dt.date) -> ServiceDossiers:
    return ServiceDossiers(racine, aujourdhui=lambda: jour, auteur="c.martin", fsync=False)


def test_the_list_and_the_batch_move_on_once_the_preventive_has_expired(tmp_path, monkeypatch):
    racine = tmp_path / "dossiers"
    service = _service(racine, dt.date(2026, 12, 1))
    dossier = service.ajouter_creance(service.creer_dossier(DEBITEUR), {
        "numero": "FA-9", "date_facture": "01/12/2026", "date_echeance": "20/12/2026", "montant_ttc": "500"})
    [avant] = service.resumes_actualises()
    assert (avant.prochaine_action, avant.prochaine_date) == ("Relance préventive", dt.date(2026, 12, 15))
    assert avant.valable_jusqua == dt.date(2026, 12, 20)
    service.fermer()

    # The due date itself: the invoice is still à échoir, the préventive holds.
    le_jour = _service(racine, dt.date(2026, 12, 20))
    assert le_jour.verifier_resumes() is None
    assert le_jour.documents.relances_dues(dt.date(2026, 12, 20)) == [(dossier.reference, "relance_preventive")]
    le_jour.fermer()

    lendemain = _service(racine, dt.date(2026, 12, 21))
    lus: list[str] = []
    charger = DepotDossiers.charger
    monkeypatch.setattr(DepotDossiers, "charger", lambda self, ref: lus.append(ref) or charger(self, ref))
    assert lendemain.resumes_en_cache() == [avant]  # the cache, as written: the check follows at once
    [apres] = lendemain.verifier_resumes()
    assert (apres.prochaine_action, apres.prochaine_date, apres.etape) == (
        "Relance amiable", dt.date(2027, 1, 19), Etape.NOUVEAU)  # 30 days after the due date
    assert apres.valable_jusqua is None and lus == [dossier.reference]
    assert lendemain.verifier_resumes() is None  # summarised once, not at every check
    assert [a.libelle for _r, a in lendemain.agenda()][0] == "Relance amiable"
    assert lendemain.documents.relances_dues(dt.date(2027, 1, 19)) == [(dossier.reference, "relance_amiable")]
    lendemain.fermer()
    assert _service(racine, dt.date(2026, 12, 22)).resumes_en_cache() == [apres]  # written back
