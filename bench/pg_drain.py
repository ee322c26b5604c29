"""A full drain of the busiest minute, as the bot runs it: the real Scheduler ticks (planner, then
the Dispatcher through the bot's PacedRateLimiter) against the local Bot API enforcing Telegram's
limits (30/s free, 1,000/s paid, 1/s per chat), on simulated time (bench.simtime).

Only the minute's crowd is left active: every reminder row whose rule fires in that minute is set
to that firing (a row whose next firing is earlier in the week would otherwise miss it), every
other row is switched off. The bot ticks from EARLIEST_WARMUP + one tick before the minute (it
runs the start-up forecast on its first tick, as it does when it starts) until nothing is left
to send; the idle time between ticks is skipped.

`account` matches what the local Bot API received against the deliveries the planner wrote.
"""

import asyncio
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg

from bench.localapi import Send, TimedApi
from bench.population import FIRST_USER_ID
from bench.simtime import SimClock, loop_factory
from bot.app import build_application
from bot.config import load_settings
from bot.db.engine import Database
from bot.db.outbox import pending_summary
from bot.db.reminders import rule_of
from bot.delivery.tick import Scheduler
from bot.domain.content.library import Library
from bot.domain.schedule.capacity import EARLIEST_WARMUP
from bot.domain.schedule.deadlines import is_late, send_by
from bot.domain.schedule.firing import Firing, Rule, after_previous, next_firing
from bot.services import Services
from bot.telegram_local import FloodLimits
from tests.support import SPEC_PATH
from tests.support.spec import SpecChecker

GIVE_UP = timedelta(hours=3)  # after the minute: whatever is still waiting then counts unsent
REAL_SENDS_PER_SECOND = 60.0  # what the machine is asked for: the simulated clock's scale
_FIRING = ("next_fire_at", "event_at", "occurrence_key")
_RULE = ("kind", "zone", "weekdays", "local_time", "lead_minutes", "quiet_start", "quiet_end")
_NULLABLE = ("quiet_start", "quiet_end")


@dataclass(frozen=True)
class Due:
    """A delivery the planner wrote for the crowd."""

    chat_id: int
    kind: str
    deadline: datetime
    status: str  # as the dispatcher left it: sent, dropped (late), failed, uncertain, pending


@dataclass(frozen=True)
class DrainCount:
    crowd: int  # reminder rows firing in the minute
    planned: int  # deliveries the planner wrote for them
    on_time: int  # delivered while still worth sending (a warm-up: WARMUP_NOTICE before the run)
    late: int  # delivered after that
    dropped_late: int  # planned deliveries the bot dropped as late instead of sending
    unsent: int  # never delivered (dropped ones included)
    duplicates: int  # copies of a message to a chat beyond the first
    unexpected: int  # messages to a chat beyond those due to it

    @property
    def on_time_pct(self) -> float:
        return 100 * self.on_time / self.crowd if self.crowd else 100.0


def account(crowd: int, due: Sequence[Due], sends: Sequence[Send]) -> DrainCount:
    """A chat due k messages must receive k different texts, each once, each in time: a chat's
    first arrivals are matched, earliest first, to the earliest last moment still ahead of them."""
    copies: Counter[tuple[object, object]] = Counter()
    arrivals: dict[object, list[float]] = {}
    for send in sorted(sends, key=lambda send: send.at):
        if send.ok:
            copies[(send.chat_id, send.text)] += 1
            if copies[(send.chat_id, send.text)] == 1:
                arrivals.setdefault(send.chat_id, []).append(send.at)
    by_chat: dict[object, list[Due]] = {}
    for item in due:
        by_chat.setdefault(item.chat_id, []).append(item)
    delivered = on_time = unexpected = 0
    for chat_id, times in arrivals.items():
        owed = by_chat.get(chat_id, [])
        delivered += min(len(owed), len(times))
        unexpected += max(0, len(times) - len(owed))
        on_time += _matched_in_time(times, owed)
    return DrainCount(
        crowd=crowd,
        planned=len(due),
        on_time=on_time,
        late=delivered - on_time,
        dropped_late=sum(item.status == "dropped" for item in due),
        unsent=crowd - delivered,
        duplicates=sum(count - 1 for count in copies.values()),
        unexpected=unexpected,
    )


