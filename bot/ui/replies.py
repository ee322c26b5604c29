"""Sending replies the same way everywhere: HTML, no link previews, in the asker's forum topic.
A reply in a group joins that group's queue (bot.ui.outgoing) instead of holding the handler."""

from collections.abc import Iterator
from contextlib import contextmanager

from telegram import Bot, InlineKeyboardMarkup, LinkPreviewOptions, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import ExtBot

from bot.ui.budget import is_group
from bot.ui.outgoing import GroupAnswer
from bot.ui.pacing import PacedRateLimiter

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


async def reply(
    update: Update,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
    *,
    after_change: bool = False,  # reports a change (see GroupAnswer)
) -> None:
    message = update.effective_message
    if message is None:
        raise ValueError("reply() needs an update with a message")
    bot = message.get_bot()
    limiter = bot.rate_limiter if isinstance(bot, ExtBot) else None
    if is_group(message.chat_id) and isinstance(limiter, PacedRateLimiter):
        thread_id = message.message_thread_id if message.is_topic_message else None
        answer = GroupAnswer(text, markup, thread_id, after_change)
        limiter.groups.put(bot, message.chat_id, answer)
        return
    await reply_now(update, text, markup)


async def reply_now(
    update: Update, text: str, markup: InlineKeyboardMarkup | None = None
) -> Message:
    """Replies at once and returns the message, for a conversation that goes on editing it."""
    message = update.effective_message
    if message is None:
        raise ValueError("reply_now() needs an update with a message")
    # Message.reply_text keeps message_thread_id, so forum topics get the answer in place.
    return await message.reply_text(
        text,
        parse_mode=ParseMode.HTML,
        reply_markup=markup,
        link_preview_options=NO_PREVIEW,
        do_quote=False,
    )


async def expire(update: Update, text: str) -> None:
    """A stale or forged button: say so in a toast and take the dead keyboard away. Never edits
    the text, so a message pressed twice cannot fail with "message is not modified"."""
    query = update.callback_query
    if query is None:
        raise ValueError("expire() needs a callback query")
    await query.answer(text)
    message = query.message
    if isinstance(message, Message) and message.reply_markup is not None:
        await query.edit_message_reply_markup(reply_markup=None)


async def edit(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    """Replaces the text of the message whose button was pressed."""
    query = update.callback_query
    if query is None:
        raise ValueError("edit() needs a callback query")
    with _unless_unchanged():
        await query.edit_message_text(
            text, parse_mode=ParseMode.HTML, reply_markup=markup, link_preview_options=NO_PREVIEW
        )


async def edit_posted(
    bot: Bot, chat_id: int, message_id: int, text: str, markup: InlineKeyboardMarkup | None
) -> None:
    """Replaces the text of a message the bot sent earlier, pressed or not."""
    with _unless_unchanged():
        await bot.edit_message_text(
            text,
            chat_id=chat_id,
            message_id=message_id,
            parse_mode=ParseMode.HTML,
            reply_markup=markup,
            link_preview_options=NO_PREVIEW,
        )


@contextmanager
def _unless_unchanged() -> Iterator[None]:
    """A double tap asks again for what is already shown; Telegram refuses that edit as "not
    modified", and that is fine."""
    try:
        yield
    except BadRequest as error:
        if "not modified" not in error.message:
            raise
