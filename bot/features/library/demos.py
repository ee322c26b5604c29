"""Sending a demonstration: the animation, with the text as its caption when it fits (1024
characters as Telegram counts them, after the HTML is parsed) or beside it.

Each file is uploaded once per bot: the file_id Telegram returns is kept in the database and sent
instead of the bytes from then on. A file not rendered yet (`python -m bot demos` renders them
all) is rendered on first need, in a thread, off the event loop.
"""

import asyncio
import html
import logging
import re

from telegram import InputFile, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot.db import demos as uploads
from bot.demos.cache import Demos
from bot.demos.draw import HEIGHT, WIDTH
from bot.domain.content.library import Library
from bot.features.library.buttons import EXERCISES, STRETCHES, WARMUP
from bot.features.library.screens.warmup import move_at
from bot.services import BotContext
from bot.ui.html import b, h
from bot.ui.replies import reply
from bot.ui.screen import Screen

log = logging.getLogger(__name__)

MAX_CAPTION = 1024
_TAG = re.compile(r"<[^>]+>")


def visible_length(text: str) -> int:
    """The length Telegram counts: the text without its HTML tags and entities."""
    return len(html.unescape(_TAG.sub("", text)))


def shown_item(library: Library, family: str, args: tuple[str, ...]) -> tuple[str, str] | None:
    """The (item id, title) a library button's screen demonstrates, if it shows one item."""
    match family, args:
        case STRETCHES.prefix, ("s", item_id):
            found = [s.name for s in library.stretches if s.id == item_id]
        case EXERCISES.prefix, ("e", item_id, _topic, _page):
            found = [e.name for e in library.exercises if e.id == item_id]
        case WARMUP.prefix, _:
            move = move_at(library, args)
            item_id, found = (move.id, [move.name]) if move else ("", [])
        case _:
            return None
    return (item_id, b(h(found[0]))) if found else None


def demos_of(context: BotContext, item_id: str) -> Demos | None:
    demos = context.services.demos
    return demos if demos is not None and demos.has(item_id) else None


async def send_with_demo(
    update: Update, context: BotContext, item_id: str, screen: Screen, title: str
) -> None:
    """The item's demonstration with the screen as its caption, or captioned with `title` and
    the screen sent below it when the screen is too long for a caption."""
    demos = demos_of(context, item_id)
    if demos is None:
        await reply(update, screen.text, screen.markup)
        return
    if visible_length(screen.text) <= MAX_CAPTION:
        await _send_animation(update, context, demos, item_id, screen.text, screen)
        return
    await _send_animation(update, context, demos, item_id, title, None)
    await reply(update, screen.text, screen.markup)


async def send_demo(update: Update, context: BotContext, item_id: str, title: str) -> None:
    """The item's demonstration alone, captioned with its title (beside a card being shown)."""
    if (demos := demos_of(context, item_id)) is not None:
        await _send_animation(update, context, demos, item_id, title, None)


async def _send_animation(
    update: Update,
    context: BotContext,
    demos: Demos,
    item_id: str,
    caption: str,
    screen: Screen | None,
) -> None:
    message = update.effective_message
    if message is None:
        raise ValueError("a demonstration answers a message or a press")
    database, bot_id, key = context.services.database, context.bot.id, demos.key(item_id)
    async with database.transaction() as session:
        file_id = await uploads.file_id_of(session, bot_id, key)
    if file_id is not None:
        try:
            await _reply_animation(message, file_id, caption, screen)
            return
        except BadRequest as error:  # Telegram no longer knows the file: upload it again
            log.warning("demonstration %s: stored file refused (%s), uploading", item_id, error)
            async with database.transaction() as session:
                await uploads.forget(session, bot_id, key)
    path = await asyncio.to_thread(demos.ensure, item_id)
    data = await asyncio.to_thread(path.read_bytes)
    sent = await _reply_animation(message, InputFile(data, filename=path.name), caption, screen)
    if sent.animation is not None:
        async with database.transaction() as session:
            await uploads.remember(session, bot_id, key, sent.animation.file_id)


async def _reply_animation(
    message: Message, animation: InputFile | str, caption: str, screen: Screen | None
) -> Message:
    # Message.reply_animation keeps message_thread_id, so forum topics get it in place.
    return await message.reply_animation(
        animation,
        width=WIDTH,
        height=HEIGHT,
        caption=caption,
        parse_mode=ParseMode.HTML,
        reply_markup=screen.markup if screen else None,
        do_quote=False,
    )
