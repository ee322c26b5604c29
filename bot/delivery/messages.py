"""What the scheduler sends: warm-up reminders, the stretch of the day and rest-day nudges, for
runners and for clubs; the reminder a runner asked for shortly before a run; and, for runners
logging their knee, after-run and next-morning check-ins.

A runner's messages read their status for the day at sending time: a walk-run plan turns the
warm-up into that session's reminder, and a recent red day turns the day's message into advice
to rest.
A renderer returns None when there is nothing left to ask (the run was logged meanwhile)."""

from collections.abc import Callable
from datetime import datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup

from bot.domain.content.daily import stretch_of_the_day
from bot.domain.content.library import Library
from bot.domain.recovery.status import RedDay, RunnerStatus
from bot.domain.schedule.plan import MANY_IN_A_ROW, days_in_a_row
from bot.domain.schedule.recurrence import WEEKDAYS, WeeklyTime, planned_of
from bot.domain.schedule.run_day import offers_reminder
from bot.features.clubs import club_warmup
from bot.features.library import (
    exercises_button,
    opening_below,
    stretch_button,
    stretch_of_the_day_screen,
    warmup_routine,
)
from bot.features.recovery import KNEEPAIN_HINT, ZONE_ICONS, ask_morning, ask_pain, session
from bot.features.reminders import run_day_rows, run_soon
from bot.features.settings import planned_spike_line
from bot.ui.calendar import day_label
from bot.ui.html import b, h
from bot.ui.screen import Screen


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
    @property
    def occurrence_key(self) -> str: ...  # the run's, for a runner's run reminders
    @property
    def not_before(self) -> datetime: ...  # when it was planned to go out


def _local(due: Due) -> datetime:
    return due.event_at.astimezone(ZoneInfo(due.zone))


def _red_day(library: Library, red: RedDay) -> str:
    """The pain rules' next step after the recent red day (its own sourced words)."""
    step = library.comeback.steps[red.verdict.step].text
    text = f"{ZONE_ICONS['red']} {b(f'Your run on {day_label(red.day)}')}: {h(step)}"
    if red.verdict.suggest_kneepain:
        text += f"\n{KNEEPAIN_HINT}"
    return text


def warmup_reminder(library: Library, due: Due, status: RunnerStatus) -> Screen:
    """The short routine, with the routine's own buttons for the full one and step by step;
    during a walk-run plan, the session of its current stage first; a planned distance that
    would be a spike, with the runner's numbers."""
    routine = warmup_routine(library, "quick")
    at = f"{_local(due):%H:%M}"
    if status.stage is None:
        parts = [f"🏃 {b(f'Your run at {at}')}: time to warm up."]
    else:
        comeback = library.comeback
        stage = comeback.programme.stages[status.stage - 1]
        title = f"Walk-run session at {at}, stage {status.stage} of {comeback.stage_count}"
        parts = [f"🏃 {b(title)}\n{h(session(stage))}\nWarm up first."]
    if status.red is not None:
        parts.append(_red_day(library, status.red))
    local = _local(due)
    day, run = planned_of(due.occurrence_key) or (
        local.date(),
        WeeklyTime(local.weekday(), local.time().replace(second=0, microsecond=0)),
    )
    if (spike := status.planned_spike(run, day)) is not None:
        parts.append(planned_spike_line(spike, status.unit))
    if (too_little_rest := _rest_warning(status, day.weekday())) is not None:
        parts.append(too_little_rest)
    offer = offers_reminder(due.event_at, due.not_before)
    markup = InlineKeyboardMarkup([*opening_below(routine), *run_day_rows(due.id, offer)])
    return Screen("\n\n".join([*parts, routine.text]), markup)


