"""The agent API (issue 15 item 7): outside agents (reinforcement learning, a language model, a
student's own strategy) play one side or several through standard interfaces.

* :class:`~wargame.agents.env.WargameParallelEnv`: a PettingZoo ``ParallelEnv`` (all actors or
  the chosen ones give their orders at once; the others are played by the scenario's AI);
* :class:`~wargame.agents.env.WargameEnv`: a Gymnasium ``Env`` (one side against the AIs);
* :class:`~wargame.agents.reward.Reward`: the documented, configurable reward;
* :class:`~wargame.agents.encoding.Codec`: observations from the side's own view, actions as
  instrument × target with a mask;
* :mod:`wargame.agents.baseline`: a tabular Q-learning baseline that plays as an outside policy.

Needs the research extra (``pip install 'wargame[research]'``: gymnasium, pettingzoo, numpy);
``wargame`` and its headless commands never import this package. docs/agents.md is the guide.
"""

from __future__ import annotations

from typing import Any

__all__ = ["Codec", "Reward", "WargameEnv", "WargameParallelEnv", "parallel_env"]

_WHERE = {  # name → (module, attribute), imported on first use
    "Codec": ("wargame.agents.encoding", "Codec"),
    "Reward": ("wargame.agents.reward", "Reward"),
    "WargameEnv": ("wargame.agents.env", "WargameEnv"),
    "WargameParallelEnv": ("wargame.agents.env", "WargameParallelEnv"),
    "parallel_env": ("wargame.agents.env", "WargameParallelEnv"),  # PettingZoo's usual name
}


def __getattr__(name: str) -> Any:
    import importlib

    if name not in _WHERE:
        raise AttributeError(f"module 'wargame.agents' has no attribute {name!r}")
    try:
        module = importlib.import_module(_WHERE[name][0])
    except ModuleNotFoundError as exc:
        if exc.name in ("numpy", "gymnasium", "pettingzoo"):
            raise ModuleNotFoundError(
                f"wargame.agents needs {exc.name}, from the research extra: pip install 'wargame[research]'",
                name=exc.name,
            ) from None
        raise
    return getattr(module, _WHERE[name][1])
