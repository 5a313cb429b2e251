"""Shared paths and helpers for the test suite."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
REPLAYS = ROOT / "tests" / "replays"
DYAD = FIXTURES / "dyad.toml"
KOREA = ROOT / "scenarios" / "korea-2022.toml"
