"""Golden replays under tests/replays/, run through ``wargame replay --check`` (issue 2), their
claims (what each must show: wargame/history/claims.py) and their fingerprints."""

from __future__ import annotations

import functools
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers import REPLAYS
from tests.replays import history
from tests.replays.generate import DOCTRINE_GOLDENS, doctrine_file
from wargame.cli import main
from wargame.engine.doctrines import DOCTRINES
from wargame.game import Game
from wargame.history.claims import Claim

GOLDENS = sorted(p for p in REPLAYS.glob("*.json") if p.name != "fingerprints.json")
HISTORIES = history.replays()

#: Every golden's claims, by file stem.
CLAIMS: dict[str, list[Claim]] = {
    **{doctrine_file(n)[:-5]: g.claims for n, g in DOCTRINE_GOLDENS.items()},
    **{stem: replay.claims for stem, replay in HISTORIES.items()},
}


@functools.cache
def replayed(stem: str) -> Game:
    return Game.load(REPLAYS / f"{stem}.json")


def test_there_is_a_golden_for_the_opening_and_every_doctrine() -> None:
    names = {p.stem for p in GOLDENS}
    assert "korea-2022-opening" in names
    assert set(DOCTRINE_GOLDENS) == set(DOCTRINES), "every doctrine states what its golden must show"
    for d in DOCTRINES:
        assert f"doctrine-{d.replace('_', '-')}" in names, d


def test_every_golden_states_its_claims() -> None:
    """A golden without claims checks nothing but its own numbers (the fingerprints do that)."""
    assert set(CLAIMS) == {p.stem for p in GOLDENS}
    for stem, claims in CLAIMS.items():
        assert claims and all(c.note for c in claims), stem


def _claim_params() -> list:  # type: ignore[type-arg]
    out = []
    for stem, claims in CLAIMS.items():
        for c in claims:
            marks = [pytest.mark.xfail(strict=True, reason=c.known_failure)] if c.known_failure else []
            out.append(pytest.param(stem, c, id=f"{stem}:{c.id}", marks=marks))
    return out


@pytest.mark.parametrize(("stem", "claim"), _claim_params())
def test_golden_shows_what_it_claims(stem: str, claim: Claim) -> None:
    """Each claim on the replayed record: a direction from the history (the history files,
    tests/replays/*.toml) or the doctrine's expectation (DOCTRINE_GOLDENS), evaluated on this model's
    game; a bound that is another round's value is compared as such, not frozen. A claim the
    engine cannot meet yet is a strict xfail whose reason says what fails."""
    ok, said = claim.evaluate(replayed(stem))
    assert ok, f"{said}\n  claim: {claim.note}"


def test_history_replays_follow_the_settlement() -> None:
    """Cuba and Pulwama-Balakot are followed through their settlement, not only the escalation:
    claims after the trade of 28 Oct 1962 and the pilot's release of 1 Mar 2019 (tension below
    crisis level every later day, and falling), and none of them is a known failure."""
    # the trade: day 7 (28 Oct 1962); the pilot's release: day 17 (1 Mar 2019)
    for stem, settled in (("cuba-1962-history", 7), ("pulwama-balakot-2019-history", 17)):
        replay = HISTORIES[stem]
        after = [c for c in replay.claims if c.term.round >= settled and type(c.term).__name__ == "Tension"]
        rounds = {c.term.round for c in after if c.op == "<" and c.bound == 60.0}
        assert rounds == set(range(settled, replay.info.rounds + 1)), stem
        assert not any(c.known_failure for c in after), stem


@pytest.mark.parametrize("path", GOLDENS, ids=[p.stem for p in GOLDENS])
def test_golden_replay_checks(path: Path) -> None:
    result = CliRunner().invoke(main, ["replay", str(path), "--check"])
    assert result.exit_code == 0, result.stderr + result.stdout[-2000:]
    assert "check passed" in result.stdout
    assert json.loads(path.read_text())["checkpoints"], "a golden without checkpoints checks nothing"


def test_check_fails_naming_the_first_failing_checkpoint(tmp_path: Path) -> None:
    data = json.loads((REPLAYS / "korea-2022-opening.json").read_text())
    k = next(i for i, cp in enumerate(data["checkpoints"]) if cp["after_round"] == 3 and cp["tension"])
    data["checkpoints"][k]["tension"] = [0, 1]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    result = CliRunner().invoke(main, ["replay", str(bad), "--check"])
    assert result.exit_code == 1
    assert f"CHECK FAILED: checkpoints.{k} (after round 3): tension" in result.stderr


