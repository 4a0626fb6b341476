"""The escalation chain: which stage may follow which, and the facts each move records.

Main line: relances → mise en demeure → one judicial route → titre exécutoire → exécution.
Side states (litige, promesse, échéancier) pause the chain and return to where it was;
a procédure collective blocks every route except closure (L622-21 C. com.).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from recouvrement_tui.domain.erreurs import Collecteur, ErreurSaisie
from recouvrement_tui.domain.etapes import Etape
from recouvrement_tui.domain.formatage import montant
from recouvrement_tui.domain.texte import sans_accents

if TYPE_CHECKING:  # juridiction imports the model, which imports this module
    from recouvrement_tui.domain.juridiction import Juridiction

PLAFOND_PETITES_CREANCES = Decimal("5000.00")  # art. L125-1 CPCE, interest included
SEUIL_AVOCAT = Decimal("10000.00")  # lawyer required above, tribunal de commerce (853) and judiciaire (761)
MAX_ECHEANCES = 120  # ten years of monthly instalments


def nombre_echeances(texte: str | None) -> int | None:
    """The number of instalments of a plan as typed or stored ("6"), or None if not 1-120.

    Plain ASCII digits only: "²".isdigit() is true but int("²") fails.
    """
    if texte is None or not re.fullmatch(r"[0-9]{1,3}", texte):
        return None
    nombre = int(texte)
    return nombre if 1 <= nombre <= MAX_ECHEANCES else None

AMIABLES = (Etape.NOUVEAU, Etape.RELANCE_PREVENTIVE, Etape.RELANCE_AMIABLE, Etape.RELANCE_FERME, Etape.MISE_EN_DEMEURE)
ROUTES = (Etape.PETITES_CREANCES, Etape.INJONCTION_DE_PAYER, Etape.REFERE_PROVISION, Etape.ASSIGNATION_AU_FOND)
LATERALES = (Etape.LITIGE, Etape.PROMESSE, Etape.ECHEANCIER)

_SUITE: dict[Etape, tuple[Etape, ...]] = {
    Etape.NOUVEAU: (Etape.RELANCE_PREVENTIVE, Etape.RELANCE_AMIABLE),
    Etape.RELANCE_PREVENTIVE: (Etape.RELANCE_AMIABLE,),
    Etape.RELANCE_AMIABLE: (Etape.RELANCE_FERME, Etape.MISE_EN_DEMEURE),
    Etape.RELANCE_FERME: (Etape.MISE_EN_DEMEURE,),
    Etape.MISE_EN_DEMEURE: ROUTES,
    # A failed petites-créances attempt opens the court routes (and exempts from art. 750-1).
    Etape.PETITES_CREANCES: (Etape.TITRE_EXECUTOIRE, Etape.INJONCTION_DE_PAYER, Etape.ASSIGNATION_AU_FOND),
    # An opposition sends the injonction to a hearing on the merits.
    Etape.INJONCTION_DE_PAYER: (Etape.TITRE_EXECUTOIRE, Etape.ASSIGNATION_AU_FOND),
    Etape.REFERE_PROVISION: (Etape.TITRE_EXECUTOIRE, Etape.ASSIGNATION_AU_FOND),
    Etape.ASSIGNATION_AU_FOND: (Etape.TITRE_EXECUTOIRE,),
    Etape.TITRE_EXECUTOIRE: (Etape.EXECUTION,),
    Etape.EXECUTION: (),
}


class MotifCloture:
    PAYE = "paye"
    ACCORD_EXECUTE = "accord_execute"
    IRRECOUVRABLE = "irrecouvrable"
    ABANDON = "abandon"
    LIBELLES = {
        PAYE: "payé",
        ACCORD_EXECUTE: "accord exécuté",
        IRRECOUVRABLE: "irrécouvrable",
        ABANDON: "abandon",
    }


def motif_cloture_impossible(motif: str, principal_du: Decimal) -> str:
    """Why a dossier cannot be closed with this motive, "" if it can. "Payé" says the principal was
    paid, which its payments must show; the other motives close a dossier that still shows a
    balance (a settlement carried out, a debt written off or given up)."""
    if motif == MotifCloture.PAYE and principal_du > 0:
        return (f"Le dossier ne peut pas être clôturé comme payé : il reste {montant(principal_du)} de principal dû. "
                "Enregistrez d'abord les paiements reçus, ou choisissez un autre motif "
                "(accord exécuté, irrécouvrable, abandon).")
    return ""


@dataclass(frozen=True)
class Situation:
    """What the transition rules need to know about a dossier."""

    etape: Etape
    etape_avant_pause: Etape | None  # where a side state returns to
    montant_reclame: Decimal  # total due (décompte) for the petites-créances ceiling
    litige_ouvert: bool
    urgence: bool = False  # an urgency was recorded: the court routes open before the mise en demeure


def etape_de_la_chaine(etape: Etape, etape_avant_pause: Etape | None) -> Etape:
    """Where the chain stands: during a pause (litige, promesse, échéancier), the stage it paused."""
    return etape_avant_pause if etape in LATERALES and etape_avant_pause else etape


def transitions_possibles(s: Situation) -> list[Etape]:
    """The stages a user may move the dossier to from here, in the order to offer them."""
    if s.etape is Etape.CLOTURE:
        return []
    if s.etape is Etape.PROCEDURE_COLLECTIVE:
        return [Etape.CLOTURE]
    base = etape_de_la_chaine(s.etape, s.etape_avant_pause)
    suivantes = list(_SUITE.get(base, ()))
    if s.urgence and base in AMIABLES:
        suivantes += [r for r in ROUTES if r not in suivantes]
    if s.etape in LATERALES and s.etape_avant_pause and s.etape_avant_pause not in suivantes:
        suivantes.insert(0, s.etape_avant_pause)  # resume where the chain paused
    if not petite_creance(s.montant_reclame):
        suivantes = [e for e in suivantes if e is not Etape.PETITES_CREANCES]
    if s.litige_ouvert:
        # Référé-provision needs an obligation not seriously disputable (art. 873/835 CPC).
        suivantes = [e for e in suivantes if e is not Etape.REFERE_PROVISION]
    if base not in (Etape.TITRE_EXECUTOIRE, Etape.EXECUTION):
        suivantes += [e for e in LATERALES if e is not s.etape]
    suivantes += [Etape.PROCEDURE_COLLECTIVE, Etape.CLOTURE]
    return list(dict.fromkeys(suivantes))


def pourquoi_impossible(s: Situation, cible: Etape) -> str:
    """A French explanation of why `cible` is not offered ("" when it is)."""
    if cible in transitions_possibles(s):
        return ""
    if s.etape is Etape.CLOTURE:
        return "Le dossier est clôturé."
    if s.etape is Etape.PROCEDURE_COLLECTIVE:
        return "Le débiteur est en procédure collective : seule la déclaration de créance est possible (L622-21 C. com.)."
    if cible is Etape.PETITES_CREANCES and not petite_creance(s.montant_reclame):
        return "La procédure simplifiée de petites créances est limitée à 5 000 €, intérêts compris (L125-1 CPCE)."
    if cible is Etape.REFERE_PROVISION and s.litige_ouvert:
        return "Le référé-provision suppose une obligation non sérieusement contestable : une contestation est ouverte."
    return f"On ne passe pas de « {s.etape.libelle} » à « {cible.libelle} » : suivez la chaîne de recouvrement."


# --- facts recorded with each move ------------------------------------------------------------


class TypeFait(StrEnum):
    """How a fact is read: free text, or a date (checked, and counted in deadlines)."""

    TEXTE = "texte"
    DATE = "date"


@dataclass(frozen=True)
class ChampFait:
    """One fact a move records (the form for the move is built from these)."""

    cle: str
    libelle: str
    type: TypeFait = TypeFait.TEXTE
    obligatoire: bool = False


_DATE = ChampFait("date", "Date", TypeFait.DATE, True)
_JURIDICTION = ChampFait("juridiction", "Juridiction", obligatoire=True)
_INTERVENANT = ChampFait("intervenant", "Commissaire de justice ou avocat")
# The avis de réception: the mise en demeure's deadline runs from it for a debtor overseas or abroad.
_RECEPTION = ChampFait("date_reception", "Date de réception (avis de réception)", TypeFait.DATE)

FAITS_REQUIS: dict[Etape, tuple[ChampFait, ...]] = {
    Etape.RELANCE_PREVENTIVE: (_DATE,),
    Etape.RELANCE_AMIABLE: (_DATE,),
    Etape.RELANCE_FERME: (_DATE,),
    Etape.MISE_EN_DEMEURE: (_DATE, ChampFait("numero_lrar", "N° de la lettre recommandée"), _RECEPTION),
    Etape.PETITES_CREANCES: (_DATE, ChampFait("intervenant", "Commissaire de justice", obligatoire=True)),
    Etape.INJONCTION_DE_PAYER: (ChampFait("date", "Date de dépôt de la requête", TypeFait.DATE, True), _JURIDICTION),
    Etape.REFERE_PROVISION: (ChampFait("date", "Date de l'assignation", TypeFait.DATE, True), _JURIDICTION,
                             ChampFait("date_audience", "Date d'audience", TypeFait.DATE), _INTERVENANT),
    Etape.ASSIGNATION_AU_FOND: (ChampFait("date", "Date de l'assignation", TypeFait.DATE, True), _JURIDICTION,
                                ChampFait("date_audience", "Date d'audience", TypeFait.DATE), _INTERVENANT),
    Etape.TITRE_EXECUTOIRE: (ChampFait("date", "Date de la décision ou de l'accord", TypeFait.DATE, True),
                             ChampFait("numero_rg", "N° RG"), ChampFait("date_signification", "Date de signification", TypeFait.DATE)),
    Etape.EXECUTION: (_DATE, ChampFait("intervenant", "Commissaire de justice", obligatoire=True)),
    Etape.LITIGE: (_DATE, ChampFait("motif", "Motif de la contestation", obligatoire=True)),
    Etape.PROMESSE: (_DATE, ChampFait("jusquau", "Paiement promis au plus tard le", TypeFait.DATE, True)),
    Etape.ECHEANCIER: (_DATE, ChampFait("premiere_echeance", "Première échéance", TypeFait.DATE, True),
                       ChampFait("nombre_echeances", "Nombre d'échéances", obligatoire=True)),
    Etape.PROCEDURE_COLLECTIVE: (
        ChampFait("date", "Date du jugement d'ouverture", TypeFait.DATE, True),
        ChampFait("nature", "Nature (sauvegarde, redressement, liquidation)", obligatoire=True),
        ChampFait("juridiction", "Tribunal", obligatoire=True),
        ChampFait("mandataire", "Mandataire judiciaire", obligatoire=True),
        ChampFait("adresse_mandataire", "Adresse de l'étude du mandataire"),
        ChampFait("date_bodacc", "Date de publication au BODACC", TypeFait.DATE, True),
    ),
    Etape.CLOTURE: (_DATE, ChampFait("motif", "Motif (payé, accord exécuté, irrécouvrable, abandon)", obligatoire=True)),
}


# Facts of a judicial stage that arrive later (the ordonnance, its service, a hearing…),
# completed on the current stage without moving it.
_RG = ChampFait("numero_rg", "N° RG")
FAITS_A_COMPLETER: dict[Etape, tuple[ChampFait, ...]] = {
    Etape.MISE_EN_DEMEURE: (_RECEPTION, ChampFait("numero_lrar", "N° de la lettre recommandée")),
    Etape.INJONCTION_DE_PAYER: (
        ChampFait("date_ordonnance", "Date de l'ordonnance", TypeFait.DATE), _RG,
        ChampFait("date_signification", "Date de signification au débiteur", TypeFait.DATE),
        ChampFait("date_opposition", "Date d'opposition (le cas échéant)", TypeFait.DATE), _INTERVENANT,
    ),
    Etape.REFERE_PROVISION: (
        ChampFait("date_audience", "Date d'audience", TypeFait.DATE), _RG,
        ChampFait("date_ordonnance", "Date de l'ordonnance de référé", TypeFait.DATE),
        ChampFait("date_signification", "Date de signification", TypeFait.DATE), _INTERVENANT,
    ),
    Etape.ASSIGNATION_AU_FOND: (
        ChampFait("date_audience", "Date d'audience", TypeFait.DATE), _RG,
        ChampFait("date_jugement", "Date du jugement", TypeFait.DATE),
        ChampFait("date_signification", "Date de signification", TypeFait.DATE), _INTERVENANT,
    ),
    Etape.PETITES_CREANCES: (ChampFait("date_invitation", "Date de l'invitation adressée au débiteur", TypeFait.DATE),),
    Etape.TITRE_EXECUTOIRE: (ChampFait("date_signification", "Date de signification", TypeFait.DATE), _RG),
    Etape.PROCEDURE_COLLECTIVE: (
        ChampFait("date_bodacc", "Date de publication au BODACC", TypeFait.DATE),
        ChampFait("adresse_mandataire", "Adresse de l'étude du mandataire"),
    ),
}


@dataclass(frozen=True)
class Passage:
    """One move in the chain, as recorded: where from, where to, when, and its facts."""

    depuis: Etape
    vers: Etape
    date: dt.date
    faits: dict[str, str] = field(default_factory=dict)  # ISO dates and plain texts

    def fait_date(self, cle: str) -> dt.date | None:
        valeur = self.faits.get(cle)
        return dt.date.fromisoformat(valeur) if valeur else None


def lire_faits(vers: Etape, valeurs: dict[str, str]) -> tuple[dt.date, dict[str, str]]:
    """Check the facts typed for a move (dates as JJ/MM/AAAA or ISO); returns (date, facts)."""
    c = Collecteur()
    faits = _lire(c, FAITS_REQUIS.get(vers, (_DATE,)), valeurs, vers)
    _verifier_motifs(c, vers, faits)
    c.verifier()
    return dt.date.fromisoformat(faits["date"]), faits


def lire_faits_a_completer(etape: Etape, valeurs: dict[str, str]) -> dict[str, str]:
    """Check later facts of the current stage; empty fields are left out (nothing erased)."""
    c = Collecteur()
    faits = _lire(c, FAITS_A_COMPLETER.get(etape, ()), valeurs, etape)
    c.verifier()
    return faits


def _lire(c: Collecteur, champs: Sequence[ChampFait], valeurs: dict[str, str], etape: Etape) -> dict[str, str]:
    from recouvrement_tui.domain.dates import lire_date

    faits: dict[str, str] = {}
    for champ in champs:
        brut = str(valeurs.get(champ.cle, "") or "").strip()
        if not brut:
            if champ.obligatoire:
                c.signaler(champ.cle, f"{champ.libelle} : à renseigner pour passer à « {etape.libelle} ».")
            continue
        if champ.type is TypeFait.DATE:
            jour = c.lire(lire_date, brut, champ.cle)
            if jour:
                faits[champ.cle] = jour.isoformat()
        else:
            faits[champ.cle] = brut
    return faits


def _verifier_motifs(c: Collecteur, vers: Etape, faits: dict[str, str]) -> None:
    if vers is Etape.CLOTURE and faits.get("motif"):
        # Accept what the label shows ("payé", "accord exécuté") as well as the stored key.
        saisi = sans_accents(faits["motif"].strip().casefold()).replace(" ", "_")
        if saisi in MotifCloture.LIBELLES:
            faits["motif"] = saisi
    if vers is Etape.CLOTURE and faits.get("motif") and faits["motif"] not in MotifCloture.LIBELLES:
        permis = ", ".join(MotifCloture.LIBELLES)
        c.signaler("motif", f"Motif de clôture inconnu : choisissez parmi {permis}.")
    nombre = faits.get("nombre_echeances")
    if vers is Etape.ECHEANCIER and nombre is not None and nombre_echeances(nombre) is None:
        c.signaler("nombre_echeances", f"Le nombre d'échéances s'écrit en chiffres, de 1 à {MAX_ECHEANCES}, par exemple 6.")


def verifier_passage(s: Situation, vers: Etape, date: dt.date, aujourdhui: dt.date, depuis_le: dt.date | None) -> None:
    """Raise ErreurSaisie when the move is not offered or its date is impossible."""
    if motif := pourquoi_impossible(s, vers):
        raise ErreurSaisie("etape", motif)
    if date > aujourdhui:
        raise ErreurSaisie("date", "Un événement ne peut pas être daté dans le futur.")
    if depuis_le and date < depuis_le:
        raise ErreurSaisie(
            "date", f"Cette date précède le passage à l'étape en cours (le {depuis_le.strftime('%d/%m/%Y')})."
        )


def avocat_obligatoire(montant: Decimal) -> bool:
    """Above 10,000 € a lawyer is required, before the tribunal de commerce (art. 853 CPC) as
    before the tribunal judiciaire (art. 761 CPC)."""
    return montant > SEUIL_AVOCAT


def petite_creance(montant: Decimal) -> bool:
    """The procédure simplifiée de recouvrement des petites créances: 5,000 € at most, interest
    included (art. L125-1 CPCE)."""
    return montant <= PLAFOND_PETITES_CREANCES


def dernier_passage(passages: Sequence[Passage], *etapes: Etape) -> Passage | None:
    """The latest recorded move to one of `etapes` (None if the dossier never went there)."""
    return next((p for p in reversed(passages) if p.vers in etapes), None)


def juridiction_enregistree(passages: Sequence[Passage]) -> str | None:
    """The court the user named on a court route of this dossier (the latest), if any: once named,
    it is the dossier's court (art. 1406 CPC), proposed again and printed in the filings."""
    return next((p.faits["juridiction"] for p in reversed(passages) if p.vers in ROUTES and p.faits.get("juridiction")),
                None)


