"""Allowances over strict sliding windows: at most `limit` events in ANY `period`, the way
Telegram counts its flood limits (not fixed buckets, which let twice the limit through across a
bucket's edge). Time is passed in."""

from collections import deque
from datetime import datetime, timedelta


class SlidingWindow:
    def __init__(self, limit: int, period: timedelta) -> None:
        if limit < 1:
            raise ValueError("a window allows at least one event")
        self.limit, self.period = limit, period
        self._events: deque[datetime] = deque()

    def _forget_before(self, now: datetime) -> None:
        while self._events and self._events[0] <= now - self.period:
            self._events.popleft()

    def room_at(self, now: datetime) -> datetime:
        """The earliest moment one more event fits: `now`, or when the oldest one leaves."""
        self._forget_before(now)
        if len(self._events) < self.limit:
            return now
        return self._events[-self.limit] + self.period

    def record(self, now: datetime) -> None:
        self._events.append(now)

    @property
    def empty(self) -> bool:
        return not self._events


class Allowance:
    """One sliding window per key (a user, a group), forgotten once it is empty."""

    def __init__(self, limit: int, period: timedelta) -> None:
        self.limit, self.period = limit, period
        self._windows: dict[int, SlidingWindow] = {}

    def room_at(self, key: int, now: datetime) -> datetime:
        window = self._windows.get(key)
        if window is None:
            return now
        room = window.room_at(now)
        if window.empty:
            del self._windows[key]
        return room

    def record(self, key: int, now: datetime) -> None:
        window = self._windows.get(key)
        if window is None:
            window = self._windows[key] = SlidingWindow(self.limit, self.period)
        window.record(now)

    def take(self, key: int, now: datetime) -> timedelta | None:
        """Counts one event for `key`; or, with none left, how long until there is room."""
        room = self.room_at(key, now)
        if room > now:
            return room - now
        self.record(key, now)
        return None
