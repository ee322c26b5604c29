"""The capacity forecast from the database: every reminder group's firings over the coming
week (bot.domain.schedule.capacity does the sums), logged, exposed as metrics, and printed by
`python -m bot capacity`."""

import asyncio
from collections.abc import Iterator, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.db.engine import Database
from bot.db.runners import rule_of
from bot.db.schedule import PendingFiring, reminder_groups
from bot.domain.schedule.capacity import WEEK, Crowd, Forecast, forecast
from bot.domain.schedule.deadlines import deadline
from bot.domain.schedule.firing import CATCH_UP, Firing, next_firing
from bot.ops.metrics import BUSIEST_MINUTE, BUSIEST_MINUTE_SECONDS, FORECAST_LATE


async def forecast_week(database: Database, now: datetime, rate: float) -> Forecast:
    """The coming week's forecast at `rate`, published as metrics."""
    groups = await reminder_groups(database)
    # Pure arithmetic over every group's week (a second or two at a million runners): off the
    # event loop, so updates keep being answered.
    result = await asyncio.to_thread(lambda: forecast(_crowds(groups, now), rate, now))
    BUSIEST_MINUTE.set(result.busiest_count)
    BUSIEST_MINUTE_SECONDS.set(result.busiest_seconds)
    FORECAST_LATE.set(result.late)
    return result


def _crowds(groups: Sequence[tuple[PendingFiring, int]], now: datetime) -> Iterator[Crowd]:
    """Each group's firings from its pending one to a week after `now`, as crowds of its size
    (firings more than a day overdue are skipped, as the planner skips them)."""
    end = now + WEEK
    for group, size in groups:
        rule = rule_of(group)
        zone = ZoneInfo(group.zone)
        firing = Firing(
            group.next_fire_at,
            group.event_at,
            group.occurrence_key,
            deadline(rule.kind, group.next_fire_at, group.event_at, zone),
        )
        if firing.fire_at < now - CATCH_UP:
            firing = next_firing(rule, now - CATCH_UP)
        while firing.fire_at < end:
            yield Crowd(rule.kind, max(firing.fire_at, now), firing.deadline, size)
            firing = next_firing(rule, firing.event_at - rule.lead)
