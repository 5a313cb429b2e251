"""The ``wargame`` command line (click). Headless commands never import Textual.

``wargame`` alone (= ``wargame play``) opens the TUI. Errors print one line naming the file, the
place and what was expected, and exit with code 2, with no traceback. A record played on another
model version is replayed on the installed one, with one ``note:`` line on stderr saying so.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from wargame.errors import InputError, printable
from wargame.scenario.paths import DEFAULT_SCENARIO

if TYPE_CHECKING:
    from wargame.record.models import Settings
    from wargame.scenario.load import LoadedScenario

F = TypeVar("F", bound=Callable[..., Any])


def _friendly(fn: F) -> F:
    """Turn InputError into one line on stderr and exit code 2."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except InputError as exc:
            click.echo(f"error: {exc.message}", err=True)
            sys.exit(2)

    return wrapper  # type: ignore[return-value]


SEED_MAX = 2**63 - 1
"""The largest seed a game record (and a tidy file's int64 ``seed`` column) holds."""


def _check_seed(seed: int | None, seeds: int = 1) -> None:
    """``--seed`` (the first of ``seeds`` seeds) keeps every seed in 0 … :data:`SEED_MAX`.

    Raises:
        InputError: it does not (one line naming the option and the range).
    """
    if seed is None:
        return
    top = SEED_MAX - (seeds - 1)
    if not 0 <= seed <= top:
        more = f" with --seeds {seeds}, as the games' seeds run from it" if seeds > 1 else ""
        raise InputError("command line", f"--seed {seed}", f"expected a seed in 0..{top}{more}")


def _check_jobs(jobs: int, dask_address: str | None) -> None:
    """--jobs (processes here) and --dask (a cluster's workers) are not given together.

    Raises:
        InputError: both are.
    """
    if dask_address is not None and jobs > 1:
        raise InputError(
            "command line",
            f"--jobs {jobs}",
            "with --dask the cluster's workers play the games: give --jobs or --dask, not both",
        )


def _expectation_seeds(mode: str, seeds: int) -> int:
    """Games per cell: expectation mode draws nothing, so every seed plays the same game and one
    game per cell is played (a note line says so when --seeds asked for more)."""
    if mode != "expectation" or seeds == 1:
        return seeds
    click.echo(
        f"note: --mode expectation draws nothing (every seed gives the same game): one game per cell "
        f"is played, not {seeds}, and rates have no interval",
        err=True,
    )
    return 1


