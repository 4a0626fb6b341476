"""The application in a browser: textual-serve, behind an access check.

textual-serve runs an aiohttp server whose page (xterm.js) opens a websocket; each websocket
spawns one `python -m recouvrement_tui --dossiers CHEMIN` process, driven through its
stdin/stdout. Nothing in textual-serve checks who connects, so anyone who can reach the port
gets the debtors' files: on any address but the loopback a secret is required, and every
request (page, static files, websocket, downloads) goes through `controle_acces` first.

The secret travels once in the URL (`/?jeton=…`); the server answers with a cookie and a
redirect to the same page without it, so that the websocket and the static files (which the
page asks for by itself) are let in, and the secret does not stay in the address bar. HTTP
basic auth with the secret as password (any user name) works too, for scripts and proxies.

Against a page of another site open in the same browser: a request whose Origin is not the
address it is sent to is refused (no cross-site websocket: it would read and drive the
application), and without a secret only a loopback name is accepted in Host (no DNS rebinding
onto 127.0.0.1). No page may frame this one, nor learn its address through Referer. Each session
is a process: past `SESSIONS_MAX` at once, a new one is refused rather than exhaust the memory.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import ipaddress
import logging
import os
import secrets
import shlex
import socket
import subprocess
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web
from aiohttp.typedefs import Middleware
from textual_serve.server import Server, to_int
from yarl import URL

VARIABLE_JETON = "RECOUVREMENT_JETON"
PARAMETRE_JETON = "jeton"
_ROYAUME = "recouvrement"
JETON_LONGUEUR_MIN = 16
SESSIONS_MAX = 16
# On every answer: no framing by another site (clickjacking), no address in Referer, no sniffing.
_ENTETES_DE_SURETE = {
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}
_TRADUCTIONS = [
    ("<html>", '<html lang="fr">'),
    ("Session ended.", "Session terminée."),
    (">Restart<", ">Relancer<"),
    (">Start<", ">Ouvrir<"),
]

Gestionnaire = Callable[[web.Request], Awaitable[web.StreamResponse]]


def est_boucle_locale(hote: str) -> bool:
    """True for an address only this machine can reach (127.0.0.0/8, ::1, localhost).

    Any other name may resolve to a network interface, and "" or 0.0.0.0 listens on all of them.
    """
    if hote.lower() in {"localhost", "localhost."}:
        return True
    try:
        return ipaddress.ip_address(hote.strip("[]")).is_loopback
    except ValueError:
        return False


def nouveau_jeton() -> str:
    """A secret hard to guess: 32 random bytes, URL-safe."""
    return secrets.token_urlsafe(32)


def _octets(texte: str) -> bytes:
    # compare_digest refuses non-ASCII str; a query string or header may hold anything.
    return texte.encode("utf-8", "surrogatepass")


def _egaux(fourni: str, attendu: str) -> bool:
    return hmac.compare_digest(_octets(fourni), _octets(attendu))


def nom_du_cookie(port: int) -> str:
    """Cookies ignore the port: two servers on one machine must not overwrite each other's."""
    return f"recouvrement_{port}"


def valeur_du_cookie(jeton: str) -> str:
    """What the cookie holds: derived from the secret, so the secret itself is never stored."""
    return hmac.new(_octets(jeton), b"recouvrement-session", hashlib.sha256).hexdigest()


