"""Nudges and stretch posts are spread over a window after their time, stable per runner."""

from collections import Counter
from datetime import date, datetime, time, timedelta

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.schedule.quiet import QuietHours
from bot.domain.schedule.recurrence import WeeklyTime
from bot.domain.schedule.sources import (
    NUDGE_SPREAD,
    NUDGE_TIME,
    STRETCH_SPREAD,
    RunnerPlan,
    rules_for,
    spread,
)

QUIET = QuietHours(time(22, 0), time(7, 0))


def nudge_time(user_id: int) -> time:
    plan = RunnerPlan(
        zone="Europe/Berlin",
        runs=(WeeklyTime(0, time(7, 0)),),
        lead=timedelta(minutes=15),
        stretch_time=None,
        nudges=True,
        quiet=QUIET,
        spread_key=user_id,
    )
    (nudge,) = [rule for rule in rules_for(plan) if rule.kind == "nudge"]
    return nudge.local_time


def test_a_crowd_of_nudges_spreads_evenly_over_the_half_hour() -> None:
    minutes = Counter(nudge_time(user_id) for user_id in range(100_000_001, 100_003_001))
    assert len(minutes) == 30
    assert min(minutes) == NUDGE_TIME and max(minutes) == time(8, 59)
    assert max(minutes.values()) <= 3_000 / 30 * 1.2  # no minute much busier than its share


def test_a_runner_keeps_their_minute() -> None:
    assert nudge_time(100_000_042) == nudge_time(100_000_042)


@given(st.integers(0, 2**40), st.times(), st.times(), st.times())
def test_a_spread_time_never_crosses_midnight_or_enters_quiet_hours(
    key: int, nominal: time, quiet_start: time, quiet_end: time
) -> None:
    nominal = nominal.replace(second=0, microsecond=0)
    quiet = QuietHours(quiet_start.replace(microsecond=0), quiet_end.replace(microsecond=0))
    moved = spread(nominal, STRETCH_SPREAD, key, quiet)
    assert moved >= nominal
    assert moved == nominal or not quiet.contains(datetime.combine(date.min, moved))


def test_late_evening_stretches_stay_put_rather_than_move_into_quiet_hours() -> None:
    assert {spread(time(21, 55), STRETCH_SPREAD, key, QUIET) for key in range(50)} == {
        time(21, 55),
        *(time(21, 55 + m) for m in range(1, 5)),
    }
    never_quiet = QuietHours(time(0), time(0))
    late = {spread(time(23, 55), NUDGE_SPREAD, key, never_quiet) for key in range(100)}
    assert late == {time(23, minute) for minute in range(55, 60)}  # none into the next day
