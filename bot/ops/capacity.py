"""The capacity forecast from the database: every reminder rule's firings over the coming week
(bot.domain.schedule.capacity does the sums), logged, exposed as metrics, and printed by
`python -m bot capacity`."""

import asyncio
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import datetime

from bot.db.engine import Database
from bot.db.reminders import RuleColumns, RuleRow, rule_of
from bot.db.schedule import rule_sizes
from bot.domain.schedule.capacity import WEEK, Crowd, Forecast, forecast
from bot.domain.schedule.deadlines import Kind
from bot.domain.schedule.firing import WeekdayFirings
from bot.ops.metrics import BUSIEST_MINUTE, BUSIEST_MINUTE_SECONDS, FORECAST_LATE


async def forecast_week(database: Database, now: datetime, rate: float) -> Forecast:
    """The coming week's forecast at `rate`, published as metrics. Rows paused beyond the week
    are left out; a row paused for part of it counts in full (an overestimate)."""
    rules = await rule_sizes(database, now + WEEK)
    # Pure arithmetic (seconds at a million runners): off the event loop, so updates keep
    # being answered.
    result = await asyncio.to_thread(lambda: forecast(crowds_of(rules, now), rate, now))
    BUSIEST_MINUTE.set(result.busiest_count)
    BUSIEST_MINUTE_SECONDS.set(result.busiest_seconds)
    FORECAST_LATE.set(result.late)
    return result


def crowds_of(rules: Sequence[tuple[RuleColumns, int]], now: datetime) -> Iterator[Crowd]:
    """A weekly rule fires once a week on each of its days: the rules are split by day (runners
    with different plans share a day's firing), and the reminders sharing a day's next firing
    (kind, instant, deadline) are one crowd."""
    per_day: Counter[RuleRow] = Counter()
    for columns, size in rules:
        for day in columns.weekdays:
            per_day[_day_rule(columns, day)] += size
    firings = WeekdayFirings(now)
    crowds: Counter[tuple[Kind, datetime, datetime]] = Counter()
    for columns, size in per_day.items():
        rule = rule_of(columns)
        crowds[(rule.kind, *firings.of(rule))] += size
    for (kind, fire_at, deadline), size in crowds.items():
        yield Crowd(kind, fire_at, deadline, size)


def _day_rule(columns: RuleColumns, day: str) -> RuleRow:
    """The rule's columns narrowed to one weekday."""
    return RuleRow(
        columns.kind,
        columns.zone,
        day,
        columns.local_time,
        columns.lead_minutes,
        columns.quiet_start,
        columns.quiet_end,
    )
