"""What Recent games costs (issue 14 item 5): the title reads a small index, not the kept games.

Prints, for a save folder holding N kept 24-week Korea games (default 100, the index's bound):

1. keeping one game (copy, describe by replaying it, rewrite the index), median of 5;
2. listing the kept games from a sound index (what the title's Recent games item does after its
   first frame, in a thread), median of 20;
3. listing them when the index is corrupt (mended from the files: each is read and replayed), once;
4. the title's first-frame cost of the item: one ``is_dir`` call, median of 1000;

and the ratio of (2) to (3). The title's start-up as a whole is timed by ``bench/startup.py``.

Usage: python bench/recent.py [--games N]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=100)
    args = parser.parse_args()

    from wargame import recent
    from wargame.engine.state import Order
    from wargame.game import Game

    with tempfile.TemporaryDirectory() as tmp:
        save_dir = Path(tmp)
        keeps = []
        for seed in range(args.games):
            game = Game.new("korea-2022", seed=seed, humans=["ROK"])
            while not game.is_over and game.round < 24:
                game.play_round({"ROK": Order("hold")})
            if game.round == game.round_limit:
                game.undo()  # unfinished
            data = game.record.model_dump_json().encode()
            t0 = time.perf_counter()
            recent.keep(save_dir, data)
            keeps.append(time.perf_counter() - t0)
        listing = []
        for _ in range(20):
            t0 = time.perf_counter()
            games = recent.recent_games(save_dir)
            listing.append(time.perf_counter() - t0)
        assert len(games) == min(args.games, recent.MAX_INDEX)
        recent.index_path(save_dir).write_text("{ corrupt")
        t0 = time.perf_counter()
        mended = recent.recent_games(save_dir)
        rebuild = time.perf_counter() - t0
        assert len(mended) == len(games)
        folder = recent.recent_dir(save_dir)
        stats = []
        for _ in range(1000):
            t0 = time.perf_counter()
            folder.is_dir()
            stats.append(time.perf_counter() - t0)
    ms = 1000.0
    print(f"kept games: {args.games} (24-week Korea records, about {len(data) // 1024} KiB each)")
    print(f"keep one game (median of the last 5):    {statistics.median(keeps[-5:]) * ms:8.2f} ms")
    print(f"list from the index (median of 20):      {statistics.median(listing) * ms:8.2f} ms")
    print(f"list, corrupt index mended (once):       {rebuild * ms:8.2f} ms")
    print(f"title's first frame: one is_dir (median):{statistics.median(stats) * ms:8.4f} ms")
    print(f"ratio mended / indexed:                  {rebuild / statistics.median(listing):8.1f}x")


if __name__ == "__main__":
    main()
