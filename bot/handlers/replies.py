"""Sending replies the same way everywhere: HTML, no link previews, in the asker's forum topic."""

from telegram import InlineKeyboardMarkup, LinkPreviewOptions, Message, Update
from telegram.constants import ParseMode

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


async def edit(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    """Replaces the text of the message whose button was pressed."""
    query = update.callback_query
    if query is None:
        raise ValueError("edit() needs a callback query")
    await query.edit_message_text(
        text, parse_mode=ParseMode.HTML, reply_markup=markup, link_preview_options=NO_PREVIEW
    )
