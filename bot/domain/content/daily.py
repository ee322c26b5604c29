"""Stretch of the day: one for every runner on a given local date, the whole library in turn."""

from collections.abc import Sequence
from datetime import date

from bot.domain.content.stretches import Stretch


def stretch_of_the_day(stretches: Sequence[Stretch], local_date: date) -> Stretch:
    """Walks the library in its file order, one stretch a day, so N days show all N stretches.

    The date ordinal, not hash(), picks the stretch: hash() of str differs between processes.
    """
    if not stretches:
        raise ValueError("no stretches to choose from")
    return stretches[local_date.toordinal() % len(stretches)]
