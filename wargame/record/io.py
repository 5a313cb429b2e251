"""Reading and writing game records (JSON). Writes are atomic; a failed load changes nothing.

Never ``pickle`` or ``eval``: records are JSON validated by pydantic.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from wargame import files
from wargame.errors import InputError, from_validation_error
from wargame.record.models import SCHEMA_VERSION, GameRecord


def _v1_to_v2(raw: dict[str, Any]) -> dict[str, Any]:
    """Version 2 adds ``model_version``; a version 1 file was played on model 1."""
    return {**raw, "schema_version": 2, "model_version": 1}


#: Upgrade steps: schema version n → function turning a version-n dict into version n+1.
#: Upgrading works on the parsed JSON only: the file itself is never rewritten.
UPGRADES: dict[int, Any] = {1: _v1_to_v2}


def atomic_write(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (see :func:`wargame.files.atomic_write`: a uniquely
    named temporary file in the same folder, fsync, rename; stale temporary files of killed
    writers are cleaned up). A crash mid-write leaves the old file (if any) intact.

    Raises:
        OSError: the folder cannot be created or written.
    """
    files.atomic_write(path, text)


def dumps(record: GameRecord) -> str:
    """The record as pretty JSON (stable key order, trailing newline)."""
    return json.dumps(record.model_dump(mode="json", exclude_defaults=False), indent=2) + "\n"


def save(path: str | Path, record: GameRecord) -> None:
    """Save a record atomically (see :func:`atomic_write`)."""
    atomic_write(path, dumps(record))


def parse(text: str, source: str | Path = "<text>") -> GameRecord:
    """Parse and validate record JSON, upgrading old schema versions step by step.

    Raises:
        InputError: invalid JSON (line and column), a schema version from a newer wargame,
            or a field that fails validation (field path); nesting or a string beyond the limits of
            :mod:`wargame.files`, checked before the JSON is parsed.
    """
    files.check_json(text, source)
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            source,
            f"line {exc.lineno}, column {exc.colno}",
            f"not valid JSON ({exc.msg}); the file may be truncated or hand-edited",
        ) from None
    except (ValueError, RecursionError) as exc:  # e.g. an integer of more than 4300 digits
        raise InputError(source, "", f"not valid JSON here ({exc}); is this a wargame record?") from None
    if not isinstance(raw, dict):
        raise InputError(source, "(top level)", "expected a JSON object (a wargame record)")
    version = raw.get("schema_version")
    if not isinstance(version, int):
        raise InputError(source, "schema_version", "missing or not an integer: is this a wargame record?")
    if version > SCHEMA_VERSION:
        raise InputError(
            source,
            "schema_version",
            f"version {version} was written by a newer wargame; this one reads up to {SCHEMA_VERSION}",
        )
    while version < SCHEMA_VERSION:
        step = UPGRADES.get(version)
        if step is None:
            raise InputError(source, "schema_version", f"no upgrade from version {version}")
        raw = step(raw)
        version = raw["schema_version"]
    try:
        return GameRecord.model_validate(raw)
    except ValidationError as exc:
        raise from_validation_error(source, exc) from None


def load(path: str | Path) -> GameRecord:
    """Read and validate a record file. The file is only read, never changed.

    Raises:
        InputError: unreadable file, larger than :data:`wargame.files.MAX_RECORD_BYTES`, or
            invalid content (see :func:`parse`).
    """
    path = Path(path)
    data = files.read_bounded(path, files.MAX_RECORD_BYTES, "wargame record")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"byte {exc.start}", "not UTF-8 text: is this a wargame record?") from None
    return parse(text, path)
