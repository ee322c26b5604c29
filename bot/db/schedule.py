"""The planner's queries: due reminder rows become outbox rows, and each advances to its next
firing, both in the same transaction. The outbox's unique key (chat, kind, occurrence) means a
crash, a restart or a second process can never plan the same delivery twice.

A crowd of due rows shares few groups (same rule, same pending firing). The planner
(bot.delivery.planner) computes each group's firings once in Python; here the database copies
them to every row of the group, so a chunk of rows takes a fixed number of statements however
large it is. A row that changed after the groups were read matches none of them and is left for
the next tick.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import (
    Column,
    ColumnElement,
    FromClause,
    Index,
    Integer,
    MetaData,
    ScalarSelect,
    Select,
    String,
    Table,
    and_,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql.dml import Update

from bot.db.base import UtcDateTime
from bot.db.engine import Database
from bot.db.models import Delivery, Reminder
from bot.db.reminders import RuleColumns
from bot.domain.schedule.deadlines import WARMUPS
from bot.domain.schedule.firing import Firing

# Rows per transaction: SQLite has one write lock, and a handler waiting for it (busy_timeout,
# 5 s) waits for one transaction at most; at ~30 µs a row, this holds it for under a second.
BATCH = 20_000


class PendingFiring(RuleColumns, Protocol):
    """A reminder row's rule and its pending firing: a Reminder, or a group of rows."""

    @property
    def next_fire_at(self) -> datetime: ...
    @property
    def event_at(self) -> datetime: ...
    @property
    def occurrence_key(self) -> str: ...


@dataclass(frozen=True)
class DueGroups:
    """The due reminder rows, as groups sharing a rule and a pending firing."""

    groups: Sequence[PendingFiring]
    sizes: Sequence[int]  # each group's rows
    rows: int  # due rows in all


@dataclass(frozen=True)
class GroupPlan:
    """What every row of a group gets: a delivery per firing to send (oldest first), and the
    firing it advances to."""

    group: PendingFiring
    deliveries: list[Firing]
    upcoming: Firing


_REMINDERS = Reminder.__table__
# What a group shares: the rule, then the pending firing. The nullable quiet hours come last, as
# PostgreSQL cannot look up IS NOT DISTINCT FROM in an index.
_GROUP_KEY = tuple(
    _REMINDERS.c[name]
    for name in (
        "kind",
        "zone",
        "weekdays",
        "local_time",
        "lead_minutes",
        "next_fire_at",
        "event_at",
        "occurrence_key",
        "quiet_start",
        "quiet_end",
    )
)

_PENDING = ("next_fire_at", "event_at", "occurrence_key")  # a row's firing, not its rule

# Copied from the reminder row to its deliveries; "id" becomes the delivery's reminder_id.
_DELIVERED_FROM_REMINDER = tuple(
    _REMINDERS.c[name]
    for name in ("chat_id", "user_id", "id", "kind", "zone", "title", "thread_id")
)
_DELIVERY_NAMES = (
    *("reminder_id" if column.name == "id" else column.name for column in _DELIVERED_FROM_REMINDER),
    "occurrence_key",
    "event_at",
    "not_before",
    "deadline",
)

# Per-connection scratch tables, kept out of the models' metadata (and so out of migrations).
_SCRATCH = MetaData()
_groups = Table(
    "plan_groups",
    _SCRATCH,
    Column("id", Integer, primary_key=True, autoincrement=False),
    *(Column(column.name, column.type) for column in _GROUP_KEY),
    Column("upcoming_fire_at", UtcDateTime),
    Column("upcoming_event_at", UtcDateTime),
    Column("upcoming_key", String(80)),
    Index("ix_plan_groups_key", *(column.name for column in _GROUP_KEY)),
    prefixes=["TEMPORARY"],
)
_firings = Table(
    "plan_firings",
    _SCRATCH,
    Column("group_id", Integer, primary_key=True, autoincrement=False),
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("occurrence_key", String(80)),
    Column("event_at", UtcDateTime),
    Column("not_before", UtcDateTime),
    Column("deadline", UtcDateTime),
    prefixes=["TEMPORARY"],
)


