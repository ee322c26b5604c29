"""The planner: claims due reminder rows, writes one outbox row per delivery and advances each
row to its next firing, all in one transaction. The outbox's unique key (chat, kind, occurrence)
means a crash, a restart or a second process can never plan the same delivery twice."""

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.engine import Database
from bot.db.models import Delivery, Reminder
from bot.db.plans import rule_of
from bot.db.repositories import insert_for
from bot.schedule.deadlines import deadline, is_late
from bot.schedule.firing import CATCH_UP, Firing, Rule, next_firing

BATCH = 2000


async def plan_due(database: Database, now: datetime, batch: int = BATCH) -> int:
    """Plans every due reminder, `batch` rows per transaction; returns deliveries written."""
    planned = 0
    while True:
        async with database.transaction() as session:
            rows = await _claim(session, now, batch)
            planned += await _plan(session, rows, now)
        if len(rows) < batch:
            return planned


async def _claim(session: AsyncSession, now: datetime, batch: int) -> list[Reminder]:
    query = (
        select(Reminder)
        .where(Reminder.active.is_(True), Reminder.next_fire_at <= now)
        .order_by(Reminder.next_fire_at)
        .limit(batch)
        # PostgreSQL: processes sharing the database take disjoint rows. SQLite has one writer.
        .with_for_update(skip_locked=True)
    )
    return list((await session.execute(query)).scalars())


def due_firings(row: Reminder, rule: Rule, now: datetime) -> tuple[list[Firing], Firing]:
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


async def _plan(session: AsyncSession, rows: list[Reminder], now: datetime) -> int:
    if not rows:
        return 0
    deliveries: list[dict[str, Any]] = []
    advanced: list[dict[str, Any]] = []
    # A crowd shares few rules (same zone, days, time, lead) at the same firing, and
    # due_firings is a pure function of these: compute each once per batch.
    computed: dict[tuple[Rule, datetime, datetime, str], tuple[list[Firing], Firing]] = {}
    for row in rows:
        rule = rule_of(row)
        key = (rule, row.next_fire_at, row.event_at, row.occurrence_key)
        if (firings := computed.get(key)) is None:
            firings = computed[key] = due_firings(row, rule, now)
        due, upcoming = firings
        deliveries += [
            {
                "chat_id": row.chat_id,
                "user_id": row.user_id,
                "reminder_id": row.id,
                "kind": row.kind,
                "zone": row.zone,
                "occurrence_key": firing.key,
                "event_at": firing.event_at,
                "not_before": firing.fire_at,
                "deadline": firing.deadline,
                "title": row.title,
                "thread_id": row.thread_id,
            }
            for firing in due
            if not is_late(rule.kind, now, firing.deadline)  # late is dropped, never sent at 3 a.m.
        ]
        advanced.append(
            {
                "row_id": row.id,
                "next": upcoming.fire_at,
                "event": upcoming.event_at,
                "key": upcoming.key,
            }
        )
    # Core executemany on the session's connection: one compiled statement for every row,
    # without the ORM's per-row bulk bookkeeping (nothing reads these objects afterwards).
    connection = await session.connection()
    if deliveries:
        statement = insert_for(session, Delivery).on_conflict_do_nothing()
        await connection.execute(statement, deliveries)
    await connection.execute(_ADVANCE, advanced)
    return len(deliveries)


_ADVANCE = (
    update(Reminder)
    .where(Reminder.id == bindparam("row_id"))
    .values(
        next_fire_at=bindparam("next"),
        event_at=bindparam("event"),
        occurrence_key=bindparam("key"),
    )
)
