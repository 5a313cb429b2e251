"""Mutations of the bundled scenarios and records, and the check every run must pass.

The check (issue 13): the command exits 0, or 2 with exactly one line on stderr that names the file;
no traceback; nothing on stdout or stderr that a terminal would act on (escape and other control
codes, bidirectional overrides); the input file unchanged; and an answer within 2 seconds.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import strategies as st

from tests.fuzz.figures import FIGURES, slowest
from tests.helpers import REPLAYS, ROOT
from wargame.cli import main
from wargame.errors import printable

SCENARIOS = sorted((ROOT / "scenarios").glob("*.toml"))
RECORDS = sorted(p for p in REPLAYS.glob("*.json") if p.name != "fingerprints.json")
LIMIT_SECONDS = 2.0

# What a hostile file holds: escape codes, bidirectional overrides, NULs, deep nesting, huge
# numbers and strings, broken UTF-8, quotes and brackets that unbalance the syntax.
HOSTILE_TEXT = [
    "\x1b[2J\x1b[31mX",
    "\x1b]0;owned\x07",
    "\u202e",
    "\u2066x\u2069",
    "\x00",
    "\x9b2J",
    "\r",
    "\u200b",
    "[" * 1200,
    "{" * 1200,
    "]" * 50,
    '"',
    "\\",
    "\n",
    "9" * 5000,
    "a." * 3000,
    "x" * 120_000,
    "1e999",
    "-0",
    "nan",
    "inf",
    "null",
    "true",
    "[]",
    "{}",
]
HOSTILE_BYTES = [b"\xff\xfe", b"\xed\xa0\x80", b"\xc3", b"\x80", b"\x00" * 8]

hostile_text = st.one_of(st.sampled_from(HOSTILE_TEXT), st.text(max_size=40))


@st.composite
def hostile_value(draw: st.DrawFn, depth: int = 0) -> Any:
    """A JSON value that a record should not hold."""
    leaf = st.one_of(
        hostile_text,
        st.integers(min_value=-(2**70), max_value=2**70),
        st.floats(allow_nan=True, allow_infinity=True),
        st.booleans(),
        st.none(),
    )
    kind = draw(st.integers(0, 5))
    if kind == 0 and depth < 2:
        return draw(st.lists(hostile_value(depth + 1), max_size=3))
    if kind == 1 and depth < 2:
        return draw(st.dictionaries(hostile_text, hostile_value(depth + 1), max_size=3))
    if kind == 2:
        nest: Any = draw(leaf)
        for _ in range(draw(st.sampled_from([40, 300]))):
            nest = [nest]
        return nest
    return draw(leaf)


@st.composite
def byte_mutation(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` with 1-4 edits: insert hostile text or bytes, delete, duplicate or cut."""
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["insert", "insert_bytes", "delete", "duplicate", "cut", "flip"]))
        if op == "insert":
            data = data[:at] + draw(hostile_text).encode("utf-8", "surrogatepass") + data[at:]
        elif op == "insert_bytes":
            data = data[:at] + draw(st.sampled_from(HOSTILE_BYTES)) + data[at:]
        elif op == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 200)) :]
        elif op == "duplicate":
            data = (
                data[:at] + data[at : at + draw(st.integers(1, 2000))] * draw(st.integers(2, 50)) + data[at:]
            )
        elif op == "cut":
            data = data[:at]
        elif at < len(data):
            data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]
    return data


def _paths(node: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [here]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*here, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*here, i))
    return out


