"""Per-round series: ``simulate --series`` and ``replay --export`` (issue 15 item 3): the documented
schema, read by pandas, and values that agree with the game itself."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from wargame.analysis.batch import SERIES_COLUMNS
from wargame.cli import main
from wargame.game import Game

ROOT = Path(__file__).resolve().parents[2]
REPLAY = ROOT / "tests" / "replays" / "korea-2022-opening.json"
PANDAS = {"int": "int64", "float": "float64", "bool": "bool", "str": ("object", "str", "string")}


def invoke(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def series(tmp_path_factory: pytest.TempPathFactory) -> tuple[pd.DataFrame, dict]:
    path = tmp_path_factory.mktemp("s") / "series.parquet"
    out = invoke("simulate", "--seeds", "4", "--seed", "10", "--json", "--series", str(path))
    return pd.read_parquet(path), json.loads(out)


def test_the_schema_is_the_documented_one(series: tuple[pd.DataFrame, dict]) -> None:
    """Column names, order and types are SERIES_COLUMNS, and docs/research.md documents each."""
    df, _ = series
    assert list(df.columns) == [c for c, _ in SERIES_COLUMNS]
    for name, kind in SERIES_COLUMNS:
        want = PANDAS[kind]
        assert str(df[name].dtype) in (want if isinstance(want, tuple) else (want,)), (name, df[name].dtype)
    doc = (ROOT / "docs" / "research.md").read_text(encoding="utf-8")
    table = doc[doc.index("## Per-round series") :]
    documented = set(re.findall(r"`([a-z_]+)`", table))
    assert {c for c, _ in SERIES_COLUMNS} <= documented
    # and in the file's order: the first column of each table row, read top to bottom
    rows = [ln for ln in table.split("\n\n", 3)[2].splitlines() if ln.startswith("| `")]
    in_doc = [c for ln in rows for c in re.findall(r"`([a-z_]+)`", ln.split("|")[1])]
    assert in_doc == [c for c, _ in SERIES_COLUMNS], in_doc


def test_one_row_per_game_round_actor_and_rival(series: tuple[pd.DataFrame, dict]) -> None:
    df, summary = series
    n = 5  # korea-2022's actors
    rounds = sum(s["outcome_round"] for s in summary["seeds"])
    assert len(df) == rounds * n * (n - 1)
    assert not df.duplicated(["game", "round", "actor", "rival"]).any()
    assert (df["actor"] != df["rival"]).all()
    assert sorted(set(df["seed"])) == [10, 11, 12, 13]


def test_tension_terms_add_up_and_escalation_matches_the_summary(series: tuple[pd.DataFrame, dict]) -> None:
    """Per round, the actor terms of every actor plus the round terms (once) make the change of the
    meter; the mean of the acts' Rivera points is the game's escalation score (simulate's)."""
    df, summary = series
    acts = df.drop_duplicates(["game", "round", "actor"])
    per_round = acts.groupby(["game", "round"]).agg(
        act=("term_act", "sum"), fade=("term_fade", "sum"), event=("term_event", "sum"), fear=("term_fear", "sum"),
        arms=("term_arms", "first"), floor=("term_floor", "first"), war=("term_war", "first"),
        change=("tension_change", "first"),
    )  # fmt: skip
    total = per_round[["act", "fade", "event", "fear", "arms", "floor", "war"]].sum(axis=1)
    assert ((total - per_round["change"]).abs() < 1e-6).all()
    for game, s in zip(sorted(set(acts["game"])), summary["seeds"]):
        es = acts[acts.game == game]["escalation"].mean()
        assert math.isclose(es, s["mean_escalation"], abs_tol=1e-4)


def test_the_series_is_the_game(series: tuple[pd.DataFrame, dict]) -> None:
    """Trust, acts and tension in the file are those of the game replayed from its seed."""
    df, _ = series
    game = Game.new("korea-2022", seed=12)
    while not game.is_over:
        game.play_round()
    rows = df[df.seed == 12]
    for r in game.results:
        at = rows[rows["round"] == r.round]
        for act in r.acts:
            mine = at[at.actor == act.maker]
            assert set(mine["instrument"]) == {act.instrument}
            for _, row in mine.iterrows():
                assert row["trust"] == r.state.trust(act.maker, row["rival"])
                assert row["tension"] == r.tension


def test_replay_export_writes_the_records_series_in_csv_and_parquet(tmp_path: Path) -> None:
    invoke("replay", str(REPLAY), "--export", str(tmp_path / "r.csv"))
    invoke("replay", str(REPLAY), "--export", str(tmp_path / "r.parquet"))
    a = pd.read_csv(tmp_path / "r.csv", keep_default_na=False, na_values=["nan"], dtype={"cameo": str})
    b = pd.read_parquet(tmp_path / "r.parquet")
    pd.testing.assert_frame_equal(a, b, check_dtype=False)
    game = Game.load(REPLAY)
    assert len(b) == game.round * 5 * 4
    assert b["round"].max() == game.round
    final = b[b["round"] == game.round]
    assert math.isclose(final["tension"].iloc[0], game.state.tension)


def test_a_bad_export_name_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["replay", str(REPLAY), "--export", str(tmp_path / "r.xlsx")])
    assert result.exit_code == 2 and "expected a .parquet or .csv file name" in result.stderr
    result = CliRunner().invoke(main, ["simulate", "--series", str(tmp_path / "no" / "s.parquet")])
    assert result.exit_code == 2 and "the folder to write into does not exist" in result.stderr
