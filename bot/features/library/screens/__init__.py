"""The library's screens: /stretch, /warmup, /exercises and /prevent.

Each module draws one family of buttons (bot.features.library.buttons), and its `route` turns their
arguments back into a screen, or None when they are stale or forged.
"""

from collections.abc import Callable

from bot.domain.content.library import Library
from bot.features.library.buttons import EXERCISES, OPEN_NEW, PREVENTION, STRETCHES, WARMUP
from bot.features.library.screens import exercises, prevention, stretches, warmup
from bot.ui.callback import Buttons
from bot.ui.screen import Screen

Route = Callable[[Library, tuple[str, ...]], Screen | None]
ROUTES: dict[Buttons, Route] = {
    STRETCHES: stretches.route,
    WARMUP: warmup.route,
    EXERCISES: exercises.route,
    PREVENTION: prevention.route,
}


def opened_new(library: Library, args: tuple[str, ...]) -> Screen | None:
    """A `new:<family>:<args>` press: the screen that family's arguments ask for."""
    family, *rest = args or ("",)
    route = next((route for buttons, route in ROUTES.items() if buttons.prefix == family), None)
    return route(library, tuple(rest)) if route else None


def screen_for(library: Library, data: str | None) -> tuple[Screen, bool] | None:
    """The screen any library button's data asks for, and whether it opens as a new message;
    None for stale or forged data."""
    if (args := OPEN_NEW.parse(data)) is not None:
        screen = opened_new(library, args)
        return (screen, True) if screen is not None else None
    for buttons, route in ROUTES.items():
        if (args := buttons.parse(data)) is not None:
            screen = route(library, args)
            return (screen, False) if screen is not None else None
    return None


__all__ = ["ROUTES", "Route", "Screen", "opened_new", "screen_for"]
