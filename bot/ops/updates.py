"""Counts and times every update the bot handles (kneecoach_update_seconds), by update type."""

from collections.abc import Awaitable

from telegram import Update
from telegram.ext import SimpleUpdateProcessor

from bot.ops.metrics import UPDATE_SECONDS

# PTB's number for `concurrent_updates(True)`.
CONCURRENT_UPDATES = 256


def update_type(update: object) -> str:
    """`message`, `callback_query`, `my_chat_member`... (the field the update carries)."""
    if isinstance(update, Update):
        for name in Update.ALL_TYPES:
            if getattr(update, name, None) is not None:
                return str(name)
    return "other"


class MeasuredUpdates(SimpleUpdateProcessor):
    """PTB's concurrent update processor, timing each update."""

    def __init__(self) -> None:
        super().__init__(CONCURRENT_UPDATES)

    async def do_process_update(self, update: object, coroutine: Awaitable[object]) -> None:
        with UPDATE_SECONDS.labels(update_type(update)).time():
            await coroutine
