"""A deliberate error in each kind of field gives one clear message naming the file, the place
and what was expected, exit code 2, no traceback (issues 2 and 5)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers import DYAD
from wargame.cli import main

CASES = [
    # (kind, old, new, place, expected words)
    ("string", 'title = "Two-actor theory test bed"', "title = 12", "scenario.title", "string"),
    ("empty string", 'capital = "A-city"', 'capital = ""', "actors.0.capital", "at least 1"),
    ("integer", "year = 2000", "year = 20.5", "scenario.year", "integer"),
    ("integer range", "rounds = 200", "rounds = 0", "world.rounds", "greater than or equal to 1"),
    (
        "probability",
        "offense_advantage = 0.5",
        "offense_advantage = 1.5",
        "world.offense_advantage",
        "less than or equal to 1",
    ),
    ("open probability", "trust = 0.6", "trust = 1.0", "beliefs.0.trust", "less than 1"),
    ("the bad value echoed", "trust = 0.6", "trust = 1.6", "beliefs.0.trust", "(got 1.6)"),
    ("boolean", 'media = "A-news"', 'media = "A-news"\nplayable = "maybe"', "actors.0.playable", "boolean"),
    (
        "date",
        'start_date = "2000-01-03"',
        'start_date = "the third of January"',
        "scenario.start_date",
        "date",
    ),
    ("list", 'aims = ["security"]', 'aims = "security"', "actors.0.aims", "list"),
    (
        "empty list",
        'sources = ["../shared/research/theory.md, Appendix A"]',
        "sources = []",
        "scenario.sources",
        "at least 1",
    ),
    ("enum", 'category = "nonviolent"', 'category = "friendly"', "instruments.5.category", "show_of_force"),
    ("pattern", 'cameo = "036"', 'cameo = "36a"', "instruments.5.cameo", "pattern"),
    ("identifier", 'id = "A"', 'id = "A B"', "actors.0.id", "pattern"),
    ("reference to an actor", 'subject = "B"', 'subject = "Z"', "beliefs.0.subject", "unknown actor 'Z'"),
    (
        "reference to an instrument",
        'talk = "talk"',
        'talk = "chat"',
        "roles.talk",
        "unknown instrument 'chat'",
    ),
    (
        "template placeholder",
        'frame = "{capital}: we seek peace"',
        'frame = "{capitol}: we seek peace"',
        "instruments.5.wording",
        "unknown placeholder {capitol}",
    ),
    ("missing field", 'media = "A-news"\n', "", "actors.0.media", "missing required field"),
    (
        "unknown field",
        "offense_advantage = 0.5",
        "ofense_advantage = 0.5",
        "world.ofense_advantage",
        "unknown field",
    ),
    ("cross-field rule", "likelihood_ratio = 0.8\n", "", "instruments.0", "needs a likelihood_ratio"),
    ("toml syntax", "[world]", "[world", "line 13", "TOML syntax error"),
    (
        "goldstein not the code's",
        "goldstein = 4.0",
        "goldstein = 4.5",
        "instruments.5",
        "not the Goldstein weight of CAMEO 036 (4.0",
    ),
    ("unknown cameo code", 'cameo = "036"', 'cameo = "0999"', "instruments.5", "not a CAMEO event code"),
    (
        "duplicate belief",
        'observer = "B"\nsubject = "A"\ntrust = 0.6',
        'observer = "A"\nsubject = "B"\ntrust = 0.6',
        "beliefs.1",
        "a second belief of A about B",
    ),
    (
        "template format spec",
        'frame = "{capital}: we seek peace"',
        'frame = "{capital!r:>10}: we seek peace"',
        "instruments.5.wording",
        "frame: placeholder {capital} takes no conversion",
    ),
]


@pytest.mark.parametrize(("kind", "old", "new", "place", "words"), CASES, ids=[c[0] for c in CASES])
def test_field_error(tmp_path: Path, kind: str, old: str, new: str, place: str, words: str) -> None:
    text = DYAD.read_text()
    assert old in text, f"fixture changed: {old!r}"
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace(old, new, 1))
    before = bad.read_bytes()
    result = CliRunner().invoke(main, ["validate", str(bad)])
    err = result.stderr
    assert result.exit_code == 2, (kind, result.stdout, err)
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and "Traceback" not in err, err
    assert lines[0].startswith(f"error: {bad}: {place}"), lines[0]
    assert words in lines[0], lines[0]
    assert bad.read_bytes() == before
