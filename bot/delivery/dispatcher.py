"""The dispatcher: drains the outbox earliest deadline first, at the bot's pace.

Telegram has no idempotency key, so a send that may have arrived is never sent again. A batch is
`claimed` (a lease: a dead process's claims go back to `pending`); its rows are then marked
`sending` by a compare-and-set (only the holder of the claim may send), a group per commit, just
ahead of their requests. A row left `sending` by a process that died becomes `uncertain`, never
resent. At most CONCURRENCY rows are `sending` and unanswered at once (LEAD's worth at the send
rate: 3 at Telegram's 30/s), so a crash loses at most that many messages, and sends nothing
twice. Everything else that fails is retried or dropped.

Every request to a chat waits for its turn in one Pace (the bot's rate limiter,
bot.ui.pacing): messages go out through PTB's public `do_api_request`, which passes the
request through the bot's limiter as `send_message` does. The dispatcher keeps a few of its
requests waiting there, so no turn goes unused, and claims the next batch while one goes out.

The dispatcher decides what happens to each row; its reads and writes are bot.db.outbox's.
"""

import asyncio
import logging
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from warnings import filterwarnings
from zoneinfo import ZoneInfo

import httpx
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
from telegram.warnings import PTBUserWarning

from bot.db.chats import deactivate_chat, move_chat
from bot.db.engine import Database
from bot.db.models import Delivery
from bot.db.outbox import Marking, Outbox, StatusChange
from bot.db.painlog import runner_statuses
from bot.delivery.messages import READS_STATUS, RENDERERS
from bot.domain.content.library import Library
from bot.domain.recovery.status import NO_STATUS, RunnerStatus
from bot.domain.schedule.capacity import EARLIEST_WARMUP
from bot.domain.schedule.deadlines import is_late
from bot.ops.metrics import DROPPED_LATE, FLOOD_WAITS, SENDS
from bot.ui.budget import SendBudget
from bot.ui.pacing import retry_after, turns_per_second
from bot.ui.screen import Screen

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
MAX_EARLY = EARLIEST_WARMUP  # a crowd of warm-ups may start this much before their time
# Rows marked `sending` and not yet answered, at most: what a crash can leave in doubt.
CONCURRENCY = 16
# How far ahead of their turns rows are marked, at the send rate: enough that a commit slowed by
# a busy event loop costs no turns.
LEAD = timedelta(milliseconds=80)
_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


@dataclass(frozen=True)
class Batch:
    rows: list[Delivery]  # claimed, earliest deadline first
    statuses: dict[int, RunnerStatus]  # by delivery id, for the messages that read one


@dataclass(frozen=True)
class DeliveryOutcome:
    status: str  # sent | pending (retry) | failed | dropped | uncertain | skipped (not ours)
    retry_at: datetime | None = None


# A batch's results by delivery id: each row's outcome, or the answer to its request to come.
Results = dict[int, DeliveryOutcome | asyncio.Future[DeliveryOutcome]]


@dataclass(frozen=True)
class Marked:
    """A row marked `sending`, to send."""

    row: Delivery
    screen: Screen
    results: Results  # its batch's


@dataclass(frozen=True)
class Handed:
    """The end of a batch in the queue: each of its rows has an outcome or came before, marked."""

    rows: list[Delivery]
    results: Results


