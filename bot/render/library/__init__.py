"""The library's screens: /stretch, /warmup, /exercises and /prevent.

Each module owns one callback action and its grammar: it draws the buttons, and its `route` turns
their data back into a screen, or None when the data is stale or forged.
"""

from collections.abc import Callable

from bot.content.library import Library
from bot.render.library import exercises, prevention, stretches, warmup
from bot.render.library.common import Screen

Route = Callable[[Library, tuple[str, ...]], Screen | None]
ROUTES: dict[str, Route] = {
    stretches.ACTION: stretches.route,
    warmup.ACTION: warmup.route,
    exercises.ACTION: exercises.route,
    prevention.ACTION: prevention.route,
}

__all__ = ["ROUTES", "Route", "Screen"]
