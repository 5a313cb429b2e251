"""The environments: a PettingZoo ``ParallelEnv`` (every chosen actor gives its order at once)
and a Gymnasium ``Env`` (one side against the scenario's AIs). docs/agents.md explains them.

Each episode is one :class:`~wargame.game.Game` in which the agents are the "human" actors: its
record (:attr:`WargameParallelEnv.game`, ``game.save(path)``) replays like any other game.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import gymnasium
import numpy as np
from gymnasium import spaces
from pettingzoo import ParallelEnv

from wargame.agents.encoding import Codec
from wargame.agents.reward import Reward
from wargame.engine import Order
from wargame.game import Game
from wargame.record.models import Settings
from wargame.scenario import load as scenario_load
from wargame.scenario.load import LoadedScenario

RewardFn = Callable[[Game, str, bool], float]
SEED_LIMIT = 2**31
"""Episode seeds drawn by the environment (when ``reset`` gets none) are below this."""


def _scenario(scenario: str | Path | LoadedScenario) -> LoadedScenario:
    return scenario if isinstance(scenario, LoadedScenario) else scenario_load.load(scenario)


class WargameParallelEnv(ParallelEnv):  # type: ignore[misc]
    """A wargame scenario as a PettingZoo parallel environment.

    Args:
        scenario: a bundled scenario id, a TOML path or a loaded scenario.
        agents: the actors played by agents (default: every actor); the others are played by
            their AI (the scenario's doctrine by hidden type, or ``settings["doctrines"]``).
        settings: game settings (:class:`~wargame.record.models.Settings` fields: ``mode``,
            ``rounds``, ``doctrines``, ``hidden_types``, ``overrides``...); ``humans`` is set to
            ``agents``.
        reward: a :class:`~wargame.agents.reward.Reward` (the default weights) or any callable
            ``(game, actor, illegal) -> float``.
        render_mode: None or ``"ansi"`` (``render()`` returns the round's acts and the meter).

    Observations are dicts ``{"observation": float32 vector, "action_mask": int8 vector}`` built
    only from the agent's own view (:mod:`wargame.agents.encoding`); actions are ``Discrete``
    indices of instrument × target. A masked action is replaced by a hold and costs
    ``reward.illegal``; ``infos[agent]["illegal"]`` says so. An episode terminates on war or
    peace and is truncated at the round limit. ``reset(seed=s)`` plays the game of seed ``s``:
    the same seed and the same actions give the same episode.
    """

    metadata = {"name": "wargame_v0", "render_modes": ["ansi"], "render_fps": 1, "is_parallelizable": True}  # noqa: RUF012

    def __init__(
        self,
        scenario: str | Path | LoadedScenario = "dyad-testbed",
        agents: Sequence[str] | None = None,
        settings: Mapping[str, Any] | None = None,
        reward: Reward | RewardFn | None = None,
        render_mode: str | None = None,
    ) -> None:
        self.scenario = _scenario(scenario)
        ids = self.scenario.rules.actor_ids
        chosen = list(ids if agents is None else agents)
        for a in chosen:
            if a not in ids:
                raise ValueError(f"unknown actor {a!r}; expected one of {', '.join(ids)}")
        if not chosen:
            raise ValueError("no agents")
        self.possible_agents: list[str] = [a for a in ids if a in chosen]
        base = dict(settings or {})
        base["humans"] = list(self.possible_agents)
        self.settings = Settings.model_validate(base)
        # unknown actors in the settings fail here; the rules are the game's (with any overrides)
        rules = Game(self.scenario, self.settings, 0).rules
        self.reward_fn: RewardFn = reward if reward is not None else Reward()
        if render_mode not in (None, "ansi"):
            raise ValueError(f"render_mode must be None or 'ansi', got {render_mode!r}")
        self.render_mode = render_mode
        self.codecs = {a: Codec(rules, a) for a in self.possible_agents}
        self._observation_spaces = {
            a: spaces.Dict(
                {
                    "observation": spaces.Box(-1.0, 1.0, (c.n_features,), np.float32),
                    "action_mask": spaces.Box(0, 1, (c.n_actions,), np.int8),
                }
            )
            for a, c in self.codecs.items()
        }
        self._action_spaces = {a: spaces.Discrete(c.n_actions) for a, c in self.codecs.items()}
        self.agents: list[str] = []
        self.game: Game | None = None
        self._np_random: np.random.Generator | None = None
        self._last_illegal: dict[str, bool] = {}

    # --- spaces -------------------------------------------------------------------------------

    def observation_space(self, agent: str) -> spaces.Space[Any]:
        """The agent's observation space (the same object every call)."""
        return self._observation_spaces[agent]

    def action_space(self, agent: str) -> spaces.Space[Any]:
        """The agent's action space (the same object every call)."""
        return self._action_spaces[agent]

    @property
    def observation_spaces(self) -> dict[str, spaces.Space[Any]]:
        """Agent → observation space (PettingZoo's dict form)."""
        return dict(self._observation_spaces)

    @property
    def action_spaces(self) -> dict[str, spaces.Space[Any]]:
        """Agent → action space (PettingZoo's dict form)."""
        return dict(self._action_spaces)

    # --- episode ------------------------------------------------------------------------------

    def reset(
        self, seed: int | None = None, options: dict[str, Any] | None = None
    ) -> tuple[dict[str, dict[str, np.ndarray]], dict[str, dict[str, Any]]]:
        """Start a game. ``seed`` is the game's seed (every draw of the episode follows from it);
        without one, the next seed of the environment's own generator (seeded by the first
        ``reset(seed=...)``)."""
        if seed is not None:
            self._np_random = np.random.default_rng(seed)
            game_seed = int(seed)
        else:
            if self._np_random is None:
                self._np_random = np.random.default_rng()
            game_seed = int(self._np_random.integers(0, SEED_LIMIT))
        self.game = Game(self.scenario, self.settings, game_seed)
        self.game.explain = False
        self.agents = list(self.possible_agents)
        self._last_illegal = dict.fromkeys(self.agents, False)
        return self._observations(), self._infos()

    def step(
        self, actions: Mapping[str, int]
    ) -> tuple[
        dict[str, dict[str, np.ndarray]],
        dict[str, float],
        dict[str, bool],
        dict[str, bool],
        dict[str, dict[str, Any]],
    ]:
        """Resolve one round with every live agent's action (the AI gives the other orders).

        Raises:
            RuntimeError: the episode is over, or was never reset.
            KeyError: an action is missing for a live agent, or given for another key (an AI
                actor, an unknown or finished agent).
            ValueError: an action that is not an integer index (a float, a string, a boolean).
        """
        game = self.game
        if game is None or not self.agents:
            raise RuntimeError("call reset() first: the episode is over or was never started")
        orders: dict[str, Order] = {}
        illegal: dict[str, bool] = {}
        for k in actions:
            if k not in self.agents:
                why = (
                    "an AI actor or unknown"
                    if k not in self.possible_agents
                    else "not live (its episode is over)"
                )
                raise KeyError(
                    f"an action for {k!r}, which is {why}; the live agents are {', '.join(self.agents)}"
                )
        for a in self.agents:
            if a not in actions:
                raise KeyError(f"no action for agent {a!r}")
            codec = self.codecs[a]
            act = _action_index(a, actions[a])
            illegal[a] = not codec.legal(act)
            orders[a] = codec.fallback() if illegal[a] else codec.order(act)
        game.play_round(orders)
        self._last_illegal = illegal
        over = game.is_over
        st = game.state
        ended = over and st.outcome is not None
        obs = self._observations()
        rewards = {a: float(self.reward_fn(game, a, illegal[a])) for a in self.agents}
        terminations = dict.fromkeys(self.agents, ended)
        truncations = dict.fromkeys(self.agents, over and not ended)
        infos = self._infos()
        if over:
            self.agents = []
        return obs, rewards, terminations, truncations, infos

    def _observations(self) -> dict[str, dict[str, np.ndarray]]:
        game = self.game
        assert game is not None
        return {
            a: {
                "observation": self.codecs[a].observe(game.view(a), game.round_limit),
                "action_mask": self.codecs[a].action_mask.copy(),
            }
            for a in self.agents
        }

    def _infos(self) -> dict[str, dict[str, Any]]:
        game = self.game
        assert game is not None
        st = game.state
        outcome = st.outcome.value if st.outcome is not None else None
        return {
            a: {
                "round": st.round,
                "tension": st.tension,
                "outcome": outcome,
                "illegal": self._last_illegal.get(a, False),
                "action_mask": self.codecs[a].action_mask.copy(),
            }
            for a in self.agents
        }

    def render(self) -> str | None:
        """``"ansi"``: the last round's acts and the meter, as text (None otherwise). It shows the
        acts as made, not as any side perceived them: the researcher's view, never given to an agent."""
        if self.render_mode != "ansi" or self.game is None:
            return None
        game = self.game
        if not game.results:
            return f"round 0: tension {game.state.tension:.1f}"
        r = game.results[-1]
        acts = "; ".join(f"{a.maker} {a.instrument}" + (f" → {a.target}" if a.target else "") for a in r.acts)
        outcome = f" [{game.state.outcome.value}]" if game.state.outcome else ""
        return f"round {r.round}: {acts}; tension {game.state.tension:.1f}{outcome}"

    def close(self) -> None:
        """Nothing to release."""

    def state(self) -> np.ndarray:
        """Not provided: a global state would show the hidden types and every belief."""
        raise NotImplementedError("the wargame environment gives each agent only its own view")


class WargameEnv(gymnasium.Env):
    """One side of a scenario as a Gymnasium environment, against the scenario's AIs.

    Args:
        scenario: a bundled scenario id, a TOML path or a loaded scenario.
        side: the actor the agent plays (default: the first actor).
        settings, reward, render_mode: as for :class:`WargameParallelEnv`.

    The observation, action and reward are those of :class:`WargameParallelEnv` for ``side``;
    :meth:`action_masks` gives the mask too (for maskable learners).
    """

    metadata = {"render_modes": ["ansi"], "render_fps": 1}  # noqa: RUF012

    def __init__(
        self,
        scenario: str | Path | LoadedScenario = "dyad-testbed",
        side: str | None = None,
        settings: Mapping[str, Any] | None = None,
        reward: Reward | RewardFn | None = None,
        render_mode: str | None = None,
    ) -> None:
        loaded = _scenario(scenario)
        self.side = side if side is not None else loaded.rules.actor_ids[0]
        self.parallel = WargameParallelEnv(loaded, [self.side], settings, reward, render_mode)
        self.observation_space = self.parallel.observation_space(self.side)
        self.action_space = self.parallel.action_space(self.side)
        self.render_mode = render_mode

    @property
    def game(self) -> Game | None:
        """The game of the current episode (save it with ``game.save(path)``)."""
        return self.parallel.game

    def reset(
        self, *, seed: int | None = None, options: dict[str, Any] | None = None
    ) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
        """Start a game of seed ``seed`` (see :meth:`WargameParallelEnv.reset`)."""
        super().reset(seed=seed)
        obs, infos = self.parallel.reset(seed=seed, options=options)
        return obs[self.side], infos[self.side]

    def step(self, action: int) -> tuple[dict[str, np.ndarray], float, bool, bool, dict[str, Any]]:
        """Play one round with ``action`` for the side."""
        obs, rewards, terms, truncs, infos = self.parallel.step({self.side: action})
        s = self.side
        return obs[s], rewards[s], terms[s], truncs[s], infos[s]

    def action_masks(self) -> np.ndarray:
        """The legal actions (1) of the side."""
        return self.parallel.codecs[self.side].action_mask.copy()

    def render(self) -> str | None:
        """See :meth:`WargameParallelEnv.render`."""
        return self.parallel.render()


def _action_index(agent: str, action: Any) -> int:
    """An action as an index: an integer (a numpy integer or a 0-d integer array too), never a
    boolean, a float or a string.

    Raises:
        ValueError: anything else, naming the agent and the action.
    """
    value = action.item() if isinstance(action, np.ndarray) and action.shape == () else action
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise ValueError(f"action {action!r} for agent {agent!r}: expected an integer action index")
    return int(value)


GYM_ID = "wargame/Wargame-v0"
"""``gymnasium.make(GYM_ID, scenario=..., side=...)`` makes a :class:`WargameEnv` (registered
when this module is imported)."""

if GYM_ID not in gymnasium.registry:
    gymnasium.register(id=GYM_ID, entry_point="wargame.agents.env:WargameEnv")
