"""``wargame tournament``: doctrine against doctrine (issue 15 item 1)."""

from __future__ import annotations

import csv
import math
import re
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from wargame.cli import main
from wargame.research.stats import wilson


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("t") / "out"
    code, stdout, err = run(
        "tournament", "--scenario", "korea-2022", "--sides", "USA,DPRK", "--players", "hawk,dove",
        "--seeds", "3", "-o", str(out),
    )  # fmt: skip
    assert code == 0, err
    return out, stdout


def test_every_pairing_times_types_times_seeds(small: tuple[Path, str]) -> None:
    out, _ = small
    games = pd.read_parquet(out / "games.parquet")
    assert len(games) == 2 * 2 * 4 * 3
    assert games["game"].tolist() == list(range(48))
    cells = games.groupby(["doctrine_a", "doctrine_b", "type_a", "type_b"]).size()
    assert len(cells) == 16 and set(cells) == {3}
    # the fixed types are the ones played; the sides' columns name the actors
    assert (games["type_a"] == games["type_USA"]).all() and (games["type_b"] == games["type_DPRK"]).all()
    assert set(games["seed"]) == {0, 1, 2}
    # CSV and Parquet hold the same table
    from_csv = pd.read_csv(out / "games.csv")
    pd.testing.assert_frame_equal(from_csv, games, check_dtype=False)


def test_the_matrix_is_the_games_summarised(small: tuple[Path, str]) -> None:
    out, stdout = small
    games = pd.read_csv(out / "games.csv")
    with open(out / "matrix.csv", encoding="utf-8") as f:
        matrix = list(csv.DictReader(f))
    assert len(matrix) == 16
    for m in matrix:
        cell = games[
            (games.doctrine_a == m["doctrine_a"])
            & (games.doctrine_b == m["doctrine_b"])
            & (games.type_a == m["type_a"])
            & (games.type_b == m["type_b"])
        ]
        assert int(m["games"]) == len(cell) == 3
        for rate in ("peace", "war", "armed_clash"):
            k = int(cell[rate].sum())
            assert math.isclose(float(m[rate]), k / 3)
            lo, hi = wilson(k, 3)
            assert math.isclose(float(m[f"{rate}_low"]), lo) and math.isclose(float(m[f"{rate}_high"]), hi)
        assert math.isclose(float(m["mean_tension"]), cell["mean_tension"].mean())
        assert math.isclose(float(m["escalation_a"]), cell["escalation_USA"].mean())
        assert math.isclose(float(m["escalation_b"]), cell["escalation_DPRK"].mean())
    # the printed matrix names both sides and every pairing
    assert "USA" in stdout and "DPRK" in stdout and "ES USA" in stdout
    assert stdout.count("hawk") >= 2 and "dove" in stdout


def test_doctrines_matter_as_the_theory_says(small: tuple[Path, str]) -> None:
    """Two hawks go to war more than two doves; a hawk escalates more than a dove (Rivera ES)."""
    games = pd.read_parquet(small[0] / "games.parquet")
    hh = games[(games.doctrine_a == "hawk") & (games.doctrine_b == "hawk")]
    dd = games[(games.doctrine_a == "dove") & (games.doctrine_b == "dove")]
    assert hh["war"].mean() > dd["war"].mean()
    assert hh["mean_tension"].mean() > dd["mean_tension"].mean()
    assert games[games.doctrine_a == "hawk"]["escalation_USA"].mean() > 0 > dd["escalation_USA"].mean()


