"""Fingerprint the replays here: SHA-256 of each round's state JSON, perceptions, acts and event
cards, with a digest per round and per field so that a change can be located. (The meter's
tension terms are an explanation of the game, computed only when asked, and are left out.)

    python -m tests.replays.fingerprint                        # check: say what changed, exit 1 if anything did
    python -m tests.replays.fingerprint --update doctrine-grit # rewrite that file's entry only, and say what changed
    python -m tests.replays.fingerprint --update a b c         # several named files
    python -m tests.replays.fingerprint --write                # rewrite every entry (and drop files that are gone)

A name is a golden's file name, with or without ``.json``. ``--update`` leaves every other entry
as it was, even a stale one. "What changed" lists, for each file: its summary (rounds, outcome,
final tension) before and after, the rounds whose digest differs (round 0 is the opening state),
and the state fields that differ in any round (``perceptions``, ``acts`` and ``events`` are the
round's records).

The test suite checks every golden against its entry, so an optimisation that changes any
result, even in the last digit of a float, fails loudly. Update an entry only for an intended
change to the model or a scenario (``generate.py`` regenerates the golden first).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from wargame.game import Game

HERE = Path(__file__).resolve().parent
FILE = HERE / "fingerprints.json"

#: Digits kept of the per-round and per-field digests (the whole-game digest keeps all 64).
SHORT = 12

Entry = dict[str, Any]


def _round_parts(game: Game) -> list[dict[str, str]]:
    """Per round (0: the opening), the canonical text of each fingerprinted part."""
    out = [{k: json.dumps(v, sort_keys=True) for k, v in json.loads(game.initial.to_json()).items()}]
    for res in game.results:
        parts = {k: json.dumps(v, sort_keys=True) for k, v in json.loads(res.state.to_json()).items()}
        parts["perceptions"] = repr(res.perceptions)
        parts["acts"] = repr(res.acts)
        parts["events"] = repr(res.events)
        out.append(parts)
    return out


def entry(path: Path) -> Entry:
    """The fingerprint entry of a replayed record: its whole-game digest, a digest per round and
    per field, and a one-line summary."""
    game = Game.load(path)
    rounds = _round_parts(game)
    whole = hashlib.sha256()
    per_round = []
    fields: dict[str, Any] = {}
    for parts in rounds:
        h = hashlib.sha256()
        for k in sorted(parts):
            text = parts[k].encode()
            h.update(k.encode() + b"\0" + text + b"\0")
            fields.setdefault(k, hashlib.sha256()).update(text + b"\0")
        whole.update(h.digest())
        per_round.append(h.hexdigest()[:SHORT])
    st = game.state
    outcome = f"{st.outcome.value} in round {st.outcome_round}" if st.outcome else "no outcome"
    return {
        "sha256": whole.hexdigest(),
        "summary": f"{game.round} rounds, {outcome}, final tension {st.tension:.1f}",
        "rounds": per_round,
        "fields": {k: h.hexdigest()[:SHORT] for k, h in sorted(fields.items())},
    }


def fingerprint(path: Path) -> str:
    """Hex SHA-256 of a replayed record (the ``sha256`` of its :func:`entry`)."""
    return entry(path)["sha256"]


def goldens() -> list[Path]:
    return sorted(p for p in HERE.glob("*.json") if p != FILE)


def _ranges(rs: list[int]) -> str:
    """[3, 4, 5, 9] -> '3-5, 9'."""
    spans: list[list[int]] = []
    for r in rs:
        if spans and r == spans[-1][1] + 1:
            spans[-1][1] = r
        else:
            spans.append([r, r])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)


def changes(old: Entry | None, new: Entry | None) -> list[str]:
    """What differs between two entries of one file, one line each (empty: identical)."""
    if old == new:
        return []
    if old is None:
        return ["new golden: " + new["summary"]]  # type: ignore[index]
    if new is None:
        return ["golden removed (was: " + old["summary"] + ")"]
    if not isinstance(old, dict):  # an entry of the old format: a bare digest
        return ["the entry was a bare digest (old format): no detail; now " + new["summary"]]
    lines = []
    if old["summary"] != new["summary"]:
        lines.append(f"summary: {old['summary']} -> {new['summary']}")
    o, n = old["rounds"], new["rounds"]
    differ = [r for r in range(min(len(o), len(n))) if o[r] != n[r]]
    if differ:
        lines.append(f"rounds that differ: {_ranges(differ)} (first: {differ[0]}, of {len(n) - 1})")
    if len(o) != len(n):
        lines.append(f"rounds played: {len(o) - 1} -> {len(n) - 1}")
    of, nf = old["fields"], new["fields"]
    fields = sorted(k for k in of.keys() | nf.keys() if of.get(k) != nf.get(k))
    if fields:
        lines.append("fields that differ: " + ", ".join(fields))
    if not lines:
        lines.append("whole-game digest differs (no round or field does: a change in how it is computed)")
    return lines


def _name(arg: str) -> str:
    return arg if arg.endswith(".json") else f"{arg}.json"


def _report(name: str, lines: list[str]) -> None:
    print(f"{name}: " + ("unchanged" if not lines else "CHANGED"))
    for line in lines:
        print(f"    {line}")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m tests.replays.fingerprint", description=__doc__.split("\n\n")[0]
    )
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument(
        "--check", action="store_true", help="say what changed; exit 1 if anything did (default)"
    )
    mode.add_argument("--update", nargs="+", metavar="NAME", help="rewrite these files' entries only")
    mode.add_argument("--write", action="store_true", help="rewrite every entry")
    args = ap.parse_args(argv)
    old: dict[str, Entry] = json.loads(FILE.read_text()) if FILE.exists() else {}
    present = {p.name: p for p in goldens()}
    if args.update:
        names = [_name(a) for a in args.update]
        unknown = [n for n in names if n not in present and n not in old]
        if unknown:
            print(f"no such golden: {', '.join(unknown)} (in {HERE})", file=sys.stderr)
            return 2
        new = dict(old)
        for n in names:
            e = entry(present[n]) if n in present else None
            _report(n, changes(old.get(n), e))
            if e is None:
                new.pop(n, None)
            else:
                new[n] = e
        FILE.write_text(json.dumps(dict(sorted(new.items())), indent=1) + "\n")
        print(f"wrote {len(names)} entr{'y' if len(names) == 1 else 'ies'} of {FILE.name}")
        return 0
    now = {n: entry(p) for n, p in present.items()}
    changed = 0
    for n in sorted(old.keys() | now.keys()):
        lines = changes(old.get(n), now.get(n))
        changed += bool(lines)
        if lines or not args.write:
            _report(n, lines)
    if args.write:
        FILE.write_text(json.dumps(now, indent=1) + "\n")
        print(f"wrote {len(now)} fingerprints ({changed} changed)")
        return 0
    print(f"{changed} of {len(old.keys() | now.keys())} changed")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
