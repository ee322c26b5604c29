"""One asyncio.Condition notified after every change, so waiters re-check instead of polling."""

import asyncio
from collections.abc import Callable


class Changes:
    def __init__(self) -> None:
        self._condition = asyncio.Condition()

    async def notify(self) -> None:
        async with self._condition:
            self._condition.notify_all()

    async def wait_for(self, predicate: Callable[[], bool], seconds: float | None) -> bool:
        """True once predicate() holds, False if `seconds` pass first (None: no limit)."""
        async with self._condition:
            try:
                await asyncio.wait_for(self._condition.wait_for(predicate), seconds)
            except TimeoutError:
                return False
        return True