def test_opening_tells_the_story_in_both_voices() -> None:
    """Each act in its maker's words and in its rival's: Washington's "purely defensive" drill is
    KCNA's "aggressive and provocative" war drill (history.md §1; docs/model.md §3)."""
    result = CliRunner().invoke(main, ["replay", str(REPLAYS / "korea-2022-opening.json")])
    out = result.stdout
    assert result.exit_code == 0
    assert "Week 1 (2022-10-31)" in out and "Week 9" in out
    assert '"purely defensive"' in out
    assert '"aggressive and provocative"' in out
    assert "territorial invasion" in out
    assert "trust in DPRK 0.15 →" in out


def test_replay_json_has_every_round() -> None:
    result = CliRunner().invoke(
        main, ["replay", str(REPLAYS / "korea-2022-opening.json"), "--json", "--check"]
    )
    data = json.loads(result.stdout)
    assert [r["round"] for r in data["rounds"]] == list(range(1, 10))
    assert data["check"]["passed"] is True
    first = data["rounds"][0]["acts"][0]
    assert first["readings"] and {"observer", "text", "trust_before", "trust_after"} <= set(
        first["readings"][0]
    )


def test_installed_entry_point_runs_a_replay() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "wargame.cli", "replay", str(REPLAYS / "doctrine-grit.json"), "--check"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert "outcome: peace by treaty" in proc.stdout  # GRIT's expectation: reciprocated, then signed


def test_replayed_games_are_byte_identical_to_their_fingerprints() -> None:
    """Every listed golden replays to exactly the same states, perceptions and acts, byte for byte
    (issue 6: speed work must not change any result)."""
    from tests.replays.fingerprint import FILE, changes, entry

    expected = json.loads(FILE.read_text())
    # every golden is fingerprinted: add a new one with `python -m tests.replays.fingerprint --update NAME`
    assert set(expected) == {p.name for p in GOLDENS}
    for name, old in expected.items():
        new = entry(REPLAYS / name)
        assert new["sha256"] == old["sha256"], f"{name} no longer replays identically: " + "; ".join(
            changes(old, new)
        )


def test_each_doctrine_golden_is_a_game_of_its_own() -> None:
    """A doctrine's golden guards that doctrine only if its game differs from every other's in
    what is done, not only in a doctrine's memory: the acts of its rounds differ from every other
    golden's (the Bayesian security seeker's once repeated defensive-only's, byte for byte; under
    model 2 an all-greedy game was all-defect's and an all-grim game defensive-only's, act for act)."""
    from tests.replays.fingerprint import FILE

    entries = {n: e for n, e in json.loads(FILE.read_text()).items() if n.startswith("doctrine-")}
    assert len(entries) >= 12
    acts = {n: e["fields"]["acts"] for n, e in entries.items()}
    assert len(set(acts.values())) == len(acts), acts
    assert len({e["sha256"] for e in entries.values()}) == len(entries)


def _korea_opening(seed: int) -> Game:
    from wargame.engine.state import Order

    game = Game.new("korea-2022", seed=seed, mode="stochastic", rounds=24)
    for orders in HISTORIES["korea-2022-opening"].rounds:
        if game.is_over:
            break
        game.play_round({a: Order(i, t) for a, (i, t) in orders.items()})
    return game


def test_the_korea_opening_direction_holds_over_many_seeds() -> None:
    """The golden's direction (seed 2022) is a claim about the history, so it must not rest on one
    lucky run: over 50 seeds, every game that reaches the ninth week has kept crisis-level tension
    and DPRK's trust in the US near its floor (games that end in war are the next test's)."""
    reached = 0
    for seed in range(50):
        st = _korea_opening(seed).state
        if st.outcome is not None:
            continue
        reached += 1
        assert st.round == 9, seed
        assert st.tension >= 60, (seed, st.tension)
        assert st.trust("DPRK", "USA") <= 0.1, seed
    assert reached >= 45


def test_the_korea_opening_sees_no_war_over_many_seeds() -> None:
    """History (§1.3, what did not happen): no war and no kinetic clash with casualties in Nov-Dec
    2022. Over 50 seeds the sourced weeks end in no war."""
    wars = [seed for seed in range(50) if _korea_opening(seed).state.outcome is not None]
    assert not wars, wars


def test_a_history_file_is_validated_with_one_line_naming_the_place(tmp_path: Path) -> None:
    """The history files are data: a date off the scenario's calendar, an unknown field or a
    claim without a bound is refused with the file, the place and what was expected."""
    from wargame.errors import InputError

    good = (REPLAYS / "cuba-1962-history.toml").read_text(encoding="utf-8")
    cases = {
        "date": (good.replace("date = 1962-10-23", "date = 1962-12-25"), "orders[1].date"),
        "field": (good.replace('mode = "expectation"', 'mode = "expectation"\nspeed = 2'), "replay.speed"),
        "bound": (good.replace("below = 60.0\n", "", 1), "claims.0"),
    }
    for name, (text, place) in cases.items():
        path = tmp_path / f"{name}.toml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(InputError) as err:
            history.read(path)
        assert err.value.place == place and "\n" not in str(err.value), (name, str(err.value))
