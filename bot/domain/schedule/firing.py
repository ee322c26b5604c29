"""When a reminder source fires next: its rule (what the runner planned) plus the maths.

A warm-up fires `lead` before each planned run and is never held back (an early runner's 05:45
reminder is the point). Stretches, nudges and check-ins wait for the end of quiet hours. An
after-run check-in is a rule with a negative lead: it fires that long after the run's start.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.schedule.deadlines import Kind, deadline
from bot.domain.schedule.quiet import QuietHours
from bot.domain.schedule.recurrence import WeeklyTime, next_planned, next_weekly
from bot.domain.schedule.wall import as_utc, to_utc

_HELD_BY_QUIET_HOURS: frozenset[Kind] = frozenset({"stretch", "nudge", "checkin", "postrun"})
# Deliveries are never worth sending more than a day late, so catching up after downtime can
# start from a day ago instead of walking every missed occurrence.
CATCH_UP = timedelta(days=1)
# The next-morning check-in after a logged run: after breakfast, before most working days start.
MORNING_CHECKIN = time(8, 0)


@dataclass(frozen=True, slots=True)
class Rule:
    kind: Kind
    zone: str
    weekdays: tuple[int, ...]
    local_time: time  # the event's wall time (the run's start; the stretch or nudge time)
    lead: timedelta = timedelta(0)
    quiet: QuietHours | None = None

    @property
    def times(self) -> tuple[WeeklyTime, ...]:
        return tuple(WeeklyTime(day, self.local_time) for day in self.weekdays)


@dataclass(frozen=True, slots=True)
class Firing:
    fire_at: datetime  # when to send (UTC)
    event_at: datetime  # the planned event (UTC): the run's start, or the nominal send time
    key: str  # stable occurrence key, for the outbox's uniqueness
    deadline: datetime  # later than this, the delivery is dropped


def next_firing(rule: Rule, after: datetime) -> Firing:
    """The first firing whose planned event comes after `after` + lead (so that passing the
    previous firing's `event_at - lead` steps to the next occurrence)."""
    zone = ZoneInfo(rule.zone)
    occurrence = next_planned(zone, rule.times, after + rule.lead)
    fire_at, last = _timing(rule, zone, occurrence.fire_at)
    return Firing(fire_at=fire_at, event_at=occurrence.fire_at, key=occurrence.key, deadline=last)


def _timing(rule: Rule, zone: ZoneInfo, event_at: datetime) -> tuple[datetime, datetime]:
    """When the rule fires for an event at `event_at` (`lead` before it, held by quiet hours
    for the kinds that wait), and its deadline."""
    fire_at = event_at - rule.lead
    if rule.quiet is not None and rule.kind in _HELD_BY_QUIET_HOURS:
        fire_at = rule.quiet.release_time(zone, fire_at)
    return fire_at, deadline(rule.kind, fire_at, event_at, zone)


class WeekdayFirings:
    """When many one-weekday rules fire next after one instant, and their deadlines: the
    capacity forecast's question for every rule of the week. The instants `next_firing` gives,
    without what the forecast does not use (the occurrence key, the days of other weekdays),
    and each zone's local date of `after + lead` computed once."""

    def __init__(self, after: datetime) -> None:
        self._after = as_utc(after)
        self._local_days: dict[tuple[str, timedelta], date] = {}

    def of(self, rule: Rule) -> tuple[datetime, datetime]:
        """`next_firing(rule, after)`'s `fire_at` and `deadline`, for a rule of one weekday."""
        (weekday,) = rule.weekdays
        zone = ZoneInfo(rule.zone)
        start = self._after + rule.lead
        local_day = self._local_days.get((rule.zone, rule.lead))
        if local_day is None:
            local_day = self._local_days[(rule.zone, rule.lead)] = start.astimezone(zone).date()
        return _timing(rule, zone, next_weekly(zone, weekday, rule.local_time, start, local_day))


def after_previous(rule: Rule, previous_event_at: datetime) -> datetime:
    """The `after` that makes next_firing step past an occurrence."""
    return previous_event_at - rule.lead


def morning_checkin(zone_name: str, run_day: date, quiet: QuietHours) -> Firing:
    """The one-off question about the knee the morning after a run logged on `run_day` (local),
    held back while quiet hours last; keyed by the run's day, so logging that day again does
    not ask twice."""
    zone = ZoneInfo(zone_name)
    planned = to_utc(zone, run_day + timedelta(days=1), MORNING_CHECKIN)
    fire_at = quiet.release_time(zone, planned)
    return Firing(
        fire_at=fire_at,
        event_at=planned,
        key=run_day.isoformat(),
        deadline=deadline("checkin", fire_at, planned, zone),
    )
