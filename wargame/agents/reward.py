"""The reward an agent receives each round (docs/agents.md, "Reward"): documented, configurable.

The default, for agent i after a round::

    r_i = security · S_i − tension · T/100 − war · [war broke out this round]
          + peace · [the game ended in peace this round] − illegal · [the action was masked]

    S_i = 1 − max_j (1 − μ_ij) · Φ_ij        (over the rivals i watches)

S_i is the agent's own security as it sees it: one minus its fear of the most threatening rival,
fear being distrust times the threat that rival's capability poses (Φ_ij, docs/model.md §6, the
fear term of the meter; Glaser 2010). T is the public tension meter. Every term comes from the
agent's own view or from public facts (the meter, the outcome), never from another actor's
beliefs or type. War and peace end the game; the bonus and the penalty are paid once.

Any callable ``(game, actor, illegal) -> float`` can replace :class:`Reward`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from wargame.engine import threat_potential

if TYPE_CHECKING:
    from wargame.game import Game


@dataclass(frozen=True)
class Reward:
    """Weights of the reward's terms (see the module docstring); set one to 0 to drop its term.

    Attributes:
        security: weight of S_i, the agent's security as it sees it, in [0, 1].
        tension: weight of T/100, the public tension meter after the round, in [0, 1].
        war: penalty when war breaks out (whoever started it).
        peace: bonus when the game ends in peace (treaty or détente).
        illegal: penalty for a masked action (it is replaced by a hold).
    """

    security: float = 1.0
    tension: float = 1.0
    war: float = 10.0
    peace: float = 10.0
    illegal: float = 0.1

    def __call__(self, game: Game, actor: str, illegal: bool = False) -> float:
        """The reward of ``actor`` for the round ``game`` has just resolved."""
        st = game.state
        r = self.security * security(game, actor) - self.tension * st.tension / 100.0
        if st.outcome is not None and st.outcome_round == st.round:
            if st.outcome.is_war:
                r -= self.war
            elif st.outcome.is_peace:
                r += self.peace
        if illegal:
            r -= self.illegal
        return float(r)


def security(game: Game, actor: str) -> float:
    """S_i = 1 − max_j (1 − μ_ij)·Φ_ij over the rivals ``actor`` watches, from its own view, in [0, 1]."""
    v = game.view(actor)
    omega = game.rules.params.offense_advantage
    cap = v.capability
    fear = max(
        ((1.0 - v.trust[j]) * threat_potential(cap[actor], cap[j], omega) for j in v.rivals()),
        default=0.0,
    )
    return 1.0 - fear
