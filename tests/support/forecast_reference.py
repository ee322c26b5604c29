"""The capacity forecast's crowds the plain way, one `next_firing` per rule and weekday: the
reference the fast `bot.ops.capacity.crowds_of` must equal (tests) and beat (bench.forecast)."""

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import datetime

from bot.db.reminders import RuleColumns, rule_of
from bot.domain.schedule.capacity import Crowd
from bot.domain.schedule.firing import Rule, next_firing


def reference_crowds(rules: Sequence[tuple[RuleColumns, int]], now: datetime) -> Iterator[Crowd]:
    per_day: Counter[Rule] = Counter()
    for columns, size in rules:
        rule = rule_of(columns)
        for day in rule.weekdays:
            per_day[replace(rule, weekdays=(day,))] += size
    for rule, size in per_day.items():
        firing = next_firing(rule, now)
        yield Crowd(rule.kind, firing.fire_at, firing.deadline, size)
