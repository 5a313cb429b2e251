"""The tension meter: level word and number, a bar, the history, and the ladder position.

Colour is never the only signal: the level is written out (``48 · level 3 ELEVATED READINESS``),
the bar's length carries the number, and the history is drawn on an absolute 0-100 scale.
Theory: docs/model.md §6 (the DEFCON-like bands, Kahn's ladder, COW-MID levels, Rivera's score).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.color import Gradient
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Label, ProgressBar, Sparkline

from wargame.analysis.vocab import kahn_name, mid_name, tension_label
from wargame.tui.picture import TensionReading
from wargame.tui.widgets.expert import follow_expert

#: Green (détente) → amber → red (brink), for the bar only; the words carry the meaning.
TENSION_GRADIENT = Gradient((0.0, "#2e7d32"), (0.4, "#c0a000"), (0.6, "#e07000"), (1.0, "#c62828"))

_BARS = "▁▂▃▄▅▆▇█"


def compress(values: list[float], width: int) -> list[float]:
    """``values`` in at most ``width`` bars, oldest first: each bar is the highest value of its
    stretch of weeks (so a peak is never lost), and every week falls in exactly one bar."""
    n = len(values)
    if n <= width:
        return values
    return [max(values[k * n // width : (k + 1) * n // width]) for k in range(width)]


class TensionHistory(Sparkline):
    """A sparkline of tension on an absolute 0-100 scale, one bar per week, latest at the right.

    Textual's :class:`Sparkline` rescales to the data's own min and max and stretches a short
    series over the whole width; for a meter that would make a rise from 40 to 42 look like a
    leap. ``data`` is the tension history (floats in [0, 100]).
    """

    DEFAULT_CSS = """
    TensionHistory { height: 1; width: 1fr; }
    """

    def render(self) -> Text:
        """One bar per week, coloured along the min/max component colours; when there are more
        weeks than cells, every week still counts (see :func:`compress`)."""
        data = compress(list(self.data or []), max(1, self.size.width))
        _, base = self.background_colors
        low = base + self.get_component_styles("sparkline--min-color").color
        high = base + self.get_component_styles("sparkline--max-color").color
        text = Text(no_wrap=True, overflow="crop")
        for v in data:
            ratio = min(1.0, max(0.0, v / 100.0))
            text.append(_BARS[min(7, int(ratio * 8))], style=low.blend(high, ratio).rich_color.name)
        return text


class TensionMeter(Widget):
    """The tension meter (three lines).

    Line 1: ``Tension 48 · level 3 ELEVATED READINESS``, P(war) (the war hazard the coming week
    carries before anyone acts, ``State.hazard_ahead``: the brink and recent force, every rival
    pair; new force adds to it) and a 0-100 bar.
    Line 2: the history sparkline; start and peak; Rivera's escalation score (last week and mean).
    Line 3: the Kahn rung and COW-MID level of the worst act of the last three weeks.
    """

    DEFAULT_CSS = """
    TensionMeter {
        height: auto;
        padding: 0 1;
        & > Horizontal { height: 1; }
        #tm-word { width: auto; text-style: bold; padding: 0 1; margin-right: 1; }
        #tm-word.level-5 { background: $success 30%; }
        #tm-word.level-4 { background: $primary 30%; }
        #tm-word.level-3 { background: $warning 35%; }
        #tm-word.level-2 { background: $error 45%; text-style: bold underline; }
        #tm-word.level-1 { background: $error; text-style: bold reverse; }
        #tm-hazard { width: auto; margin-right: 1; text-wrap: nowrap; }
        #tm-hazard.-risk { text-style: bold; }
        ProgressBar { width: 1fr; height: 1; }
        ProgressBar Bar { width: 1fr; }
        #tm-history-label { width: auto; color: $text-muted; margin-right: 1; }
        #tm-range { width: auto; color: $text-muted; margin-left: 1; text-wrap: nowrap; }
        TensionHistory { min-width: 4; }
        #tm-ladder { width: 1fr; height: 1; color: $text-muted; text-overflow: ellipsis; text-wrap: nowrap; }
        TensionHistory > .sparkline--min-color { color: $success; }
        TensionHistory > .sparkline--max-color { color: $error; }
    }
    """

    reading: reactive[TensionReading | None] = reactive(None)
    """The data shown; None shows an empty meter."""
    expert: reactive[bool] = reactive(False, init=False)
    """Show the codes (Kahn rung, COW-MID level, Rivera's escalation score)."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="tm-top"):
            yield Label("Tension", id="tm-word")
            yield Label("", id="tm-hazard")
            yield ProgressBar(total=100, show_eta=False, show_percentage=False, gradient=TENSION_GRADIENT)
        with Horizontal(id="tm-history-row"):
            yield Label("History", id="tm-history-label")
            yield TensionHistory([], id="tm-history")
            yield Label("", id="tm-range")
        yield Label("", id="tm-ladder")

    def on_mount(self) -> None:
        follow_expert(self, self._set_expert)
        self._show(self.reading)

    def _set_expert(self, expert: bool) -> None:
        self.set_class(not expert, "-plain")
        self.expert = expert

    def watch_expert(self, expert: bool) -> None:
        if self.is_mounted:
            self._show(self.reading)

    def watch_reading(self, reading: TensionReading | None) -> None:
        if self.is_mounted:
            self._show(reading)

    def _show(self, r: TensionReading | None) -> None:
        word = self.query_one("#tm-word", Label)
        if r is None:
            word.update("Tension —")
            return
        word.update(f"Tension {tension_label(r.tension)}")
        for k in range(1, 6):
            word.set_class(r.level == k, f"level-{k}")
        self.query_one(ProgressBar).update(progress=r.tension)
        self.query_one(TensionHistory).data = list(r.history)
        hist = r.history
        hazard = self.query_one("#tm-hazard", Label)
        expert = self.expert
        hazard.update(f"{'P(war)' if expert else 'War risk'} {r.hazard:.1%}/{r.unit}")
        hazard.set_class(r.hazard >= 0.01, "-risk")
        weeks = len(hist) - 1
        span = f"{weeks} {r.unit}{'s' if weeks != 1 else ''} · " if weeks else ""
        self.query_one("#tm-range", Label).update(
            (f"{span}start {int(hist[0])} · peak {int(max(hist))}" if hist else "")
            + (f" · escalation {r.escalation:.1f} (mean {r.mean_escalation:.1f})" if expert else "")
        )
        if expert:
            ladder = (
                f"Worst act of the last 3 {r.unit}s: Kahn {r.kahn_rung} {kahn_name(r.kahn_rung)} · "
                f"MID {r.mid_level} {mid_name(r.mid_level)}"
            )
        else:
            ladder = f"Worst act of the last 3 {r.unit}s: {mid_name(r.mid_level)}"
        self.query_one("#tm-ladder", Label).update(ladder)