def _mot_de_passe_basic(entete: str) -> str | None:
    """The password of an `Authorization: Basic …` header, None if there is none or it is malformed."""
    methode, _, valeur = entete.partition(" ")
    if methode.lower() != "basic":
        return None
    try:
        decode = base64.b64decode(valeur.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    _, separateur, mot_de_passe = decode.partition(":")
    return mot_de_passe if separateur else None


def _est_https(request: web.Request) -> bool:
    """Behind a reverse proxy that terminates TLS, the proxy says so."""
    return request.headers.get("X-Forwarded-Proto", request.scheme).lower() == "https"


def _nom_d_hote(entete: str) -> str:
    """The name in a Host header, without its port: `[::1]:8000` -> `::1`, `localhost:8000` -> `localhost`."""
    if entete.startswith("["):
        return entete[1:].partition("]")[0]
    nom, deux_points, port = entete.rpartition(":")
    return nom if deux_points and port.isdigit() else entete


def _meme_origine(origine: str, hote: str) -> bool:
    """True when the Origin header names the address the request was sent to (its Host header)."""
    try:
        de = URL(origine)
        vers = URL(f"{de.scheme}://{hote}")
    except ValueError:
        return False
    if de.scheme not in {"http", "https"} or not de.host or not vers.host:
        return False
    return (de.host.lower(), de.port) == (vers.host.lower(), vers.port)


def hote_local_admis(entete: str, hote_ecoute: str) -> bool:
    """Without a secret, the Host a browser sends must be a loopback name (or the listening address).

    Otherwise a site whose name is made to resolve to 127.0.0.1 (DNS rebinding) would be the
    same origin as this server, and its page could open the application.
    """
    nom = _nom_d_hote(entete).lower()
    return est_boucle_locale(nom) or nom == hote_ecoute.strip("[]").lower()


def _redirection_sans_jeton(request: web.Request) -> str:
    """The same address without the secret, always on this server: `//ailleurs` or `/\\ailleurs` would leave it."""
    return "/" + str(request.rel_url.without_query_params(PARAMETRE_JETON)).lstrip("/\\")


def controle_acces(jeton: str | None, port: int, hote_ecoute: str = "127.0.0.1") -> Middleware:
    """The aiohttp middleware: lets through only who shows the secret (URL, cookie or basic auth).

    First, whatever the secret, a request sent by a page of another origin is refused (its Origin
    is not this server's address): a websocket is exempt from the browsers' same-origin rule.
    Without a secret (loopback only, see `verifier_configuration`) a request passes if its Host is
    a loopback name.
    """
    cookie = nom_du_cookie(port)

    @web.middleware
    async def middleware(request: web.Request, handler: Gestionnaire) -> web.StreamResponse:
        hote = request.headers.get("Host")
        origine = request.headers.get("Origin")
        if origine is not None and (hote is None or not _meme_origine(origine, hote)):
            raise web.HTTPForbidden(text="Accès refusé : requête venue d'un autre site.\n")
        if jeton is None:
            if hote is not None and not hote_local_admis(hote, hote_ecoute):
                raise web.HTTPForbidden(text="Accès refusé : ouvrez l'adresse donnée au démarrage du serveur.\n")
            return await handler(request)
        fourni = request.query.get(PARAMETRE_JETON)
        if fourni is not None:
            if not _egaux(fourni, jeton):
                raise web.HTTPForbidden(text="Accès refusé : jeton incorrect.\n")
            # Let in by the cookie from now on, and out of the address bar and the history.
            reponse = web.HTTPSeeOther(_redirection_sans_jeton(request))
            reponse.set_cookie(cookie, valeur_du_cookie(jeton), path="/", httponly=True, samesite="Lax",
                               secure=_est_https(request))
            raise reponse
        if (valeur := request.cookies.get(cookie)) is not None and _egaux(valeur, valeur_du_cookie(jeton)):
            return await handler(request)
        mot_de_passe = _mot_de_passe_basic(request.headers.get("Authorization", ""))
        if mot_de_passe is not None and _egaux(mot_de_passe, jeton):
            return await handler(request)
        # A stale cookie or a mistyped password: 401 again, so that the browser asks anew.
        raise web.HTTPUnauthorized(
            text="Accès réservé : ouvrez l'adresse donnée au démarrage du serveur (avec ?jeton=…), "
                 "ou identifiez-vous avec le jeton comme mot de passe.\n",
            headers={"WWW-Authenticate": f'Basic realm="{_ROYAUME}", charset="UTF-8"'},
        )

    return middleware


class ConfigurationRefusee(Exception):
    """The server must not start as asked (a network address without a secret); the message says why, in French."""


def verifier_configuration(hote: str, jeton: str | None) -> None:
    """Refuse to open the debtors' files to the whole network: off the loopback, a secret is required."""
    if jeton is not None and not jeton.strip():
        raise ConfigurationRefusee(f"La variable {VARIABLE_JETON} est vide : donnez-lui un secret difficile à deviner.")
    if jeton is not None and len(jeton.strip()) < JETON_LONGUEUR_MIN:
        # Nothing limits the attempts: a short secret would be found by trying them all.
        raise ConfigurationRefusee(
            f"Le secret de {VARIABLE_JETON} est trop court ({len(jeton.strip())} caractères, "
            f"{JETON_LONGUEUR_MIN} au moins) : il serait deviné en essayant. Tirez-en un avec "
            "« python3 -c 'import secrets; print(secrets.token_urlsafe(32))' », ou utilisez --jeton-aleatoire.")
    if jeton is None and not est_boucle_locale(hote):
        raise ConfigurationRefusee(
            f"Refus d'écouter sur {hote} sans contrôle d'accès : n'importe qui sur le réseau ouvrirait les dossiers. "
            f"Définissez un secret dans la variable {VARIABLE_JETON} (par exemple "
            f"« export {VARIABLE_JETON}=$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))') »), "
            "ou ajoutez --jeton-aleatoire pour qu'un secret soit tiré et affiché au démarrage."
        )


def commande_application(racine: Path) -> str:
    """The shell command textual-serve runs per browser session: this Python, this data folder.

    textual-serve starts it with a shell (asyncio.create_subprocess_shell), hence the quoting.
    """
    parties = [sys.executable, "-m", "recouvrement_tui", "--dossiers", str(racine.resolve())]
    return subprocess.list2cmdline(parties) if os.name == "nt" else shlex.join(parties)


def adresse_a_ouvrir(hote: str, port: int, jeton: str | None) -> str:
    """The URL to give colleagues; for 0.0.0.0 / :: the machine's name stands for the address."""
    if hote in {"", "0.0.0.0", "::"}:
        hote = socket.gethostname()
    elif ":" in hote and not hote.startswith("["):
        hote = f"[{hote}]"
    adresse = f"http://{hote}:{port}/"
    return f"{adresse}?{PARAMETRE_JETON}={jeton}" if jeton else adresse


class ServeurRecouvrement(Server):
    """textual-serve's Server, with the access check, URLs taken from the request, and no secret in any log."""

    def __init__(self, racine: Path, hote: str, port: int, jeton: str | None, sessions_max: int = SESSIONS_MAX) -> None:
        super().__init__(commande_application(racine), host=hote, port=port, title="recouvrement")
        self.jeton = jeton
        self.sessions_max = sessions_max
        self.sessions = 0

    def initialize_logging(self) -> None:
        # Plain lines on stderr: rich's colours would pass through the CLI's control-character filter.
        logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.insert(0, controle_acces(self.jeton, self.port, self.host))
        app.on_response_prepare.append(self._entetes_de_surete)
        aiohttp_jinja2.setup(app, loader=jinja2.FunctionLoader(self._page_en_francais))
        return app

    @staticmethod
    async def _entetes_de_surete(request: web.Request, reponse: web.StreamResponse) -> None:
        for nom, valeur in _ENTETES_DE_SURETE.items():
            reponse.headers.setdefault(nom, valeur)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One session, one process: past `sessions_max` at once, 503 before any process is started."""
        if self.sessions >= self.sessions_max:
            raise web.HTTPServiceUnavailable(
                text=f"Trop de sessions ouvertes ({self.sessions_max}) : fermez un onglet et réessayez.\n")
        self.sessions += 1
        try:
            return await super().handle_websocket(request)
        finally:
            self.sessions -= 1

    def _page_en_francais(self, nom: str) -> str:
        """textual-serve's page, its few English words in French (what the user reads is French)."""
        source = (Path(self.templates_path) / nom).read_text(encoding="utf-8")
        for anglais, francais in _TRADUCTIONS:
            source = source.replace(anglais, francais)
        return source

    async def on_startup(self, app: web.Application) -> None:
        pass  # the CLI prints the French address to open instead of textual-serve's banner

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        """The page, with the websocket and static URLs of the address the browser used.

        textual-serve builds them from the listening address, which for 0.0.0.0 no browser can reach.
        """
        base = f"{'https' if _est_https(request) else 'http'}://{request.host}"
        websocket = ("wss:" if base.startswith("https") else "ws:") + base.split(":", 1)[1]
        return {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"{websocket}{request.app.router['websocket'].url_for()}",
            "config": {"static": {"url": f"{base}{request.app.router['static'].url_for(filename='/')}".rstrip("/") + "/"}},
            "application": {"name": self.title},
        }

    def application(self) -> Awaitable[web.Application]:
        """The aiohttp application, for tests that drive it without a socket."""
        return self._make_app()

    _prise: socket.socket | None = None

    def ecouter(self) -> None:
        """Take the address and port now, so that an address in use is said before any URL is printed."""
        famille, _, _, _, adresse = socket.getaddrinfo(
            self.host or None, self.port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
        self._prise = socket.create_server(adresse, family=famille)

    def servir(self) -> None:
        """Listen until Ctrl+C or SIGTERM. No access log: the first request carries the secret in its URL."""
        if self._prise is None:
            self.ecouter()
        self.initialize_logging()
        # The spawned sessions inherit the environment: they have no use for the secret.
        os.environ.pop(VARIABLE_JETON, None)
        web.run_app(self._make_app(), sock=self._prise, access_log=None, print=None, shutdown_timeout=3)

    def fermer(self) -> None:
        """Give the port back (run_app closes its sites, not a socket it was handed)."""
        if self._prise is not None:
            self._prise.close()
            self._prise = None
