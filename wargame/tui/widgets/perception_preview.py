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

from wargame.analysis.vocab import signed
from wargame.tui.picture import PreviewRow


@dataclass(frozen=True, slots=True)
class PreviewData:
    """What the preview shows.

    Attributes:
        title: ``Combined drill → DPRK``; codes: ``CAMEO 150 · G −7.2 · MID 3 · Kahn 5``.
        description: the scenario's one or two sentences about the instrument ("" if none).
        cost: its material and political cost; needs: ``""``, ``"ally"`` or ``"counterpart"``.
        rows: one row per other capital, in scenario order.
        noise: ε, the chance per capital of a misreading (0 in expectation mode).
    """

    title: str
    codes: str
    description: str
    cost: float
    needs: str
    rows: tuple[PreviewRow, ...]
    noise: float


def render_preview(data: PreviewData) -> RenderableType:
    """The preview as Rich text: a header, then two lines per capital."""
    parts: list[RenderableType] = [
        Text.assemble((data.title, "bold"), f" · {data.codes} · cost {data.cost:.1f}")
    ]
    for r in data.rows:
        tone = ("HOSTILE", "bold reverse") if r.hostile else ("calm", "")
        parts.append(Text.assemble((r.capital, "bold"), " ", tone, f" “{r.text}”"))
        if r.weight == 0.0:
            parts.append(Text("  an ally: takes no evidence from it", style="dim"))
            continue
        delta = r.trust_after - r.trust_now
        weight = "" if r.weight == 1.0 else f" · weight {r.weight:.1f}"
        parts.append(
            Text.assemble(
                "  trust in you ≈",
                (f"{r.trust_now:.2f}→{r.trust_after:.2f} ({signed(delta)})", "bold"),
                (f" · õ {r.perceived_offense:.2f} · evidence {signed(r.evidence)}{weight}", "dim"),
            )
        )
    if data.needs == "ally":
        parts.append(
            Text("Combined act: happens only if an ally orders the same, at the same target.", style="bold")
        )
    elif data.needs == "counterpart":
        parts.append(
            Text(
                "Treaty: binds only if the target signs too (this round, or after proposing it).",
                style="bold",
            )
        )
    if data.description:
        parts.append(Text(data.description, style="italic"))
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
