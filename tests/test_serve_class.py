"""A class in the browser (issue 12 item 7), end to end: ``wargame serve``, two browser contexts
in Playwright driving the system Chromium.

The served terminal is drawn on a canvas, so the test reads what happened where it lands: the
class's lock (which process owns the class), and its save, unsealed here with the PIN (the sealed
orders, the facilitator's log).

1. Tab A reopens the class with the PIN and team DPRK seals its order.
2. Tab B (another browser context: another student) continues the class with a blank PIN and
   presses F2 then Enter (on the old main: the console opened with no PIN and Enter paused the
   game, logged in the save). The class stays A's; nothing is logged; nothing changes.
3. Tab A is refreshed: its process ends, the new one reopens the class with the PIN, DPRK's
   sealed order is kept, and team ROK seals the second.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.browser import chromium
from wargame.classroom import ClassTakenError, HotSeat, _unseal
from wargame.game import Game
from wargame.record import io as record_io
from wargame.record import lock as class_lock
from wargame.record.models import ClassSecrets, GameRecord

PIN = "5150"
TEAMS = ["DPRK", "ROK", "USA"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until(what: str, check: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for: {what}")


@pytest.fixture
def served_class(tmp_path: Path) -> Iterator[tuple[str, Path, str]]:
    """A PIN-protected class saved as the autosave, and ``wargame serve`` in that folder."""
    saves = tmp_path / "saves"
    game = Game.new("korea-2022", seed=4, humans=TEAMS, rounds=6)
    hs = HotSeat(game, pin=PIN)
    record_io.save(saves / "autosave.json", game.record)
    hs.close()
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "wargame", "serve", "--port", str(port)],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TEXTUAL_ANIMATIONS": "none"},
    )
    url = f"http://127.0.0.1:{port}/"

    def answers() -> bool:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                return r.status == 200
        except OSError:
            return False

    wait_until("wargame serve to answer", answers)
    yield url, saves / "autosave.json", hs.class_id
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def _secrets(path: Path) -> ClassSecrets:
    record: GameRecord = record_io.load(path)
    assert record.classroom is not None and record.classroom.secrets is None  # still sealed
    return _unseal(record.classroom, PIN, class_lock.now)[2]


def _owner(class_id: str) -> int | None:
    """The pid holding the class, or None when it is free (probing takes it for an instant)."""
    try:
        class_lock.ClassLock(class_id).release()
    except ClassTakenError as exc:
        return exc.pid
    return None


def _open_tab(browser: object, url: str) -> object:
    context = browser.new_context(viewport={"width": 1280, "height": 860})  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(url)
    _start(page)
    return page


def _start(page: object) -> None:
    """Press the page's Start if it shows one, wait for the game to paint, focus the terminal."""
    page.wait_for_timeout(800)  # type: ignore[attr-defined]
    start = page.locator("#start")  # type: ignore[attr-defined]
    if start.is_visible():
        start.click()
    page.wait_for_selector("#terminal canvas", timeout=30_000)  # type: ignore[attr-defined]
    page.wait_for_timeout(3000)  # type: ignore[attr-defined]  # the game process starts and paints
    page.click("#terminal")  # type: ignore[attr-defined]


def _keys(page: object, *keys: str, pause: int = 350) -> None:
    for k in keys:
        if len(k) == 1:
            page.keyboard.type(k)  # type: ignore[attr-defined]
        else:
            page.keyboard.press(k)  # type: ignore[attr-defined]
        page.wait_for_timeout(pause)  # type: ignore[attr-defined]


def test_a_second_tab_cannot_open_the_class_and_a_refresh_keeps_its_sealed_orders(
    served_class: tuple[str, Path, str],
) -> None:
    from playwright.sync_api import sync_playwright

    url, autosave, class_id = served_class
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium(), args=["--no-sandbox", "--disable-gpu"])
        try:
            a = _open_tab(browser, url)
            _keys(a, "c")  # Continue
            _keys(a, *PIN, "Enter")
            wait_until("tab A to own the class", lambda: _owner(class_id) is not None)
            owner_a = _owner(class_id)
            _keys(a, *"DPRK", "Enter")  # the hand-off: the team types its code
            a.wait_for_timeout(1500)  # type: ignore[attr-defined]  # the team's screen opens its brief
            _keys(a, "Escape", "Enter", " ", "y", pause=700)  # close the brief, choose, seal, yes
            wait_until(
                "DPRK's order sealed in the save", lambda: list(_secrets(autosave).pending) == ["DPRK"]
            )
            before = autosave.read_bytes()

            b = _open_tab(browser, url)  # another student, another browser
            _keys(b, "c", "Enter")  # Continue, a blank PIN
            _keys(b, "F2", "Enter", "Enter")  # on the old main: the console, then "Pause"
            b.wait_for_timeout(1500)  # type: ignore[attr-defined]
            assert _owner(class_id) == owner_a
            assert autosave.read_bytes() == before
            assert [f.kind for f in _secrets(autosave).facilitator] == ["reopen"]  # A's, nothing of B's

            a.reload()  # type: ignore[attr-defined]  # a refresh: the old process is told to quit
            _start(a)
            wait_until("the old process to let the class go", lambda: _owner(class_id) != owner_a)
            _keys(a, "c")
            _keys(a, *PIN, "Enter")
            wait_until(
                "the class reopened",
                lambda: [f.kind for f in _secrets(autosave).facilitator] == ["reopen", "reopen"],
            )
            secrets = _secrets(autosave)
            assert list(secrets.pending) == ["DPRK"]  # the sealed order was kept
            _keys(a, *"ROK", "Enter")
            a.wait_for_timeout(1500)  # type: ignore[attr-defined]
            _keys(a, "Escape", "Enter", " ", "y", pause=700)
            wait_until("ROK's order sealed too", lambda: list(_secrets(autosave).pending) == ["DPRK", "ROK"])
        finally:
            browser.close()
