"""Help: the theory in a few lines, and every key."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP_TEXT = """\
## The security dilemma, in a few lines

* **Arming to feel safe makes others feel less safe** (Jervis 1978). No capital can see the
  others' intentions: each state is secretly a *security seeker* (it wants only to be safe) or
  *greedy* (it would take gains). Each infers the others' type from what they do.
* **Every act is evidence.** Shows of force look offensive unless they are legibly defensive;
  how well defence can be told from offence (*distinguishability*) and whether attack has the
  edge (*offense advantage*) decide how hard they hit. Costly concessions reassure more than
  cheap talk (Kydd 2005). Capitals read hostile acts as character and friendly ones as
  circumstance (Mercer 1996), and now and then simply misread an act.
* **Spiral or deterrence?** If your rival is a security seeker, your firmness feeds a spiral;
  if it is greedy, your concessions invite exploitation. You learn which only in the debrief.
* **Tension** (0-100) joins the hostility of recent acts and mutual fear (distrust × capability
  × offense advantage). Level 5 *Détente* (0-19), 4 *Watchful*, 3 *Elevated readiness*,
  2 *Crisis* (60-79), 1 *Brink* (80+). Above 70, and after rivals have used force on each
  other, every week carries a chance of **war by accident**, Schelling's "threat that leaves
  something to chance": strikes answered with strikes raise it fast, whatever the meter says.
* Each week is one round. You and the AI states order at the same time; all orders are revealed
  together. The game ends in war, in peace (every principal pair of rivals at a treaty or a
  sustained détente), or in stalemate at the round limit.

## Reading the screen

* **Tension meter**: level word and number, a bar, the history (one bar per week on an absolute
  scale; when the weeks outnumber the cells, each bar is the highest of its weeks, so every week
  counts) and the war risk: the chance of war by accident the coming week carries before anyone
  acts (from the tension and the recent force; a new strike adds to it).
* **Why**: after each week, the report and the news say why tension moved, in meter points that
  add up to the change (new acts, older acts fading, events, fear of a state, the arms race),
  and where each principal pair of rivals stands (crisis, armed clash, détente, treaty …).
* **Your move**: instruments by kind, with their **signal** and **cost**. *+ally* needs an
  ally's same order; *+sign* needs the target's signature; *⚠force* is a use of force.
