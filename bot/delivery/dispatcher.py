"""The dispatcher: drains the outbox earliest deadline first through the bot's rate limiter.

Telegram has no idempotency key, so a send that may have arrived is never sent again. A batch is
`claimed` (a lease: a dead process's claims go back to `pending`), and each row is marked
`sending` in its own commit just before its request; a row left `sending` by a process that died
mid-request becomes `uncertain`, never resent. So a crash loses at most the requests in flight
at that instant, and sends nothing twice. Everything else that fails is retried or dropped.
"""

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from aiolimiter import AsyncLimiter
from sqlalchemy import bindparam, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Bot, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import (
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)

from bot.content.library import Library
from bot.db.engine import Database
from bot.db.models import Delivery
from bot.db.recovery import recovery_statuses
from bot.db.repositories import deactivate_chat, move_chat
from bot.recovery.status import NO_RECOVERY, RecoveryStatus
from bot.render.reminders import READS_RECOVERY, RENDERERS
from bot.schedule.deadlines import is_late

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
MAX_EARLY = timedelta(minutes=10)  # a crowd of reminders may start this much before their time
# Requests in flight at once. Small on purpose: a request in flight when the process dies is in
# doubt, and the pacing below lets each start only when the rate allows.
CONCURRENCY = 16


@dataclass(frozen=True)
class Outcome:
    status: str  # sent | pending (retry) | failed | dropped | uncertain | skipped (not ours)
    retry_at: datetime | None = None


