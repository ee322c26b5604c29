"""Bringing a database to the latest schema (used by `python -m bot migrate`, `run` and tests)."""

from collections.abc import Callable

from alembic import command
from alembic.config import Config
from sqlalchemy import text
from sqlalchemy.engine import Connection

from bot.db.engine import create_engine
from bot.paths import ALEMBIC_INI

# Any fixed number, the same in every process of this bot ("knee" in ASCII).
_MIGRATION_LOCK = 0x6B6E6565


def _config(connection: Connection) -> Config:
    config = Config(str(ALEMBIC_INI))
    # migrations/env.py uses this connection instead of opening its own event loop and engine.
    config.attributes["connection"] = connection
    return config


def _upgrade(connection: Connection) -> None:
    """On PostgreSQL, safe to run from several processes at once (several dynos starting on a
    fresh database): they take turns on an advisory lock held until the upgrade commits, and
    the later ones find nothing left to do."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
    command.upgrade(_config(connection), "head")


def _check(connection: Connection) -> None:
    command.check(_config(connection))


async def _run(database_url: str, step: Callable[[Connection], None]) -> None:
    """One Alembic command on a connection of its own, in a transaction that commits."""
    engine = create_engine(database_url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(step)
    finally:
        await engine.dispose()


async def upgrade(database_url: str) -> None:
    await _run(database_url, _upgrade)


async def check(database_url: str) -> None:
    """Raises if the models and the migrations are out of step (what `alembic check` does)."""
    await _run(database_url, _check)


async def move_to(database_url: str, revision: str, *, down: bool = False) -> None:
    """Upgrades (or with `down`, downgrades) to one revision: how a migration's tests stand a
    database just before it."""
    step = command.downgrade if down else command.upgrade
    await _run(database_url, lambda connection: step(_config(connection), revision))
