"""Wall clock <-> UTC in an IANA zone: the one place that decides what a missing hour means."""

import math
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

# Offsets are sampled this often when looking for a transition; no zone in tzdata has two
# transitions within an hour of each other.
_PROBE = timedelta(hours=1)


def as_utc(instant: datetime) -> datetime:
    """`instant` in UTC; a naive datetime is refused, since it names no instant."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError(f"expected an aware datetime, got naive {instant.isoformat()}")
    return instant.astimezone(UTC)


def to_utc(zone: ZoneInfo, day: date, wall: time) -> datetime:
    """The instant the wall clock in `zone` reads `wall` on `day`, with fold=0 (PEP 495).

    A doubled time (fall back) is its first occurrence. A missing time (spring forward) is read
    with the offset from before the gap, so it lands after the gap, shifted forward by the gap's
    length: Berlin 2026-03-29 02:30 is 01:30 UTC, 03:30 CEST.
    """
    local = datetime.combine(day, wall.replace(tzinfo=None, fold=0), tzinfo=zone)
    return local.astimezone(UTC)


def offset_at(zone: ZoneInfo, instant: datetime) -> timedelta:
    offset = instant.astimezone(zone).utcoffset()
    assert offset is not None  # a ZoneInfo always has an offset for an aware instant
    return offset


def next_transition(zone: ZoneInfo, start: datetime, stop: datetime) -> datetime | None:
    """The first instant in (start, stop] where the zone's UTC offset changes, to the second."""
    before = offset_at(zone, start)
    low = start
    while low < stop:
        high = min(low + _PROBE, stop)
        if offset_at(zone, high) != before:
            return _bisect(zone, low, high, before)
        low = high
    return None


def _bisect(zone: ZoneInfo, low: datetime, high: datetime, before: timedelta) -> datetime:
    # tzdata transitions fall on whole seconds, so bisect over whole seconds: the transition T
    # satisfies low < T <= high, hence floor(low) < T <= floor(high).
    low_s, high_s = math.floor(low.timestamp()), math.floor(high.timestamp())
    while high_s - low_s > 1:
        middle = (low_s + high_s) // 2
        if offset_at(zone, datetime.fromtimestamp(middle, UTC)) == before:
            low_s = middle
        else:
            high_s = middle
    return datetime.fromtimestamp(high_s, UTC)