def _pairs(values: tuple[str, ...], option: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for v in values:
        actor, sep, value = v.partition("=")
        if not sep or not actor or not value:
            raise InputError("command line", option, f"expected ACTOR=VALUE, got {v!r}")
        if actor in out:
            raise InputError(
                "command line", f"{option} {v}", f"{actor} is given twice ({option} {actor}={out[actor]})"
            )
        out[actor] = value
    return out


def _headless_settings(
    policy: tuple[str, ...],
    types: tuple[str, ...],
    mode: str,
    rounds: int | None,
    overrides: dict[str, Any],
    scenario: LoadedScenario,
) -> Settings:
    """The settings of headless games (simulate, sweep) from ``--policy ACTOR=DOCTRINE``, ``--type
    ACTOR=TYPE``, the mode, the round limit and the scenario overrides, each doctrine, hidden type
    and actor checked against ``scenario``.

    Raises:
        InputError: an unknown doctrine, type or actor, or invalid settings (naming the option).
    """
    from pydantic import ValidationError

    from wargame.engine.doctrines import DOCTRINES
    from wargame.engine.rules import HIDDEN_TYPES
    from wargame.errors import from_validation_error
    from wargame.record.models import Settings

    doctrines = _pairs(policy, "--policy")
    fixed = _pairs(types, "--type")
    for actor, d in doctrines.items():
        if d not in DOCTRINES:
            raise InputError(
                "command line",
                f"--policy {actor}={d}",
                f"unknown doctrine; expected one of {', '.join(DOCTRINES)}",
            )
    for actor, t in fixed.items():
        if t not in HIDDEN_TYPES:
            raise InputError("command line", f"--type {actor}={t}", f"expected {' or '.join(HIDDEN_TYPES)}")
    for actor in [*doctrines, *fixed]:
        if actor not in scenario.rules.actor_by_id:
            raise InputError(
                "command line", actor, f"unknown actor; expected one of {', '.join(scenario.rules.actor_ids)}"
            )
    try:
        return Settings(
            mode=mode,  # type: ignore[arg-type]
            rounds=rounds,
            doctrines=doctrines,
            hidden_types=fixed or None,  # type: ignore[arg-type]
            overrides=overrides,
        )
    except ValidationError as exc:
        raise from_validation_error("command line", exc) from None


_SET_HELP = (
    "Change the scenario's data for this run: PATH=VALUE, e.g. world.distinguishability=0.2, "
    "actors.DPRK.hostility=0.6, beliefs.DPRK>USA.trust=0.4 (repeatable; validated by the scenario format, "
    "kept in the record)."
)


def _set_option(fn: F) -> F:
    """The ``--set PATH=VALUE`` option (scenario overrides)."""
    return click.option("--set", "sets", multiple=True, metavar="PATH=VALUE", help=_SET_HELP)(fn)


def _overrides(sets: tuple[str, ...], scenario: Any) -> tuple[dict[str, Any], Any]:
    """``--set`` values parsed and checked against ``scenario``: (overrides, the scenario with them).

    Raises:
        InputError: not PATH=VALUE, a path the scenario lacks (naming the keys there), a value
            out of range (naming the range).
    """
    from wargame.scenario.overrides import apply, parse_sets, unused_note

    overrides = parse_sets(sets)
    changed = apply(scenario, overrides, "command line")
    note = unused_note(scenario, overrides)
    if note:
        click.echo(note, err=True)
    return overrides, changed


class _DefaultGroup(click.Group):
    """A group that runs ``play`` when no subcommand is given."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0].startswith("-") and args[0] not in ("--help", "-h", "--version")):
            args = ["play", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="wargame")
def main() -> None:
    """wargame: a terminal policy wargame about the security dilemma.

    Run with no command to play (the TUI, on the Korea 2022 scenario); the play options work
    without the command too: wargame [--scenario ID|FILE] [--side ACTOR] [--seed N] [--load SAVE]
    (see wargame play --help).
    """


@main.command()
@click.option("--scenario", default=DEFAULT_SCENARIO, show_default=True, help="Scenario id or TOML path.")
@click.option("--side", default=None, help="The actor you play (e.g. ROK).")
@click.option("--seed", type=int, default=None, help="Seed (default: random).")
@click.option("--load", "load_path", type=click.Path(dir_okay=False), default=None, help="Resume a save.")
@_set_option
@_friendly
def play(
    scenario: str, side: str | None, seed: int | None, load_path: str | None, sets: tuple[str, ...]
) -> None:
    """Play in the terminal (the Textual app)."""
    from wargame.scenario import paths

    _check_seed(seed)

    overrides: dict[str, Any] = {}
    if sets:
        if load_path is not None:
            raise InputError(
                "command line", "--set", "a save keeps the settings it was made with; --set starts a new game"
            )
        from wargame.scenario.load import load as load_scenario

        overrides, _ = _overrides(sets, load_scenario(scenario))

    path = paths.resolve(scenario)  # an unknown scenario id fails here
    ids: list[str] = []
    if load_path is not None:  # a save that cannot be shown fails here, before the screen opens
        from wargame.classroom import is_sealed
        from wargame.game import Game
        from wargame.record import io as record_io

        record = record_io.load(load_path)
        if not is_sealed(record):  # a sealed class is checked when its PIN is typed in the app
            Game.from_record(record, source=load_path)  # another model's record opens with a note
    elif scenario.endswith(".toml"):  # so does a broken scenario file (bundled ones are checked in CI)
        from wargame.scenario.load import load

        ids = list(load(path).rules.actor_ids)
    if side is not None and load_path is None:
        if not ids:  # a bundled scenario: read its ids without building the models (start-up time)
            from wargame.scenario.index import entry

            ids = list(entry(path).actors)
        if side not in ids:
            raise InputError(
                "command line", "--side", f"unknown side {side!r}; expected one of {', '.join(ids)}"
            )
    from wargame.tui.app import run_app

    if overrides:
        run_app(scenario=scenario, side=side, seed=seed, load_path=load_path, overrides=overrides)
    else:
        run_app(scenario=scenario, side=side, seed=seed, load_path=load_path)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@_friendly
def validate(files: tuple[str, ...]) -> None:
    """Validate scenario files (.toml) and game records (.json)."""
    from wargame.game import Game
    from wargame.record import io as record_io
    from wargame.scenario import load as scenario_load

    failed = 0
    for f in files:  # every file is checked; the exit code is 2 if any failed
        path = Path(f)
        try:
            if path.suffix == ".toml":
                s = scenario_load.parse(_read(path), path)
                click.echo(
                    f"{printable(f)}: ok (scenario {s.id}, {len(s.rules.actors)} actors, "
                    f"{len(s.rules.instruments)} instruments)"
                )
            else:
                rec = record_io.load(path)
                from wargame.classroom import is_sealed

                if is_sealed(rec):  # the format is checked; the rounds replay only with the PIN
                    click.echo(
                        f"{printable(f)}: ok (an unfinished class for {rec.scenario.id}, "
                        f"{len(rec.rounds)} rounds; its secrets are sealed with the facilitator's PIN)"
                    )
                    continue
                game = Game.from_record(rec, source=path)
                click.echo(f"{printable(f)}: ok (record for {rec.scenario.id}, {game.round} rounds)")
                _note(game)
        except InputError as exc:
            click.echo(f"error: {exc.message}", err=True)
            failed += 1
    if failed:
        sys.exit(2)


@main.command()
@click.argument("scenario")
@click.option(
    "--seeds",
    type=click.IntRange(1, 1000),
    default=None,
    help="Games per playable side and player doctrine (default 20: a few seconds).",
)
@click.option(
    "--replay",
    "replays",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="A history replay (record) of the scenario, besides those found beside it (repeatable).",
)
@click.option("--strict", is_flag=True, help="Exit 1 if there is any warning (for CI).")
@_friendly
def lint(scenario: str, seeds: int | None, replays: tuple[str, ...], strict: bool) -> None:
    """Validate SCENARIO (an id or a .toml file), then play it headless (every player doctrine
    for each playable side, over --seeds seeds) and report what an author needs to know: which
    outcomes are reachable and how often, doctrines whose results are indistinguishable,
    instruments no doctrine uses (a history replay's count as used), tension drift in rounds with
    no scripted act, event cards that never fire. Warnings, not errors: exit 0, or 1 with --strict.
    Invalid files exit 2, as with validate."""
    from wargame.analysis import agency
    from wargame.analysis import lint as linting
    from wargame.analysis.agency import RESULTS
    from wargame.scenario import load as scenario_load
    from wargame.scenario import paths

    path = paths.resolve(scenario)
    loaded = scenario_load.parse(_read(path), path)
    report = linting.lint(loaded, seeds or linting.SEEDS, [Path(r) for r in replays])
    sides = len(report.cells)
    click.echo(
        f"{printable(scenario)}: scenario {loaded.id}: {sides} playable side{'s' * (sides != 1)} × "
        f"{len(agency.PLAYER_DOCTRINES)} doctrines × {report.seeds} seeds = {report.games} games "
        f"({report.seconds:.1f} s)"
    )
    kinds = ", ".join(
        f"{k.replace('_', ' ')} {n / report.games:.0%}" for k, n in report.outcomes.most_common()
    )
    click.echo(f"  outcomes: {kinds}")
    for side, row in report.cells.items():
        parts = []
        for result in RESULTS:
            rates = {d: c.rate(result) for d, c in row.items()}
            lo, hi = min(rates.values()), max(rates.values())
            best = max(rates, key=rates.__getitem__)
            parts.append(f"{result} {lo:.0%}" + (f"-{hi:.0%} ({best})" if hi > lo else ""))
        click.echo(f"  {side}: " + "; ".join(parts))
    if report.replays:
        click.echo(f"  history replays read: {', '.join(printable(r) for r in report.replays)}")
    for note in report.notes:
        click.echo(f"  note: {printable(note)}")
    for w in report.warnings:
        click.echo(f"warning: {printable(w.line())}")
    n = len(report.warnings)
    click.echo(f"{n} warning{'s' * (n != 1)}" if n else "lint-clean")
    if strict and n:
        sys.exit(1)


@main.command("history")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help="Record to write (default: FILE with .json, beside it; only with one FILE).",
)
@click.option("--show", is_flag=True, help="Print each round's tension, trust, hazard and acts.")
@_friendly
def history_command(files: tuple[str, ...], output: str | None, show: bool) -> None:
    """Build history replays: play each FILE's dated, sourced orders (a .toml history file; the AI
    doctrines fill in the rest), check its stated claims and write the record, whose checkpoints
    `wargame replay RECORD --check` then checks. The format is in docs/scenarios.md (section 8).
    Invalid files exit 2; a replay that does not show its claims writes nothing and exits 1."""
    from wargame import history
    from wargame.history.claims import ClaimsNotShown

    if output is not None and len(files) > 1:
        raise InputError("command line", "--output", f"expected one FILE with --output, got {len(files)}")
    replays = [history.read(f) for f in files]  # every file valid before any is built
    failed = False
    for replay in replays:
        out = Path(output) if output is not None else replay.out
        try:
            game, kept = replay.build(out)
        except ClaimsNotShown as exc:
            click.echo(printable(str(exc), keep_newlines=True), err=True)
            failed = True
            continue
        if show:
            for line in history.trajectory(game, list(replay.info.trajectory)):
                click.echo(printable(line))
        for line in kept:
            click.echo(printable(line))
        outcome = game.state.outcome.value.replace("_", " ") if game.state.outcome else "none"
        click.echo(
            f"{printable(out)}: {game.round} rounds, tension {game.state.tension:.1f}, outcome {outcome}, "
            f"{len(game.checkpoints)} checkpoint(s) from {len(replay.claims)} claim(s)"
        )
    if failed:
        sys.exit(1)


PIN_ENV = "WARGAME_PIN"
"""The facilitator's PIN for a script (else the command asks for it in a terminal)."""


def _scenario_beside(record_path: str, scenario_id: str) -> str | None:
    """The file of a scenario that is not bundled, found where an author keeps it: ``ID.toml``
    beside the record, in the folder above it, or in the current folder (None: bundled, or not
    found; then the record names the scenario it needs)."""
    from wargame.scenario import paths

    if scenario_id in paths.bundled():
        return None
    here = Path(record_path).resolve().parent
    for folder in (here, here.parent, Path.cwd()):
        candidate = folder / f"{scenario_id}.toml"
        if candidate.is_file():
            return str(candidate)
    return None


def _open_game(path: str, sets: tuple[str, ...] = (), scenario_file: str | None = None) -> Any:
    """The game of a save or replay; an unfinished class asks for the facilitator's PIN (or
    reads ``$WARGAME_PIN``). A wrong PIN is counted toward the class's back-off and exits 2.
    ``sets`` (``--set``) change the scenario's data on top of the record's own overrides: the
    recorded orders replayed in another world. ``scenario_file`` (``--scenario``) is the scenario
    file the record was made on, for a record of a scenario that is not bundled.

    Raises:
        InputError: unreadable record, no PIN where one is needed, a wrong PIN, or too soon;
            a bad ``--set``; a scenario file that is not the record's (id or version).
    """
    import os
    import time

    from wargame.classroom import PinBackoffError, WrongPinError, is_sealed, unseal
    from wargame.game import Game
    from wargame.record import io as record_io

    record = record_io.load(path)
    scenario = None
    if scenario_file is None:
        scenario_file = _scenario_beside(path, record.scenario.id)
    if scenario_file is not None:
        from wargame.scenario import load as scenario_load

        scenario = scenario_load.load(scenario_file)
        if scenario.id != record.scenario.id:
            raise InputError(
                scenario_file,
                "scenario.id",
                f"this file is scenario {scenario.id!r}; {path} was made on {record.scenario.id!r}",
            )
    if sets:
        from wargame.scenario import load as scenario_load

        try:
            base = scenario if scenario is not None else scenario_load.load(record.scenario.id)
        except InputError as exc:
            raise InputError(path, "scenario.id", exc.expected) from None
        overrides, _ = _overrides(sets, base)
        merged = {**record.settings.overrides, **overrides}
        record = record.model_copy(
            update={"settings": record.settings.model_copy(update={"overrides": merged})}
        )
    if not is_sealed(record):
        try:
            return Game.from_record(record, scenario, source=path)
        except InputError as exc:
            if exc.place == "scenario.id" and scenario is None:  # not bundled: say how to give it
                raise InputError(
                    exc.source, exc.place, f"{exc.expected}; give the scenario file with --scenario FILE"
                ) from None
            if exc.place == "scenario.sha256" and scenario is not None and scenario_file is not None:
                raise InputError(
                    scenario_file,
                    "",
                    f"another version of scenario {scenario.id!r} than the one {path} was made on "
                    f"(its hash {record.scenario.sha256[:12]}…, this file's {scenario.sha256[:12]}…)",
                ) from None
            raise
    assert record.classroom is not None
    pin: str | None = os.environ.get(PIN_ENV)
    if record.classroom.has_pin and pin is None:
        if not sys.stdin.isatty():
            raise InputError(
                path,
                "classroom",
                f"an unfinished class: its secrets open only with the facilitator's PIN "
                f"(run in a terminal to be asked, or set {PIN_ENV}); after the class ends it is open",
            )
        pin = click.prompt("Facilitator PIN", hide_input=True, default="", show_default=False, err=True)
    try:
        return unseal(record, pin, scenario, source=path)
    except WrongPinError:
        time.sleep(1.0)
        raise InputError(
            path, "classroom", "wrong facilitator PIN (counted; each wrong try makes the next wait longer)"
        ) from None
    except PinBackoffError as exc:
        raise InputError(path, "classroom", str(exc)) from None


def _note(game: Any) -> None:
    """The one line saying a record of another model version was replayed on this one."""
    if game.load_note:
        click.echo(f"note: {printable(game.load_note)}", err=True)


def _read(path: Path) -> bytes:
    from wargame.files import MAX_SCENARIO_BYTES, read_bounded

    return read_bounded(path, MAX_SCENARIO_BYTES, "scenario")


@main.command()
@_friendly
def scenarios() -> None:
    """List the bundled scenarios."""
    from wargame.scenario.index import bundled_entries, line

    for e in bundled_entries():  # from the files' headers: no model is built (start-up time)
        click.echo(line(e))


@main.command()
@click.argument("kind", type=click.Choice(["scenario", "record"]))
def schema(kind: str) -> None:
    """Print the JSON Schema of scenario files or game records."""
    if kind == "scenario":
        from wargame.scenario.models import Scenario as Model
    else:
        from wargame.record.models import GameRecord as Model  # type: ignore[assignment]
    import json

    click.echo(json.dumps(Model.model_json_schema(), indent=2))


@main.command()
@click.option(
    "--scenario", "scenario_id", default=DEFAULT_SCENARIO, show_default=True, help="Scenario id or TOML path."
)
@click.option("--policy", multiple=True, metavar="ACTOR=DOCTRINE", help="Doctrine for an actor (repeatable).")
@click.option(
    "--type",
    "types",
    multiple=True,
    metavar="ACTOR=TYPE",
    help="Fix a hidden type: security_seeker or greedy.",
)
@click.option(
    "--rounds", type=click.IntRange(1, 500), default=None, help="Round limit (default: the scenario's)."
)
@click.option(
    "--seeds", type=click.IntRange(1, 1_000_000), default=20, show_default=True, help="Number of games."
)
@click.option("--seed", type=int, default=0, show_default=True, help="First seed.")
@click.option(
    "--mode", type=click.Choice(["expectation", "stochastic"]), default="stochastic", show_default=True
)
@click.option("--jobs", type=click.IntRange(1, 64), default=1, show_default=True, help="Worker processes.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option(
    "--dask",
    "dask_address",
    default=None,
    metavar="ADDRESS",
    help="Run on a Dask cluster (its scheduler's address, tcp://host:8786; the research extra).",
)
@click.option(
    "--series",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write the per-round series (one row per game, round, actor and rival; .parquet or .csv; "
    "the research extra; docs/research.md).",
)
@_set_option
@click.option(
    "--orders",
    "orders_file",
    type=click.Path(dir_okay=False),
    default=None,
    help="Scripted orders for some actors, round by round (TOML or JSON, the record's order format; "
    "the AI plays the rest; see docs/testbed.md).",
)
@_friendly
def simulate(
    scenario_id: str,
    policy: tuple[str, ...],
    types: tuple[str, ...],
    rounds: int | None,
    seeds: int,
    seed: int,
    mode: str,
    jobs: int,
    as_json: bool,
    dask_address: str | None,
    series: str | None,
    sets: tuple[str, ...],
    orders_file: str | None,
) -> None:
    """Play games over many seeds and report outcomes and rates: every actor by its AI doctrine,
    but for the orders an --orders script gives."""
    _check_seed(seed, seeds)
    _check_jobs(jobs, dask_address)

    from wargame.analysis.simulate import rates, to_json
    from wargame.analysis.simulate import simulate as run
    from wargame.scenario import load as scenario_load

    overrides, scenario = _overrides(sets, scenario_load.load(scenario_id))
    settings = _headless_settings(policy, types, mode, rounds, overrides, scenario)
    if orders_file is not None:
        from functools import partial

        from wargame.scripted import load_script

        script = load_script(orders_file, scenario.rules)
        limit = settings.rounds or scenario.model.world.rounds
        if len(script.rounds) > limit:
            click.echo(
                f"note: {printable(orders_file)} scripts {len(script.rounds)} rounds; a game here has at most "
                f"{limit} (--rounds or world.rounds): rounds after {limit} are not played",
                err=True,
            )
        run = partial(run, script=script)
    seed_list = list(range(seed, seed + seeds))
    writer = None
    if series is not None or dask_address is not None:
        from wargame.research import require

        require(
            *(("pyarrow",) if series else ()), *(("distributed",) if dask_address else ()), what="simulate"
        )
    if series is not None:
        from wargame.analysis.batch import SERIES_COLUMNS
        from wargame.research.tidy import writer_for

        writer = writer_for(Path(series), SERIES_COLUMNS)
    from wargame.analysis.batch import Stopped

    try:
        summaries = _run_with_progress(
            run,
            scenario,
            settings,
            seed_list,
            jobs,
            as_json,
            dask=dask_address,
            series=writer and writer.write,
        )
    except Stopped as exc:
        if as_json:  # the games kept, as a finished run would print them
            import json

            click.echo(json.dumps(to_json(exc.kept) if exc.kept else {"seeds": [], "rates": None}, indent=2))
        click.echo(f"stopped: {exc.games} of {seeds} games finished", err=True)
        sys.exit(130)
    finally:
        if writer is not None:
            writer.close()
    if writer is not None:
        click.echo(f"wrote {printable(series)} ({writer.rows} rows)", err=True)
    if as_json:
        import json

        click.echo(json.dumps(to_json(summaries), indent=2))
        return
    click.echo(f"{'seed':>6}  {'outcome':<16} {'round':>5}  {'final T':>7}  {'mean T':>6}  {'mean ES':>7}")
    for s in summaries:
        click.echo(
            f"{s.seed:>6}  {s.outcome:<16} {s.outcome_round:>5}  {s.final_tension:>7.1f}  "
            f"{s.mean_tension:>6.1f}  {s.mean_escalation:>7.2f}"
        )
    r = rates(summaries)
    click.echo("")
    click.echo(f"over {r['games']} games ({mode} mode):")
    for name, share in r["outcomes"].items():
        click.echo(f"  {name:<16} {share:6.1%}")
    click.echo(f"  {'war (any)':<16} {r['war']:6.1%}    peace (any) {r['peace']:6.1%}")
    click.echo(f"  crisis reached {r['crisis']:6.1%}    armed clash {r['armed_clash']:6.1%}")
    click.echo(
        f"  mean final tension {r['mean_final_tension']:.1f}, mean tension {r['mean_tension']:.1f}, "
        f"mean escalation score {r['mean_escalation']:.2f}"
    )


def _run_with_progress(
    run: Any, scenario: Any, settings: Any, seeds: list[int], jobs: int, quiet: bool, **kw: Any
) -> list[Any]:
    show = not quiet and sys.stderr.isatty() and len(seeds) >= 20
    if not show:
        return list(run(scenario, settings, seeds, jobs, **kw))
    from rich.console import Console
    from rich.progress import Progress

    with Progress(transient=True, console=Console(stderr=True)) as progress:
        task = progress.add_task("simulating", total=len(seeds))
        return list(run(scenario, settings, seeds, jobs, progress=lambda k: progress.advance(task, k), **kw))


def _command_line(name: str) -> str:
    """The command as typed (for a report), or ``wargame NAME`` when called from Python."""
    import shlex

    if sys.argv[1:2] == [name]:
        return shlex.join(["wargame", *sys.argv[1:]])
    return f"wargame {name}"


def _series_of(game: Any) -> Any:
    from wargame.analysis.batch import series_rows

    return series_rows(game, 0, 0)


def _study_options(fn: F) -> F:
    """Options shared by ``tournament`` and ``sweep``."""
    options = [
        click.option(
            "--scenario",
            "scenario_id",
            default="korea-2022",
            show_default=True,
            help="Scenario id or TOML path.",
        ),
        click.option(
            "--seeds",
            type=click.IntRange(1, 10_000_000),
            default=20,
            show_default=True,
            help="Games per cell.",
        ),
        click.option("--seed", type=int, default=0, show_default=True, help="First seed."),
        click.option(
            "--mode",
            type=click.Choice(["expectation", "stochastic"]),
            default="stochastic",
            show_default=True,
        ),
        click.option(
            "--rounds",
            type=click.IntRange(1, 500),
            default=None,
            help="Round limit (default: the scenario's).",
        ),
        click.option(
            "--jobs",
            type=click.IntRange(1, 256),
            default=1,
            show_default=True,
            help="Worker processes on this machine.",
        ),
        click.option(
            "--dask",
            "dask_address",
            default=None,
            metavar="ADDRESS",
            help="Run on a Dask cluster: its scheduler's address (tcp://host:8786); see the README.",
        ),
        click.option(
            "--series",
            type=click.Path(dir_okay=False),
            default=None,
            help="Also write the per-round series (one row per game, round, actor and rival): .parquet or .csv.",
        ),
        click.option("-q", "--quiet", is_flag=True, help="No progress bar and no table."),
        _set_option,
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def _study_checks(dask_address: str | None, what: str) -> None:
    """The research extra is installed (one line and exit 2 if not)."""
    from wargame.research import require
    from wargame.research.study import DEPENDENCIES

    require(*DEPENDENCIES, *(("distributed",) if dask_address else ()), what=what)


def _study_finish(run: Any, out: Path, extra: list[Path]) -> None:
    files = [*run.files, *extra]
    click.echo(f"wrote {', '.join(printable(f) for f in files)}", err=True)
    if run.stopped:
        click.echo(
            f"stopped: {run.games} of {run.total} games finished and were kept in {printable(out)}", err=True
        )
        sys.exit(130)


@main.command()
@_study_options
@click.option(
    "--sides",
    required=True,
    metavar="A[,B]",
    help="One side (its players against the scenario's AIs) or two (every pairing), e.g. USA,DPRK.",
)
@click.option(
    "--players",
    default="default",
    show_default=True,
    metavar="LIST",
    help="Players for the sides: doctrines, 'default' (the players' doctrines), 'all' (controls too), "
    "an installed policy or module:attribute.",
)
@click.option(
    "--against",
    default=None,
    metavar="LIST",
    help="Players for side B if not the same as side A's; 'scenario' for the scenario's AI.",
)
@click.option(
    "--types",
    type=click.Choice(["all", "drawn", "security_seeker", "greedy"]),
    default="all",
    show_default=True,
    help="Hidden types of the sides: every combination, drawn from the seed, or one for both.",
)
@click.option("-o", "--out", type=click.Path(file_okay=False), default="tournament", show_default=True)
@_friendly
def tournament(
    scenario_id: str,
    seeds: int,
    seed: int,
    mode: str,
    rounds: int | None,
    jobs: int,
    dask_address: str | None,
    series: str | None,
    quiet: bool,
    sets: tuple[str, ...],
    sides: str,
    players: str,
    against: str | None,
    types: str,
    out: str,
) -> None:
    """Doctrine against doctrine: every pairing × hidden types × seeds, for one or two sides.

    Prints the matrix of peace, war and armed-clash rates (Wilson 95% intervals), mean and final
    tension and each side's escalation score (Rivera et al. 2024); writes OUT/games.csv and
    OUT/games.parquet (one row per game), OUT/matrix.csv, OUT/heatmap.png and .svg and
    OUT/report.html. Ctrl+c stops and keeps the games finished.
    """
    from wargame.analysis.batch import Job
    from wargame.record.models import Settings
    from wargame.research import tournament as T
    from wargame.research.aggregate import Aggregate
    from wargame.research.plots import heatmap
    from wargame.research.report import write_report
    from wargame.research.study import prepare_out, run_study, write_summary_csv
    from wargame.scenario import load as scenario_load

    _check_seed(seed, seeds)
    _check_jobs(jobs, dask_address)
    _study_checks(dask_address, "wargame tournament")
    overrides, scenario = _overrides(sets, scenario_load.load(scenario_id))
    side_list = [x.strip() for x in sides.split(",") if x.strip()]
    if against and len(side_list) == 1:
        raise InputError(
            "command line",
            f"--against {against}",
            f"with one side ({side_list[0]}) its players play the scenario's AIs: "
            "--against needs two sides (--sides A,B)",
        )
    players_a = T.parse_players(players, "--players")
    players_b = T.parse_players(against, "--against") if against else players_a
    cells = T.design(scenario.rules.actor_ids, side_list, players_a, players_b, types)
    base = Settings(mode=mode, rounds=rounds, overrides=overrides)  # type: ignore[arg-type]
    seeds = _expectation_seeds(mode, seeds)
    job = Job(scenario, cells, seeds, seed, base=base, series=series is not None)
    out_dir = Path(out)
    prepare_out(out_dir)
    roles = {"a": side_list[0], **({"b": side_list[1]} if len(side_list) > 1 else {})}
    exact = mode == "expectation"
    agg = Aggregate(["doctrine_a", "doctrine_b"], roles, exact=exact)
    by_type = Aggregate(["doctrine_a", "doctrine_b", "type_a", "type_b"], roles, exact=exact)

    class Both:
        def add(self, rows: Any) -> None:
            agg.add(rows)
            by_type.add(rows)

    run = run_study(job, out_dir, Both(), jobs, dask_address, quiet, Path(series) if series else None)  # type: ignore[arg-type]
    summary = agg.rows()
    b_name = side_list[1] if len(side_list) > 1 else "the scenario's AIs"
    title = f"{scenario.id}: {side_list[0]} (rows) against {b_name} (columns), {run.games} games"
    write_summary_csv(out_dir / "matrix.csv", by_type.rows())
    extra = [out_dir / "matrix.csv"]
    if summary:
        png, svg = out_dir / "heatmap.png", out_dir / "heatmap.svg"
        heatmap(
            summary,
            "doctrine_a",
            "doctrine_b",
            png,
            svg,
            title,
            f"{side_list[0]} plays",
            f"{b_name} plays" if len(side_list) > 1 else "against the scenario's AIs",
        )
        header, lines = T.table_rows(summary, ["doctrine_a", "doctrine_b"])
        header[:2] = [side_list[0], b_name if len(side_list) > 1 else "against"]
        header[-2:] = [f"ES {side_list[0]}", f"ES {side_list[-1]}"]
        if len(side_list) == 1:  # no side B: the scenario's AIs have no one escalation score
            header.pop()
            for line in lines:
                line.pop()
        facts = [
            ("scenario", scenario.id),
            ("sides", ", ".join(side_list)),
            ("hidden types", types),
            ("seeds per cell", f"{seeds} from {seed}"),
            ("mode", mode),
            ("overrides", ", ".join(f"{k}={v}" for k, v in overrides.items()) or "none"),
            ("games", f"{run.games} of {run.total}"),
        ]
        write_report(
            out_dir / "report.html",
            title,
            _command_line("tournament"),
            facts,
            header,
            lines,
            2,
            svg,
            "matrix.csv",
            run.games,
            run.total,
            run.stopped,
        )
        extra += [png, svg, out_dir / "report.html"]
        if not quiet:
            T.print_table(title, header, lines, 2)
    _study_finish(run, out_dir, extra)


@main.command()
@_study_options
@click.option("--policy", multiple=True, metavar="ACTOR=DOCTRINE", help="Doctrine for an actor (repeatable).")
@click.option(
    "--type",
    "types",
    multiple=True,
    metavar="ACTOR=TYPE",
    help="Fix a hidden type: security_seeker or greedy.",
)
@click.option("-o", "--out", type=click.Path(file_okay=False), default="sweep", show_default=True)
@_friendly
def sweep(
    scenario_id: str,
    seeds: int,
    seed: int,
    mode: str,
    rounds: int | None,
    jobs: int,
    dask_address: str | None,
    series: str | None,
    quiet: bool,
    sets: tuple[str, ...],
    policy: tuple[str, ...],
    types: tuple[str, ...],
    out: str,
) -> None:
    """A grid over scenario parameters: --set PATH=LOW:HIGH:N (N values) or PATH=A,B,C sweeps
    PATH; a single value is set for every game. Seeds games per cell.

    Writes OUT/games.csv and OUT/games.parquet (one row per game, a column per swept path),
    OUT/summary.csv, OUT/sweep.png and .svg (against the first swept path, a line per value of
    the others) and OUT/report.html. Jervis's four worlds, on the two-state test bed:

    \b
    wargame sweep --scenario dyad-testbed --set world.offense_advantage=0.2,0.8 \\
        --set world.distinguishability=0.2,0.8 --seeds 40
    """

    from wargame.analysis.batch import Job
    from wargame.research import sweep as S
    from wargame.research.aggregate import Aggregate
    from wargame.research.plots import sweep_lines
    from wargame.research.report import write_report
    from wargame.research.study import prepare_out, run_study, write_summary_csv
    from wargame.scenario import load as scenario_load
    from wargame.scenario.overrides import apply, unused_note

    _check_seed(seed, seeds)
    _check_jobs(jobs, dask_address)
    _study_checks(dask_address, "wargame sweep")
    grid, fixed = S.parse_grid(sets)
    if not grid:
        raise InputError(
            "command line",
            "--set",
            "nothing to sweep: give PATH=LOW:HIGH:N or PATH=A,B,C (e.g. world.distinguishability=0.1:0.9:5)",
        )
    base_scenario = scenario_load.load(scenario_id)
    scenario = apply(base_scenario, fixed, "command line")
    note = unused_note(base_scenario, [*grid, *fixed])
    if note:
        click.echo(note, err=True)
    cells = S.design(grid)
    for cell in cells:  # every value checked here, in one line, before any game is played
        apply(scenario, {**fixed, **dict(cell.overrides)}, "command line")
    base = _headless_settings(policy, types, mode, rounds, fixed, scenario)
    seeds = _expectation_seeds(mode, seeds)
    job = Job(scenario, cells, seeds, seed, base=base, series=series is not None)
    out_dir = Path(out)
    prepare_out(out_dir)
    keys = list(grid)
    agg = Aggregate(keys, exact=mode == "expectation")
    run = run_study(job, out_dir, agg, jobs, dask_address, quiet, Path(series) if series else None)
    summary = agg.rows()
    write_summary_csv(out_dir / "summary.csv", summary)
    extra = [out_dir / "summary.csv"]
    title = f"{scenario.id}: a sweep of {', '.join(keys)}, {run.games} games"
    if summary:
        png, svg = out_dir / "sweep.png", out_dir / "sweep.svg"
        sweep_lines(summary, keys[0], keys[1:], png, svg, title)
        header, lines = S.table_rows(summary, keys)
        facts = [
            ("scenario", scenario.id),
            ("swept", "; ".join(f"{k} = {', '.join(map(str, v))}" for k, v in grid.items())),
            ("set for every game", ", ".join(f"{k}={v}" for k, v in fixed.items()) or "nothing"),
            ("doctrines", ", ".join(f"{a}={d}" for a, d in base.doctrines.items()) or "the scenario's"),
            (
                "hidden types",
                ", ".join(f"{a}={t}" for a, t in (base.hidden_types or {}).items()) or "drawn from the seed",
            ),
            ("seeds per cell", f"{seeds} from {seed}"),
            ("mode", mode),
            ("games", f"{run.games} of {run.total}"),
        ]
        write_report(
            out_dir / "report.html",
            title,
            _command_line("sweep"),
            facts,
            header,
            lines,
            len(keys),
            svg,
            "summary.csv",
            run.games,
            run.total,
            run.stopped,
        )
        extra += [png, svg, out_dir / "report.html"]
        if not quiet:
            from wargame.research.tournament import print_table

            print_table(title, header, lines, len(keys))
    _study_finish(run, out_dir, extra)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--check",
    is_flag=True,
    help="Check the record's checkpoints: exit 0 if all hold, 1 naming the first that fails, "
    "2 if they were recorded on another model version (they are not checked against this one).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--observer", default=None, help="Show only this capital's readings.")
@click.option(
    "--export",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write the game's per-round series (one row per round, actor and rival; .parquet or .csv; "
    "the research extra; docs/research.md) instead of printing the replay.",
)
@_set_option
@click.option(
    "--scenario",
    "scenario_file",
    default=None,
    metavar="FILE",
    help="The scenario file the record was made on (for a scenario that is not bundled; by default "
    "ID.toml beside the record, in the folder above it, or in the current folder).",
)
@_friendly
def replay(
    file: str,
    check: bool,
    as_json: bool,
    observer: str | None,
    export: str | None,
    sets: tuple[str, ...],
    scenario_file: str | None,
) -> None:
    """Replay a record: the news round by round, then a summary.

    A record played on another model version (docs/model.md) is replayed on this one, up to the
    first round that no longer replays, with one note on stderr: events after the first changed
    outcome may differ. With --check it exits 2 instead, printing only why: its checkpoints hold
    for the model they were recorded on, so passing or failing them here would say nothing (and a
    record without checkpoints, such as an autosave, has nothing to pass on this model).
    Exit 2 too if the record cannot be read or shown at all.
    """
    from wargame.analysis.report import replay_json, replay_text
    from wargame.engine.version import MODEL_VERSION
    from wargame.game import check as check_game
    from wargame.game import stale_checkpoints_message

    if export is not None and check:
        raise InputError(
            "command line",
            "--export",
            "--check is not done with --export: run the check and the export apart",
        )
    if export is not None:
        from wargame.research import require

        require("pyarrow", what="replay --export")
        from wargame.analysis.batch import SERIES_COLUMNS
        from wargame.research.tidy import writer_for

        game = _open_game(file, sets, scenario_file)
        _note(game)
        with writer_for(Path(export), SERIES_COLUMNS) as out:
            out.write(_series_of(game))
        click.echo(f"wrote {printable(export)} ({out.rows} rows, {game.round} rounds)", err=True)
        return
    game = _open_game(file, sets, scenario_file)
    if observer is not None and observer not in game.rules.actor_by_id:
        raise InputError("command line", "--observer", f"unknown actor {observer!r}")
    if check and (game.stale_checkpoints or game.recorded_model != MODEL_VERSION):
        # a record of another model replays differently here: there is nothing it can pass
        why = stale_checkpoints_message(game) or (
            f"it was played on model {game.recorded_model}, and this is model {MODEL_VERSION} (docs/model.md)"
        )
        raise InputError(
            file, "", f"{why}; replay it without --check, or record new checkpoints on this model"
        )
    _note(game)
    failures = check_game(game) if check else []
    if as_json:
        import json

        data = replay_json(game)
        if check:
            data["check"] = {"passed": not failures, "failures": failures}
        click.echo(json.dumps(data, indent=2))
    else:
        click.echo(printable(replay_text(game, observer), keep_newlines=True))
        if check:
            if failures:
                click.echo(f"CHECK FAILED: {printable(failures[0])}", err=True)
                for f in failures[1:]:
                    click.echo(f"  also: {printable(f)}", err=True)
            else:
                click.echo(f"check passed: {len(game.checkpoints)} checkpoint(s)")
    if failures:
        sys.exit(1)


@main.command()
@click.argument("save", type=click.Path(dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "html"]),
    default=None,
    help="md or html (default: from the output file's extension, else md).",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), default=None, help="File to write (default: stdout)."
)
@click.option(
    "--side",
    default=None,
    help="Take this actor's chair (default: the human side, or every team of a class or AI game).",
)
@_friendly
def debrief(save: str, fmt: str | None, output: str | None, side: str | None) -> None:
    """Write the debrief of any save or replay: the outcome and hidden types, tension and trust
    against the truth (charts in HTML), the misperception ledgers, turning points, questions to
    think about, and every week as each capital saw it. The debrief of a fork compares it with
    its parent, when the parent's file is beside it. HTML is one self-contained page for print.

    A record played on another model version is replayed on this one, with one note on stderr.
    """
    from wargame.analysis.render import debrief_for, html, markdown
    from wargame.record.io import atomic_write

    if fmt is None:
        fmt = "html" if output and Path(output).suffix.lower() in (".html", ".htm") else "md"
    if output is not None and not Path(output).resolve().parent.is_dir():
        raise InputError(output, "", "the folder to write into does not exist")
    game = _open_game(save)
    _note(game)
    if side is not None and side not in game.rules.actor_by_id:
        raise InputError(
            "command line",
            "--side",
            f"unknown side {side!r}; expected one of {', '.join(game.rules.actor_ids)}",
        )
    d = debrief_for(game, side, Path(save).resolve().parent)
    if d.comparison is not None and not d.comparison.available:
        click.echo(f"note: no comparison with the parent game: {printable(d.comparison.note)}", err=True)
    text = html(d) if fmt == "html" else markdown(d)
    if output is None:
        click.echo(printable(text, keep_newlines=True), nl=False)
        return
    try:
        atomic_write(output, text)
    except OSError as exc:
        raise InputError(output, "", f"cannot write the debrief ({exc.strerror})") from None
    click.echo(f"wrote {printable(output)} ({fmt}, {game.round} rounds)")


