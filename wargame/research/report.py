"""The self-contained HTML report of a study (Jinja2, autoescaped; the plot inlined as SVG; no
outside assets)."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 70rem; padding: 0 1rem; color: #222; }
table { border-collapse: collapse; font-size: 0.85rem; margin: 1rem 0; }
th, td { border: 1px solid #bbb; padding: 0.2rem 0.5rem; text-align: right; white-space: nowrap; }
th { background: #eee; } td.k { text-align: left; }
.plot svg { max-width: 100%; height: auto; }
.note { color: #555; font-size: 0.9rem; }
code { background: #f3f3f3; padding: 0 0.2rem; }
</style></head><body>
<h1>{{ title }}</h1>
<p><code>{{ command }}</code></p>
<ul>
{% for k, v in facts %}<li>{{ k }}: {{ v }}</li>
{% endfor %}</ul>
{% if stopped %}<p><strong>Stopped after {{ games }} of {{ total }} games</strong> (ctrl+c): the
figures cover the games that finished.</p>{% endif %}
<div class="plot">{{ svg | safe }}</div>
<h2>Summary</h2>
<table><thead><tr>{% for h in header %}<th>{{ h }}</th>{% endfor %}</tr></thead><tbody>
{% for row in table %}<tr>{% for c in row %}<td{% if loop.index <= keys %} class="k"{% endif %}>{{ c }}</td>{% endfor %}</tr>
{% endfor %}</tbody></table>
<h2>How to read it</h2>
<p class="note">Rates are shares of games, with 95% Wilson score intervals in brackets. Tensions are on
the game's 0-100 meter: the mean over the rounds of a game, and its value after the last round,
averaged over games (± half a 95% normal interval). The escalation score (ES) follows Rivera et al.
(2024): every act is coded with a CAMEO event (and its Goldstein weight) and one of their classes,
worth de-escalation −2, status quo 0, posturing 4, non-violent escalation 12, violent escalation 28,
nuclear 60 points; an actor's ES is the mean of its points per round over the game; the game's ES
divides each round's points by the number of actors (docs/research.md).</p>
<p class="note">Tidy data, one row per game: <a href="games.csv">games.csv</a>,
<a href="games.parquet">games.parquet</a>; this table: <a href="{{ summary_csv }}">{{ summary_csv }}</a>.</p>
</body></html>
"""


def write_report(
    path: Path,
    title: str,
    command: str,
    facts: list[tuple[str, str]],
    header: list[str],
    table: list[list[str]],
    keys: int,
    svg_path: Path,
    summary_csv: str,
    games: int,
    total: int,
    stopped: bool,
) -> None:
    """Write the report: ``keys`` leading columns of ``table`` are names (left-aligned)."""
    import jinja2

    svg = svg_path.read_text(encoding="utf-8")
    svg = svg[svg.find("<svg") :]  # drop the XML prologue and doctype: inline SVG in HTML
    env = jinja2.Environment(autoescape=True)
    text = env.from_string(TEMPLATE).render(
        title=title,
        command=command,
        facts=facts,
        header=header,
        table=table,
        keys=keys,
        svg=svg,
        summary_csv=summary_csv,
        games=games,
        total=total,
        stopped=stopped,
    )
    path.write_text(text, encoding="utf-8")


def quote(text: Any) -> str:
    """Text for the HTML report (escaped)."""
    return html.escape(str(text))
