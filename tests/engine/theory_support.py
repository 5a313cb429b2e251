"""Shared helpers for the theory checks of ``docs/model.md`` §10 (TP1-TP30).

Every check runs on the two-actor test bed ``tests/fixtures/dyad.toml`` (actors "A" and "B", the
Appendix-A catalogue). A run is a plain loop over :func:`wargame.engine.core.resolve_round`, with
each actor's order chosen either by a named doctrine (from its restricted view) or by a fixed
instrument (for actors that are not doctrines, e.g. TP4's greedy missile tester).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from tests.helpers import DYAD as DYAD_PATH
from wargame.engine.core import initial_state, resolve_round
from wargame.engine.doctrines import DOCTRINES
from wargame.engine.rules import SECURITY_SEEKER, OpeningAct, Rules, replace_rules
from wargame.engine.state import Mode, Order, RoundResult, State
from wargame.engine.views import view

ACTORS = ("A", "B")


@lru_cache(maxsize=1)
def dyad_rules() -> Rules:
    """The compiled dyad test bed (default parameters of docs/model.md §9, ε = 0)."""
    from wargame.scenario.load import load

    return load(DYAD_PATH).rules


def world(
    omega: float,
    d: float,
    *,
    trust: float = 0.6,
    prior: float | None = None,
    hostility: float = 0.0,
    opening: str | None = None,
    **params: float,
) -> Rules:
    """Dyad rules in a given world: ω, d, initial trust (and prior anchor), H0 and an optional opening act."""
    rules = dyad_rules().retune(offense_advantage=omega, distinguishability=d, **params)
    rules = rules.with_trust(trust, prior=prior)
    if hostility:
        rules = rules.with_actors(A={"hostility": hostility}, B={"hostility": hostility})
    if opening is not None:
        rules = replace_rules(rules, opening=(OpeningAct("A", opening, "B"), OpeningAct("B", opening, "A")))
    return rules


#: A player: a doctrine name, or a callable (round index 0-based, view) -> Order for a fixed act.
Player = str | Callable[[int, object], Order]


def fixed(instrument: str, target: str) -> Callable[[int, object], Order]:
    """A non-doctrine player that always orders ``instrument`` at ``target``."""
    return lambda t, v: Order(instrument, target)


@dataclass
class Run:
    """The trajectory of one run: the state after each round and each round's result."""

    rules: Rules
    initial: State
    results: list[RoundResult] = field(default_factory=list)

    @property
    def states(self) -> list[State]:
        return [r.state for r in self.results]

    @property
    def final(self) -> State:
        return self.results[-1].state if self.results else self.initial

    def tension(self, turn: int) -> float:
        """T after 0-based turn ``turn`` (the prototype's ``t``; round ``turn + 1``)."""
        return self.results[turn].tension

    @property
    def tensions(self) -> list[float]:
        return [r.tension for r in self.results]

    def acts(self, actor: str) -> list[str]:
        """The instrument ``actor`` really used each round."""
        return [next(a.instrument for a in r.acts if a.maker == actor) for r in self.results]

    def min_trust(self) -> float:
        st = self.final
        return min(st.trust("A", "B"), st.trust("B", "A"))

    def max_trust(self) -> float:
        st = self.final
        return max(st.trust("A", "B"), st.trust("B", "A"))


def play(
    rules: Rules,
    players: Mapping[str, Player],
    rounds: int,
    *,
    mode: Mode = Mode.EXPECTATION,
    seed: int = 0,
    types: Mapping[str, str] | None = None,
) -> Run:
    """Play ``rounds`` rounds. Doctrines draw from one seeded stream, the engine from another."""
    types = dict(types or {a: SECURITY_SEEKER for a in rules.actor_ids})
    st = initial_state(rules, types)
    run = Run(rules, st)
    doctrine_rng = random.Random(f"{seed}/doctrine")
    engine_rng = random.Random(f"{seed}/engine")
    readings: tuple = ()
    for t in range(rounds):
        orders: dict[str, Order] = {}
        memories: dict[str, dict] = {}
        for actor in rules.actor_ids:
            player = players[actor]
            v = view(rules, st, actor, readings)
            if isinstance(player, str):
                orders[actor], memories[actor] = DOCTRINES[player].decide(v, doctrine_rng)
            else:
                orders[actor] = player(t, v)
        res = resolve_round(
            rules,
            st,
            orders,
            engine_rng,
            mode=mode,
            memory=memories,
            allow_after_outcome=True,
            round_limit=10**6,
        )
        run.results.append(res)
        st = res.state
        readings = res.perceptions
    return run


def single_act_delta(rules: Rules, instrument: str, observer: str = "B", maker: str = "A") -> float:
    """Δℓ of ``observer``'s log-odds of greed from one act by ``maker``, measured through the engine.

    One expectation-mode round with memory ρ = 1 (pure Bayes, no relaxation toward the prior), so
    Δℓ is exactly the act's evidence after the observer's attribution bias. The observer talks
    meanwhile; its own act does not move its belief about the maker.
    """
    r = rules.retune(memory=1.0)
    st = initial_state(r, {a: SECURITY_SEEKER for a in r.actor_ids})
    orders = {maker: Order(instrument, observer), observer: Order("talk", maker)}
    res = resolve_round(
        r, st, orders, random.Random(0), mode=Mode.EXPECTATION, allow_after_outcome=True, round_limit=10**6
    )
    return res.state.logodds[(observer, maker)] - st.logodds[(observer, maker)]
