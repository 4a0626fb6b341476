"""E-mail as a recovery channel: which messages exist, who receives them, how the server is reached.

Recovery practice sends the first reminders by e-mail and only the mise en demeure by registered
letter (DOMAIN.md §1); a sent reminder e-mail therefore counts for the calendar like a letter,
moving the dossier to its stage. Everything here is pure: the rendering lives in
documents.courriels, the sending in system.smtp, the orchestration in services.courriels.

Every address comes from outside (a debtor's record, a hand-edited settings file): it is checked
here before it may reach a message header, so that no line break or second address is smuggled in.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from recouvrement_tui.domain.actes import Acte
from recouvrement_tui.domain.erreurs import Collecteur, ErreurSaisie, ErreursSaisie
from recouvrement_tui.domain.etapes import Etape
from recouvrement_tui.domain.model import Debiteur

# One mailbox, nothing else: no display name, no comment, no second address, no line break.
# Stricter than RFC 5322 on purpose (quoted local parts and IP literals are refused): an address a
# debtor gives for reminders never needs them, and each refused character is one an attacker needs.
_ADRESSE = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+"
                      r"[A-Za-z]{2,63}", re.ASCII)
_HOTE = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?", re.ASCII)


def adresse_sure(texte: str, champ: str = "email") -> str:
    """`texte` as one plain mailbox (nom@domaine.fr), or ErreurSaisie saying what is wrong."""
    brut = texte.strip()
    if not brut:
        raise ErreurSaisie(champ, "Adresse e-mail vide.")
    if any(c in brut for c in "\r\n\t\x00"):
        raise ErreurSaisie(champ, "Une adresse e-mail ne peut pas contenir de saut de ligne : corrigez-la dans la fiche.")
    if any(c in brut for c in ",;<> \"()"):
        raise ErreurSaisie(champ, f"« {brut} » n'est pas une adresse e-mail unique (une seule adresse, sans nom ni "
                                  "virgule : nom@domaine.fr).")
    if len(brut) > 254 or not _ADRESSE.fullmatch(brut) or ".." in brut or brut.startswith(".") or ".@" in brut:
        raise ErreurSaisie(champ, f"« {brut} » n'est pas une adresse e-mail valable (forme attendue : nom@domaine.fr, "
                                  "sans accent).")
    return brut


# --- the messages ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ModeleCourriel:
    cle: str
    titre: str
    acte: Acte | None  # what the legal guard is asked (None: a courtesy, no claim)
    vers: Etape | None = None  # the stage a sent message moves the dossier to (a reminder)
    joindre_lettre: str = ""  # the Word letter sent as attachment (the mise en demeure's copy)


COURRIELS = (
    ModeleCourriel("relance_preventive", "Relance préventive", Acte.RELANCE_PREVENTIVE, Etape.RELANCE_PREVENTIVE),
    ModeleCourriel("relance_amiable", "Relance amiable", Acte.RELANCE, Etape.RELANCE_AMIABLE),
    ModeleCourriel("relance_ferme", "Relance ferme", Acte.RELANCE_FERME, Etape.RELANCE_FERME),
    # The mise en demeure itself is the registered letter (art. 1344 C. civ.): the e-mail is a copy,
    # which neither replaces it nor moves the dossier.
    ModeleCourriel("mise_en_demeure", "Copie de la mise en demeure", Acte.MISE_EN_DEMEURE,
                   joindre_lettre="mise_en_demeure"),
    ModeleCourriel("proposition_echeancier", "Proposition d'échéancier", Acte.ECHEANCIER),
    ModeleCourriel("remerciement_paiement", "Remerciement pour le paiement reçu", None),
)
PAR_CLE = {m.cle: m for m in COURRIELS}
# The e-mail the reminder calendar asks for at each stage (the mise en demeure goes by letter).
COURRIEL_POUR_ETAPE = {m.vers: m.cle for m in COURRIELS if m.vers is not None}


def modele_courriel(cle: str) -> ModeleCourriel:
    try:
        return PAR_CLE[cle]
    except KeyError:
        connus = ", ".join(PAR_CLE)
        raise ErreurSaisie("modele", f"Modèle de courriel inconnu : « {cle} ». Modèles : {connus}.") from None


# --- who receives it ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Destinataires:
    a: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    # Why there is nobody to write to, or why an address was left out ("" when all is well).
    remarque: str = ""

    @property
    def vide(self) -> bool:
        return not self.a


def destinataires(debiteur: Debiteur) -> Destinataires:
    """The reminder contact's address, else the debtor's; the invoicing contact in copy.

    An address that is not a plain mailbox is left out with a remark (never put in a header);
    without any, the reminder goes by letter and the remark says so."""
    remarques = []

    def sure(texte: str, qui: str) -> str:
        if not texte.strip():
            return ""
        try:
            return adresse_sure(texte)
        except ErreurSaisie as erreur:
            remarques.append(f"adresse de {qui} écartée : {erreur.message}")
            return ""

    principale = sure(debiteur.contact_relance.email, "la personne à relancer") or sure(debiteur.email, "du débiteur")
    copie = sure(debiteur.contact_facturation.email, "du contact facturation")
    if not principale:
        remarques.insert(0, "aucune adresse e-mail pour ce débiteur : la relance part par courrier")
        return Destinataires(remarque=" ; ".join(remarques).capitalize() + ".")
    cc = (copie,) if copie and copie.casefold() != principale.casefold() else ()
    remarque = " ; ".join(remarques)
    return Destinataires((principale,), cc, remarque[:1].upper() + remarque[1:] + "." if remarque else "")


# --- the mail server -----------------------------------------------------------------------------


class Securite(StrEnum):
    STARTTLS = "starttls"  # port 587: plain connection, then TLS before anything is said
    SSL = "ssl"  # port 465: TLS from the first byte
    AUCUNE = "aucune"  # a relay on the local network or this machine only

    @property
    def libelle(self) -> str:
        return {Securite.STARTTLS: "STARTTLS (port 587)", Securite.SSL: "SSL/TLS (port 465)",
                Securite.AUCUNE: "aucune (relais local)"}[self]


@dataclass(frozen=True)
class ParametresCourriel:
    """parametres.json, section "courriel". The password is never here: it comes from the
    environment (RECOUVREMENT_SMTP_MOT_DE_PASSE) or the system keyring."""

    hote: str = ""
    port: int = 587
    securite: Securite = Securite.STARTTLS
    utilisateur: str = ""
    expediteur: str = ""
    copie_cachee: str = ""  # the team's archive mailbox, in blind copy of every message
    taille_max_mo: int = 10  # attachments of one message, in total (most servers refuse 20-25 MB)
    envois_par_minute: int = 30  # a polite rate: providers throttle or flag bursts

    @property
    def configure(self) -> bool:
        """Whether a message can be sent (a draft needs only the sender)."""
        return bool(self.hote and self.expediteur)


_CHAMPS_TEXTE = ("hote", "utilisateur", "expediteur", "copie_cachee")


def courriel_depuis_saisie(valeurs: Mapping[str, object]) -> ParametresCourriel:
    """The e-mail settings typed in the settings form, checked field by field (ErreursSaisie)."""
    c = Collecteur()

    def texte(cle: str) -> str:
        return str(valeurs.get(cle, "") or "").strip()

    hote = texte("hote")
    if hote and not _HOTE.fullmatch(hote):
        c.signaler("hote", f"« {hote} » n'est pas un nom de serveur (exemple : smtp.office365.com).")
    port = _entier(c, "port", texte("port"), 587, 1, 65535, "un numéro de port entre 1 et 65535 (587, 465 ou 25)")
    brut = texte("securite") or Securite.STARTTLS.value
    try:
        securite = Securite(brut.casefold())
    except ValueError:
        c.signaler("securite", f"« {brut} » : choisissez starttls, ssl ou aucune.")
        securite = Securite.STARTTLS
    utilisateur = texte("utilisateur")
    if any(ch in utilisateur for ch in "\r\n"):
        c.signaler("utilisateur", "L'identifiant ne peut pas contenir de saut de ligne.")
    expediteur = (c.lire(adresse_sure, texte("expediteur"), "expediteur") or "") if texte("expediteur") else ""
    copie = (c.lire(adresse_sure, texte("copie_cachee"), "copie_cachee") or "") if texte("copie_cachee") else ""
    taille = _entier(c, "taille_max_mo", texte("taille_max_mo"), 10, 1, 100, "un nombre de Mo entre 1 et 100")
    rythme = _entier(c, "envois_par_minute", texte("envois_par_minute"), 30, 1, 600,
                     "un nombre de messages par minute entre 1 et 600")
    c.verifier()
    return ParametresCourriel(hote, port, securite, utilisateur, expediteur, copie, taille, rythme)


def _entier(c: Collecteur, cle: str, brut: str, defaut: int, mini: int, maxi: int, attendu: str) -> int:
    if not brut:
        return defaut
    if not re.fullmatch(r"[0-9]{1,6}", brut) or not mini <= int(brut) <= maxi:  # "²".isdigit() is True
        c.signaler(cle, f"« {brut} » : indiquez {attendu}.")
        return defaut
    return int(brut)


def courriel_depuis_dict(x: Mapping[str, object]) -> ParametresCourriel:
    """The section as stored in parametres.json (hand-edited files included): ErreurSaisie names
    the first wrong field."""
    valeurs = {cle: "" if v is None else str(v) for cle, v in x.items()}
    try:
        return courriel_depuis_saisie(valeurs)
    except ErreursSaisie as erreurs:
        premiere = erreurs.erreurs[0]
        raise ErreurSaisie(premiere.champ, f"courriel.{premiere.champ} : {premiere.message}") from None


def courriel_dict(p: ParametresCourriel) -> dict[str, object]:
    return {
        "hote": p.hote, "port": p.port, "securite": p.securite.value, "utilisateur": p.utilisateur,
        "expediteur": p.expediteur, "copie_cachee": p.copie_cachee, "taille_max_mo": p.taille_max_mo,
        "envois_par_minute": p.envois_par_minute,
    }


def courriel_saisie(p: ParametresCourriel) -> dict[str, str]:
    """The settings as the form shows them."""
    return {cle: str(v) for cle, v in courriel_dict(p).items()}
