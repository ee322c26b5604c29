"""A SQLite database holding N runners, built in bulk (executemany in chunks, not the ORM).

The schema comes from the real migrations; every reminder row is what `bot.db.reminders.row_for`
would write for the runner's rules (`rules_for`), with `next_firing` memoised per rule, and a sample
of rows is checked against `row_for` itself after the build.
"""

import asyncio
import contextlib
import functools
import shutil
import sqlite3
import time as clock
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import sqlite as sqlite_dialect

from bench.population import QUIET, Population, Runner
from bot.db.engine import Database
from bot.db.migrate import upgrade
from bot.db.models import Reminder
from bot.db.reminders import row_for, rule_of
from bot.domain.schedule.firing import Rule, next_firing
from bot.domain.schedule.sources import rules_for

CHUNK = 20_000  # runners per executemany round

_DIALECT = sqlite_dialect.dialect()
# SQLAlchemy's own formatting, so stored values compare with the ones it binds.
_DATETIME: Callable[[datetime], str] = sqlite_dialect.DATETIME().bind_processor(_DIALECT)  # type: ignore[assignment,no-untyped-call]
_TIME: Callable[[time], str] = sqlite_dialect.TIME().bind_processor(_DIALECT)  # type: ignore[no-untyped-call]


def sqlite_datetime(instant: datetime) -> str:
    """How UtcDateTime stores an aware instant in SQLite: naive UTC, SQLAlchemy's format."""
    return _DATETIME(instant.astimezone(UTC).replace(tzinfo=None))


@functools.cache
def sqlite_time(wall: time) -> str:
    return _TIME(wall)


@contextlib.contextmanager
def connect(path: Path) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 connection: committed (or rolled back) and closed on leaving."""
    db = sqlite3.connect(path)
    try:
        with db:
            yield db
    finally:
        db.close()


def copy_database(source: Path, target: Path) -> None:
    """A copy to measure on; a stale -wal beside the target would be replayed into it."""
    with connect(source) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, target)


def sqlite_url(path: Path) -> str:
    return f"sqlite+aiosqlite:///{path}"


@dataclass(frozen=True)
class Built:
    path: Path
    users: int
    planned_runs: int
    reminders: int
    seconds: float
    built_at: datetime  # reminders were built with next_fire_at after this


class _Rows:
    """Reminder columns for a rule, as `row_for` builds them, memoised (many runners share
    a rule: same zone, day, time and lead)."""

    def __init__(self, after: datetime) -> None:
        self._after = after
        self._cache: dict[Rule, tuple[Any, ...]] = {}

    def columns(self, rule: Rule) -> tuple[Any, ...]:
        cached = self._cache.get(rule)
        if cached is None:
            firing = next_firing(rule, self._after)
            cached = (
                rule.kind,
                rule.zone,
                "".join(str(day) for day in rule.weekdays),
                sqlite_time(rule.local_time),
                int(rule.lead.total_seconds() // 60),
                sqlite_time(rule.quiet.start) if rule.quiet else None,
                sqlite_time(rule.quiet.end) if rule.quiet else None,
                sqlite_datetime(firing.fire_at),
                sqlite_datetime(firing.event_at),
                firing.key,
            )
            self._cache[rule] = cached
        return cached


def _insert(db: sqlite3.Connection, runners: Iterable[Runner], rows: _Rows) -> tuple[int, int]:
    users, chats, settings, runs, reminders = [], [], [], [], []
    for runner in runners:
        plan, uid = runner.plan, runner.user_id
        users.append((uid, "en"))
        chats.append((uid, "private"))
        settings.append(
            (
                uid,
                plan.zone,
                int(plan.lead.total_seconds() // 60),
                sqlite_time(plan.stretch_time) if plan.stretch_time else None,
                int(plan.nudges),
                sqlite_time(QUIET.start),
                sqlite_time(QUIET.end),
            )
        )
        runs += [(uid, run.weekday, sqlite_time(run.time)) for run in plan.runs]
        reminders += [(uid, uid, *rows.columns(rule)) for rule in rules_for(plan)]
    db.executemany("INSERT INTO users (id, language_code, is_active) VALUES (?, ?, 1)", users)
    db.executemany("INSERT INTO chats (id, kind, is_active) VALUES (?, ?, 1)", chats)
    db.executemany(
        "INSERT INTO user_settings (user_id, timezone, warmup_lead_minutes, stretch_time,"
        " rest_day_nudges, quiet_start, quiet_end, stopped) VALUES (?, ?, ?, ?, ?, ?, ?, 0)",
        settings,
    )
    db.executemany("INSERT INTO planned_runs (user_id, weekday, local_time) VALUES (?, ?, ?)", runs)
    db.executemany(
        "INSERT INTO reminders (chat_id, user_id, kind, zone, weekdays, local_time,"
        " lead_minutes, quiet_start, quiet_end, next_fire_at, event_at, occurrence_key, active)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
        reminders,
    )
    return len(runs), len(reminders)


def build(path: Path, users: int, built_at: datetime, seed: int = 2026) -> Built:
    started = clock.perf_counter()
    url = sqlite_url(path)
    asyncio.run(upgrade(url))
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode=DELETE")
        db.execute("PRAGMA synchronous=OFF")
        db.execute("PRAGMA cache_size=-262144")  # 256 MB while loading
        population = Population(seed)
        rows = _Rows(built_at)
        runs = reminders = 0
        for start in range(0, users, CHUNK):
            db.execute("BEGIN")
            chunk = (population.runner(i) for i in range(start, min(users, start + CHUNK)))
            added_runs, added_reminders = _insert(db, chunk, rows)
            db.execute("COMMIT")
            runs += added_runs
            reminders += added_reminders
        db.execute("ANALYZE")
        db.execute("PRAGMA journal_mode=WAL")  # what the bot uses
    finally:
        db.close()
    asyncio.run(_check_against_row_for(url, built_at))
    return Built(path, users, runs, reminders, clock.perf_counter() - started, built_at)


async def _check_against_row_for(url: str, built_at: datetime, sample: int = 500) -> None:
    """The bulk rows read back through the ORM equal what `row_for` builds for their rules."""
    database = Database(url)
    try:
        async with database.transaction() as session:
            query = select(Reminder).order_by(Reminder.id).limit(sample)
            for row in (await session.execute(query)).scalars():
                expected = row_for(rule_of(row), row.chat_id, row.user_id, built_at)
                got = (row.next_fire_at, row.event_at, row.occurrence_key, row.quiet_start)
                want = (
                    expected.next_fire_at,
                    expected.event_at,
                    expected.occurrence_key,
                    expected.quiet_start,
                )
                if got != want:
                    raise AssertionError(f"reminder {row.id}: stored {got}, row_for gives {want}")
    finally:
        await database.dispose()
