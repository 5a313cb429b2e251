"""The package's layers hold (issue 16): the import-linter contracts in ``pyproject.toml``
(``[tool.importlinter]``): cli, tui and analysis over the game, over its record and scenario, over
the engine, which imports nothing of the package outside it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_are_kept(capsys: pytest.CaptureFixture[str]) -> None:
    from importlinter.cli import lint_imports

    cwd = Path.cwd()
    os.chdir(ROOT)  # the contracts are read from pyproject.toml in the working folder
    try:
        code = lint_imports(no_cache=True)
    finally:
        os.chdir(cwd)
    out = capsys.readouterr().out
    assert code == 0, out
    assert "0 broken" in out
