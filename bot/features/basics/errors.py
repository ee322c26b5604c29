"""The last line of defence: log what broke without any user content, apologise once."""

import logging

from telegram import Update
from telegram.error import TelegramError

from bot.logs import traceback_without_messages
from bot.ui.replies import reply
from bot.ui.words import apology

log = logging.getLogger(__name__)


def describe(update: object) -> str:
    """The update's kind and ids, never its text."""
    if not isinstance(update, Update):
        return type(update).__name__
    kind = next(
        (
            name
            for name in ("message", "callback_query", "my_chat_member", "edited_message")
            if getattr(update, name) is not None
        ),
        "other",
    )
    chat = update.effective_chat
    return f"update {update.update_id} ({kind}, chat {chat.id if chat else '-'})"


async def on_error(update: object, context: object) -> None:
    error = getattr(context, "error", None)
    where = traceback_without_messages(error) if isinstance(error, BaseException) else "-"
    log.error("error while handling %s:\n%s", describe(update), where)
    if isinstance(update, Update) and update.effective_message is not None:
        try:
            await reply(update, apology())
        except TelegramError:
            log.warning("could not send the apology for %s", describe(update))
