"""The answers on a club-run reminder, "I'm running", "Walk-run" and "Can't make it": one per
runner (bot.domain.club.answer_after). The tap is answered at once (a Walk-run tap may bring a
private note first: walkrun.py); the message is edited after.

Edits in one group go one at a time, at least EDIT_SPACING apart, each showing the answers as
they are when it starts, and an edit that a later tap on the same post will redo is skipped:
however the taps come, on one post or on several live in the group, the group gets at most 20
edits a minute (its budget is 20 messages a minute), and each post's last edit shows its final
answers.
"""

import asyncio
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from telegram import Message, Update
from telegram.ext import CallbackQueryHandler

from bot.db import clubs
from bot.db.models import Delivery
from bot.domain.club import Answer, taking_names
from bot.features.clubs.buttons import GOING, going_press
from bot.features.clubs.handlers import walkrun
from bot.features.clubs.handlers.walkrun import forget_notes, walk_run_answered
from bot.features.clubs.screens.posts import club_warmup
from bot.features.clubs.screens.texts import going_answer, run_started
from bot.services import BotApplication, BotContext
from bot.ui.budget import GROUP_SENDS_PER_MINUTE
from bot.ui.replies import edit_posted
from bot.ui.timing import Clock, Sleep, sleep_until
from bot.ui.words import expired_button

FORGET_EVERY = timedelta(hours=1)
EDIT_SPACING = timedelta(minutes=1) / GROUP_SENDS_PER_MINUTE  # 3 s

_Key = tuple[int, int]  # chat id, message id


class LatestEdit:
    """Runs the edits of a group's posts one at a time and EDIT_SPACING apart, skipping any that
    a newer tap on the same post supersedes (it waits its turn, then reads every tap before it)."""

    def __init__(self, clock: Clock, sleep: Sleep) -> None:
        self._clock, self._sleep = clock, sleep
        self._latest: dict[_Key, int] = {}  # the newest tap's ticket, per post
        self._locks: dict[int, asyncio.Lock] = {}  # per group
        self._queued: dict[int, int] = {}  # edits waiting or running, per group
        self._edited: dict[int, datetime] = {}  # when each group last had a post edited

    async def run(self, key: _Key, edit: Callable[[], Awaitable[None]]) -> None:
        """Call after saving the tap: the newest tap's edit then reads every earlier tap."""
        chat_id = key[0]
        ticket = self._latest[key] = self._latest.get(key, 0) + 1
        lock = self._locks.setdefault(chat_id, asyncio.Lock())
        self._queued[chat_id] = self._queued.get(chat_id, 0) + 1
        try:
            async with lock:
                if self._latest.get(key) == ticket:
                    if chat_id in self._edited:
                        await sleep_until(
                            self._edited[chat_id] + EDIT_SPACING, self._clock, self._sleep
                        )
                    if self._latest.get(key) == ticket:
                        await edit()
                        self._edited[chat_id] = self._clock()
        finally:
            if self._latest.get(key) == ticket:  # no newer tap on the post: forget it
                del self._latest[key]
            self._queued[chat_id] -= 1
            if not self._queued[chat_id]:
                del self._queued[chat_id], self._locks[chat_id]
            self._forget_spaced()

    def _forget_spaced(self) -> None:
        """Groups that had an edit longer than EDIT_SPACING ago may have one at once."""
        now = self._clock()
        for chat_id in [chat for chat, at in self._edited.items() if at + EDIT_SPACING <= now]:
            del self._edited[chat_id]


def _edits(context: BotContext) -> LatestEdit:
    services = context.services
    edits = context.bot_data.setdefault("club_edits", LatestEdit(services.clock, services.sleep))
    assert isinstance(edits, LatestEdit)
    return edits


async def going(update: Update, context: BotContext) -> None:
    query = update.callback_query
    assert query is not None
    press, message = going_press(query.data), query.message
    if press is None or not isinstance(message, Message):
        await query.answer(expired_button())
        return
    (delivery_id, tapped), services, user = press, context.services, query.from_user
    now = services.clock()
    async with services.database.transaction() as session:
        delivery = await clubs.club_warmup_sent(session, delivery_id, message.chat_id)
        taken = delivery is not None and taking_names(delivery.event_at, now)
        answer: Answer | None = None
        if delivery is not None and taken:
            tap = clubs.Tap(delivery.id, user.id, user.first_name, message.message_id, tapped)
            answer = await clubs.answer(session, tap, now)
    if delivery is None:
        await query.answer(expired_button())
    elif not taken:
        await query.answer(run_started())
    else:
        if answer == "walk":
            await walk_run_answered(query, context, delivery)
        else:
            await query.answer(going_answer(answer))
        await redraw(context, clubs.ListedPost(delivery, message.message_id))


async def redraw(context: BotContext, post: clubs.ListedPost) -> None:
    """Edits the post to show its answers as they are now (after a tap, or a runner erasing
    their data), one edit of a post at a time."""
    delivery, message_id = post
    key = (delivery.chat_id, message_id)
    await _edits(context).run(key, lambda: _redraw(context, delivery, message_id))


async def _redraw(context: BotContext, delivery: Delivery, message_id: int) -> None:
    async with context.services.database.transaction() as session:
        turnout = await clubs.turnout(session, delivery.id)
    library = context.services.library
    screen = club_warmup(
        library, delivery.id, delivery.event_at, delivery.zone, delivery.title, turnout
    )
    # A tap and its undo: not modified.
    await edit_posted(context.bot, delivery.chat_id, message_id, screen.text, screen.markup)


async def forget_started(context: BotContext) -> None:
    """Answers (and names) are kept only until the run starts."""
    now = context.services.clock()
    async with context.services.database.transaction() as session:
        await clubs.forget_past_attendance(session, now)
    forget_notes(context, now)


def register(application: BotApplication) -> None:
    application.add_handler(CallbackQueryHandler(going, GOING.pattern))
    walkrun.register(application)
    job_queue = application.job_queue
    assert job_queue is not None, "python-telegram-bot[job-queue] is installed"
    job_queue.run_repeating(forget_started, interval=FORGET_EVERY, first=FORGET_EVERY)
