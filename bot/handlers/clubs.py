"""Club commands in group chats: /clubtimezone, /clubrun, /clubstretch. Anyone may look; only the
group's admins may change anything. /clubsettings is in club_menu, "I'm running" in club_going."""

from datetime import time, timedelta

from telegram import Message, Update
from telegram.ext import CommandHandler, filters

from bot.db import clubs
from bot.db.models import ClubRun
from bot.handlers import club_going, club_menu
from bot.handlers.club_admin import sender_is_admin
from bot.handlers.replies import reply
from bot.render.clubs import texts
from bot.render.clubs.common import DEFAULT_TITLE, MAX_TITLE, Club, Run
from bot.render.clubs.texts import RUN_EXAMPLE, STRETCH_EXAMPLE, ZONE_EXAMPLE, quoted
from bot.render.html import h
from bot.schedule.parse import ParseError, parse_days, parse_time
from bot.schedule.zones import resolve_zone
from bot.services import BotApplication, BotContext

COMMANDS = ("clubtimezone", "clubrun", "clubstretch", "clubsettings")
FORGET_EVERY = timedelta(hours=1)
_OFF = frozenset({"off", "none", "stop", "no"})


def topic_of(message: Message) -> int | None:
    """The forum topic a message was written in (None: General, or not a forum)."""
    return message.message_thread_id if message.is_topic_message else None


def as_run(run: ClubRun) -> Run:
    return Run(run.id, run.weekday, run.local_time, run.title)


async def _club(update: Update, context: BotContext) -> tuple[int, Club]:
    chat = update.effective_chat
    assert chat is not None
    return chat.id, await clubs.read(context.services.database, chat.id)


async def _may_change(update: Update, context: BotContext) -> bool:
    if await sender_is_admin(update, context):
        return True
    await reply(update, texts.refusal())
    return False


async def _changed(update: Update, context: BotContext, note: str) -> None:
    _, club = await _club(update, context)
    await reply(update, texts.done(note, club))


async def club_timezone(update: Update, context: BotContext) -> None:
    text = " ".join(context.args or ())
    if not text:
        await reply(update, texts.zone_usage((await _club(update, context))[1]))
        return
    if not await _may_change(update, context):
        return
    try:
        zone = resolve_zone(text).key
    except ParseError as error:
        await reply(update, texts.unreadable(h(error.message), ZONE_EXAMPLE))
        return
    message, services = update.effective_message, context.services
    assert message is not None
    async with clubs.changing(services.database, message.chat_id, topic_of(message), services.clock()) as (_, club):
        club.timezone = zone
    await _changed(update, context, texts.zone_now(zone))


async def club_run(update: Update, context: BotContext) -> None:
    args = list(context.args or ())
    verb = args.pop(0).lower() if args else "list"
    if verb == "list":
        await reply(update, texts.run_usage((await _club(update, context))[1]))
    elif verb not in ("add", "remove"):
        problem = f"I don't know /clubrun {quoted(verb)}: it is add, list or remove."
        await reply(update, texts.unreadable(problem, RUN_EXAMPLE))
    elif await _may_change(update, context):
        await (_add_run(update, context, args) if verb == "add" else _remove_run(update, context, args))


async def _add_run(update: Update, context: BotContext, args: list[str]) -> None:
    if len(args) < 2:
        problem = "Tell me the day, the time and the run's name."
        await reply(update, texts.unreadable(problem, RUN_EXAMPLE))
        return
    try:
        days = parse_days(args[0])
    except ParseError:
        await reply(update, texts.unreadable(f"I couldn't read {quoted(args[0])} as a day.", RUN_EXAMPLE))
        return
    try:
        at = parse_time(args[1])
    except ParseError:
        await reply(update, texts.unreadable(f"I couldn't read {quoted(args[1])} as a time.", RUN_EXAMPLE))
        return
    title = " ".join(args[2:]) or DEFAULT_TITLE
    if len(title) > MAX_TITLE:
        await reply(update, texts.unreadable(texts.title_too_long(len(title)), RUN_EXAMPLE))
        return
    await add_runs(update, context, days, at, title)


async def add_runs(
    update: Update, context: BotContext, days: tuple[int, ...], at: time, title: str
) -> str | None:
    """Adds the runs; returns the note on what changed, or None after explaining why not."""


async def _remove_run(update: Update, context: BotContext, args: list[str]) -> None:
    ...


def register(application: BotApplication) -> None:
    groups = filters.ChatType.GROUPS
    application.add_handler(CommandHandler("clubtimezone", club_timezone, groups))
    application.add_handler(CommandHandler("clubrun", club_run, groups))
    application.add_handler(CommandHandler("clubstretch", club_stretch, groups))
    club_menu.register(application)
    club_going.register(application)
    application.add_handler(CommandHandler(list(COMMANDS), group_only, filters.ChatType.PRIVATE))
