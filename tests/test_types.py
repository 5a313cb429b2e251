"""The engine type-checks under ``mypy --strict``, doctrines included (issue 16): the round and
the AI logic are checked, not skipped."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_engine_is_mypy_strict_clean() -> None:
    from mypy import api

    out, err, status = api.run(["--strict", "--no-error-summary", str(ROOT / "wargame" / "engine")])
    assert status == 0, out + err
