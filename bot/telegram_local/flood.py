"""Telegram's flood limits on sending, answered with 429 "retry after N" when exceeded."""

import math
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class FloodLimits:
    """Messages allowed per sliding window; the defaults are Telegram's documented limits.
    `per_chat_per_second=None` leaves out the one Telegram asks bots to keep to ("avoid more than
    one message a second in a chat") without saying that it refuses bursts."""

    per_second: int = 30
    # allow_paid_broadcast: "up to 1000 messages per second, ignoring broadcasting limits".
    paid_per_second: int = 1000
    per_chat_per_second: int | None = 1
    per_group_per_minute: int = 20


class FloodControl:
    def __init__(self, limits: FloodLimits, clock: Callable[[], float]) -> None:
        self._limits = limits
        self._clock = clock
        self._sent: dict[tuple[str, int | str], deque[float]] = {}

    def admit(self, chat_id: int | str | None, paid: bool = False) -> int | None:
        """Counts one message to `chat_id` (a paid broadcast: within the paid limit instead of
        the free one); or, over a limit, the seconds to wait instead."""
        now = self._clock()
        overall = (
            (("paid", 0), self._limits.paid_per_second)
            if paid
            else (("all", 0), self._limits.per_second)
        )
        windows: list[tuple[tuple[str, int | str], int, float]] = [(*overall, 1.0)]
        if chat_id is not None:
            if self._limits.per_chat_per_second is not None:
                windows.append((("chat", chat_id), self._limits.per_chat_per_second, 1.0))
            if not isinstance(chat_id, int) or chat_id < 0:
                windows.append((("group", chat_id), self._limits.per_group_per_minute, 60.0))
        waits = []
        for key, limit, period in windows:
            sent = self._sent.setdefault(key, deque())
            while sent and sent[0] <= now - period:
                sent.popleft()
            if len(sent) >= limit:
                waits.append(max(1, math.ceil(sent[0] + period - now)))
        if waits:
            return max(waits)
        for key, _, _ in windows:
            self._sent[key].append(now)
        return None
