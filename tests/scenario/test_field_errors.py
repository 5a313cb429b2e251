"""A deliberate error in each kind of field gives one clear message naming the file, the place
and what was expected, exit code 2, no traceback (issues 2 and 5)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers import DYAD, KOREA
from wargame.cli import main

#: The words of the refusal of a behavioural constant set by a scenario.
BEHAVIOURAL = (
    "a behavioural constant of the model (docs/model.md §9), the same in every scenario; "
    "a [world] table may set only offense_advantage, distinguishability, perception_noise, rounds"
)

CASES = [
    # (kind, old, new, place, expected words)
    ("string", 'title = "Two-actor theory test bed"', "title = 12", "scenario.title", "string"),
    ("empty string", 'capital = "A-city"', 'capital = ""', "actors[A].capital", "at least 1"),
    ("integer", "year = 2000", "year = 20.5", "scenario.year", "integer"),
    ("integer range", "rounds = 200", "rounds = 0", "world.rounds", "greater than or equal to 1"),
    (
        "probability",
        "offense_advantage = 0.5",
        "offense_advantage = 1.5",
        "world.offense_advantage",
        "less than or equal to 1",
    ),
    ("open probability", "trust = 0.6", "trust = 1.0", "beliefs[A→B].trust", "less than 1"),
    ("the bad value echoed", "trust = 0.6", "trust = 1.6", "beliefs[A→B].trust", "(got 1.6)"),
    ("boolean", 'media = "A-news"', 'media = "A-news"\nplayable = "maybe"', "actors[A].playable", "boolean"),
    (
        "date",
        'start_date = "2000-01-03"',
        'start_date = "the third of January"',
        "scenario.start_date",
        "date",
    ),
    ("list", 'aims = ["security"]', 'aims = "security"', "actors[A].aims", "list"),
    (
        "empty list",
        'sources = ["Two-actor test bed of docs/model.md §10 (Jervis 1978; Kydd 2005)"]',
        "sources = []",
        "scenario.sources",
        "at least 1",
    ),
    (
        "enum",
        'category = "nonviolent"',
        'category = "friendly"',
        "instruments[talk].category",
        "show_of_force",
    ),
    ("pattern", 'cameo = "036"', 'cameo = "36a"', "instruments[talk].cameo", "pattern"),
    ("identifier", 'id = "A"', 'id = "A B"', "actors.0.id", "pattern"),
    ("reference to an actor", 'subject = "B"', 'subject = "Z"', "beliefs[A→Z].subject", "unknown actor 'Z'"),
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
        "instruments[talk].wording",
        "unknown placeholder {capitol}",
    ),
    ("missing field", 'media = "A-news"\n', "", "actors[A].media", "missing required field"),
    (
        "unknown field",
        "offense_advantage = 0.5",
        "ofense_advantage = 0.5",
        "world.ofense_advantage",
        "unknown field",
    ),
    (
        "cross-field rule",
        "likelihood_ratio = 0.8\n",
        "",
        "instruments[def_posture].likelihood_ratio",
        "a show_of_force instrument needs one",
    ),
    ("toml syntax", "[world]", "[world", "line 13", "TOML syntax error"),
    (
        "goldstein not the code's",
        "goldstein = 4.0",
        "goldstein = 4.5",
        "instruments[talk].goldstein",
        "not the Goldstein weight of CAMEO 036 (4.0",
    ),
    (
        "unknown cameo code",
        'cameo = "036"',
        'cameo = "0999"',
        "instruments[talk].cameo",
        "not a CAMEO event code",
    ),
    (
        "duplicate belief",
        'observer = "B"\nsubject = "A"\ntrust = 0.6',
        'observer = "A"\nsubject = "B"\ntrust = 0.6',
        "beliefs[A→B]",
        "a second belief of A about B",
    ),
    (
        "template format spec",
        'frame = "{capital}: we seek peace"',
        'frame = "{capital!r:>10}: we seek peace"',
        "instruments[talk].wording",
        "frame: placeholder {capital} takes no conversion",
    ),
    (
        "behavioural constant in [world]",
        "rounds = 200",
        "rounds = 200\nmemory = 0.9",
        "world.memory",
        BEHAVIOURAL,
    ),
    (
        "Richardson step in [world]",
        "rounds = 200",
        "rounds = 200\nrichardson_rate = 0.05",
        "world.richardson_rate",
        BEHAVIOURAL,
    ),
    (
        "principal pair of an unknown actor",
        'sources = ["',
        'principal_pairs = [["A", "Z"]]\nsources = ["',
        "scenario.principal_pairs.0",
        "unknown actor 'Z'",
    ),
    (
        "principal pair of one actor",
        'sources = ["',
        'principal_pairs = [["A", "A"]]\nsources = ["',
        "scenario.principal_pairs.0",
        "two different actors",
    ),
    (
        "principal pair named twice",
        'sources = ["',
        'principal_pairs = [["A", "B"], ["B", "A"]]\nsources = ["',
        "scenario.principal_pairs.1",
        "already a principal pair (scenario.principal_pairs.0)",
    ),
    (
        "principal pair of three",
        'sources = ["',
        'principal_pairs = [["A", "B", "A"]]\nsources = ["',
        "scenario.principal_pairs.0",
        "at most 2",
    ),
]


#: Errors that need the Korea file: alliances, the hold instrument and its role.
KOREA_CASES = [
    (
        "principal pair of allies",
        'principal_pairs = [["DPRK", "USA"], ["DPRK", "ROK"]]',
        'principal_pairs = [["DPRK", "USA"], ["USA", "ROK"]]',
        "scenario.principal_pairs.1",
        "USA and ROK share an alliance or alignment",
    ),
    (
        "principal pair of aligned states",
        'principal_pairs = [["DPRK", "USA"], ["DPRK", "ROK"]]',
        'principal_pairs = [["DPRK", "PRC"]]',
        "scenario.principal_pairs.0",
        "DPRK and PRC share an alliance or alignment",
    ),
    (
        "hold with a target",
        "cost = 0.0\ntargeted = false",
        "cost = 0.0\ntargeted = true",
        "instruments[hold]",
        "targeted: a hold instrument keeps the present posture",
    ),
    (
        "hold with a cost",
        "cost = 0.0\ntargeted = false",
        "cost = 0.5\ntargeted = false",
        "instruments[hold]",
        "its cost must be 0 (got 0.5)",
    ),
    (
        "hold with evidence",
        "likelihood_ratio = 1.0\ncost = 0.0\ntargeted = false",
        "likelihood_ratio = 0.9\ncost = 0.0\ntargeted = false",
        "instruments[hold]",
        "its likelihood_ratio must be 1",
    ),
    (
        "hold with hostility",
        'cameo = "010"\ngoldstein = 0.0',
        'cameo = "011"',
        "instruments[hold]",
        'its goldstein must be that of a CAMEO code of weight 0 (e.g. "010") (got -0.1)',
    ),
    (
        "hold with a MID action",
        'cameo = "010"\ngoldstein = 0.0',
        'cameo = "010"\ngoldstein = 0.0\nmid_action = 7',
        "instruments[hold]",
        "its mid_action must be left out",
    ),
    ("hold role not a hold", 'hold = "hold"', 'hold = "talk"', "roles.hold", "'talk' is a nonviolent"),
    (
        "role an actor may not use",
        'hold = "hold"',
        'hold = "combined_drill"',
        "roles.hold",
        "DPRK may not use 'combined_drill'",
    ),
]


def _check(tmp_path: Path, source: Path, kind: str, old: str, new: str, place: str, words: str) -> None:
    text = source.read_text()
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


@pytest.mark.parametrize(("kind", "old", "new", "place", "words"), CASES, ids=[c[0] for c in CASES])
def test_field_error(tmp_path: Path, kind: str, old: str, new: str, place: str, words: str) -> None:
    _check(tmp_path, DYAD, kind, old, new, place, words)


@pytest.mark.parametrize(
    ("kind", "old", "new", "place", "words"), KOREA_CASES, ids=[c[0] for c in KOREA_CASES]
)
def test_korea_field_error(tmp_path: Path, kind: str, old: str, new: str, place: str, words: str) -> None:
    _check(tmp_path, KOREA, kind, old, new, place, words)
