"""The outbox's queries: planning a one-off delivery, then claiming due deliveries, marking them
`sending`, recording how each went, expiring a dead process's claims, and purging finished rows.

A row's life: `pending` -> `claimed` (a lease, `claimed_at`) -> `sending` (a compare-and-set on
the claim: only its holder may send) -> `sent`, or back to `pending` for a retry, or `failed`,
`dropped` or `uncertain` (it may have arrived: never resent). The dispatcher (bot.delivery)
decides which; this module only reads and writes the rows.
"""

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from typing import NamedTuple

from sqlalchemy import BindParameter, bindparam, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from bot.db.base import insert_for
from bot.db.engine import Database
from bot.db.models import Delivery
from bot.domain.schedule.firing import Firing

FINISHED = ("sent", "failed", "dropped", "uncertain")  # what is left to do with these: nothing


async def plan_once(
    session: AsyncSession, user_id: int, kind: str, zone: str, firing: Firing
) -> bool:
    """Plans one delivery of `kind` to the runner's private chat at `firing`; False when one
    with its key was planned before (the unique key makes planning twice plan once)."""
    statement = insert_for(session, Delivery).values(
        chat_id=user_id,
        user_id=user_id,
        kind=kind,
        zone=zone,
        occurrence_key=firing.key,
        event_at=firing.event_at,
        not_before=firing.fire_at,
        deadline=firing.deadline,
    )
    result = await session.execute(statement.on_conflict_do_nothing())
    return bool(result.rowcount)  # type: ignore[attr-defined]


class StatusChange(NamedTuple):
    """A row that did not go out now: its new status and, for a retry, when it may."""

    delivery_id: int
    status: str
    not_before: datetime


class Outbox:
    """The dispatcher's reads and writes, for one process. SQLite has one writer at a time and
    makes the others poll for their turn, in growing sleeps: this process's own writes take
    turns on a lock here instead, so a poll does not hold up the sending pace."""

    def __init__(self, database: Database) -> None:
        self._database = database
        self._writing = asyncio.Lock()

    async def expire_claims(self, stale: datetime) -> None:
        """Claims made before `stale` belong to a process that died: unsent rows go back to
        `pending`, rows that were mid-send become `uncertain` (they may have arrived)."""
        async with self._database.transaction() as session:
            for status, new_status in (("claimed", "pending"), ("sending", "uncertain")):
                await session.execute(
                    update(Delivery)
                    .where(Delivery.status == status, Delivery.claimed_at < stale)
                    .values(status=new_status)
                )

    async def claim(
        self,
        now: datetime,
        size: int,
        head_start: Callable[[int], timedelta],
        max_early: timedelta,
    ) -> list[Delivery]:
        """Claims up to `size` pending rows, earliest deadline first, due by `now` plus
        `head_start(backlog)`, the backlog being the pending rows due within `max_early` (counted
        in the same transaction). PostgreSQL: processes sharing the outbox skip each other's
        locked rows, so each claims its own."""
        async with self._database.transaction() as session:
            horizon = now + head_start(await _backlog(session, now + max_early))
            query = (
                select(Delivery)
                .where(Delivery.status == "pending", Delivery.not_before <= horizon)
                .order_by(Delivery.deadline, Delivery.id)
                .limit(size)
                .with_for_update(skip_locked=True)
            )
            rows = list((await session.execute(query)).scalars())
            session.expunge_all()
            if rows:
                connection = await session.connection()
                async with self._writing:
                    await connection.execute(_CLAIM, {"ids": [row.id for row in rows], "at": now})
        for row in rows:  # as the UPDATE left them
            row.status, row.attempts, row.claimed_at = "claimed", row.attempts + 1, now
        return rows

    @asynccontextmanager
    async def marking(self) -> AsyncIterator["Marking"]:
        """One connection for marking batch after batch, a commit per group of rows."""
        async with self._database.engine.connect() as connection:
            yield Marking(connection, self._writing)

    async def record(self, now: datetime, sent: list[int], changes: list[StatusChange]) -> None:
        """A batch's results, in one commit: the ids sent at `now`, and every other change."""
        if not (sent or changes):
            return
        async with self._writing, self._database.transaction() as session:
            connection = await session.connection()
            if sent:
                await connection.execute(_SENT, {"ids": sent, "at": now})
            if changes:
                await connection.execute(_RECORD, [change._asdict() for change in changes])


class Marking:
    """Rows marked `sending` just ahead of their requests, on one connection."""

    def __init__(self, connection: AsyncConnection, writing: asyncio.Lock) -> None:
        self._connection, self._writing = connection, writing

    async def start_sending(self, rows: list[Delivery]) -> set[int]:
        """Compare-and-set: only the holder of the current claim may send (a batch's rows share
        one claim time). Returns the ids still ours."""
        async with self._writing:
            result = await self._connection.execute(
                _START_SENDING, {"ids": [row.id for row in rows], "at": rows[0].claimed_at}
            )
            ours = set(result.scalars())
            await self._connection.commit()
        return ours


class PendingSummary(NamedTuple):
    waiting: int
    oldest_due: datetime | None  # the earliest not_before among them


async def pending_summary(session: AsyncSession) -> PendingSummary:
    """How many deliveries wait to be sent, and since when the oldest is due."""
    count, oldest = (
        await session.execute(
            select(func.count(), func.min(Delivery.not_before)).where(Delivery.status == "pending")
        )
    ).one()
    return PendingSummary(count, oldest)


async def delete_finished(session: AsyncSession, before: datetime) -> int:
    """Deletes finished deliveries planned before `before` (never `pending` ones); returns how
    many."""
    result = await session.execute(
        delete(Delivery).where(Delivery.status.in_(FINISHED), Delivery.not_before < before)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


async def _backlog(session: AsyncSession, by: datetime) -> int:
    """Pending rows due by `by`."""
    backlog = await session.scalar(
        select(func.count())
        .select_from(Delivery)
        .where(Delivery.status == "pending", Delivery.not_before <= by)
    )
    return backlog or 0


_IDS: BindParameter[list[int]] = bindparam("ids", expanding=True)
_CLAIM = (
    update(Delivery)
    .where(Delivery.id.in_(_IDS))
    .values(status="claimed", attempts=Delivery.attempts + 1, claimed_at=bindparam("at"))
)
_START_SENDING = (
    update(Delivery)
    .where(
        Delivery.id.in_(_IDS), Delivery.status == "claimed", Delivery.claimed_at == bindparam("at")
    )
    .values(status="sending")
    .returning(Delivery.id)
)
_SENT = update(Delivery).where(Delivery.id.in_(_IDS)).values(status="sent", sent_at=bindparam("at"))
_RECORD = (
    update(Delivery)
    .where(Delivery.id == bindparam("delivery_id"))
    .values(status=bindparam("status"), not_before=bindparam("not_before"))
)
