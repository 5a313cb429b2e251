"""``wargame lint``: what an author needs to know about a scenario that validation cannot say.

The scenario is played headless: every player doctrine for each playable side against the
scenario's AIs, over a few dozen seeds (:func:`wargame.analysis.agency.play_cell`, the function
``bench/agency.py`` uses). The report says which outcomes are reachable and how often, and warns
about what a file can get wrong while still being valid:

* ``no-treaty``, ``no-war-act``, ``no-hold``: an outcome or a move the catalogue cannot make;
* ``unreachable``: a headline result (peace, war) no game reached;
* ``same-results``: a side whose doctrines all end alike, or two doctrines that play alike on
  every side (the scenario cannot tell them apart);
* ``unused-instrument``: an instrument no doctrine chose in any game and no history replay or
  opening act uses (a war-level act is exempt: no doctrine chooses war, docs/model.md §11; so is
  an instrument marked ``player_only``);
* ``quiet-drift``: tension that rises in rounds with no scripted act (a history replay's rounds
  without a sourced order or an event card; in play, rounds in which every state only held or
  took its defensive posture);
* ``event-never-fires``: an event card that fired in no game;
* ``stale-replay``: a history replay recorded on another version of the file;
* ``unsourced``: an instrument that cites no entry of the scenario's sources.

A warning the file lists under ``[[accepted_warnings]]`` (code, place and why) is reported as a
note with its reason; an acceptance that matches no warning is itself a warning.

Warnings, not errors: a valid scenario always plays. Nothing here prints; the CLI does.
"""

from __future__ import annotations

import re
import statistics
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from wargame.analysis.agency import PLAYER_DOCTRINES, RESULTS, Cell, classify, play_cell
from wargame.engine.rules import Category
from wargame.errors import InputError
from wargame.game import Game
from wargame.record.models import GameRecord
from wargame.scenario.load import LoadedScenario

#: Default seeds per (side, doctrine): a few seconds for the five-state Korea scenario.
SEEDS = 20
#: A stretch of a history replay's rounds with no scripted act may raise tension by at most this much.
QUIET_REPLAY_LIMIT = 5.0
#: In play, rounds in which every state only holds or takes its defensive posture may raise
#: tension by at most this much a round on average.
QUIET_PLAY_LIMIT = 2.0


@dataclass(frozen=True)
class Warning:
    """One finding: a short code (``unused-instrument``), where (``instruments[nll_patrol]``, or
    "" for the whole file) and what an author should know, in one line."""

    code: str
    place: str
    text: str

    def line(self) -> str:
        """``code: place: text``."""
        return ": ".join(p for p in (self.code, self.place, self.text) if p)


@dataclass
class Report:
    """What the lint found.

    Attributes:
        scenario: the scenario id; seeds: seeds per (side, doctrine); games: games played;
        seconds: time the games took; cells: side → doctrine → :class:`Cell`;
        outcomes: how games ended (outcome value, e.g. ``peace_treaty``) → games;
        replays: the history replays read; notes: lines worth saying that are not warnings;
        warnings: the findings.
    """

    scenario: str
    seeds: int
    games: int = 0
    seconds: float = 0.0
    cells: dict[str, dict[str, Cell]] = field(default_factory=dict)
    outcomes: Counter[str] = field(default_factory=Counter)
    replays: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)


@dataclass
class _Seen:
    """What the games showed, gathered game by game."""

    chosen: set[str] = field(default_factory=set)
    fired: Counter[str] = field(default_factory=Counter)
    last_round: int = 0
    rounds_played: int = 0
    alert_rounds: list[float] = field(default_factory=list)
    signatures: dict[tuple[str, str], list[tuple[str, int, float]]] = field(default_factory=dict)


def playable_sides(scenario: LoadedScenario) -> tuple[str, ...]:
    """The actors a human may take, in actor order."""
    return tuple(a.id for a in scenario.model.actors if a.playable)


