"""Time as the bot reads it and waits for it, injected so tests can move it instead of sleeping."""

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]
Sleep = Callable[[float], Awaitable[None]]  # waits this many seconds of the clock's time


def system_clock() -> datetime:
    return datetime.now(UTC)


system_sleep: Sleep = asyncio.sleep


async def sleep_until(when: datetime, clock: Clock, sleep: Sleep) -> None:
    """Waits until `clock` reads `when` (a sleep may end early: an injected clock moved)."""
    while (left := (when - clock()).total_seconds()) > 0:
        await sleep(left)
