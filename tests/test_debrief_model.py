"""One debrief, three outputs (issue 14): the debrief model computed from a record, its Markdown
and HTML agreeing, reflection prompts built from the game's own misreadings, and the debrief of
a fork compared week by week with its parent."""

from __future__ import annotations

import html as html_lib
import itertools
import re
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers import REPLAYS
from wargame.analysis.debrief import Debrief, build
from wargame.analysis.render import debrief_for, html, markdown
from wargame.analysis.report import OUTCOME_WORDS
from wargame.analysis.vocab import trust_change
from wargame.cli import main
from wargame.engine.rules import SECURITY_SEEKER
from wargame.engine.state import Order
from wargame.fork import fork_game
from wargame.game import Game

HAWK = ["combined_drill", "combined_drill", "missile_test", "response_fire", "limited_strike"]
CALM = [
    "hotline",
    "talk",
    "scale_down_drill",
    "halt_combined_exercises",
    "humanitarian_aid",
    "propose_peace_treaty",
    "sign_peace_treaty",
]


def _play(game: Game, acts: list[str], target: str = "DPRK", *, cycle: bool = True) -> Game:
    """Play ``game`` to its end as its human side: ``acts`` in turn (``cycle``), else the last kept."""
    k = 0
    while not game.is_over:
        act = acts[k % len(acts)] if cycle else acts[min(k, len(acts) - 1)]
        game.play_round({game.humans[0]: Order(act, target)})
        k += 1
    return game


@pytest.fixture(scope="module")
def misread_game() -> Game:
    """A 6-week game as ROK (always the hotline) in which another capital misread one of ROK's
    acts and ROK misread one of theirs: the first such seed."""
    for seed in range(200):
        game = _play(Game.new("korea-2022", seed=seed, humans=["ROK"], rounds=6), ["hotline"])
        perceptions = [p for r in game.results for p in r.perceptions if p.misperceived and p.weight > 0]
        if any(p.maker == "ROK" for p in perceptions) and any(p.observer == "ROK" for p in perceptions):
            return game
    raise AssertionError("no seed under 200 has misreadings both ways")


