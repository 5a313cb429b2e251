"""The news log writes each week once; a misperception revealed later rewrites the log only from
the week it was reported in, and the log then reads exactly as one written from scratch."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from textual.app import App, ComposeResult
from textual.widgets import RichLog

from wargame.tui.picture import NewsEntry
from wargame.tui.widgets.news_log import NewsLog


def _weeks(n: int) -> tuple[NewsEntry, ...]:
    out: list[NewsEntry] = [NewsEntry(0, date(2022, 11, 1), "opening", "DPRK", None, "Opening act")]
    for w in range(1, n + 1):
        day = date(2022, 11, 1) + timedelta(weeks=w)
        out.append(NewsEntry(w, day, "week", None, None, f"Week {w}"))
        for maker in ("DPRK", "USA"):
            out.append(
                NewsEntry(
                    w,
                    day,
                    "act",
                    maker,
                    "ROK",
                    f"{maker} act in week {w}",
                    reading="a drill",
                    hostile=True,
                    trust_before=0.5,
                    trust_after=0.4,
                    actors=frozenset({maker}),
                )
            )
    return tuple(out)


class _Logs(App[None]):
    def compose(self) -> ComposeResult:
        yield NewsLog("Seoul", id="kept")
        yield NewsLog("Seoul", id="fresh")


def _text(log: NewsLog) -> list[str]:
    return [strip.text for strip in log.query_one(RichLog).lines]


async def test_a_revelation_rewrites_from_its_week_and_reads_as_a_fresh_log() -> None:
    app = _Logs()
    async with app.run_test(size=(80, 60)) as pilot:
        kept = app.query_one("#kept", NewsLog)
        entries = _weeks(6)
        ends = [i for i, e in enumerate(entries) if e.kind == "week"][1:] + [len(entries)]
        for end in ends:  # a week at a time, as a game goes
            kept.entries = entries[:end]
        await pilot.pause()
        lines = kept.query_one(RichLog).lines
        written = len(lines)
        k = next(i for i, e in enumerate(entries) if e.round == 4 and e.kind == "act")
        week4 = next(line for first, line in kept._groups if entries[first].round == 4)
        before = [id(strip) for strip in lines[:week4]]
        revealed = (
            entries[:k] + (replace(entries[k], misread=True, truth="it was an exercise"),) + entries[k + 1 :]
        )
        kept.entries = revealed + (NewsEntry(7, date(2022, 12, 20), "week", None, None, "Week 7"),)
        fresh = app.query_one("#fresh", NewsLog)
        fresh.entries = kept.entries
        await pilot.pause()
        assert _text(kept) == _text(fresh)
        assert any("MISREAD: it was an exercise" in line for line in _text(kept))
        assert len(kept.query_one(RichLog).lines) > written
        # the weeks before the revealed one were kept as written, not rendered again
        assert [id(strip) for strip in kept.query_one(RichLog).lines[:week4]] == before