def _rest_warning(status: RunnerStatus, weekday: int) -> str | None:
    """Once a week, on the run that makes the streak long (or on the week's first run when the
    plan has no rest day): too little rest is a risk factor, so say so, gently. A day whose runs
    were skipped breaks the streak."""
    in_a_row = days_in_a_row(status.run_days, weekday, status.rested)
    if in_a_row == len(WEEKDAYS) and weekday == min(status.run_days):
        return (
            "💡 Your plan has no rest day this week. Rest is when training sinks in, and too "
            "little of it is a risk factor for knee pain: consider one easy day off."
        )
    if in_a_row == MANY_IN_A_ROW:
        return (
            f"💡 Day {in_a_row} in a row with a run: keep today easy, and plan a rest day soon. "
            "Too little rest is a risk factor for knee pain."
        )
    return None


def stretch_reminder(library: Library, due: Due) -> Screen:
    return stretch_of_the_day_screen(library, _local(due).date())


def club_warmup_reminder(library: Library, due: Due) -> Screen:
    """The warm-up before a club run, drawn by the clubs feature (it redraws it after each
    answer: running, walk-running or not making it)."""
    return club_warmup(library, due.id, due.event_at, due.zone, due.title)


def rest_day_nudge(library: Library, due: Due, status: RunnerStatus) -> Screen:
    today = _local(due).date()
    stretch = stretch_of_the_day(library.stretches, today)
    if status.red is None:
        advice = (
            "No run planned today: rest is when the training sinks in. If you feel like moving, "
            "an easy walk, some mobility or a short strength session all help the knees more "
            "than an extra run. Strength work is the one thing shown to prevent running injuries."
        )
        goal, label = "strength", "Strength exercises"
    else:
        advice = "No run planned today, and your knee needs the rest.\n\n" + _red_day(
            library, status.red
        )
        goal, label = "rehab", "Gentle rehab exercises"
    markup = InlineKeyboardMarkup(
        [
            [stretch_button(stretch)],
            [exercises_button(goal, label)],
        ]
    )
    return Screen(f"{b('Rest day')}\n\n{advice}", markup)


def run_soon_reminder(_library: Library, due: Due, status: RunnerStatus) -> Screen | None:
    """The one-off reminder a runner asked for shortly before their run; nothing if they said
    since that they are not running."""
    return None if due.occurrence_key in status.skipped else run_soon(_local(due))


def after_run_checkin(_library: Library, due: Due, status: RunnerStatus) -> Screen | None:
    """A couple of hours after a planned run: how did the knee do? Nothing if it is logged, or
    the runner said they were not running."""
    if status.logged_today or due.occurrence_key in status.skipped:
        return None
    question = ask_pain(status.stage is not None, status.stage)
    heading = (
        f"How did your {_local(due):%H:%M} run go? A few taps log it "
        "(or ignore this if you skipped it)."
    )
    return Screen(f"{heading}\n\n{question.text}", question.markup)


def morning_checkin(_library: Library, _due: Due, status: RunnerStatus) -> Screen | None:
    """The morning after a logged run: how does the knee feel? Nothing if already answered."""
    if status.waiting is None:
        return None
    return ask_morning(status.waiting.log_id, status.waiting.entry.day)


Render = Callable[[Library, Due, RunnerStatus], Screen | None]


def _club(render: Callable[[Library, Due], Screen]) -> Render:
    """Club posts are the same for every member: they do not read anyone's recovery."""
    return lambda library, due, _status: render(library, due)


RENDERERS: dict[str, Render] = {
    "warmup": warmup_reminder,
    "stretch": _club(stretch_reminder),
    "nudge": rest_day_nudge,
    "postrun": after_run_checkin,
    "run_soon": run_soon_reminder,
    "checkin": morning_checkin,
    "club_warmup": _club(club_warmup_reminder),
    "club_stretch": _club(stretch_reminder),
}
# The kinds whose renderer reads the runner's status (their plan and pain log) for the day.
READS_STATUS: frozenset[str] = frozenset({"warmup", "nudge", "postrun", "checkin", "run_soon"})
