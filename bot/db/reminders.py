"""A reminder rule as a row and back: the one place that turns bot.domain.schedule's `Rule` into
the columns of `reminders` (with its next firing) and those columns into a `Rule` again. The
runners', the clubs' and the planner's queries all build and read rows through it."""

from datetime import datetime, time, timedelta
from typing import NamedTuple, Protocol

from bot.db.models import Reminder
from bot.domain.schedule.firing import Rule, next_firing
from bot.domain.schedule.quiet import QuietHours


def row_for(rule: Rule, chat_id: int, user_id: int | None, after: datetime) -> Reminder:
    firing = next_firing(rule, after)
    return Reminder(
        chat_id=chat_id,
        user_id=user_id,
        **RuleRow.of(rule)._asdict(),
        next_fire_at=firing.fire_at,
        event_at=firing.event_at,
        occurrence_key=firing.key,
        active=True,
    )


class RuleColumns(Protocol):
    """The columns of a reminder row that make its rule: a Reminder, or a row selecting them."""

    @property
    def kind(self) -> str: ...
    @property
    def zone(self) -> str: ...
    @property
    def weekdays(self) -> str: ...
    @property
    def local_time(self) -> time: ...
    @property
    def lead_minutes(self) -> int: ...
    @property
    def quiet_start(self) -> time | None: ...
    @property
    def quiet_end(self) -> time | None: ...


class RuleRow(NamedTuple):
    """A rule's columns as a value: hashable, so rows can be counted by their rule."""

    kind: str
    zone: str
    weekdays: str
    local_time: time
    lead_minutes: int
    quiet_start: time | None
    quiet_end: time | None

    @classmethod
    def of(cls, rule: Rule) -> "RuleRow":
        return cls(
            rule.kind,
            rule.zone,
            "".join(str(day) for day in rule.weekdays),
            rule.local_time,
            int(rule.lead.total_seconds() // 60),
            rule.quiet.start if rule.quiet else None,
            rule.quiet.end if rule.quiet else None,
        )


def rule_of(row: RuleColumns) -> Rule:
    quiet = (
        QuietHours(row.quiet_start, row.quiet_end)
        if row.quiet_start is not None and row.quiet_end is not None
        else None
    )
    return Rule(
        kind=row.kind,  # type: ignore[arg-type]  # written from a Kind by row_for
        zone=row.zone,
        weekdays=tuple(int(day) for day in row.weekdays),
        local_time=row.local_time,
        lead=timedelta(minutes=row.lead_minutes),
        quiet=quiet,
    )