def test_plot_and_report_are_written_and_self_contained(small: tuple[Path, str]) -> None:
    out, _ = small
    assert (out / "heatmap.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = (out / "heatmap.svg").read_text()
    assert "<svg" in svg and "peace rate" in svg
    html = (out / "report.html").read_text()
    assert "<svg" in html and "Wilson" in html and "Rivera" in html
    style = html.split("</style>")[0]
    assert re.search(r"th, td \{[^}]*white-space: nowrap", style)  # "100% (68-100)" on one line
    for attr in ("src=", "href="):  # nothing loaded from outside: only the files beside it
        for part in html.split(attr)[1:]:
            assert not part.lstrip("\"'").startswith(("http:", "https:", "//")), part[:60]


def test_an_outside_policy_plugs_in_as_a_player(tmp_path: Path) -> None:
    """A policy given as module:attribute plays in the tournament, in worker processes too; one
    that plays as the dove doctrine gives the dove's games."""
    spec = "tests.research.policies:DoveCopy"
    code, _, err = run(
        "tournament", "--sides", "USA,DPRK", "--players", f"dove,{spec}", "--against", "hawk",
        "--types", "security_seeker", "--seeds", "4", "--jobs", "2", "-q", "-o", str(tmp_path),
    )  # fmt: skip
    assert code == 0, err
    games = pd.read_csv(tmp_path / "games.csv")
    dove = (
        games[games.doctrine_a == "dove"].drop(columns=["game", "cell", "doctrine_a"]).reset_index(drop=True)
    )
    copy = games[games.doctrine_a == spec].drop(columns=["game", "cell", "doctrine_a"]).reset_index(drop=True)
    assert len(dove) == 4
    pd.testing.assert_frame_equal(dove, copy)


def test_one_side_meets_the_scenarios_ais(tmp_path: Path) -> None:
    code, stdout, err = run(
        "tournament", "--sides", "DPRK", "--players", "grit,hawk", "--seeds", "2", "-o", str(tmp_path)
    )
    assert code == 0, err
    games = pd.read_csv(tmp_path / "games.csv")
    assert set(games.doctrine_b) == {"scenario"} and set(games.side_b) == {"others"}
    assert len(games) == 2 * 2 * 2  # players × DPRK's two types × seeds
    assert "the scenario's AIs" in stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--sides", "USA,XX"], "--sides XX: unknown side; expected one of DPRK, ROK, USA, JPN, PRC"),
        (["--sides", "USA,USA"], "expected one side or two different sides"),
        (
            ["--sides", "USA,DPRK", "--players", "hawk,sulk"],
            "--players sulk: unknown player; expected one of",
        ),
        (["--sides", "USA", "--players", "tests.research.policies:NOT_A_POLICY"], "a policy needs a decide"),
        (["--sides", "USA", "--players", "no_such_module:X"], "cannot import this policy"),
        (["--sides", "USA", "--set", "world.distinguishability=7"], "expected a number in [0, 1] (got 7)"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, args: list[str], expected: str) -> None:
    code, out, err = run("tournament", *args, "-o", str(tmp_path / "o"))
    assert code == 2
    assert out == "" and err.count("\n") == 1 and expected in err, err
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        ("Reseeds", "USA, round 1: decide(view, rng) raised TypeError: a game's random stream is fixed"),
        ("ReturnsNothing", "USA, round 1: decide(view, rng) must return (Order, dict), got None"),
        ("OrdersNonsense", "USA, round 1: an illegal order (unknown instrument 'nukes')"),
    ],
)
def test_a_failing_outside_policy_is_one_line_naming_it_and_exit_2(
    tmp_path: Path, policy: str, expected: str, jobs: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A policy that raises, returns no (Order, dict) or orders what the rules do not allow stops
    the run with one line naming the policy, the actor and the round (in a worker process too:
    chunks of one game, so with --jobs 2 the games go to the pool)."""
    from wargame.analysis import batch

    monkeypatch.setattr(batch, "CHUNK", 1)
    pooled: list[int] = []
    real_pool = batch._run_pool
    monkeypatch.setattr(batch, "_run_pool", lambda *a: (pooled.append(1), real_pool(*a))[1])
    spec = f"tests.research.policies:{policy}"
    code, out, err = run(
        "tournament",
        "--sides",
        "USA",
        "--players",
        spec,
        "--seeds",
        "2",
        "--jobs",
        jobs,
        "-q",
        "-o",
        str(tmp_path),
    )
    assert code == 2, err
    assert err.startswith(f"error: {spec}: {expected}") and err.count("\n") == 1, err
    assert "Traceback" not in out + err
    assert bool(pooled) == (jobs == "2")


def test_heatmap_panels_do_not_overlap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No text of one panel (its colour bar's ticks) runs into the next panel's text; the rows are
    named once, on the first panel; the one-side x-label reads as English."""
    from wargame.research import plots

    figs: list = []
    real_save = plots._save
    monkeypatch.setattr(plots, "_save", lambda fig, png, svg: (figs.append(fig), real_save(fig, png, svg)))
    monkeypatch.setattr(plots._pyplot(), "close", lambda fig: None)
    code, _, err = run(
        "tournament", "--sides", "DPRK", "--players", "grit,hawk", "--seeds", "1", "-q", "-o", str(tmp_path)
    )
    assert code == 0, err
    (fig,) = figs
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    panels = [ax for ax in fig.axes if ax.get_title()]
    bars = [ax for ax in fig.axes if not ax.get_title()]
    assert len(panels) == len(bars) == 3
    assert [ax.get_ylabel() for ax in panels] == ["DPRK plays", "", ""]
    assert {ax.get_xlabel() for ax in panels} == {"against the scenario's AIs"}
    for bar, nxt in zip(bars, panels[1:]):
        right = bar.get_tightbbox(renderer).x1
        left = nxt.get_tightbbox(renderer).x0
        assert right < left, (right, left)
