"""SVG snapshots of the classroom screens: the hand-off card, a team's screen, the reveal (the
projector) and the class debrief, at 80×24 and, for the projector screens, 120×40. Seeded; no
animations (conftest). Regenerate after a deliberate change with
``pytest tests/tui/test_hotseat_snapshots.py --snapshot-update`` and look at the report first.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.tui.conftest import SIZES
from wargame.engine.state import Order
from wargame.tui.app import WargameApp, make_app
from wargame.tui.screens.handoff import HandoffScreen

SIZE_IDS = [f"{w}x{h}" for w, h in SIZES]
TEAMS = ["DPRK", "ROK", "USA"]
NAMES = {"DPRK": "Team Red", "ROK": "Team Blue", "USA": "Team Gold"}
WEEK_1 = {
    "DPRK": Order("nuclear_test", "ROK"),
    "ROK": Order("humanitarian_aid", "DPRK"),
    "USA": Order("strategic_asset_flyover", "DPRK"),
}


@pytest.fixture(autouse=True)
def _no_handoff_guard(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(HandoffScreen, "GUARD", 0.0)
    yield


def _app(pilot: Pilot[None]) -> WargameApp:
    return pilot.app  # type: ignore[return-value]


async def start(pilot: Pilot[None]) -> None:
    """A three-team class on korea-2022, seed 6, eight weeks, no PIN."""
    await pilot.pause()
    assert _app(pilot).new_class("korea-2022", 6, humans=TEAMS, teams=NAMES, rounds=8) is None
    await pilot.pause()


async def week_one_revealed(pilot: Pilot[None]) -> None:
    """Week 1 sealed with distinctive orders and revealed."""
    await start(pilot)
    flow = _app(pilot).classroom
    assert flow is not None
    for team in TEAMS:
        flow.hs.submit(team, WEEK_1[team])
    flow.reveal()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_handoff_card(snap_compare: Any, save_dir: Path, size: tuple[int, int]) -> None:
    assert snap_compare(make_app("korea-2022", save_dir=save_dir), run_before=start, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_team_screen(snap_compare: Any, save_dir: Path, size: tuple[int, int]) -> None:
    app = make_app("korea-2022", save_dir=save_dir)
    assert snap_compare(app, run_before=start, press=["enter", "escape", "down"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_reveal_moves(snap_compare: Any, save_dir: Path, size: tuple[int, int]) -> None:
    app = make_app("korea-2022", save_dir=save_dir)
    assert snap_compare(app, run_before=week_one_revealed, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_reveal_world_press(snap_compare: Any, save_dir: Path, size: tuple[int, int]) -> None:
    app = make_app("korea-2022", save_dir=save_dir)
    assert snap_compare(app, run_before=week_one_revealed, press=["enter"], terminal_size=size)


def test_class_debrief_side_by_side(snap_compare: Any, save_dir: Path) -> None:
    async def ended(pilot: Pilot[None]) -> None:
        await week_one_revealed(pilot)
        flow = _app(pilot).classroom
        assert flow is not None
        flow.hs.end()
        flow.next()
        await pilot.pause()

    app = make_app("korea-2022", save_dir=save_dir)
    assert snap_compare(app, run_before=ended, press=["2"], terminal_size=(120, 40))
