"""What the scheduler sends: warm-up reminders, the stretch of the day and rest-day nudges."""

from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup

from bot.content.daily import stretch_of_the_day
from bot.content.library import Library
from bot.render.callback import encode
from bot.render.html import b
from bot.render.library import exercises, stretches, warmup
from bot.render.library.common import OPEN_ACTION, Screen, button


def warmup_reminder(library: Library, run_at: datetime, zone: str) -> Screen:
    """The short routine, with the routine's own buttons for the full one and step by step."""
    local = run_at.astimezone(ZoneInfo(zone))
    routine = warmup.routine(library, "quick")
    heading = f"🏃 {b(f'Your run at {local:%H:%M}')}: time to warm up."
    return Screen(f"{heading}\n\n{routine.text}", routine.markup)


def stretch_reminder(library: Library, planned_at: datetime, zone: str) -> Screen:
    return stretches.of_the_day(library, planned_at.astimezone(ZoneInfo(zone)).date())


def rest_day_nudge(library: Library, planned_at: datetime, zone: str) -> Screen:
    today = planned_at.astimezone(ZoneInfo(zone)).date()
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


RENDERERS = {
    "warmup": warmup_reminder,
    "stretch": stretch_reminder,
    "nudge": rest_day_nudge,
}