async def due_groups(database: Database, now: datetime, early: timedelta) -> DueGroups:
    """The reminder rows due by `now` (warm-ups: by `now + early`), grouped (none: no rows)."""
    async with database.transaction() as session:
        rows = (
            await session.execute(
                select(*_GROUP_KEY, func.count())
                .where(_due(now, early=early))
                .group_by(*_GROUP_KEY)
            )
        ).all()
    sizes = [row[-1] for row in rows]
    return DueGroups(rows, sizes, sum(sizes))


async def firing_by(database: Database, by: datetime) -> int:
    """Active reminder rows whose next firing comes by `by`: the crowd ahead."""
    async with database.transaction() as session:
        return (await session.execute(select(func.count()).where(_due(by)))).scalar_one()


async def rule_sizes(database: Database, by: datetime) -> Sequence[tuple[RuleColumns, int]]:
    """The rules of the active reminder rows firing by `by`, with how many rows share each:
    what the capacity forecast expands over the coming week."""
    rule = tuple(column for column in _GROUP_KEY if column.name not in _PENDING)
    async with database.transaction() as session:
        rows = await session.execute(select(*rule, func.count()).where(_due(by)).group_by(*rule))
        return [(row, row[-1]) for row in rows]


async def write_plans(
    database: Database,
    now: datetime,
    plans: Sequence[GroupPlan],
    due: int,
    batch: int,
    early: timedelta,
) -> int:
    """Writes the deliveries of each of the `due` rows and advances it, `batch` rows per
    transaction; returns the deliveries written."""
    group_rows, firing_rows = _scratch_rows(plans)
    planned = 0
    for _ in range(math.ceil(due / batch)):
        async with database.transaction() as session:
            connection = await session.connection()
            # Scratch tables belong to a connection, and each transaction may get another one.
            await connection.run_sync(_SCRATCH.create_all)
            await connection.execute(_groups.insert(), group_rows)
            if firing_rows:
                await connection.execute(_firings.insert(), firing_rows)
            if connection.dialect.name == "postgresql":
                planned += await _write_postgresql(connection, now, early, batch)
            else:
                planned += await _write_sqlite(connection, now, early, batch)
            # Empty for the next transaction (a rollback empties them too).
            await connection.execute(_firings.delete())
            await connection.execute(_groups.delete())
    return planned


