"""The pure rules engine: no I/O, no Textual/Rich/click, no clock, no global random state.

Public API:

- :class:`~wargame.engine.rules.Rules` (compiled scenario) and the model's closed forms;
- :func:`~wargame.engine.core.initial_state`, :func:`~wargame.engine.core.resolve_round`;
- :func:`~wargame.engine.views.view` and :class:`~wargame.engine.views.View`;
- :data:`~wargame.engine.doctrines.DOCTRINES`, the AI doctrines;
- :mod:`~wargame.engine.news`, news items built from perception records.
"""

from wargame.engine.core import (
    defcon_level,
    draw_types,
    hazard_of,
    initial_state,
    resolve_round,
    tension,
    threat_potential,
)
from wargame.engine.errors import GameOverError, IllegalOrderError
from wargame.engine.rules import GREEDY, SECURITY_SEEKER, Rules, mu_star
from wargame.engine.state import Act, Mode, Order, Outcome, Perception, RoundResult, State
from wargame.engine.views import View, view

__all__ = [
    "GREEDY",
    "SECURITY_SEEKER",
    "Act",
    "GameOverError",
    "IllegalOrderError",
    "Mode",
    "Order",
    "Outcome",
    "Perception",
    "RoundResult",
    "Rules",
    "State",
    "View",
    "defcon_level",
    "draw_types",
    "hazard_of",
    "initial_state",
    "mu_star",
    "resolve_round",
    "tension",
    "threat_potential",
    "view",
]
