"""The real Application, polling the local Bot API over HTTP, with a migrated database and every
call checked against the Bot API specification."""

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.app import build_application, group_replies, polling
from bot.config import load_settings
from bot.db.engine import Database
from bot.db.migrate import upgrade
from bot.delivery.tick import Scheduler
from bot.demos.cache import Demos
from bot.domain.content.library import Library
from bot.services import BotApplication, Services
from bot.telegram_local import FloodLimits, LocalBotApi
from bot.telegram_local.chat import LocalChat
from bot.telegram_local.driver import Driver
from bot.telegram_local.models import LocalUser
from tests.conftest import BOTH_DATABASES, empty_database
from tests.support.clock import FakeClock
from tests.support.spec import SpecChecker


@dataclass
class World:
    api: LocalBotApi
    application: BotApplication
    driver: Driver
    database: Database
    clock: FakeClock

    @property
    def scheduler(self) -> Scheduler:
        scheduler = self.application.bot_data["scheduler"]
        assert isinstance(scheduler, Scheduler)
        return scheduler

    async def tick(self) -> None:
        """What the repeating job does, at the injected time."""
        await self.scheduler.tick(self.clock())
        await self.driver.settle()

    def private(self, name: str = "Ann", language_code: str = "en") -> tuple[LocalUser, LocalChat]:
        user = self.api.user(name, language_code=language_code)
        return user, self.api.private_chat(user)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def world_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """SQLite, unless a module asks for both databases with `ON_BOTH_DATABASES`."""
    return await empty_database(getattr(request, "param", "sqlite"), request, tmp_path)


# `pytestmark = ON_BOTH_DATABASES` runs a module's end-to-end tests on SQLite and PostgreSQL.
ON_BOTH_DATABASES = pytest.mark.parametrize("world_database_url", BOTH_DATABASES, indirect=True)


@pytest.fixture
def world_demos() -> Demos | None:
    """No demonstrations: the library is text. tests/e2e/test_demos.py overrides it."""
    return None


@pytest.fixture
def flood_limits() -> FloodLimits | None:
    """What the local Bot API enforces: nothing, unless a module overrides this fixture."""
    return None


@pytest.fixture
async def world(
    world_database_url: str,
    checker: SpecChecker,
    library: Library,
    clock: FakeClock,
    world_demos: Demos | None,
    flood_limits: FloodLimits | None,
) -> AsyncIterator[World]:
    url = world_database_url
    await upgrade(url)
    database = Database(url)
    services = Services(
        # The real repeating tick stays out of the way: tests tick by hand at injected times.
        settings=load_settings(database_url=url, tick_seconds=60),
        database=database,
        library=library,
        clock=clock,
        demos=world_demos,
        sleep=clock.sleep,
    )
    api = LocalBotApi(checker=checker, flood_limits=flood_limits, clock=clock.seconds)
    async with api:
        application = build_application(services, token=api.token, base_url=api.base_url)
        async with polling(application):
            driver = Driver(api, application.update_queue, group_replies(application).idle)
            yield World(api, application, driver, database, clock)
    assert api.violations == [], "calls Telegram would reject"
    assert api.unanswered_callbacks == [], "every button press gets an answer"