def _scratch_rows(
    plans: Sequence[GroupPlan],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Per group its key and next firing, and its deliveries' firings."""
    group_rows: list[dict[str, Any]] = []
    firing_rows: list[dict[str, Any]] = []
    for group_id, plan in enumerate(plans):
        group_rows.append(
            {
                "id": group_id,
                **{column.name: getattr(plan.group, column.name) for column in _GROUP_KEY},
                "upcoming_fire_at": plan.upcoming.fire_at,
                "upcoming_event_at": plan.upcoming.event_at,
                "upcoming_key": plan.upcoming.key,
            }
        )
        firing_rows += [
            {
                "group_id": group_id,
                "seq": seq,
                "occurrence_key": firing.key,
                "event_at": firing.event_at,
                "not_before": firing.fire_at,
                "deadline": firing.deadline,
            }
            for seq, firing in enumerate(plan.deliveries)
        ]
    return group_rows, firing_rows


async def _write_sqlite(
    connection: AsyncConnection, now: datetime, early: timedelta, batch: int
) -> int:
    """SQLite: the INSERT takes the database's only write lock, so the UPDATE after it sees the
    same rows, and so the same chunk: a row is advanced exactly when its deliveries were
    inserted."""
    chunk = _REMINDERS.c.id.in_(_chunk(now, early, batch))
    group = _REMINDERS.join(_firings, _firings.c.group_id == _group_of(_REMINDERS))
    rows = (
        select(*_delivery_columns(_REMINDERS))
        .select_from(group)
        .where(_due(now, early=early), chunk)
    )
    insert = (
        sqlite.insert(Delivery)
        .from_select(_DELIVERY_NAMES, rows, include_defaults=False)
        .on_conflict_do_nothing()
    )
    planned = (await connection.execute(insert)).rowcount
    await connection.execute(_advance(now, early).where(chunk))
    return planned


async def _write_postgresql(
    connection: AsyncConnection, now: datetime, early: timedelta, batch: int
) -> int:
    """PostgreSQL: processes sharing the database claim disjoint chunks (SKIP LOCKED), and one
    statement inserts the deliveries of exactly the rows its UPDATE advanced (RETURNING)."""
    claimed = _chunk(now, early, batch).with_for_update(skip_locked=True)
    advanced = (
        _advance(now, early)
        .where(_REMINDERS.c.id.in_(claimed))
        .returning(*_DELIVERED_FROM_REMINDER, _groups.c.id.label("group_id"))
        .cte("advanced")
    )
    group = advanced.join(_firings, _firings.c.group_id == advanced.c.group_id)
    rows = select(*_delivery_columns(advanced)).select_from(group)
    insert = postgresql.insert(Delivery).from_select(_DELIVERY_NAMES, rows, include_defaults=False)
    return (await connection.execute(insert.on_conflict_do_nothing())).rowcount


def _chunk(now: datetime, early: timedelta, batch: int) -> Select[tuple[int]]:
    """The ids of the `batch` oldest due rows: ordered down to the id, so that the same rows
    give the same chunk in every statement."""
    claimable = _REMINDERS.alias("claimable")
    return (
        select(claimable.c.id)
        .where(_due(now, claimable, early))
        .order_by(claimable.c.next_fire_at, claimable.c.id)
        .limit(batch)
    )


def _due(
    now: datetime, reminders: FromClause = _REMINDERS, early: timedelta = timedelta(0)
) -> ColumnElement[bool]:
    """Firing by `now`; warm-ups, whose crowd may need a head start, by `now + early`."""
    by = reminders.c.next_fire_at <= now
    if early > timedelta(0):
        warmup_by = reminders.c.next_fire_at <= now + early
        by = or_(by, and_(reminders.c.kind.in_(WARMUPS), warmup_by))
    return and_(reminders.c.active.is_(True), by)


def _group_of(reminders: FromClause) -> ScalarSelect[int]:
    """The id of the row's group, looked up row by row. With a join SQLite may start from the
    groups (its statistics cannot see a crowd due at one instant) and scan the whole crowd once
    per group."""
    same = _groups.alias("same")
    return (
        select(same.c.id)
        .where(
            *(
                reminders.c[key.name].is_not_distinct_from(same.c[key.name])
                if key.nullable
                else reminders.c[key.name] == same.c[key.name]
                for key in _GROUP_KEY
            )
        )
        .scalar_subquery()
    )


def _advance(now: datetime, early: timedelta) -> Update:
    """Each due row of a group to the group's next firing (UPDATE ... FROM the groups)."""
    return (
        update(Reminder)
        # The kind is matched by the subquery already; comparing it here too tells SQLAlchemy's
        # cartesian-product check that the two tables are joined.
        .where(
            _due(now, early=early),
            _groups.c.id == _group_of(_REMINDERS),
            _groups.c.kind == Reminder.kind,
        )
        .values(
            next_fire_at=_groups.c.upcoming_fire_at,
            event_at=_groups.c.upcoming_event_at,
            occurrence_key=_groups.c.upcoming_key,
        )
    )


def _delivery_columns(reminders: FromClause) -> list[ColumnElement[Any]]:
    """A delivery's values (in _DELIVERY_NAMES order): the reminder's, then the firing's."""
    return [
        *(reminders.c[column.name] for column in _DELIVERED_FROM_REMINDER),
        _firings.c.occurrence_key,
        _firings.c.event_at,
        _firings.c.not_before,
        _firings.c.deadline,
    ]
