"""Reading and writing game records (JSON). Writes are atomic; a failed load changes nothing.

Never ``pickle`` or ``eval``: records are JSON validated by pydantic.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from wargame.errors import InputError, from_validation_error
from wargame.record.models import SCHEMA_VERSION, GameRecord


def _v1_to_v2(raw: dict[str, Any]) -> dict[str, Any]:
    """Version 2 adds ``model_version``; a version 1 file was played on model 1."""
    return {**raw, "schema_version": 2, "model_version": 1}


#: Upgrade steps: schema version n → function turning a version-n dict into version n+1.
#: Upgrading works on the parsed JSON only: the file itself is never rewritten.
UPGRADES: dict[int, Any] = {1: _v1_to_v2}


def atomic_write(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically: a temporary file in the same folder, fsync, rename.

    A crash mid-write leaves the old file (if any) intact. Creates the folder if needed.

    Raises:
        OSError: the folder cannot be created or written.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)  # mkstemp makes 0600; a save or handout is an ordinary file
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    try:
        dfd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass


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
            or a field that fails validation (field path).
    """
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            source,
            f"line {exc.lineno}, column {exc.colno}",
            f"not valid JSON ({exc.msg}); the file may be truncated or hand-edited",
        ) from None
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
        InputError: unreadable file or invalid content (see :func:`parse`).
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, "", f"cannot read file ({exc.strerror})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"byte {exc.start}", "not UTF-8 text: is this a wargame record?") from None
    return parse(text, path)