def faits_repris(etape: Etape, etape_avant_pause: Etape | None, passages: Sequence[Passage], vers: Etape) -> dict[str, str]:
    """The facts a move carries over: resuming after a pause (litige, promesse, échéancier),
    what the paused stage recorded (court, ordonnance, service…), so that its deadlines are not
    lost; {} for any other move. The date is always the new move's.

    A dispute, a promise or a plan suspends nothing in law: a judicial stage's time limits keep
    running (art. 1411 CPC: an injonction not served within six months lapses), so its facts
    must come back with it.
    """
    if etape not in LATERALES or vers is not etape_avant_pause:
        return {}
    avant = dernier_passage(passages, vers)
    return {k: v for k, v in avant.faits.items() if k != "date"} if avant else {}


@dataclass(frozen=True)
class Propositions:
    """What the form of a move is filled with before the user types."""

    faits: dict[str, str]  # stored form: ISO dates, plain texts ("date" never: it is the move's)
    juridiction: Juridiction | None = None  # the court suggested, with its reason and form


def propositions_passage(
    etape: Etape,
    etape_avant_pause: Etape | None,
    passages: Sequence[Passage],
    vers: Etape,
    juridiction: Juridiction,
) -> Propositions:
    """Resuming a paused stage proposes again what it recorded (faits_repris). A move to a court
    route proposes the court: the one the user already confirmed on an earlier route of this dossier
    (named once per dossier), else `juridiction`, the court of the debtor's seat or home named by the
    directory (art. 1406 CPC, domain.juridiction) — nothing when the directory could not name it.
    Other moves propose nothing.
    """
    if vers is etape_avant_pause:
        return Propositions(faits_repris(etape, etape_avant_pause, passages, vers))
    if vers in (Etape.INJONCTION_DE_PAYER, Etape.REFERE_PROVISION, Etape.ASSIGNATION_AU_FOND):
        if confirmee := juridiction_enregistree(passages):
            return Propositions({"juridiction": confirmee})
        if juridiction.a_determiner:
            return Propositions({}, juridiction)
        return Propositions({"juridiction": juridiction.nom}, juridiction)
    return Propositions({})


def peut_completer(etape: Etape, passage_courant: Passage | None) -> bool:
    """Whether facts can be completed on the current stage: it was recorded with its facts, and
    facts arrive later there (an ordonnance, its service, a hearing: FAITS_A_COMPLETER)."""
    return passage_courant is not None and etape in FAITS_A_COMPLETER


def apres_passage(etape_avant_pause: Etape | None, depuis: Etape, vers: Etape) -> Etape | None:
    """Where a later return from a side state should go."""
    if vers in LATERALES:
        return etape_avant_pause if depuis in LATERALES else depuis
    return None


__all__ = [
    "AMIABLES",
    "FAITS_REQUIS",
    "LATERALES",
    "PLAFOND_PETITES_CREANCES",
    "Passage",
    "Propositions",
    "ROUTES",
    "Situation",
    "apres_passage",
    "dernier_passage",
    "etape_de_la_chaine",
    "faits_repris",
    "juridiction_enregistree",
    "lire_faits",
    "peut_completer",
    "propositions_passage",
    "pourquoi_impossible",
    "transitions_possibles",
    "verifier_passage",
]
