"""Quiet hours: across midnight, empty, and released exactly across DST changes."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.schedule import QuietHours
from tests.schedule.tzcases import (
    ALL_ZONES,
    SPAN_START,
    transitions,
    utc,
    wall_of,
)

BERLIN = ZoneInfo("Europe/Berlin")
NIGHT = QuietHours(time(22), time(7))
MINUTES = st.times().map(lambda t: t.replace(second=0, microsecond=0))
HOURS = st.timedeltas(timedelta(0), timedelta(hours=8)).map(lambda d: d - d % timedelta(minutes=1))


@pytest.mark.parametrize(
    ("wall", "quiet"),
    [
        (time(21, 59), False),
        (time(22, 0), True),
        (time(23, 59), True),
        (time(0, 0), True),
        (time(6, 59), True),
        (time(7, 0), False),
        (time(12, 0), False),
    ],
)
def test_quiet_hours_wrap_midnight(wall: time, quiet: bool) -> None:
    assert NIGHT.contains(datetime.combine(datetime(2026, 6, 1), wall)) is quiet


def test_quiet_hours_within_a_day() -> None:
    lunch = QuietHours(time(12), time(13, 30))
    assert lunch.contains(datetime(2026, 6, 1, 12, 0))
    assert not lunch.contains(datetime(2026, 6, 1, 13, 30))
    assert not lunch.contains(datetime(2026, 6, 1, 11, 59))


def test_equal_start_and_end_means_no_quiet_hours() -> None:
    none = QuietHours(time(7), time(7))
    assert not any(none.contains(datetime(2026, 6, 1, hour, 0)) for hour in range(24))
    assert none.release_time(BERLIN, utc(2026, 6, 1, 5, 0)) == utc(2026, 6, 1, 5, 0)


def test_contains_reads_the_wall_clock_of_an_aware_datetime() -> None:
    assert NIGHT.contains(datetime(2026, 6, 1, 23, 0, tzinfo=BERLIN))  # 21:00 UTC
    assert not NIGHT.contains(datetime(2026, 6, 1, 21, 0, tzinfo=BERLIN))


def test_release_outside_quiet_hours_is_now() -> None:
    assert NIGHT.release_time(BERLIN, utc(2026, 6, 1, 12, 0)) == utc(2026, 6, 1, 12, 0)


def test_release_is_the_end_of_the_night_in_the_zone() -> None:
    # 23:30 CEST on 1 June: released at 07:00 CEST on 2 June.
    assert NIGHT.release_time(BERLIN, utc(2026, 6, 1, 21, 30)) == utc(2026, 6, 2, 5, 0)
    # 03:00 CEST: released at 07:00 the same morning.
    assert NIGHT.release_time(BERLIN, utc(2026, 6, 2, 1, 0)) == utc(2026, 6, 2, 5, 0)


def test_release_across_spring_forward_lands_on_the_wall_clock_end() -> None:
    # The night of 28-29 March 2026 is an hour shorter; the end is still 07:00 CEST.
    assert NIGHT.release_time(BERLIN, utc(2026, 3, 28, 22, 0)) == utc(2026, 3, 29, 5, 0)


def test_an_end_inside_the_skipped_hour_releases_at_the_jump() -> None:
    # Quiet until 02:30, but 02:00 CET jumps straight to 03:00 CEST: released at the jump.
    quiet = QuietHours(time(22), time(2, 30))
    assert quiet.release_time(BERLIN, utc(2026, 3, 28, 22, 0)) == utc(2026, 3, 29, 1, 0)


def test_an_end_inside_the_repeated_hour_releases_at_its_first_occurrence() -> None:
    quiet = QuietHours(time(22), time(2, 30))
    assert quiet.release_time(BERLIN, utc(2026, 10, 24, 22, 0)) == utc(2026, 10, 25, 0, 30)


def test_falling_back_to_before_the_start_releases_at_the_fall() -> None:
    # Quiet 02:30-07:00; at 02:40 CEST the clock later falls from 03:00 CEST to 02:00 CET,
    # which is before 02:30: not quiet any more.
    quiet = QuietHours(time(2, 30), time(7))
    assert quiet.release_time(BERLIN, utc(2026, 10, 25, 0, 40)) == utc(2026, 10, 25, 1, 0)


@st.composite
def nights(draw: st.DrawFn) -> tuple[ZoneInfo, QuietHours, datetime]:
    """A zone, quiet hours and an instant; often quiet hours around one of the zone's offset
    changes, asked from before it."""
    name = draw(st.sampled_from(ALL_ZONES))
    changes = transitions(name)
    around_a_change: bool = draw(st.booleans())
    if changes and around_a_change:
        change = draw(st.sampled_from(changes))
        before, after = draw(HOURS), draw(HOURS)
        quiet = QuietHours(_minute(change.wall - before), _minute(change.wall + after))
        return ZoneInfo(name), quiet, change.at - draw(st.timedeltas(timedelta(0), before))
    at = draw(
        st.datetimes(
            min_value=SPAN_START.replace(tzinfo=None),
            max_value=datetime(2030, 12, 31),
            timezones=st.just(UTC),
        )
    )
    return ZoneInfo(name), QuietHours(draw(MINUTES), draw(MINUTES)), at


def _minute(wall: datetime) -> time:
    return wall.time().replace(second=0, microsecond=0)


@settings(max_examples=300, deadline=None)
@given(night=nights())
def test_release_is_the_first_instant_outside(night: tuple[ZoneInfo, QuietHours, datetime]) -> None:
    zone, quiet, at = night
    released = quiet.release_time(zone, at)
    assert released >= at
    assert not quiet.contains(wall_of(zone, released))
    assert released == at or quiet.contains(wall_of(zone, at))
    # Every whole minute in between is quiet.
    minute = at.replace(second=0, microsecond=0) + timedelta(minutes=1)
    while minute < released:
        assert quiet.contains(wall_of(zone, minute)), minute
        minute += timedelta(minutes=1)
