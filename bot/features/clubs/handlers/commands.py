"""Club commands in group chats: /clubtimezone, /clubrun, /clubstretch. Anyone may look; only the
group's admins may change anything. /clubsettings is in club_menu, /clubdeletedata in club_erase,
"I'm running" in club_going."""

from collections.abc import Callable, Sequence
from datetime import datetime

from telegram import Update
from telegram.ext import CommandHandler, filters

from bot.domain.club import (
    DEFAULT_TITLE,
    MAX_TITLE,
    AddClubRuns,
    Club,
    ClubChange,
    RemoveClubRun,
)
from bot.domain.runner import SetStretch, SetZone
from bot.domain.schedule.parse import ParseError, parse_days, parse_time
from bot.domain.schedule.zones import ZoneNotFound, resolve_zone
from bot.features.clubs.handlers import erase as club_erase
from bot.features.clubs.handlers import going as club_going
from bot.features.clubs.handlers import menu as club_menu
from bot.features.clubs.handlers.admin import admitted, this_club
from bot.features.clubs.handlers.changes import apply, topic_of
from bot.features.clubs.screens import texts
from bot.features.clubs.screens.texts import RUN_EXAMPLE, STRETCH_EXAMPLE, ZONE_EXAMPLE, quoted
from bot.services import BotApplication, BotContext, Handler
from bot.ui.callback import number_from
from bot.ui.html import h
from bot.ui.replies import reply

COMMANDS = ("clubtimezone", "clubrun", "clubstretch", "clubsettings", club_erase.COMMAND)
_OFF = frozenset({"off", "none", "stop", "no"})


class Unreadable(Exception):
    """What an admin typed cannot be read; `text` says why, with an example. Nothing changes."""

    def __init__(self, problem: str, example: str) -> None:
        super().__init__(problem)
        self.text = texts.unreadable(problem, example)


def _zone(words: Sequence[str], now: datetime) -> SetZone:
    try:
        return SetZone(resolve_zone(" ".join(words), now).key)
    except ZoneNotFound as error:
        if not error.suggestions:
            raise Unreadable(h(error.message), ZONE_EXAMPLE) from error
        # Every place that fits, as a command to copy (a tap on a code copies it).
        lines = [f"<code>/clubtimezone {h(zone)}</code>" for zone in error.suggestions]
        raise Unreadable(h(error.message), "\n".join(lines)) from error
    except ParseError as error:
        raise Unreadable(h(error.message), ZONE_EXAMPLE) from error


def _new_runs(words: Sequence[str]) -> AddClubRuns:
    if len(words) < 2:
        raise Unreadable("Tell me the day and the time, then a name if you like.", RUN_EXAMPLE)
    try:
        days = parse_days(words[0])
    except ParseError as error:
        raise Unreadable(f"I couldn't read {quoted(words[0])} as a day.", RUN_EXAMPLE) from error
    try:
        at = parse_time(words[1])
    except ParseError as error:
        raise Unreadable(f"I couldn't read {quoted(words[1])} as a time.", RUN_EXAMPLE) from error
    title = " ".join(words[2:]) or DEFAULT_TITLE
    if len(title) > MAX_TITLE:
        raise Unreadable(texts.title_too_long(len(title)), RUN_EXAMPLE)
    return AddClubRuns(days, at, title)


def _removal(words: Sequence[str], club: Club) -> RemoveClubRun:
    number = number_from(words[0]) if len(words) == 1 else None
    if number is None or not 1 <= number <= len(club.runs):
        raise Unreadable(texts.no_such_run(club), "/clubrun remove 1")
    return RemoveClubRun(club.runs[number - 1].id)


def _stretch(words: Sequence[str], _now: datetime) -> SetStretch:
    if len(words) == 1 and words[0].lower() in _OFF:
        return SetStretch(None)
    try:
        return SetStretch(parse_time(" ".join(words)))
    except ParseError as error:
        problem = f"I couldn't read {quoted(' '.join(words))} as a time."
        raise Unreadable(problem, STRETCH_EXAMPLE) from error


async def _change(update: Update, context: BotContext, read: Callable[[Club], ClubChange]) -> None:
    """An admin's change: checks the sender, reads what they typed, applies it, answers."""
    if not await admitted(update, context):
        return
    message = update.effective_message
    assert message is not None
    try:
        change = read(await this_club(update, context))
    except Unreadable as error:
        await reply(update, error.text)
        return
    note = await apply(context, message.chat_id, topic_of(message), change)
    await reply(update, texts.done(note, await this_club(update, context)), after_change=True)


async def club_run(update: Update, context: BotContext) -> None:
    verb, *words = context.args or ["list"]
    match verb.lower():
        case "list":
            await reply(update, texts.run_usage(await this_club(update, context)))
        case "add":
            await _change(update, context, lambda _club: _new_runs(words))
        case "remove":
            await _change(update, context, lambda club: _removal(words, club))
        case _:
            problem = f"I don't know /clubrun {quoted(verb)}: try add, list or remove."
            await reply(update, texts.unreadable(problem, RUN_EXAMPLE))


def _setting(
    usage: Callable[[Club], str], read: Callable[[Sequence[str], datetime], ClubChange]
) -> Handler:
    """A one-setting command: without words it shows the setting and how to change it; `read`
    gets the words and the time now (a zone's name can depend on the date)."""

    async def handle(update: Update, context: BotContext) -> None:
        words = context.args or []
        if not words:
            await reply(update, usage(await this_club(update, context)))
            return
        now = context.services.clock()
        await _change(update, context, lambda _club: read(words, now))

    return handle


club_timezone = _setting(texts.zone_usage, _zone)
club_stretch = _setting(texts.stretch_usage, _stretch)


async def group_only(update: Update, _context: BotContext) -> None:
    await reply(update, texts.group_only())


def register(application: BotApplication) -> None:
    groups = filters.ChatType.GROUPS
    application.add_handler(CommandHandler("clubtimezone", club_timezone, groups))
    application.add_handler(CommandHandler("clubrun", club_run, groups))
    application.add_handler(CommandHandler("clubstretch", club_stretch, groups))
    club_menu.register(application)
    club_erase.register(application)
    club_going.register(application)
    application.add_handler(CommandHandler(list(COMMANDS), group_only, filters.ChatType.PRIVATE))