def find_replays(scenario: LoadedScenario, extra: Iterable[Path] = ()) -> list[Path]:
    """Records of this scenario that script what happened: ``extra``, then ``*.json`` files next
    to the scenario file, in a ``replays/`` folder beside it, and among the bundled replays (the
    installed package's ``_replays``, or a checkout's ``tests/replays/``), whose scenario id is
    this one."""
    from wargame.scenario import paths

    found: list[Path] = [Path(p) for p in extra]
    folders: list[Path] = []
    if scenario.path is not None:
        folders += [scenario.path.parent, scenario.path.parent / "replays"]
    # the bundled replays: in an installed package (wargame/_replays), or in a checkout
    folders.append(Path(paths.__file__).resolve().parent.parent / "_replays")
    folders.append(paths.bundled_dir().parent / "tests" / "replays")
    needle = f'"id": "{scenario.id}"'
    for folder in folders:
        if not folder.is_dir():
            continue
        for f in sorted(folder.glob("*.json")):
            try:
                head = f.read_text(encoding="utf-8", errors="replace")[:4000]
            except OSError:
                continue
            if needle in head and f not in found:
                found.append(f)
    return found


def lint(
    scenario: LoadedScenario,
    seeds: int = SEEDS,
    replays: Iterable[Path] = (),
) -> Report:
    """Play ``scenario`` headless and report what an author needs to know (module docstring).

    Args:
        seeds: games per (playable side, player doctrine).
        replays: history replays (records) to read besides those :func:`find_replays` finds.

    Raises:
        InputError: a replay that cannot be read.
    """
    rules = scenario.rules
    model = scenario.model
    report = Report(scenario=scenario.id, seeds=seeds)
    seen = _Seen()
    defensive = {a.id: a.roles.defensive for a in rules.actors}

    def on_game(game: Game) -> None:
        report.outcomes[game.state.outcome.value if game.state.outcome else "none"] += 1
        seen.last_round = max(seen.last_round, game.round)
        seen.rounds_played += game.round
        tension = [game.initial.tension_history[-1], *(r.tension for r in game.results)]
        for k, res in enumerate(game.results):
            for act in res.acts:
                seen.chosen.add(act.ordered)
                seen.chosen.add(act.instrument)
            for ev in res.events:
                seen.fired[ev.id] += 1
            alert = any(a.instrument == defensive[a.maker] for a in res.acts) and all(
                a.instrument == defensive[a.maker]
                or rules.instruments[a.instrument].category is Category.HOLD
                for a in res.acts
            )
            if alert and not res.events:
                seen.alert_rounds.append(tension[k + 1] - tension[k])

    start = time.perf_counter()
    for side in playable_sides(scenario):
        row: dict[str, Cell] = {}
        for doctrine in PLAYER_DOCTRINES:
            sig: list[tuple[str, int, float]] = []
            seen.signatures[(side, doctrine)] = sig

            def hook(game: Game, sig: list[tuple[str, int, float]] = sig) -> None:
                on_game(game)
                sig.append((classify(game), game.round, round(game.results[-1].tension, 1)))

            row[doctrine] = play_cell(scenario, side, doctrine, range(seeds), on_game=hook)
        report.cells[side] = row
    report.seconds = time.perf_counter() - start
    report.games = sum(c.games for row in report.cells.values() for c in row.values())

    warn = report.warnings.append
    # --- what the catalogue can do ---------------------------------------------------------
    instruments = model.instruments
    if not any(i.needs == "counterpart" for i in instruments):
        warn(
            Warning(
                "no-treaty",
                "",
                'no treaty instrument (needs = "counterpart"): peace by treaty is out of reach, only a '
                "détente can end the game in peace; add a treaty the history supports, or say why not",
            )
        )
    if not any(i.mid_level >= 5 for i in instruments):
        warn(
            Warning(
                "no-war-act",
                "",
                "no war-level act (an instrument of mid_level 5): no state can choose war, it can only "
                "come from the hazard",
            )
        )
    if not any(i.category == "hold" for i in instruments):
        warn(
            Warning(
                "no-hold",
                "",
                'no hold instrument (category = "hold"): every state must act every round, so a standing '
                "posture counts as fresh evidence each time (docs/scenarios.md, the hold)",
            )
        )
    # --- outcomes ----------------------------------------------------------------------------
    results = Counter[str]()
    for row in report.cells.values():
        for c in row.values():
            results.update(c.counts)
    for result, why in (
        ("peace", "no doctrine of any side reached a treaty or a détente"),
        ("war", "no game ended in war, chosen or from the hazard"),
    ):
        if report.games and not results[result]:
            warn(Warning("unreachable", "", f"{result}: {why} in {report.games} games"))
    for side, row in report.cells.items():
        shapes = {tuple(c.counts[r] for r in RESULTS) for c in row.values()}
        if len(shapes) == 1 and len(row) > 1:
            only = next(iter(row.values()))
            share = ", ".join(f"{r} {only.rate(r):.0%}" for r in RESULTS if only.counts[r])
            warn(
                Warning(
                    "same-results",
                    f"actors[{side}]",
                    f"all {len(row)} doctrines end alike ({share}): this side's choice decides nothing",
                )
            )
    sides = list(report.cells)
    for k, a in enumerate(PLAYER_DOCTRINES):
        for b in PLAYER_DOCTRINES[k + 1 :]:
            alike = [s for s in sides if seen.signatures[(s, a)] == seen.signatures[(s, b)]]
            if sides and len(alike) == len(sides):
                warn(
                    Warning(
                        "same-results",
                        "",
                        f"{a} and {b} play alike on every side (same result, round and tension in each of "
                        f"{seeds} seeds): the scenario cannot tell them apart",
                    )
                )
            elif alike:
                report.notes.append(f"{a} and {b} play alike as {', '.join(alike)}")
    # --- instruments -------------------------------------------------------------------------
    scripted: set[str] = {o.instrument for o in model.opening}
    for path in find_replays(scenario, replays):
        scripted |= _replay(scenario, path, report)
    for i in instruments:
        if i.id in seen.chosen or i.id in scripted:
            continue
        if i.mid_level >= 5:
            report.notes.append(f"{i.id}: a war-level act, a player's choice (no doctrine chooses war)")
            continue
        if i.player_only:
            report.notes.append(f"{i.id}: player_only, used by no doctrine")
            continue
        warn(
            Warning(
                "unused-instrument",
                f"instruments[{i.id}]",
                f"no doctrine chose it in {report.games} games and no history replay or opening act uses it; "
                "name it in a role, script it in the replay where the history has it, or mark it player_only",
            )
        )
    sources = {s.id for s in model.scenario.sources if not isinstance(s, str)}
    if not sources:
        warn(
            Warning(
                "unsourced",
                "scenario.sources",
                "the sources are plain citations, so no instrument can cite one; list them as "
                "[[scenario.sources]] tables with an id, and give each instrument source = that id",
            )
        )
    else:
        for i in instruments:
            if i.source is None:
                warn(
                    Warning(
                        "unsourced",
                        f"instruments[{i.id}]",
                        "cites no source; give source = the id of the [[scenario.sources]] entry that supports it",
                    )
                )
    # --- quiet rounds --------------------------------------------------------------------------
    if len(seen.alert_rounds) >= 5:
        drift = statistics.mean(seen.alert_rounds)
        if drift >= QUIET_PLAY_LIMIT:
            warn(
                Warning(
                    "quiet-drift",
                    "",
                    f"in {len(seen.alert_rounds)} rounds in which every state only held or took its defensive "
                    f"posture (no event card), tension rose by {drift:.1f} a round on average: each posture is "
                    "fresh evidence (docs/scenarios.md, Quiet rounds)",
                )
            )
    # --- event cards ---------------------------------------------------------------------------
    for e in model.events:
        if seen.fired[e.id] or not report.games:
            continue
        if e.round is not None:
            warn(
                Warning(
                    "event-never-fires",
                    f"events[{e.id}]",
                    f"scheduled for round {e.round}, but no game reached it (the longest lasted "
                    f"{seen.last_round} rounds)",
                )
            )
        elif e.probability > 0 and e.probability * seeds * seen.rounds_played / report.games < 3:
            # the draws follow the seed, whoever plays: with few seeds a rare card may just not come up
            report.notes.append(f"{e.id}: drawn in no game (too rare to tell with {seeds} seeds)")
        elif e.probability > 0:
            warn(
                Warning(
                    "event-never-fires",
                    f"events[{e.id}]",
                    f"drawn with probability {e.probability} a round, it fired in none of {report.games} games "
                    f"({seen.rounds_played} rounds)",
                )
            )
        else:
            report.notes.append(f"{e.id}: a facilitator's card (no round, no probability)")
    # --- what the author has judged --------------------------------------------------------------
    accepted = {(a.code, _plain(a.place)): a.why for a in model.accepted_warnings}
    kept: list[Warning] = []
    for w in report.warnings:
        reason = accepted.pop((w.code, _plain(w.place)), None)
        if reason is None:
            kept.append(w)
        else:
            report.notes.append(f"accepted {w.code}{': ' + w.place if w.place else ''}: {reason}")
    for code, place in accepted:
        kept.append(
            Warning(
                "stale-acceptance",
                "accepted_warnings",
                f"{code}{' at ' + place if place else ''} no longer occurs; remove the acceptance",
            )
        )
    report.warnings = kept
    return report


