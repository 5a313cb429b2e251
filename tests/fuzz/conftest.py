"""The fuzz suite (issue 13). Bounded by default, so the README's ``python -m pytest`` runs it in
well under a minute; ``python -m pytest tests/fuzz --fuzz-long`` is the long run before a release.
Either way the figures it reached are printed at the end."""

from __future__ import annotations

import pytest


@pytest.fixture
def long_run(request: pytest.FixtureRequest) -> bool:
    """True for the long run (``--fuzz-long``)."""
    return bool(request.config.getoption("--fuzz-long"))
