"""The bot's pace: every request to a chat, replies and reminders alike, takes its turn in one
evenly spaced schedule, a little under the configured send rate.

PTB's AIORateLimiter counts its overall limit with a bucket: a bucket of `rate` lets twice the
rate through in its first second, and a bucket of one loses whatever time a late request costs.
PacedRateLimiter keeps PTB's limiter for what it does well (each group's own limit, the pause
after a 429) and replaces its overall bucket with a Pace.
"""

import asyncio
import math
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.ext import AIORateLimiter

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


class PacedRateLimiter(AIORateLimiter):
    """PTB's limiter with one Pace for all requests to chats in place of its overall bucket. The
    dispatcher keeps a few requests waiting here, so every turn is used."""

    def __init__(self, rate_per_second: float) -> None:
        super().__init__(overall_max_rate=0)
        self._pace = Pace(turns_per_second(rate_per_second))

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Answer]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Answer:
        if data.get("chat_id") is not None:  # what PTB's overall limit counts
            await self._pace.wait()
        return await super().process_request(
            callback, args, kwargs, endpoint, data, rate_limit_args
        )
