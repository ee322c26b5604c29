"""Flood limits over sliding windows, measured on an injected clock."""

from bot.telegram_local import FloodLimits
from bot.telegram_local.flood import FloodControl


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_per_chat_and_global_limits() -> None:
    clock = Clock()
    flood = FloodControl(FloodLimits(per_second=3, per_chat_per_second=1), clock)
    assert flood.admit(1) is None
    assert flood.admit(1) == 1
    assert [flood.admit(2), flood.admit(3), flood.admit(4)] == [None, None, 1]
    clock.now += 1.0
    assert flood.admit(1) is None


def test_groups_are_limited_per_minute() -> None:
    clock = Clock()
    flood = FloodControl(FloodLimits(per_group_per_minute=20), clock)
    for _ in range(20):
        assert flood.admit(-100) is None
        clock.now += 1.5
    assert flood.admit(-100) == 30  # the oldest of the 20 leaves the window in 30 s
    assert flood.admit(42) is None  # private chats have no per-minute limit


def test_the_per_chat_limit_can_be_left_out_and_groups_keep_their_minute() -> None:
    clock = Clock()
    flood = FloodControl(FloodLimits(per_chat_per_second=None, per_group_per_minute=20), clock)
    assert [flood.admit(-100) for _ in range(20)] == [None] * 20  # a burst, within the minute
    assert flood.admit(-100) == 60, "the 21st waits for the first to leave the strict window"
    assert [flood.admit(42), flood.admit(42)] == [None, None]
    clock.now += 59.5
    assert flood.admit(-100) == 1
    clock.now += 0.5
    assert flood.admit(-100) is None
