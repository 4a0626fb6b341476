"""`recouvrement serve` against a hostile page in the user's browser, a guessed secret, or too many sessions."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from textual_serve.server import Server

from recouvrement_tui.cli.principal import main
from recouvrement_tui.system.serveur_web import (
    VARIABLE_JETON,
    ConfigurationRefusee,
    ServeurRecouvrement,
    nom_du_cookie,
    valeur_du_cookie,
    verifier_configuration,
)

JETON = "s3cret-Ün-peu-long"
PORT = 8124


async def _session_factice(request: web.Request) -> web.WebSocketResponse:
    """A websocket held open until the client closes it, without an application process."""
    websocket = web.WebSocketResponse()
    await websocket.prepare(request)
    async for _ in websocket:
        pass
    return websocket


async def _client(tmp_path, jeton: str | None, sessions_max: int = 16) -> TestClient:
    serveur = ServeurRecouvrement(tmp_path, "0.0.0.0" if jeton else "127.0.0.1", PORT, jeton, sessions_max)
    client = TestClient(TestServer(await serveur.application()))
    await client.start_server()
    return client


@pytest.fixture(autouse=True)
def sans_processus(monkeypatch):
    monkeypatch.setattr(Server, "handle_websocket", lambda self, request: _session_factice(request))


def _avec_cookie(client: TestClient) -> None:
    client.session.cookie_jar.update_cookies({nom_du_cookie(PORT): valeur_du_cookie(JETON)})


@pytest.mark.parametrize("jeton", [None, JETON])
async def test_websocket_ouvert_par_un_autre_site_refuse(tmp_path, jeton):
    """A page of evil.example opens ws://127.0.0.1:PORT/ws: the browser sends the cookie, not the page's origin."""
    client = await _client(tmp_path, jeton)
    try:
        if jeton:
            _avec_cookie(client)
        for origine in ("http://evil.example", "null", f"http://127.0.0.1:{client.port + 1}", "http://127.0.0.1"):
            with pytest.raises(aiohttp.WSServerHandshakeError) as refus:
                await client.ws_connect("/ws", headers={"Origin": origine})
            assert refus.value.status == 403
        websocket = await client.ws_connect("/ws", headers={"Origin": f"http://127.0.0.1:{client.port}"})
        await websocket.close()
    finally:
        await client.close()


async def test_sans_jeton_un_nom_rebranche_sur_la_boucle_locale_est_refuse(tmp_path):
    """DNS rebinding: evil.example made to resolve to 127.0.0.1 is same-origin for the page; its Host is not local."""
    client = await _client(tmp_path, None)
    try:
        for hote in (f"evil.example:{client.port}", "evil.example", f"127.0.0.1.evil.example:{client.port}"):
            assert (await client.get("/", headers={"Host": hote})).status == 403
            assert (await client.get("/static/js/textual.js", headers={"Host": hote})).status == 403
            with pytest.raises(aiohttp.WSServerHandshakeError):
                await client.ws_connect("/ws", headers={"Host": hote, "Origin": f"http://{hote}"})
        for hote in (f"127.0.0.1:{client.port}", f"localhost:{client.port}", f"[::1]:{client.port}", "localhost"):
            assert (await client.get("/", headers={"Host": hote})).status == 200
    finally:
        await client.close()


async def test_avec_jeton_le_host_du_proxy_est_admis(tmp_path):
    """Behind an HTTPS proxy the Host is the public name; the secret, not the name, lets in."""
    client = await _client(tmp_path, JETON)
    try:
        _avec_cookie(client)
        entetes = {"Host": "recouvrement.example", "X-Forwarded-Proto": "https"}
        assert (await client.get("/", headers=entetes)).status == 200
        websocket = await client.ws_connect("/ws", headers={**entetes, "Origin": "https://recouvrement.example"})
        await websocket.close()
    finally:
        await client.close()


@pytest.mark.parametrize("jeton", [None, JETON])
async def test_ni_cadre_ni_referer(tmp_path, jeton):
    """Another site may not frame the page (clickjacking), and no address leaves in Referer."""
    client = await _client(tmp_path, jeton)
    try:
        if jeton:
            _avec_cookie(client)
        for chemin in ("/", "/static/js/textual.js", "/absent"):
            reponse = await client.get(chemin)
            assert reponse.headers["X-Frame-Options"] == "DENY"
            assert "frame-ancestors 'none'" in reponse.headers["Content-Security-Policy"]
            assert reponse.headers["Referrer-Policy"] == "no-referrer"
        if jeton:
            client.session.cookie_jar.clear()
            redirection = await client.get("/", params={"jeton": JETON}, allow_redirects=False)
            assert redirection.status == 303 and redirection.headers["Referrer-Policy"] == "no-referrer"
            assert (await client.get("/")).headers["X-Frame-Options"] == "DENY"  # a 401 too
    finally:
        await client.close()


@pytest.mark.parametrize("chemin", ["//evil.example/", "/\\evil.example/", "///evil.example/x"])
async def test_la_redirection_du_jeton_reste_sur_ce_serveur(tmp_path, chemin):
    client = await _client(tmp_path, JETON)
    try:
        # Sent as is: an HTTP client would take //evil.example for another server.
        lecteur, ecrivain = await asyncio.open_connection("127.0.0.1", client.port)
        ecrivain.write(f"GET {chemin}?jeton=s3cret-%C3%9Cn-peu-long HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                       "Connection: close\r\n\r\n".encode())
        reponse = (await lecteur.read()).decode("latin-1")
        ecrivain.close()
        assert reponse.startswith("HTTP/1.1 303")
        emplacement = next(ligne.split(": ", 1)[1] for ligne in reponse.split("\r\n") if ligne.startswith("Location:"))
        assert emplacement.startswith("/") and emplacement[1:2] not in {"/", "\\"}
    finally:
        await client.close()


async def test_au_dela_du_maximum_de_sessions_la_suivante_est_refusee(tmp_path):
    client = await _client(tmp_path, None, sessions_max=2)
    try:
        ouverts = [await client.ws_connect("/ws"), await client.ws_connect("/ws")]
        with pytest.raises(aiohttp.WSServerHandshakeError) as refus:
            await client.ws_connect("/ws")
        assert refus.value.status == 503
        await ouverts.pop().close()
        for _ in range(50):  # the server sees the close a moment later
            try:
                ouverts.append(await client.ws_connect("/ws"))
                break
            except aiohttp.WSServerHandshakeError:
                await asyncio.sleep(0.02)
        assert len(ouverts) == 2
        for websocket in ouverts:
            await websocket.close()
    finally:
        await client.close()


def test_un_secret_trop_court_est_refuse():
    with pytest.raises(ConfigurationRefusee, match="trop court"):
        verifier_configuration("0.0.0.0", "1234")
    verifier_configuration("0.0.0.0", JETON)


def test_serve_refuse_un_secret_trop_court(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv(VARIABLE_JETON, "motdepasse")
    (tmp_path / "dossiers").mkdir()
    assert main(["serve", "--dossiers", str(tmp_path / "dossiers"), "--hote", "0.0.0.0"]) == 2
    assert "trop court" in capsys.readouterr().err
