"""Choosing a timezone by tapping: a region, then a city from a short list of common zones.
Anything else is typed (/timezone <city>) or found from a shared location."""

from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup

from bot.domain.runner import RunnerOverview
from bot.domain.schedule.parse import ParseError
from bot.domain.schedule.places import REGIONS
from bot.domain.schedule.zones import ZoneMatch, ZoneNotFound, format_offset
from bot.features.settings.screens.common import ZONE_EXAMPLE, back, data, rows
from bot.ui.html import b, h
from bot.ui.keyboards import button
from bot.ui.screen import Screen

TYPING_HINT = (
    f"Not listed? Send the command with your city: {ZONE_EXAMPLE} or /timezone new york.\n"
    "📍 Or share your location (📎 → Location) and I'll pick the timezone for you."
)


def zone_at(region: int, city: int) -> str | None:
    if not 0 <= region < len(REGIONS) or not 0 <= city < len(REGIONS[region][1]):
        return None
    return REGIONS[region][1][city][1]


def local_time(zone: str, view: RunnerOverview) -> str:
    return time_in(zone, view.now)


def time_in(zone: str, now: datetime) -> str:
    return f"{now.astimezone(ZoneInfo(zone)):%H:%M}"


def inverted_sign(zone: str, view: RunnerOverview) -> str:
    """A warning for tzdata's Etc/GMT+N names, whose sign runs the other way (POSIX): Etc/GMT+2
    is UTC-2. Nothing for any other zone."""
    if not zone.startswith("Etc/GMT") or zone in ("Etc/GMT", "Etc/GMT0", "Etc/GMT+0", "Etc/GMT-0"):
        return ""
    offset = view.now.astimezone(ZoneInfo(zone)).utcoffset()
    if offset is None:
        return ""
    other = format_offset(-offset)
    return (
        f" ⚠️ {h(zone)} is {format_offset(offset)}: these names count the other way round. "
        f"Meant {other}? Send /timezone {other}."
    )


def _current(view: RunnerOverview) -> str:
    if view.zone is None:
        return "Not set yet: reminders start once it is."
    return f"Now: {h(view.zone)} ({local_time(view.zone, view)} there)."


def regions(view: RunnerOverview) -> Screen:
    text = "\n\n".join([b("Timezone"), _current(view), "Pick your region.", TYPING_HINT])
    buttons = [button(name, data("tz", index)) for index, (name, _) in enumerate(REGIONS)]
    return Screen(text, InlineKeyboardMarkup([*rows(buttons, 2), [back()]]))


def cities(region: int, view: RunnerOverview) -> Screen:
    name, places = REGIONS[region]
    text = "\n\n".join(
        [
            b(f"Timezone: {h(name)}"),
            "Pick the place whose clock matches yours (the time there now is shown).",
            TYPING_HINT,
        ]
    )
    buttons = [
        button(f"{city} · {local_time(zone, view)}", data("tz", region, index))
        for index, (city, zone) in enumerate(places)
    ]
    return Screen(text, InlineKeyboardMarkup([*rows(buttons, 2), [back("tz")]]))


def unknown_zone(error: ParseError) -> str:
    """A typed zone that could not be read: why, and commands to copy (tap a code to copy it)."""
    suggestions = error.suggestions if isinstance(error, ZoneNotFound) else ()
    examples = [f"/timezone {zone}" for zone in suggestions] or [ZONE_EXAMPLE, "/timezone new york"]
    lines = "\n".join(f"<code>{h(example)}</code>" for example in examples)
    return f"{h(error.message)}\n\n{lines}\n\nNothing was changed."


def choices(typed: str, found: ZoneMatch, now: datetime) -> Screen:
    """Several zones fit what was typed: each with the time there now, to tap the right clock."""
    if found.offset is not None:
        offset = format_offset(found.offset)
        intro = (
            f"{b(h(offset))} is a fixed offset, and clocks that change for summer time leave it "
            f"for half the year. These places are at {h(offset)} now: tap the one whose clock "
            "you live by, and reminders follow it all year."
        )
    else:
        intro = f"{b(h(typed.strip()))} could be several places. Tap the one whose clock is yours."
    buttons = [
        button(f"{place_name(zone)} · {time_in(zone, now)}", data("zone", *zone.split("/")))
        for zone in found.zones
    ]
    text = "\n\n".join([intro, "Nothing is changed until you tap."])
    return Screen(
        text,
        InlineKeyboardMarkup([*rows(buttons, 2), [button("🌍 Pick from the list", data("tz"))]]),
    )


def place_name(zone: str) -> str:
    """'America/Argentina/Buenos_Aires' -> 'Buenos Aires'; 'Asia/Kolkata' -> 'India'."""
    named = {place: label for _, places in REGIONS for label, place in places}
    return named.get(zone) or zone.rsplit("/", 1)[-1].replace("_", " ")
