"""The news log: each act dated, in its maker's words and as the player's capital read it.

A :class:`~textual.widgets.RichLog` with a bounded window (``max_lines``); the whole record stays
in the game. New weeks are written once, when they arrive, and the log scrolls to the start of
the newest week; it is rebuilt only when the filter changes, the width changes (RichLog does not
re-wrap old lines) or an earlier entry changed (a misperception revealed later is then marked
where it was reported).
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.events import Resize
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import RichLog

from wargame.analysis.vocab import trust_change
from wargame.tui.picture import NewsEntry
from wargame.tui.widgets.expert import follow_expert


def render_entry(entry: NewsEntry, capital: str, me: str = "YOU", expert: bool = False) -> RenderableType:
    """One news entry as Rich text (several lines).

    Args:
        entry: the entry.
        capital: the player's capital, which "reads" the acts of others.
        me: the mark of the player's own acts.
        expert: add the act's codes (CAMEO, Goldstein, COW-MID, Kahn) on a last line.
    """
    if entry.kind == "week":
        return Text(f"── {entry.headline} ──", style="bold reverse")
    if entry.kind == "why":
        return Text(entry.headline, style="italic")
    if entry.kind == "revelation":
        return Text(f"⚠ REVEALED: {entry.headline}", style="bold")
    if entry.kind == "facilitator":
        return Text.assemble(("FACILITATOR ", "bold reverse"), (entry.headline, "italic"))
    if entry.kind == "event":
        head = Text.assemble(("EVENT ", "bold reverse"), (entry.headline, "bold"))
        return Group(head, Text(f"  {entry.note}", style="italic"))
    lines: list[RenderableType] = []
    when = f"{entry.date:%d %b}" if entry.kind != "opening" else f"{entry.date:%d %b %Y}"
    mark = f"◆ {me}  " if entry.mine else ""
    lines.append(Text.assemble((f"{when}  ", "dim"), (mark, "bold"), (entry.headline, "bold")))
    if entry.frame:
        lines.append(Text(f"  {entry.frame}", style="italic"))
    if entry.note:
        lines.append(Text(f"  ({entry.note})", style="dim"))
    if entry.reading is not None and entry.trust_before is not None and entry.trust_after is not None:
        tone = "HOSTILE" if entry.hostile else "calm"
        lines.append(
            Text.assemble(
                f"  {capital} reads: ",
                (entry.reading, "bold" if entry.hostile else ""),
                f" · {tone} · trust in {entry.maker} ",
                (
                    f"{entry.trust_before:.2f} → {entry.trust_after:.2f} ({trust_change(entry.trust_before, entry.trust_after)})",
                    "bold",
                ),
            )
        )
    if entry.misread:
        lines.append(Text(f"  ⚠ MISREAD: {entry.truth}", style="bold reverse"))
    if entry.codes and expert:
        lines.append(Text(f"  {entry.codes}", style="dim"))
    return Group(*lines)


class NewsLog(Widget):
    """The news log.

    Args:
        capital: the player's capital (the log says "Seoul reads: ...").
        me: the mark of the player's own acts ("YOU"; the observer's id in a replay).
    """

    DEFAULT_CSS = """
    NewsLog {
        height: 1fr;
        RichLog { height: 1fr; background: $surface; scrollbar-size-vertical: 1; }
    }
    """

    entries: reactive[tuple[NewsEntry, ...]] = reactive(())
    """Every entry so far (the opening, then each week's), oldest first."""
    actor_filter: reactive[str | None] = reactive(None)
    """Show only entries concerning this actor id (None: all)."""
    expert: reactive[bool] = reactive(False, init=False)
    """Show each act's codes (the expert view)."""

    MAX_LINES = 800
    """Lines kept on screen (the game keeps the whole record)."""

    def __init__(
        self, capital: str, *, me: str = "YOU", id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.capital = capital
        self.me = me
        self._written: tuple[NewsEntry, ...] = ()
        self._width = 0
        self._groups: list[tuple[int, int]] = []
        """Each written week: the index of its first entry and the absolute line it starts at."""

    def compose(self) -> ComposeResult:
        yield RichLog(max_lines=self.MAX_LINES, wrap=True, min_width=20, auto_scroll=True)

    def watch_entries(self, entries: tuple[NewsEntry, ...]) -> None:
        if not self.is_mounted:
            return
        old = self._written
        same = 0  # how many entries, from the first, are unchanged
        for was, now in zip(old, entries):
            if was != now:
                break
            same += 1
        if same == len(old):
            self._write(entries, same)
        else:
            self._rewrite_from(entries, same)
        self._written = entries

    def watch_actor_filter(self, _: str | None) -> None:
        if self.is_mounted:
            self.rebuild()

    def watch_expert(self, _: bool) -> None:
        if self.is_mounted:
            self.rebuild()

    def on_mount(self) -> None:
        follow_expert(self, self._set_expert)
        self.rebuild()

    def _set_expert(self, expert: bool) -> None:
        self.expert = expert

    def on_resize(self, event: Resize) -> None:
        if event.size.width != self._width:
            self._width = event.size.width
            self.rebuild()

    def rebuild(self) -> None:
        """Clear the log and write every entry that passes the filter (bounded by ``MAX_LINES``)."""
        log = self.query_one(RichLog)
        log.clear()
        self._groups = []
        self._written = self.entries
        self._write(self.entries, 0)

    def _rewrite_from(self, entries: tuple[NewsEntry, ...], changed: int) -> None:
        """Rewrite the log from the week holding entry ``changed`` on (a misperception revealed
        later is marked where it was reported): the weeks before it stay as written, so a
        revelation costs one or two weeks' rendering, not the whole game's. Rebuilds when that
        week's lines were pruned (``MAX_LINES``) or are not written yet."""
        log = self.query_one(RichLog)
        keep = [g for g in self._groups if g[0] <= changed]
        if not keep or keep[-1][1] < log._start_line or not log._size_known or log._deferred_renders:
            self.rebuild()
            return
        first, line = keep.pop()
        del log.lines[line - log._start_line :]
        log._line_cache.clear()
        log.virtual_size = Size(log._widest_line_width, len(log.lines))
        self._groups = keep
        self._write(entries, first)
        log.refresh()

    def _write(self, entries: tuple[NewsEntry, ...], first: int) -> None:
        """Write ``entries[first:]``, one Rich group per week, and scroll to the start of the newest
        week; remember where each group starts (entry index, absolute line)."""
        log = self.query_one(RichLog)
        weeks: list[tuple[int, list[NewsEntry]]] = []
        for k in range(first, len(entries)):
            e = entries[k]
            if not (e.kind == "week" or e.concerns(self.actor_filter)):
                continue
            if e.kind == "week" or not weeks:
                weeks.append((k, []))
            weeks[-1][1].append(e)
        if not weeks:
            return
        start = 0
        for k, week in weeks:
            start = log._start_line + len(log.lines)  # absolute index (RichLog counts pruned lines)
            if log._size_known:  # else the write is deferred and the log is rebuilt when sized
                self._groups.append((k, start))
            log.write(
                Group(*(render_entry(e, self.capital, self.me, self.expert) for e in week)), scroll_end=False
            )
        if log._size_known:
            log.scroll_to(y=max(0, start - log._start_line), animate=False, immediate=True)
