"""SVG snapshots (pytest-textual-snapshot) of the title, the game mid-game and the debrief, at
80×24 and 120×40 (the other screens: test_every_screen.py). Seeded; no animations (conftest). Regenerate after a deliberate change with
``pytest tests/tui/test_snapshots.py --snapshot-update`` and look at the report before committing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.tui.conftest import SIZES
from wargame.tui.app import make_app

SIZE_IDS = [f"{w}x{h}" for w, h in SIZES]
#: Three weeks: choose, end the week, close the report (keys alone).
THREE_WEEKS = [
    "enter",
    "space",
    "space",
    "down",
    "enter",
    "space",
    "space",
    "down",
    "down",
    "enter",
    "space",
    "space",
]


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_title(snap_compare: Any, save_dir: Path, size: tuple[int, int]) -> None:
    assert snap_compare(make_app("korea-2022", seed=7, save_dir=save_dir), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_game_mid_game(snap_compare: Any, save_dir: Path, size: tuple[int, int]) -> None:
    app = make_app("korea-2022", side="ROK", seed=7, save_dir=save_dir, rounds=12)
    assert snap_compare(app, press=[*THREE_WEEKS, "down"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_round_report(snap_compare: Any, save_dir: Path, size: tuple[int, int]) -> None:
    app = make_app("korea-2022", side="ROK", seed=7, save_dir=save_dir, rounds=12)
    assert snap_compare(app, press=["down", "enter", "space"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_debrief(snap_compare: Any, save_dir: Path, size: tuple[int, int]) -> None:
    app = make_app("korea-2022", side="ROK", seed=7, save_dir=save_dir, rounds=4)
    keys = [*THREE_WEEKS, "enter", "space", "space"]
    assert snap_compare(app, press=keys, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_debrief_charts(snap_compare: Any, save_dir: Path, size: tuple[int, int]) -> None:
    app = make_app("korea-2022", side="ROK", seed=7, save_dir=save_dir, rounds=4)
    keys = [*THREE_WEEKS, "enter", "space", "space", "2"]
    assert snap_compare(app, press=keys, terminal_size=size)