@main.command()
@click.argument("save", type=click.Path(dir_okay=False))
@click.option(
    "--week",
    "week_text",
    metavar="N",
    default=None,
    help="Weeks (rounds) kept from SAVE; play on from the next.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help="File to write (default: SAVE-fork-weekNN.json beside SAVE, never over an existing file).",
)
@click.option("--side", default=None, help="The side played on (default: SAVE's human side).")
@click.option(
    "--policy",
    multiple=True,
    metavar="ACTOR=DOCTRINE",
    help="A new doctrine for another state's AI after the fork (repeatable; 'scenario': by hidden type).",
)
@_friendly
def fork(
    save: str, week_text: str | None, output: str | None, side: str | None, policy: tuple[str, ...]
) -> None:
    """Fork SAVE at --week N: a new record holding its first N rounds (same seed), which
    ``wargame --load`` plays on from. SAVE itself is never changed."""
    from wargame.fork import fork_game, fork_path
    from wargame.game import Game
    from wargame.record import io as record_io

    if week_text is None or not week_text.strip().lstrip("-").isdigit():  # one line, not click's usage
        got = "nothing" if week_text is None else repr(week_text)
        raise InputError(
            "command line", "--week", f"expected the number of weeks to keep (0 or more), got {got}"
        )
    week = int(week_text)
    doctrines = {a: ("" if d == "scenario" else d) for a, d in _pairs(policy, "--policy").items()}
    if output is not None and Path(output).resolve() == Path(save).resolve():
        raise InputError(
            output, "", "the fork would overwrite the game it is forked from; choose another file"
        )
    if output is not None and not Path(output).resolve().parent.is_dir():
        raise InputError(output, "", "the folder to write into does not exist")
    game = Game.from_record(record_io.load(save), source=save)
    _note(game)
    forked = fork_game(game, week, save, side=side, doctrines=doctrines, source="command line")
    out = Path(output) if output is not None else fork_path(save, week)
    try:
        forked.save(out)
    except OSError as exc:
        raise InputError(out, "", f"cannot write the fork ({exc.strerror})") from None
    click.echo(
        f"wrote {printable(out)}: {printable(Path(save).name)} up to week {week}, "
        f"{forked.humans[0]} to play (wargame --load {printable(out)})"
    )


LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--scenario", default=DEFAULT_SCENARIO, show_default=True, help="Scenario id or TOML path.")
@_friendly
def serve(host: str, port: int, scenario: str) -> None:
    """Serve the game to a web browser (textual-serve): a classroom projector or a laptop.

    Each browser tab (and each refresh) starts a new game process; the title screen offers to
    resume the last autosave. A class is owned by one process at a time: a second tab cannot open
    it, and a refreshed tab reopens it with the facilitator's PIN, with the orders sealed so far
    (saved, sealed, at every seal). The page loads nothing from outside this machine. By default
    only this machine can connect (loopback).
    """
    import shlex

    from wargame.scenario import load as scenario_load

    scenario_load.load(scenario)
    try:
        from textual_serve.server import Server
    except ImportError:
        raise InputError(
            "command line", "serve", "textual-serve is not installed; reinstall wargame"
        ) from None
    if host not in LOOPBACK:
        click.echo(
            f"WARNING: listening on {host}: anyone who can reach this machine on port {port} can open "
            "the game, see the hot-seat screens and read or overwrite its saves. There is no login. "
            "Use it only on a classroom network you trust; stop the server with ctrl+c when done.",
            err=True,
        )
    command = " ".join(
        shlex.quote(part) for part in [sys.executable, "-m", "wargame", "play", "--scenario", scenario]
    )
    import socket

    try:  # a clear error for a port in use, before the server starts
        with socket.create_server((host, port)):
            pass
    except OSError as exc:
        raise InputError(
            "command line", f"--host {host} --port {port}", f"cannot listen there ({exc.strerror})"
        ) from None
    click.echo(f"wargame: serving on http://{host}:{port} (ctrl+c stops)")
    import tempfile

    with tempfile.TemporaryDirectory(prefix="wargame-serve-") as templates:
        _local_template(Path(templates))
        Server(command, host=host, port=port, title="wargame", templates_path=templates).serve()


def _local_template(folder: Path) -> None:
    """textual-serve's page, with its one outside asset (a web font from Google) replaced by the
    font textual-serve ships in its own static folder: the page loads nothing from outside, so a
    class works on a school network with no way out."""
    import textual_serve

    source = Path(textual_serve.__file__).parent / "templates" / "app_index.html"
    html = source.read_text(encoding="utf-8")
    local = (
        "<style>@font-face { font-family: 'Roboto Mono'; "
        "src: url('{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf'); }"
        "@font-face { font-family: 'Roboto Mono'; font-style: italic; "
        "src: url('{{ config.static.url }}fonts/RobotoMono-Italic-VariableFont_wght.ttf'); }</style>"
    )
    import re

    html = re.sub(r"<link[^>]*href=\"https?://[^\"]*\"[^>]*/?>", local, html, flags=re.S)
    (folder / "app_index.html").write_text(html, encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover
    main()
