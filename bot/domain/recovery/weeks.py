"""Seven-day windows counted back from a day: the unit of every 'week to week' comparison.

Window 0 is the 7 days ending on `end` (inclusive), window 1 the 7 days before those, and so on,
so a comparison never depends on which weekday the calendar week starts.
"""

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from fractions import Fraction

from bot.domain.recovery.entry import PainEntry

WEEK = timedelta(days=7)


def in_window(entries: Iterable[PainEntry], end: date, weeks_back: int) -> list[PainEntry]:
    last = end - weeks_back * WEEK
    first = last - WEEK + timedelta(days=1)
    return [entry for entry in entries if first <= entry.day <= last]


def mean(values: Sequence[int]) -> Fraction | None:
    """Exact, so that 'rose from one week to the next' never hinges on float rounding."""
    return Fraction(sum(values), len(values)) if values else None
