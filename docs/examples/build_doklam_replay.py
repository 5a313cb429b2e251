"""Build the checked history replay of docs/examples/doklam-2017.toml (docs/scenarios.md, section 9).

    python docs/examples/build_doklam_replay.py
    wargame replay docs/examples/doklam-2017-history.json --check

Plays the sourced moves of ``doklam-2017-history.toml`` in expectation mode (no misreadings, no
drawn cards, so the run does not depend on the seed), leaves every other order to the AI, keeps
only the sourced orders in the record (the AI's are replayed, not stored) and writes the
checkpoints: the directions the history gives, each with the source it rests on.
"""

from pathlib import Path

from wargame.game import Game
from wargame.record import io
from wargame.record.models import Checkpoint
from wargame.scripted import load_script

HERE = Path(__file__).resolve().parent

game = Game.new(HERE / "doklam-2017.toml", mode="expectation")
script = load_script(HERE / "doklam-2017-history.toml", game.rules)
for week in range(11):
    orders, _ = script.at(week)
    game.play_round(orders)
    print(
        f"week {week + 1:2}: tension {game.state.tension:5.1f}  "
        + ", ".join(f"{a.maker} {a.instrument}" for a in game.results[-1].acts)
    )

record = game.record
for week, rnd in enumerate(record.rounds):  # keep the sourced orders only
    sourced, _ = script.at(week)
    rnd.orders = {actor: order for actor, order in rnd.orders.items() if actor in sourced}

t = [game.initial.tension_history[-1], *(r.tension for r in game.results)]
record.checkpoints = [
    Checkpoint(
        after_round=5,
        tension=[t[1], 100.0],
        note="Weeks 2-5 (PT, MINT): a tank test, a demand to pull back, live-fire drills: tension "
        "by late July is above its level of the first week.",
    ),
    Checkpoint(
        after_round=11,
        tension=[0.0, t[6]],
        note="Week 11 (MINT, W): both sides announce the disengagement on 28 Aug: tension falls "
        "below its level after Xi's warning of 30 July.",
    ),
]
io.save(HERE / "doklam-2017-history.json", record)
print("wrote doklam-2017-history.json; now: wargame replay docs/examples/doklam-2017-history.json --check")
