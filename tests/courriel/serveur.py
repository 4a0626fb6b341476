"""A real SMTP server on localhost for the tests (aiosmtpd): what it receives is what a debtor's
server would receive. Optional STARTTLS with a throwaway authority (trustme) and a login."""

from __future__ import annotations

import socket
import ssl
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


@dataclass
class Recu:
    expediteur: str
    destinataires: list[str]
    contenu: bytes

    @property
    def message(self) -> EmailMessage:
        return message_from_bytes(self.contenu, policy=policy.default)  # type: ignore[return-value]


@dataclass
class Boite:
    """The server's side: every message accepted, and the addresses it refuses."""

    recus: list[Recu] = field(default_factory=list)
    refuser: set[str] = field(default_factory=set)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuser:
            return "550 5.1.1 Boite aux lettres inconnue"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.recus.append(Recu(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content or envelope.content))
        return "250 Message accepte"


def port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Serveur:
    def __init__(self, *, tls: ssl.SSLContext | None = None, identifiants: tuple[str, str] | None = None) -> None:
        self.boite = Boite()
        self.port = port_libre()
        options: dict = {}
        if tls is not None:
            options.update(tls_context=tls, require_starttls=True)
        if identifiants is not None:
            utilisateur, secret = identifiants

            def verifier(server, session, envelope, mechanism, auth_data):
                ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
                    utilisateur.encode(), secret.encode())
                return AuthResult(success=ok, handled=False)  # the server then answers 535 itself

            options.update(authenticator=verifier, auth_require_tls=tls is not None)
        self.controleur = Controller(self.boite, hostname="127.0.0.1", port=self.port, **options)

    def __enter__(self) -> Serveur:
        self.controleur.start()
        return self

    def __exit__(self, *_exc) -> None:
        self.controleur.stop()

    @property
    def recus(self) -> list[Recu]:
        return self.boite.recus
