"""/settings and its typed shortcuts (/timezone, /runs, /pause, /resume, /stop), and a shared
location. Thin: the changes and their rules are in bot.domain.runner, the queries in
bot.db.runners, the screens and the button grammar in screens/."""

import re

from telegram import Update
from telegram.ext import MessageHandler, filters

from bot.db import runners
from bot.domain.runner import (
    Pause,
    ReplaceRuns,
    Resume,
    RunnerChange,
    RunnerOverview,
    SetZone,
    Stop,
)
from bot.domain.schedule.parse import ParseError, parse_runs
from bot.domain.schedule.zones import match_zone
from bot.features.settings import screens as render
from bot.features.settings.buttons import SETTINGS
from bot.features.settings.screens import location, options, runs, timezone
from bot.services import BotApplication, BotContext, add_private_commands, in_private_chat
from bot.ui.presses import PressAnswer, on_press
from bot.ui.replies import reply
from bot.ui.screen import Screen

_PAUSE_DAYS = re.compile(r"(\d{1,6})\s*(?:d|days?)?", re.IGNORECASE)
_NO_RUNS = frozenset({"off", "none", "clear"})


def _user_id(update: Update) -> int:
    user = update.effective_user
    assert user is not None, "commands and presses in private chats have a sender"
    return user.id


def _argument(update: Update) -> str:
    """Everything after the command, as typed (context.args would split it into words)."""
    message = update.effective_message
    text = message.text if message is not None and message.text else ""
    parts = text.split(maxsplit=1)
    return parts[1].strip() if len(parts) == 2 else ""


async def _read(update: Update, context: BotContext) -> RunnerOverview:
    services = context.services
    return await runners.read_overview(services.database, _user_id(update), services.clock())


async def _change(update: Update, context: BotContext, change: RunnerChange) -> RunnerOverview:
    services = context.services
    user_id, now = _user_id(update), services.clock()
    return await runners.change_settings(services.database, user_id, change, now)


async def _send(update: Update, screen: Screen) -> None:
    await reply(update, screen.text, screen.markup)


async def _typed(update: Update, context: BotContext, change: RunnerChange) -> None:
    await _send(update, render.after_command(change, await _change(update, context, change)))


async def show_menu(update: Update, context: BotContext) -> None:
    await _send(update, render.menu(await _read(update, context)))


async def set_timezone(update: Update, context: BotContext) -> None:
    text = _argument(update)
    if not text:
        await _send(update, timezone.regions(await _read(update, context)))
        return
    now = context.services.clock()
    try:
        found = match_zone(text, now)
    except ParseError as error:
        await reply(update, timezone.unknown_zone(error))
        return
    if found.sure:
        await _typed(update, context, SetZone(found.zones[0]))
    else:  # nothing is stored until a place is tapped
        await _send(update, timezone.choices(text, found, now))


async def set_runs(update: Update, context: BotContext) -> None:
    text = _argument(update)
    if not text:
        await _send(update, runs.runs_screen(await _read(update, context)))
        return
    if text.casefold() in _NO_RUNS:
        await _typed(update, context, ReplaceRuns(()))
        return
    try:
        planned = parse_runs(text)
    except ParseError as error:
        await reply(update, runs.unreadable(error))
        return
    await _typed(update, context, ReplaceRuns(planned))


async def pause(update: Update, context: BotContext) -> None:
    text = _argument(update)
    if not text:
        await _send(update, options.pause(await _read(update, context)))
        return
    match = _PAUSE_DAYS.fullmatch(text)
    days = int(match[1]) if match else 0
    if not 1 <= days <= options.MAX_PAUSE_DAYS:
        await reply(update, options.bad_pause())
        return
    await _typed(update, context, Pause(days))


async def resume(update: Update, context: BotContext) -> None:
    await _typed(update, context, Resume())


async def stop(update: Update, context: BotContext) -> None:
    await _typed(update, context, Stop())


async def shared_location(update: Update, context: BotContext) -> None:
    """Offers the clocks near the shared point; the location itself is not stored."""
    message = update.effective_message
    assert message is not None and message.location is not None
    point = message.location
    ids = location.zones_near(point.latitude, point.longitude, context.services.clock())
    if not ids:
        await reply(update, location.no_places())
        return
    await _send(update, location.clock_picker(ids, await _read(update, context)))


async def pressed(update: Update, context: BotContext, args: tuple[str, ...]) -> PressAnswer:
    # Settings are never set in groups.
    press = render.parse(args) if in_private_chat(update) else None
    if press is None:
        return None
    if isinstance(press, render.Open):
        return press.draw(await _read(update, context))
    return render.after_press(press, await _change(update, context, press))


def register(application: BotApplication) -> None:
    private = filters.ChatType.PRIVATE
    commands = {
        "settings": show_menu,
        "timezone": set_timezone,
        "runs": set_runs,
        "pause": pause,
        "resume": resume,
        "stop": stop,
    }
    add_private_commands(application, commands)
    application.add_handler(MessageHandler(private & filters.LOCATION, shared_location))
    application.add_handler(on_press(SETTINGS, pressed))
