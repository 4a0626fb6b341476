"""Deadlines that lose a right when missed, derived from the facts of a dossier.

Each function returns a `DelaiLegal`: the last day to act and the rule that produced it, in
French, so the agenda can show why a date is what it is (DOMAIN.md §2 and §4).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from recouvrement_tui.domain.dates import UN_JOUR, plus_mois
from recouvrement_tui.domain.delais import Duree, UniteDuree, Zone, avancer_avant, calculer_delai
from recouvrement_tui.domain.etapes import Etape
from recouvrement_tui.domain.formatage import date_longue
from recouvrement_tui.domain.model import Dossier, Localisation

BASCULE_SIGNIFICATION_IP = dt.date(2026, 9, 1)  # décret 2026-96: 6 months before, 3 months from
ALERTE_PRESCRIPTION_MOIS = 6


@dataclass(frozen=True)
class DelaiLegal:
    libelle: str  # what must be done by then
    echeance: dt.date  # the last day (inclusive)
    regle: str  # the rule, with its article, in French
    echeance_brute: dt.date | None = None  # before moving off a non-working day
    motif_report: str = ""


def _procedural(libelle: str, depart: dt.date, duree: Duree, zone: Zone, regle: str) -> DelaiLegal:
    e = calculer_delai(depart, duree, zone)
    if e.motif_report:
        regle += f" ; échéance du {date_longue(e.echeance_brute)} reportée ({e.motif_report}), art. 642 CPC"
    return DelaiLegal(libelle, e.echeance, regle, e.echeance_brute, e.motif_report)


def signification_injonction(date_ordonnance: dt.date, zone: Zone = Zone.METROPOLE) -> DelaiLegal:
    """The ordonnance lapses if not served within 6 months (rendered before 1 Sept 2026) or 3 months."""
    if date_ordonnance < BASCULE_SIGNIFICATION_IP:
        duree, regle = Duree(6, UniteDuree.MOIS), "ordonnance rendue avant le 1er septembre 2026 : 6 mois (art. 1411 CPC)"
    else:
        duree, regle = Duree(3, UniteDuree.MOIS), "ordonnance rendue à partir du 1er septembre 2026 : 3 mois (art. 1411 CPC, décret 2026-96)"
    return _procedural(
        "Faire signifier l'ordonnance d'injonction de payer, sinon elle est non avenue", date_ordonnance, duree, zone, regle
    )


def delai_de_distance(localisation: Localisation) -> int:
    """Months added by art. 643 CPC (court in metropolitan France) for where the party lives."""
    return {Localisation.OUTRE_MER: 1, Localisation.ETRANGER: 2}.get(localisation, 0)


def opposition_injonction(
    date_signification: dt.date, localisation: Localisation, zone: Zone = Zone.METROPOLE
) -> DelaiLegal:
    """One month from signification for the debtor to oppose, plus the délai de distance.

    The injonction is heard where the debtor lives: an overseas debtor's court is overseas
    too, so art. 643 (metropolitan court) adds nothing for them; a debtor abroad gets two
    months more (art. 643 or 644).
    """
    distance = 2 if localisation is Localisation.ETRANGER else 0
    regle = "un mois à compter de la signification (art. 1416 CPC)"
    if distance:
        regle += ", augmenté de 2 mois pour un débiteur demeurant à l'étranger (art. 643 et 644 CPC)"
    return _procedural(
        "Fin du délai d'opposition du débiteur : au-delà, l'ordonnance peut être exécutée",
        date_signification,
        Duree(1 + distance, UniteDuree.MOIS),
        zone,
        regle,
    )


def nature_juridiction(nom: str) -> str | None:
    """"commerce" (tribunal de commerce or des activités économiques), "judiciaire", or None."""
    texte = nom.casefold().replace("é", "e")
    if "commerce" in texte or "activites economiques" in texte or texte.split()[:1] in (["tc"], ["tae"]):
        return "commerce"
    if "judiciaire" in texte or texte.split()[:1] == ["tj"]:
        return "judiciaire"
    return None


# Days before the hearing the assignation must reach the greffe, by kind of court.
_ENROLEMENT = {
    "commerce": (8, "art. 857 CPC", "Placer l'assignation au greffe du tribunal de commerce"),
    "judiciaire": (15, "art. 754 CPC", "Remettre l'assignation au greffe du tribunal judiciaire"),
}


def enrolement(date_audience: dt.date, nature: str = "commerce", zone: Zone = Zone.METROPOLE) -> DelaiLegal:
    """The assignation must reach the greffe before the hearing, or the summons lapses
    (8 days at a tribunal de commerce, art. 857; 15 days at a tribunal judiciaire, art. 754).

    Counted backwards: moving a non-working last day *later* would shorten the margin, so the
    date moves earlier, to the previous working day (the cautious reading).
    """
    jours, article, libelle = _ENROLEMENT[nature]
    brute = date_audience - jours * UN_JOUR
    jour, motifs = avancer_avant(brute, zone)
    regle = f"au moins {jours} jours avant l'audience du {date_longue(date_audience)}, sinon caducité ({article})"
    if motifs:
        regle += f" ; le {date_longue(brute)} n'est pas ouvrable ({motifs}), avancé au jour ouvrable précédent"
    return DelaiLegal(libelle, jour, regle, brute, motifs)


def enrolement_tribunal_commerce(date_audience: dt.date, zone: Zone = Zone.METROPOLE) -> DelaiLegal:
    return enrolement(date_audience, "commerce", zone)


def execution_sans_opposition(date_ordonnance: dt.date, date_signification: dt.date, localisation: Localisation,
                              zone: Zone = Zone.METROPOLE) -> tuple[dt.date, str]:
    """From when an ordonnance may be enforced: after the opposition period and, for ordonnances
    from 1 Sept 2026, two months after service with no notice of opposition (décret 2026-96)."""
    opposition = opposition_injonction(date_signification, localisation, zone)
    date = opposition.echeance + UN_JOUR
    regle = f"fin du délai d'opposition le {date_longue(opposition.echeance)} : {opposition.regle}"
    if date_ordonnance >= BASCULE_SIGNIFICATION_IP:
        deux_mois = plus_mois(date_signification, 2) + UN_JOUR
        if deux_mois > date:
            date = deux_mois
            regle += " ; sans avis d'opposition du greffe dans les 2 mois de la signification (décret 2026-96)"
    return date, regle


def declaration_de_creance(
    date_publication_bodacc: dt.date, creancier_hors_metropole: bool = False, zone: Zone = Zone.METROPOLE
) -> DelaiLegal:
    """Two months from BODACC publication, doubled for a creditor abroad or overseas (R622-24 C. com.)."""
    mois = 4 if creancier_hors_metropole else 2
    regle = f"{mois} mois à compter de la publication au BODACC (L622-24, R622-24 C. com.)"
    if creancier_hors_metropole:
        regle += ", délai doublé pour un créancier établi hors de France métropolitaine"
    regle += " ; passé ce délai, seul un relevé de forclusion dans les 6 mois est possible (L622-26)"
    return _procedural(
        "Déclarer la créance au mandataire judiciaire", date_publication_bodacc, Duree(mois, UniteDuree.MOIS), zone, regle
    )


def fin_mise_en_demeure(
    date_envoi: dt.date, delai_jours: int, localisation: Localisation, date_reception: dt.date | None = None
) -> DelaiLegal | None:
    """The last day of the time the mise en demeure gives the debtor, or None when it cannot be
    known yet: for a debtor overseas or abroad the time runs from receipt (the avis de réception),
    which must be recorded first; in metropolitan France from the letter's date unless the receipt
    is recorded (then from receipt, the reading a court cannot fault).

    The deadline is the creditor's own, not a procedural one: art. 642 CPC does not move it, and a
    court route opens the day after it (art. 1344 C. civ.: the debtor is in default once it runs out).
    """
    if date_reception is not None:
        depart, cause = date_reception, "réception de la mise en demeure"
    elif localisation in (Localisation.OUTRE_MER, Localisation.ETRANGER):
        return None
    else:
        depart, cause = date_envoi, "date de la mise en demeure"
    fin = depart + delai_jours * UN_JOUR
    regle = f"{delai_jours} jours à compter du {date_longue(depart)}, {cause} (art. 1344 C. civ.)"
    return DelaiLegal("Fin du délai laissé par la mise en demeure", fin, regle)


@dataclass(frozen=True)
class MiseEnDemeure:
    """The mise en demeure a dossier records, and the end of the time it gives (None while that time
    runs from a receipt not yet recorded)."""

    envoi: dt.date
    numero_lrar: str
    reception: dt.date | None
    fin: DelaiLegal | None


def mise_en_demeure_du_dossier(dossier: Dossier, delai_jours: int) -> MiseEnDemeure | None:
    """The latest mise en demeure of `dossier` (its move, else the décompte's date), or None."""
    envoi = dossier.date_mise_en_demeure
    if envoi is None:
        return None
    passage = dossier.dernier_passage(Etape.MISE_EN_DEMEURE)
    reception = passage.fait_date("date_reception") if passage else None
    lrar = passage.faits.get("numero_lrar", "") if passage else ""
    return MiseEnDemeure(envoi, lrar, reception,
                         fin_mise_en_demeure(envoi, delai_jours, dossier.debiteur.localisation, reception))


def releve_de_forclusion(date_publication_bodacc: dt.date) -> DelaiLegal:
    """Six months from the BODACC publication to ask the juge-commissaire to be relieved of a missed
    declaration deadline (L622-26 al. 3 C. com.; one year for a creditor who could not know of its
    claim, which the user must show). Not moved off a weekend: the cautious reading."""
    fin = plus_mois(date_publication_bodacc, 6)
    regle = ("6 mois à compter de la publication au BODACC du jugement d'ouverture (L622-26 C. com.) ; "
             "un an pour le créancier placé dans l'impossibilité de connaître sa créance")
    return DelaiLegal("Demander le relevé de forclusion au juge-commissaire", fin, regle)


@dataclass(frozen=True)
class Prescription:
    delai: DelaiLegal
    alerte: dt.date  # when to warn (6 months before)
    depart: dt.date  # the last event that (re)started it


def prescription(
    exigibilite: dt.date,
    consommateur: bool,
    interruptions: Sequence[tuple[dt.date, str]] = (),
) -> Prescription:
    """When the claim will be time-barred: 5 years, or 2 against a consumer (L218-2 C. conso.),
    restarted in full by a partial payment, an acknowledgment or a court claim (art. 2240-2241).

    Prescription is substantive law, not a procedural deadline: art. 642 CPC does not move it,
    so the date is never pushed off a weekend (the cautious reading: act before).
    """
    depart, cause = exigibilite, "exigibilité de la créance"
    for date, motif in sorted(interruptions):
        if date >= depart:
            depart, cause = date, motif
    annees = 2 if consommateur else 5
    fin = plus_mois(depart, 12 * annees)
    base = "art. L218-2 C. conso., professionnel contre consommateur" if consommateur else "art. L110-4 C. com. et 2224 C. civ."
    regle = f"{annees} ans ({base}) à compter du {date_longue(depart)} ({cause})"
    delai = DelaiLegal("Agir en justice avant la prescription de la créance", fin, regle)
    return Prescription(delai, plus_mois(fin, -ALERTE_PRESCRIPTION_MOIS), depart)
