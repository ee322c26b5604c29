"""/clubsettings: the club's settings by tapping, in one message edited in place (its callback
data is in bot.features.clubs.buttons); and /clubdeletedata's question."""

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.club import Club
from bot.features.clubs.buttons import (
    HOURS,
    LEADS,
    MINUTES,
    STRETCH_TIMES,
    ZONES,
    Show,
    menu_data,
)
from bot.features.clubs.screens.texts import (
    RUN_EXAMPLE,
    ZONE_EXAMPLE,
    erase_confirm,
    run_name,
    settings,
)
from bot.ui.calendar import DAY_NAMES, DAYS
from bot.ui.html import b
from bot.ui.keyboards import button
from bot.ui.screen import Screen


def _rows(buttons: list[InlineKeyboardButton], width: int) -> list[list[InlineKeyboardButton]]:
    return [buttons[start : start + width] for start in range(0, len(buttons), width)]


def _back(*args: str | int) -> list[InlineKeyboardButton]:
    return [button("‹ Back", menu_data(*(args or ("m",))))]


def main(club: Club, note: str = "") -> Screen:
    keyboard = [
        [button("🌍 Timezone", menu_data("tz")), button("🧘 Stretch", menu_data("st"))],
        [button("➕ Add a run", menu_data("add"))]
        + ([button("➖ Remove a run", menu_data("rm"))] if club.runs else []),
        [button("⏱ Warm-up reminder", menu_data("ld")), button("✓ Done", menu_data("x"))],
    ]
    return Screen(settings(club, note), InlineKeyboardMarkup(keyboard))


def erasing(club: Club) -> Screen:
    """The question before the club's data is erased."""
    keyboard = [
        [button("Yes, erase", menu_data("del", "yes")), button("Cancel", menu_data("del", "no"))]
    ]
    return Screen(erase_confirm(club), InlineKeyboardMarkup(keyboard))


def zones(club: Club) -> Screen:
    current = club.zone
    buttons = [
        button(("✓ " if zone == current else "") + city, menu_data("tz", n))
        for n, (city, zone) in enumerate(ZONES)
    ]
    text = b("The club's timezone") + f"\n\nTap the nearest city, or send {ZONE_EXAMPLE}"
    text += " with any city or zone name."
    return Screen(text, InlineKeyboardMarkup([*_rows(buttons, 3), _back()]))


def days(_club: Club) -> Screen:
    buttons = [button(name, menu_data("add", n)) for n, name in enumerate(DAYS)]
    text = b("Add a club run") + f"\n\nWhich day? (Or type it all: {RUN_EXAMPLE})"
    return Screen(text, InlineKeyboardMarkup([*_rows(buttons, 4), _back()]))


def hours(_club: Club, weekday: int) -> Screen:
    buttons = [button(f"{hour:02d}", menu_data("add", weekday, hour)) for hour in HOURS]
    text = b(f"Add a club run on {DAY_NAMES[weekday]}") + "\n\nWhat hour does it start?"
    return Screen(text, InlineKeyboardMarkup([*_rows(buttons, 6), _back("add")]))


def minutes(_club: Club, weekday: int, hour: int) -> Screen:
    buttons = [
        button(f"{hour:02d}:{minute:02d}", menu_data("add", weekday, hour, minute))
        for minute in MINUTES
    ]
    text = b(f"Add a club run on {DAY_NAMES[weekday]}") + f"\n\n{hour:02d}:… and the minutes?"
    text += "\n\nIt is called “Club run”; for another name type it: " + RUN_EXAMPLE
    return Screen(text, InlineKeyboardMarkup([*_rows(buttons, 4), _back("add", weekday)]))


def removal(club: Club) -> Screen:
    buttons = [[button(f"✕ {run_name(run)}", menu_data("rm", run.id))] for run in club.runs]
    text = b("Remove a club run") + "\n\n"
    text += "Tap the run to remove." if club.runs else "There are no club runs."
    return Screen(text, InlineKeyboardMarkup([*buttons, _back()]))


def stretch_times(club: Club) -> Screen:
    def mark(label: str, chosen: bool) -> str:
        return ("✓ " if chosen else "") + label

    buttons = [button(mark("Off", club.stretch_time is None), menu_data("st", "off"))]
    buttons += [
        button(mark(f"{at:%H:%M}", at == club.stretch_time), menu_data("st", f"{at:%H%M}"))
        for at in STRETCH_TIMES
    ]
    text = b("Stretch of the day") + "\n\nWhen should I post it in the group?"
    text += "\nAny other time: /clubstretch 06:45"
    return Screen(text, InlineKeyboardMarkup([*_rows(buttons, 4), _back()]))


def leads(club: Club) -> Screen:
    buttons = [
        button(("✓ " if lead == club.lead_minutes else "") + f"{lead} min", menu_data("ld", lead))
        for lead in LEADS
    ]
    text = b("Warm-up reminder") + "\n\nHow long before each club run should it come?"
    return Screen(text, InlineKeyboardMarkup([*_rows(buttons, 4), _back()]))


def screen(club: Club, show: Show) -> Screen:
    """The screen a navigation press asks for (anything unknown: the menu)."""
    match show:
        case Show("tz"):
            return zones(club)
        case Show("add", ()):
            return days(club)
        case Show("add", (weekday,)):
            return hours(club, weekday)
        case Show("add", (weekday, hour)):
            return minutes(club, weekday, hour)
        case Show("rm"):
            return removal(club)
        case Show("st"):
            return stretch_times(club)
        case Show("ld"):
            return leads(club)
    return main(club)
