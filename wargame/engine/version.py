"""The version of the rules model that ``docs/model.md`` describes.

Bump :data:`MODEL_VERSION` whenever the same record would give a different game (another
outcome, another hazard draw, another doctrine decision, a state that differs in any digit):
records carry the version they were played on, and a record from another version is replayed on
this one with a note saying that events after the first changed outcome may differ
(:meth:`wargame.game.Game.from_record`). A change that keeps every game byte for byte (a speed-up,
a wording edit: the golden fingerprints stay) keeps the version.

Versions:

1. The model before per-rival doctrines, pair outcomes and the force hazard.
2. Per-rival doctrines, pair outcomes and the force hazard.
3. The trembling hand: an AI state whose doctrine follows from its hidden type departs from it
   with probability τ a round (docs/model.md §4); a treaty signed in the round force passes
   between its pair does not bind it (§8; fixed the same day model 3 was introduced, so it
   kept the number).
4. Counter-based random streams: a round's values come from SHAKE-256 in counter mode over the
   stream's key (wargame/engine/streams.py) instead of a Mersenne Twister seeded with it. The
   rules are model 3's; every draw differs, so every stochastic game does.
"""

from __future__ import annotations

MODEL_VERSION = 4
"""The rules model version; records store it as ``model_version``."""
