"""An injected clock: tests move time, nobody sleeps."""

import asyncio
import time
from datetime import UTC, datetime, timedelta


class FakeClock:
    def __init__(self, start: datetime = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)) -> None:
        self.now = start
        self._moved = asyncio.Event()
        self._slept_on = asyncio.Event()  # something waits for the test to move the clock
        self._started = time.monotonic()

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta
        self._moved.set()  # wakes every sleep; each checks whether its time has come
        self._moved = asyncio.Event()

    def seconds(self) -> float:
        """For the local Bot API's flood control: the injected time plus the real time elapsed.
        The bot keeps to 30 a second by pacing on the event loop's real clock, and the tests
        jump the per-minute windows by moving this one."""
        return self.now.timestamp() + time.monotonic() - self._started

    async def sleep(self, seconds: float) -> None:
        """Returns once the test has moved the clock `seconds` on (or moved it at all: callers
        check the time again, see bot.ui.timing.sleep_until)."""
        if seconds > 0:
            self._slept_on.set()
            await self._moved.wait()

    async def slept_on(self) -> None:
        """Returns once the bot waits for this clock to move (since the last time it did)."""
        await self._slept_on.wait()
        self._slept_on.clear()
