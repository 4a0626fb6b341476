"""Talking to the mail server: send one message, or test the connection.

All or nothing: every recipient is announced before the message is given; if the server refuses
any of them, the transaction is cancelled (RSET) and nothing is sent, so that a message is never
recorded as sent to the debtor when it reached only the copy. Every failure becomes a French
message naming its cause (ErreurEnvoi); the password is never part of any message.

TLS is verified against the system's certificate authorities (a company relay with its own
authority: point SSL_CERT_FILE at its certificate, as for any OpenSSL program).
"""

from __future__ import annotations

import os
import smtplib
import socket
import ssl
from collections.abc import Sequence
from email.message import EmailMessage

from recouvrement_tui.domain.courriel import ParametresCourriel, Securite
from recouvrement_tui.system.envoi import EnvoiIncertain, ErreurEnvoi

__all__ = ["EnvoiIncertain", "ErreurEnvoi", "enregistrer_mot_de_passe", "envoyer", "mot_de_passe", "tester"]

VARIABLE_MOT_DE_PASSE = "RECOUVREMENT_SMTP_MOT_DE_PASSE"
SERVICE_TROUSSEAU = "recouvrement-smtp"
DELAI_SECONDES = 30


def _boucle_locale(hote: str) -> bool:
    return hote in ("localhost", "127.0.0.1", "::1") or hote.startswith("127.")


def mot_de_passe(parametres: ParametresCourriel) -> str | None:
    """The server password: the environment variable first, else the system keyring (if one is
    installed and unlocked). Never read from or written to the data folder."""
    if valeur := os.environ.get(VARIABLE_MOT_DE_PASSE):
        return valeur
    if not parametres.utilisateur:
        return None
    try:
        import keyring  # optional: a headless server has none, the variable is then the way

        return keyring.get_password(SERVICE_TROUSSEAU, f"{parametres.utilisateur}@{parametres.hote}")
    except Exception:  # noqa: BLE001 - no keyring, locked keyring, no backend: the variable remains
        return None


def enregistrer_mot_de_passe(parametres: ParametresCourriel, secret: str) -> None:
    """Keep the password in the system keyring (ErreurEnvoi when there is none)."""
    try:
        import keyring

        keyring.set_password(SERVICE_TROUSSEAU, f"{parametres.utilisateur}@{parametres.hote}", secret)
    except Exception as erreur:  # noqa: BLE001
        raise ErreurEnvoi(f"Le trousseau du système n'a pas pu garder le mot de passe ({type(erreur).__name__}) : "
                          f"donnez-le par la variable d'environnement {VARIABLE_MOT_DE_PASSE}.") from None


def envoyer(message: EmailMessage, destinataires: Sequence[str], parametres: ParametresCourriel,
            secret: str | None) -> None:
    """Give `message` to the server for `destinataires` (the envelope: To, Cc and blind copy)."""
    with _connexion(parametres, secret) as serveur:
        expediteur = parametres.expediteur
        _commande(serveur.mail(expediteur), "l'expéditeur", expediteur, serveur)
        for destinataire in destinataires:
            _commande(serveur.rcpt(destinataire), "le destinataire", destinataire, serveur)
        try:
            code, reponse = serveur.data(message.as_bytes())
        except smtplib.SMTPDataError as erreur:
            raise ErreurEnvoi(f"Le serveur a refusé le message ({erreur.smtp_code} {_texte(erreur.smtp_error)}) : "
                              "rien n'a été envoyé.") from None
        except (smtplib.SMTPServerDisconnected, OSError):
            # The message was handed over: the server may have taken it before the line dropped.
            raise EnvoiIncertain(f"La connexion avec {parametres.hote} a été coupée pendant la remise du message "
                                 f"(Message-ID {message['Message-ID']}) : il est peut-être parti. Vérifiez dans les "
                                 "éléments envoyés de la boîte avant de le renvoyer.") from None
        if code != 250:
            raise ErreurEnvoi(f"Le serveur n'a pas accepté le message ({code} {_texte(reponse)}) : rien n'a été envoyé.")


def tester(parametres: ParametresCourriel, secret: str | None) -> str:
    """Connect, secure, log in and leave: what a user checks after typing the settings."""
    with _connexion(parametres, secret) as serveur:
        serveur.noop()
    securite = {Securite.STARTTLS: "chiffrée par STARTTLS", Securite.SSL: "chiffrée (SSL/TLS)",
                Securite.AUCUNE: "non chiffrée"}[parametres.securite]
    identifie = f", identifié comme {parametres.utilisateur}" if parametres.utilisateur else ""
    return f"Connexion réussie à {parametres.hote}:{parametres.port} ({securite}{identifie})."