def _plain(place: str) -> str:
    """A place without brackets, as a scenario file may write it: ``instruments.x`` for
    ``instruments[x]`` (scenario text may hold no bracketed tags)."""
    return re.sub(r"\[([^\]]*)\]", r".\1", place)


def _replay(scenario: LoadedScenario, path: Path, report: Report) -> set[str]:
    """The instruments a history replay orders; warns when tension drifts in its rounds without
    a scripted order or an event card."""
    from wargame.record import io as record_io

    record: GameRecord = record_io.load(path)
    if record.scenario.id != scenario.id:
        return set()
    ordered = {o.instrument for r in record.rounds for o in r.orders.values()}
    if not ordered:
        return ordered  # an AI game (a doctrine's golden), not a history
    report.replays.append(path.name)
    try:
        game = Game.from_record(record, scenario=scenario, source=path)
    except InputError as exc:
        source = path.with_suffix(".toml")
        how = (
            f"`wargame history {source.name}`" if source.is_file() else "its history file (`wargame history`)"
        )
        report.warnings.append(
            Warning(
                "stale-replay",
                path.name,
                f"cannot be replayed on this file ({exc.expected}); rebuild it from {how} after editing the scenario",
            )
        )
        return ordered
    tension = [game.initial.tension_history[-1], *(r.tension for r in game.results)]
    quiet = [not r.orders and not res.events for r, res in zip(record.rounds, game.results, strict=False)]
    # each stretch of consecutive quiet rounds: (first round, last round, the tension it added)
    stretches: list[tuple[int, int, float]] = []
    for k, q in enumerate(quiet, start=1):
        if not q:
            continue
        if stretches and stretches[-1][1] == k - 1:
            first, _, rise = stretches[-1]
            stretches[-1] = (first, k, rise + tension[k] - tension[k - 1])
        else:
            stretches.append((k, k, tension[k] - tension[k - 1]))
    for first, last, rise in stretches:
        if rise <= QUIET_REPLAY_LIMIT:
            continue
        acts = Counter(
            f"{a.maker} {a.instrument}"
            for k in range(first, last + 1)
            for a in game.results[k - 1].acts
            if a.instrument != "hold"
        )
        common = ", ".join(f"{what} ×{n}" for what, n in acts.most_common(3))
        unit = game.rules.round_label.lower()
        when = f"{unit} {first}" if first == last else f"{unit}s {first}-{last}"
        report.warnings.append(
            Warning(
                "quiet-drift",
                path.name,
                f"{when}, with no scripted act and no event card, raised tension by {rise:.1f} "
                f"(the AIs' own moves: {common}); see docs/scenarios.md, Quiet rounds",
            )
        )
    return ordered
