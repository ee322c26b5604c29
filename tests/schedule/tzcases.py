"""Every zone's UTC-offset changes in 2024-2030, an oracle for when a planned time should fire,
and a checker that iterates next_planned against it.

The transitions and the oracle use only zoneinfo, so the tests do not check the code against itself.
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from bot.domain.schedule import Occurrence, WeeklyTime, next_planned

ALL_ZONES = tuple(sorted(available_timezones()))
SPAN_START = datetime(2024, 1, 1, tzinfo=UTC)
SPAN_STOP = datetime(2031, 1, 1, tzinfo=UTC)
MINUTE = timedelta(minutes=1)
# No zone changes its offset twice within this long, so sampling this often finds every change.
_SAMPLE = timedelta(days=7)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def offset(zone: ZoneInfo, instant: datetime) -> timedelta:
    found = instant.astimezone(zone).utcoffset()
    assert found is not None
    return found


def wall_of(zone: ZoneInfo, instant: datetime) -> datetime:
    """The naive wall-clock reading in `zone` at `instant`."""
    return instant.astimezone(zone).replace(tzinfo=None)


@dataclass(frozen=True)
class Transition:
    at: datetime  # the UTC instant the offset changes
    before: timedelta
    after: timedelta

    @property
    def gap(self) -> timedelta:
        """> 0: wall times are skipped (spring forward); < 0: they repeat (fall back)."""
        return self.after - self.before

    @property
    def wall(self) -> datetime:
        """The wall clock the moment it jumps, read with the old offset."""
        return (self.at + self.before).replace(tzinfo=None)


@cache
def transitions(name: str) -> tuple[Transition, ...]:
    zone = ZoneInfo(name)
    found: list[Transition] = []
    low = SPAN_START
    while low < SPAN_STOP:
        high = low + _SAMPLE
        before, after = offset(zone, low), offset(zone, high)
        if before != after:
            found.append(Transition(_bisect(zone, low, high), before, after))
        low = high
    return tuple(found)


def _bisect(zone: ZoneInfo, low: datetime, high: datetime) -> datetime:
    before = offset(zone, low)
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        if offset(zone, middle) == before:
            low = middle
        else:
            high = middle
    return high.replace(microsecond=0)


def hot_slots(change: Transition) -> list[WeeklyTime]:
    """Planned times at and around the skipped or repeated wall times of `change`."""
    low = min(change.wall, change.wall + change.gap)
    high = max(change.wall, change.wall + change.gap)
    walls = [low - MINUTE, low, low + (high - low) / 2, high - MINUTE, high]
    return sorted({WeeklyTime(w.weekday(), _to_minute(w).time()) for w in walls})


def _to_minute(wall: datetime) -> datetime:
    return wall.replace(second=0, microsecond=0)


def expected_fire(zone: ZoneInfo, day: date, planned: time) -> datetime:
    """The instant a planned wall time should fire: the first instant the wall clock shows it, or,
    if the clock skips it, the planned time read with the offset from before the skip."""
    wall = datetime.combine(day, planned)
    as_if_utc = wall.replace(tzinfo=UTC)
    before = offset(zone, as_if_utc - timedelta(days=2))
    after = offset(zone, as_if_utc + timedelta(days=2))
    shown = sorted(
        as_if_utc - candidate
        for candidate in {before, after}
        if wall_of(zone, as_if_utc - candidate) == wall
    )
    return shown[0] if shown else as_if_utc - before


def planned_between(
    zone: ZoneInfo, plan: Sequence[WeeklyTime], after: datetime, until: datetime
) -> Iterator[tuple[date, time, datetime]]:
    """Every planned (local date, time) whose expected instant is in (after, until]."""
    day = wall_of(zone, after).date() - timedelta(days=2)
    last = wall_of(zone, until).date() + timedelta(days=2)
    while day <= last:
        for slot in plan:
            if slot.weekday == day.weekday():
                fire = expected_fire(zone, day, slot.time)
                if after < fire <= until:
                    yield day, slot.time, fire
        day += timedelta(days=1)


def iterate(
    zone: ZoneInfo, plan: Sequence[WeeklyTime], after: datetime, until: datetime
) -> list[Occurrence]:
    """next_planned repeatedly from `after`, each result fed back in, up to `until`."""
    produced: list[Occurrence] = []
    cursor = after
    while (found := next_planned(zone, plan, cursor)).fire_at <= until:
        produced.append(found)
        cursor = found.fire_at
    return produced


def check_run(
    zone: ZoneInfo, plan: Sequence[WeeklyTime], after: datetime, until: datetime
) -> list[Occurrence]:
    """Iterate the plan and check every property of the sequence; returns it for more checks."""
    produced = iterate(zone, plan, after, until)
    cursor = after
    for found in produced:
        assert found.fire_at.tzinfo is UTC
        assert cursor < found.fire_at <= cursor + timedelta(days=8)
        cursor = found.fire_at
        assert found.fire_at == expected_fire(zone, found.local_date, found.planned), found
        _check_wall(zone, found)
    # Nothing skipped and nothing twice: every planned occurrence is produced, except that two
    # planned times landing on the same instant (02:00 and 03:00 on a spring-forward day) fire once.
    expected = {fire for _, _, fire in planned_between(zone, plan, after, until)}
    assert [found.fire_at for found in produced] == sorted(expected)
    keys = [found.key for found in produced]
    assert len(keys) == len(set(keys))
    return produced


def _check_wall(zone: ZoneInfo, found: Occurrence) -> None:
    planned = datetime.combine(found.local_date, found.planned)
    shown = wall_of(zone, found.fire_at)
    if shown == planned:
        return
    # Only a skipped wall time may fire elsewhere: shifted forward by exactly the gap.
    gap = offset(zone, found.fire_at) - offset(zone, found.fire_at - timedelta(days=2))
    assert gap > timedelta(0), (found, shown)
    assert shown == planned + gap, (found, shown)
    as_if_utc = planned.replace(tzinfo=UTC)
    offsets = {offset(zone, found.fire_at), offset(zone, found.fire_at - timedelta(days=2))}
    assert all(wall_of(zone, as_if_utc - candidate) != planned for candidate in offsets)
