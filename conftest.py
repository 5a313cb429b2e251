"""Project-wide pytest options (this file sits at the root so that its options are known however
pytest is started): ``--fuzz-long`` runs the long fuzz run of ``tests/fuzz`` (before a release)
and prints the figures it reached."""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--fuzz-long",
        action="store_true",
        default=False,
        help="tests/fuzz: the long run (>= 5,000 files, >= 100 kills, >= 10,000 keys at five sizes).",
    )


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The fuzz figures, when the fuzz suite ran."""
    from tests.fuzz.figures import FIGURES, report

    if FIGURES:
        terminalreporter.section("fuzz figures")
        for line in report():
            terminalreporter.write_line(line)
