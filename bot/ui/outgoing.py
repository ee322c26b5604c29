"""Answers to groups wait here, one queue per group, not in handler slots: a group that floods
the bot with commands fills its own queue, while every other chat keeps being answered.

Telegram lets a group receive 20 messages a minute, so a busy group cannot get an answer per
command. What a group cannot receive soon enough is coalesced or dropped, on purpose:
- an answer already waiting is not queued twice (the same /help asked 40 times is one message);
- an answer posted in the last REPEAT_WINDOW is not posted again: the first repeat gets one
  short reply pointing at it, later repeats nothing; unless the posted message was edited or
  deleted since (a menu closed by its Done button), or an answer reporting a change came since
  (`after_change`: "stretch at 07:30", "off", "07:30" again is three changes, and pointing the
  third at the first would hide the second);
- an answer that waited longer than MAX_WAIT is dropped: in a busy chat it would answer a
  question long scrolled away.
Only counts are logged, never a text.
"""

import asyncio
import json
import logging
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from telegram import Bot, InlineKeyboardMarkup, LinkPreviewOptions, ReplyParameters
from telegram.constants import ParseMode
from telegram.error import RetryAfter, TelegramError

from bot.ui.budget import SendBudget
from bot.ui.timing import Clock, Sleep, sleep_until

log = logging.getLogger(__name__)

MAX_WAIT = timedelta(minutes=1)
REPEAT_WINDOW = timedelta(minutes=3)  # an answer this recent is still on the group's screen
MAX_QUEUED = 40  # per group: two minutes of its limit, more than MAX_WAIT lets through
ANSWERED_ABOVE = "☝️ Answered just above."
_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


@dataclass(frozen=True)
class GroupAnswer:
    text: str  # HTML
    markup: InlineKeyboardMarkup | None = None
    thread_id: int | None = None  # the forum topic it was asked in
    after_change: bool = False  # reports a change: earlier answers here may be out of date

    @property
    def key(self) -> str:
        """Two answers with this key look the same in the group."""
        markup = json.dumps(self.markup.to_dict(), sort_keys=True) if self.markup else ""
        return f"{self.thread_id}\n{self.text}\n{markup}"


@dataclass(frozen=True)
class _Queued:
    answer: GroupAnswer
    key: str
    queued_at: datetime
    points_to: int | None = None  # the message id of the answer already posted


@dataclass
class _Posted:
    message_id: int
    at: datetime
    pointed: bool = False  # a repeat already got its pointer


@dataclass
class _Group:
    queue: deque[_Queued] = field(default_factory=deque)
    waiting: set[str] = field(default_factory=set)  # keys queued or being sent
    posted: dict[str, _Posted] = field(default_factory=dict)
    worker: asyncio.Task[None] | None = None


@dataclass
class Tally:
    """What became of the answers to groups, for logs, tests and benchmarks."""

    sent: int = 0
    coalesced: int = 0  # the same answer was already waiting
    pointed: int = 0  # a repeat answered by a pointer to the posted answer
    repeats_dropped: int = 0  # a repeat after the pointer
    late_dropped: int = 0  # waited longer than MAX_WAIT
    overflow_dropped: int = 0  # the group's queue was full
    refused_429: int = 0  # Telegram said "retry after": the answer waits and goes again


class GroupReplies:
    def __init__(self, budget: SendBudget, clock: Clock, sleep: Sleep) -> None:
        self._budget, self._clock, self._sleep = budget, clock, sleep
        self._groups: dict[int, _Group] = {}
        self._idle = asyncio.Event()
        self._idle.set()
        self.tally = Tally()

    def put(self, bot: Bot, chat_id: int, answer: GroupAnswer) -> None:
        """Queues `answer` for the group, or coalesces or drops it (see the module's notes)."""
        now = self._clock()
        group = self._groups.setdefault(chat_id, _Group())
        key = answer.key
        if key in group.waiting:
            self.tally.coalesced += 1
            return
        _forget_old(group, now)
        if answer.after_change:
            group.posted.clear()
        posted = group.posted.get(key)
        if posted is not None:
            if posted.pointed:
                self.tally.repeats_dropped += 1
                return
            posted.pointed = True
            self.tally.pointed += 1
            pointer = GroupAnswer(ANSWERED_ABOVE, thread_id=answer.thread_id)
            self._queue(bot, chat_id, group, _Queued(pointer, "", now, posted.message_id))
            return
        if len(group.queue) >= MAX_QUEUED:
            self.tally.overflow_dropped += 1
            return
        group.waiting.add(key)
        self._queue(bot, chat_id, group, _Queued(answer, key, now))

    def _queue(self, bot: Bot, chat_id: int, group: _Group, item: _Queued) -> None:
        group.queue.append(item)
        if group.worker is None:
            self._idle.clear()
            group.worker = asyncio.create_task(self._drain(bot, chat_id, group))

    async def _drain(self, bot: Bot, chat_id: int, group: _Group) -> None:
        try:
            while group.queue:
                ready = self._budget.ready_at(chat_id, self._clock(), send=True)
                await sleep_until(ready, self._clock, self._sleep)
                item = group.queue.popleft()
                if self._clock() - item.queued_at > MAX_WAIT:
                    self.tally.late_dropped += 1
                    group.waiting.discard(item.key)
                    continue
                await self._send(bot, chat_id, group, item)
        finally:
            group.worker = None
            if not group.queue and not group.posted:
                self._groups.pop(chat_id, None)
            if all(g.worker is None for g in self._groups.values()):
                self._idle.set()
        n = self.tally
        log.debug(
            "group answers: %d sent, %d coalesced, %d pointed, %d dropped",
            n.sent,
            n.coalesced,
            n.pointed,
            n.repeats_dropped + n.late_dropped + n.overflow_dropped,
        )

    async def _send(self, bot: Bot, chat_id: int, group: _Group, item: _Queued) -> None:
        answer = item.answer
        try:
            message = await bot.send_message(
                chat_id,
                answer.text,
                parse_mode=ParseMode.HTML,
                reply_markup=answer.markup,
                link_preview_options=_NO_PREVIEW,
                message_thread_id=answer.thread_id,
                reply_parameters=(
                    ReplyParameters(item.points_to, allow_sending_without_reply=True)
                    if item.points_to is not None
                    else None
                ),
            )
        except RetryAfter:
            self.tally.refused_429 += 1
            group.queue.appendleft(item)  # the budget now holds the group until Telegram's time
            return
        except TelegramError as error:  # removed from the group, say: nothing more to do
            log.warning("an answer to a group was refused: %s", error.message)
            group.waiting.discard(item.key)
            return
        group.waiting.discard(item.key)
        self.tally.sent += 1
        if item.points_to is None:
            group.posted[item.key] = _Posted(message.message_id, self._clock())

    def edited(self, chat_id: int, message_id: object) -> None:
        """The bot edited or deleted a message in the group: a repeat of it is answered anew."""
        group = self._groups.get(chat_id)
        if group is not None:
            group.posted = {k: p for k, p in group.posted.items() if p.message_id != message_id}

    async def idle(self) -> None:
        """Returns once every group's queue is empty."""
        await self._idle.wait()

    async def close(self) -> None:
        workers = [g.worker for g in self._groups.values() if g.worker is not None]
        for worker in workers:
            worker.cancel()
        await asyncio.gather(*workers, return_exceptions=True)
        self._groups.clear()
        self._idle.set()


def _forget_old(group: _Group, now: datetime) -> None:
    for key in [k for k, p in group.posted.items() if now - p.at >= REPEAT_WINDOW]:
        del group.posted[key]
