"""Fixtures shared by every suite: databases (SQLite and a real PostgreSQL) and the content."""

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.db.engine import Database
from bot.db.migrate import upgrade
from bot.demos.cache import Demos
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


# Demonstrations the renderer and end-to-end tests use, one or more of each pose type: rendered
# once per session, in parallel, the way `python -m bot demos` renders them.
RENDERED_DEMOS = (
    "standing_quad",  # standing on one leg
    "glute_bridge",  # lying on the back
    "clamshell",  # lying on the side, seen from above
    "butterfly",  # sitting on the floor, seen from the front
    "leg_extension",  # on a chair
    "kneeling_hip_flexor",  # kneeling
    "lying_quad",  # seen from above
    "step_down",  # on a step
    "wall_sit",  # against a wall
    "seated_itb",  # the stretch of the day on the end-to-end tests' date
    "leg_swings_front",  # the quick warm-up's moves
    "leg_swings_side",
    "walking_lunges",
    "high_knees",
    "butt_kicks",
)


@pytest.fixture(scope="session")
def rendered_demos(library: Library, tmp_path_factory: pytest.TempPathFactory) -> Demos:
    demos = Demos(library.demos, tmp_path_factory.mktemp("demos"))
    demos.build(RENDERED_DEMOS, lambda _done, _total: None)
    return demos