def _matched_in_time(times: list[float], owed: list[Due]) -> int:
    """Each arrival, earliest first, takes the due message whose last moment comes first among
    those it still makes (the greedy that matches the most)."""
    left = sorted(owed, key=lambda item: send_by(item.kind, item.deadline))  # type: ignore[arg-type]
    matched = 0
    for at in sorted(times):
        moment = datetime.fromtimestamp(at, UTC)
        for index, item in enumerate(left):
            if not is_late(item.kind, moment, item.deadline):  # type: ignore[arg-type]
                del left[index]
                matched += 1
                break
    return matched


async def copy_database(url: str, name: str) -> str:
    """A copy of the database at `url` (nobody may be connected to it meanwhile); its URL."""
    server, source = url.rsplit("/", 1)
    connection = await _connect(f"{server}/postgres")
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        await connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
    finally:
        await connection.close()
    return f"{server}/{name}"


async def keep_only_the_minute(url: str, minute: datetime) -> int:
    """Sets every rule firing at `minute` to that firing, switches every other row off; returns
    the crowd."""
    connection = await _connect(url)
    try:
        columns = ", ".join(_RULE)
        firings = []
        for row in await connection.fetch(f"SELECT DISTINCT {columns} FROM reminders"):
            firing = _firing_at(rule_of(_Columns(row)), minute)
            if firing is not None:
                firings.append((*row.values(), firing.fire_at, firing.event_at, firing.key))
        async with connection.transaction():
            await connection.execute("UPDATE reminders SET active = false")
            await connection.execute(
                f"CREATE TEMP TABLE crowd AS SELECT {columns}, {', '.join(_FIRING)} "
                "FROM reminders LIMIT 0"
            )
            await connection.copy_records_to_table(
                "crowd", records=firings, columns=[*_RULE, *_FIRING]
            )
            await connection.execute("ANALYZE crowd")  # a temporary table has no statistics
            # Equality on the columns that are never null lets the server hash the join (a
            # million runners' rows against thousands of rules); the quiet hours may be null.
            same = " AND ".join(
                f"r.{name} = c.{name}"
                if name not in _NULLABLE
                else f"r.{name} IS NOT DISTINCT FROM c.{name}"
                for name in _RULE
            )
            moved = ", ".join(f"{name} = c.{name}" for name in _FIRING)
            status = await connection.execute(
                f"UPDATE reminders r SET active = true, {moved} FROM crowd c WHERE {same}"
            )
        return int(status.split()[-1])
    finally:
        await connection.close()


def _firing_at(rule: Rule, minute: datetime) -> Firing | None:
    """The rule's firing in `minute`, if it has one. Stepped to from a day before: quiet hours
    can hold an occurrence back to it from hours earlier."""
    firing = next_firing(rule, minute - timedelta(days=1))
    while firing.fire_at < minute:
        firing = next_firing(rule, after_previous(rule, firing.event_at))
    return firing if firing.fire_at < minute + timedelta(minutes=1) else None


class _Columns:
    """A fetched row as RuleColumns."""

    def __init__(self, row: asyncpg.Record) -> None:
        self.kind, self.zone, self.weekdays = row["kind"], row["zone"], row["weekdays"]
        self.local_time, self.lead_minutes = row["local_time"], row["lead_minutes"]
        self.quiet_start, self.quiet_end = row["quiet_start"], row["quiet_end"]


@dataclass(frozen=True)
class Drained:
    count: DrainCount
    rate: float
    paid: bool
    scale: float  # simulated seconds per real second
    http_429: int
    spec_violations: int  # calls Telegram would reject, and local Bot API crashes
    paid_broadcasts: int
    statuses: dict[str, int]  # the crowd's deliveries by status afterwards
    first_send_s: float | None  # after the minute (negative: a head start)
    last_send_s: float | None
    real_s: float  # wall time of the drain


