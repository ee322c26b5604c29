"""What the scheduler posts for a club: the warm-up before a club run, with its answers (who is
running, who is walk-running, how many can't make it). The same screen is drawn again after each
tap on an answer."""

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup

from bot.domain.club import DEFAULT_TITLE, Answer, Turnout
from bot.domain.content.library import Library
from bot.features.clubs.buttons import going_data
from bot.features.library import full_warmup_button, warmup_routine
from bot.ui.calendar import DAY_NAMES
from bot.ui.html import b, h
from bot.ui.keyboards import button
from bot.ui.screen import Screen

# A longer list is summed up, so the message stays short: two lists of 20 names of up to 64
# characters and the routine fit Telegram's 4,096 (tests/test_club.py).
MAX_NAMES = 20
NO_ANSWERS = Turnout()  # what a post shows when it is first sent

LABELS: dict[Answer, str] = {
    "run": "🙋 I'm running",
    "walk": "🚶 Walk-run",
    "out": "🙅 Can't make it",
}


def run_label(title: str | None, run_starts: datetime, zone: str) -> str:
    """'Track session · Tuesday 18:30' (escaped), in the club's zone."""
    local = run_starts.astimezone(ZoneInfo(zone))
    return f"{h(title or DEFAULT_TITLE)} · {DAY_NAMES[local.weekday()]} {local:%H:%M}"


def _names(names: Sequence[str]) -> str:
    shown = ", ".join(h(name) for name in names[:MAX_NAMES])
    if len(names) > MAX_NAMES:
        shown += f" and {len(names) - MAX_NAMES} more"
    return shown


def _answers(turnout: Turnout) -> str:
    if not turnout.answered:
        return "🙋 Coming? Tap your answer below."
    lines = [
        f"{icon} {label} ({len(names)}): {_names(names)}"
        for icon, label, names in (
            ("🙋", "Running", turnout.running),
            ("🚶", "Walk-run", turnout.walking),
        )
        if names
    ]
    # A count only: nobody owes the group a reason, or even their name, for staying away.
    if turnout.out:
        lines.append(f"🙅 Can't make it: {turnout.out}")
    return "\n".join(lines)


def club_warmup(
    library: Library,
    delivery_id: int,
    run_starts: datetime,
    zone: str,
    title: str | None,
    turnout: Turnout = NO_ANSWERS,
) -> Screen:
    """The short routine before the club run starting at `run_starts` (shown in `zone`), and the
    answers so far; sent as delivery `delivery_id`, which its answer buttons name. The full
    routine opens as a new message, so this one keeps its answers."""
    heading = f"🏃 {b(run_label(title, run_starts, zone))}"
    routine = warmup_routine(library, "quick")
    markup = InlineKeyboardMarkup(
        [
            [button(LABELS[answer], going_data(delivery_id, answer)) for answer in ("run", "walk")],
            [button(LABELS["out"], going_data(delivery_id, "out"))],
            [full_warmup_button()],
        ]
    )
    text = f"{heading}\nTime to warm up together.\n\n{routine.text}\n\n{_answers(turnout)}"
    return Screen(text, markup)
