"""Issue 17: the scenario guide is self-contained, and its worked example (docs/examples/,
Doklam 2017) is what it says: a valid, lint-clean scenario kept outside scenarios/ whose history
replay passes ``wargame replay --check`` with the scenario found beside it."""

from __future__ import annotations

import re

from click.testing import CliRunner

from tests.helpers import ROOT
from wargame.cli import main

GUIDE = ROOT / "docs" / "scenarios.md"
EXAMPLE = ROOT / "docs" / "examples" / "doklam-2017.toml"
REPLAY = ROOT / "docs" / "examples" / "doklam-2017-history.json"


def test_the_guide_refers_to_nothing_outside_the_repository() -> None:
    text = GUIDE.read_text()
    assert "shared/" not in text and "history.md" not in text and "theory.md" not in text
    for path in re.findall(r"(?<![\w/.])\.\./[\w./-]+", text):
        assert path in ("../docs/scenario.schema.json", "../scenario.schema.json"), path
    for section in ("### Reachable outcomes", "### Quiet rounds", "## 9. Worked example", "## 6. Sources"):
        assert section in text, section


def test_the_worked_example_is_valid_and_lint_clean() -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["validate", str(EXAMPLE)])
    assert result.exit_code == 0, result.stderr
    result = runner.invoke(main, ["lint", str(EXAMPLE), "--seeds", "6", "--strict"])
    assert result.exit_code == 0, result.stdout
    assert "history replays read: doklam-2017-history.json" in result.stdout


def test_the_worked_example_replay_checks_with_the_scenario_beside_it() -> None:
    result = CliRunner().invoke(main, ["replay", str(REPLAY), "--check"])
    assert result.exit_code == 0, result.stderr
    assert "check passed: 2 checkpoint(s)" in result.stdout