* **How they'll read it**: each capital on one line (HOSTILE or calm, and its trust in you
  before → after, as *you estimate it*: ≈), then what each will probably say. An act that needs
  a partner says so, and what the engine does without one (the week's report then shows it).
* **Relations**: your trust in each actor (a number and a word), your estimate of its trust in
  you (≈) and the arms race (*spiral* or *steady*).
* **News**: each act dated, in its maker's words and as your capital read it, with the trust it
  moved. A misreading revealed later is marked ⚠.

## Plain view and expert view (e)

The screen speaks plainly by default; **e** adds the field's codes for those who want them.

| Term | One line |
|---|---|
| Signal ▲ ▼ | how much an act moves the others' suspicion of you: ▲ raises it, ▼ lowers it, · barely |
| cost | what the act costs you, materially and politically; costly concessions reassure more |
| ≈ | your *estimate* of another capital's trust in you (you never see the real one) |
| Trust | 0 (deep distrust) to 1 (high trust): how sure you are a state only seeks security |
| HOSTILE / calm | whether a capital will probably read the act as hostile |
| spiral / steady | whether the arms race with that state feeds on itself at your present distrust |
| War risk, P(war) | the chance of war by accident the coming week carries |
| CAMEO | the event code the act has in the CAMEO event-data scheme (e.g. 150 show of force) |
| G | the act's Goldstein weight, −10 (most hostile) to +10 (most cooperative) |
| MID | the Correlates of War dispute level: 1 none, 2 threat, 3 display, 4 use of force, 5 war |
| Kahn | the rung on Herman Kahn's 44-rung escalation ladder |
| K | a state's capability index (military strength) |
| ≈Theirs | your estimate of their trust in you (the plain view's "Theirs≈") |
| RUNAWAY / damped | the Richardson arms-race gauge: spiral / steady in the plain view |
| õ | how offensive the act will look, 0 to 1 |
| evidence | how far the act pushes a capital towards "you are greedy" (+ more suspicion, − less) |
| weight | the share of the evidence a bystander takes in (the target takes it all, an ally none) |
| escalation | Rivera's escalation score of the last week (points per actor) and its mean |

## Keys

| Key | What it does |
|---|---|
| ↑ ↓ | move through the instruments (the preview follows) |
| enter | choose the highlighted instrument as your order |
| t | next target |
| space | end the week: commit your order, reveal everyone's |
| f | filter the news by actor |
| e | plain view / expert view (the codes) |
| d | the debrief (when the game is over) |
| tab, shift+tab | move between panels (target, relations, news) |
| ctrl+s | save (to `saves/` or a path you type) |
| ctrl+p | command palette: every action by name |
| ? or F1 | this help |
| ctrl+q | quit (asks to save if weeks are unsaved) |
| escape | close a dialog; leave the debrief |

Title screen: **c** continue the autosave, **g** recent games, **n** new game, **h** classroom
(hot-seat), **l** load, **r** watch a replay, **q** quit. Debrief: **1 2 3** tabs, **a** all pairs
in the ledger, **x** export to Markdown, **h** to HTML, **m** rematch (same scenario and seed; choose another side
or other doctrines), **n** new game. Replay: **→ ←** (or n, p) next and previous
week, **v** whose view, **w** the world press, **d** debrief, **e** the codes. **o** (debrief and replay): *what
if?* play on from a week, the other states' AI as before or changed, same seed, in a new save.

The game autosaves after every week to `saves/autosave.json`; after a crash, **Continue**
resumes at the week it reached. No game is lost: when another game takes the autosave's place,
the one it held is kept in `saves/recent/`, and **Recent games** on the title lists them all to
continue.

**The debrief's ledger**, one row per act and capital that read it: *Maker→Obs* who acted → the
capital that read it; *Meant* what the maker did; *Read as* how that capital read it (*read HOSTILE*
or *read calm*: seen as the act it was; *⚠ MISREAD*: it saw another act; *ally: no alarm*);
*Trust* that capital's trust in the maker before → after; *Tension* the meter before → after the
week. **PageDown PageUp** (↑ ↓) scroll the open tab, or move the ledger's row.

**Goals**: a scenario may set your side a challenge (keep tension under 60 for 8 weeks, get a
treaty signed by week 20). The setup shows them; a note tells you when one is met or missed; the
debrief scores them.
"""


CLASS_HELP_TEXT = """\
## A classroom game (hot-seat)

* **Teams take turns at one keyboard.** Between teams a hand-off card fills the screen: pass the
  keyboard; type your team's code (e.g. **ROK**) and **enter** only when only your team is looking.
* **Your screen is your capital's view only**: your trust in each state, your estimate of their
  trust in you, how your capital read last week's acts, your brief (**b**: aims, fears, your
  secret type, intelligence). Nobody else's order or view is ever on it.
* **Choose** an instrument (↑ ↓, **enter**; **t** changes the target), then **space** and **y**
  to seal it. **escape** hides your screen behind your hand-off card without sealing.
* **The reveal**: when every order is sealed, the projector shows every move at once, then the
  world press (what each state did and said in public) and the tension meter. Your own capital's
  reading comes back to your team, privately, at its next turn.
* **The debrief** puts each capital's reading of the same week side by side, with every team's
  misperception ledger, the hidden types and the tension chart; it exports to Markdown and HTML.

## Keys in a classroom game

| Key | What it does |
|---|---|
| code, enter | hand-off card: type your team's code (e.g. ROK) and enter to begin your turn · reveal: enter, next step |
| ↑ ↓, enter | choose an instrument (the preview shows how each capital may read it) |
| t | next target |
| space, then y | seal your order (enter and n go back) |
| b | your brief |
| escape | hide your screen (nothing is sealed) |
| f | filter the news by actor |
| F2 | facilitator: pause, inject an event card, undo, reveal all, end, save (PIN if set) |
| ctrl+p | command palette |
| ? or F1 | this help |

Class debrief: **1-4** tabs, **p n** previous and next week side by side, **t** next team's
ledger, **x** export Markdown, **h** export HTML (as in a one-player debrief).

The game autosaves after every reveal; the title screen's **Continue** resumes it (the
facilitator sets the PIN again). Orders sealed in an unfinished week are not saved.
"""


class HelpScreen(ModalScreen[None]):
    """The help, over whatever screen was showing.

    Args:
        classroom: show the classroom (hot-seat) help first.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("question_mark", "close", "Close", show=False),
        Binding("f1", "close", "Close", show=False, priority=True),
    ]

    def __init__(self, classroom: bool = False) -> None:
        super().__init__()
        self.classroom = classroom

    def compose(self) -> ComposeResult:
        text = CLASS_HELP_TEXT + "\n" + HELP_TEXT if self.classroom else HELP_TEXT
        with Vertical(id="help-box", classes="dialog"), VerticalScroll():
            yield Markdown(text, id="help-text")

    def on_mount(self) -> None:
        box = self.query_one("#help-box")
        box.border_title = "Help"
        box.border_subtitle = "escape: close"
        self.query_one(VerticalScroll).focus()

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
