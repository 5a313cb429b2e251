"""``wargame simulate``: AI for every actor over many seeds (issues 2 and 6)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from wargame.cli import main


def simulate_json(*args: str) -> dict:
    result = CliRunner().invoke(main, ["simulate", "--json", *args])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_rates_over_seeds() -> None:
    data = simulate_json("--scenario", "korea-2022", "--seeds", "6", "--seed", "3")
    assert [s["seed"] for s in data["seeds"]] == [3, 4, 5, 6, 7, 8]
    for s in data["seeds"]:
        assert {"outcome", "outcome_round", "final_tension", "mean_tension", "mean_escalation"} <= set(s)
        assert 0 <= s["final_tension"] <= 100
    rates = data["rates"]
    assert abs(sum(rates["outcomes"].values()) - 1.0) < 1e-9


def test_jobs_2_gives_the_same_json_as_jobs_1() -> None:
    args = ["--scenario", "korea-2022", "--seeds", "12", "--policy", "DPRK=greedy_opportunist"]
    assert simulate_json("--jobs", "2", *args) == simulate_json("--jobs", "1", *args)


def test_policy_and_type_change_the_game() -> None:
    hawks = simulate_json(
        "--seeds", "10", *[f"--policy={a}=hawk" for a in ("DPRK", "ROK", "USA", "JPN", "PRC")]
    )
    grit = simulate_json(
        "--seeds", "10", *[f"--policy={a}=grit" for a in ("DPRK", "ROK", "USA", "JPN", "PRC")]
    )
    assert hawks["rates"]["mean_tension"] > grit["rates"]["mean_tension"] + 30
    fixed = simulate_json("--seeds", "5", "--type", "DPRK=greedy")
    assert all(s["types"]["DPRK"] == "greedy" for s in fixed["seeds"])


def test_expectation_mode_is_seed_independent() -> None:
    data = simulate_json("--seeds", "3", "--mode", "expectation")
    finals = {json.dumps({k: v for k, v in s.items() if k != "seed"}, sort_keys=True) for s in data["seeds"]}
    assert len(finals) == 1


def test_text_output_and_no_progress_bar_when_not_a_terminal() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "wargame.cli", "simulate", "--seeds", "25"], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    assert "over 25 games (stochastic mode)" in proc.stdout
    assert "stalemate" in proc.stdout
    assert proc.stderr == ""


def test_simulate_json_stopped_by_ctrl_c_prints_the_games_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    """ctrl+c after two chunks: --json still prints the JSON of the 200 games kept (the same as a
    run of 200 seeds), and the stop line goes to stderr with exit 130."""
    import json

    from click.testing import CliRunner

    from wargame.analysis import batch
    from wargame.cli import main

    real = batch.run_chunk

    def chunk(job: batch.Job, start: int, stop: int) -> batch.ChunkResult:
        if start >= 2 * batch.CHUNK:
            raise KeyboardInterrupt
        return real(job, start, stop)

    monkeypatch.setattr(batch, "run_chunk", chunk)
    args = ["simulate", "--json", "--scenario", "dyad-testbed"]
    stopped = CliRunner().invoke(main, [*args, "--seeds", "500"])
    assert stopped.exit_code == 130, stopped.stderr
    assert "stopped: 200 of 500 games finished" in stopped.stderr
    kept = json.loads(stopped.stdout)
    assert [s["seed"] for s in kept["seeds"]] == list(range(200))
    monkeypatch.setattr(batch, "run_chunk", real)
    whole = CliRunner().invoke(main, [*args, "--seeds", "200"])
    assert kept == json.loads(whole.stdout)
