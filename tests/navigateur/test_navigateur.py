"""`recouvrement serve` in a real headless Chromium: the list, a filter, a dossier; and no way in without the secret.

Locally the test is skipped when /usr/bin/chromium is missing; in CI (CI=true) .ci/run installs
Debian's chromium, and its absence is a failure. Playwright drives that browser (never
`playwright install`). The server runs in its own process group, which also holds every
application process it spawns: the group is killed whatever the outcome.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from recouvrement_tui.demo import ecrire_demo
from recouvrement_tui.services.dossiers import ServiceDossiers

CHROMIUM = Path("/usr/bin/chromium")
JETON = "jeton-de-test-navigateur"
ARGUMENTS_CHROMIUM = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# textual-serve keeps its xterm.js Terminal in a closure; the test's copy of textual.js hands it to
# the page, whose buffer is then read as text (the screen is drawn on a canvas).
CRAN_TERMINAL = "this.terminal.open(e),"
LIRE_ECRAN = """() => {
    const terminal = window.__terminal;
    if (!terminal) return "";
    const tampon = terminal.buffer.active, lignes = [];
    for (let i = 0; i < tampon.length; i++) lignes.push(tampon.getLine(i).translateToString(true));
    return lignes.join("\\n");
}"""


@pytest.fixture(scope="module")
def chromium() -> Path:
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("chromium manque en CI : .ci/run doit l'installer (apt-get install chromium).", pytrace=False)
        pytest.skip("le navigateur /usr/bin/chromium est nécessaire (apt-get install chromium)")
    return CHROMIUM


def _port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _arreter(processus: subprocess.Popen) -> None:
    """SIGTERM to the whole group (server, shells, application processes), then SIGKILL."""
    try:
        os.killpg(processus.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        processus.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass
    try:
        os.killpg(processus.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    processus.wait(timeout=5)


def _encore_en_vie(groupe: int) -> list[int]:
    """The processes of a group still running (zombies aside: a container's PID 1 may never reap them)."""
    vivants = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            champs = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        if int(champs[2]) == groupe and champs[0] not in "ZX":
            vivants.append(int(stat.parent.name))
    return vivants


def _commande(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode().rstrip("\0").split("\0")
    except OSError:
        return []


def _attendre_le_port(port: int, processus: subprocess.Popen, journal: Path, delai: float = 15) -> None:
    fin = time.monotonic() + delai
    while time.monotonic() < fin:
        if processus.poll() is not None:
            raise AssertionError(f"le serveur s'est arrêté : {journal.read_text(errors='replace')}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"le serveur n'écoute pas sur le port {port} après {delai} s")


@pytest.fixture(scope="module")
def serveur(tmp_path_factory) -> Iterator[tuple[str, int, list[str], Path]]:
    """(base URL, server's process group, [reference, debtor] of a demo dossier, data folder)."""
    racine = tmp_path_factory.mktemp("serve") / "dossiers"
    ecrire_demo(racine, 6, 3)
    resumes = sorted((r for r in ServiceDossiers(racine).resumes_actualises() if r.ouvert), key=lambda r: r.reference)
    port = _port_libre()
    # On every interface, with a secret: the access check is on, as on a colleague's network.
    environnement = {**os.environ, "RECOUVREMENT_JETON": JETON, "PYTHONUNBUFFERED": "1"}
    # Its output to a file, not a pipe nobody reads: a full pipe would block the server.
    journal = racine.parent / "serve.log"
    with journal.open("w") as sortie:
        processus = subprocess.Popen(
            [sys.executable, "-m", "recouvrement_tui", "serve", "--dossiers", str(racine), "--hote", "0.0.0.0",
             "--port", str(port)],
            env=environnement, stdout=sortie, stderr=subprocess.STDOUT, start_new_session=True,
        )
    try:
        _attendre_le_port(port, processus, journal)
        yield f"http://127.0.0.1:{port}", processus.pid, [resumes[0].reference, resumes[0].debiteur], racine
    finally:
        _arreter(processus)
        assert not _encore_en_vie(processus.pid), "des processus de l'application survivent au serveur"


def test_sans_le_jeton_le_serveur_refuse(serveur):
    base, *_ = serveur
    for chemin in ("/", "/static/js/textual.js", "/ws", "/?jeton=faux"):
        with pytest.raises(urllib.error.HTTPError) as refus:
            urllib.request.urlopen(base + chemin, timeout=5)
        assert refus.value.code in (401, 403), chemin
        refus.value.close()


def test_la_liste_puis_un_dossier_dans_le_navigateur(serveur, chromium, tmp_path):
    from playwright.sync_api import sync_playwright

    base, groupe, (reference, debiteur), racine = serveur
    with sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path=str(chromium), args=ARGUMENTS_CHROMIUM, headless=True)
        try:
            contexte = navigateur.new_context(viewport={"width": 1400, "height": 900})
            page = contexte.new_page()

            def textual_js(route):
                # Fetched through the browser's context: the cookie the server set is what lets it in.
                reponse = route.fetch()
                assert reponse.status == 200, f"textual.js refusé ({reponse.status}) malgré le cookie"
                source = reponse.text()
                assert CRAN_TERMINAL in source, "textual-serve a changé : le terminal xterm.js n'est plus repérable"
                route.fulfill(response=reponse, body=source.replace(
                    CRAN_TERMINAL, CRAN_TERMINAL + "window.__terminal=this.terminal,", 1))

            page.route(re.compile(r".*/static/js/textual\.js$"), textual_js)
            # The page also asks Google Fonts for Roboto Mono: no network in a test, answer at once.
            page.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/]).*"), lambda route: route.abort())
            page.goto(f"{base}/?jeton={JETON}")
            assert "jeton" not in page.url  # the redirect took the secret out of the address bar

            def ecran_montre(texte: str, delai: float = 15) -> str:
                fin = time.monotonic() + delai
                ecran = ""
                while time.monotonic() < fin:
                    ecran = page.evaluate(LIRE_ECRAN)
                    if texte in ecran:
                        return ecran
                    page.wait_for_timeout(200)
                raise AssertionError(f"{texte!r} n'apparaît pas à l'écran après {delai} s :\n{ecran}")

            ecran_montre(reference)
            ecran_montre(debiteur[:20])
            page.locator("#terminal").click()  # the terminal takes the keyboard, as for a user
            page.keyboard.press("/")
            page.wait_for_timeout(500)  # the filter takes the focus in the app, a round trip away
            page.keyboard.type(reference, delay=30)
            ecran_montre("1 sur ")  # "1 sur 6 dossiers ouverts": the filter kept one row
            page.keyboard.press("Enter")  # validates the filter: the table takes the focus
            page.wait_for_timeout(300)
            page.keyboard.press("Enter")  # opens the dossier under the cursor
            titre = ecran_montre(f"Dossier {reference}")
            assert re.search(r"Dossier 2026-\d{4}", titre)
            # The session is this Python on the served data folder, in the server's process group.
            sessions = [commande for pid in _encore_en_vie(groupe)
                        if "recouvrement_tui" in (commande := _commande(pid)) and "serve" not in commande]
            assert [sys.executable, "-m", "recouvrement_tui", "--dossiers", str(racine.resolve())] in sessions
        finally:
            navigateur.close()
