"""A local stand-in for Telegram's Bot API, over real HTTP on 127.0.0.1: what the offline
console runs on, and what the end-to-end tests drive (with the spec checker in tests/support).

async with LocalBotApi(checker=checker) as api:
    app = ApplicationBuilder().token(api.token).base_url(api.base_url)...build()
    dm = api.private_chat(api.user("Ann"))
    await dm.send("/start")
    reply = await dm.next_reply()
"""

from bot.telegram_local.chat import ButtonNotFoundError, LocalChat
from bot.telegram_local.flood import FloodLimits
from bot.telegram_local.models import (
    GROUP_ANONYMOUS_BOT,
    CallbackAnswer,
    LocalCallbackQuery,
    LocalMessage,
    LocalUser,
    RecordedCall,
)
from bot.telegram_local.render import render_message
from bot.telegram_local.server import CallChecker, LocalBotApi

__all__ = [
    "GROUP_ANONYMOUS_BOT",
    "ButtonNotFoundError",
    "CallChecker",
    "CallbackAnswer",
    "FloodLimits",
    "LocalBotApi",
    "LocalCallbackQuery",
    "LocalChat",
    "LocalMessage",
    "LocalUser",
    "RecordedCall",
    "render_message",
]
