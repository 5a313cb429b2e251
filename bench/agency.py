"""Print the agency matrix: does the player's doctrine decide the crisis? (docs/model.md §10)

For every bundled scenario and every side in its principal pairs, the side is played by each of
the player doctrines against the scenario's AIs (types drawn from the priors), over
``--seeds`` seeds (default 30). Columns: shares of games ending in peace, war, armed clash
without war, stalemate; and the peace rate when the side's principal rivals are all security
seekers (SS) or not (G). The line under each side checks the issue-11 criteria.

    python bench/agency.py [--seeds 30] [--scenario korea-2022]
"""

from __future__ import annotations

import argparse

from wargame.analysis.agency import PLAYER_DOCTRINES, matrix, sides
from wargame.scenario.load import load
from wargame.scenario.paths import bundled


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=30)
    ap.add_argument("--scenario", action="append")
    args = ap.parse_args()
    for sid in args.scenario or sorted(bundled()):
        sc = load(sid)
        for side in sides(sc):
            cells = matrix(sc, range(args.seeds), side)
            print(f"\n{sid}  side {side}  ({args.seeds} seeds per doctrine)")
            print(f"  {'doctrine':26} peace   war clash stale | peace|SS peace|G")
            for d in PLAYER_DOCTRINES:
                c = cells[d]
                ss, g = c.peace_given("security_seeker"), c.peace_given("greedy")
                fmt = lambda x: "   -  " if x is None else f"{x:6.0%}"  # noqa: E731
                print(
                    f"  {d:26} {c.rate('peace'):5.0%} {c.rate('war'):5.0%} {c.rate('clash'):5.0%}"
                    f" {c.rate('stalemate'):5.0%} | {fmt(ss)} {fmt(g)}"
                )
            best = max(PLAYER_DOCTRINES, key=lambda d: cells[d].rate("peace"))
            bc = cells[best]
            gap = None
            if bc.peace_given("security_seeker") is not None and bc.peace_given("greedy") is not None:
                gap = bc.peace_given("security_seeker") - bc.peace_given("greedy")  # type: ignore[operator]
            decisive = sum(cells[d].rate("stalemate") <= 0.5 for d in PLAYER_DOCTRINES)
            worst = max(cells[d].rate("war") + cells[d].rate("clash") for d in PLAYER_DOCTRINES)
            print(
                f"  best peace {best} {bc.rate('peace'):.0%} (need ≥30%); war or clash max {worst:.0%}"
                f" (need ≥50%); doctrines with stalemate ≤50%: {decisive}/{len(PLAYER_DOCTRINES)} (need ≥4);"
                f" peace SS−G gap {'n/a' if gap is None else f'{gap:+.0%}'} (need ≥30 points)"
            )


if __name__ == "__main__":
    main()
