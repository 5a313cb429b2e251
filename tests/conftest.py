"""Suite-wide set-up: every test gets its own user data folder (installation secret, class locks
and logs), so no test reads or writes the real one and classes of two tests never meet."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from wargame.record.seal import DATA_DIR_ENV


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("wargame-data")
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    yield folder
