"""When a runner's walk-run sessions happen: on their planned runs, each with its reminder."""

from dataclasses import dataclass

from bot.domain.schedule.recurrence import WeeklyTime


@dataclass(frozen=True)
class SessionSchedule:
    """What /comeback says about when sessions happen, read from the runner's settings."""

    runs: tuple[WeeklyTime, ...]
    zone_set: bool
    stopped: bool
    checkins: bool  # after-run check-ins are on
