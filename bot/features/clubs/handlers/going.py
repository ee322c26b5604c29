"""The "I'm running" button on a club-run reminder: a tap puts the runner on the message's list,
a second tap takes them off. The tap is answered at once; the message is edited after.

Edits of one message go one at a time, each showing the list as it is when it starts, and an
edit that a later tap will redo is skipped: a burst of taps costs few of the group's 20
requests a minute, and the last edit always shows the final list.
"""

import asyncio
from collections.abc import Awaitable, Callable
from datetime import timedelta

from telegram import Message, Update
from telegram.ext import CallbackQueryHandler

from bot.db import clubs
from bot.db.models import Delivery
from bot.domain.club import taking_names
from bot.features.clubs.buttons import GOING, going_delivery
from bot.features.clubs.screens.posts import club_warmup
from bot.features.clubs.screens.texts import going_answer, run_started
from bot.services import BotApplication, BotContext
from bot.ui.replies import edit_posted
from bot.ui.words import expired_button

FORGET_EVERY = timedelta(hours=1)

_Key = tuple[int, int]  # chat id, message id


class LatestEdit:
    """Runs edits of one message one at a time, skipping any that a newer one supersedes."""

    def __init__(self) -> None:
        self._locks: dict[_Key, asyncio.Lock] = {}
        self._latest: dict[_Key, int] = {}

    async def run(self, key: _Key, edit: Callable[[], Awaitable[None]]) -> None:
        """Call after saving the tap: the newest tap's edit then reads every earlier tap."""
        ticket = self._latest[key] = self._latest.get(key, 0) + 1
        lock = self._locks.setdefault(key, asyncio.Lock())
        try:
            async with lock:
                if self._latest.get(key) == ticket:
                    await edit()
        finally:
            if self._latest.get(key) == ticket:  # no newer tap is waiting: forget the message
                del self._latest[key], self._locks[key]


def _edits(context: BotContext) -> LatestEdit:
    edits = context.bot_data.setdefault("club_edits", LatestEdit())
    assert isinstance(edits, LatestEdit)
    return edits


async def going(update: Update, context: BotContext) -> None:
    query = update.callback_query
    assert query is not None
    delivery_id, message = going_delivery(query.data), query.message
    if delivery_id is None or not isinstance(message, Message):
        await query.answer(expired_button())
        return
    services, user = context.services, query.from_user
    now = services.clock()
    async with services.database.transaction() as session:
        delivery = await clubs.club_warmup_sent(session, delivery_id, message.chat_id)
        on_list = None
        if delivery is not None and taking_names(delivery.event_at, now):
            tap = clubs.Tap(delivery.id, user.id, user.first_name, message.message_id)
            on_list = await clubs.toggle_attendance(session, tap, now)
    if delivery is None:
        await query.answer(expired_button())
    elif on_list is None:
        await query.answer(run_started())
    else:
        await query.answer(going_answer(on_list))
        await redraw(context, clubs.ListedPost(delivery, message.message_id))


async def redraw(context: BotContext, post: clubs.ListedPost) -> None:
    """Edits the post to show its list as it is now (after a tap, or a runner erasing their
    data), one edit of a post at a time."""
    delivery, message_id = post
    key = (delivery.chat_id, message_id)
    await _edits(context).run(key, lambda: _redraw(context, delivery, message_id))


async def _redraw(context: BotContext, delivery: Delivery, message_id: int) -> None:
    async with context.services.database.transaction() as session:
        coming = await clubs.attendees(session, delivery.id)
    library = context.services.library
    screen = club_warmup(
        library, delivery.id, delivery.event_at, delivery.zone, delivery.title, coming
    )
    # A tap and its undo: not modified.
    await edit_posted(context.bot, delivery.chat_id, message_id, screen.text, screen.markup)


async def forget_started(context: BotContext) -> None:
    """Names are kept only until the run starts."""
    async with context.services.database.transaction() as session:
        await clubs.forget_past_attendance(session, context.services.clock())


def register(application: BotApplication) -> None:
    application.add_handler(CallbackQueryHandler(going, GOING.pattern))
    job_queue = application.job_queue
    assert job_queue is not None, "python-telegram-bot[job-queue] is installed"
    job_queue.run_repeating(forget_started, interval=FORGET_EVERY, first=FORGET_EVERY)
