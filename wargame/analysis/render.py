"""The debrief model (:mod:`wargame.analysis.debrief`) rendered to Markdown and to one
self-contained HTML page, each from a Jinja2 template file in ``templates/`` (package data).

The HTML embeds its charts as inline SVG (:mod:`wargame.analysis.charts`), carries its CSS
inline, runs no script and fetches nothing, so it works offline and prints on A4 (print CSS,
page breaks, a one-page summary first). The TUI's debrief screens show the same model.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from wargame.analysis.debrief import Debrief, TypeRow, build

if TYPE_CHECKING:
    import jinja2

    from wargame.game import Game


def _cell(text: object) -> str:
    """Text safe in a Markdown table cell: no pipe, no line break."""
    return str(text).replace("|", "/").replace("\r", " ").replace("\n", " ")


def _num(x: float | None) -> str:
    return "—" if x is None else str(int(x))


def _two(x: float | None) -> str:
    return "—" if x is None else f"{x:.2f}"


def _verdict(t: TypeRow, side: str, short: bool = False) -> str:
    """``side``'s verdict on ``t`` in words (``short``: number and right/wrong only), or "—"."""
    v = next((v for v in t.verdicts if v.side == side), None)
    if v is None:
        return "—"
    return v.short if short else v.word


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


@cache
def _env(html: bool) -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("wargame.analysis", "templates"),
        autoescape=html,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["cell"] = _cell
    env.filters["lower_first"] = _lower_first
    env.globals.update(num=_num, two=_two, verdict=_verdict)
    return env


def markdown(d: Debrief) -> str:
    """The debrief as Markdown (GitHub-flavoured tables)."""
    text = _env(False).get_template("debrief.md.j2").render(d=d)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip() + "\n"


def html(d: Debrief, made: dt.date | None = None) -> str:
    """The debrief as one self-contained HTML page.

    Args:
        made: the date printed in the footer (default: omitted, so the output is reproducible).
    """
    from markupsafe import Markup

    from wargame.analysis import charts

    c = d.comparison
    return (
        _env(True)
        .get_template("debrief.html.j2")
        .render(
            d=d,
            tension_chart=Markup(charts.tension_svg(d)),
            trust_charts={s.actor: Markup(charts.trust_svg(d, s)) for s in d.sides},
            compare_chart=Markup(charts.compare_svg(c, d.unit)) if c is not None and c.available else "",
            made=made.isoformat() if made else "",
        )
    )


def debrief_for(
    game: Game, side: str | None = None, folder: str | Path | Sequence[str | Path] | None = None
) -> Debrief:
    """:func:`~wargame.analysis.debrief.build` for ``game``, with its parent for a fork: the
    parent is looked for by its recorded file name in ``folder`` (the fork's own folder; or the
    first of several folders that holds it)."""
    from wargame.analysis.branches import load_parent

    parent, note = load_parent(game, folder) if game.forked_from is not None else (None, "")
    return build(game, side, parent, note)
