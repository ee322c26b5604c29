"""Builds the PTB Application: handlers, rate limiter, error handler, command menus, lifecycle."""

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import urlparse

from telegram import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    Update,
)
from telegram.ext import ApplicationBuilder, ContextTypes

from bot.commands import Where, commands_for
from bot.delivery.tick import install as install_scheduler
from bot.features.basics import errors
from bot.features.basics import handlers as basics
from bot.features.chats import handlers as chats
from bot.features.clubs.handlers import commands as clubs
from bot.features.library import handlers as library
from bot.features.privacy import handlers as privacy
from bot.features.recovery import handlers as recovery
from bot.features.settings import handlers as settings
from bot.features.triage import handlers as triage
from bot.services import BotApplication, BotContext, Services
from bot.ui.outgoing import GroupReplies
from bot.ui.pacing import PacedRateLimiter
from bot.ui.presses import press_guard
from bot.webhook import start_receiver

log = logging.getLogger(__name__)

# Only what the handlers use: fewer updates to fetch, nothing the bot cannot act on.
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY, Update.MY_CHAT_MEMBER]
PRESS_GUARD_GROUP = -2  # features use 0 and chats uses -1


async def set_command_menus(application: BotApplication) -> None:
    bot = application.bot
    for where, scope in (
        (Where.PRIVATE, BotCommandScopeAllPrivateChats()),
        (Where.GROUP, BotCommandScopeAllGroupChats()),
    ):
        commands = [BotCommand(c.name, c.description) for c in commands_for(where)]
        await bot.set_my_commands(commands, scope=scope)


async def _post_init(application: BotApplication) -> None:
    await set_command_menus(application)
    # What start-up built (content, handlers, compiled statements) lives as long as the process:
    # frozen, it is no longer walked by full garbage collections, which otherwise pause the bot
    # for ~80 ms several times during a crowd of reminders.
    gc.collect()
    gc.freeze()
    log.info("bot @%s ready", application.bot.username)


async def _post_shutdown(application: BotApplication) -> None:
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
        .concurrent_updates(True)
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
    *,
    url: str,
    secret: str,
    port: int,
    listen: str = "0.0.0.0",  # noqa: S104 - a web dyno must accept the platform's router
) -> AsyncIterator[BotApplication]:
    """Serves Telegram's posts to `url` with our own receiver (bot.webhook), which refuses a
    request before reading it, inside an already running event loop."""
    async with application:
        await _post_init(application)
        await application.start()
        server = start_receiver(
            application.bot,
            application.update_queue,
            path=urlparse(url).path or "/",
            secret=secret,
            listen=listen,
            port=port,
        )
        try:
            await application.bot.set_webhook(
                url, allowed_updates=ALLOWED_UPDATES, secret_token=secret
            )
            yield application
        finally:
            server.stop()
            await application.stop()
    await _post_shutdown(application)
