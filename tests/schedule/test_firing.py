"""Check-ins: the morning question after a logged run and the after-run question, in local time."""

from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.schedule import QuietHours, WeeklyTime, is_late
from bot.domain.schedule.firing import morning_checkin, next_firing
from bot.domain.schedule.sources import CHECKIN_AFTER, RunnerPlan, rules_for
from tests.schedule.tzcases import utc

BERLIN = "Europe/Berlin"
NIGHT = QuietHours(time(22), time(7))


def plan(runs: tuple[WeeklyTime, ...], checkins: bool) -> RunnerPlan:
    return RunnerPlan(BERLIN, runs, timedelta(minutes=15), None, False, NIGHT, checkins)


def test_the_morning_question_comes_at_eight_the_next_local_morning() -> None:
    firing = morning_checkin(BERLIN, date(2026, 6, 1), NIGHT)
    assert firing.fire_at == utc(2026, 6, 2, 6, 0)  # 08:00 CEST
    assert firing.key == "2026-06-01"
    assert firing.deadline == utc(2026, 6, 2, 19, 0)  # 21:00 CEST


def test_the_morning_question_waits_for_late_quiet_hours() -> None:
    firing = morning_checkin(BERLIN, date(2026, 6, 1), QuietHours(time(23), time(9, 30)))
    assert firing.fire_at == utc(2026, 6, 2, 7, 30)


def test_the_morning_after_a_clock_change_is_still_eight_local() -> None:
    # Berlin springs forward on Sunday 29 March 2026.
    firing = morning_checkin(BERLIN, date(2026, 3, 28), NIGHT)
    assert firing.fire_at.astimezone(ZoneInfo(BERLIN)).time() == time(8)


def test_after_run_check_ins_follow_each_run_by_two_hours_only_when_wanted() -> None:
    runs = (WeeklyTime(0, time(7)), WeeklyTime(3, time(18, 30)))
    assert [rule.kind for rule in rules_for(plan(runs, False))] == ["warmup", "warmup"]
    postrun = [rule for rule in rules_for(plan(runs, True)) if rule.kind == "postrun"]
    assert [rule.weekdays for rule in postrun] == [(0,), (3,)]
    firing = next_firing(postrun[1], utc(2026, 6, 1, 0, 0))  # Monday 1 June
    assert firing.event_at == utc(2026, 6, 4, 16, 30)  # Thursday 18:30 CEST
    assert firing.fire_at == firing.event_at + CHECKIN_AFTER
    following = next_firing(postrun[1], firing.event_at - postrun[1].lead)
    assert following.event_at == firing.event_at + timedelta(weeks=1)


def test_a_late_run_s_check_in_is_dropped_rather_than_sent_the_next_morning() -> None:
    [rule] = [r for r in rules_for(plan((WeeklyTime(0, time(21)),), True)) if r.kind == "postrun"]
    firing = next_firing(rule, utc(2026, 6, 1, 0, 0))
    assert firing.fire_at == utc(2026, 6, 2, 5, 0)  # 23:00 is quiet: 07:00 CEST on Tuesday
    assert is_late("postrun", firing.fire_at, firing.deadline)
