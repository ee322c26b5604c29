"""/healthz: the process is up, the database answers, and the scheduler has made progress
recently (a tick started or ended, or a batch of sends was recorded)."""

import asyncio
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.db.engine import Database
from bot.ui.timing import Clock

# The database gets this long to answer before the bot reports itself unhealthy.
DATABASE_TIMEOUT = 5.0


class Heartbeat:
    """The scheduler's last sign of progress."""

    def __init__(self, started: datetime) -> None:
        self.last = started

    def beat(self, now: datetime) -> None:
        self.last = max(self.last, now)


@dataclass(frozen=True)
class HealthReport:
    database: bool
    since_progress: timedelta
    stale_after: timedelta

    @property
    def ok(self) -> bool:
        return self.database and self.since_progress <= self.stale_after

    def as_json(self) -> dict[str, object]:
        return {
            "status": "ok" if self.ok else "unhealthy",
            "database": "ok" if self.database else "unreachable",
            "scheduler_seconds_since_progress": round(self.since_progress.total_seconds(), 1),
            "scheduler_stale_after_seconds": self.stale_after.total_seconds(),
        }


@dataclass(frozen=True)
class HealthCheck:
    database: Database
    heartbeat: Heartbeat
    clock: Clock
    tick_seconds: float

    @property
    def stale_after(self) -> timedelta:
        # Three missed ticks, and never less than a minute: one slow tick is not an outage.
        return max(timedelta(seconds=3 * self.tick_seconds), timedelta(minutes=1))

    async def check(self) -> HealthReport:
        try:
            await asyncio.wait_for(self.database.ping(), DATABASE_TIMEOUT)
            database = True
        except Exception:
            database = False
        since = self.clock() - self.heartbeat.last
        return HealthReport(database, since, self.stale_after)
