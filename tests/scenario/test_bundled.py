"""Every bundled scenario: valid, faithful to the vocabularies, playable in both modes."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from wargame.engine.rules import Category
from wargame.game import Game
from wargame.record import io as record_io
from wargame.scenario import load as scenario_load
from wargame.scenario import paths

SHARED_TSV = Path(__file__).resolve().parents[3] / "shared" / "data" / "cameo-goldstein.tsv"
BUNDLED = paths.bundled()


#: SHA-256 of GDELT's CAMEO → Goldstein lookup as ``code\tweight\n`` lines sorted by code, the
#: weights as Python floats: the hash of the project's source table (GDELT's CAMEO.goldsteinscale.txt) when
#: wargame/data/cameo-goldstein.tsv was made from it.
GDELT_TABLE_SHA256 = "5a7bfb533381836d9c3732d0423198b50b7f4c19f0ee65d0d262424c4a59b7e2"


def test_packaged_goldstein_table_is_gdelts() -> None:
    """The package ships GDELT's CAMEO → Goldstein lookup (311 codes) and checks every file against
    it. The table is checked against a pinned hash of GDELT's (so a plain clone checks it too) and,
    where the shared research folder is beside the checkout, against GDELT's file itself."""
    import hashlib

    from wargame.scenario.models import goldstein_table

    table = goldstein_table()
    assert len(table) == 311 and table["150"] == -7.2 and table["036"] == 4.0
    lines = "".join(f"{code}\t{weight!r}\n" for code, weight in sorted(table.items()))
    assert hashlib.sha256(lines.encode()).hexdigest() == GDELT_TABLE_SHA256
    if SHARED_TSV.exists():
        shared = {}
        with SHARED_TSV.open() as fh:
            for row in list(csv.reader(fh, delimiter="\t"))[1:]:
                shared[row[0].strip()] = float(row[1])
        assert shared == table


def test_korea_is_bundled_and_found_from_any_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert "korea-2022" in paths.bundled()
    assert scenario_load.load("korea-2022").id == "korea-2022"


@pytest.mark.parametrize("sid", list(BUNDLED))
def test_goldstein_weights_match_the_cameo_table(sid: str) -> None:
    """docs/model.md §10 TP29: every instrument's Goldstein weight is the GDELT value for its CAMEO code."""
    from wargame.scenario.models import goldstein_table

    table = goldstein_table()
    for inst in scenario_load.load(sid).model.instruments:
        assert inst.cameo in table, f"{inst.id}: CAMEO {inst.cameo} not in the table"
        assert inst.goldstein == table[inst.cameo], f"{inst.id}: {inst.goldstein} != {table[inst.cameo]}"


@pytest.mark.parametrize("sid", list(BUNDLED))
def test_catalogue_vocabulary_is_consistent(sid: str) -> None:
    rules = scenario_load.load(sid).rules
    for inst in rules.instruments.values():
        if inst.category is Category.USE_OF_FORCE:
            assert inst.mid_level >= 4, inst.id
        if inst.category is Category.NONVIOLENT:
            assert inst.goldstein > 0 and inst.mid_level == 1, inst.id
        if inst.category is Category.SHOW_OF_FORCE:
            assert inst.mid_level == 3 and inst.goldstein < 0, inst.id


@pytest.mark.parametrize("sid", list(BUNDLED))
def test_hold_is_a_move_of_every_actor(sid: str) -> None:
    """Issue 11 item 4: one ``hold`` instrument (keep the present posture; no new move), coded as
    a neutral statement below every ladder, usable by every actor and named by its hold role; it
    carries no evidence, looks no more offensive than nothing, and feeds no hostility."""
    rules = scenario_load.load(sid).rules
    holds = [i for i in rules.instruments.values() if i.category is Category.HOLD]
    assert [i.id for i in holds] == ["hold"]
    hold = holds[0]
    assert (hold.cameo, hold.goldstein, hold.mid_action, hold.mid_level) == ("010", 0.0, None, 1)
    assert (hold.kahn_rung, hold.rivera, hold.rivera_points) == (0, "status_quo", 0)
    assert (hold.likelihood_ratio, hold.cost, hold.offense, hold.capability_delta) == (1.0, 0.0, 0.0, 0.0)
    assert not hold.targeted and not hold.usable_by and hold.needs.value == "none" and hold.tier is None
    assert hold.evidence == 0.0 and hold.perceived_offense == 0.0 and hold.hostility == 0.0
    assert not hold.is_force and not hold.is_conciliatory
    for actor in rules.actors:
        assert actor.roles.hold == "hold" and rules.usable(actor.id, "hold"), actor.id
        assert rules.biased_evidence[(actor.id, "hold")] == 0.0


