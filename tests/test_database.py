"""The schema: migrations and models in step, on SQLite and PostgreSQL."""

import asyncio
import os
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.db import chats
from bot.db.engine import Database
from bot.db.migrate import check, upgrade
from bot.db.models import Chat, User
from tests.support.postgres import PostgresServer

ROOT = Path(__file__).resolve().parents[1]


async def test_migrations_match_the_models(database_url: str) -> None:
    await upgrade(database_url)
    await check(database_url)  # raises if `alembic check` would find a difference


async def test_migrating_twice_changes_nothing(database_url: str) -> None:
    await upgrade(database_url)
    await upgrade(database_url)
    await check(database_url)


@pytest.mark.postgres
async def test_three_processes_migrating_a_fresh_postgresql_at_once_all_succeed(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    """Several dynos starting at once on a new database: each `python -m bot migrate` exits 0."""
    url = await postgres_server.create_database()
    env = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(ROOT)}
    processes = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "migrate",
            cwd=tmp_path,
            env=env,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        for _ in range(3)
    ]
    results = await asyncio.wait_for(
        asyncio.gather(*(process.communicate() for process in processes)), timeout=120
    )
    errors = [stderr.decode() for _, stderr in results]
    assert [process.returncode for process in processes] == [0, 0, 0], errors
    await check(url)


async def test_a_user_who_blocks_the_bot_is_marked_unreachable(database: Database) -> None:
    async with database.transaction() as session:
        await chats.record_chat(session, 42, "private")
        await chats.record_user(session, 42, "en")
    async with database.transaction() as session:
        await chats.set_chat_active(session, 42, "private", active=False)
    async with database.transaction() as session:
        user = await session.get(User, 42)
        chat = await session.get(Chat, 42)
        assert user is not None and not user.is_active
        assert chat is not None and not chat.is_active


async def test_writing_again_reactivates_and_updates_the_language(database: Database) -> None:
    async with database.transaction() as session:
        await chats.record_user(session, 7, "en")
        await chats.set_chat_active(session, 7, "private", active=False)
    async with database.transaction() as session:
        await chats.record_user(session, 7, "de")
    async with database.transaction() as session:
        user = await session.get(User, 7)
        assert user is not None and user.is_active and user.language_code == "de"


async def test_deleting_a_user_erases_their_rows(database: Database) -> None:
    async with database.transaction() as session:
        await chats.record_chat(session, 9, "private")
        await chats.record_user(session, 9, None)
        await chats.record_chat(session, -100, "group")
    async with database.transaction() as session:
        await chats.delete_user(session, 9)
    async with database.transaction() as session:
        assert (await session.execute(select(User.id))).all() == []
        assert (await session.execute(select(Chat.id))).scalars().all() == [-100]