class _connexion:
    """An open, secured and authenticated SMTP session; QUIT on the way out."""

    def __init__(self, parametres: ParametresCourriel, secret: str | None) -> None:
        self.p, self.secret = parametres, secret
        self.serveur: smtplib.SMTP | None = None

    def __enter__(self) -> smtplib.SMTP:
        p = self.p
        if not p.hote:
            raise ErreurEnvoi("Aucun serveur de courriel n'est paramétré : renseignez-le dans Paramètres > Courriel "
                              "(section « courriel » de parametres.json).")
        if not p.expediteur:
            raise ErreurEnvoi("Aucune adresse d'expéditeur n'est paramétrée : renseignez-la dans Paramètres > Courriel.")
        ou = f"{p.hote}:{p.port}"
        if p.utilisateur and p.securite is Securite.AUCUNE and not _boucle_locale(p.hote):
            # parametres.json is shared: whoever edits it must not get the password sent in clear.
            raise ErreurEnvoi(f"Le mot de passe ne part jamais en clair sur le réseau : pour {ou}, choisissez la "
                              "sécurité « starttls » ou « ssl », ou utilisez un relais sans identifiant.")
        contexte = ssl.create_default_context()
        try:
            if p.securite is Securite.SSL:
                self.serveur = smtplib.SMTP_SSL(p.hote, p.port, timeout=DELAI_SECONDES, context=contexte)
            else:
                self.serveur = smtplib.SMTP(p.hote, p.port, timeout=DELAI_SECONDES)
            self.serveur.ehlo()
            if p.securite is Securite.STARTTLS:
                if not self.serveur.has_extn("starttls"):
                    raise ErreurEnvoi(f"Le serveur {ou} ne propose pas STARTTLS : choisissez la sécurité « ssl » "
                                      "(port 465) ou, pour un relais local seulement, « aucune ».")
                self.serveur.starttls(context=contexte)
                self.serveur.ehlo()
            if p.utilisateur:
                if self.secret is None:
                    raise ErreurEnvoi(f"Le mot de passe du compte {p.utilisateur} est inconnu : donnez-le par la "
                                      f"variable d'environnement {VARIABLE_MOT_DE_PASSE} ou enregistrez-le dans le "
                                      "trousseau depuis Paramètres > Courriel.")
                self.serveur.login(p.utilisateur, self.secret)
        except ErreurEnvoi:
            self._fermer()
            raise
        except (UnicodeError, smtplib.SMTPException, OSError) as erreur:  # ssl.SSLError is an OSError
            self._fermer()
            raise _en_francais(erreur, p) from None
        return self.serveur

    def __exit__(self, genre, erreur, trace) -> None:
        if self.serveur is None:
            return
        if isinstance(erreur, (smtplib.SMTPServerDisconnected, ConnectionError, TimeoutError, socket.timeout)):
            self._fermer()
            raise ErreurEnvoi(f"Le serveur de courriel {self.p.hote}:{self.p.port} a coupé la connexion : le message "
                              "n'a pas été envoyé, réessayez.") from None
        try:
            self.serveur.quit()
        except (smtplib.SMTPException, OSError):
            self._fermer()

    def _fermer(self) -> None:
        if self.serveur is not None:
            try:
                self.serveur.close()
            except OSError:
                pass


def _en_francais(erreur: BaseException, p: ParametresCourriel) -> ErreurEnvoi:
    """What went wrong while connecting, securing or logging in, as the user can act on it."""
    ou = f"{p.hote}:{p.port}"
    if isinstance(erreur, UnicodeError):
        return ErreurEnvoi(f"L'identifiant ou le mot de passe contient un caractère que le serveur {ou} n'accepte "
                           "pas (accent…) : vérifiez-le.")
    if isinstance(erreur, smtplib.SMTPAuthenticationError):
        return ErreurEnvoi(f"Le serveur {ou} a refusé l'identifiant ou le mot de passe de {p.utilisateur} : "
                           "vérifiez-les (Microsoft 365 demande que l'envoi SMTP authentifié soit activé pour "
                           "cette boîte).")
    if isinstance(erreur, smtplib.SMTPNotSupportedError):
        return ErreurEnvoi(f"Le serveur {ou} ne propose pas l'authentification : videz l'identifiant s'il s'agit "
                           "d'un relais, ou choisissez une connexion chiffrée.")
    if isinstance(erreur, ssl.SSLCertVerificationError):
        return ErreurEnvoi(f"Le certificat du serveur {ou} n'est pas reconnu ({erreur.verify_message}) : vérifiez le "
                           "nom du serveur ; un relais d'entreprise à autorité propre se déclare par la variable "
                           "SSL_CERT_FILE.")
    if isinstance(erreur, ssl.SSLError):
        return ErreurEnvoi(f"La connexion chiffrée avec {ou} a échoué ({erreur.reason or 'TLS'}) : vérifiez le port "
                           "et la sécurité (587 avec starttls, 465 avec ssl).")
    if isinstance(erreur, socket.gaierror):
        return ErreurEnvoi(f"Le serveur de courriel « {p.hote} » est introuvable : vérifiez son nom dans "
                           "Paramètres > Courriel, et la connexion au réseau.")
    if isinstance(erreur, (ConnectionRefusedError, TimeoutError)):
        return ErreurEnvoi(f"Le serveur de courriel {ou} ne répond pas : vérifiez l'hôte et le port, ou réessayez "
                           "plus tard. Rien n'a été envoyé.")
    return ErreurEnvoi(f"La connexion au serveur de courriel {ou} a échoué ({_cause(erreur)}) : rien n'a été "
                       "envoyé.")


def _commande(reponse: tuple[int, bytes], quoi: str, adresse: str, serveur: smtplib.SMTP) -> None:
    code, texte = reponse
    if code in (250, 251):
        return
    try:
        serveur.rset()  # cancel the transaction: nobody receives a message a recipient refused
    except (smtplib.SMTPException, OSError):
        pass
    raise ErreurEnvoi(f"Le serveur a refusé {quoi} {adresse} ({code} {_texte(texte)}) : rien n'a été envoyé. "
                      "Vérifiez l'adresse dans la fiche du débiteur ou dans les paramètres.")


def _texte(reponse: bytes | str) -> str:
    if isinstance(reponse, bytes):
        reponse = reponse.decode("utf-8", "replace")
    return " ".join(reponse.split())[:200]


def _cause(erreur: BaseException) -> str:
    if isinstance(erreur, smtplib.SMTPResponseException):
        return f"{erreur.smtp_code} {_texte(erreur.smtp_error)}"
    return type(erreur).__name__
