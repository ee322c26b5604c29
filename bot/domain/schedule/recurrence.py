"""Weekly and daily recurrence in an IANA zone, stepped over local dates and converted to UTC.

DST semantics (all in `wall.to_utc`): a planned time in a skipped hour fires once, shifted forward
by the gap (02:30 on a 02:00->03:00 day fires at 03:30 local); a planned time in a repeated hour
fires once, at its first occurrence. Planned times that land on the same instant (02:00 and 03:00
on that spring-forward day) fire once, as the earlier planned time.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.schedule.wall import as_utc, to_utc

WEEKDAYS = range(7)  # 0 = Monday, as datetime.weekday()

# Dates scanned around `after`: one day back, because a time in a gap late on the previous day
# can be pushed past midnight; a week ahead, where every weekday has come round again.
_SCAN_DAYS = range(-1, 8)
_WEEK = timedelta(days=7)


@dataclass(frozen=True, order=True, slots=True)
class WeeklyTime:
    """A planned wall-clock time on a weekday, to the minute."""

    weekday: int  # 0 = Monday .. 6 = Sunday
    time: time

    def __post_init__(self) -> None:
        if self.weekday not in WEEKDAYS:
            raise ValueError(f"weekday must be 0 (Monday) to 6 (Sunday), got {self.weekday}")
        if self.time.tzinfo is not None:
            raise ValueError("a planned time is a wall-clock time: it must not carry a tzinfo")
        if self.time.second or self.time.microsecond:
            # The occurrence key has minute resolution; finer times would share keys.
            raise ValueError(f"a planned time is to the minute, got {self.time.isoformat()}")


@dataclass(frozen=True, order=True, slots=True)
class Occurrence:
    """One planned run of a schedule: when it fires, and what was planned."""

    fire_at: datetime  # aware, UTC
    local_date: date  # the local date it was planned for
    planned: time  # the planned wall time, which may not exist on that date
    zone: str

    @property
    def key(self) -> str:
        """Stable across DST shifts and recomputation, e.g. '2026-03-29T02:30@Europe/Berlin'."""
        return occurrence_key(self.zone, self.local_date, self.planned)


def occurrence_key(zone: str, local_date: date, planned: time) -> str:
    return f"{local_date.isoformat()}T{planned:%H:%M}@{zone}"


def planned_of(key: str) -> tuple[date, WeeklyTime] | None:
    """The local date and planned run an occurrence key names: what was planned, even where a
    clock change moved the firing (a 02:30 run on the spring-forward night fires at 03:30).
    None for a key of another shape."""
    day, _, rest = key.partition("T")
    try:
        local_date, planned = date.fromisoformat(day), time.fromisoformat(rest.partition("@")[0])
    except ValueError:
        return None
    return local_date, WeeklyTime(local_date.weekday(), planned)


def next_planned(zone: ZoneInfo, times: Sequence[WeeklyTime], after: datetime) -> Occurrence:
    """The first occurrence of `times` in `zone` that fires strictly after `after`."""
    if not times:
        raise ValueError("a schedule needs at least one planned time")
    start = as_utc(after)
    by_weekday: dict[int, list[time]] = {}
    for planned in times:
        by_weekday.setdefault(planned.weekday, []).append(planned.time)
    first_day = start.astimezone(zone).date()
    candidates = []
    for offset in _SCAN_DAYS:
        day = first_day + timedelta(days=offset)
        for wall in by_weekday.get(day.weekday(), ()):
            fire_at = to_utc(zone, day, wall)
            if fire_at > start:
                candidates.append(Occurrence(fire_at, day, wall, zone.key))
    return min(candidates)  # ties on fire_at go to the earlier planned date and time


def next_weekly(
    zone: ZoneInfo, weekday: int, wall: time, after: datetime, local_day: date
) -> datetime:
    """`next_occurrence(zone, (WeeklyTime(weekday, wall),), after)` given `after`'s local date
    in `zone`: the dates `next_planned` scans, but only those on `weekday` (at most two),
    earliest first, up to the first that fires after `after`."""
    back = (local_day.weekday() - weekday) % 7
    day = local_day - timedelta(days=back if back <= 1 else back - 7)
    last = local_day + timedelta(days=_SCAN_DAYS[-1])
    while day <= last:
        fire_at = to_utc(zone, day, wall)
        if fire_at > after:
            return fire_at
        day += _WEEK
    raise ValueError(f"no {wall} on weekday {weekday} in the week after {after.isoformat()}")


def next_occurrence(zone: ZoneInfo, times: Sequence[WeeklyTime], after: datetime) -> datetime:
    """The UTC instant of `next_planned`."""
    return next_planned(zone, times, after).fire_at


def next_daily(zone: ZoneInfo, local_time: time, after: datetime) -> datetime:
    return next_occurrence(zone, daily(local_time), after)


def daily(local_time: time) -> tuple[WeeklyTime, ...]:
    return tuple(WeeklyTime(weekday, local_time) for weekday in WEEKDAYS)


def occurrence_minus(run_at_utc: datetime, lead: timedelta) -> datetime:
    """`lead` of elapsed time before the run (not wall time: a DST change in between counts)."""
    return as_utc(run_at_utc) - lead
