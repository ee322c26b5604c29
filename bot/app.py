"""Builds the PTB Application: handlers, rate limiter, error handler, command menus, lifecycle."""

import asyncio
import gc
import logging
import signal
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from telegram import (
    BotCommand,
    BotCommandScope,
    BotCommandScopeAllChatAdministrators,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    Update,
)
from telegram.ext import ApplicationBuilder, ContextTypes

from bot.commands import Command, Where, commands_for, member_commands
from bot.delivery.tick import Scheduler
from bot.delivery.tick import install as install_scheduler
from bot.features.basics import errors
from bot.features.basics import handlers as basics
from bot.features.chats import handlers as chats
from bot.features.clubs.handlers import commands as clubs
from bot.features.library import handlers as library
from bot.features.privacy import handlers as privacy
from bot.features.recovery import handlers as recovery
from bot.features.reminders import handlers as reminders
from bot.features.settings import handlers as settings
from bot.features.triage import handlers as triage
from bot.ops.health import HealthCheck
from bot.ops.http import OpsServer, Webhook
from bot.ops.updates import MeasuredUpdates
from bot.profile import DESCRIPTION, SHORT_DESCRIPTION
from bot.services import BotApplication, BotContext, Services
from bot.ui.outgoing import GroupReplies
from bot.ui.pacing import PacedRateLimiter
from bot.ui.presses import press_guard

log = logging.getLogger(__name__)

# Only what the handlers use: fewer updates to fetch, nothing the bot cannot act on.
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY, Update.MY_CHAT_MEMBER]
PRESS_GUARD_GROUP = -2  # features use 0 and chats uses -1


async def set_command_menus(application: BotApplication) -> None:
    """Private chats get the private list; in groups, members see what they may use and the
    chat's administrators (a more specific scope, which Telegram prefers) see all of it."""
    bot = application.bot
    menus: tuple[tuple[tuple[Command, ...], BotCommandScope], ...] = (
        (commands_for(Where.PRIVATE), BotCommandScopeAllPrivateChats()),
        (member_commands(Where.GROUP), BotCommandScopeAllGroupChats()),
        (commands_for(Where.GROUP), BotCommandScopeAllChatAdministrators()),
    )
    for commands, scope in menus:
        await bot.set_my_commands([BotCommand(c.name, c.description) for c in commands], scope)


async def set_profile(application: BotApplication) -> None:
    """What a person sees before pressing Start."""
    await application.bot.set_my_description(DESCRIPTION)
    await application.bot.set_my_short_description(SHORT_DESCRIPTION)


def _services(application: BotApplication) -> Services:
    services = application.bot_data["services"]
    assert isinstance(services, Services)
    return services


def _scheduler(application: BotApplication) -> Scheduler:
    scheduler = application.bot_data["scheduler"]
    assert isinstance(scheduler, Scheduler)
    return scheduler


def ops_server(application: BotApplication, webhook: Webhook | None = None) -> OpsServer:
    """/healthz and /metrics for this process (and the webhook, when given)."""
    services = _services(application)
    check = HealthCheck(
        services.database,
        _scheduler(application).heartbeat,
        services.clock,
        services.settings.tick_seconds,
    )
    return OpsServer(check, webhook, application)


async def _forecast(context: BotContext) -> None:
    scheduler = context.bot_data["scheduler"]
    assert isinstance(scheduler, Scheduler)
    await scheduler.forecast(context.services.clock())


async def _post_init(application: BotApplication) -> None:
    await set_command_menus(application)
    services = _services(application)
    # At start-up, whether the coming week's busiest minute fits (then daily, from the tick):
    # as a job, so that answering updates does not wait for it (seconds at a million runners).
    job_queue = application.job_queue
    assert job_queue is not None, "python-telegram-bot[job-queue] is installed"
    job_queue.run_once(_forecast, when=0, name="capacity")
    port = services.settings.metrics_port
    if port is not None and "ops_server" not in application.bot_data:  # polling mode
        server = ops_server(application)
        server.listen(port, "0.0.0.0")  # noqa: S104 - Prometheus scrapes from another host
        application.bot_data["ops_server"] = server
        log.info("serving /healthz and /metrics on port %d", port)
    await set_profile(application)
    # What start-up built (content, handlers, compiled statements) lives as long as the process:
    # frozen, it is no longer walked by full garbage collections, which otherwise pause the bot
    # for ~80 ms several times during a crowd of reminders.
    gc.collect()
    gc.freeze()
    log.info("bot @%s ready", application.bot.username)


