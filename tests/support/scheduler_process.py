"""The real scheduler (planner + dispatcher + the bot's HTTP stack) in its own process, ticking
on the wall clock, for the crash and two-process tests. Configured like the bot, from the
environment (DATABASE_URL, TELEGRAM_BOT_TOKEN, TELEGRAM_API_BASE_URL, SEND_RATE, ...)."""

import asyncio
from datetime import UTC, datetime

from bot.app import build_application
from bot.config import load_settings
from bot.db.engine import Database
from bot.delivery.tick import Scheduler
from bot.domain.content.library import load_library
from bot.services import Services

PAUSE_SECONDS = 0.05  # between ticks: this process exists to be killed mid-work


async def main() -> None:
    settings = load_settings()
    services = Services(
        settings=settings,
        database=Database(settings.database_url),
        library=load_library(settings.content_dir),
    )
    application = build_application(
        services, token=settings.require_token(), base_url=settings.telegram_api_base_url
    )
    async with application:
        scheduler = application.bot_data["scheduler"]
        assert isinstance(scheduler, Scheduler)
        while True:
            await scheduler.tick(datetime.now(UTC))
            await asyncio.sleep(PAUSE_SECONDS)


if __name__ == "__main__":
    asyncio.run(main())
