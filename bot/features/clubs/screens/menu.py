"""/clubsettings: the club's settings by tapping, in one message edited in place.

Callback data `club:<part>[:args]`: `m` the menu; `tz` the timezones, `tz:<n>` choose one; `add`
the days, `add:<day>` its hours, `add:<day>:<hour>` its minutes, `add:<day>:<hour>:<minute>` add
the run; `rm` the runs, `rm:<run id>` remove one; `st` stretch times, `st:<hhmm>|off` choose;
`ld` warm-up leads, `ld:<minutes>` choose; `x` close the menu. /clubdeletedata's confirmation
uses the same grammar: `del:yes` erases the club's data, `del:no` keeps it.
"""

from dataclasses import dataclass
from datetime import time

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.features.clubs.screens.changes import (
    AddRuns,
    Change,
    RemoveRun,
    SetLead,
    SetStretch,
    SetZone,
)
from bot.features.clubs.screens.common import DEFAULT_TITLE, Club, run_name
from bot.features.clubs.screens.texts import RUN_EXAMPLE, ZONE_EXAMPLE, erase_confirm, settings
from bot.features.library.screens.common import button
from bot.ui.calendar import DAY_NAMES, DAYS
from bot.ui.callback import encode, number_from
from bot.ui.html import b
from bot.ui.screen import Screen

ACTION = "club"
# Tappable zones, one for each region clubs are likeliest in; any other by /clubtimezone.
ZONES = (
    ("London", "Europe/London"),
    ("Dublin", "Europe/Dublin"),
    ("Lisbon", "Europe/Lisbon"),
    ("Madrid", "Europe/Madrid"),
    ("Paris", "Europe/Paris"),
    ("Berlin", "Europe/Berlin"),
    ("Rome", "Europe/Rome"),
    ("Athens", "Europe/Athens"),
    ("Istanbul", "Europe/Istanbul"),
    ("Dubai", "Asia/Dubai"),
    ("India", "Asia/Kolkata"),
    ("Singapore", "Asia/Singapore"),
    ("Tokyo", "Asia/Tokyo"),
    ("Sydney", "Australia/Sydney"),
    ("Auckland", "Pacific/Auckland"),
    ("Johannesburg", "Africa/Johannesburg"),
    ("New York", "America/New_York"),
    ("Chicago", "America/Chicago"),
    ("Denver", "America/Denver"),
    ("Los Angeles", "America/Los_Angeles"),
    ("São Paulo", "America/Sao_Paulo"),
)
HOURS = tuple(range(5, 22))  # club runs start between 05:00 and 21:45
MINUTES = (0, 15, 30, 45)
STRETCH_TIMES = tuple(time(hour, minute) for hour, minute in ((6, 30), (7, 0), (7, 30), (8, 0)))
STRETCH_TIMES += tuple(time(hour) for hour in (9, 12, 17, 18, 19, 20))
LEADS = (5, 10, 15, 20, 30, 45, 60)


@dataclass(frozen=True)
class Show:
    """Navigation: draw the screen named by `part` for its arguments."""

    part: str
    args: tuple[int, ...] = ()


@dataclass(frozen=True)
class Close:
    pass


@dataclass(frozen=True)
class Erase:
    """/clubdeletedata's answer: `confirmed` erases the club's data, otherwise nothing."""

    confirmed: bool


Press = Show | Close | Erase | Change


def data(*args: str | int) -> str:
    return encode(ACTION, *args)


def _rows(buttons: list[InlineKeyboardButton], width: int) -> list[list[InlineKeyboardButton]]:
    return [buttons[start : start + width] for start in range(0, len(buttons), width)]


def _back(*args: str | int) -> list[InlineKeyboardButton]:
    return [button("‹ Back", data(*(args or ("m",))))]


def main(club: Club, note: str = "") -> Screen:
    keyboard = [
        [button("🌍 Timezone", data("tz")), button("🧘 Stretch", data("st"))],
        [button("➕ Add a run", data("add"))]
        + ([button("➖ Remove a run", data("rm"))] if club.runs else []),
        [button("⏱ Warm-up reminder", data("ld")), button("✓ Done", data("x"))],
    ]
    return Screen(settings(club, note), InlineKeyboardMarkup(keyboard))


def erasing(club: Club) -> Screen:
    """The question before the club's data is erased."""
    keyboard = [[button("Yes, erase", data("del", "yes")), button("Cancel", data("del", "no"))]]
    return Screen(erase_confirm(club), InlineKeyboardMarkup(keyboard))


