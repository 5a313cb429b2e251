"""Tidy files written as results stream in: CSV (the standard library) and Parquet (pyarrow).

Rows are written in the order they are given (game order) and a Parquet row group holds
:data:`ROW_GROUP` rows, whatever the chunks they came in: the same rows give the same bytes,
however many workers made them. Memory holds at most one row group.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROW_GROUP = 10_000
"""Rows per Parquet row group (fixed: part of what makes the files byte-identical). It is also
what a writer holds in memory: with 65,536 the parent of a 100,000-game run peaked 48 MB higher
than at 10,000 games (bench/tournament.py); at 10,000 its memory is flat from 10,000 games on."""

_ARROW = {"int": "int64", "float": "float64", "str": "string", "bool": "bool_"}


def arrow_schema(columns: list[tuple[str, str]]) -> Any:
    """The pyarrow schema of ``(name, kind)`` columns (kind: int, float, str, bool)."""
    import pyarrow as pa

    return pa.schema([(name, getattr(pa, _ARROW[kind])()) for name, kind in columns])


class TidyWriter:
    """Write rows to any of a CSV and a Parquet file as they come.

    Args:
        columns: ``(name, kind)`` pairs, in file order.
        csv_path, parquet_path: the files (None: not written).
    """

    def __init__(
        self, columns: list[tuple[str, str]], csv_path: Path | None = None, parquet_path: Path | None = None
    ) -> None:
        self.columns = columns
        self.names = [c for c, _ in columns]
        self.rows = 0
        self._csv_file = None
        self._csv: Any = None
        self._pq: Any = None
        self._buffer: list[Any] = []  # pyarrow record batches, not yet written
        self._buffered = 0
        if csv_path is not None:
            self._csv_file = open(csv_path, "w", encoding="utf-8", newline="")  # noqa: SIM115
            self._csv = csv.writer(self._csv_file, lineterminator="\n")
            self._csv.writerow(self.names)
        if parquet_path is not None:
            import pyarrow.parquet as pq

            self._schema = arrow_schema(columns)
            self._pq = pq.ParquetWriter(str(parquet_path), self._schema, compression="zstd")

    def write(self, rows: Iterable[dict[str, Any] | tuple[Any, ...]]) -> None:
        """Append rows: dicts with at least the column names, or tuples in column order."""
        names = self.names
        batch: list[tuple[Any, ...]] = [
            row if isinstance(row, tuple) else tuple(row[n] for n in names) for row in rows
        ]
        if not batch:
            return
        self.rows += len(batch)
        if self._csv is not None:
            self._csv.writerows([[_cell(v) for v in row] for row in batch])
        if self._pq is not None:
            import pyarrow as pa

            columns = list(zip(*batch))
            self._buffer.append(pa.record_batch([list(c) for c in columns], schema=self._schema))
            self._buffered += len(batch)
            while self._buffered >= ROW_GROUP:
                self._flush(ROW_GROUP)

    def _flush(self, n: int | None = None) -> None:
        """Write the first ``n`` buffered rows (all if None) as one row group."""
        if not self._buffered:
            return
        import pyarrow as pa

        table = pa.Table.from_batches(self._buffer, schema=self._schema)
        n = self._buffered if n is None else n
        self._pq.write_table(table.slice(0, n), row_group_size=ROW_GROUP)
        rest = table.slice(n)
        self._buffer = rest.combine_chunks().to_batches() if rest.num_rows else []
        self._buffered = rest.num_rows

    def close(self) -> None:
        """Write what is buffered and close the files (also after a stop: what finished is kept)."""
        if self._pq is not None:
            self._flush()
            self._pq.close()
            self._pq = None
        if self._csv_file is not None:
            self._csv_file.close()
            self._csv_file = None

    def __enter__(self) -> TidyWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _cell(value: Any) -> Any:
    """A CSV cell: floats as their shortest repr (exact, the same everywhere), booleans as
    ``true``/``false``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return value


def writer_for(path: Path, columns: list[tuple[str, str]]) -> TidyWriter:
    """A writer of one file, CSV or Parquet by its extension (``.csv``, ``.parquet``/``.pq``).

    Raises:
        InputError: another extension, or a folder that does not exist.
    """
    from wargame.errors import InputError

    suffix = path.suffix.lower()
    if suffix not in (".csv", ".parquet", ".pq"):
        raise InputError(str(path), "", "expected a .parquet or .csv file name")
    if not path.resolve().parent.is_dir():
        raise InputError(str(path), "", "the folder to write into does not exist")
    if suffix == ".csv":
        return TidyWriter(columns, csv_path=path)
    return TidyWriter(columns, parquet_path=path)
