"""Fuzz the readers (issue 13): mutated bundled scenarios and records through ``validate``,
``replay`` and ``debrief``. Every run exits 0, or 2 with one line naming the file; no traceback, no
escape code reaches the terminal, the input is unchanged, no input takes 2 s
(:func:`tests.fuzz.hostile.run_and_check`). Short by default; ``--fuzz-long``: >= 5,000 files."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz.figures import FIGURES
from tests.fuzz.hostile import RECORDS, SCENARIOS, byte_mutation, json_mutation, run_and_check, toml_mutation

SHORT = {"records": 300, "scenarios": 250}
LONG = {"records": 2600, "scenarios": 2600}
NAMES = ["x", "a\x1b[31mb", "r\u202eevil", "[b]markup[b]", "s p a c e", "ü"]


def _examples(long_run: bool, kind: str) -> int:
    return (LONG if long_run else SHORT)[kind]


def _settings(n: int) -> settings:
    return settings(
        max_examples=n,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )


def test_mutated_records(tmp_path_factory: pytest.TempPathFactory, long_run: bool) -> None:
    folder = tmp_path_factory.mktemp("fuzz-records")
    counter = itertools.count()
    bases = {p: p.read_bytes() for p in RECORDS}

    @_settings(_examples(long_run, "records"))
    @given(st.data())
    def check(data: st.DataObject) -> None:
        base = data.draw(st.sampled_from(sorted(bases)), label="base")
        mutation = data.draw(st.sampled_from([byte_mutation, json_mutation]), label="how")
        content = data.draw(mutation(bases[base]), label="content")
        name = data.draw(st.sampled_from(NAMES), label="name")
        command = data.draw(
            st.sampled_from([["validate"], ["validate"], ["replay"], ["debrief"]]), label="cmd"
        )
        path = Path(folder) / f"{next(counter)}-{name}.json"
        path.write_bytes(content)
        FIGURES["files"] += 1
        FIGURES["record files"] += 1
        run_and_check(path, *command)
        path.unlink()

    check()


def test_mutated_scenarios(tmp_path_factory: pytest.TempPathFactory, long_run: bool) -> None:
    folder = tmp_path_factory.mktemp("fuzz-scenarios")
    counter = itertools.count()
    bases = {p: p.read_bytes() for p in SCENARIOS}

    @_settings(_examples(long_run, "scenarios"))
    @given(st.data())
    def check(data: st.DataObject) -> None:
        base = data.draw(st.sampled_from(sorted(bases)), label="base")
        mutation = data.draw(st.sampled_from([byte_mutation, toml_mutation]), label="how")
        content = data.draw(mutation(bases[base]), label="content")
        name = data.draw(st.sampled_from(NAMES), label="name")
        path = Path(folder) / f"{next(counter)}-{name}.toml"
        path.write_bytes(content)
        FIGURES["files"] += 1
        FIGURES["scenario files"] += 1
        run_and_check(path, "validate")
        path.unlink()

    check()


def test_the_unmutated_bases_are_accepted(tmp_path: Path) -> None:
    """The fuzz starts from files that pass: every bundled scenario and record validates."""
    for path in [*SCENARIOS, *RECORDS]:
        assert run_and_check(path, "validate") == 0, path


def test_mutated_order_scripts(tmp_path_factory: pytest.TempPathFactory, long_run: bool) -> None:
    """Order scripts (``simulate --orders``, issue 15 item 4) are user files too: mutated, each
    runs or is one line naming the file."""
    import json
    import tomllib

    from tests.helpers import ROOT

    folder = tmp_path_factory.mktemp("fuzz-scripts")
    counter = itertools.count()
    toml_base = (ROOT / "examples" / "orders.toml").read_bytes()
    json_base = json.dumps(tomllib.loads(toml_base.decode())).encode()
    command = ["simulate", "--scenario", "dyad-testbed", "--seeds", "1", "--rounds", "6", "--orders"]

    @_settings(_examples(long_run, "scenarios") // 2)
    @given(st.data())
    def check(data: st.DataObject) -> None:
        suffix = data.draw(st.sampled_from([".toml", ".json"]), label="kind")
        base = toml_base if suffix == ".toml" else json_base
        text_mutation = toml_mutation if suffix == ".toml" else json_mutation
        mutation = data.draw(st.sampled_from([byte_mutation, text_mutation]), label="how")
        content = data.draw(mutation(base), label="content")
        name = data.draw(st.sampled_from(NAMES), label="name")
        path = Path(folder) / f"{next(counter)}-{name}{suffix}"
        path.write_bytes(content)
        FIGURES["files"] += 1
        FIGURES["order scripts"] += 1
        run_and_check(path, *command)
        path.unlink()

    check()
