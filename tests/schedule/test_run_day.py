"""The rules behind a warm-up reminder's buttons (bot.domain.schedule.run_day) and the planned-run
spike (bot.domain.recovery.spike.planned_spikes): pure, times passed in."""

from datetime import UTC, date, datetime, time, timedelta

from bot.domain.recovery.spike import LoggedDistance, planned_spikes
from bot.domain.schedule.recurrence import WeeklyTime
from bot.domain.schedule.run_day import (
    PlannedOccurrence,
    day_is_over,
    offers_reminder,
    reminder_before,
    rested_weekdays,
    too_late_to_remind,
)
from bot.features.reminders.buttons import data, parse

RUN = PlannedOccurrence(
    "2026-11-23T07:00@Europe/Berlin", datetime(2026, 11, 23, 6, 0, tzinfo=UTC), "Europe/Berlin"
)
MONDAY = date(2026, 11, 23)


def test_a_reminder_before_the_run_is_offered_only_with_more_than_ten_minutes_to_go() -> None:
    assert offers_reminder(RUN.run_at, RUN.run_at - timedelta(minutes=15))
    assert not offers_reminder(RUN.run_at, RUN.run_at - timedelta(minutes=10))
    assert not too_late_to_remind(RUN, RUN.run_at - timedelta(minutes=11))
    assert too_late_to_remind(RUN, RUN.run_at - timedelta(minutes=10))


def test_the_reminder_before_is_keyed_by_the_run_and_late_at_its_start() -> None:
    firing = reminder_before(RUN)
    assert firing.fire_at == RUN.run_at - timedelta(minutes=10)
    assert firing.key == RUN.key and firing.event_at == RUN.run_at
    assert firing.deadline == RUN.run_at


def test_a_run_can_be_skipped_until_its_local_day_ends() -> None:
    midnight_berlin = datetime(2026, 11, 23, 23, 0, tzinfo=UTC)
    assert not day_is_over(RUN, midnight_berlin - timedelta(seconds=1))
    assert day_is_over(RUN, midnight_berlin)


def test_a_day_is_rest_only_when_all_its_runs_were_skipped_within_the_week() -> None:
    planned = {0: {time(7), time(18)}, 2: {time(7)}}
    wednesday = MONDAY + timedelta(days=2)
    one_of_two = {(MONDAY, time(7))}
    assert rested_weekdays(one_of_two, planned, wednesday) == frozenset()
    both = {(MONDAY, time(7)), (MONDAY, time(18)), (wednesday, time(7))}
    assert rested_weekdays(both, planned, wednesday) == {0, 2}
    assert rested_weekdays(both, planned, MONDAY + timedelta(days=7)) == {2}  # a week on
    assert rested_weekdays(both, planned, MONDAY + timedelta(days=9)) == frozenset()


def test_planned_spikes_are_judged_on_each_run_s_next_day() -> None:
    logged = [
        LoggedDistance(MONDAY - timedelta(days=40), 20_000),
        *(LoggedDistance(MONDAY - timedelta(days=back), 10_000) for back in (3, 10, 20)),
    ]
    saturday, tuesday = WeeklyTime(5, time(9, 30)), WeeklyTime(1, time(7))
    found = planned_spikes({saturday: 18_000, tuesday: 11_000}, logged, MONDAY)
    assert [(run, spike.percent_longer) for run, spike in found] == [(saturday, 80)]
    assert found[0][1].within_margin_metres == 11_000  # exactly 10% more is not a spike
    assert planned_spikes({saturday: 18_000}, logged[1:], MONDAY) == []  # not a month of log


def test_reminder_buttons_read_back_only_what_they_drew() -> None:
    assert parse(tuple(data("skip", 42).split(":")[1:])) == ("skip", 42)
    for forged in [("skip",), ("skip", "-1"), ("skip", "01"), ("drop", "42"), ("soon", "x")]:
        assert parse(forged) is None
