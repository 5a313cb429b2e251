"""The preview: how each other capital will probably read the act under the cursor.

Rendered from :class:`~wargame.tui.picture.PreviewRow` values, which come from the engine's own
perception model (docs/model.md §3) applied to the player's view. No noise is drawn: in stochastic
mode a capital may still misread the act (probability ε per observer).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from wargame.analysis.vocab import signed, trust_change
from wargame.tui.picture import NeedNote, PreviewRow


@dataclass(frozen=True, slots=True)
class PreviewData:
    """What the preview shows.

    Attributes:
        title: ``Combined drill → DPRK``; codes: ``CAMEO 150 · G −7.2 · MID 3 · Kahn 5``.
        description: the scenario's one or two sentences about the instrument ("" if none).
        cost: its material and political cost; needs: ``""``, ``"ally"`` or ``"counterpart"``.
        rows: one row per other capital, in scenario order.
        noise: ε, the chance per capital of a misreading (0 in expectation mode).
        need: for an act that needs a partner, what it needs and the engine's fallback.
        pending: a warning when the act only renews a proposal already on the table ("" if not);
            pending_detail: what to do instead (shown after the capitals).
        expert: show the codes and the evidence numbers (the expert view).
    """

    title: str
    codes: str
    description: str
    cost: float
    needs: str
    rows: tuple[PreviewRow, ...]
    noise: float
    need: NeedNote | None = None
    pending: str = ""
    pending_detail: str = ""
    expert: bool = False


def render_need(need: NeedNote) -> Text:
    """What the act needs and, unless it is met already, the engine's fallback without it."""
    if need.met:
        return Text.assemble(("✔ ", "bold"), (need.condition, "bold"))
    return Text.assemble(
        ("⚠ ", "bold"),
        (need.condition.rstrip("."), "bold"),
        " (below: if it does).",  # the readings are of the act as ordered
        f" Otherwise: {need.fallback_name}.",
    )


def render_fallback(need: NeedNote) -> Text:
    """The fallback act in the world press's words (the week's report then shows the same
    headline), and when a treaty settles its pair."""
    out = Text()
    if not need.met:
        out.append("Without a partner the press reports: ")
        out.append(f"“{need.fallback_headline}”", style="italic")
    if need.settles:
        out.append((" " if out else "") + need.settles)
    return out


def _reading_lines(rows: tuple[PreviewRow, ...], expert: bool) -> list[Text]:
    """One line per capital (every capital fits): its name, HOSTILE or calm, and its trust in
    you before → after as you estimate it (≈); the expert view adds õ and the evidence."""
    width = max((len(r.capital) for r in rows), default=0)
    lines = []
    for r in rows:
        tone = ("HOSTILE", "bold reverse") if r.hostile else ("calm   ", "")
        if r.weight == 0.0:
            trust = Text(" ally: unmoved", style="dim")
        else:
            trust = Text.assemble(
                " ≈",
                (f"{r.trust_now:.2f}→{r.trust_after:.2f}", "bold"),
                f" {trust_change(r.trust_now, r.trust_after)}",
            )
        line = Text.assemble((r.capital.ljust(width), "bold"), " ", tone, trust)
        line.no_wrap = True
        line.overflow = "ellipsis"
        lines.append(line)
        if expert and r.weight != 0.0:
            weight = "" if r.weight == 1.0 else f" · weight {r.weight:.1f}"
            lines.append(
                Text(
                    f"{'':{width}}  õ {r.perceived_offense:.2f} · evidence {signed(r.evidence)}{weight}",
                    style="dim",
                )
            )
    return lines


def render_preview(data: PreviewData) -> RenderableType:
    """The preview as Rich text: the act, what it needs, one line per capital (every capital
    fits a short screen), then the fallback, what each capital will probably say, the
    description and the noise. The expert view adds the codes and the evidence numbers."""
    head = Text.assemble((data.title, "bold"), f" · cost {data.cost:.1f}")
    parts: list[RenderableType] = [head]
    if data.expert:
        parts.append(Text(data.codes, style="dim"))
    if data.pending:
        parts.append(Text(data.pending, style="bold"))
    if data.need is not None:
        parts.append(render_need(data.need))
    parts.extend(_reading_lines(data.rows, data.expert))
    if data.pending_detail:
        parts.append(Text(data.pending_detail))
    if data.need is not None:
        fallback = render_fallback(data.need)
        if fallback:
            parts.append(fallback)
    for r in data.rows:
        parts.append(Text.assemble((f"{r.capital}: ", "bold"), (f"“{r.text}”", "italic")))
    if data.description:
        parts.append(Text(data.description, style="dim italic"))
    if data.noise > 0:
        parts.append(
            Text(f"Each capital misreads an act with probability {data.noise:.0%}.", style="dim italic")
        )
    return Group(*parts)


class PerceptionPreview(Static):
    """How will they read this? (``≈``: the player's estimate of their trust, not the truth.)"""

    DEFAULT_CSS = """
    PerceptionPreview {
        height: auto;
        padding: 0 1;
    }
    """

    data: reactive[PreviewData | None] = reactive(None)
    """What to show; None shows a hint."""

    def watch_data(self, data: PreviewData | None) -> None:
        if data is None:
            self.update("Highlight an instrument to see how each capital will probably read it.")
        else:
            self.update(render_preview(data))
