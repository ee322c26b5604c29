"""The rules of a runner's settings changes (bot.domain.runner): pure, today's date passed in."""

from dataclasses import replace
from datetime import UTC, date, datetime, time

from bot.domain.runner import (
    AddRun,
    Pause,
    RemoveRun,
    ReplaceRuns,
    Resume,
    RunnerSettings,
    SetQuiet,
    Stop,
    apply_change,
    local_today,
    overview_of,
)
from bot.domain.schedule.parse import MAX_RUNS
from bot.domain.schedule.quiet import QuietHours
from bot.domain.schedule.recurrence import WeeklyTime

TODAY = date(2026, 11, 23)
MONDAY_RUN = WeeklyTime(0, time(7))
SETTINGS = RunnerSettings(
    zone="Europe/Berlin",
    runs=(MONDAY_RUN,),
    lead_minutes=15,
    stretch_time=None,
    nudges=True,
    checkins=None,
    quiet=QuietHours(time(22), time(7)),
    paused_until=None,
    stopped=False,
)


def test_runs_are_added_once_kept_sorted_and_capped() -> None:
    sunday = WeeklyTime(6, time(9))
    added = apply_change(SETTINGS, AddRun(sunday), TODAY).settings
    assert added.runs == (MONDAY_RUN, sunday)
    assert apply_change(added, AddRun(sunday), TODAY).settings == added
    full = replace(SETTINGS, runs=tuple(WeeklyTime(0, time(hour)) for hour in range(MAX_RUNS)))
    assert apply_change(full, AddRun(sunday), TODAY).settings == full
    assert apply_change(added, RemoveRun(sunday), TODAY).settings.runs == (MONDAY_RUN,)


def test_each_run_keeps_its_own_distance_through_adds_and_removals() -> None:
    saturday = WeeklyTime(5, time(9, 30))
    planned = apply_change(SETTINGS, ReplaceRuns((MONDAY_RUN, saturday), {saturday: 18_000}), TODAY)
    assert planned.settings.distances == {saturday: 18_000}
    sunday = WeeklyTime(6, time(9))
    added = apply_change(planned.settings, AddRun(sunday), TODAY).settings
    assert added.distances == {saturday: 18_000}
    assert apply_change(added, RemoveRun(MONDAY_RUN), TODAY).settings.distances == {
        saturday: 18_000
    }
    assert apply_change(added, RemoveRun(saturday), TODAY).settings.distances == {}
    # A new typed plan replaces the distances with its own.
    assert apply_change(added, ReplaceRuns((saturday,)), TODAY).settings.distances == {}


def test_quiet_hours_change_one_edge() -> None:
    changed = apply_change(SETTINGS, SetQuiet("start", time(23)), TODAY).settings
    assert changed.quiet == QuietHours(time(23), time(7))


def test_a_pause_needs_a_timezone_and_drops_what_is_planned() -> None:
    paused = apply_change(SETTINGS, Pause(7), TODAY)
    assert paused.settings.paused_until == date(2026, 11, 30) and paused.drop_pending
    no_zone = replace(SETTINGS, zone=None)
    assert apply_change(no_zone, Pause(7), TODAY).settings == no_zone
    assert not apply_change(no_zone, Pause(7), TODAY).drop_pending


def test_stop_drops_what_is_planned_and_resume_ends_stop_and_pause() -> None:
    stopped = apply_change(SETTINGS, Stop(), TODAY)
    assert stopped.settings.stopped and stopped.drop_pending
    paused = apply_change(stopped.settings, Pause(3), TODAY)
    assert paused.settings == stopped.settings and not paused.drop_pending
    resumed = apply_change(stopped.settings, Resume(), TODAY).settings
    assert not resumed.stopped and resumed.paused_until is None


def test_the_overview_shows_a_pause_only_while_it_is_in_force() -> None:
    now = datetime(2026, 11, 29, 23, 30, tzinfo=UTC)  # already the 30th in Berlin
    assert local_today("Europe/Berlin", now) == date(2026, 11, 30)
    paused = replace(SETTINGS, paused_until=date(2026, 11, 30))
    assert overview_of(paused, {}, checkins=False, now=now).resume_on is None
    assert overview_of(paused, {}, checkins=False, now=now.replace(hour=12)).resume_on is not None
