"""The Textual game: one player against AI states, from the title screen to the debrief.

Import :func:`wargame.tui.app.run_app` (what ``wargame play`` calls) or
:func:`wargame.tui.app.make_app` (tests, snapshots, benchmarks). This package is the only one
that imports Textual; the engine never imports it (design.md principle 2).

Layout::

    app.py            WargameApp: holds the Game, saves, global keys, command palette
    picture.py        what the player may see (built from the engine's View): pure, no Textual
    ledger.py         the debrief's data (outcome, turning points, misperception ledger, Markdown)
    saves.py          the save folder, autosave and save listings
    vocab.py          display words: tension levels, Kahn rungs, MID levels, trust words
    messages.py       messages posted by widgets and screens (intents flow up)
    screens/          title, setup, game, round report, debrief, help, load, save, quit, replay
    widgets/          tension meter, news log, instrument picker, preview, relations, charts
    wargame.tcss      the one stylesheet

Nothing is imported here, so ``import wargame.tui`` costs nothing.
"""
