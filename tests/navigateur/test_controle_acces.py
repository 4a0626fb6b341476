"""The access check of `recouvrement serve`, request by request, without a browser or a socket."""

from __future__ import annotations

import base64
import shlex
import sys

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from recouvrement_tui.cli.principal import main
from recouvrement_tui.system.serveur_web import (
    VARIABLE_JETON,
    ConfigurationRefusee,
    ServeurRecouvrement,
    commande_application,
    est_boucle_locale,
    nom_du_cookie,
    valeur_du_cookie,
    verifier_configuration,
)

JETON = "s3cret-Ün-peu-long"
PORT = 8123


async def _session_factice(request: web.Request) -> web.Response:
    return web.Response(text="session")


async def _client(tmp_path, jeton: str | None) -> TestClient:
    serveur = ServeurRecouvrement(tmp_path, "0.0.0.0" if jeton else "127.0.0.1", PORT, jeton)
    # No application process per websocket here: tests/navigateur/test_navigateur.py runs real ones.
    serveur.handle_websocket = _session_factice  # type: ignore[method-assign]
    client = TestClient(TestServer(await serveur.application()))
    await client.start_server()
    return client


def _basic(mot_de_passe: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"anne:{mot_de_passe}".encode()).decode()}


@pytest.mark.parametrize("chemin", ["/", "/static/js/textual.js", "/ws", "/download/x"])
async def test_sans_jeton_tout_est_refuse(tmp_path, chemin):
    client = await _client(tmp_path, JETON)
    try:
        reponse = await client.get(chemin, allow_redirects=False)
        assert reponse.status == 401
        assert reponse.headers["WWW-Authenticate"].startswith("Basic ")
        assert "Accès réservé" in await reponse.text()
    finally:
        await client.close()


async def test_un_mauvais_jeton_est_refuse(tmp_path):
    client = await _client(tmp_path, JETON)
    try:
        assert (await client.get("/", params={"jeton": "devine"}, allow_redirects=False)).status == 403
        assert (await client.get("/", params={"jeton": ""}, allow_redirects=False)).status == 403
        assert (await client.get("/", headers=_basic("devine"))).status == 401
        client.session.cookie_jar.update_cookies({nom_du_cookie(PORT): valeur_du_cookie("autre")})
        assert (await client.get("/static/js/textual.js")).status == 401
    finally:
        await client.close()


async def test_le_bon_jeton_donne_un_cookie_qui_ouvre_page_fichiers_et_websocket(tmp_path):
    client = await _client(tmp_path, JETON)
    try:
        reponse = await client.get("/", params={"jeton": JETON, "fontsize": "14"}, allow_redirects=False)
        assert reponse.status == 303
        assert reponse.headers["Location"] == "/?fontsize=14"  # the secret leaves the address bar
        cookie = reponse.cookies[nom_du_cookie(PORT)]
        assert cookie.value == valeur_du_cookie(JETON) != JETON and cookie["httponly"]
        page = await client.get("/?fontsize=14")
        assert page.status == 200
        html = await page.text()
        hote = f"127.0.0.1:{client.port}"
        assert f'data-session-websocket-url="ws://{hote}/ws"' in html  # the address the browser used
        assert f"http://{hote}/static/js/textual.js" in html
        assert "Session terminée." in html and ">Relancer<" in html and "Session ended" not in html
        assert (await client.get("/static/js/textual.js")).status == 200
        assert await (await client.get("/ws")).text() == "session"  # the websocket's route lets it in
    finally:
        await client.close()


async def test_http_basic_avec_le_jeton_comme_mot_de_passe(tmp_path):
    client = await _client(tmp_path, JETON)
    try:
        assert (await client.get("/", headers=_basic(JETON))).status == 200
    finally:
        await client.close()


async def test_en_boucle_locale_sans_jeton_tout_passe(tmp_path):
    client = await _client(tmp_path, None)
    try:
        assert (await client.get("/")).status == 200
        assert (await client.get("/static/css/xterm.css")).status == 200
    finally:
        await client.close()


@pytest.mark.parametrize(("hote", "locale"), [
    ("127.0.0.1", True), ("127.0.0.2", True), ("::1", True), ("[::1]", True), ("localhost", True),
    ("0.0.0.0", False), ("::", False), ("", False), ("192.168.1.10", False), ("serveur.local", False),
])
def test_boucle_locale(hote, locale):
    assert est_boucle_locale(hote) is locale


def test_hors_boucle_locale_un_secret_est_exige():
    verifier_configuration("127.0.0.1", None)
    verifier_configuration("0.0.0.0", JETON)
    with pytest.raises(ConfigurationRefusee, match=VARIABLE_JETON):
        verifier_configuration("0.0.0.0", None)
    with pytest.raises(ConfigurationRefusee, match="vide"):
        verifier_configuration("127.0.0.1", " ")


def test_serve_refuse_le_reseau_sans_secret(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv(VARIABLE_JETON, raising=False)
    (tmp_path / "dossiers").mkdir()
    assert main(["serve", "--dossiers", str(tmp_path / "dossiers"), "--hote", "0.0.0.0"]) == 2
    erreur = capsys.readouterr().err
    assert "Refus d'écouter sur 0.0.0.0" in erreur and VARIABLE_JETON in erreur and "--jeton-aleatoire" in erreur


def test_serve_dit_un_dossier_de_donnees_absent(tmp_path, capsys):
    assert main(["serve", "--dossiers", str(tmp_path / "absent")]) == 2
    assert "n'existe pas" in capsys.readouterr().err


def test_chaque_session_lance_ce_python_sur_ce_dossier_de_donnees(tmp_path):
    racine = tmp_path / "données partagées"
    commande = shlex.split(commande_application(racine))
    assert commande == [sys.executable, "-m", "recouvrement_tui", "--dossiers", str(racine.resolve())]


def test_en_boucle_locale_un_jeton_est_tire_sauf_sans_jeton(tmp_path, monkeypatch, capsys):
    """Every account of the machine reaches 127.0.0.1: a token is drawn there too, unless --sans-jeton."""
    from recouvrement_tui.cli import serve as module_serve

    vus = []

    class Faux:
        def __init__(self, racine, hote, port, jeton, sessions_max):
            vus.append(jeton)

        def ecouter(self):
            pass

        def servir(self):
            pass

        def fermer(self):
            pass

    monkeypatch.delenv("RECOUVREMENT_JETON", raising=False)
    monkeypatch.setattr(module_serve, "ServeurRecouvrement", Faux)
    (tmp_path / "dossiers").mkdir()
    assert main(["serve", "--dossiers", str(tmp_path / "dossiers")]) == 0
    assert vus[-1] and len(vus[-1]) >= 16 and f"?jeton={vus[-1]}" in capsys.readouterr().out
    assert main(["serve", "--dossiers", str(tmp_path / "dossiers"), "--sans-jeton"]) == 0
    assert vus[-1] is None
