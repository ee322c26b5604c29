"""What the warm-up reminder's buttons show: the buttons themselves, the message a skip edits it
into (with an undo), the run back on, the one-off reminder, and the answers to a press."""

from datetime import datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.content.library import Library
from bot.domain.schedule.run_day import REMIND_BEFORE
from bot.features.library import warmup_routine
from bot.features.reminders.buttons import data
from bot.ui.html import b
from bot.ui.keyboards import button
from bot.ui.screen import Screen

_MINUTES = int(REMIND_BEFORE.total_seconds() // 60)


def run_day_rows(delivery_id: int, offer_reminder: bool) -> list[list[InlineKeyboardButton]]:
    """Under a warm-up reminder: skip the run and, where there is time, a reminder before it
    (a row each: side by side, a phone cuts labels this long)."""
    rows = [[button("🛌 Not running today", data("skip", delivery_id))]]
    if offer_reminder:
        rows.append([button(f"⏰ Remind me {_MINUTES} min before", data("soon", delivery_id))])
    return rows


def skipped(at: datetime, delivery_id: int) -> Screen:
    text = (
        f"🛌 {b(f'Not running today: your {at:%H:%M} run is skipped.')}\n"
        "No after-run check-in for it, and today counts as a rest day. Rest is when the "
        "training sinks in."
    )
    undo = button("↩️ Undo: I'm running", data("undo", delivery_id))
    return Screen(text, InlineKeyboardMarkup([[undo]]))


def back_on(library: Library, at: datetime, delivery_id: int, offer_reminder: bool) -> Screen:
    """The run on again: the short warm-up and the reminder's buttons, as it came."""
    routine = warmup_routine(library, "quick")
    text = f"🏃 {b(f'Back on: your run at {at:%H:%M}')}. Time to warm up.\n\n{routine.text}"
    routine_rows = routine.markup.inline_keyboard if routine.markup is not None else ()
    rows = [*routine_rows, *run_day_rows(delivery_id, offer_reminder)]
    return Screen(text, InlineKeyboardMarkup(rows))


def run_soon(at: datetime) -> Screen:
    """The one-off reminder shortly before the run."""
    return Screen(f"⏰ {b(f'Your run at {at:%H:%M} starts in {_MINUTES} minutes.')} Warmed up?")


def reminder_set(fire_at: datetime) -> str:
    return f"⏰ I'll remind you at {fire_at:%H:%M}."


def reminder_already(fire_at: datetime) -> str:
    return f"⏰ Already set: I'll remind you at {fire_at:%H:%M}, once."


def too_late(at: datetime) -> str:
    return f"It's less than {_MINUTES} minutes to your {at:%H:%M} run now: enjoy it!"


def reminders_off() -> str:
    return (
        "Your reminders are paused or stopped that day, so I won't send one. /resume turns them on."
    )


def skipped_already() -> str:
    return "You said you're not running today. Tap Undo first to be reminded."


def day_over() -> str:
    return "That run's day is over: nothing to change. /log records a run."
