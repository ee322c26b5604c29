"""The bot's side of the dispatch benchmark, in its own process (in production Telegram does not
share the bot's CPU either): drains every pending delivery through the real Scheduler's
Dispatcher, then checks that a restart (planner and dispatcher anew) sends nothing more.

python -m bench.drain_worker DATABASE_PATH BASE_URL TOKEN RATE PEAK_AT [--paced]

Prints "ready" once the bot is up (getMe done), starts on a line from stdin, then prints one
JSON line: {"started": wall clock, "finished": ..., "sent": n, "resent": n, "cpu_s": ...}.

--paced is an experiment, not the bot as built: it swaps the bot's PacedRateLimiter for PTB's
stock AIORateLimiter with a bucket of one request per 1/rate (the bot's limiter before it), for
comparison. BENCH_PROFILE=file cProfiles the worker into `file`.
"""

import argparse
import asyncio
import cProfile
import json
import logging
import os
import resource
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from telegram.ext import AIORateLimiter

from bench.database import connect, sqlite_url
from bot.app import build_application
from bot.config import load_settings
from bot.db.engine import Database
from bot.delivery.planner import plan_due
from bot.delivery.tick import Scheduler
from bot.domain.content.library import load_library
from bot.services import BotApplication, Services

PROFILE_ENV = "BENCH_PROFILE"
TICK = 0.2  # seconds between drain calls while a flood wait or a retry holds rows back


def _unsent(path: Path) -> int:
    with connect(path) as db:
        (count,) = db.execute(
            "SELECT count(*) FROM deliveries WHERE status IN ('pending', 'claimed', 'sending')"
        ).fetchone()
    return int(count)


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _use_stock_limiter(application: BotApplication, rate: float) -> None:
    application.bot._rate_limiter = AIORateLimiter(overall_max_rate=1, overall_time_period=1 / rate)


async def drain(
    path: Path, base_url: str, token: str, rate: float, peak_at: datetime, paced: bool
) -> dict[str, float]:
    url = sqlite_url(path)
    settings = load_settings(
        database_url=url, send_rate=rate, tick_seconds=60, telegram_api_base_url=base_url
    )
    database = Database(url)
    services = Services(settings=settings, database=database, library=load_library())
    application = build_application(services, token=token, base_url=base_url)
    if paced:
        _use_stock_limiter(application, rate)
    try:
        async with application:  # getMe; the job queue stays off: this loop is the tick
            scheduler = application.bot_data["scheduler"]
            assert isinstance(scheduler, Scheduler)
            print("ready", flush=True)
            await asyncio.to_thread(sys.stdin.readline)  # the crowd is due now
            cpu, started = _cpu(), time.time()
            sent = 0
            while _unsent(path):
                sent += await scheduler.dispatcher.drain(datetime.now(UTC))
                if _unsent(path):
                    await asyncio.sleep(TICK)  # what the next tick would do
            finished, cpu = time.time(), _cpu() - cpu
            # A restart: a new planner run for the same minute and a new dispatcher.
            await plan_due(database, peak_at)
            fresh = Scheduler(services, application.bot)
            resent = await fresh.dispatcher.drain(datetime.now(UTC))
    finally:
        await database.dispose()
    return {"started": started, "finished": finished, "sent": sent, "resent": resent, "cpu_s": cpu}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.drain_worker")
    parser.add_argument("database", type=Path)
    parser.add_argument("base_url")
    parser.add_argument("token")
    parser.add_argument("rate", type=float)
    parser.add_argument("peak_at", type=datetime.fromisoformat)
    parser.add_argument("--paced", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)  # a 429 is counted by the server, not logged here
    profile = cProfile.Profile() if os.environ.get(PROFILE_ENV) else None
    if profile is not None:
        profile.enable()
    result = asyncio.run(
        drain(args.database, args.base_url, args.token, args.rate, args.peak_at, args.paced)
    )
    if profile is not None:
        profile.disable()
        profile.dump_stats(os.environ[PROFILE_ENV])
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
