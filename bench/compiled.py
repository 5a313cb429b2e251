"""The engine compiled with mypyc, built in a directory of its own for benchmarks and the
build-identity test.

mypyc (shipped with mypy, already in the ``test`` extra) compiles the engine's strictly typed modules
to C extensions. The compiled engine plays the same game byte for byte (tests/engine/test_compiled.py
checks it over every bundled scenario); it only runs faster. Researchers get it in an installed
package with the README's command (section "A compiled engine for long runs"); the default install
stays pure Python.

:func:`build` copies the ``wargame`` package into a directory of its own and compiles the engine
there, so the ``.so`` files never sit in the checkout (where they would shadow later edits of the
``.py``). To run the compiled engine, put that directory first on ``PYTHONPATH`` *and* run from a
directory that is not the checkout (Python puts the current directory, or a script's own, before
``PYTHONPATH``)::

    python bench/compiled.py /tmp/wargame-compiled     # build (or reuse) and print the directory
    cd /tmp/wargame-compiled && PYTHONPATH=$PWD python -c "import wargame.engine.core as c; print(c.__file__)"

Needs a C compiler (``cc``) and setuptools; building takes about 30 s on this machine. The
compiler's log goes to ``DEST/build.log``; a failure is one line naming it.
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
ENGINE_MODULES = (
    "engine.core",
    "engine.rules",
    "engine.state",
    "engine.views",
    "engine.doctrines",
    "engine.streams",
    "game",
)


class BuildError(Exception):
    """The compiled engine could not be built (the message is one line)."""


MARKER = ".wargame-compiled"
"""A file in every build directory: only such a directory (or an empty one) is ever emptied."""


def _source_digest() -> str:
    """SHA-256 over what a build depends on: the package's .py files, the bundled scenarios, the
    interpreter, mypy's version and the optimisation level. A build is reused only when all match.

    Raises:
        BuildError: mypy (which ships mypyc) is not installed.
    """
    try:
        import mypy.version
    except ImportError:
        raise BuildError("building the compiled engine needs mypy: pip install -e '.[test]'") from None

    h = hashlib.sha256()
    h.update(f"{sys.version}\0{mypy.version.__version__}\0{_opt_level()}\0".encode())
    for path in sorted([*PACKAGE.rglob("*.py"), *(ROOT / "scenarios").rglob("*")]):
        if path.is_file():
            h.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def _opt_level() -> str:
    return os.environ.get("MYPYC_OPT_LEVEL", "3")


def build(dest: Path) -> Path:
    """Copy the package into ``dest/wargame`` and compile the engine modules there (in place).

    Reuses an earlier build in ``dest`` made from the same source, interpreter and mypy. Returns
    ``dest``. Empties ``dest`` first only when it is empty or an earlier build.

    Raises:
        BuildError: ``dest`` is or holds the checkout, holds anything but an earlier build, or mypyc
            or the C compiler failed (the log is ``dest/build.log``).
    """
    dest = dest.resolve()
    if ROOT.is_relative_to(dest) or dest.is_relative_to(PACKAGE):
        raise BuildError(f"{dest} holds the source or is inside it: give a directory outside {PACKAGE}")
    stamp = dest / "SOURCE_SHA256"
    digest = _source_digest()
    if stamp.exists() and stamp.read_text() == digest:
        return dest
    if dest.exists() and any(dest.iterdir()) and not ((dest / MARKER).exists() or stamp.exists()):
        raise BuildError(f"{dest} is not empty and holds no earlier build: give a new or empty directory")
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    (dest / MARKER).write_text("a compiled build of wargame's engine (bench/compiled.py); safe to delete\n")
    shutil.copytree(PACKAGE, dest / "wargame", ignore=shutil.ignore_patterns("__pycache__", "*.so"))
    shutil.copytree(ROOT / "scenarios", dest / "scenarios")  # the bundled scenarios sit beside the package
    files = [f"wargame/{name.replace('.', '/')}.py" for name in ENGINE_MODULES]
    # run where there is no pyproject.toml: setuptools would read ours and reject its PEP 639 licence
    out = subprocess.run(
        [sys.executable, "-m", "mypyc", *files],
        cwd=dest,
        capture_output=True,
        text=True,
        env={**os.environ, "MYPYC_OPT_LEVEL": _opt_level()},
    )
    log = dest / "build.log"
    log.write_text(out.stdout + out.stderr)
    if out.returncode != 0:
        errors = [ln for ln in (out.stdout + out.stderr).splitlines() if "error" in ln.lower()]
        why = errors[-1].strip()[:200] if errors else f"exit code {out.returncode}"
        raise BuildError(
            f"compiling the engine failed ({why}); it needs a C compiler and mypy; the log is {log}"
        )
    shutil.rmtree(dest / "build", ignore_errors=True)
    stamp.write_text(digest)
    return dest


def is_compiled(module_file: str) -> bool:
    """True when a module was loaded from a compiled extension (``.so``/``.pyd``), not a ``.py``."""
    return module_file.endswith((".so", ".pyd"))


if __name__ == "__main__":
    where = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "bench" / ".compiled"
    try:
        print(build(where))
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(2)
