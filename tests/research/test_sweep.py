"""``wargame sweep``: a grid over --set parameters; Jervis's four worlds (issue 15 item 2)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from wargame.cli import main

#: Both states hold a defensive posture, in expectation mode: the theory check TP3 of
#: tests/engine/test_theory_worlds.py, run through the command a researcher types.
DEFENSIVE = ["--scenario", "dyad-testbed", "--mode", "expectation", "--seeds", "1", "-q"]
DEFENSIVE += ["--policy", "BLUE=defensive_only", "--policy", "RED=defensive_only"]


def sweep(out: Path, *args: str) -> pd.DataFrame:
    result = CliRunner().invoke(main, ["sweep", *DEFENSIVE, "-o", str(out), *args])
    assert result.exit_code == 0, result.stderr
    return pd.read_parquet(out / "games.parquet")


def test_the_four_worlds_in_jervis_order(tmp_path: Path) -> None:
    """Jervis (1978): the dilemma is worst when offense dominates and postures look alike (World
    1), gone when defence dominates and they can be told apart (World 4): final tension
    T(W1) > T(W3), T(W2) > T(W4), T(W1) > T(W2), T(W3) ≥ T(W4)."""
    games = sweep(
        tmp_path, "--set", "world.offense_advantage=0.2,0.8", "--set", "world.distinguishability=0.1,0.9"
    )
    t = {
        (row["world.offense_advantage"], row["world.distinguishability"]): row["final_tension"]
        for _, row in games.iterrows()
    }
    w1, w2, w3, w4 = t[(0.8, 0.1)], t[(0.2, 0.1)], t[(0.8, 0.9)], t[(0.2, 0.9)]
    assert w1 > w3 and w2 > w4 and w1 > w2 and w3 >= w4, t
    summary = pd.read_csv(tmp_path / "summary.csv")
    assert len(summary) == 4 and set(summary["games"]) == {1}
    assert (tmp_path / "sweep.png").exists() and "<svg" in (tmp_path / "report.html").read_text()


def test_tension_falls_as_distinguishability_rises(tmp_path: Path) -> None:
    games = sweep(tmp_path, "--set", "world.distinguishability=0:1:5", "--set", "world.offense_advantage=0.5")
    assert games["world.distinguishability"].tolist() == [0.0, 0.25, 0.5, 0.75, 1.0]
    ts = games["final_tension"].tolist()
    assert all(a > b for a, b in itertools.pairwise(ts)), ts


@pytest.mark.parametrize(
    ("sets", "expected"),
    [
        (["world.distinguishability=0.1:0.9"], "expected LOW:HIGH:N with N ≥ 2"),
        (["world.distinguishability=0.1:0.9:1"], "expected LOW:HIGH:N with N ≥ 2"),
        (["world.distinguishability=0.5"], "nothing to sweep"),
        (
            ["world.distinguishability=0.5:1.5:3"],
            "world.distinguishability: expected a number in [0, 1] (got 1.5)",
        ),
        (["world.distinctness=0.1,0.2"], "expected one of distinguishability, offense_advantage"),
    ],
)
def test_bad_grids_are_one_line_and_exit_2(tmp_path: Path, sets: list[str], expected: str) -> None:
    args = [x for s in sets for x in ("--set", s)]
    result = CliRunner().invoke(main, ["sweep", *args, "-o", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and expected in result.stderr, result.stderr


def test_expectation_mode_plays_one_game_per_cell_without_intervals(tmp_path: Path) -> None:
    """Expectation mode draws nothing: 40 seeds would be 40 copies of one game, so one game per
    cell is played, a note says so, and rates carry no Wilson interval."""
    from click.testing import CliRunner

    from wargame.cli import main

    out = tmp_path / "e"
    result = CliRunner().invoke(
        main,
        [
            "sweep",
            "--scenario",
            "dyad-testbed",
            "--set",
            "world.distinguishability=0.2,0.8",
            "--mode",
            "expectation",
            "--seeds",
            "40",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert "one game per cell is played, not 40" in result.stderr
    import pandas as pd

    assert len(pd.read_csv(out / "games.csv")) == 2
    summary = pd.read_csv(out / "summary.csv")
    assert summary["games"].tolist() == [1, 1]
    assert (summary["peace_low"] == summary["peace"]).all() and (
        summary["peace_high"] == summary["peace"]
    ).all()
    assert "100%" in result.stdout and "100% (" not in result.stdout  # no interval
