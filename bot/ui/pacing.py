"""The bot's pace: every request to a chat, replies and reminders alike, takes its turn in one
evenly spaced schedule, a little under the configured send rate.

PTB's AIORateLimiter counts its overall limit with a bucket: a bucket of `rate` lets twice the
rate through in its first second, and a bucket of one loses whatever time a late request costs.
Its group limit is a bucket too (20 at once, then one every 3 s: more than 20 in a strict
minute), a 429 anywhere pauses every chat, and a reply waiting for its group's turn holds a
handler slot. PacedRateLimiter replaces it: one Pace overall, each group's strict window and
429 pauses per chat in a SendBudget, and answers to groups queued per group (bot.ui.outgoing).
"""

import asyncio
import math
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from bot.ui.budget import SendBudget
from bot.ui.outgoing import GroupReplies
from bot.ui.timing import Clock, Sleep, sleep_until, system_clock, system_sleep

# Telegram counts the messages arriving in any second: requests exactly 1/rate apart make one too
# many as soon as one arrives a little late, so the bot's pace keeps this share of the rate back.
HEADROOM = 0.015

Answer = bool | dict[str, Any] | list[dict[str, Any]]  # a Bot API call's result


def turns_per_second(rate_per_second: float) -> int:
    """The bot's pace: a little under the send rate, in whole turns a second."""
    return max(1, math.floor(rate_per_second * (1 - HEADROOM)))


class Pace:
    """Turns evenly spaced on the event loop's clock, so no second holds more than `per_second`
    of them. A turn is never in the past: time no one used is not made up later (no bursts)."""

    def __init__(self, per_second: int) -> None:
        self._interval = 1 / per_second
        self._next = 0.0

    async def wait(self) -> None:
        """Waits for the next free turn."""
        now = asyncio.get_running_loop().time()
        turn = max(self._next, now)
        self._next = turn + self._interval
        await asyncio.sleep(turn - now)


class PacedRateLimiter(BaseRateLimiter[int]):
    """Every request to a chat, from a handler or the scheduler, takes a turn in one Pace, after
    whatever the chat's SendBudget holds it back for. A 429 pauses what it concerns, from the
    moment it came (the caller sees the RetryAfter and decides whether to try again). Answers to
    groups are not sent from handlers but queued here, per group (`groups`)."""

    def __init__(
        self, rate_per_second: float, clock: Clock = system_clock, sleep: Sleep = system_sleep
    ) -> None:
        self._pace = Pace(turns_per_second(rate_per_second))
        self._clock, self._sleep = clock, sleep
        self.budget = SendBudget()
        self.groups = GroupReplies(self.budget, clock, sleep)

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        await self.groups.close()

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Answer]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,  # unused: a request is never retried here
    ) -> Answer:
        chat_id = _chat_id(data.get("chat_id"))
        if chat_id is None:  # answerCallbackQuery, getMe...: nothing Telegram counts
            return await callback(*args, **kwargs)
        send = endpoint.startswith("send") and endpoint != "sendChatAction"
        await self._wait_for_room(chat_id, send)
        await self._pace.wait()
        try:
            answer = await callback(*args, **kwargs)
        except RetryAfter as flood:
            self.budget.pause(chat_id, retry_after(flood), self._clock())
            raise
        self.budget.answered()
        if endpoint.startswith("editMessage") or endpoint == "deleteMessage":
            self.groups.edited(chat_id, data.get("message_id"))
        return answer

    async def _wait_for_room(self, chat_id: int, send: bool) -> None:
        """Waits until the budget lets the request go, and counts it there and then, so no two
        requests waiting for the same room both take it."""
        while (ready := self.budget.ready_at(chat_id, self._clock(), send=send)) > self._clock():
            await sleep_until(ready, self._clock, self._sleep)
        if send:
            self.budget.record_send(chat_id, self._clock())


def retry_after(flood: RetryAfter) -> timedelta:
    """RetryAfter's wait as a timedelta, whichever type this PTB version reports it in."""
    wait = flood.retry_after
    return wait if isinstance(wait, timedelta) else timedelta(seconds=wait)


def _chat_id(value: object) -> int | None:
    """A numeric chat id; a channel's @username (never ours to send to) is paced as no chat."""
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.lstrip("-").isdigit():
        return int(value)
    return None