@pytest.mark.parametrize("sid", list(BUNDLED))
def test_every_role_is_usable_by_its_actor(sid: str) -> None:
    rules = scenario_load.load(sid).rules
    for a in rules.actors:
        r = a.roles
        named = [r.talk, *r.conciliation, r.defensive, *r.hawk_ladder, *r.greedy_ladder]
        named += [r.misread_force_as, r.misread_nonviolent_as, r.hold]
        for inst in named:
            assert inst is not None and rules.usable(a.id, inst), (a.id, inst)


#: The adversarial dyads of each crisis (each scenario file says why, with its sources).
PRINCIPAL_PAIRS = {
    "korea-2022": {("DPRK", "USA"), ("DPRK", "ROK")},
    "cuba-1962": {("USA", "USSR"), ("USA", "CUB")},
    "able-archer-1983": {("USA", "USSR")},
    "pulwama-balakot-2019": {("IND", "PAK")},
    "dyad-testbed": {("BLUE", "RED")},  # not a crisis: the neutral test bed (docs/testbed.md)
}


@pytest.mark.parametrize("sid", list(BUNDLED))
def test_principal_pairs_are_the_crisis_dyads(sid: str) -> None:
    s = scenario_load.load(sid)
    assert {tuple(p) for p in s.model.scenario.principal_pairs} == PRINCIPAL_PAIRS[sid]
    rules = s.rules
    assert {frozenset(p) for p in rules.principal_pairs} == {frozenset(p) for p in PRINCIPAL_PAIRS[sid]}
    assert set(rules.principal_pairs) <= set(rules.pairs)


def test_principal_pairs_default_to_every_rival_pair() -> None:
    from tests.helpers import DYAD

    rules = scenario_load.load(DYAD).rules
    assert rules.principal_pairs == rules.pairs == (("A", "B"),)


@pytest.mark.parametrize("sid", [*BUNDLED, "dyad"])
def test_behavioural_constants_are_the_same_in_every_scenario(sid: str) -> None:
    """Issue 11 item 8: a scenario sets only its world (ω, d, ε, the round limit); every other
    parameter is the model's default, but for the Richardson step, a weekly rate scaled to the
    round: r = min(1, round_days / 7)."""
    from dataclasses import replace

    from tests.helpers import DYAD
    from wargame.engine.rules import Params

    s = scenario_load.load(DYAD if sid == "dyad" else sid)
    w = s.model.world
    days = s.model.scenario.round_days
    expected = replace(
        Params(),
        offense_advantage=w.offense_advantage,
        distinguishability=w.distinguishability,
        perception_noise=w.perception_noise,
        richardson_rate=min(1.0, days / 7),
    )
    assert s.rules.params == expected
    assert s.rules.rounds == w.rounds
    assert set(type(w).model_fields) == {
        "offense_advantage",
        "distinguishability",
        "perception_noise",
        "rounds",
    }


def test_world_fields_are_engine_parameters_of_the_same_name() -> None:
    """A world parameter is declared once: each [world] field but the round limit is the engine's
    Params field of the same name with the same default, and compile_rules hands it over by name
    (issue 16). Every other Params field is a behavioural constant a [world] table may not set."""
    from dataclasses import fields

    from wargame.engine.rules import Params
    from wargame.scenario.models import World, behavioural_constants

    engine = {f.name: f.default for f in fields(Params)}
    world = World().params()
    assert set(world) <= set(engine)
    assert all(world[name] == engine[name] for name in world)
    assert behavioural_constants() == set(engine) - set(world)
    custom = World(offense_advantage=0.9, distinguishability=0.1, perception_noise=0.3, rounds=7)
    compiled = Params(**custom.params())
    assert {name: getattr(compiled, name) for name in world} == custom.params()


def test_retune_still_changes_a_behavioural_constant() -> None:
    """Research sweeps and theory tests vary the constants on compiled rules, not in files."""
    rules = scenario_load.load("korea-2022").rules
    tuned = rules.retune(memory=0.8, lr_ambiguous=3.0)
    assert (tuned.params.memory, tuned.params.lr_ambiguous) == (0.8, 3.0)
    assert tuned.principal_pairs == rules.principal_pairs
    assert tuned.instruments["hold"].evidence == 0.0


