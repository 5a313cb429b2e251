"""The class debrief: every round as each capital saw it, every team's misperception ledger, the
tension chart and why tension moved each round, the hidden types, the principal rival pairs and
the outcome, as Markdown and as one self-contained HTML page.

Built only from the game record through the engine (design.md principle 1), so it works on any
save, headless (``wargame debrief SAVE --format md|html -o FILE``), and is what the TUI's class
debrief exports. Omniscient by design: it is for after the reveal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from wargame.analysis.explain import pair_statuses
from wargame.analysis.faclog import class_outcome_words, log_lines, reasons_of
from wargame.analysis.ledger import (
    LedgerRow,
    ledger,
    outcome_reasons,
    reads_right,
    turning_points,
    why_by_round,
)
from wargame.analysis.vocab import TYPE_WORDS, tension_label
from wargame.engine import doctrines
from wargame.game import Game


@dataclass(frozen=True, slots=True)
class Seen:
    """One act as one capital saw it.

    Attributes:
        maker: actor id; target: actor id or None.
        saw: the instrument's name as the capital perceived it; meant: what the maker really did.
        reading: the capital's reading in its media's words; hostile: read as offensive or hostile.
        misread: noise made it see another act (revealed here, after the game).
        trust_before, trust_after: its trust in the maker, in (0, 1).
    """

    maker: str
    target: str | None
    saw: str
    meant: str
    reading: str
    hostile: bool
    misread: bool
    trust_before: float
    trust_after: float


@dataclass(frozen=True, slots=True)
class CapitalView:
    """One round as one capital saw it.

    Attributes:
        actor, name, capital: who; team: the team's name for a human-played actor, else "".
        did: the headline of its own act; said: its own framing of it.
        seen: the other actors' acts as it saw them, in scenario order.
    """

    actor: str
    name: str
    capital: str
    team: str
    did: str
    said: str
    seen: tuple[Seen, ...]
    why: str = ""
    """The team's one line of why, sealed with its order ("" for an AI or no reason given)."""


def side_by_side(game: Game, round_: int) -> list[CapitalView]:
    """Round ``round_`` (1-based) as each capital saw it, in scenario order.

    Raises:
        IndexError: the round has not been played.
    """
    if not 1 <= round_ <= game.round:
        raise IndexError(f"round {round_} not played (the game has {game.round})")
    rules = game.rules
    inst = rules.instruments
    items = {i.maker: i for i in game.news(round_)}
    out = []
    for a in rules.actors:
        own = items[a.id]
        seen = []
        for maker in rules.actor_ids:
            if maker == a.id:
                continue
            reading = items[maker].reading(a.id)
            if reading is None:
                continue
            seen.append(
                Seen(
                    maker=maker,
                    target=items[maker].target,
                    saw=inst[reading.perceived].name,
                    meant=inst[items[maker].instrument].name,
                    reading=reading.text,
                    hostile=reading.hostile,
                    misread=reading.misperceived,
                    trust_before=reading.trust_before,
                    trust_after=reading.trust_after,
                )
            )
        out.append(
            CapitalView(
                actor=a.id,
                name=a.name,
                capital=a.capital,
                team=game.settings.teams.get(a.id, "") if a.id in game.humans else "",
                did=own.headline,
                said=own.frame,
                seen=tuple(seen),
                why=reasons_of(game, round_).get(a.id, "") if a.id in game.humans else "",
            )
        )
    return out


def _players(game: Game) -> list[tuple[str, str]]:
    """(actor, who plays it) for every actor: a team name, "human" or the AI doctrine's title."""
    out = []
    for a in game.rules.actor_ids:
        if a in game.humans:
            out.append((a, game.settings.teams.get(a) or "human player"))
        else:
            out.append((a, f"AI: {doctrines.get(game.doctrine_name(a)).title}"))
    return out


def _type_rows(game: Game) -> list[tuple[str, str, str]]:
    """(actor, hidden type word, how the human teams' final trust read it) per actor."""
    st = game.state
    rows = []
    for a in game.rules.actor_ids:
        t = st.types[a]
        verdicts = []
        for h in game.humans:
            if h == a:
                continue
            mu, right = reads_right(game, h, a)
            verdicts.append(f"{h} {mu:.2f} ({'right' if right else 'wrong'})")
        rows.append((a, TYPE_WORDS[t], ", ".join(verdicts) or "—"))
    return rows


def _origin(game: Game) -> str:
    """`` Forked from <file> at week N.`` for a fork (:mod:`wargame.fork`), else ""."""
    from wargame.analysis.vocab import origin_line

    line = origin_line(game)
    return f" {line}" if line else ""


