"""Sending replies the same way everywhere: HTML, no link previews, in the asker's forum topic."""

from collections.abc import Iterator
from contextlib import contextmanager

from telegram import Bot, InlineKeyboardMarkup, LinkPreviewOptions, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


async def reply(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> Message:
    message = update.effective_message
    if message is None:
        raise ValueError("reply() needs an update with a message")
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