def drain(
    url: str, minute: datetime, crowd: int, rate: float, paid: bool, library: Library
) -> Drained:
    """Runs the bot over the minute on its own simulated-time event loop."""
    scale = REAL_SENDS_PER_SECOND / rate
    clock = SimClock(minute - EARLIEST_WARMUP - timedelta(minutes=1), scale)
    started = time.perf_counter()
    with asyncio.Runner(loop_factory=loop_factory(clock)) as runner:
        result = runner.run(_drain(url, minute, crowd, rate, paid, library, clock))
    return Drained(**result, real_s=round(time.perf_counter() - started, 1))


async def _drain(
    url: str,
    minute: datetime,
    crowd: int,
    rate: float,
    paid: bool,
    library: Library,
    clock: SimClock,
) -> dict[str, Any]:
    database = Database(url)
    limits = FloodLimits()  # Telegram's: 30/s, 1,000/s paid, 1/s per chat
    try:
        checker = SpecChecker.load(SPEC_PATH)  # every call checked against the Bot API spec
        async with TimedApi(
            flood_limits=limits, clock=clock.seconds, stamp=clock.seconds, checker=checker
        ) as api:
            await _runners_wrote(api, url)
            settings = load_settings(
                database_url=url,
                send_rate=rate,
                paid_broadcasts=paid,
                telegram_api_base_url=api.base_url,
            )
            services = Services(settings=settings, database=database, library=library, clock=clock)
            application = build_application(services, token=api.token, base_url=api.base_url)
            async with application:  # getMe; the job queue stays off: this loop ticks
                scheduler = application.bot_data["scheduler"]
                assert isinstance(scheduler, Scheduler)
                await _tick_through(scheduler, database, clock, minute, settings.tick_seconds)
            due = await _deliveries(url)
            count = account(crowd, due, api.sends)
            sent_at = [send.at - minute.timestamp() for send in api.sends if send.ok]
            return {
                "count": count,
                "rate": rate,
                "paid": paid,
                "scale": clock.scale,
                "http_429": api.flood_errors,
                "spec_violations": len(api.violations),
                "paid_broadcasts": api.paid_broadcasts,
                "statuses": dict(Counter(item.status for item in due)),
                "first_send_s": round(min(sent_at), 1) if sent_at else None,
                "last_send_s": round(max(sent_at), 1) if sent_at else None,
            }
    finally:
        await database.dispose()


async def _tick_through(
    scheduler: Scheduler, database: Database, clock: SimClock, minute: datetime, every: float
) -> None:
    """Ticks as the job queue would (a slow tick delays the next one), skipping idle time,
    until the minute is planned and nothing waits to be sent."""
    at = clock()
    while True:
        clock.jump_to(at)
        await scheduler.tick(clock())
        if clock() > minute + timedelta(seconds=every):
            async with database.transaction() as session:
                pending = await pending_summary(session)
            if pending.waiting == 0 or clock() > minute + GIVE_UP:
                return
        at = max(at + timedelta(seconds=every), clock())


async def _runners_wrote(api: TimedApi, url: str) -> None:
    """The crowd's runners have written to the bot (the local Bot API numbers users in order)."""
    rows = await _fetch(url, "SELECT chat_id FROM reminders WHERE active")
    chats = {row["chat_id"] for row in rows}
    for index in range(max(chats, default=FIRST_USER_ID - 1) - FIRST_USER_ID + 1):
        user = api.user(f"Runner {index}", language_code="en")
        if user.id in chats:
            await api.private_chat(user).send("/start")


async def _deliveries(url: str) -> list[Due]:
    rows = await _fetch(url, "SELECT chat_id, kind, deadline, status FROM deliveries")
    return [Due(row["chat_id"], row["kind"], row["deadline"], row["status"]) for row in rows]


async def _fetch(url: str, query: str) -> list[asyncpg.Record]:
    connection = await _connect(url)
    try:
        return list(await connection.fetch(query))
    finally:
        await connection.close()


async def _connect(url: str) -> asyncpg.Connection:
    """asyncpg itself, on the database an SQLAlchemy URL names."""
    return await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://", 1))