@pytest.fixture(scope="module")
def branches(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A lost game (ROK escalates, war) and a fork of it at week 3 (ROK conciliates, the US AI a
    dove) that ends in a treaty: the student's what-if of issue 14, as files side by side."""
    folder = tmp_path_factory.mktemp("branches")
    lost = _play(Game.new("korea-2022", seed=0, humans=["ROK"]), HAWK, cycle=False)
    assert lost.state.outcome is not None and lost.state.outcome.value.startswith("war")
    lost.save(folder / "lost.json")
    fork = _play(fork_game(lost, 3, folder / "lost.json", doctrines={"USA": "dove"}), CALM)
    assert fork.state.outcome is not None and fork.state.outcome.value.startswith("peace")
    fork.save(folder / "lost-fork-week03.json")
    return folder / "lost.json", folder / "lost-fork-week03.json"


# --- the model ----------------------------------------------------------------------------------


def test_the_model_holds_the_games_numbers(misread_game: Game) -> None:
    game = misread_game
    d = build(game)
    st = game.state
    assert d.kind == "player" and [s.actor for s in d.sides] == ["ROK"]
    assert d.summary.played == 6 and d.summary.outcome_code == st.outcome.value  # type: ignore[union-attr]
    assert d.summary.outcome.lower().startswith(OUTCOME_WORDS[st.outcome.value][:10])  # type: ignore[union-attr]
    assert [w.week for w in d.weeks] == list(range(7))
    assert [w.tension for w in d.weeks] == list(st.tension_history)
    assert d.summary.peak_tension == max(st.tension_history)
    assert d.weeks[0].why == "" and all(w.why for w in d.weeks[1:])
    # hidden types and whether ROK's final trust pointed the right way
    for row in d.summary.types:
        assert row.hidden == st.types[row.actor].replace("_", " ")
        if row.actor == "ROK":
            assert row.verdicts == () and row.played_by == "you"
            continue
        (v,) = row.verdicts
        assert v.trust == st.trust("ROK", row.actor)
        assert v.right == ((v.trust >= 0.5) == (st.types[row.actor] == SECURITY_SEEKER))
    # trust against the truth, week by week
    (rok,) = d.sides
    assert [t.subject for t in rok.trust] == ["DPRK", "USA", "JPN", "PRC"]
    for line in rok.trust:
        assert line.truth == (1.0 if st.types[line.subject] == SECURITY_SEEKER else 0.0)
        assert list(line.values) == [s.trust("ROK", line.subject) for s in game.states]
    # the ledger, both ways, matches the engine's perceptions
    read = [p for r in game.results for p in r.perceptions if p.observer == "ROK"]
    made = [p for r in game.results for p in r.perceptions if p.maker == "ROK"]
    assert len(rok.read) == len(read) and len(rok.made) == len(made)
    assert rok.misreads == sum(p.misperceived for p in read) > 0
    assert all(r.misread or abs(r.trust_after - r.trust_before) >= 0.1 for r in rok.key_readings)
    assert {(r.round, r.maker, r.observer) for r in rok.key_readings} >= {
        (p.round, p.maker, p.observer) for p in read + made if p.misperceived
    }
    # every week's acts, each with every other capital's reading
    assert [w.week for w in d.details] == [1, 2, 3, 4, 5, 6]
    for w in d.details:
        news = game.news(w.week)
        assert [a.headline for a in w.acts] == [i.headline for i in news]
        assert [[r.text for r in a.readings] for a in w.acts] == [[r.text for r in i.readings] for i in news]
        assert all(len(a.readings) >= 3 for a in w.acts)  # the other capitals (a joint act: fewer)


def test_prompts_come_from_the_games_own_misreadings(misread_game: Game) -> None:
    game = misread_game
    rules = game.rules
    (rok,) = build(game).sides
    theirs = next(
        p for r in game.results for p in r.perceptions if p.maker == "ROK" and p.misperceived and p.weight
    )
    capital = rules.actor_by_id[theirs.observer].capital
    meant, saw = rules.instruments[theirs.instrument].name, rules.instruments[theirs.perceived].name
    assert any(
        q.startswith(f"In week {theirs.round}, {capital} read your “{meant}” as “{saw}”") for q in rok.prompts
    ), rok.prompts
    mine = next(
        p for r in game.results for p in r.perceptions if p.observer == "ROK" and p.misperceived and p.weight
    )
    assert any(
        q.startswith(f"In week {mine.round}, you saw “{rules.instruments[mine.perceived].name}” from ")
        and f"it had chosen “{rules.instruments[mine.instrument].name}”" in q
        for q in rok.prompts
    ), rok.prompts
    wrong = [t for t in rok.trust if not t.right]
    if wrong:
        assert any(q.startswith(f"You ended the game trusting {wrong[0].name} at ") for q in rok.prompts)
    assert 1 <= len(rok.prompts) <= 6
    # an act's name is a label: always quoted, never bent into the sentence ("ROK's propose a …")
    names = {i.name.lower() for i in rules.instruments.values()}
    for text in [*rok.prompts, *(p.text for p in rok.turning_points)]:
        prose = re.sub(r"“[^”]*”|event: [^;]*", "", text).lower()  # quoted labels and event titles out
        assert not [n for n in names if n in prose], text


def test_a_class_debrief_takes_every_teams_chair() -> None:
    game = Game.new("korea-2022", seed=3, humans=["ROK", "DPRK"], mode="stochastic")
    for _ in range(3):
        game.play_round({"ROK": Order("combined_drill", "DPRK"), "DPRK": Order("missile_test", "ROK")})
    d = build(game)
    assert d.kind == "class" and [s.actor for s in d.sides] == ["DPRK", "ROK"]
    dprk = next(t for t in d.summary.types if t.actor == "DPRK")
    assert [v.side for v in dprk.verdicts] == ["ROK"]
    usa = next(t for t in d.summary.types if t.actor == "USA")
    assert [v.side for v in usa.verdicts] == ["DPRK", "ROK"]
    assert build(game, "ROK").kind == "player"


# --- Markdown and HTML from the same model ----------------------------------------------------


def _facts(d: Debrief) -> list[str]:
    """Strings every output of ``d`` must show."""
    s = d.summary
    out = [s.title, s.outcome, *s.reasons, *(p.names for p in s.pairs), *(p.detail for p in s.pairs)]
    out += [t.hidden for t in s.types] + [v.word for t in s.types for v in t.verdicts]
    for side in d.sides:
        out += list(side.prompts) + [p.text for p in side.turning_points]
        out += [f"{r.trust_before:.2f} → {r.trust_after:.2f}" for r in side.key_readings]
    out += [w.why for w in d.weeks if w.why] + [w.label for w in d.weeks]
    out += [a.headline for w in d.details for a in w.acts]
    out += [r.text for w in d.details for a in w.acts for r in a.readings]
    c = d.comparison
    if c is not None and c.available:
        out += [c.parent, c.parent_outcome, c.branch_outcome]
    return out


def test_markdown_and_html_show_the_same_debrief(misread_game: Game, branches: tuple[Path, Path]) -> None:
    for d in (build(misread_game), debrief_for(Game.load(branches[1]), None, branches[0].parent)):
        md = markdown(d)
        page = html_lib.unescape(re.sub(r"<[^>]+>", "", html(d)))
        for fact in _facts(d):
            assert fact in md, fact
            assert fact in page, fact
        for side in d.sides:  # the same trust numbers, week by week
            for line in side.trust:
                assert " | ".join(f"{v:.2f}" for v in line.values[:1]) in md


# --- a fork against its parent ------------------------------------------------------------------


def test_a_forks_debrief_compares_the_two_branches_week_by_week(branches: tuple[Path, Path]) -> None:
    lost_path, fork_path = branches
    lost, fork = Game.load(lost_path), Game.load(fork_path)
    d = debrief_for(fork, None, fork_path.parent)
    c = d.comparison
    assert c is not None and c.available, c
    assert (c.parent, c.week, c.side, c.rivals) == ("lost.json", 3, "ROK", ("DPRK",))
    assert len(c.weeks) == max(lost.round, fork.round) + 1 == 25
    for w in c.weeks:
        parent = lost.states[w.week] if w.week <= lost.round else None
        branch = fork.states[w.week]
        assert w.parent_tension == (parent.tension if parent else None)
        assert w.branch_tension == branch.tension
        assert w.branch_trust == (branch.trust("ROK", "DPRK"),)
        assert w.shared == (w.week <= 3)
        if w.shared:
            assert w.parent_tension == w.branch_tension and w.parent_trust == w.branch_trust
    assert c.first_change is not None and c.first_change > 3
    assert c.parent_outcome.startswith("War") and c.branch_outcome.startswith("Peace")
    assert c.parent_final == lost.state.tension and c.branch_final == fork.state.tension
    assert any(q.startswith("This branch left the first game after week 3") for q in d.sides[0].prompts)


def test_cli_debrief_of_a_fork_finds_its_parent_and_says_when_it_cannot(
    branches: tuple[Path, Path], tmp_path: Path
) -> None:
    _, fork_path = branches
    result = CliRunner().invoke(main, ["debrief", str(fork_path)])
    assert result.exit_code == 0, result.stderr
    assert "## This branch and the first game, week by week" in result.stdout
    assert (
        "- First game: War, inadvertent" in result.stdout
        and "- This branch: Peace by treaty" in result.stdout
    )
    assert result.stderr == ""
    # alone in a folder: the debrief says why there is no comparison
    alone = tmp_path / "alone.json"
    alone.write_bytes(fork_path.read_bytes())
    result = CliRunner().invoke(main, ["debrief", str(alone)])
    assert result.exit_code == 0
    assert "no comparison: the parent game lost.json was not found beside this one" in result.stdout
    assert "note: no comparison" in result.stderr
    # another game under the parent's name is not taken for it
    other = _play(Game.new("korea-2022", seed=1, humans=["ROK"], rounds=5), ["talk"])
    other.save(tmp_path / "lost.json")
    result = CliRunner().invoke(main, ["debrief", str(alone)])
    assert "lost.json is not the game this one was forked from" in result.stdout


def test_cli_and_in_game_export_write_the_same_markdown(branches: tuple[Path, Path]) -> None:
    _, fork_path = branches
    cli = CliRunner().invoke(main, ["debrief", str(fork_path), "--side", "ROK"]).stdout
    assert cli == CliRunner().invoke(main, ["debrief", str(fork_path)]).stdout
    assert cli == markdown(debrief_for(Game.load(fork_path), "ROK", fork_path.parent))
    bad = CliRunner().invoke(main, ["debrief", str(fork_path), "--side", "XX"])
    assert bad.exit_code == 2 and "--side" in bad.stderr and "Traceback" not in bad.stderr


# --- the HTML in a browser, and on paper ------------------------------------------------------

A4_PT = (595.3, 841.9)  # A4 in PDF points
A4_CONTENT_PX = (round((210 - 26) / 25.4 * 96), round((297 - 30) / 25.4 * 96))  # inside @page margins


def _pdf_pages(pdf: bytes) -> list[tuple[float, float]]:
    """Each page's size (points) from a PDF's page objects (Chromium writes them uncompressed)."""
    boxes = re.findall(
        rb"/Type\s*/Page\b(?!s).*?/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)", pdf, re.S
    )
    if not boxes:  # the MediaBox may come before /Type
        boxes = re.findall(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    return [(float(x1) - float(x0), float(y1) - float(y0)) for x0, y0, x1, y1 in boxes]


def _steps_at(d: str) -> tuple[list[float], list[float]]:
    """(the x of every point, the x of every vertical step) of a pygal line path ``M x y L x y …``."""
    nums = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", d)]
    pts = list(zip(nums[0::2], nums[1::2]))
    return [x for x, _ in pts], [
        a[0] for a, b in itertools.pairwise(pts) if abs(a[0] - b[0]) < 1e-6 and a[1] != b[1]
    ]


def test_html_debrief_in_headless_chromium_has_vector_charts_and_prints_on_a4(
    branches: tuple[Path, Path], tmp_path: Path
) -> None:
    from playwright.sync_api import sync_playwright

    from tests.browser import FLAGS, chromium

    _, fork_path = branches
    page_file = tmp_path / "debrief.html"
    result = CliRunner().invoke(main, ["debrief", str(fork_path), "-o", str(page_file)])
    assert result.exit_code == 0, result.stderr
    weeks = Game.load(fork_path).round  # 24
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium(), args=FLAGS[1:])
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            page.goto(page_file.as_uri())
            charts = page.evaluate(
                """() => [...document.querySelectorAll('figure.chart')].map(f => {
                    const svg = f.querySelector(':scope > svg');
                    const labels = [...svg.querySelectorAll('.axis.x text')];
                    const lines = [...svg.querySelectorAll('.series path.line')];
                    const centre = t => { const r = t.getBoundingClientRect(); return r.left + r.width / 2; };
                    const first = lines[0].getBoundingClientRect();
                    return {id: f.id, width: svg.getBoundingClientRect().width,
                            paths: lines.length, labels: labels.map(t => t.textContent),
                            x0: centre(labels[0]), xn: centre(labels[labels.length - 1]),
                            left: first.left, right: first.right,
                            guides: [...svg.querySelectorAll('.axis.x path')].map(g => g.getAttribute('d')),
                            line: lines[0].getAttribute('d')};
                })"""
            )
            fetched = page.evaluate("performance.getEntriesByType('resource').length")
            page.emulate_media(media="print")
            page.set_viewport_size({"width": A4_CONTENT_PX[0], "height": A4_CONTENT_PX[1]})
            summary = page.evaluate(
                """() => { const s = document.querySelector('#summary');
                           return {height: s.getBoundingClientRect().height,
                                   next: getComputedStyle(s.nextElementSibling).breakBefore}; }"""
            )
            pdf = page.pdf(prefer_css_page_size=True, print_background=True)
            # a class debrief of five chairs (an AI game) keeps its summary on one page too
            wide = tmp_path / "class.html"
            CliRunner().invoke(main, ["debrief", str(REPLAYS / "korea-2022-opening.json"), "-o", str(wide)])
            page.goto(wide.as_uri())
            five = page.evaluate(
                """() => [document.querySelectorAll('#summary table.types th').length,
                          document.querySelector('#summary').getBoundingClientRect().height]"""
            )
        finally:
            browser.close()
    assert fetched == 0, "the page fetches nothing"
    assert [c["id"] for c in charts] == ["fig-tension", "fig-branches", "fig-trust-rok"]
    n_paths = {"fig-tension": 2, "fig-branches": 3, "fig-trust-rok": 4}  # lines, each with its own path
    for c in charts:
        assert c["width"] > 600 and c["paths"] == n_paths[c["id"]], c["id"]
        assert c["labels"] == [str(w) for w in range(weeks + 1)], c["id"]  # every week on the axis
        assert abs(c["left"] - c["x0"]) < 2 and abs(c["right"] - c["xn"]) < 2, c  # the line spans them all
        ticks = {round(float(re.match(r"M\s*([\d.]+)", g).group(1)), 3) for g in c["guides"]}  # type: ignore[union-attr]
        xs, steps = _steps_at(c["line"])
        assert steps and {round(x, 3) for x in steps} <= ticks, "a line steps exactly at a week's tick"
        assert {round(x, 3) for x in xs} <= ticks
    print(
        {c["id"]: (c["paths"], len(c["labels"]), c["left"], c["x0"], c["right"], c["xn"]) for c in charts},
        summary,
    )
    assert summary["height"] <= A4_CONTENT_PX[1] and summary["next"] == "page", summary
    assert five[0] == 3 + 5 and five[1] <= A4_CONTENT_PX[1], five
    pages = _pdf_pages(pdf)
    assert pdf[:5] == b"%PDF-" and 2 <= len(pages) <= 15, len(pages)
    assert all(abs(w - A4_PT[0]) < 2 and abs(h - A4_PT[1]) < 2 for w, h in pages), pages[:3]


def test_a_fork_not_played_on_claims_no_difference_it_has_not_reached(
    branches: tuple[Path, Path], tmp_path: Path
) -> None:
    """A fork saved at week 3 and not played on: the parent has week 4, the branch has none, so
    the branches have not differed yet (was "Tension first differed in week 4")."""
    lost_path, _ = branches
    lost = Game.load(lost_path)
    fork = fork_game(lost, 3, lost_path)
    (tmp_path / "lost.json").write_bytes(lost_path.read_bytes())
    fork.save(tmp_path / "lost-fork-week03.json")
    d = debrief_for(Game.load(tmp_path / "lost-fork-week03.json"), None, tmp_path)
    c = d.comparison
    assert c is not None and c.available, c
    assert c.first_change is None and c.both_weeks == 3
    md = markdown(d)
    page = html_lib.unescape(re.sub(r"<[^>]+>", "", html(d)))
    for text in (md, page):
        assert "first differed" not in text and "never differed" not in text
        assert "Tension has not differed yet in the weeks both games have (up to week 3)." in text


def test_week_0_carries_the_scenarios_opening_date(misread_game: Game) -> None:
    """Week 0 is the opening situation ("Before week 1" in the game): the debrief dates it on the
    day the scenario opens (Korea: 31 Oct 2022), in the Markdown and the HTML (was 24 Oct)."""
    d = build(misread_game)
    start = misread_game.rules.start_date.isoformat()
    assert start == "2022-10-31"
    assert d.weeks[0].date == start and d.weeks[1].date == start
    early = (misread_game.rules.start_date - timedelta(days=7)).isoformat()
    assert early not in markdown(d) and early not in html(d)
    assert start in markdown(d) and start in html(d)


def test_a_trust_change_agrees_with_the_shown_ends() -> None:
    """0.184 → 0.186 shows as 0.18 → 0.19: the change shown is +0.01, not ±0.00."""
    assert trust_change(0.184, 0.186) == "+0.01"
    assert trust_change(0.186, 0.184) == "−0.01"
    assert trust_change(0.181, 0.184) == "±0.00"
    for a, b in itertools.product([0.1749, 0.175, 0.1851, 0.5, 0.995], repeat=2):
        assert float(trust_change(a, b).replace("−", "-").replace("±", "")) == round(
            float(f"{b:.2f}") - float(f"{a:.2f}"), 2
        )
