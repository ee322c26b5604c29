"""Simulated time for a drain: one clock for the bot, its event loop and the local Bot API's flood
windows. It runs at `scale` times the wall clock (below 1 gives a slow machine room for a rate it
could not keep in real time) and jumps over the idle stretches between ticks."""

import asyncio
import selectors
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any


class SimClock:
    def __init__(self, start: datetime, scale: float) -> None:
        self.scale = scale
        self._start_at(start)

    def _start_at(self, at: datetime) -> None:
        self._origin, self._wall = at.timestamp(), time.monotonic()

    def seconds(self) -> float:
        """Simulated POSIX seconds (the event loop's and the flood windows' time)."""
        return self._origin + (time.monotonic() - self._wall) * self.scale

    def __call__(self) -> datetime:
        return datetime.fromtimestamp(self.seconds(), UTC)

    def jump_to(self, at: datetime) -> None:
        """Moves on to `at` at once, never back (the simulated world was idle meanwhile)."""
        if at > self():
            self._start_at(at)


class _ScaledSelector(selectors.DefaultSelector):
    """Waits the real seconds that pass `timeout` simulated seconds."""

    def __init__(self, scale: float) -> None:
        super().__init__()
        self._scale = scale

    def select(self, timeout: float | None = None) -> list[tuple[Any, int]]:
        real = None if timeout is None else timeout / self._scale
        return super().select(real)


class SimLoop(asyncio.SelectorEventLoop):
    """An event loop on the simulated clock: timers, sleeps and the bot's pace run on it."""

    def __init__(self, clock: SimClock) -> None:
        self._sim = clock
        super().__init__(_ScaledSelector(clock.scale))

    def time(self) -> float:
        return self._sim.seconds()


def loop_factory(clock: SimClock) -> Callable[[], asyncio.AbstractEventLoop]:
    return lambda: SimLoop(clock)
