"""Who may have a /progress chart drawn now. A chart costs ~240 ms of CPU; without a limit one
person tapping /progress could queue minutes of work and slow every other answer. Each person
gets one chart at a time and a few a minute; the bot draws one chart at a time in all."""

import asyncio
from datetime import datetime, timedelta

from bot.domain.allowance import Allowance

CHARTS_PER_PERSON = 3
CHART_PERIOD = timedelta(minutes=1)


class ChartAllowance:
    def __init__(self) -> None:
        self._per_person = Allowance(CHARTS_PER_PERSON, CHART_PERIOD)
        self._drawing: set[int] = set()  # people whose chart is being drawn
        self.one_at_a_time = asyncio.Semaphore(1)  # charts are CPU: two at once just share it

    def ask(self, person: int, now: datetime) -> timedelta | None:
        """Lets `person` have a chart (call `done` after); or, not yet, how long to wait."""
        if person in self._drawing:
            return timedelta(0)
        wait = self._per_person.take(person, now)
        if wait is None:
            self._drawing.add(person)
        return wait

    def done(self, person: int) -> None:
        self._drawing.discard(person)
