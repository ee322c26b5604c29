"""One repeating job drives the reminders: plan what is due, then send it. It also keeps the
operator's view current: the outbox gauges each tick, the week's capacity forecast daily."""

import logging
import time
from datetime import datetime, timedelta

from telegram import Bot

from bot.db.outbox import pending_summary
from bot.db.schedule import firing_by
from bot.delivery.dispatcher import Dispatcher
from bot.delivery.planner import plan_due
from bot.delivery.retention import purge_outbox, purge_pain_log, purge_skipped_runs
from bot.domain.schedule.capacity import EARLIEST_WARMUP, Forecast
from bot.ops.capacity import forecast_week
from bot.ops.health import Heartbeat
from bot.ops.metrics import LAST_TICK, OUTBOX_OLDEST_SECONDS, OUTBOX_PENDING, TICK_SECONDS
from bot.services import BotApplication, BotContext, Services

log = logging.getLogger(__name__)
JOB_NAME = "reminders"
PURGE_EVERY = timedelta(hours=1)  # what is kept for a while goes within the hour after
FORECAST_EVERY = timedelta(days=1)


class Scheduler:
    def __init__(self, services: Services, bot: Bot) -> None:
        self._services = services
        settings = services.settings
        self.heartbeat = Heartbeat(services.clock())
        self.dispatcher = Dispatcher(
            services.database,
            bot,
            services.library,
            settings.send_rate,
            lease=timedelta(seconds=settings.claim_lease_seconds),
            on_progress=lambda: self.heartbeat.beat(services.clock()),
            paid_broadcasts=settings.paid_broadcasts,
            clock=services.clock,
        )
        self._next_purge: datetime | None = None
        self._next_forecast: datetime | None = None

    async def tick(self, now: datetime) -> None:
        self.heartbeat.beat(now)
        started = time.perf_counter()
        database = self._services.database
        planned = await plan_due(database, now, early=await self._head_start(now))
        sent = await self.dispatcher.drain(now)
        if planned or sent:
            log.info("reminders: %d planned, %d sent", planned, sent)
        if self._next_purge is None or now >= self._next_purge:
            self._next_purge = now + PURGE_EVERY
            keep = self._services.settings.pain_log_keep
            if purged := await purge_outbox(database, now):
                log.info("outbox: %d finished deliveries older than a week deleted", purged)
            if purged := await purge_skipped_runs(database, now):
                log.info("skipped runs: %d older than a week deleted", purged)
            if purged := await purge_pain_log(database, now, keep):
                log.info("pain log: %d runs older than %d days deleted", purged, keep.days)
        await self._observe_outbox(now)
        if self._next_forecast is None or now >= self._next_forecast:
            await self.forecast(now)
        TICK_SECONDS.observe(time.perf_counter() - started)
        LAST_TICK.set(now.timestamp())
        self.heartbeat.beat(self._services.clock())

    async def forecast(self, now: datetime) -> Forecast:
        """The coming week's capacity, logged (at start-up, then daily) and published."""
        self._next_forecast = now + FORECAST_EVERY
        settings = self._services.settings
        result = await forecast_week(self._services.database, now, settings.send_rate)
        log.log(logging.INFO if result.fits else logging.WARNING, "%s", result.summary())
        return result

    async def _head_start(self, now: datetime) -> timedelta:
        """How early the warm-ups coming up must start for the crowd ahead to be sent in time:
        the time the send rate needs for everything firing within EARLIEST_WARMUP (capped)."""
        ahead = await firing_by(self._services.database, now + EARLIEST_WARMUP)
        return min(EARLIEST_WARMUP, timedelta(seconds=ahead / self._services.settings.send_rate))

    async def _observe_outbox(self, now: datetime) -> None:
        async with self._services.database.transaction() as session:
            pending = await pending_summary(session)
        OUTBOX_PENDING.set(pending.waiting)
        overdue = now - pending.oldest_due if pending.oldest_due is not None else timedelta(0)
        OUTBOX_OLDEST_SECONDS.set(max(0.0, overdue.total_seconds()))


def install(application: BotApplication, services: Services) -> Scheduler:
    scheduler = Scheduler(services, application.bot)

    async def run(_context: BotContext) -> None:
        await scheduler.tick(services.clock())

    job_queue = application.job_queue
    assert job_queue is not None, "python-telegram-bot[job-queue] is installed"
    job_queue.run_repeating(
        run,
        interval=timedelta(seconds=services.settings.tick_seconds),
        first=timedelta(seconds=services.settings.tick_seconds),
        name=JOB_NAME,
        # A slow tick (a crowd of reminders) is never run twice at once, nor caught up in bursts.
        job_kwargs={"max_instances": 1, "coalesce": True},
    )
    return scheduler
