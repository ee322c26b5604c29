"""The capacity forecast from the database: every reminder rule's firings over the coming week
(bot.domain.schedule.capacity does the sums), logged, exposed as metrics, and printed by
`python -m bot capacity`."""

import asyncio
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import datetime

from bot.db.engine import Database
from bot.db.reminders import RuleColumns, rule_of
from bot.db.schedule import rule_sizes
from bot.domain.schedule.capacity import WEEK, Crowd, Forecast, forecast
from bot.domain.schedule.firing import Rule, next_firing
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
    with different plans share a day's firing), and each day's next firing is one crowd."""
    per_day: Counter[Rule] = Counter()
    for columns, size in rules:
        rule = rule_of(columns)
        for day in rule.weekdays:
            per_day[replace(rule, weekdays=(day,))] += size
    for rule, size in per_day.items():
        firing = next_firing(rule, now)
        yield Crowd(rule.kind, firing.fire_at, firing.deadline, size)
