"""The preview ("how will they read this?") equals the perception the engine then records.

In expectation mode no noise is drawn, and before any event card has moved a belief about the
player, the player's estimate of each capital's trust equals that capital's true trust; so every
number of the preview must equal the engine's perception record for the act: weight, perceived
offensiveness, evidence, the hostile reading, and trust before and after. The numbers compared
are those in the widget's data (what the screen renders).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui.conftest import end_week
from wargame.engine.news import reads_hostile
from wargame.tui.app import make_app
from wargame.tui.widgets.instrument_picker import InstrumentPicker
from wargame.tui.widgets.perception_preview import PerceptionPreview

INSTRUMENTS = [
    ("def_posture", "DPRK"),
    ("missile_test", "DPRK"),
    ("artillery_buffer", "DPRK"),
    ("threaten_force", "PRC"),
    ("talk", "DPRK"),
    ("humanitarian_aid", "DPRK"),
    ("sanctions_relief", "DPRK"),
    ("halt_combined_exercises", "DPRK"),
]


@pytest.mark.parametrize(("instrument", "target"), INSTRUMENTS)
async def test_preview_equals_recorded_perception_in_expectation_mode(
    save_dir: Path, instrument: str, target: str
) -> None:
    app = make_app("korea-2022", side="ROK", seed=1, save_dir=save_dir, mode="expectation", rounds=6)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        picker = app.screen.query_one(InstrumentPicker)
        picker.target = target
        picker.highlight(instrument)
        await pilot.pause()
        data = app.screen.query_one(PerceptionPreview).data
        assert data is not None and data.title.startswith(app.game.rules.instruments[instrument].name)  # type: ignore[union-attr]
        rows = {r.observer: r for r in data.rows}
        await end_week(pilot)
        game = app.game
        assert game is not None
        result = game.results[-1]
        recorded = {p.observer: p for p in result.perceptions if p.maker == "ROK"}
        act = next(a for a in result.acts if a.maker == "ROK")
        assert (act.instrument, act.target) == (instrument, target)
        assert set(rows) == set(recorded)
        for obs, p in recorded.items():
            r = rows[obs]
            assert p.perceived == p.instrument  # no noise in expectation mode
            assert r.weight == p.weight
            assert r.perceived_offense == pytest.approx(p.perceived_offense, abs=1e-12)
            assert r.evidence == pytest.approx(p.evidence, abs=1e-12)
            assert r.hostile == reads_hostile(game.rules, p.perceived, p.weight)
            assert r.trust_now == pytest.approx(p.trust_before, abs=1e-12)
            assert r.trust_after == pytest.approx(p.trust_after, abs=1e-12)


async def test_preview_evidence_matches_every_week_of_a_stochastic_game(save_dir: Path) -> None:
    """Weight, õ and evidence depend on the act alone: equal whenever no misreading was drawn."""
    app = make_app("korea-2022", side="ROK", seed=2, save_dir=save_dir, rounds=6)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for keys in (("enter",), ("down", "enter"), ("down", "enter"), ("up", "up", "enter")):
            data = app.screen.query_one(PerceptionPreview)
            picker = app.screen.query_one(InstrumentPicker)
            for k in keys[:-1]:
                await pilot.press(k)
            await pilot.pause()
            rows = {r.observer: r for r in data.data.rows}  # type: ignore[union-attr]
            chosen = picker.highlighted_instrument
            await end_week(pilot, ("enter",))
            result = app.game.results[-1]  # type: ignore[union-attr]
            assert chosen is not None
            compared = 0
            for p in result.perceptions:
                if p.maker != "ROK" or p.perceived != p.instrument:
                    continue  # another's act, or a misreading the preview cannot foresee
                compared += 1
                assert p.instrument == chosen.id
                assert rows[p.observer].evidence == pytest.approx(p.evidence, abs=1e-12)
                assert rows[p.observer].perceived_offense == pytest.approx(p.perceived_offense, abs=1e-12)
                assert rows[p.observer].weight == p.weight
            assert compared >= 2, "most of ROK's four observers read its act as made"


async def test_preview_never_shows_the_true_belief_of_others(save_dir: Path) -> None:
    """After an event card shifts beliefs, the preview uses the player's estimate, not the truth."""
    app = make_app("korea-2022", side="ROK", seed=1, save_dir=save_dir, mode="expectation", rounds=6)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for _ in range(2):  # week 2 fires an event that moves DPRK's and JPN's trust in ROK
            await end_week(pilot)
        game = app.game
        assert game is not None
        st = game.state
        rows = {r.observer: r for r in app.screen.query_one(PerceptionPreview).data.rows}  # type: ignore[union-attr]
        for obs in ("DPRK", "JPN"):
            assert rows[obs].trust_now == pytest.approx(st.estimated_trust_in("ROK", obs), abs=1e-12)
            assert rows[obs].trust_now != pytest.approx(st.trust(obs, "ROK"), abs=1e-6)
