"""Suite-wide set-up: every test gets its own user data folder (installation secret, class locks
and logs), so no test reads or writes the real one and classes of two tests never meet; and a
class's secret stream key is a fixed one, so seeded class tests and snapshots stay reproducible
(tests of the secret itself use :data:`REAL_NEW_STREAM_KEY`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import wargame.classroom
from wargame.record.seal import DATA_DIR_ENV

REAL_NEW_STREAM_KEY = wargame.classroom.new_stream_key
TEST_STREAM_KEY = "0123456789abcdef-test-stream-key"


@pytest.fixture(autouse=True)
def _private_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("wargame-data")
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    monkeypatch.setattr(wargame.classroom, "new_stream_key", lambda: TEST_STREAM_KEY)
    yield folder
