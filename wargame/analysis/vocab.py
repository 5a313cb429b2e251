"""Display words for the numbers on screen, so that colour is never the only signal.

The vocabularies are the field's, not the scenario's: Kahn's escalation ladder (Kahn 1965, rung
names as in ``docs/model.md`` §7), the COW-MID hostility levels, and the
DEFCON-like tension bands of :func:`wargame.engine.core.defcon_level`. Trust words are a design
choice of this screen (bands of 0.2).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wargame.engine.core import defcon_level
from wargame.engine.rules import Rules
from wargame.errors import printable

if TYPE_CHECKING:
    from wargame.game import Game

#: Kahn's 44 rungs (Kahn 1965; rungs 43-44 from a secondary source, docs/model.md §7).
KAHN_RUNGS: dict[int, str] = {
    0: "below the ladder",
    1: "ostensible crisis",
    2: "political, economic and diplomatic gestures",
    3: "solemn and formal declarations",
    4: "hardening of positions",
    5: "show of force",
    6: "significant mobilization",
    7: '"legal" harassment, retortions',
    8: "harassing acts of violence",
    9: "dramatic military confrontations",
    10: "provocative break of diplomatic relations",
    11: "super-ready status",
    12: "large conventional war (or actions)",
    13: "large compound escalation",
    14: "declaration of limited conventional war",
    15: "barely nuclear war",
    16: 'nuclear "ultimatums"',
    17: "limited evacuation",
    18: "spectacular show or demonstration of force",
    19: '"justifiable" counterforce attack',
    20: '"peaceful" world-wide embargo or blockade',
    21: "local nuclear war, exemplary",
    22: "declaration of limited nuclear war",
    23: "local nuclear war, military",
    24: "unusual, provocative and significant countermeasures",
    25: "evacuation (about 70%)",
    26: "demonstration attack on zone of interior",
    27: "exemplary attack on military",
    28: "exemplary attacks against property",
    29: "exemplary attacks on population",
    30: "complete evacuation (about 95%)",
    31: "reciprocal reprisals",
    32: 'formal declaration of "general" war',
    33: 'slow-motion counter-"property" war',
    34: "slow-motion counterforce war",
    35: "constrained force-reduction salvo",
    36: "constrained disarming attack",
    37: "counterforce-with-avoidance attack",
    38: "unmodified counterforce attack",
    39: "slow-motion countercity war",
    40: "countervalue salvo",
    41: "augmented disarming attack",
    42: "civilian devastation attack",
    43: "some other kinds of controlled general war",
    44: "spasm or insensate war",
}

#: COW-MID hostility levels 1-5 (Correlates of War, Militarized Interstate Disputes).
MID_LEVELS: dict[int, str] = {
    1: "no militarized action",
    2: "threat to use force",
    3: "display of force",
    4: "use of force",
    5: "war",
}

#: Display titles of instrument categories, in picker order.
CATEGORY_TITLES: dict[str, str] = {
    "show_of_force": "Shows of force",
    "use_of_force": "Uses of force",
    "verbal_conflict": "Threats and protests",
    "nonviolent": "Nonviolent instruments",
    "hold": "Hold",
}

#: Short words for hidden types (debrief only).
TYPE_WORDS: dict[str, str] = {"security_seeker": "security seeker", "greedy": "greedy"}


def round_unit(rules: Rules) -> str:
    """What one round is called in running text: the scenario's ``round_label``, lower case
    (``week``, ``day``; see :class:`~wargame.scenario.models.ScenarioInfo`)."""
    return rules.round_label.lower()


def origin_line(game: Game) -> str:
    """``Forked from <file> at week N.`` for a fork (:mod:`wargame.fork`), else "" (the file
    name escaped)."""
    origin = game.forked_from
    if origin is None:
        return ""
    return f"Forked from {printable(origin.file, 120)} at {round_unit(game.rules)} {origin.week}."


def kahn_name(rung: int) -> str:
    """The name of a Kahn rung 0-44 (``"rung 45"`` style fallback outside the table)."""
    return KAHN_RUNGS.get(rung, f"rung {rung}")


def mid_name(level: int) -> str:
    """The COW-MID name of a hostility level 1-5 (0 reads as level 1)."""
    return MID_LEVELS.get(max(1, level), f"level {level}")


def tension_label(tension: float) -> str:
    """``"48 · level 3 ELEVATED READINESS"``: number, level and word (never colour alone).

    The number is rounded down, so it always lies in the band its level names (59.6 shows as 59,
    level 3; 60.0 as 60, level 2).
    """
    level, word = defcon_level(tension)
    return f"{int(tension)} · level {level} {word.upper()}"


def tension_change(before: float, after: float) -> str:
    """The change between two tensions as shown (``+6``, ``−1``, ``±0``): the difference of the
    displayed numbers, so "58 → 64 (+6)" always adds up."""
    return signed(int(after) - int(before), 0)


def trust_change(before: float, after: float, digits: int = 2) -> str:
    """The change between two trusts as shown (``+0.01``, ``±0.00``): the difference of the
    displayed numbers, so "0.18 → 0.19 (+0.01)" always adds up."""
    return signed(float(f"{after:.{digits}f}") - float(f"{before:.{digits}f}"), digits)


def trust_word(trust: float) -> str:
    """A word for a trust μ in (0, 1): deep distrust, distrust, unsure, trust, high trust."""
    if trust < 0.2:
        return "deep distrust"
    if trust < 0.4:
        return "distrust"
    if trust < 0.6:
        return "unsure"
    if trust < 0.8:
        return "trust"
    return "high trust"


def signed(x: float, digits: int = 2) -> str:
    """``+0.05`` / ``−0.12`` with a true minus sign; ``±0.00`` for a change that rounds to zero."""
    s = f"{x:+.{digits}f}"
    if float(s) == 0.0:
        return "±" + s[1:]
    return s.replace("-", "−")


def arrow(x: float, eps: float = 0.005) -> str:
    """▲ rising, ▼ falling, ▬ flat (within ``eps``)."""
    if x > eps:
        return "▲"
    if x < -eps:
        return "▼"
    return "▬"
