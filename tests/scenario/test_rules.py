"""Issue 17: every rule the bundled-scenario tests check is a rule of the file format. One bad
scenario per rule, each refused by ``wargame validate`` with one line (exit 2) that names the
instrument, actor or event by its id, says what was expected, and suggests the nearest valid key
or id for a misspelling."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import DYAD, KOREA
from tests.scenario.test_field_errors import _check

TALK = 'cameo = "036"\ngoldstein = 4.0\nrivera = "status_quo"\nlikelihood_ratio = 0.95\ntier = 0'
STRIKE = 'cameo = "195"\ngoldstein = -10.0\nmid_action = 16\nmid_level = 4'
DRILL = 'id = "combined_drill"\nname = "Combined drill"\ncategory = "show_of_force"\ncameo = "150"\ngoldstein = -7.2\nmid_action = 7\nmid_level = 3'

#: (rule, file, old, new, place, words)
RULES = [
    # the vocabularies agree with the category (tests/scenario/test_bundled.py)
    (
        "nonviolent needs Goldstein > 0",
        DYAD,
        TALK,
        TALK.replace('"036"\ngoldstein = 4.0', '"111"\ngoldstein = -2.0'),
        "instruments[talk].goldstein",
        "CAMEO 111 has Goldstein weight -2.0 (GDELT lookup); a nonviolent instrument needs a cooperative code",
    ),
    (
        "nonviolent Goldstein checked on the code when goldstein is left out",
        DYAD,
        TALK,
        TALK.replace('"036"\ngoldstein = 4.0', '"111"'),
        "instruments[talk].cameo",
        "Goldstein > 0",
    ),
    (
        "nonviolent needs MID level 1",
        DYAD,
        TALK,
        TALK + "\nmid_level = 3",
        "instruments[talk].mid_level",
        "MID level must be 1 (got 3)",
    ),
    (
        "nonviolent LR at most 1",
        DYAD,
        TALK,
        TALK.replace("0.95", "3.0"),
        "instruments[talk].likelihood_ratio",
        "3.0 > 1 would make a nonviolent act evidence of greed; expected ≤ 1",
    ),
    (
        "show of force needs MID level 3",
        DYAD,
        DRILL,
        DRILL.replace("mid_level = 3", "mid_level = 2"),
        "instruments[combined_drill].mid_level",
        "a show of force is a display of force, MID level 3 (got 2)",
    ),
    (
        "show of force needs Goldstein < 0",
        DYAD,
        DRILL,
        DRILL.replace('"150"\ngoldstein = -7.2', '"087"\ngoldstein = 9.0'),
        "instruments[combined_drill].goldstein",
        "CAMEO 087 has Goldstein weight +9.0 (GDELT lookup); a show of force needs a conflictual code",
    ),
    (
        "use of force needs MID level 4-5",
        DYAD,
        STRIKE,
        STRIKE.replace("mid_level = 4", "mid_level = 3"),
        "instruments[limited_strike].mid_level",
        "a use of force is MID level 4 (use of force) or 5 (war) (got 3)",
    ),
    (
        "use of force LR above 1",
        DYAD,
        "likelihood_ratio = 6.0",
        "likelihood_ratio = 0.5",
        "instruments[limited_strike].likelihood_ratio",
        "a use of force is evidence of greed; expected > 1 (got 0.5)",
    ),
    (
        "verbal conflict needs Goldstein < 0",
        KOREA,
        'category = "verbal_conflict"\ncameo = "114"\ngoldstein = -2.0',
        'category = "verbal_conflict"\ncameo = "036"\ngoldstein = 4.0',
        "instruments[protest].goldstein",
        "verbal conflict needs a conflictual code, Goldstein < 0",
    ),
    (
        "verbal conflict LR at least 1",
        KOREA,
        "offense = 0.0\nlikelihood_ratio = 1.1",
        "offense = 0.0\nlikelihood_ratio = 0.5",
        "instruments[protest].likelihood_ratio",
        "would make verbal conflict evidence of restraint; expected ≥ 1",
    ),
    (
        "force and verbal acts need an LR",
        DYAD,
        "likelihood_ratio = 6.0\n",
        "",
        "instruments[limited_strike].likelihood_ratio",
        "a use_of_force instrument needs one",
    ),
    # CAMEO codes exist in wargame/data/cameo-goldstein.tsv
    (
        "cameo_hostile must be a CAMEO code",
        DYAD,
        TALK,
        TALK + '\ncameo_hostile = "1289"',
        "instruments[talk].cameo_hostile",
        "'1289' is not a CAMEO event code in GDELT's lookup",
    ),
    (
        "a misspelt CAMEO code gets the nearest",
        DYAD,
        'cameo = "0356"',
        'cameo = "0365"',
        "instruments[scale_down_drill].cameo",
        "is not a CAMEO event code in GDELT's lookup (wargame/data/cameo-goldstein.tsv); did you mean",
    ),
    # event cards fire within the game
    (
        "event card after the last round",
        KOREA,
        'remains open\\"."\nround = 2',
        'remains open\\"."\nround = 30',
        "events[phnom-penh-trilateral].round",
        "round 30 is after the last round of the game (world.rounds = 24); the card could never fire",
    ),
    (
        "event card evidence about oneself",
        KOREA,
        '{ observer = "DPRK", subject = "USA", evidence = 0.2 }',
        '{ observer = "DPRK", subject = "DPRK", evidence = 0.2 }',
        "events[phnom-penh-trilateral].effects.evidence.0",
        "an actor holds no belief about itself",
    ),
    # roles name instruments the actor may use, of the right kind
    (
        "role ladder naming an instrument the actor may not use",
        KOREA,
        'hawk_ladder = ["field_exercise", "missile_test", "artillery_buffer", "limited_strike"]',
        'hawk_ladder = ["field_exercise", "combined_drill", "artillery_buffer", "limited_strike"]',
        "actors[DPRK].roles.hawk_ladder",
        "DPRK may not use 'combined_drill' (usable_by = USA, ROK, JPN)",
    ),
    (
        "role ladder naming a conciliation",
        DYAD,
        'hawk_ladder = ["combined_drill", "missile_test"',
        'hawk_ladder = ["combined_drill", "talk"',
        "roles.hawk_ladder",
        "'talk' (rung 2) is a nonviolent instrument; the hawk_ladder role names rungs of force or threat",
    ),
    (
        "defensive role not a show of force",
        DYAD,
        'defensive = "def_posture"',
        'defensive = "talk"',
        "roles.defensive",
        "'talk' is a nonviolent instrument; the defensive role names a show of force",
    ),
    # opening acts by actors the instrument is open to
    (
        "opening act by an actor the instrument is not open to",
        KOREA,
        'actor = "USA"\ninstrument = "combined_drill"',
        'actor = "USA"\ninstrument = "nuclear_test"',
        "opening.0.actor",
        "USA may not use 'nuclear_test' (usable_by = DPRK)",
    ),
    (
        "opening act without the target it needs",
        KOREA,
        'instrument = "combined_drill"\ntarget = "DPRK"\ndate = 2022-10-31\nnote = "Vigilant',
        'instrument = "combined_drill"\ndate = 2022-10-31\nnote = "Vigilant',
        "opening.0.target",
        "'combined_drill' is aimed at someone; name the target",
    ),
    # tier consistency
    (
        "tier 2 on the tier-0 instrument",
        DYAD,
        TALK,
        TALK.replace("tier = 0", "tier = 2"),
        "instruments[talk].tier",
        "2, but [roles] conciliation lists 'talk' at tier 0; make them agree (tier = 0) or leave tier out",
    ),
    (
        "tier that disagrees with the conciliation list",
        DYAD,
        "cost = 0.4\ntier = 1",
        "cost = 0.4\ntier = 3",
        "instruments[scale_down_drill].tier",
        "3, but [roles] conciliation lists 'scale_down_drill' at tier 1",
    ),
    (
        "conciliation list out of order",
        KOREA,
        'conciliation = ["talk", "scale_down_drill", "test_moratorium", "allow_inspectors"]',
        'conciliation = ["talk", "test_moratorium", "scale_down_drill", "allow_inspectors"]',
        "actors[DPRK].roles.conciliation",
        "'scale_down_drill' (tier 1) comes after a tier-2 instrument; the conciliation list runs cheapest first",
    ),
    (
        "tier on a show of force",
        DYAD,
        "likelihood_ratio = 1.5",
        "likelihood_ratio = 1.5\ntier = 1",
        "instruments[combined_drill].tier",
        "only a nonviolent instrument has a conciliation tier (this one is show_of_force)",
    ),
    # treaties, fallbacks, proposals
    (
        "fallback that needs something itself",
        KOREA,
        'needs = "counterpart"\nfallback = "propose_peace_treaty"',
        'needs = "counterpart"\nfallback = "combined_drill"',
        "instruments[sign_peace_treaty].fallback",
        "'combined_drill' needs 'ally' itself",
    ),
    (
        "proposal of something that is not a treaty",
        KOREA,
        'proposes = "sign_peace_treaty"',
        'proposes = "talk"',
        "instruments[propose_peace_treaty].proposes",
        "'talk' is not a treaty",
    ),
    (
        "treaty without a target",
        KOREA,
        'needs = "counterpart"\nfallback = "propose_peace_treaty"',
        'needs = "counterpart"\ntargeted = false\nfallback = "propose_peace_treaty"',
        "instruments[sign_peace_treaty].targeted",
        'a treaty (needs = "counterpart") is signed with a target',
    ),
    # misspellings: the nearest valid key or id
    (
        "misspelt field",
        DYAD,
        "rounds = 200",
        "round = 200",
        "world.round",
        "unknown field, did you mean 'rounds'?",
    ),
    (
        "misspelt field of an instrument",
        DYAD,
        "likelihood_ratio = 6.0",
        "likelyhood_ratio = 6.0",
        "instruments[limited_strike].likelyhood_ratio",
        "unknown field, did you mean 'likelihood_ratio'?",
    ),
    (
        "misspelt instrument id",
        DYAD,
        'defensive = "def_posture"',
        'defensive = "def_postur"',
        "roles.defensive",
        "unknown instrument 'def_postur'; did you mean 'def_posture'?",
    ),
    (
        "misspelt actor id",
        KOREA,
        'actor = "USA"\ninstrument = "combined_drill"',
        'actor = "UAS"\ninstrument = "combined_drill"',
        "opening.0.actor",
        "unknown actor 'UAS'; did you mean 'USA'?",
    ),
    (
        "misspelt doctrine",
        DYAD,
        'fears = ["attack"]',
        'fears = ["attack"]\ndoctrine = "tit_for_tatt"',
        "actors[A].doctrine",
        "did you mean 'tit_for_tat'?",
    ),
]


@pytest.mark.parametrize(("rule", "source", "old", "new", "place", "words"), RULES, ids=[r[0] for r in RULES])
def test_rule(tmp_path: Path, rule: str, source: Path, old: str, new: str, place: str, words: str) -> None:
    _check(tmp_path, source, rule, old, new, place, words)
