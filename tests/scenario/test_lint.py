"""Issue 17: ``wargame lint`` plays a scenario headless and warns about what validation cannot
say; warnings exit 0, or 1 with --strict; an invalid file exits 2 as with validate."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers import DYAD
from wargame.cli import main
from wargame.scenario import paths


def _lint(path: Path | str, *extra: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["lint", str(path), "--seeds", "3", *extra])
    return result.exit_code, result.stdout, result.stderr


def _warnings(out: str) -> list[str]:
    return [ln for ln in out.splitlines() if ln.startswith("warning: ")]


def test_a_scenario_without_a_treaty_fails_strict_with_the_no_treaty_warning() -> None:
    code, out, _ = _lint(DYAD, "--strict")
    assert code == 1, out
    assert any(
        w.startswith('warning: no-treaty: no treaty instrument (needs = "counterpart")')
        for w in _warnings(out)
    )
    code, out, _ = _lint(DYAD)
    assert code == 0 and "no-treaty" in out  # a warning, not an error


def test_the_report_says_how_often_each_outcome_is_reached(tmp_path: Path) -> None:
    _, out, _ = _lint(DYAD)
    first = out.splitlines()[0]
    assert "2 playable sides × 8 doctrines × 3 seeds = 48 games" in first, first
    outcomes = next(ln for ln in out.splitlines() if ln.startswith("  outcomes: "))
    assert "%" in outcomes
    assert any(ln.startswith("  A: peace ") for ln in out.splitlines())


PROTEST = """
[[instruments]]
id = "protest"
name = "Formal protest"
category = "verbal_conflict"
cameo = "114"
rivera = "nonviolent_escalation"
likelihood_ratio = 1.1
[instruments.wording]
headline = "{actor} protests"
frame = "{capital}: we protest"
hostile = "{observer_media}: a threat"
neutral = "{observer_media}: a protest"
"""


def test_an_instrument_no_doctrine_uses_is_named_unless_left_to_players(tmp_path: Path) -> None:
    p = tmp_path / "protest.toml"
    p.write_text(DYAD.read_text() + PROTEST)
    _, out, _ = _lint(p)
    assert any(
        w.startswith("warning: unused-instrument: instruments[protest]: no doctrine chose it")
        for w in _warnings(out)
    ), out
    p.write_text(DYAD.read_text() + PROTEST.replace('id = "protest"', 'id = "protest"\nplayer_only = true'))
    _, out, _ = _lint(p)
    assert not any("instruments[protest]" in w for w in _warnings(out)), out
    assert "note: protest: player_only, used by no doctrine" in out


def test_a_drawn_card_too_rare_to_tell_is_a_note_not_a_warning(tmp_path: Path) -> None:
    card = '\n[[events]]\nid = "rare"\ntitle = "Rare"\ntext = "Hardly ever."\nprobability = 0.00001\n'
    p = tmp_path / "rare.toml"
    p.write_text(DYAD.read_text().replace("\n[[instruments]]", card + "\n[[instruments]]", 1))
    _, out, _ = _lint(p)
    assert "note: rare: drawn in no game (too rare to tell with 3 seeds)" in out
    assert not any("events[rare]" in w for w in _warnings(out))


def test_an_invalid_file_exits_2_with_one_line(tmp_path: Path) -> None:
    p = tmp_path / "bad.toml"
    p.write_text(DYAD.read_text().replace("rounds = 200", "round = 200"))
    code, out, err = _lint(p)
    assert code == 2 and out == ""
    assert err.strip() == f"error: {p}: world.round: unknown field, did you mean 'rounds'?"


def test_lint_and_the_agency_bench_share_the_game_loop() -> None:
    import bench.agency
    from wargame.analysis import agency, lint

    assert lint.play_cell is agency.play_cell and bench.agency.matrix is agency.matrix


@pytest.mark.parametrize("sid", sorted(paths.bundled()))
def test_every_bundled_scenario_is_lint_clean(sid: str) -> None:
    """``wargame lint --strict`` passes on every bundled scenario (a few seeds keep it fast)."""
    result = CliRunner().invoke(main, ["lint", sid, "--seeds", "6", "--strict"])
    assert result.exit_code == 0, result.stdout
    assert result.stdout.rstrip().endswith("lint-clean")


def test_every_crisis_has_ten_shows_of_force_and_ten_nonviolent_instruments_each_sourced() -> None:
    from wargame.scenario.load import load
    from wargame.scenario.models import Source

    for sid in ("cuba-1962", "able-archer-1983", "pulwama-balakot-2019", "korea-2022"):
        model = load(sid).model
        kinds = [i.category for i in model.instruments]
        assert kinds.count("show_of_force") >= 10 and kinds.count("nonviolent") >= 10, sid
        cited = {s.id for s in model.scenario.sources if isinstance(s, Source)}
        assert all(i.source in cited for i in model.instruments), sid


def test_quiet_drift_in_a_history_replay_is_named_until_accepted(tmp_path: Path) -> None:
    """Pulwama's replay leaves 17-23 Feb to the AIs, who raise tension with air patrols: the lint
    names the stretch; the scenario accepts it with a reason (a note), and an acceptance that no
    longer matches a warning is itself a warning."""
    from dataclasses import replace

    from wargame.analysis.lint import lint
    from wargame.scenario.load import load

    bundled = load("pulwama-balakot-2019")
    report = lint(bundled, seeds=2)
    assert not report.warnings
    assert any(n.startswith("accepted quiet-drift: pulwama-balakot-2019-history.json") for n in report.notes)
    # the same file (same hash, so its replay still plays) without its acceptances
    bare = replace(bundled, model=bundled.model.model_copy(update={"accepted_warnings": []}))
    lines = [w.line() for w in lint(bare, seeds=2).warnings]
    assert any(
        ln.startswith("quiet-drift: pulwama-balakot-2019-history.json: days 4-10, with no scripted act")
        and "IND air_patrols ×7" in ln
        for ln in lines
    ), lines
    assert 'no-treaty: no treaty instrument (needs = "counterpart")' in "\n".join(lines)
    p = tmp_path / "stale.toml"
    p.write_text(
        paths.bundled()["pulwama-balakot-2019"].read_text()
        + '\n[[accepted_warnings]]\ncode = "no-hold"\nwhy = "An acceptance that matches nothing at all."\n'
    )
    _, out, _ = _lint(p)
    assert (
        "warning: stale-acceptance: accepted_warnings: no-hold no longer occurs; remove the acceptance" in out
    )
