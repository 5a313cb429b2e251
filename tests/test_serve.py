"""``wargame serve``: the game in a browser through textual-serve (issue 4)."""

from __future__ import annotations

import os
import select
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.browser import FLAGS, chromium


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "wargame", "serve", "--port", str(port)],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TEXTUAL_ANIMATIONS": "none"},
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail(f"wargame serve did not answer on {url}: {proc.stderr.read() if proc.stderr else ''}")
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def test_serve_answers_on_loopback_with_the_app_page(server: str) -> None:
    with urllib.request.urlopen(server, timeout=5) as r:
        page = r.read().decode()
    assert "textual" in page.lower() and "wargame" in page


def _outward_address() -> str | None:
    """This machine's address on its default route (no packet is sent), or None."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.255.255.255", 1))
        except OSError:
            return None
        addr = str(s.getsockname()[0])
    return None if addr.startswith("127.") or addr == "0.0.0.0" else addr


def test_serve_does_not_listen_beyond_loopback(server: str) -> None:
    """By default the game is not reachable from the network: the port refuses connections on the
    machine's outward address (answering on 127.0.0.1 alone would also pass if it bound 0.0.0.0)."""
    addr = _outward_address()
    if addr is None:
        pytest.skip("this machine has no non-loopback address to try")
    port = int(server.rsplit(":", 1)[1].strip("/"))
    with pytest.raises(ConnectionRefusedError), socket.create_connection((addr, port), timeout=5):
        pass


def test_served_app_loads_in_headless_chromium(server: str, tmp_path: Path) -> None:
    """The page starts the app: the title screen arrives through the websocket and renders."""
    exe = chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=FLAGS[1:])
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            page.goto(server)
            page.wait_for_selector("body.-first-byte", timeout=30_000)  # the app's first output
            page.wait_for_timeout(3000)  # let the title screen draw (xterm.js paints on a canvas)
            classes = page.evaluate("document.body.className")
            canvases = page.evaluate("document.querySelectorAll('#terminal canvas').length")
            png = tmp_path / "served.png"
            page.screenshot(path=str(png))
        finally:
            browser.close()
    assert "-closed" not in classes, "the app process ended instead of showing its title screen"
    assert canvases >= 1, "the terminal did not draw"
    assert png.stat().st_size > 15_000, "a screenshot of the splash alone is about 10 kB"


def test_binding_beyond_loopback_warns(tmp_path: Path) -> None:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "wargame", "serve", "--host", "0.0.0.0", "--port", str(port)],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    # read stderr as it comes until the warning (or the deadline, or the process's end)
    assert proc.stderr is not None
    err = ""
    deadline = time.monotonic() + 30
    try:
        while "anyone who can reach this machine" not in err:
            ready, _, _ = select.select([proc.stderr], [], [], max(0.0, deadline - time.monotonic()))
            line = proc.stderr.readline() if ready else ""
            if not line:
                break
            err += line
    finally:
        proc.terminate()
        proc.communicate(timeout=10)
    assert "WARNING" in err and "anyone who can reach this machine" in err, err


def test_served_page_loads_nothing_from_outside(server: str) -> None:
    """Issue 12 item 7: the page fetched a font from fonts.googleapis.com, which breaks the
    offline promise on a school network. Every asset now comes from the server itself."""
    import re

    with urllib.request.urlopen(server, timeout=5) as r:
        page = r.read().decode()
    outside = [
        u
        for u in re.findall(r"""(?:href|src)\s*=\s*["']([^"']+)["']|url\(['"]?([^'")]+)""", page)
        for u in u
        if u and re.match(r"(?:https?:)?//", u) and not u.startswith(server.rstrip("/"))
    ]
    assert outside == [], outside
    assert "RobotoMono" in page  # the font is textual-serve's own copy, served locally
    font = re.search(r"url\('([^']*RobotoMono-VariableFont_wght\.ttf)'\)", page)
    assert font is not None
    with urllib.request.urlopen(urllib.parse.urljoin(server, font.group(1)), timeout=5) as r:
        assert r.status == 200 and len(r.read()) > 10_000
