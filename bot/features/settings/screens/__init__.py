"""/settings: the screens and confirmations a runner sees while choosing their timezone, weekly
run plan and reminders. Every setting can be changed by tapping; the common ones by typing too."""

from bot.features.settings.screens import location, options, runs, timezone
from bot.features.settings.screens.changes import after_command, after_press, note
from bot.features.settings.screens.grammar import Open, Press, parse
from bot.features.settings.screens.menu import menu
from bot.features.settings.screens.mydata import my_data

__all__ = [
    "Open",
    "Press",
    "after_command",
    "after_press",
    "location",
    "menu",
    "my_data",
    "note",
    "options",
    "parse",
    "runs",
    "timezone",
]
