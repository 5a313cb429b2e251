"""The scenario index (``wargame scenarios``) lists what the full models hold, without building them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from wargame.errors import InputError
from wargame.scenario import index
from wargame.scenario.load import load
from wargame.scenario.paths import bundled


@pytest.mark.parametrize("sid", sorted(bundled()))
def test_index_agrees_with_the_models(sid: str) -> None:
    path = bundled()[sid]
    e = index.entry(path)
    full = load(path)
    assert (e.id, e.year, e.title, e.actors) == (
        sid,
        full.model.scenario.year,
        full.model.scenario.title,
        full.rules.actor_ids,
    )


def test_listing_builds_no_model() -> None:
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "from wargame.cli import main; import sys\n"
            "try: main(['scenarios'])\nexcept SystemExit: pass\n"
            "print('pydantic' in sys.modules, 'wargame.scenario.models' in sys.modules)",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert out[-2:] == ["False", "False"]
    assert "korea-2022" in " ".join(out)


def test_a_value_over_several_lines_and_comments(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_text(
        '[scenario]\nid = "x"\ntitle = """Two\nlines"""  # a comment\nyear = 1999\n'
        '[world]\nid = "not an actor"\n[[actors]]\nid = "A"\n[actors.roles]\nid = "not one either"\n'
        '[[actors]]\n  id = "B" # indented\n',
        encoding="utf-8",
    )
    e = index.entry(path)
    assert (e.title, e.year, e.actors) == ("Two\nlines", 1999, ("A", "B"))
    assert index.line(e).startswith("x") and "\\n" in index.line(e)  # escaped, one line


def test_a_broken_header_is_the_full_loader_s_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('[scenario]\ntitle = "no year"\n[[actors]]\nid = "A"\n', encoding="utf-8")
    with pytest.raises(InputError) as info:
        index.entry(path)
    assert str(path) in info.value.message
