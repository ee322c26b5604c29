"""The planner: turns due reminder rows into outbox rows, each row advanced to its next firing.

Due rows come in few groups (same rule, same pending firing), and a group's firings are a pure
function of its columns: each group is computed once here, and bot.db.schedule copies the result
to every row of the group, in chunks, one transaction each.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.db.engine import Database
from bot.db.reminders import rule_of
from bot.db.schedule import BATCH, GroupPlan, PendingFiring, due_groups, write_plans
from bot.domain.schedule.deadlines import WARMUPS, deadline, is_late
from bot.domain.schedule.firing import CATCH_UP, Firing, Rule, next_firing
from bot.ops.metrics import DROPPED_LATE


async def plan_due(
    database: Database, now: datetime, batch: int = BATCH, early: timedelta = timedelta(0)
) -> int:
    """Plans every due reminder, and the warm-ups due within `early` (a crowd's head start),
    `batch` rows per transaction; returns the deliveries written."""
    due = await due_groups(database, now, early)
    if not due.groups:
        return 0
    plans = [
        _plan(group, size, now, early) for group, size in zip(due.groups, due.sizes, strict=True)
    ]
    return await write_plans(database, now, plans, due.rows, batch, early)


def due_firings(row: PendingFiring, rule: Rule, now: datetime) -> tuple[list[Firing], Firing]:
    """The row's firings due by `now`, oldest first, and the first one after `now`."""
    zone = ZoneInfo(row.zone)
    firing = Firing(
        row.next_fire_at,
        row.event_at,
        row.occurrence_key,
        deadline(rule.kind, row.next_fire_at, row.event_at, zone),
    )
    if firing.fire_at < now - CATCH_UP:  # after long downtime: older firings are too late anyway
        firing = next_firing(rule, now - CATCH_UP)
    due = []
    while firing.fire_at <= now:
        due.append(firing)
        firing = next_firing(rule, firing.event_at - rule.lead)
    return due, firing


def _plan(group: PendingFiring, size: int, now: datetime, early: timedelta) -> GroupPlan:
    """A group's deliveries, its due firings that are not late, and the firing after them."""
    rule = rule_of(group)
    due, upcoming = due_firings(group, rule, now + early if rule.kind in WARMUPS else now)
    # Late is dropped, never sent at 3 a.m.
    deliveries = [firing for firing in due if not is_late(rule.kind, now, firing.deadline)]
    if late := len(due) - len(deliveries):
        DROPPED_LATE.labels(rule.kind).inc(late * size)
    return GroupPlan(group, deliveries, upcoming)
