"""What a runner can say from a warm-up reminder about that one run: "not running today" (a
skip: no after-run check-in for it, and a day whose runs are all skipped counts as rest) and
"remind me 10 minutes before" (a one-off delivery, planned like any other, so it survives a
restart and is dropped with everything pending on pause or stop)."""

from collections.abc import Mapping, Set
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.schedule.deadlines import deadline
from bot.domain.schedule.firing import Firing
from bot.domain.schedule.wall import as_utc, to_utc

REMIND_BEFORE = timedelta(minutes=10)
# The messages about one planned run, keyed by its occurrence: its after-run check-in and a
# "remind me 10 minutes before".
RUN_MESSAGES = ("postrun", "run_soon")
SKIPS_WITHIN = timedelta(days=6)  # skips older than the past week change nothing any more


@dataclass(frozen=True, slots=True)
class PlannedOccurrence:
    """One planned run as its warm-up reminder knows it."""

    key: str  # the outbox's occurrence key, shared by the run's warm-up and after-run check-in
    run_at: datetime  # UTC
    zone: str

    @property
    def local(self) -> datetime:
        return self.run_at.astimezone(ZoneInfo(self.zone))


def offers_reminder(run_at: datetime, sent_from: datetime) -> bool:
    """Whether a reminder sent from `sent_from` leaves time to be reminded again before the run."""
    return as_utc(run_at) - as_utc(sent_from) > REMIND_BEFORE


def reminder_before(run: PlannedOccurrence) -> Firing:
    """The one-off reminder REMIND_BEFORE the run, keyed by the run's occurrence: pressing twice
    plans it once."""
    fire_at = as_utc(run.run_at) - REMIND_BEFORE
    return Firing(
        fire_at=fire_at,
        event_at=as_utc(run.run_at),
        key=run.key,
        deadline=deadline("run_soon", fire_at, run.run_at, ZoneInfo(run.zone)),
    )


def too_late_to_remind(run: PlannedOccurrence, now: datetime) -> bool:
    return as_utc(now) >= as_utc(run.run_at) - REMIND_BEFORE


def day_is_over(run: PlannedOccurrence, now: datetime) -> bool:
    """A run can be skipped (or taken back) until its local day ends."""
    zone = ZoneInfo(run.zone)
    return as_utc(now) >= to_utc(zone, run.local.date() + timedelta(days=1), time(0))


def rested_weekdays(
    skipped: Set[tuple[date, time]], planned: Mapping[int, Set[time]], today: date
) -> frozenset[int]:
    """The weekdays of the last seven days (today included) whose planned runs were all skipped:
    those days count as rest."""
    days = (today - timedelta(days=back) for back in range(SKIPS_WITHIN.days + 1))
    return frozenset(
        day.weekday()
        for day in days
        if planned.get(day.weekday()) and all((day, at) in skipped for at in planned[day.weekday()])
    )
