"""``wargame debrief SAVE --format md|html``: the class debrief of any save, headless (issue 4)."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from tests.helpers import REPLAYS
from wargame.analysis.debrief import build, side_by_side
from wargame.analysis.render import html as render_html
from wargame.analysis.render import markdown as render_markdown
from wargame.cli import main
from wargame.engine.news import news_items
from wargame.engine.state import Order
from wargame.game import Game

GOLDEN = REPLAYS / "korea-2022-opening.json"


def _every_act_and_reading(game: Game, text: str) -> None:
    for res in game.results:
        for item in game.news(res.round):  # a joint act once (issue 17)
            assert item.headline in text, (res.round, item.headline)
        for item in news_items(game.rules, res):
            for rd in item.readings:
                assert rd.text in text, (res.round, item.maker, rd.observer)


def test_markdown_has_every_rounds_acts_and_readings(tmp_path: Path) -> None:
    out = tmp_path / "debrief.md"
    result = CliRunner().invoke(main, ["debrief", str(GOLDEN), "--format", "md", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    text = out.read_text()
    game = Game.load(GOLDEN)
    _every_act_and_reading(game, text)
    assert "## Misperception ledgers" in text and "## Hidden types, revealed" in text
    assert text.count("\n### Week ") == game.round
    assert text.count(": what the others meant, what ") == len(game.rules.actor_ids)  # a ledger per actor


def test_html_is_self_contained_and_has_every_reading(tmp_path: Path) -> None:
    out = tmp_path / "debrief.html"
    result = CliRunner().invoke(main, ["debrief", str(GOLDEN), "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    page = out.read_text()
    game = Game.load(GOLDEN)
    import html

    _every_act_and_reading(game, html.unescape(page))
    assert not re.search(r"<(script|link)\b", page), "no scripts or external stylesheets"
    assert not re.search(r"(src|href)=\"https?://", page), "nothing fetched from the network"


def test_html_escapes_scenario_text() -> None:
    """Scenario text is data: its quotation marks and angle brackets are escaped, never markup."""
    game = Game.load(GOLDEN)
    page = render_html(build(game))
    assert "<b>Why tension moved:</b>" in page
    assert "&#34;aggressive and provocative&#34;" in page
    assert '"aggressive and provocative"' not in page


def test_side_by_side_shows_each_capital_its_own_reading_and_marks_misreads() -> None:
    game = Game.new("korea-2022", seed=3, humans=["ROK", "DPRK"], mode="stochastic")
    game.play_round({"ROK": Order("combined_drill", "DPRK"), "DPRK": Order("talk", "ROK")})
    views = {v.actor: v for v in side_by_side(game, 1)}
    dprk_sees_rok = next(s for s in views["DPRK"].seen if s.maker == "ROK")
    assert dprk_sees_rok.reading != next(s for s in views["JPN"].seen if s.maker == "ROK").reading
    assert views["ROK"].team == "" and views["ROK"].said


def test_debrief_of_a_bad_save_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    result = CliRunner().invoke(main, ["debrief", str(bad)])
    assert result.exit_code == 2 and "not valid JSON" in result.stderr


def test_class_debrief_says_why_tension_moved_and_lists_the_principal_pairs() -> None:
    """Markdown: a "Why it moved" column with every round's terms in words; HTML: one "why"
    paragraph a round and the table; both: each principal pair with the engine's outcome."""
    import html

    from wargame.analysis.explain import PAIR_WORDS
    from wargame.analysis.ledger import why_by_round
    from wargame.engine.core import pair_outcomes

    game = Game.load(GOLDEN)
    md = render_markdown(build(game))
    page = html.unescape(render_html(build(game)))
    whys = why_by_round(game)
    assert len(whys) == game.round
    assert "| Week | Date | Tension | Escalation score | Why it moved |" in md
    for w in whys:
        assert sum(t.points for t in w.terms) == w.change
        assert f"| {w.shown_change()}: {w.text()} |" in md
        assert w.sentence() in page
    assert page.count('<p class="why">') == game.round
    outcomes = pair_outcomes(game.rules, game.state)
    names = {a.id: a.name for a in game.rules.actors}
    for a, b in game.rules.principal_pairs:
        word = PAIR_WORDS[outcomes[(a, b)].value]
        assert f"- {names[a]}–{names[b]}: {word} (" in md
        assert f"<b>{names[a]}–{names[b]}</b>: {word} (" in page
