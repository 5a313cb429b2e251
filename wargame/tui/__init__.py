"""The Textual game: one player against AI states, from the title screen to the debrief.

Import :func:`wargame.tui.app.run_app` (what ``wargame play`` calls) or
:func:`wargame.tui.app.make_app` (tests, snapshots, benchmarks). This package is the only one
that imports Textual; the engine never imports it (design.md principle 2).

Layout::

    app.py            WargameApp: holds the Game, saves, global keys, command palette; make_app, run_app
    picture.py        what the player may see (built from the engine's View): pure, no Textual
    saves.py          the save folder, the autosave and save listings
    screens/          title, setup, game, report (one round), debrief, help, load, save, quit,
                      confirm, replay
    widgets/          tension_meter, news_log, instrument_picker, perception_preview,
                      relations_table (one widget per module)
    wargame.tcss      the one stylesheet (screen layouts; widget defaults live in DEFAULT_CSS)

The debrief's data (outcome, turning points, the misperception ledger, Markdown) and the display
words (tension levels, Kahn rungs, MID levels) live in :mod:`wargame.analysis.ledger` and
:mod:`wargame.analysis.vocab`, shared with the headless ``wargame debrief``.

State flows down: the app holds the game, screens render widgets from :mod:`picture` values.
Intents flow up: widgets post messages (``InstrumentPicker.Highlighted``/``Chosen``), screens call
the app (``play_week``, ``save_to``, ``open_record``); only the game object changes state.

Nothing is imported here, so ``import wargame.tui`` costs nothing.
"""
