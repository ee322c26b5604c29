"""Whole processes: killed with SIGKILL mid-work and restarted, or two sharing PostgreSQL.
Nothing is sent twice; the only deliveries that can be missing are requests in flight at the
instant of a kill, and those are marked uncertain rather than resent."""

import asyncio
import os
import random
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import insert, select

from bot.db import chats as chat_rows
from bot.db.engine import Database
from bot.db.migrate import upgrade
from bot.db.models import Delivery, Reminder
from bot.delivery.dispatcher import CONCURRENCY
from bot.telegram_local import LocalBotApi
from bot.telegram_local.chat import LocalChat
from tests.support.postgres import PostgresServer
from tests.support.spec import SpecChecker

ROOT = Path(__file__).resolve().parents[2]
USERS = 240


async def _prepare(database_url: str, api: LocalBotApi) -> list[LocalChat]:
    """USERS runners who started the bot, each with a warm-up reminder due right now."""
    await upgrade(database_url)
    database = Database(database_url)
    chats = []
    for n in range(USERS):
        user = api.user(f"Runner {n}")
        chat = api.private_chat(user)
        await chat.send("/start")
        chats.append(chat)
    now = datetime.now(UTC)
    async with database.transaction() as session:
        for chat in chats:
            await chat_rows.enroll_user(session, chat.id)
            await chat_rows.user_seen(session, chat.id, "en")
        await session.execute(
            insert(Reminder),
            [
                {
                    "chat_id": chat.id,
                    "user_id": chat.id,
                    "kind": "warmup",
                    "zone": "Europe/Berlin",
                    "weekdays": "0123456",
                    "local_time": time(7, 0),
                    "lead_minutes": 15,
                    "next_fire_at": now - timedelta(seconds=1),
                    "event_at": now + timedelta(minutes=14),
                    "occurrence_key": f"crash-test-{chat.id}",
                    "active": True,
                }
                for chat in chats
            ],
        )
    await database.dispose()
    return chats


def _start(database_url: str, api: LocalBotApi) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "TELEGRAM_BOT_TOKEN": api.token,
        "TELEGRAM_API_BASE_URL": api.base_url,
        "SEND_RATE": "120",
        "CLAIM_LEASE_SECONDS": "1",
        "LOG_LEVEL": "WARNING",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "tests.support.scheduler_process"], cwd=ROOT, env=env
    )


def _sends(api: LocalBotApi) -> Counter[int]:
    return Counter(
        int(str(call.params["chat_id"]))
        for call in api.calls
        if call.method == "sendMessage" and call.ok
    )


async def _statuses(database_url: str) -> dict[int, str]:
    database = Database(database_url)
    async with database.transaction() as session:
        rows = (await session.execute(select(Delivery.chat_id, Delivery.status))).all()
    await database.dispose()
    return {row.chat_id: row.status for row in rows}


async def _settled(database_url: str) -> bool:
    statuses = await _statuses(database_url)
    return len(statuses) == USERS and all(
        s in {"sent", "uncertain", "failed"} for s in statuses.values()
    )


def _calls_reach(api: LocalBotApi, target: int) -> Callable[[], bool]:
    return lambda: len(api.calls) >= target


async def _kill_and_restart(database_url: str, checker: SpecChecker) -> None:
    rng = random.Random(20261123)
    async with LocalBotApi(checker=checker) as api:
        chats = await _prepare(database_url, api)
        kills = 0
        while True:
            process = _start(database_url, api)
            try:
                if kills < 4:
                    # Kill after a random number of further sends (process start-up included).
                    target = len(api.calls) + rng.randint(5, 50)
                    await api.wait_until(_calls_reach(api, target), timeout=60)
                    process.send_signal(signal.SIGKILL)
                    kills += 1
                else:
                    for _ in range(600):
                        if await _settled(database_url):
                            break
                        await asyncio.sleep(0.1)  # the process works on the wall clock
                    else:
                        raise AssertionError("deliveries did not settle")
            finally:
                process.kill()
                process.wait()
            if kills >= 4 and await _settled(database_url):
                break
        sends = _sends(api)
        statuses = await _statuses(database_url)
        assert api.violations == []
    assert max(sends.values()) == 1, "nothing is sent twice"
    missing = {chat.id for chat in chats} - set(sends)
    assert all(statuses[chat_id] == "uncertain" for chat_id in missing)
    assert len(missing) <= 4 * CONCURRENCY, "at most the requests in flight at each kill"


async def test_sigkill_and_restart_on_sqlite(tmp_path: Path, checker: SpecChecker) -> None:
    await _kill_and_restart(f"sqlite+aiosqlite:///{tmp_path / 'crash.sqlite3'}", checker)


@pytest.mark.postgres
async def test_sigkill_and_restart_on_postgresql(
    postgres_server: PostgresServer, checker: SpecChecker
) -> None:
    await _kill_and_restart(await postgres_server.create_database(), checker)


@pytest.mark.postgres
async def test_two_processes_share_one_postgresql(
    postgres_server: PostgresServer, checker: SpecChecker
) -> None:
    url = await postgres_server.create_database()
    async with LocalBotApi(checker=checker) as api:
        chats = await _prepare(url, api)
        processes = [_start(url, api), _start(url, api)]
        try:
            await api.wait_until(lambda: sum(_sends(api).values()) >= USERS, timeout=60)
            for _ in range(20):  # a little longer: a duplicate would arrive now
                await asyncio.sleep(0.05)
        finally:
            for process in processes:
                process.kill()
                process.wait()
        sends = _sends(api)
        assert api.violations == []
    assert set(sends) == {chat.id for chat in chats}
    assert max(sends.values()) == 1