async def _post_shutdown(application: BotApplication) -> None:
    server = application.bot_data.pop("ops_server", None)
    if isinstance(server, OpsServer):
        await server.stop()
    services = application.bot_data.get("services")
    if isinstance(services, Services):
        await services.database.dispose()


def register_handlers(application: BotApplication) -> None:
    # Before everything, even recording the contact: a press on data its message does not offer.
    application.add_handler(press_guard(), group=PRESS_GUARD_GROUP)
    chats.register(application)  # first: it records who can be reached before anything answers
    privacy.register(application)
    triage.register(application)
    library.register(application)
    settings.register(application)
    clubs.register(application)
    recovery.register(application)
    reminders.register(application)
    basics.register(application)  # last: its catch-alls answer what nothing else did
    application.add_error_handler(errors.on_error)


def file_url(base_url: str) -> str:
    """Files live beside the methods: `https://host/bot` serves them at `https://host/file/bot`."""
    root, _, last = base_url.rstrip("/").rpartition("/")
    return f"{root}/file/{last}"


def build_application(services: Services, *, token: str, base_url: str) -> BotApplication:
    application: BotApplication = (
        ApplicationBuilder()
        .token(token)
        .base_url(base_url)
        .base_file_url(file_url(base_url))
        .context_types(ContextTypes(context=BotContext))
        .rate_limiter(PacedRateLimiter(services.settings.send_rate, services.clock, services.sleep))
        .concurrent_updates(MeasuredUpdates())
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
        .build()
    )
    application.bot_data["services"] = services
    application.bot_data["scheduler"] = install_scheduler(application, services)
    register_handlers(application)
    return application


def group_replies(application: BotApplication) -> GroupReplies:
    """The queues of answers to groups (the console and tests wait for them to empty)."""
    limiter = application.bot.rate_limiter
    assert isinstance(limiter, PacedRateLimiter)
    return limiter.groups


@asynccontextmanager
async def polling(application: BotApplication) -> AsyncIterator[BotApplication]:
    """Runs the bot inside an already running event loop (the console, end-to-end tests):
    what `run_polling` does, minus owning the loop and the signal handlers."""
    async with application:
        await _post_init(application)
        await application.start()
        updater = application.updater
        assert updater is not None
        await updater.start_polling(poll_interval=0, allowed_updates=ALLOWED_UPDATES)
        try:
            yield application
        finally:
            await updater.stop()
            await application.stop()
    await _post_shutdown(application)


@asynccontextmanager
async def webhook(
    application: BotApplication,
    hook: Webhook,
    url: str,
    port: int,
    address: str = "0.0.0.0",  # noqa: S104
) -> AsyncIterator[BotApplication]:
    """Serves Telegram's webhook at `hook.path` with /healthz and /metrics on one port, and
    tells Telegram where to post (PTB's run_webhook, plus the operator's routes)."""
    server = ops_server(application, hook)
    application.bot_data["ops_server"] = server
    async with application:
        await _post_init(application)
        server.listen(port, address)
        await application.start()
        await application.bot.set_webhook(
            url, secret_token=hook.secret, allowed_updates=ALLOWED_UPDATES
        )
        try:
            yield application
        finally:
            await application.stop()
    await _post_shutdown(application)


@asynccontextmanager
async def sending(application: BotApplication) -> AsyncIterator[BotApplication]:
    """The scheduler alone: the job queue ticks, no updates are fetched (a sender process
    beside a receiver; several share the outbox through PostgreSQL)."""
    async with application:
        await _post_init(application)
        await application.start()
        try:
            yield application
        finally:
            await application.stop()
    await _post_shutdown(application)


async def _until_stopped() -> None:
    """Waits for SIGINT or SIGTERM (a platform's stop)."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    await stop.wait()


async def serve_webhook(application: BotApplication, hook: Webhook, url: str, port: int) -> None:
    async with webhook(application, hook, url, port):
        await _until_stopped()


async def serve_sending(application: BotApplication) -> None:
    async with sending(application):
        await _until_stopped()
