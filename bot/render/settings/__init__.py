"""/settings: the screens and confirmations a runner sees while choosing their timezone, weekly
run plan and reminders. Every setting can be changed by tapping; the common ones by typing too."""

from bot.render.settings import location, options, runs, timezone
from bot.render.settings.changes import Change, after_command, after_press, note
from bot.render.settings.common import ACTION, Overview
from bot.render.settings.grammar import Open, Press, parse
from bot.render.settings.menu import menu
from bot.render.settings.mydata import MyData, my_data

__all__ = [
    "ACTION",
    "Change",
    "MyData",
    "Open",
    "Overview",
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