def _chance(game: Game) -> str:
    """Where the game's chance came from: its seed, or a class's secret key."""
    return "Chance from the class's secret key" if game.stream_key is not None else f"Seed {game.seed}"


def class_markdown(game: Game) -> str:
    """The class debrief as Markdown: who played what, outcome and why, the principal rival pairs,
    hidden types, tension by round and why it moved, every round's acts with every capital's
    reading, each team's misperception ledger, turning points and the facilitator's log."""
    rules = game.rules
    info = game.scenario.model.scenario
    u = rules.round_label.lower()
    U = rules.round_label
    lines = [
        f"# Class debrief: {info.title}",
        "",
        f"{_chance(game)}, {game.mode.value} mode, {game.round} of {game.round_limit} {u}s played."
        + _origin(game),
        "",
        "| Actor | Played by |",
        "|---|---|",
    ]
    lines += [f"| {rules.actor_by_id[a].name} ({a}) | {who} |" for a, who in _players(game)]
    lines += ["", f"## Outcome: {class_outcome_words(game)}", ""]
    lines += [f"- {r}" for r in outcome_reasons(game)]
    lines += ["", "## The rival pairs that decide the outcome", ""]
    lines += [f"- {p.text()}" for p in pair_statuses(rules, game.state)]
    lines += [
        "",
        "## Hidden types, revealed",
        "",
        "| Actor | Type | The teams' final trust in it |",
        "|---|---|---|",
    ]
    lines += [f"| {a} | {t} | {v} |" for a, t, v in _type_rows(game)]
    lines += [
        "",
        f"## Tension, {u} by {u}, and why it moved",
        "",
        f"| {U} | Tension | Escalation score | Why it moved |",
        "|---|---|---|---|",
    ]
    st = game.state
    whys = why_by_round(game)
    for r, t in enumerate(st.tension_history):
        es = f"{st.escalation_history[r - 1]:.1f}" if r else "—"
        why = f"{whys[r - 1].shown_change()}: {whys[r - 1].text()}" if 0 < r <= len(whys) else "—"
        lines.append(f"| {r} | {tension_label(t)} | {es} | {why.replace('|', '/')} |")
    lines += ["", f"## Every {u}: what each side did, and how each capital read it", ""]
    for res in game.results:
        lines += [
            f"### {U} {res.round} ({rules.date_of(res.round).isoformat()}), tension {tension_label(res.tension)}",
            "",
        ]
        for ev in res.events:
            card = next(e for e in game.scenario.model.events if e.id == ev.id)
            lines.append(f"- **Event ({ev.source})**: {card.title}. {card.text}")
        for item in game.news(res.round):
            lines.append(
                f"- **{item.maker}**: {item.headline} [{item.codes}]"
                + (f" ({item.note})" if item.note else "")
            )
            lines.append(f"  - said: {item.frame}")
            reason = reasons_of(game, res.round).get(item.maker)
            if reason:
                lines.append(f"  - **{item.maker}'s reason** (sealed with its order): “{reason}”")
            for rd in item.readings:
                mark = f" **misread: saw {rules.instruments[rd.perceived].name}**" if rd.misperceived else ""
                lines.append(
                    f"  - {rd.observer} read: {rd.text} (trust in {item.maker} "
                    f"{rd.trust_before:.2f} → {rd.trust_after:.2f}){mark}"
                )
        lines.append("")
    lines += ["## Misperception ledgers", ""]
    teams = list(game.humans) or list(rules.actor_ids)
    for team in teams:
        name = game.settings.teams.get(team) or rules.actor_by_id[team].name
        lines += [f"### {name} ({team}): what the others meant, what {team} read", ""]
        lines += _ledger_table([row for row in ledger(game, team) if row.observer == team], u)
        lines.append("")
    if game.humans:
        lines += ["## Turning points", ""]
        for team in game.humans:
            lines.append(f"**{team}**")
            lines.append("")
            lines += [f"- {U} {p.round}: {p.text}" for p in turning_points(game, team)] or ["- none"]
            lines.append("")
    if game.facilitator:
        lines += ["## Facilitator's log (in the order things happened)", ""]
        lines += [f"- {entry.line(u)}" for entry in log_lines(game)]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _ledger_table(rows: list[LedgerRow], unit: str) -> list[str]:
    out = [
        f"| {unit.capitalize()} | Maker | Meant | Read as | Reading | Trust | Tension |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        read = f"**{r.read}** (misread)" if r.misread else r.read
        out.append(
            f"| {r.round} | {r.maker} | {r.meant} | {read} | {r.reading.replace('|', '/')} | "
            f"{r.trust_before:.2f} → {r.trust_after:.2f} | {int(r.tension_before)} → {int(r.tension_after)} |"
        )
    return out if rows else ["(no readings)"]


def tension_chart(game: Game, width: int = 78, height: int = 16) -> str:
    """A plotext chart of tension (0-100) over the rounds, with the crisis line at 60, as ANSI text."""
    import plotext as plt

    hist = list(game.state.tension_history)
    plt.clear_figure()
    plt.plotsize(width, height)
    plt.theme("clear")
    xs = list(range(len(hist)))
    crisis = game.rules.params.crisis_tension
    plt.plot(xs, [crisis] * len(xs), label=f"crisis ({crisis:.0f})", marker="-")
    plt.plot(xs, hist, label="tension", marker="hd")
    plt.ylim(0, 100)
    step = max(1, len(xs) // 12)
    plt.xticks(xs[::step])
    plt.yticks([0, 20, 40, 60, 80, 100])
    plt.xlabel(game.rules.round_label.lower())
    plt.title("Tension, 0-100")
    return str(plt.build())


def _ansi_to_html(ansi: str) -> str:
    import io

    from rich.console import Console
    from rich.text import Text

    console = Console(record=True, width=200, file=io.StringIO(), color_system="truecolor")
    console.print(Text.from_ansi(ansi))
    return console.export_html(inline_styles=True, code_format='<pre class="chart">{code}</pre>')


_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Class debrief: {{ title }}</title>
<style>
  body { font: 16px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 78rem; padding: 0 1rem; color: #1b1b1b; }
  h1 { font-size: 1.8rem; } h2 { border-bottom: 2px solid #444; margin-top: 2.2rem; } h3 { margin-top: 1.6rem; }
  table { border-collapse: collapse; margin: .6rem 0; } td, th { border: 1px solid #bbb; padding: .25rem .5rem; vertical-align: top; text-align: left; }
  .capitals { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); gap: .7rem; }
  .capital { border: 1px solid #999; border-radius: .4rem; padding: .5rem .7rem; background: #fafafa; }
  .capital h4 { margin: 0 0 .3rem 0; }
  .said { font-style: italic; }
  .hostile::before { content: "HOSTILE READING · "; font-weight: bold; }
  .calm::before { content: "calm reading · "; }
  .misread { background: #fff1c2; }
  .misread::after { content: " (MISREAD: it really was " attr(data-meant) ")"; font-weight: bold; }
  .chart { font-size: 12px; line-height: 1.1; }
  .meta { color: #555; }
  @media print { .capital { break-inside: avoid; } body { max-width: none; } }
</style>
</head>
<body>
<h1>Class debrief: {{ title }}</h1>
<p class="meta">{{ summary_line }}</p>
<table><tr><th>Actor</th><th>Played by</th></tr>
{% for a, who in players %}<tr><td>{{ names[a] }} ({{ a }})</td><td>{{ who }}</td></tr>
{% endfor %}</table>

<h2>Outcome: {{ outcome }}</h2>
<ul>{% for r in reasons %}<li>{{ r }}</li>{% endfor %}</ul>

<h2>The rival pairs that decide the outcome</h2>
<ul>{% for p in pairs %}<li><b>{{ p.names }}</b>: {{ p.word }} ({{ p.detail() }})</li>{% endfor %}</ul>

<h2>Hidden types, revealed</h2>
<table><tr><th>Actor</th><th>Type</th><th>The teams' final trust in it</th></tr>
{% for a, t, v in types %}<tr><td>{{ a }}</td><td>{{ t }}</td><td>{{ v }}</td></tr>{% endfor %}
</table>

<h2>Tension</h2>
{{ chart | safe }}
<table><tr><th>{{ U }}</th>{% for r in tension %}<td>{{ loop.index0 }}</td>{% endfor %}</tr>
<tr><th>Tension</th>{% for t in tension %}<td>{{ t | int }}</td>{% endfor %}</tr></table>
<table><tr><th>{{ U }}</th><th>Tension</th><th>Why it moved</th></tr>
{% for w in whys %}<tr><td>{{ w.round }}</td><td>{{ w.before | int }} → {{ w.after | int }} ({{ w.shown_change() }})</td><td>{{ w.text() }}</td></tr>
{% endfor %}</table>

<h2>Every {{ u }}, side by side: what each side did and how each capital read the others</h2>
{% for rnd in rounds %}
<h3>{{ U }} {{ rnd.round }} ({{ rnd.date }}), tension {{ rnd.tension }}</h3>
<p class="why"><b>Why tension moved:</b> {{ rnd.why }}</p>
{% for ev in rnd.events %}<p><b>Event ({{ ev.source }}):</b> {{ ev.title }}. {{ ev.text }}</p>{% endfor %}
<div class="capitals">
{% for c in rnd.capitals %}<div class="capital">
<h4>{{ c.capital }} ({{ c.actor }}{% if c.team %}, {{ c.team }}{% endif %})</h4>
<p><b>Did:</b> {{ c.did }}<br><span class="said">Said: {{ c.said }}</span>{% if c.why %}<br><b>Why (the team's reason, sealed with its order):</b> {{ c.why }}{% endif %}</p>
<ul>{% for s in c.seen %}<li class="{{ 'hostile' if s.hostile else 'calm' }}{{ ' misread' if s.misread else '' }}" data-meant="{{ s.meant }}">{{ s.maker }}, seen as <i>{{ s.saw }}</i>: {{ s.reading }} <span class="meta">(trust {{ "%.2f" % s.trust_before }} → {{ "%.2f" % s.trust_after }})</span></li>{% endfor %}</ul>
</div>{% endfor %}
</div>
{% endfor %}

<h2>Misperception ledgers</h2>
{% for team, name, rows in ledgers %}
<h3>{{ name }} ({{ team }}): what the others meant, what {{ team }} read</h3>
<table><tr><th>{{ U }}</th><th>Maker</th><th>Meant</th><th>Read as</th><th>Reading</th><th>Trust</th><th>Tension</th></tr>
{% for r in rows %}<tr{% if r.misread %} class="misread-row" style="background:#fff1c2"{% endif %}><td>{{ r.round }}</td><td>{{ r.maker }}</td><td>{{ r.meant }}</td><td>{{ r.read }}{% if r.misread %} <b>(misread)</b>{% endif %}</td><td>{{ r.reading }}</td><td>{{ "%.2f" % r.trust_before }} → {{ "%.2f" % r.trust_after }}</td><td>{{ r.tension_before | int }} → {{ r.tension_after | int }}</td></tr>
{% endfor %}</table>
{% endfor %}

{% if facilitator %}<h2>Facilitator's log</h2>
<ul>{% for f in facilitator %}<li>{{ f.line(u) }}</li>{% endfor %}</ul>{% endif %}

<p class="meta">Made by wargame from the game record{% if made %} on {{ made }}{% endif %}. Tension is 0-100 (DEFCON-like levels: 5 Détente to 1 Brink); trust is a probability in (0, 1) that the other side is a security seeker.</p>
</body>
</html>
"""


def class_html(game: Game, made: dt.date | None = None) -> str:
    """The class debrief as one self-contained HTML page (inline CSS, no scripts, no downloads).

    Args:
        made: the date printed in the footer (default: omitted, so the output is reproducible).
    """
    import jinja2

    rules = game.rules
    info = game.scenario.model.scenario
    cards = {e.id: e for e in game.scenario.model.events}
    rounds = []
    whys = why_by_round(game)
    for res in game.results:
        rounds.append(
            {
                "round": res.round,
                "date": rules.date_of(res.round).isoformat(),
                "tension": tension_label(res.tension),
                "why": whys[res.round - 1].sentence(),
                "events": [
                    {"source": e.source, "title": cards[e.id].title, "text": cards[e.id].text}
                    for e in res.events
                ],
                "capitals": side_by_side(game, res.round),
            }
        )
    teams = list(game.humans) or list(rules.actor_ids)
    ledgers = [
        (
            t,
            game.settings.teams.get(t) or rules.actor_by_id[t].name,
            [r for r in ledger(game, t) if r.observer == t],
        )
        for t in teams
    ]
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    return env.from_string(_TEMPLATE).render(
        title=info.title,
        summary_line=f"{_chance(game)}, {game.mode.value} mode, {game.round} of {game.round_limit} "
        f"{rules.round_label.lower()}s played." + _origin(game),
        players=_players(game),
        names={a.id: a.name for a in rules.actors},
        outcome=class_outcome_words(game),
        reasons=outcome_reasons(game),
        pairs=pair_statuses(rules, game.state),
        whys=whys,
        types=_type_rows(game),
        chart=_ansi_to_html(tension_chart(game)),
        tension=game.state.tension_history,
        U=rules.round_label,
        u=rules.round_label.lower(),
        rounds=rounds,
        ledgers=ledgers,
        facilitator=log_lines(game),
        made=made.isoformat() if made else "",
    )
