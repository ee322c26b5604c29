"""The planner tick: when nothing is due, and in the busiest minute (a crowd of >= 10,000)."""

import random
import statistics
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bench.database import connect, sqlite_datetime, sqlite_time, sqlite_url
from bot.db.engine import Database
from bot.delivery.planner import plan_due
from bot.domain.schedule.firing import Rule, next_firing

QUIET_RUNS = 20


def _parse(stored: str) -> datetime:
    return datetime.fromisoformat(stored).replace(tzinfo=UTC)


async def quiet_tick_ms(path: Path, runs: int = QUIET_RUNS) -> float:
    """Median `plan_due` time just before the first reminder is due (nothing to plan)."""
    with connect(path) as db:
        (first,) = db.execute("SELECT min(next_fire_at) FROM reminders WHERE active").fetchone()
    now = _parse(first) - timedelta(seconds=1)
    database = Database(sqlite_url(path))
    try:
        await plan_due(database, now)  # opens the connection: not part of a tick
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            planned = await plan_due(database, now)
            times.append((time.perf_counter() - started) * 1000)
            assert planned == 0, "a quiet tick planned something"
    finally:
        await database.dispose()
    return statistics.median(times)


@dataclass(frozen=True)
class Peak:
    at: datetime  # the busiest minute
    natural: int  # rows the population itself has due then
    forced: int  # rows moved there to make the crowd
    due: int  # rows due at `at` in all


def prepare_peak(path: Path, crowd: int, seed: int = 7) -> Peak:
    """Makes the busiest minute the next thing due, with at least `crowd` rows.

    Rows firing before it are deactivated (as if already planned). If fewer than `crowd` rows
    fall in that minute, warm-ups of other runners are moved to it, as a shared race start
    would: their rule becomes a run at (minute + lead) local time, rebuilt by `next_firing`.
    """
    with connect(path) as db:
        at_text, natural = db.execute(
            "SELECT next_fire_at, count(*) FROM reminders WHERE active"
            " GROUP BY next_fire_at ORDER BY count(*) DESC, next_fire_at LIMIT 1"
        ).fetchone()
        at = _parse(at_text)
        assert at.second == 0 and at.microsecond == 0, at
        db.execute("UPDATE reminders SET active = 0 WHERE next_fire_at < ?", (at_text,))
        due_users = {
            uid
            for (uid,) in db.execute(
                "SELECT user_id FROM reminders WHERE next_fire_at = ?", (at_text,)
            )
        }
        need = max(0, crowd - natural)
        candidates: dict[int, tuple[int, str, int]] = {}
        for row_id, uid, zone, lead in db.execute(
            "SELECT id, user_id, zone, lead_minutes FROM reminders"
            " WHERE kind = 'warmup' AND next_fire_at != ? AND ? ORDER BY id",
            (at_text, need > 0),
        ):
            if uid not in due_users:
                candidates.setdefault(uid, (row_id, zone, lead))
        if need > len(candidates):
            raise ValueError(f"only {natural + len(candidates)} rows can be due at once")
        chosen = random.Random(seed).sample(sorted(candidates), need)
        updates = []
        for uid in chosen:
            row_id, zone, lead = candidates[uid]
            event = (at + timedelta(minutes=lead)).astimezone(ZoneInfo(zone))
            rule = Rule(
                "warmup",
                zone,
                (event.weekday(),),
                event.time().replace(tzinfo=None),
                lead=timedelta(minutes=lead),
            )
            firing = next_firing(rule, at - timedelta(seconds=1))
            assert firing.fire_at == at, (rule, firing)
            updates.append(
                (
                    str(event.weekday()),
                    sqlite_time(rule.local_time),
                    sqlite_datetime(firing.fire_at),
                    sqlite_datetime(firing.event_at),
                    firing.key,
                    row_id,
                )
            )
        db.executemany(
            "UPDATE reminders SET weekdays = ?, local_time = ?, next_fire_at = ?, event_at = ?,"
            " occurrence_key = ?, active = 1 WHERE id = ?",
            updates,
        )
        (due,) = db.execute(
            "SELECT count(*) FROM reminders WHERE active AND next_fire_at <= ?", (at_text,)
        ).fetchone()
        db.execute("ANALYZE")
    return Peak(at, natural, need, due)


@dataclass(frozen=True)
class PeakTick:
    ms: float
    planned: int  # deliveries written


async def peak_tick(path: Path, at: datetime) -> PeakTick:
    """One `plan_due` at the busiest minute (after a quiet tick has opened the connection)."""
    database = Database(sqlite_url(path))
    try:
        await plan_due(database, at - timedelta(seconds=1))
        started = time.perf_counter()
        planned = await plan_due(database, at)
        ms = (time.perf_counter() - started) * 1000
    finally:
        await database.dispose()
    return PeakTick(ms, planned)
