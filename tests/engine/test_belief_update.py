"""The belief update of docs/model.md §3, written out plainly here, against the engine's round on
random play: every ℓ_ij, μ_ij and s_ji, to the last bit (the engine skips arithmetic whose
result it already knows; this checks that what it skips is exactly what it would compute)."""

from __future__ import annotations

import math
import random

from hypothesis import HealthCheck, given, settings

from tests.engine.test_properties import _game_scripts, _scenario_rules
from wargame.engine.core import initial_state, resolve_round, rules_event
from wargame.engine.rules import GREEDY, SECURITY_SEEKER, Rules
from wargame.engine.state import Mode, Order, RoundResult, State


def _clip(v: float, bound: float) -> float:
    return max(-bound, min(bound, v))


def _expected(rules: Rules, before: State, result: RoundResult) -> None:
    """Check the round's beliefs against the update rule, one reading at a time."""
    p = rules.params
    rho = p.memory
    after = result.state
    shifts: dict[tuple[str, str], list[float]] = {}
    for fired in result.events:
        for observer, subject, shift in rules_event(rules, fired.id).evidence:
            shifts.setdefault((observer, subject), []).append(shift)
    for r in result.perceptions:
        i, j = r.observer, r.maker
        pull = (1.0 - rho) * rules.prior_logodds[(i, j)]
        seen = rules.biased_evidence[(i, r.perceived)] * r.weight
        made = rules.biased_evidence[(i, r.instrument)] * r.weight
        assert r.evidence == seen
        total = seen
        for shift in shifts.get((i, j), []):
            total += shift
        ell = _clip(rho * before.logodds[(i, j)] + pull + total, p.logodds_max)
        assert after.logodds[(i, j)] == ell
        assert after.mu[(i, j)] == 1.0 / (1.0 + math.exp(ell)) == r.trust_after
        assert after.mu_rows[i][j] == after.mu[(i, j)]
        assert r.trust_before == before.mu[(i, j)]
        s = _clip(rho * before.second_order[(j, i)] + pull + made, p.logodds_max)
        assert after.second_order[(j, i)] == s == after.second_rows[j][i]
        assert after.last_perceived[(i, j)] == r.perceived == after.perceived_rows[i][j]
        # the same bits, not only the same value (-0.0 == 0.0)
        assert math.copysign(1.0, after.logodds[(i, j)]) == math.copysign(1.0, ell)
        assert math.copysign(1.0, after.second_order[(j, i)]) == math.copysign(1.0, s)
    assert len(result.perceptions) == len(after.logodds)


def _check(data: tuple[Rules, list[dict[str, Order]], int, Mode]) -> None:
    rules, script, seed, mode = data
    types = {a: (GREEDY if k % 2 else SECURITY_SEEKER) for k, a in enumerate(rules.actor_ids)}
    state = initial_state(rules, types)
    rng = random.Random(seed)
    for orders in script:
        result = resolve_round(
            rules, state, orders, rng, mode=mode, allow_after_outcome=True, round_limit=10**6
        )
        _expected(rules, state, result)
        state = result.state


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_game_scripts(_scenario_rules("dyad")))
def test_the_belief_update_follows_the_rule_on_the_dyad(
    data: tuple[Rules, list[dict[str, Order]], int, Mode],
) -> None:
    _check(data)


def test_the_belief_update_follows_the_rule_on_korea() -> None:
    rules = _scenario_rules("korea")

    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(_game_scripts(rules))
    def inner(data: tuple[Rules, list[dict[str, Order]], int, Mode]) -> None:
        _check(data)

    inner()
