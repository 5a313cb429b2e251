"""Fingerprint every replay here: SHA-256 of each round's state JSON and perception records.

    python tests/replays/fingerprint.py          # rewrite fingerprints.json
    python tests/replays/fingerprint.py --check  # exit 1 if any replay's game changed

The test suite runs the check, so an optimisation that changes any result, even in the last
digit of a float, fails loudly. Regenerate only for an intended model change.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from wargame.game import Game

HERE = Path(__file__).resolve().parent
FILE = HERE / "fingerprints.json"


def fingerprint(path: Path) -> str:
    """Hex SHA-256 over every round's state JSON and perception records of a replayed record."""
    game = Game.load(path)
    h = hashlib.sha256(game.initial.to_json().encode())
    for res in game.results:
        h.update(res.state.to_json().encode())
        h.update(repr(res.perceptions).encode())
        h.update(repr(res.acts).encode())
    return h.hexdigest()


def current() -> dict[str, str]:
    return {p.name: fingerprint(p) for p in sorted(HERE.glob("*.json")) if p != FILE}


if __name__ == "__main__":
    now = current()
    if "--check" in sys.argv:
        old = json.loads(FILE.read_text())
        bad = [k for k in old if now.get(k) != old[k]]
        print("changed:", bad or "none")
        sys.exit(1 if bad else 0)
    FILE.write_text(json.dumps(now, indent=2) + "\n")
    print(f"wrote {len(now)} fingerprints")
