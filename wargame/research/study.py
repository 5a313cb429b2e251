"""Running a study (a tournament or a sweep): the batch streamed to tidy files and summaries,
with a progress bar and a clean stop on ctrl+c."""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wargame.analysis.batch import SERIES_COLUMNS, ChunkResult, Job, Stopped, game_columns, run
from wargame.research.aggregate import Aggregate
from wargame.research.tidy import TidyWriter, writer_for

DEPENDENCIES = ("pyarrow", "matplotlib")
"""The research extra's modules a study needs (Dask only with ``--dask``)."""


@dataclass
class StudyRun:
    """What a study run produced.

    Attributes:
        games: games finished and written (all of them unless stopped).
        total: games the study has.
        stopped: True after ctrl+c (the files hold the games finished, in order).
        files: the files written, in order.
    """

    games: int
    total: int
    stopped: bool
    files: list[Path] = field(default_factory=list)


def prepare_out(out: Path) -> None:
    """Create the output folder (its parent must exist).

    Raises:
        InputError: the parent folder does not exist, or ``out`` is a file.
    """
    from wargame.errors import InputError

    if out.exists() and not out.is_dir():
        raise InputError(str(out), "", "expected a folder to write the results into, not a file")
    if not out.resolve().parent.is_dir():
        raise InputError(str(out), "", "the folder to write into does not exist")
    out.mkdir(exist_ok=True)


def run_study(
    job: Job,
    out: Path,
    aggregate: Aggregate,
    jobs: int = 1,
    dask: Any = None,
    quiet: bool = False,
    series: Path | None = None,
    label: str = "playing",
) -> StudyRun:
    """Play ``job``, writing ``out/games.csv`` and ``out/games.parquet`` (one row per game) and,
    if asked, the per-round ``series`` file, as chunks finish; fold every row into ``aggregate``."""
    csv_path, pq_path = out / "games.csv", out / "games.parquet"
    files = [csv_path, pq_path]
    writer = TidyWriter(game_columns(job), csv_path=csv_path, parquet_path=pq_path)
    series_writer = writer_for(series, SERIES_COLUMNS) if series is not None else None
    if series is not None:
        files.append(series)

    def consume(chunk: ChunkResult) -> None:
        writer.write(chunk.rows)
        aggregate.add(chunk.rows)
        if series_writer is not None:
            series_writer.write(chunk.series)

    stopped = False
    try:
        games = _with_progress(job, consume, jobs, dask, quiet, label)
    except Stopped as exc:
        games, stopped = exc.games, True
    finally:
        writer.close()
        if series_writer is not None:
            series_writer.close()
    return StudyRun(games, job.games, stopped, files)


def _with_progress(job: Job, consume: Any, jobs: int, dask: Any, quiet: bool, label: str) -> int:
    if quiet or not sys.stderr.isatty():
        return run(job, consume, jobs=jobs, dask=dask)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        transient=True,
        console=Console(stderr=True),
    ) as bar:
        task = bar.add_task(label, total=job.games)
        return run(job, consume, jobs=jobs, dask=dask, progress=lambda k: bar.advance(task, k))


def write_summary_csv(path: Path, rows: list[dict[str, Any]]) -> None:
    """The summary table (one row per cell) as CSV."""
    if not rows:
        path.write_text("", encoding="utf-8")
        return
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: (repr(v) if isinstance(v, float) else v) for k, v in r.items()})


def pct(x: float) -> str:
    """A share as a whole percentage."""
    return f"{100 * x:.0f}%"


def rate_text(row: dict[str, Any], name: str) -> str:
    """``"45% (38-52)"``: a rate and its Wilson interval (``"100%"`` alone when exact: a Wilson
    interval is never of zero width, an expectation-mode cell's is)."""
    if row[name + "_low"] == row[name + "_high"]:
        return f"{100 * row[name]:.0f}%"
    return f"{100 * row[name]:.0f}% ({100 * row[name + '_low']:.0f}-{100 * row[name + '_high']:.0f})"
