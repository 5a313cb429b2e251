"""Scale out (issue 15 item 6): the same files serially, on a process pool and on a Dask cluster;
fixed chunks; a clean stop on ctrl+c that keeps what finished."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from wargame.analysis import batch
from wargame.analysis.batch import CHUNK, Cell, Job
from wargame.cli import main
from wargame.scenario.load import load

#: Two cells of 110 games on the two-state test bed: 220 games in three chunks (100, 100, 20).
SWEEP = [
    "sweep",
    "--scenario",
    "dyad-testbed",
    "--set",
    "world.distinguishability=0.2,0.8",
    "--seeds",
    "110",
    "-q",
]


def run_sweep(out: Path, *extra: str) -> dict[str, bytes]:
    result = CliRunner().invoke(
        main, [*SWEEP, "-o", str(out), "--series", str(out / "series.parquet"), *extra]
    )
    assert result.exit_code == 0, result.stderr
    return {name: (out / name).read_bytes() for name in ("games.csv", "games.parquet", "series.parquet")}


def test_chunks_are_fixed_whatever_the_workers() -> None:
    job = Job(load("dyad-testbed"), (Cell(), Cell()), 110)
    assert job.chunks() == [(0, 100), (100, 200), (200, 220)]
    assert CHUNK == 100
    import inspect

    # the chunk size is a constant: nothing in the runner sizes chunks from the worker count
    assert "jobs" not in inspect.signature(Job.chunks).parameters


def test_serial_pool_and_dask_write_the_same_bytes(tmp_path: Path) -> None:
    from distributed import Client, LocalCluster

    serial = run_sweep(tmp_path / "serial")
    pool = run_sweep(tmp_path / "pool", "--jobs", "2")
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        dask = run_sweep(tmp_path / "dask", "--dask", cluster.scheduler_address)
        assert len(client.scheduler_info()["workers"]) == 2
    assert serial == pool == dask
    games = pd.read_parquet(tmp_path / "serial" / "games.parquet")
    assert games["game"].tolist() == list(range(220))
    assert len(set(games["final_tension"])) > 10  # real, varied games, not one repeated


def test_simulate_on_dask_gives_the_same_json(tmp_path: Path) -> None:
    from distributed import LocalCluster

    args = ["simulate", "--json", "--scenario", "dyad-testbed", "--seeds", "150"]
    plain = CliRunner().invoke(main, args)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        on_dask = CliRunner().invoke(main, [*args, "--dask", cluster.scheduler_address])
    assert plain.exit_code == on_dask.exit_code == 0, on_dask.stderr
    assert plain.stdout == on_dask.stdout


def test_an_unreachable_cluster_is_one_line(tmp_path: Path) -> None:
    from dask import config

    with config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = CliRunner().invoke(main, [*SWEEP, "-o", str(tmp_path), "--dask", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "cannot reach the Dask scheduler" in result.stderr, (
        result.stderr
    )


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to this process")
def test_a_stop_keeps_the_games_finished_in_order() -> None:
    """ctrl+c (SIGINT) while a chunk is being handed on: that chunk is handed on whole (to every
    file), the run stops after it, and it says how many games that was, in order."""
    job = Job(load("dyad-testbed"), (Cell(),), 350)
    seen: list[int] = []
    second: list[int] = []

    def consume(chunk: batch.ChunkResult) -> None:
        seen.extend(r["game"] for r in chunk.rows)
        if len(seen) >= 200:
            os.kill(os.getpid(), signal.SIGINT)  # ctrl+c half-way through handing a chunk on
            time.sleep(0.05)
            second.extend(r["game"] for r in chunk.rows)  # e.g. the series file, after games.csv

    with pytest.raises(batch.Stopped) as stop:
        batch.run(job, consume, jobs=2)
    assert seen == list(range(200))
    assert second == list(range(100, 200))  # the chunk reached its second file too
    assert stop.value.games == 200


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a process group")
def test_ctrl_c_on_the_command_keeps_readable_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "wargame",
            *SWEEP[: SWEEP.index("--seeds")],
            "--seeds",
            "3000",
            "--jobs",
            "2",
            "-q",
            "-o",
            str(out),
            "--series",
            str(out / "series.parquet"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    csv = out / "games.csv"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None or (csv.exists() and csv.read_text().count("\n") > 2 * CHUNK):
            break
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal's ctrl+c: the whole process group
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "stopped:" in err and "of 6000 games finished and were kept" in err
    kept = int(err.split("stopped: ")[1].split()[0])
    assert 2 * CHUNK <= kept < 6000 and kept % CHUNK == 0
    games = pd.read_parquet(out / "games.parquet")
    assert games["game"].tolist() == list(range(kept))
    assert len(pd.read_csv(csv)) == kept
    # every file holds the same games: the summary counts them, the series has their rounds
    assert pd.read_csv(out / "summary.csv")["games"].sum() == kept
    series_games = pd.read_parquet(out / "series.parquet", columns=["game"])["game"].unique()
    assert sorted(series_games.tolist()) == list(range(kept))
    report = (out / "report.html").read_text()
    assert f"Stopped after {kept} of 6000 games" in report


def test_parquet_bytes_do_not_depend_on_how_rows_arrive(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Row groups are cut by row count alone: the same rows in batches of any sizes give the same
    file (and the same CSV), across several row groups."""
    import pyarrow.parquet as pq

    from wargame.research import tidy

    monkeypatch.setattr(tidy, "ROW_GROUP", 7)
    columns = [("game", "int"), ("x", "float"), ("name", "str"), ("ok", "bool")]
    rows = [(k, k / 3, f"g{k}", k % 2 == 0) for k in range(50)]
    files = []
    for sizes in ([50], [1] * 50, [3, 20, 6, 21], [13, 37]):
        base = tmp_path / "-".join(map(str, sizes))[:40]
        with tidy.TidyWriter(
            columns, csv_path=base.with_suffix(".csv"), parquet_path=base.with_suffix(".parquet")
        ) as w:
            start = 0
            for n in sizes:
                w.write(rows[start : start + n])
                start += n
        files.append((base.with_suffix(".csv").read_bytes(), base.with_suffix(".parquet").read_bytes()))
        meta = pq.ParquetFile(base.with_suffix(".parquet")).metadata
        assert [meta.row_group(i).num_rows for i in range(meta.num_row_groups)] == [7] * 7 + [1]
    assert all(f == files[0] for f in files)
    assert pq.read_table(base.with_suffix(".parquet")).to_pylist()[10] == {
        "game": 10,
        "x": 10 / 3,
        "name": "g10",
        "ok": True,
    }
