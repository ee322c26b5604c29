"""Deadlines per kind: late deliveries are dropped, never sent at 3 a.m."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.schedule import KINDS, Kind, deadline, is_late
from tests.schedule.tzcases import utc, wall_of

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize("kind", ["warmup", "club_warmup"])
def test_a_warmup_is_due_by_the_run_start(kind: Kind) -> None:
    start = utc(2026, 6, 1, 5, 0)
    assert deadline(kind, start - timedelta(minutes=30), start, BERLIN) == start


@pytest.mark.parametrize("kind", ["warmup", "club_warmup"])
def test_a_warmup_needs_the_run_start(kind: Kind) -> None:
    with pytest.raises(ValueError, match="start"):
        deadline(kind, utc(2026, 6, 1), None, BERLIN)


@pytest.mark.parametrize("kind", ["warmup", "club_warmup"])
def test_a_warmup_arriving_without_time_to_do_it_is_late(kind: Kind) -> None:
    start = utc(2026, 6, 1, 5, 0)
    assert not is_late(kind, start - timedelta(minutes=10), start)
    assert not is_late(kind, start - timedelta(minutes=3), start)
    assert is_late(kind, start - timedelta(minutes=2), start)
    assert is_late(kind, start + timedelta(minutes=1), start)


@pytest.mark.parametrize("kind", ["stretch", "club_stretch"])
def test_a_stretch_post_can_wait_two_hours(kind: Kind) -> None:
    fire_at = utc(2026, 6, 1, 16, 0)
    due = deadline(kind, fire_at, None, BERLIN)
    assert due == fire_at + timedelta(hours=2)
    assert not is_late(kind, due, due)
    assert is_late(kind, due + timedelta(seconds=1), due)


@pytest.mark.parametrize("kind", ["nudge", "checkin"])
def test_a_nudge_belongs_to_its_local_day_until_21(kind: Kind) -> None:
    # 08:00 CEST: due at 21:00 CEST the same day.
    assert deadline(kind, utc(2026, 6, 1, 6, 0), None, BERLIN) == utc(2026, 6, 1, 19, 0)


@pytest.mark.parametrize("kind", ["nudge", "checkin"])
def test_a_nudge_planned_after_21_is_already_late(kind: Kind) -> None:
    fire_at = utc(2026, 6, 1, 20, 0)  # 22:00 CEST
    due = deadline(kind, fire_at, None, BERLIN)
    assert due < fire_at
    assert is_late(kind, fire_at, due)


def test_a_nudge_uses_the_local_date_not_the_utc_one() -> None:
    # 07:00 in Auckland on 2 June is 19:00 UTC on 1 June.
    zone = ZoneInfo("Pacific/Auckland")
    due = deadline("nudge", utc(2026, 6, 1, 19, 0), None, zone)
    assert wall_of(zone, due) == datetime(2026, 6, 2, 21, 0)


def test_a_night_delivery_is_never_in_time_for_a_nudge() -> None:
    # A nudge held back until 03:00 the next morning (by an outage, say) is dropped.
    fire_at = utc(2026, 6, 1, 6, 0)
    due = deadline("nudge", fire_at, None, BERLIN)
    assert is_late("nudge", utc(2026, 6, 2, 1, 0), due)


def test_every_kind_has_a_policy() -> None:
    start = utc(2026, 6, 1, 18, 0)
    for kind in KINDS:
        due = deadline(kind, start - timedelta(hours=1), start, BERLIN)
        assert due.tzinfo is UTC
        assert wall_of(BERLIN, due).time() <= time(21, 0)


def test_an_after_run_check_in_belongs_to_the_run_s_day() -> None:
    start = utc(2026, 6, 1, 16, 0)  # 18:00 CEST
    due = deadline("postrun", start + timedelta(hours=2), start, BERLIN)
    assert due == utc(2026, 6, 1, 22, 0)  # midnight CEST
    with pytest.raises(ValueError, match="start"):
        deadline("postrun", start, None, BERLIN)
