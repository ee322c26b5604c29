"""Fixtures shared by every suite: databases (SQLite and a real PostgreSQL) and the content."""

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.db.engine import Database
from bot.db.migrate import upgrade
from bot.domain.content.library import Library, load_library
from tests.support import SPEC_PATH
from tests.support.postgres import PostgresServer, find_bindir, running_postgres
from tests.support.spec import SpecChecker

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def library() -> Library:
    return load_library(ROOT / "content")


@pytest.fixture(scope="session")
def checker() -> SpecChecker:
    return SpecChecker.load(SPEC_PATH)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    if find_bindir() is None:
        pytest.skip("PostgreSQL is not installed here (.ci/run installs Debian's postgresql)")
    with running_postgres() as server:
        yield server


BOTH_DATABASES = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


async def empty_database(kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if kind == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'test.sqlite3'}"
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return await server.create_database()


@pytest.fixture(params=BOTH_DATABASES)
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database URL, once for SQLite and once for a real PostgreSQL server."""
    return await empty_database(request.param, request, tmp_path)


@pytest.fixture
async def database(database_url: str) -> AsyncIterator[Database]:
    """A migrated database (the real Alembic migrations, not create_all)."""
    await upgrade(database_url)
    db = Database(database_url)
    yield db
    await db.dispose()