def test_korea_has_what_the_issue_asks_for() -> None:
    s = scenario_load.load("korea-2022")
    ids = set(s.rules.instruments)
    assert {"DPRK", "ROK", "USA", "JPN", "PRC"} <= set(s.rules.actor_ids)
    assert all(a.playable for a in s.model.actors)
    force = [
        i for i in s.rules.instruments.values() if not i.is_conciliatory and i.category is not Category.HOLD
    ]
    calm = [i for i in s.rules.instruments.values() if i.is_conciliatory]
    assert len(force) >= 10 and len(calm) >= 10
    assert {"sanctions_relief", "halt_combined_exercises", "propose_peace_treaty", "sign_peace_treaty"} <= ids
    assert {
        "hotline",
        "family_reunions",
        "humanitarian_aid",
        "loudspeakers",
        "nll_patrol",
        "artillery_buffer",
    } <= ids
    assert s.model.scenario.sources


@pytest.mark.parametrize("sid", list(BUNDLED))
@pytest.mark.parametrize("mode", ["expectation", "stochastic"])
def test_plays_24_rounds_and_round_trips(sid: str, mode: str) -> None:
    game = Game.new(sid, seed=13, mode=mode, rounds=24, play_on=True)
    while not game.is_over:
        game.play_round()
    assert game.round == 24
    again = Game.from_record(record_io.parse(record_io.dumps(game.record)))
    assert again.state.to_json() == game.state.to_json()
    for r in game.results:
        assert game.news(r.round), "every round has news"


def test_combined_act_needs_its_ally() -> None:
    from wargame.engine.state import Order

    game = Game.new("korea-2022", seed=1, humans=["ROK", "USA"])
    r = game.play_round({"ROK": Order("combined_drill", "DPRK"), "USA": Order("talk", "DPRK")})
    rok = next(a for a in r.acts if a.maker == "ROK")
    assert not rok.need_met and rok.instrument != "combined_drill"
    r = game.play_round({"ROK": Order("combined_drill", "DPRK"), "USA": Order("combined_drill", "DPRK")})
    rok = next(a for a in r.acts if a.maker == "ROK")
    assert rok.need_met and rok.instrument == "combined_drill" and rok.partners == ("USA",)


def test_treaty_needs_both_signatories() -> None:
    from wargame.engine.state import Order

    game = Game.new("korea-2022", seed=1, humans=["ROK", "DPRK"], play_on=True)
    r = game.play_round({"ROK": Order("sign_peace_treaty", "DPRK"), "DPRK": Order("talk", "ROK")})
    assert not next(a for a in r.acts if a.maker == "ROK").need_met
    r = game.play_round(
        {"ROK": Order("sign_peace_treaty", "DPRK"), "DPRK": Order("sign_peace_treaty", "ROK")}
    )
    assert all(a.need_met for a in r.acts if a.maker in ("ROK", "DPRK"))


def test_scenarios_command_lists_every_bundled_crisis_with_title_and_year() -> None:
    from click.testing import CliRunner

    from wargame.cli import main

    out = CliRunner().invoke(main, ["scenarios"]).stdout
    for sid in ("korea-2022", "cuba-1962", "able-archer-1983", "pulwama-balakot-2019"):
        s = scenario_load.load(sid)
        line = next(ln for ln in out.splitlines() if ln.startswith(sid))
        assert str(s.model.scenario.year) in line and s.model.scenario.title in line


def test_a_left_out_goldstein_weight_is_taken_from_the_gdelt_lookup(tmp_path: Path) -> None:
    """``goldstein`` may be left out: the loader fills in GDELT's weight for the CAMEO code."""
    import re

    from tests.helpers import DYAD
    from wargame.scenario.models import goldstein_table

    text, n = re.subn(r"(?m)^goldstein = .*\n", "", DYAD.read_text())
    assert n >= 5
    p = tmp_path / "no-goldstein.toml"
    p.write_text(text)
    rules = scenario_load.load(p).rules
    table = goldstein_table()
    for inst in rules.instruments.values():
        assert inst.goldstein == table[inst.cameo], inst.id
    assert rules.instruments == scenario_load.load(DYAD).rules.instruments
