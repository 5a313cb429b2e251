"""The engine compiled with mypyc, built beside the source for benchmarks and the build-identity test.

mypyc (shipped with mypy, already in the ``test`` extra) compiles the engine's strictly typed modules
to C extensions. The compiled engine plays the same game byte for byte (tests/engine/test_compiled.py
checks it over every bundled scenario); it only runs faster. Researchers get it in an installed
package with ``HATCH_BUILD_HOOK_ENABLE_MYPYC=1 pip install '.[research]'`` (README, "Research
mode"); the default install stays pure Python.

:func:`build` copies the ``wargame`` package into a directory and compiles the engine there, so the
``.so`` files never sit beside the source (where they would shadow later edits of the ``.py``).
Put the directory first on ``PYTHONPATH`` to run the compiled engine::

    python bench/compiled.py /tmp/wargame-compiled     # build (or reuse) and print the directory

Needs a C compiler (``cc``) and setuptools; building takes about 20 s on this machine.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "wargame"

#: The modules compiled, by name inside the package: the engine's round, rules tables, state,
#: doctrines and their views, and the game that drives them round by round (wargame/game.py).
#: The engine's ``news`` (text, shown lazily) and its small modules stay interpreted.
ENGINE_MODULES = ("engine.core", "engine.rules", "engine.state", "engine.views", "engine.doctrines", "game")


def _source_digest() -> str:
    """SHA-256 over the package's .py files and the bundled scenarios: a build is reused only for
    the same source."""
    h = hashlib.sha256()
    for path in sorted([*PACKAGE.rglob("*.py"), *(ROOT / "scenarios").rglob("*")]):
        if path.is_file():
            h.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def build(dest: Path, *, quiet: bool = True) -> Path:
    """Copy the package into ``dest/wargame`` and compile the engine modules there (in place).

    Reuses an earlier build in ``dest`` made from the same source. Returns ``dest``.

    Raises:
        subprocess.CalledProcessError: mypyc or the C compiler failed (its output is printed).
    """
    dest = dest.resolve()
    stamp = dest / "SOURCE_SHA256"
    digest = _source_digest()
    if stamp.exists() and stamp.read_text() == digest:
        return dest
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    shutil.copytree(PACKAGE, dest / "wargame", ignore=shutil.ignore_patterns("__pycache__", "*.so"))
    shutil.copytree(ROOT / "scenarios", dest / "scenarios")  # the bundled scenarios sit beside the package
    files = [f"wargame/{name.replace('.', '/')}.py" for name in ENGINE_MODULES]
    # run where there is no pyproject.toml: setuptools would read ours and reject its PEP 639 licence
    out = subprocess.run(
        [sys.executable, "-m", "mypyc", *files],
        cwd=dest,
        capture_output=True,
        text=True,
        env={**os.environ, "MYPYC_OPT_LEVEL": os.environ.get("MYPYC_OPT_LEVEL", "3")},
    )
    if out.returncode != 0 or not quiet:
        print(out.stdout[-4000:], out.stderr[-4000:], sep="\n", file=sys.stderr)
    out.check_returncode()
    shutil.rmtree(dest / "build", ignore_errors=True)
    stamp.write_text(digest)
    return dest


def is_compiled(module_file: str) -> bool:
    """True when a module was loaded from a compiled extension (``.so``/``.pyd``), not a ``.py``."""
    return module_file.endswith((".so", ".pyd"))


if __name__ == "__main__":
    where = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "bench" / ".compiled"
    print(build(where, quiet=False))
