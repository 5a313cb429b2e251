"""Options that would be silently ignored in a combination are refused in one line (exit 2), or a
note line says what happens (an order script longer than the game)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from wargame.cli import main

REPLAY = Path(__file__).resolve().parents[1] / "replays" / "korea-2022-opening.json"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["replay", str(REPLAY), "--export", "{tmp}/x.parquet", "--check"],
            "--export: --check is not done with --export",
        ),
        (["simulate", "--seeds", "2", "--dask", "tcp://127.0.0.1:9", "--jobs", "2"], "--jobs 2: with --dask"),
        (
            [
                "sweep",
                "--scenario",
                "dyad-testbed",
                "--set",
                "world.distinguishability=0.2,0.8",
                "--seeds",
                "2",
                "--dask",
                "tcp://127.0.0.1:9",
                "--jobs",
                "2",
                "-o",
                "{tmp}/out",
            ],
            "give --jobs or --dask, not both",
        ),
        (
            ["tournament", "--sides", "DPRK", "--players", "grit", "--against", "hawk", "-o", "{tmp}/out"],
            "--against hawk: with one side (DPRK) its players play the scenario's AIs: --against needs two sides",
        ),
    ],
)
def test_a_combination_that_would_ignore_an_option_is_one_line(
    tmp_path: Path, args: list[str], expected: str
) -> None:
    code, _out, err = run(*[a.replace("{tmp}", str(tmp_path)) for a in args])
    assert code == 2, err
    assert err.count("\n") == 1 and expected in err, err
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_an_order_script_longer_than_the_game_says_so(tmp_path: Path) -> None:
    script = tmp_path / "orders.toml"
    script.write_text('[[rounds]]\norders.BLUE = { instrument = "hold" }\n' * 6, encoding="utf-8")
    args = ["simulate", "--scenario", "dyad-testbed", "--seeds", "1", "--orders", str(script)]
    code, _, err = run(*args, "--rounds", "4")
    assert code == 0, err
    notes = [ln for ln in err.splitlines() if ln.startswith("note:")]
    assert notes == [
        f"note: {script} scripts 6 rounds; a game here has at most 4 (--rounds or world.rounds): "
        "rounds after 4 are not played"
    ]
    code, _, err = run(*args, "--rounds", "6")
    assert code == 0 and "note:" not in err, err
