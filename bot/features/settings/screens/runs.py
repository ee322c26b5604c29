"""The weekly run plan: the list, adding a run by tapping (day, hour, minute), removing one,
clearing them all."""

from telegram import InlineKeyboardMarkup

from bot.domain.runner import RunnerOverview
from bot.domain.schedule.parse import DISTANCE_EXAMPLE, MAX_RUNS, ParseError
from bot.domain.schedule.plan import MANY_IN_A_ROW, plan_warnings
from bot.domain.schedule.recurrence import WeeklyTime
from bot.domain.units import format_distance
from bot.features.settings.screens.common import RUNS_EXAMPLE, back, data, rows, run_name
from bot.features.settings.screens.menu import status, with_note
from bot.ui.calendar import DAY_NAMES, DAYS
from bot.ui.html import b, h
from bot.ui.keyboards import button
from bot.ui.screen import Screen

MINUTES = tuple(range(0, 60, 5))
HOURS = tuple(range(24))

_WARNINGS = {
    "no_rest_day": (
        "💡 There's no rest day in this plan. Rest is when training sinks in, and too little of "
        "it is a risk factor for knee pain: consider one easy day off a week."
    ),
    "many_in_a_row": (
        f"💡 That's {MANY_IN_A_ROW} or more days in a row. A rest day in between gives your "
        "knees time to recover: too little rest is a risk factor for injury."
    ),
}


def warnings(runs: tuple[WeeklyTime, ...]) -> str:
    return "\n".join(_WARNINGS[warning] for warning in plan_warnings(runs))


def _lead_line(view: RunnerOverview) -> str:
    if not view.runs:
        return "No runs planned yet. Add the days and times you run: I'll remind you to warm up."
    return f"A warm-up reminder comes {view.lead_minutes} min before each run."


def _distance(view: RunnerOverview, run: WeeklyTime) -> str:
    metres = view.distances.get(run)
    return f", {format_distance(metres, view.unit or 'km')}" if metres is not None else ""


def runs_screen(view: RunnerOverview, note: str = "") -> Screen:
    listed = "\n".join(
        f"• {DAY_NAMES[run.weekday]} {run.time:%H:%M}{_distance(view, run)}" for run in view.runs
    )
    parts = [
        b("Your runs"),
        listed,
        _lead_line(view),
        warnings(view.runs),
        "🔔 " + status(view, "warmup"),
        f"Or type the whole plan: <code>{h(RUNS_EXAMPLE)}</code> (it replaces this one), with "
        f"a run's distance after its time if you like: <code>{h(DISTANCE_EXAMPLE)}</code>; "
        "/runs off clears it.",
    ]
    keyboard = []
    if len(view.runs) < MAX_RUNS:
        keyboard.append([button("➕ Add a run", data("run", "add"))])
    if view.runs:
        remove = button("➖ Remove a run", data("run", "rm"))
        keyboard.append([remove, button("🗑 Clear all", data("run", "clr"))])
    keyboard.append([back()])
    text = "\n\n".join(part for part in parts if part)
    return Screen(with_note(note, text), InlineKeyboardMarkup(keyboard))


def pick_day(_view: RunnerOverview) -> Screen:
    buttons = [button(name, data("run", "add", index)) for index, name in enumerate(DAYS)]
    text = b("Add a run") + "\n\nWhich day?"
    return Screen(text, InlineKeyboardMarkup([*rows(buttons, 4), [back("run")]]))


def pick_hour(weekday: int, _view: RunnerOverview) -> Screen:
    buttons = [button(f"{hour:02d}", data("run", "add", weekday, hour)) for hour in HOURS]
    text = b(f"Add a run on {DAY_NAMES[weekday]}") + "\n\nWhat hour do you start? (24-hour clock)"
    return Screen(text, InlineKeyboardMarkup([*rows(buttons, 6), [back("run", "add")]]))


def pick_minute(weekday: int, hour: int, _view: RunnerOverview) -> Screen:
    buttons = [
        button(f"{hour:02d}:{minute:02d}", data("run", "add", weekday, hour, minute))
        for minute in MINUTES
    ]
    text = b(f"Add a run on {DAY_NAMES[weekday]}") + f"\n\n{hour:02d}:… and the minutes?"
    return Screen(text, InlineKeyboardMarkup([*rows(buttons, 4), [back("run", "add", weekday)]]))


def pick_removal(view: RunnerOverview) -> Screen:
    buttons = [
        button(
            f"✕ {run_name(run, view.distances.get(run))}",
            data("run", "rm", run.weekday, run.time.hour, run.time.minute),
        )
        for run in view.runs
    ]
    text = b("Remove a run") + "\n\n" + ("Tap the run to remove." if view.runs else "No runs left.")
    return Screen(text, InlineKeyboardMarkup([*rows(buttons, 2), [back("run")]]))


def confirm_clear(view: RunnerOverview) -> Screen:
    count = len(view.runs)
    text = (
        b("Clear your run plan?")
        + f"\n\nThis removes {'all ' if count > 1 else ''}{count} run{'s' if count != 1 else ''} "
        "and their warm-up reminders. Your other settings stay."
    )
    keyboard = [[button("Yes, clear all runs", data("run", "clr", "yes"))], [back("run")]]
    return Screen(text, InlineKeyboardMarkup(keyboard))


def unreadable(error: ParseError) -> str:
    """A typed plan that could not be read (the message includes an example)."""
    return f"{h(error.message)}\n\nNothing was changed."