@st.composite
def json_mutation(draw: st.DrawFn, data: bytes) -> bytes:
    """A record with 1-3 of its values replaced, keys renamed or removed, lists stretched."""
    doc = json.loads(data)
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(doc)
        path = draw(st.sampled_from(paths[1:] or paths))
        if not path:
            doc = draw(hostile_value())
            break
        parent: Any = doc
        for k in path[:-1]:
            parent = parent[k]
        last = path[-1]
        op = draw(st.sampled_from(["replace", "replace", "rename", "remove", "stretch"]))
        if op == "replace":
            parent[last] = draw(hostile_value())
        elif op == "rename" and isinstance(parent, dict):
            parent[draw(hostile_text)] = parent.pop(last)
        elif op == "remove":
            del parent[last]
        elif op == "stretch" and isinstance(parent, list):
            parent[last:last] = [parent[last]] * draw(st.sampled_from([1, 10, 600]))
    return json.dumps(doc, ensure_ascii=draw(st.booleans()), allow_nan=True).encode("utf-8", "surrogatepass")


TOML_VALUES = [
    '"\\u001b[2J\\u001b[31mX"',
    '"\\u202e"',
    "-1",
    "1e999",
    "nan",
    "inf",
    "9" * 30,
    "[" * 600 + "]" * 600,
    "{a=" * 400 + "1" + "}" * 400,
    '"' + "x" * 3000 + '"',
    "2000-13-45",
    "[]",
    "{}",
    "true",
    '"ZZ"',
    "'unterminated",
]


@st.composite
def toml_mutation(draw: st.DrawFn, data: bytes) -> bytes:
    """A scenario with 1-3 values or lines changed, or a hostile table header added."""
    lines = data.decode("utf-8").split("\n")
    for _ in range(draw(st.integers(1, 3))):
        k = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["value", "value", "delete", "duplicate", "header", "key"]))
        line = lines[k]
        if op == "value" and "=" in line:
            key = line.split("=", 1)[0]
            lines[k] = (
                f"{key}= {draw(st.one_of(st.sampled_from(TOML_VALUES), st.from_regex(r'[0-9.e+-]{1,12}', fullmatch=True)))}"
            )
        elif op == "delete":
            del lines[k]
        elif op == "duplicate":
            lines.insert(k, line)
        elif op == "header":
            parts = draw(st.sampled_from([2, 20, 5000]))
            lines.insert(k, "[" + ".".join(["a"] * parts) + "]")
        elif op == "key":
            lines.insert(
                k, draw(st.sampled_from(['"\\u001b[2J" = 1', "\u202ekey = 1", "a.b.c = 1", "x = \x1b"]))
            )
        if not lines:
            lines = [""]
    return "\n".join(lines).encode("utf-8", "surrogatepass")


def run_and_check(path: Path, *args: str) -> int:
    """Run ``wargame ARGS PATH`` as a terminal would see it and check the promise; return the exit code."""
    before = path.read_bytes()
    start = time.perf_counter()
    result = CliRunner().invoke(main, [*args, str(path)], color=True)
    seconds = time.perf_counter() - start
    FIGURES["runs"] += 1
    FIGURES[f"runs of {args[0]}"] += 1
    slowest(path.suffix.lstrip(".") + " " + args[0], seconds)
    err, out = result.stderr, result.stdout
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    FIGURES["crashes"] += crashed
    FIGURES["tracebacks"] += "Traceback" in err + out
    escaped = not all(line.isprintable() for line in (err + out).replace("\t", " ").split("\n"))
    FIGURES["escape codes reaching the terminal"] += escaped
    changed = path.read_bytes() != before
    FIGURES["inputs changed"] += changed
    FIGURES["inputs over 2 s"] += seconds > LIMIT_SECONDS
    FIGURES[f"exit {result.exit_code}"] += 1
    assert not crashed, f"{args} {path.name}: {result.exception!r}"
    assert result.exit_code in (0, 2), (result.exit_code, err[:300])
    assert not escaped, repr((err + out)[:300])
    assert not changed
    assert seconds < LIMIT_SECONDS, seconds
    if result.exit_code == 2:
        lines = [ln for ln in err.splitlines() if ln.strip()]
        assert len(lines) == 1, err[:500]
        assert lines[0].startswith("error: ") and printable(path) in lines[0], lines[0][:300]
    return result.exit_code
