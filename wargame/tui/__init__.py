"""The Textual game: one player against AI states, or a class of 2-5 teams taking turns at one
machine (hot-seat), from the title screen to the debrief.

Import :func:`wargame.tui.app.run_app` (what ``wargame play`` calls) or
:func:`wargame.tui.app.make_app` (tests, snapshots, benchmarks). This package is the only one
that imports Textual; the engine never imports it (design.md principle 2).

Layout::

    app.py            WargameApp: holds the Game, saves, global keys, command palette; make_app, run_app
    picture.py        what the player may see (built from the engine's View): pure, no Textual
    saves.py          the save folder, the autosave and save listings
    hotseat.py        the classroom flow (HotSeatFlow): which screen comes next, the facilitator's actions
    screens/          title, setup, game, report (one round), debrief, help, load, save, quit,
                      confirm, replay; classroom: hotseat_setup (and resume), handoff (and the
                      pause and time-up cards), team_turn, reveal, facilitator, class_debrief
    widgets/          tension_meter, news_log, instrument_picker, perception_preview,
                      relations_table (one widget per module)
    wargame.tcss      the one stylesheet (screen layouts; widget defaults live in DEFAULT_CSS)

The debrief's data (outcome, turning points, the misperception ledger, Markdown) and the display
words (tension levels, Kahn rungs, MID levels) live in :mod:`wargame.analysis.ledger` and
:mod:`wargame.analysis.vocab`, shared with the headless ``wargame debrief``.

State flows down: the app holds the game, screens render widgets from :mod:`picture` values.
Intents flow up: widgets post messages (``InstrumentPicker.Highlighted``/``Chosen``), screens call
the app (``play_week``, ``save_to``, ``open_record``); only the game object changes state.

Classroom play: the session logic (turns, sealed orders, private views, the PIN, the log) is
:class:`wargame.classroom.HotSeat`, free of Textual; :class:`wargame.tui.hotseat.HotSeatFlow`
drives the screens over it. A team's screen is the game screen for its side, built only from its
view; every change of team passes through a full-screen hand-off card.

Nothing is imported here, so ``import wargame.tui`` costs nothing.
"""
