"""Quiet hours: a daily wall-clock window, possibly across midnight, when nothing is sent."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.schedule.wall import as_utc, next_transition

_DAY = timedelta(days=1)
# The window is shorter than a day and a DST change moves the clock by at most a few hours, so
# the window is always left within this long.
_HORIZON = timedelta(hours=48)


def _since_midnight(wall: time) -> timedelta:
    return datetime.combine(date.min, wall) - datetime.min


@dataclass(frozen=True, slots=True)
class QuietHours:
    """[start, end) in wall-clock time; start > end wraps midnight; start == end means none."""

    start: time
    end: time

    def __post_init__(self) -> None:
        if self.start.tzinfo is not None or self.end.tzinfo is not None:
            raise ValueError("quiet hours are wall-clock times: they must not carry a tzinfo")

    def contains(self, local: datetime) -> bool:
        """Whether the wall-clock time of `local` (its own zone, or naive local) is quiet."""
        wall = local.time()
        if self.start <= self.end:
            return self.start <= wall < self.end
        return wall >= self.start or wall < self.end

    def release_time(self, zone: ZoneInfo, at_utc: datetime) -> datetime:
        """The first instant at or after `at_utc` whose wall clock in `zone` is not quiet.

        Walked over spans of constant UTC offset, so a DST change inside the window is exact: if
        the clock jumps past `end` (or, falling back, to before `start`), the jump is the release.
        """
        instant = as_utc(at_utc)
        stop = instant + _HORIZON
        while instant < stop:
            wall = instant.astimezone(zone)
            if not self.contains(wall):
                return instant
            # On a constant offset the clock reaches `end` after this long.
            wait = (_since_midnight(self.end) - _since_midnight(wall.time())) % _DAY
            candidate = instant + wait
            change = next_transition(zone, instant, candidate)
            if change is None:
                return candidate
            instant = change
        raise AssertionError(f"{zone.key} stayed quiet for {_HORIZON}")
