"""Weekly recurrence: explicit DST cases in zones with unusual rules, keys, and validation."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.schedule import (
    WeeklyTime,
    next_daily,
    next_occurrence,
    next_planned,
    occurrence_key,
    occurrence_minus,
)
from tests.schedule.tzcases import iterate, utc

BERLIN = ZoneInfo("Europe/Berlin")
MON, THU, SAT, SUN = 0, 3, 5, 6


def local(zone: ZoneInfo, instant: datetime) -> datetime:
    return instant.astimezone(zone)


def test_a_skipped_time_fires_once_shifted_forward_by_the_gap() -> None:
    # Berlin springs from 02:00 CET to 03:00 CEST on 2026-03-29: 02:30 does not exist.
    plan = [WeeklyTime(SUN, time(2, 30))]
    runs = iterate(BERLIN, plan, utc(2026, 3, 27), utc(2026, 4, 6))
    assert [run.fire_at for run in runs] == [utc(2026, 3, 29, 1, 30), utc(2026, 4, 5, 0, 30)]
    assert local(BERLIN, runs[0].fire_at).time() == time(3, 30)
    assert runs[0].key == "2026-03-29T02:30@Europe/Berlin"


def test_a_repeated_time_fires_once_at_its_first_occurrence() -> None:
    # Berlin falls back from 03:00 CEST to 02:00 CET on 2026-10-25: 02:30 happens twice.
    plan = [WeeklyTime(SUN, time(2, 30))]
    runs = iterate(BERLIN, plan, utc(2026, 10, 24), utc(2026, 11, 2))
    assert [run.fire_at for run in runs] == [utc(2026, 10, 25, 0, 30), utc(2026, 11, 1, 1, 30)]
    assert local(BERLIN, runs[0].fire_at).utcoffset() == timedelta(hours=2)  # still CEST
    # Asking again from between the two 02:30s does not fire the second one.
    assert next_occurrence(BERLIN, plan, utc(2026, 10, 25, 1, 0)) == utc(2026, 11, 1, 1, 30)


def test_the_key_is_the_planned_local_time_whatever_the_shift() -> None:
    plan = [WeeklyTime(SUN, time(2, 30))]
    keys = {next_planned(BERLIN, plan, utc(2026, 3, day)).key for day in (23, 25, 28)}
    assert keys == {"2026-03-29T02:30@Europe/Berlin"}
    assert occurrence_key("Europe/Berlin", date(2026, 3, 29), time(2, 30)) in keys


def test_two_planned_times_on_the_same_instant_fire_once_as_the_earlier() -> None:
    # On the spring-forward day 02:00 (skipped) and 03:00 are both 03:00 CEST.
    plan = [WeeklyTime(SUN, time(2, 0)), WeeklyTime(SUN, time(3, 0))]
    runs = iterate(BERLIN, plan, utc(2026, 3, 28), utc(2026, 3, 30))
    assert [(run.fire_at, run.planned) for run in runs] == [(utc(2026, 3, 29, 1, 0), time(2, 0))]


@pytest.mark.parametrize(
    ("planned", "after", "expected_utc", "expected_local"),
    [
        # 02:30 is skipped on 2026-03-08: fires at 03:30 EDT.
        (WeeklyTime(SUN, time(2, 30)), utc(2026, 3, 7), utc(2026, 3, 8, 7, 30), time(3, 30)),
        # 01:30 repeats on 2026-11-01: fires at the first, EDT, one.
        (WeeklyTime(SUN, time(1, 30)), utc(2026, 10, 31), utc(2026, 11, 1, 5, 30), time(1, 30)),
    ],
)
def test_new_york(
    planned: WeeklyTime, after: datetime, expected_utc: datetime, expected_local: time
) -> None:
    zone = ZoneInfo("America/New_York")
    fire_at = next_occurrence(zone, [planned], after)
    assert fire_at == expected_utc
    assert local(zone, fire_at).time() == expected_local


def test_lord_howe_shifts_by_its_half_hour_gap() -> None:
    zone = ZoneInfo("Australia/Lord_Howe")
    # 2026-10-04: 02:00 +10:30 jumps to 02:30 +11, so 02:15 fires at 02:45.
    spring = next_occurrence(zone, [WeeklyTime(SUN, time(2, 15))], utc(2026, 10, 1))
    assert spring == utc(2026, 10, 3, 15, 45)
    assert local(zone, spring).time() == time(2, 45)
    # 2026-04-05: 02:00 +11 falls back to 01:30 +10:30, so 01:45 happens twice: the first wins.
    autumn = next_occurrence(zone, [WeeklyTime(SUN, time(1, 45))], utc(2026, 4, 1))
    assert autumn == utc(2026, 4, 4, 14, 45)
    assert local(zone, autumn).utcoffset() == timedelta(hours=11)


def test_apia_is_a_day_ahead_of_utc() -> None:
    # Monday 07:00 at UTC+13 is Sunday 18:00 UTC.
    fire_at = next_occurrence(ZoneInfo("Pacific/Apia"), [WeeklyTime(MON, time(7))], utc(2026, 6, 1))
    assert fire_at == utc(2026, 6, 7, 18, 0)


def test_kolkata_has_a_half_hour_offset_and_no_dst() -> None:
    zone = ZoneInfo("Asia/Kolkata")
    runs = iterate(zone, [WeeklyTime(MON, time(7))], utc(2026, 1, 1), utc(2027, 1, 1))
    assert len(runs) == 52
    assert {(run.fire_at.hour, run.fire_at.minute) for run in runs} == {(1, 30)}


def test_nuuk_pushes_a_saturday_night_time_into_sunday() -> None:
    # Nuuk springs from 23:00 -02 to 00:00 -01 on Saturday 2026-03-28: 23:30 fires at 00:30
    # on Sunday, and is still found when asked from just after that midnight.
    zone = ZoneInfo("America/Nuuk")
    plan = [WeeklyTime(SAT, time(23, 30))]
    found = next_planned(zone, plan, utc(2026, 3, 29, 1, 10))
    assert found.fire_at == utc(2026, 3, 29, 1, 30)
    assert local(zone, found.fire_at).replace(tzinfo=None) == datetime(2026, 3, 29, 0, 30)
    assert found.key == "2026-03-28T23:30@America/Nuuk"


def test_the_next_occurrence_is_strictly_after() -> None:
    plan = [WeeklyTime(THU, time(18, 30))]
    thursday = utc(2026, 6, 4, 16, 30)  # 18:30 CEST
    assert next_occurrence(BERLIN, plan, thursday - timedelta(seconds=1)) == thursday
    assert next_occurrence(BERLIN, plan, thursday) == thursday + timedelta(days=7)


def test_after_may_be_in_any_zone_and_the_result_is_utc() -> None:
    after = datetime(2026, 6, 4, 18, 0, tzinfo=BERLIN)
    fire_at = next_occurrence(BERLIN, [WeeklyTime(THU, time(18, 30))], after)
    assert fire_at == utc(2026, 6, 4, 16, 30)
    assert fire_at.tzinfo is UTC


def test_next_daily() -> None:
    assert next_daily(BERLIN, time(7), utc(2026, 6, 4, 5, 0)) == utc(2026, 6, 5, 5, 0)
    assert next_daily(BERLIN, time(7), utc(2026, 6, 4, 4, 59)) == utc(2026, 6, 4, 5, 0)


def test_a_lead_is_elapsed_time_across_a_dst_change() -> None:
    # An hour before 03:30 CEST on the spring-forward day is 01:30 CET, not 02:30.
    run_at = utc(2026, 3, 29, 1, 30)
    before = occurrence_minus(run_at, timedelta(hours=1))
    assert before == utc(2026, 3, 29, 0, 30)
    assert local(BERLIN, before).time() == time(1, 30)


def test_naive_instants_and_empty_plans_are_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        next_occurrence(BERLIN, [WeeklyTime(MON, time(7))], datetime(2026, 1, 1))
    with pytest.raises(ValueError, match="at least one"):
        next_occurrence(BERLIN, [], utc(2026, 1, 1))


@pytest.mark.parametrize(
    ("weekday", "planned"),
    [(7, time(7)), (-1, time(7)), (0, time(7, 0, 30)), (0, time(7, tzinfo=UTC))],
)
def test_weekly_times_are_weekday_and_minute(weekday: int, planned: time) -> None:
    with pytest.raises(ValueError):
        WeeklyTime(weekday, planned)


def test_a_planned_time_with_fold_set_still_fires_at_the_first_occurrence() -> None:
    plan = [WeeklyTime(SUN, time(2, 30, fold=1))]
    assert next_occurrence(BERLIN, plan, utc(2026, 10, 24)) == utc(2026, 10, 25, 0, 30)
