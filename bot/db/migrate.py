"""Bringing a database to the latest schema (used by `python -m bot migrate`, `run` and tests)."""

from collections.abc import Callable

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection

from bot.db.engine import create_engine
from bot.paths import ALEMBIC_INI


def _config(connection: Connection) -> Config:
    config = Config(str(ALEMBIC_INI))
    # migrations/env.py uses this connection instead of opening its own event loop and engine.
    config.attributes["connection"] = connection
    return config


def _upgrade(connection: Connection) -> None:
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
