"""The engine compiled with mypyc (bench/compiled.py) plays the same games, byte for byte.

The compiled build is how research runs go fast (README, "A compiled engine for long runs"); it must not be a
different model. Every bundled scenario, both modes, the meter's terms on and off, a human seat
with scripted orders, an outside policy in a seat: the digest of every round's state JSON, acts, perception rows, event cards,
hazard, escalation and tension terms must be equal, and the compiled run must really have loaded
the compiled modules.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

DIGEST = r"""
import hashlib, json, sys
from pathlib import Path
import wargame
import wargame.engine.core, wargame.engine.doctrines, wargame.engine.rules, wargame.engine.state, wargame.engine.views
from wargame.game import Game
from wargame.scenario.load import load

scenarios = Path(sys.argv[1])
seeds = int(sys.argv[2])
digests = {}
for path in sorted(scenarios.glob("*.toml")):
    sc = load(path)
    h = hashlib.sha256()
    for mode in ("stochastic", "expectation"):
        for seed in range(seeds):
            for explain in (True, False):
                game = Game.new(sc, seed=seed, mode=mode, play_on=True)
                game.explain = explain
                while not game.is_over:
                    game.play_round()
                for res in game.results:
                    h.update(res.state.to_json().encode())
                    h.update(repr((res.perception_rows, res.acts, res.events, res.orders)).encode())
                    h.update(repr((res.hazard, res.escalation, res.tension, res.outcome, res.tension_terms)).encode())
    digests[path.stem] = h.hexdigest()

class Outside:  # an outside policy (Game.set_policy), interpreted even beside a compiled game
    def __init__(self, doctrine):
        self.doctrine = doctrine

    def decide(self, view, rng):
        return self.doctrine.decide(view, rng)

sc = load(scenarios / "korea-2022.toml")
game = Game.new(sc, seed=1, mode="stochastic", play_on=True)
game.set_policy(sc.rules.actor_ids[0], Outside(wargame.engine.doctrines.get("tit_for_tat")))
while not game.is_over:
    game.play_round()
digests["outside policy"] = hashlib.sha256(game.state.to_json().encode()).hexdigest()
mods = {m: sys.modules[m].__file__ for m in sys.modules if m.startswith("wargame.")}
print(json.dumps({"digests": digests, "modules": mods, "package": wargame.__file__}))
"""


def _load_builder():  # bench/ is not a package: load the builder from its file
    spec = importlib.util.spec_from_file_location("compiled", ROOT / "bench" / "compiled.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run(pythonpath: Path, seeds: int) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", DIGEST, str(ROOT / "scenarios"), str(seeds)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(pythonpath)},
        cwd=pythonpath,
    )
    return json.loads(out.stdout)


def test_compiled_engine_plays_the_same_games(tmp_path_factory) -> None:
    builder = _load_builder()
    try:
        where = builder.build(tmp_path_factory.mktemp("compiled"))
    except builder.BuildError as exc:  # the suite needs a C compiler (README, "Development")
        pytest.fail(str(exc))
    compiled = _run(where, seeds=6)
    pure = _run(ROOT, seeds=6)
    # the compiled run used the copy, with the compiled engine modules; the pure run the source
    assert Path(compiled["package"]).is_relative_to(where)
    for name in builder.ENGINE_MODULES:
        assert builder.is_compiled(compiled["modules"][f"wargame.{name}"]), f"wargame.{name} is not compiled"
        loaded = pure["modules"][f"wargame.{name}"]
        assert loaded.endswith(".py"), (
            f"the checkout's wargame.{name} is compiled ({loaded}): .so files left by a hatch build? "
            "git clean -fX -- '*.so'"
        )
    assert len(pure["digests"]) >= 5  # every bundled scenario
    assert compiled["digests"] == pure["digests"]


def test_the_wheel_hook_compiles_the_same_modules() -> None:
    """pyproject's opt-in mypyc hook (the research install) and bench/compiled.py name the same
    modules, so the installed compiled engine is the one the test above checks."""
    import tomllib

    hook = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["hatch"]["build"]["targets"]["wheel"][
        "hooks"
    ]["mypyc"]
    named = {f"wargame/{m.replace('.', '/')}.py" for m in _load_builder().ENGINE_MODULES}
    assert set(hook["include"]) == named
    assert hook["enable-by-default"] is False  # the base install builds no extensions
