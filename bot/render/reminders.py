"""What the scheduler sends: warm-up reminders, the stretch of the day and rest-day nudges, for
runners and for clubs."""

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup

from bot.content.daily import stretch_of_the_day
from bot.content.library import Library
from bot.render.calendar import DAY_NAMES
from bot.render.callback import encode
from bot.render.clubs.common import DEFAULT_TITLE, GOING_ACTION
from bot.render.html import b, h
from bot.render.library import exercises, stretches, warmup
from bot.render.library.common import OPEN_ACTION, button
from bot.render.screen import Screen

MAX_NAMES = 40  # a longer list is summed up, so the message stays short


class Due(Protocol):
    """What a renderer reads from its outbox row (bot.db.models.Delivery)."""

    @property
    def id(self) -> int: ...
    @property
    def event_at(self) -> datetime: ...  # the run's start, or the planned send time
    @property
    def zone(self) -> str: ...
    @property
    def title(self) -> str | None: ...


def _local(due: Due) -> datetime:
    return due.event_at.astimezone(ZoneInfo(due.zone))


def warmup_reminder(library: Library, due: Due) -> Screen:
    """The short routine, with the routine's own buttons for the full one and step by step."""
    routine = warmup.routine(library, "quick")
    heading = f"🏃 {b(f'Your run at {_local(due):%H:%M}')}: time to warm up."
    return Screen(f"{heading}\n\n{routine.text}", routine.markup)


def stretch_reminder(library: Library, due: Due) -> Screen:
    return stretches.of_the_day(library, _local(due).date())


def club_warmup(library: Library, due: Due, coming: Sequence[str] = ()) -> Screen:
    """The short routine before a club run, and who is coming (first names, in tapping order).
    The full routine opens as a new message, so this one keeps its list."""
    local = _local(due)
    title = h(due.title or DEFAULT_TITLE)
    when = f"{DAY_NAMES[local.weekday()]} {local:%H:%M}"
    heading = f"🏃 {b(title)} · {when}\nTime to warm up together."
    routine = warmup.routine(library, "quick")
    shown = ", ".join(h(name) for name in coming[:MAX_NAMES])
    if len(coming) > MAX_NAMES:
        shown += f" and {len(coming) - MAX_NAMES} more"
    who = f"🙋 Running ({len(coming)}): {shown}" if coming else "🙋 Running? Tap below."
    markup = InlineKeyboardMarkup(
        [
            [button("🙋 I'm running", encode(GOING_ACTION, due.id))],
            [button("Full warm-up", encode(OPEN_ACTION, warmup.ACTION, "full"))],
        ]
    )
    return Screen(f"{heading}\n\n{routine.text}\n\n{who}", markup)


def rest_day_nudge(library: Library, due: Due) -> Screen:
    today = _local(due).date()
    stretch = stretch_of_the_day(library.stretches, today)
    text = (
        b("Rest day")
        + "\n\nNo run planned today: rest is when the training sinks in. If you feel like moving, "
        "an easy walk, some mobility or a short strength session all help the knees more than "
        "an extra run. Strength work is the one thing shown to prevent running injuries."
    )
    markup = InlineKeyboardMarkup(
        [
            [
                button(
                    f"Stretch: {stretch.name}",
                    encode(OPEN_ACTION, stretches.ACTION, "s", stretch.id),
                )
            ],
            [
                button(
                    "Strength exercises", encode(OPEN_ACTION, exercises.ACTION, "l", "strength", 0)
                )
            ],
        ]
    )
    return Screen(text, markup)


RENDERERS: dict[str, Callable[[Library, Due], Screen]] = {
    "warmup": warmup_reminder,
    "stretch": stretch_reminder,
    "nudge": rest_day_nudge,
    "club_warmup": club_warmup,
    "club_stretch": stretch_reminder,
}
