"""The engine is pure: importing it pulls in no Textual, Rich or click (design.md principle 2),
and headless commands never import Textual."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ENGINE = Path(__file__).resolve().parent.parent / "wargame" / "engine"


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "; import sys; print(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return {m.split(".")[0] for m in out}


def test_engine_imports_no_ui_or_cli() -> None:
    mods = _modules_after("import wargame.engine, wargame.engine.doctrines, wargame.engine.news")
    assert not mods & {"textual", "rich", "click", "pydantic"}, mods & {
        "textual",
        "rich",
        "click",
        "pydantic",
    }


def test_headless_cli_imports_no_textual() -> None:
    mods = _modules_after(
        "from click.testing import CliRunner; from wargame.cli import main; "
        "CliRunner().invoke(main, ['schema', 'scenario']); CliRunner().invoke(main, ['scenarios'])"
    )
    assert "textual" not in mods


def test_engine_source_has_no_clock_io_or_global_random() -> None:
    """No module of the engine reads the clock, does I/O or calls the global random functions."""
    banned_calls = {"open", "print", "input"}
    banned_modules = {"time", "os", "pathlib", "io", "textual", "rich", "click"}
    # datetime is allowed for calendar arithmetic (date, timedelta), never for reading the clock
    clock_calls = {"now", "today", "utcnow", "fromtimestamp"}
    for path in ENGINE.glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    assert alias.name.split(".")[0] not in banned_modules, (path.name, alias.name)
            elif isinstance(node, ast.ImportFrom) and node.module:
                assert node.module.split(".")[0] not in banned_modules, (path.name, node.module)
                if node.module == "random":  # only the seeded generator class, never random.random
                    assert {a.name for a in node.names} <= {"Random"}, (path.name, "from random import")
            elif isinstance(node, ast.Call):
                f = node.func
                if isinstance(f, ast.Name):
                    assert f.id not in banned_calls, (path.name, f.id)
                if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id == "random":
                    assert f.attr == "Random", (path.name, f"random.{f.attr}")
                if isinstance(f, ast.Attribute):
                    assert f.attr not in clock_calls, (path.name, f"a clock read: .{f.attr}()")


def test_start_and_headless_commands_import_no_agent_dependencies() -> None:
    """The agent API's dependencies (the research extra) are never imported by ``wargame`` or a
    headless command; only ``wargame.agents`` brings them in."""
    heavy = {"numpy", "gymnasium", "pettingzoo"}
    golden = ENGINE.parent.parent / "tests" / "replays" / "korea-2022-opening.json"
    mods = _modules_after(
        "from click.testing import CliRunner; from wargame.cli import main; import wargame.agents; "
        "CliRunner().invoke(main, ['simulate', '--scenario', 'dyad-testbed', '--seeds', '2']); "
        f"CliRunner().invoke(main, ['replay', {str(golden)!r}])"
    )
    assert not mods & heavy, mods & heavy
    assert heavy <= _modules_after("from wargame.agents import WargameParallelEnv")


RESEARCH = {"pyarrow", "pandas", "polars", "matplotlib", "dask", "distributed", "numpy"}
"""The research extra's modules (and numpy, which they bring): never imported at start."""


def test_wargame_and_headless_commands_import_no_research_dependency() -> None:
    """Issue 15: the base install stays light, so nothing imports the research extra at start:
    not ``import wargame.cli``, not the headless commands (simulate, even with --jobs 2 and
    --set), not the game."""
    mods = _modules_after(
        "from click.testing import CliRunner; from wargame.cli import main; import wargame.game; "
        "import wargame.analysis.simulate, wargame.analysis.batch, wargame.scenario.overrides; "
        "r = CliRunner(); r.invoke(main, ['schema', 'record']); r.invoke(main, ['scenarios']); "
        "r.invoke(main, ['simulate', '--seeds', '3', '--jobs', '2', '--set', 'world.distinguishability=0.3']); "
        "r.invoke(main, ['replay', 'tests/replays/korea-2022-opening.json']); "
        "r.invoke(main, ['tournament', '--help']); r.invoke(main, ['sweep', '--help'])"
    )
    assert not mods & RESEARCH, mods & RESEARCH


def test_a_research_command_without_the_extra_says_so_in_one_line(tmp_path: Path) -> None:
    """With the research extra missing (its modules blocked), ``tournament`` and ``sweep`` exit 2
    with one line naming the extra, and write nothing."""
    block = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in {'pyarrow', 'matplotlib', 'pandas', 'dask', 'distributed'}:\n"
        "            raise ModuleNotFoundError(name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "from wargame.cli import main\n"
        "sys.argv = ['wargame'] + sys.argv[1:]\n"
        "main()\n"
    )
    for args in (
        ["tournament", "--sides", "USA,DPRK", "-o", str(tmp_path / "t")],
        ["sweep", "--set", "world.distinguishability=0.1:0.9:3", "-o", str(tmp_path / "s")],
    ):
        done = subprocess.run([sys.executable, "-c", block, *args], capture_output=True, text=True)
        assert done.returncode == 2, done.stderr
        assert done.stdout == ""
        assert done.stderr.count("\n") == 1, done.stderr
        assert "research extra" in done.stderr and "pip install 'wargame[research]'" in done.stderr
    assert not any(tmp_path.iterdir())
