"""The library's screens: /stretch, /warmup, /exercises and /prevent.

Each module owns one callback action and its grammar: it draws the buttons, and its `route` turns
their data back into a screen, or None when the data is stale or forged.
"""

from collections.abc import Callable

from bot.domain.content.library import Library
from bot.features.library.screens import exercises, prevention, stretches, warmup
from bot.features.library.screens.common import OPEN_ACTION
from bot.ui.callback import decode
from bot.ui.screen import Screen

Route = Callable[[Library, tuple[str, ...]], Screen | None]
ROUTES: dict[str, Route] = {
    stretches.ACTION: stretches.route,
    warmup.ACTION: warmup.route,
    exercises.ACTION: exercises.route,
    prevention.ACTION: prevention.route,
}


def screen_for(library: Library, data: str | None) -> tuple[Screen, bool] | None:
    """The screen a button's data asks for, and whether it opens as a new message (`new:...`,
    from a message that must stay, like the triage outcome); None for stale or forged data."""
    callback = decode(data)
    if callback is None:
        return None
    opens_new = callback.action == OPEN_ACTION
    parts = callback.args if opens_new else (callback.action, *callback.args)
    route = ROUTES.get(parts[0]) if parts else None
    screen = route(library, parts[1:]) if route else None
    return (screen, opens_new) if screen is not None else None


__all__ = ["ROUTES", "Route", "Screen", "screen_for"]
