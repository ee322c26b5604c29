"""One repeating job drives the reminders: plan what is due, then send it."""

import logging
from datetime import datetime, timedelta

from telegram import Bot

from bot.delivery.dispatcher import Dispatcher
from bot.delivery.planner import plan_due
from bot.delivery.retention import purge_outbox, purge_pain_log
from bot.services import BotApplication, BotContext, Services

log = logging.getLogger(__name__)
JOB_NAME = "reminders"
PURGE_EVERY = timedelta(hours=1)  # what is kept for a while goes within the hour after


class Scheduler:
    def __init__(self, services: Services, bot: Bot) -> None:
        self._services = services
        settings = services.settings
        self.dispatcher = Dispatcher(
            services.database,
            bot,
            services.library,
            settings.send_rate,
            lease=timedelta(seconds=settings.claim_lease_seconds),
        )
        self._next_purge: datetime | None = None

    async def tick(self, now: datetime) -> None:
        planned = await plan_due(self._services.database, now)
        sent = await self.dispatcher.drain(now)
        if planned or sent:
            log.info("reminders: %d planned, %d sent", planned, sent)
        if self._next_purge is None or now >= self._next_purge:
            self._next_purge = now + PURGE_EVERY
            database, keep = self._services.database, self._services.settings.pain_log_keep
            if purged := await purge_outbox(database, now):
                log.info("outbox: %d finished deliveries older than a week deleted", purged)
            if purged := await purge_pain_log(database, now, keep):
                log.info("pain log: %d runs older than %d days deleted", purged, keep.days)


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
