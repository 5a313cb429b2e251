"""The package type-checks under ``mypy --strict`` (pyproject's ``[tool.mypy]`` sets ``strict``;
issues 16 and 18): the round and the AI logic are checked, not skipped, and the compiled build
(bench/compiled.py, mypyc) relies on the engine's types being right."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_package_is_mypy_strict_clean() -> None:
    from mypy import api

    out, err, status = api.run(
        [
            "--config-file",
            str(ROOT / "pyproject.toml"),
            "--strict",
            "--no-error-summary",
            str(ROOT / "wargame"),
        ]
    )
    assert status == 0, out + err