class Dispatcher:
    def __init__(
        self,
        database: Database,
        bot: Bot,
        library: Library,
        rate_per_second: float,
        lease: timedelta,
        on_progress: Callable[[], None] = lambda: None,
        paid_broadcasts: bool = False,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self._database, self._bot, self._library = database, bot, library
        # When a 429 came (a pause runs from then, not from the drain's start); None: the drain's
        # own time, for callers that drive time by hand.
        self._clock = clock
        self._on_progress = on_progress  # each batch recorded: the scheduler is alive
        # Scheduled sends as paid broadcasts (up to 1,000 a second, charged in Stars), or None:
        # PTB leaves the parameter out.
        self._paid = True if paid_broadcasts else None
        self._outbox = Outbox(database)
        self._rate = rate_per_second
        self._lease = lease  # a claim older than this belongs to a process that died
        self._batch = max(1, int(rate_per_second * 2))  # rows per claim: two seconds' worth
        self._ahead = min(CONCURRENCY, math.ceil(LEAD.total_seconds() * rate_per_second))
        # Requests handed to the rate limiter and not yet answered: some wait there for the next
        # turns. Should Telegram stall and then take them all at once, the second they land in
        # still holds no more than the send rate, as the pace leaves room for this many.
        self._in_flight = max(1, math.floor(rate_per_second) - turns_per_second(rate_per_second))
        # A third per commit: the rest are still ahead while it runs.
        self._group = math.ceil(self._ahead / 3)
        # The waits Telegram asked for with a 429: the chat's own limit, only that chat; the
        # overall limit (many chats refused in a row), everything.
        self._waits = SendBudget()
        # PTB warns at every do_api_request for a method it has, asking for send_message: `_send`
        # calls sendMessage this way on purpose. Here rather than at import, so that code which
        # restores the warning filters after importing (pytest does) does not undo it; adding
        # the same filter again replaces it.
        filterwarnings(
            "ignore",
            message=r"Please use 'Bot\.sendMessage' instead of 'Bot\.do_api_request",
            category=PTBUserWarning,
        )

    async def drain(self, now: datetime) -> int:
        """Sends everything due (or due soon enough to need a head start); returns sends."""
        await self._outbox.expire_claims(now - self._lease)
        self._waits.forget_ended(now)
        queue: asyncio.Queue[Marked | Handed | None] = asyncio.Queue()
        ahead, places = asyncio.Semaphore(self._ahead), asyncio.Semaphore(self._in_flight)

        def answered(
            outcome: asyncio.Future[DeliveryOutcome], request: asyncio.Task[DeliveryOutcome]
        ) -> None:
            places.release()
            ahead.release()
            if not (request.cancelled() or request.exception()):
                outcome.set_result(request.result())

        recorded: list[asyncio.Task[int]] = []
        async with asyncio.TaskGroup() as tasks:
            tasks.create_task(self._mark(now, ahead, queue))
            while (item := await queue.get()) is not None:
                if isinstance(item, Handed):
                    recorded.append(tasks.create_task(self._record(item, now)))
                    continue
                await places.acquire()
                if self._waiting_for_flood(now):  # marked, not sent: back to the queue
                    item.results[item.row.id] = DeliveryOutcome(
                        "pending", self._waits.all_paused_until
                    )
                    places.release()
                    ahead.release()
                    continue
                # The record waits on the outcome, not the task, so a finished request is freed at
                # once: kept until its batch is recorded, it would reach the garbage collector's
                # oldest generation, and more full collections (~80 ms each) would stall the bot.
                outcome = asyncio.get_running_loop().create_future()
                item.results[item.row.id] = outcome
                request = tasks.create_task(self._send(item.row, item.screen, now))
                request.add_done_callback(partial(answered, outcome))
        return sum(task.result() for task in recorded)

    async def _mark(
        self, now: datetime, ahead: asyncio.Semaphore, queue: asyncio.Queue[Marked | Handed | None]
    ) -> None:
        """Claims batch after batch, each while the one before is marked, and marks their rows
        `sending` for `drain` to send."""
        async with self._outbox.marking() as marking, asyncio.TaskGroup() as tasks:
            # A small first batch: sending starts after a short claim.
            batch = await self._next_batch(now, self._ahead)
            while batch.rows:
                following = tasks.create_task(self._next_batch(now, self._batch))
                results = await self._mark_batch(marking, batch, now, ahead, queue)
                queue.put_nowait(Handed(batch.rows, results))
                batch = await following
        queue.put_nowait(None)

    async def _next_batch(self, now: datetime, size: int) -> Batch:
        if self._waiting_for_flood(now):
            return Batch([], {})
        rows = await self._outbox.claim(now, size, self._head_start, MAX_EARLY)
        return Batch(rows, await self._statuses(rows, now))

    async def _mark_batch(
        self,
        marking: Marking,
        batch: Batch,
        now: datetime,
        ahead: asyncio.Semaphore,
        queue: asyncio.Queue[Marked | Handed | None],
    ) -> Results:
        """A group per commit, once there is room ahead for it; rows with nothing to send get
        their outcome here."""
        results: Results = {}
        rows = iter(batch.rows)
        while not self._waiting_for_flood(now):
            for _ in range(self._group):
                await ahead.acquire()
            group = list(self._screens(rows, self._group, now, batch.statuses, results))
            for _ in range(self._group - len(group)):
                ahead.release()
            if not group:
                break
            ours = await marking.start_sending([row for row, _ in group])
            for row, screen in group:
                if row.id in ours:
                    queue.put_nowait(Marked(row, screen, results))
                else:  # the claim expired and another process took the row
                    results[row.id] = DeliveryOutcome("skipped")
                    ahead.release()
        for row in rows:  # Telegram asked for a pause: these wait for a later tick
            results[row.id] = DeliveryOutcome("pending", self._waits.all_paused_until)
        return results

    def _screens(
        self,
        rows: Iterator[Delivery],
        count: int,
        now: datetime,
        statuses: dict[int, RunnerStatus],
        results: Results,
    ) -> Iterator[tuple[Delivery, Screen]]:
        """The next `count` rows with a message to send, rendered."""
        while count:
            row = next(rows, None)
            if row is None:
                return
            screen = self._render(row, now, statuses.get(row.id, NO_STATUS))
            if isinstance(screen, DeliveryOutcome):
                results[row.id] = screen
            else:
                count -= 1
                yield row, screen

    def _render(
        self, row: Delivery, now: datetime, status: RunnerStatus
    ) -> Screen | DeliveryOutcome:
        if is_late(row.kind, now, row.deadline):  # type: ignore[arg-type]
            DROPPED_LATE.labels(row.kind).inc()
            return DeliveryOutcome("dropped")
        render = RENDERERS.get(row.kind)
        if render is None:
            log.error("no renderer for delivery kind %s (delivery %d)", row.kind, row.id)
            return DeliveryOutcome("failed")
        screen = render(self._library, row, status)
        if screen is None:
            return DeliveryOutcome("dropped")  # nothing left to ask: answered meanwhile
        return screen

    async def _statuses(self, rows: list[Delivery], now: datetime) -> dict[int, RunnerStatus]:
        """By delivery id: the status of the runner each message that reads it is for, on their
        local date (read once per batch, so a crowd of reminders costs a few queries, not a few
        per message)."""
        todays = {
            row.user_id: now.astimezone(ZoneInfo(row.zone)).date()
            for row in rows
            if row.user_id is not None and row.kind in READS_STATUS
        }
        if not todays:
            return {}
        async with self._database.transaction() as session:
            by_user = await runner_statuses(session, todays)
        return {row.id: by_user[row.user_id] for row in rows if row.user_id in by_user}

    def _waiting_for_flood(self, now: datetime) -> bool:
        """Whether Telegram's overall limit holds everything back."""
        paused = self._waits.all_paused_until
        return paused is not None and now < paused

    def _head_start(self, backlog: int) -> timedelta:
        """How early to begin so a crowd sharing one minute all lands before its deadline: the
        time the rate limit needs for the whole backlog ahead (capped)."""
        return min(MAX_EARLY, timedelta(seconds=backlog / self._rate))

    async def _send(self, row: Delivery, screen: Screen, now: datetime) -> DeliveryOutcome:
        """One delivery's outcome; whatever goes wrong in it stays with it, not the drain."""
        try:
            return await self._attempt(row, screen, now)
        except Exception as error:
            log.error("delivery %d failed: %s", row.id, type(error).__qualname__)
            return DeliveryOutcome("failed")

    async def _attempt(self, row: Delivery, screen: Screen, now: datetime) -> DeliveryOutcome:
        if (wait := self._waits.ready_at(row.chat_id, now, send=False)) > now:
            return DeliveryOutcome("pending", wait)
        try:
            # What send_message sends, minus parsing the answer into a Message no one reads
            # (about a sixth of the CPU per send in bench/, and so of the pace on a busy machine).
            await self._bot.do_api_request("sendMessage", _request(row, screen, self._paid))
        except Forbidden:
            await self._deactivate(row.chat_id)
            return DeliveryOutcome("failed")
        except ChatMigrated as migrated:
            await self._migrate(row.chat_id, migrated.new_chat_id)
            return DeliveryOutcome("pending", now)
        except RetryAfter as flood:
            FLOOD_WAITS.inc()
            came = self._clock() if self._clock is not None else now
            self._waits.pause(row.chat_id, retry_after(flood), came)
            return DeliveryOutcome("pending", came + retry_after(flood))
        except TimedOut as timed_out:
            # Waiting for a free connection, the request never left: safe to send again. Any
            # other time-out may have been delivered, and resending could make a duplicate.
            if isinstance(timed_out.__cause__, httpx.PoolTimeout):
                return _retry(row, now)
            return DeliveryOutcome("uncertain")
        except NetworkError:
            return _retry(row, now)
        except TelegramError as error:
            # Only the kind: Telegram's message can quote the text it refused.
            log.warning("delivery %d refused: %s", row.id, type(error).__qualname__)
            return DeliveryOutcome("failed")
        self._waits.answered()
        return DeliveryOutcome("sent")

    async def _record(self, handed: Handed, now: datetime) -> int:
        """One commit for a batch's results once all are in: a crash before it leaves the sent
        rows `sending`, which become `uncertain`, never resent. Returns the batch's sends."""
        outcomes = [(row, await _outcome(handed.results[row.id])) for row in handed.rows]
        sent = [row.id for row, outcome in outcomes if outcome.status == "sent"]
        changes = [
            StatusChange(row.id, outcome.status, outcome.retry_at or row.not_before)
            for row, outcome in outcomes
            if outcome.status not in ("sent", "skipped")  # skipped: another process has it
        ]
        await self._outbox.record(now, sent, changes)
        for row, outcome in outcomes:
            SENDS.labels(row.kind, outcome.status).inc()
        self._on_progress()
        return len(sent)

    async def _deactivate(self, chat_id: int) -> None:
        async with self._database.transaction() as session:
            await deactivate_chat(session, chat_id)

    async def _migrate(self, old_chat_id: int, new_chat_id: int) -> None:
        async with self._database.transaction() as session:
            await move_chat(session, old_chat_id, new_chat_id)


def _retry(row: Delivery, now: datetime) -> DeliveryOutcome:
    """Later, backing off, for a request that surely did not arrive."""
    if row.attempts >= MAX_ATTEMPTS:
        return DeliveryOutcome("failed")
    return DeliveryOutcome("pending", now + timedelta(seconds=2**row.attempts))


def _request(row: Delivery, screen: Screen, paid: bool | None) -> dict[str, object]:
    """sendMessage's parameters, as send_message would send them (PTB leaves out the Nones)."""
    return {
        "allow_paid_broadcast": paid,
        "chat_id": row.chat_id,
        "text": screen.text,
        "message_thread_id": row.thread_id,
        "parse_mode": ParseMode.HTML,
        "reply_markup": screen.markup,
        "link_preview_options": _NO_PREVIEW,
    }


async def _outcome(result: DeliveryOutcome | asyncio.Future[DeliveryOutcome]) -> DeliveryOutcome:
    return result if isinstance(result, DeliveryOutcome) else await result