class Dispatcher:
    def __init__(
        self,
        database: Database,
        bot: Bot,
        library: Library,
        rate_per_second: float,
        lease: timedelta,
    ) -> None:
        self._database, self._bot, self._library = database, bot, library
        self._rate = rate_per_second
        self._lease = lease  # a claim older than this belongs to a process that died
        self._slots = asyncio.Semaphore(CONCURRENCY)
        # Paced here, before a row is marked `sending`, so rows never wait as `sending` inside
        # the bot's rate limiter (which then has nothing left to hold back).
        self._pace = AsyncLimiter(1, 1 / rate_per_second)
        self._flood_until: datetime | None = None  # Telegram asked us to wait until then

    async def drain(self, now: datetime) -> int:
        """Sends everything due (or due soon enough to need a head start); returns sends."""
        await self._expire_dead_claims(now)
        sent = 0
        while not self._waiting_for_flood(now) and (claimed := await self._claim(now)):
            statuses = await self._recovery(claimed, now)
            outcomes = await asyncio.gather(
                *(self._deliver(row, now, statuses.get(row.id, NO_RECOVERY)) for row in claimed)
            )
            # One commit for the batch's results: a crash before it leaves the sent rows
            # `sending`, which become `uncertain`, never resent.
            await self._record(claimed, outcomes, now)
            sent += sum(outcome.status == "sent" for outcome in outcomes)
        return sent

    async def _deliver(self, row: Delivery, now: datetime, status: RecoveryStatus) -> Outcome:
        async with self._slots, self._pace:
            return await self._send(row, now, status)

    async def _recovery(self, rows: list[Delivery], now: datetime) -> dict[int, RecoveryStatus]:
        """By delivery id: the status of the runner each message that reads it is for, on their
        local date (read once per batch, so a crowd of reminders costs two queries, not one per
        message)."""
        todays = {
            row.user_id: now.astimezone(ZoneInfo(row.zone)).date()
            for row in rows
            if row.user_id is not None and row.kind in READS_RECOVERY
        }
        if not todays:
            return {}
        async with self._database.transaction() as session:
            by_user = await recovery_statuses(session, todays)
        return {row.id: by_user[row.user_id] for row in rows if row.user_id in by_user}

    def _waiting_for_flood(self, now: datetime) -> bool:
        return self._flood_until is not None and now < self._flood_until

    async def _head_start(self, session: AsyncSession, now: datetime) -> timedelta:
        """How early to begin so a crowd sharing one minute all lands before its deadline: the
        time the rate limit needs for the whole backlog ahead (capped)."""
        backlog = await session.scalar(
            select(func.count())
            .select_from(Delivery)
            .where(Delivery.status == "pending", Delivery.not_before <= now + MAX_EARLY)
        )
        return min(MAX_EARLY, timedelta(seconds=(backlog or 0) / self._rate))

    async def _claim(self, now: datetime) -> list[Delivery]:
        async with self._database.transaction() as session:
            horizon = now + await self._head_start(session, now)
            query = (
                select(Delivery)
                .where(Delivery.status == "pending", Delivery.not_before <= horizon)
                .order_by(Delivery.deadline, Delivery.id)
                .limit(max(1, int(self._rate * 2)))
                .with_for_update(skip_locked=True)
            )
            rows = list((await session.execute(query)).scalars())
            for row in rows:
                row.status, row.attempts, row.claimed_at = "claimed", row.attempts + 1, now
            await session.flush()
            session.expunge_all()
        return rows

    async def _send(self, row: Delivery, now: datetime, status: RecoveryStatus) -> Outcome:
        if is_late(row.kind, now, row.deadline):  # type: ignore[arg-type]
            return Outcome("dropped")
        render = RENDERERS.get(row.kind)
        if render is None:
            log.error("no renderer for delivery kind %s (delivery %d)", row.kind, row.id)
            return Outcome("failed")
        screen = render(self._library, row, status)
        if screen is None:
            return Outcome("dropped")  # nothing left to ask: answered meanwhile
        if not await self._start_sending(row):
            return Outcome("skipped")  # the claim expired and another process took the row
        try:
            await self._bot.send_message(
                row.chat_id,
                screen.text,
                message_thread_id=row.thread_id,
                parse_mode=ParseMode.HTML,
                reply_markup=screen.markup,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        except Forbidden:
            await self._deactivate(row.chat_id)
            return Outcome("failed")
        except ChatMigrated as migrated:
            await self._migrate(row.chat_id, migrated.new_chat_id)
            return Outcome("pending", now)
        except RetryAfter as flood:
            # Flood control covers the whole bot: stop sending until Telegram's time is up.
            self._flood_until = now + _seconds(flood.retry_after)
            return Outcome("pending", self._flood_until)
        except TimedOut:
            # It may have been delivered; resending could make a duplicate.
            return Outcome("uncertain")
        except NetworkError:
            if row.attempts >= MAX_ATTEMPTS:
                return Outcome("failed")
            return Outcome("pending", now + timedelta(seconds=2**row.attempts))
        except TelegramError as error:
            log.warning("delivery %d refused: %s", row.id, error.message)
            return Outcome("failed")
        return Outcome("sent")

    async def _start_sending(self, row: Delivery) -> bool:
        """Compare-and-set: only the holder of the current claim may send."""
        async with self._database.transaction() as session:
            result = await session.execute(
                update(Delivery)
                .where(
                    Delivery.id == row.id,
                    Delivery.status == "claimed",
                    Delivery.claimed_at == row.claimed_at,
                )
                .values(status="sending")
            )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def _record(self, rows: list[Delivery], outcomes: list[Outcome], now: datetime) -> None:
        changes = [
            {
                "delivery_id": row.id,
                "status": outcome.status,
                "sent_at": now if outcome.status == "sent" else None,
                "not_before": outcome.retry_at or row.not_before,
            }
            for row, outcome in zip(rows, outcomes, strict=True)
            if outcome.status != "skipped"  # another process holds that row now
        ]
        if changes:
            async with self._database.transaction() as session:
                connection = await session.connection()
                await connection.execute(_RECORD, changes)

    async def _expire_dead_claims(self, now: datetime) -> None:
        """Claims a dead process left: unsent ones go back to the queue, ones that were mid-send
        are marked uncertain (they may have arrived)."""
        stale = now - self._lease
        async with self._database.transaction() as session:
            for status, new_status in (("claimed", "pending"), ("sending", "uncertain")):
                await session.execute(
                    update(Delivery)
                    .where(Delivery.status == status, Delivery.claimed_at < stale)
                    .values(status=new_status)
                )

    async def _deactivate(self, chat_id: int) -> None:
        async with self._database.transaction() as session:
            await deactivate_chat(session, chat_id)

    async def _migrate(self, old_chat_id: int, new_chat_id: int) -> None:
        async with self._database.transaction() as session:
            await move_chat(session, old_chat_id, new_chat_id)


_RECORD = (
    update(Delivery)
    .where(Delivery.id == bindparam("delivery_id"))
    .values(
        status=bindparam("status"), sent_at=bindparam("sent_at"), not_before=bindparam("not_before")
    )
)


def _seconds(value: float | timedelta) -> timedelta:
    return value if isinstance(value, timedelta) else timedelta(seconds=value)
