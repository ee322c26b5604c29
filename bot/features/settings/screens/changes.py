"""How each change a runner makes (bot.domain.runner) is confirmed: in their local time, with the
next reminder it leads to. Buttons and typed commands make the same changes."""

from collections.abc import Sequence

from telegram import InlineKeyboardMarkup

from bot.domain.runner import (
    AddRun,
    Pause,
    RemoveRun,
    ReplaceRuns,
    Resume,
    RunnerChange,
    RunnerOverview,
    SetCheckins,
    SetLead,
    SetNudges,
    SetPaper,
    SetQuiet,
    SetStretch,
    SetUnit,
    SetZone,
    Stop,
)
from bot.domain.schedule.parse import MAX_RUNS
from bot.domain.units import UNIT_NAMES
from bot.features.settings.screens import options, runs
from bot.features.settings.screens.common import (
    clock,
    data,
    quiet_text,
    run_list,
    run_name,
)
from bot.features.settings.screens.menu import menu, status
from bot.features.settings.screens.spike import PlannedSpike, spike_lines
from bot.features.settings.screens.timezone import inverted_sign, local_time
from bot.ui.calendar import weekday_date
from bot.ui.html import b, h
from bot.ui.keyboards import button
from bot.ui.screen import Screen


def _pause_note(change: Pause, view: RunnerOverview) -> str:
    if view.stopped:
        return "Reminders are stopped, so there's nothing to pause. Nothing was changed."
    if view.resume_on is None:  # no timezone, so no local date to pause until
        return (
            "Nothing to pause yet: reminders start once you set your timezone. Nothing was changed."
        )
    return (
        f"⏸ Paused for {change.days} day{'s' if change.days != 1 else ''}: reminders start again "
        f"on {b(weekday_date(view.resume_on))} at 00:00. /resume brings them back sooner."
    )


def _headline(change: RunnerChange, view: RunnerOverview) -> str:
    match change:
        case SetZone(zone=zone):
            there = local_time(zone, view)
            return f"✅ Timezone: {b(h(zone))} ({there} there now).{inverted_sign(zone, view)}"
        case ReplaceRuns(runs=()):
            return "✅ Your run plan is cleared."
        case ReplaceRuns():
            where = f" ({h(view.zone)})" if view.zone else ""
            return f"✅ Runs: {run_list(view.runs, view.distances, view.unit or 'km')}{where}."
        case AddRun(run=run) if run in view.runs:
            return f"✅ Added: {run_name(run)}."
        case AddRun():
            return f"You have {MAX_RUNS} runs, the most I can remind you of: remove one first."
        case RemoveRun(run=run):
            return f"✅ Removed: {run_name(run)}."
        case SetLead(minutes=minutes):
            return f"✅ Warm-up reminders {minutes} min before each run."
        case SetStretch(at=None):
            return "✅ Stretch of the day: off."
        case SetStretch(at=at) if at is not None:
            return f"✅ Stretch of the day at {clock(at)}."
        case SetNudges(on=True):
            return "✅ Rest-day nudges on: a short morning note on days without a run."
        case SetNudges():
            return "✅ Rest-day nudges off."
        case SetCheckins(on=True):
            return (
                "✅ After-run check-ins on: two hours after each planned run, a few taps on the "
                "knee, the distance and the time for your pain log (/log)."
            )
        case SetCheckins():
            return "✅ After-run check-ins off. You can still log any run with /log."
        case SetQuiet() if view.quiet.start == view.quiet.end:
            # Start and end the same: no quiet hours at all, said so, not a silent "none".
            both = clock(view.quiet.start)
            return (
                f"✅ Quiet hours off: start and end are both {both}. Move one to have them again."
            )
        case SetQuiet():
            return f"✅ Quiet hours: {quiet_text(view.quiet)}."
        case SetUnit(unit=unit):
            return f"✅ Distances in {UNIT_NAMES[unit]}."
        case SetPaper(paper=paper):
            return f"✅ /report on {paper} paper."
        case Pause():
            return _pause_note(change, view)
        case Resume():
            return "▶️ Reminders are on."
        case Stop():
            return (
                "⏹ All reminders are off. Your plan and settings are kept until you delete "
                "them with /deletemydata. Send /resume to turn reminders back on."
            )
    raise AssertionError(f"unhandled change {change!r}")


def _kind(change: RunnerChange) -> str | None:
    """The reminder the change is about, for 'Next warm-up reminder: ...'."""
    match change:
        case ReplaceRuns() | AddRun() | RemoveRun() | SetLead():
            return "warmup"
        case SetStretch():
            return "stretch"
        case SetNudges():
            return "nudge"
        case SetCheckins():
            return "postrun"
    return None


def note(change: RunnerChange, view: RunnerOverview) -> str:
    """The confirmation: what changed, the next reminder (or why none), and plan warnings."""
    parts = [_headline(change, view)]
    if not isinstance(change, Stop | Pause):
        parts.append(status(view, _kind(change)))
    if isinstance(change, ReplaceRuns | AddRun):
        parts.append(runs.warnings(view.runs))
    return "\n".join(part for part in parts if part)


def after_press(change: RunnerChange, view: RunnerOverview) -> Screen:
    """A change made by tapping: the confirmation above the screen it was made from."""
    match change:
        case ReplaceRuns() | AddRun() | RemoveRun():  # the runs screen has the rest: say it once
            return runs.runs_screen(view, _headline(change, view))
        case SetQuiet():
            return options.quiet(view, note(change, view))
    return menu(view, note(change, view))


def after_command(
    change: RunnerChange, view: RunnerOverview, spikes: Sequence[PlannedSpike] = ()
) -> Screen:
    """A change made by typing: the confirmation, the planned runs whose distance would be a
    spike, and the one or two buttons likely needed next."""
    keyboard = []
    if view.stopped:
        keyboard.append([button("▶️ Turn reminders on", data("on"))])
    elif view.zone is None:
        keyboard.append([button("🌍 Set your timezone", data("tz"))])
    elif not view.runs:
        keyboard.append([button("➕ Add a run", data("run", "add"))])
    keyboard.append([button("⚙️ All settings", data())])
    text = "\n\n".join(
        part for part in (note(change, view), spike_lines(spikes, view.unit or "km")) if part
    )
    return Screen(text, InlineKeyboardMarkup(keyboard))