def zones(club: Club) -> Screen:
    current = club.zone
    buttons = [
        button(("✓ " if zone == current else "") + city, data("tz", n))
        for n, (city, zone) in enumerate(ZONES)
    ]
    text = b("The club's timezone") + f"\n\nTap the nearest city, or send {ZONE_EXAMPLE}"
    text += " with any city or zone name."
    return Screen(text, InlineKeyboardMarkup([*_rows(buttons, 3), _back()]))


def days(_club: Club) -> Screen:
    buttons = [button(name, data("add", n)) for n, name in enumerate(DAYS)]
    text = b("Add a club run") + f"\n\nWhich day? (Or type it all: {RUN_EXAMPLE})"
    return Screen(text, InlineKeyboardMarkup([*_rows(buttons, 4), _back()]))


def hours(_club: Club, weekday: int) -> Screen:
    buttons = [button(f"{hour:02d}", data("add", weekday, hour)) for hour in HOURS]
    text = b(f"Add a club run on {DAY_NAMES[weekday]}") + "\n\nWhat hour does it start?"
    return Screen(text, InlineKeyboardMarkup([*_rows(buttons, 6), _back("add")]))


def minutes(_club: Club, weekday: int, hour: int) -> Screen:
    buttons = [
        button(f"{hour:02d}:{minute:02d}", data("add", weekday, hour, minute)) for minute in MINUTES
    ]
    text = b(f"Add a club run on {DAY_NAMES[weekday]}") + f"\n\n{hour:02d}:… and the minutes?"
    text += "\n\nIt is called “Club run”; for another name type it: " + RUN_EXAMPLE
    return Screen(text, InlineKeyboardMarkup([*_rows(buttons, 4), _back("add", weekday)]))


def removal(club: Club) -> Screen:
    buttons = [[button(f"✕ {run_name(run)}", data("rm", run.id))] for run in club.runs]
    text = b("Remove a club run") + "\n\n"
    text += "Tap the run to remove." if club.runs else "There are no club runs."
    return Screen(text, InlineKeyboardMarkup([*buttons, _back()]))


def stretch_times(club: Club) -> Screen:
    def mark(label: str, chosen: bool) -> str:
        return ("✓ " if chosen else "") + label

    buttons = [button(mark("Off", club.stretch_time is None), data("st", "off"))]
    buttons += [
        button(mark(f"{at:%H:%M}", at == club.stretch_time), data("st", f"{at:%H%M}"))
        for at in STRETCH_TIMES
    ]
    text = b("Stretch of the day") + "\n\nWhen should I post it in the group?"
    text += "\nAny other time: /clubstretch 06:45"
    return Screen(text, InlineKeyboardMarkup([*_rows(buttons, 4), _back()]))


def leads(club: Club) -> Screen:
    buttons = [
        button(("✓ " if lead == club.lead_minutes else "") + f"{lead} min", data("ld", lead))
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


def _numbers(args: tuple[str, ...]) -> tuple[int, ...] | None:
    numbers = [number_from(arg) for arg in args]
    return tuple(n for n in numbers if n is not None) if None not in numbers else None


def _stretch_time(text: str) -> time | None:
    return next((at for at in STRETCH_TIMES if f"{at:%H%M}" == text), None)


def parse(args: tuple[str, ...]) -> Press | None:
    """What a press asks for, or None for stale or forged data."""
    match args:
        case ("m" | "tz" | "add" | "rm" | "st" | "ld" as part,):
            return Show(part)
        case ("x",):
            return Close()
        case ("del", "yes" | "no" as answer):
            return Erase(confirmed=answer == "yes")
        case ("st", "off"):
            return SetStretch(None)
        case ("st", hhmm):
            at = _stretch_time(hhmm)
            return SetStretch(at) if at is not None else None
    numbers = _numbers(args[1:])
    if not args or numbers is None:
        return None
    match args[0], numbers:
        case "tz", (n,) if n < len(ZONES):
            return SetZone(ZONES[n][1])
        case "add", (weekday,) if weekday < 7:
            return Show("add", (weekday,))
        case "add", (weekday, hour) if weekday < 7 and hour in HOURS:
            return Show("add", (weekday, hour))
        case "add", (weekday, hour, minute) if weekday < 7 and hour in HOURS and minute in MINUTES:
            return AddRuns((weekday,), time(hour, minute), DEFAULT_TITLE)
        case "rm", (run_id,):
            return RemoveRun(run_id)
        case "ld", (lead,) if lead in LEADS:
            return SetLead(lead)
    return None
