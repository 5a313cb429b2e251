"""The scenario guide's reference and the committed JSON Schema match the file format."""

from __future__ import annotations

import json

from click.testing import CliRunner

from tests.helpers import ROOT
from wargame.cli import main
from wargame.scenario.reference import BEGIN, END, markdown_reference, schema_json

DOCS = ROOT / "docs"


def test_guide_reference_is_generated_from_the_models() -> None:
    text = (DOCS / "scenarios.md").read_text()
    block = text.split(BEGIN, 1)[1].split(END, 1)[0].strip()
    assert block == markdown_reference().strip(), "run: python -m wargame.scenario.reference"


def test_committed_schema_matches_the_cli() -> None:
    committed = (DOCS / "scenario.schema.json").read_text()
    assert committed == schema_json(), "run: python -m wargame.scenario.reference"
    printed = CliRunner().invoke(main, ["schema", "scenario"]).stdout
    assert json.loads(printed) == json.loads(committed)


def test_every_field_is_documented() -> None:
    """Every field of every model has a docstring (it is the field's user documentation)."""
    schema = json.loads(schema_json())
    for name, model in schema["$defs"].items():
        for field, spec in model["properties"].items():
            assert spec.get("description"), f"{name}.{field} has no docstring"
