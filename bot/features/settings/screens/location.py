"""A shared location to a timezone, offline: the principal cities of tzdata's zone.tab nearest
to it, one per clock (UTC offset now), and the runner picks the clock that matches theirs.

Nearest-city alone is wrong near borders and in wide one-zone countries (Delhi is nearer to
Kathmandu than to Kolkata), and a runner always knows their own clock. timezonefinder's polygons
would be exact, but cost numpy and a 32 MB data set.
"""

import math
import re
from datetime import datetime
from functools import cache
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup

from bot.domain.runner import RunnerOverview
from bot.domain.schedule.zones import _tzdata_lines
from bot.features.settings.screens.common import ZONE_EXAMPLE, data, rows
from bot.features.settings.screens.timezone import local_time, place_name
from bot.ui.html import b
from bot.ui.keyboards import button
from bot.ui.screen import Screen

# '+4230+00131' or '+404251-0740023': ISO 6709 degrees, minutes and optional seconds.
_COORDINATES = re.compile(r"([+-])(\d{2})(\d{2})(\d{2})?([+-])(\d{3})(\d{2})(\d{2})?")
_NEAREST = 12  # cities looked at
_CLOCKS = 6  # buttons at most: Delhi needs five to reach Kolkata


def _degrees(sign: str, degrees: str, minutes: str, seconds: str | None) -> float:
    value = int(degrees) + int(minutes) / 60 + int(seconds or 0) / 3600
    return -value if sign == "-" else value


@cache
def places() -> tuple[tuple[float, float, str], ...]:
    """(latitude, longitude, zone) of each zone's principal city; an index is a button's id."""
    found = []
    for line in _tzdata_lines("zone.tab"):
        fields = line.split("\t")
        match = _COORDINATES.fullmatch(fields[1]) if len(fields) >= 3 else None
        if match is not None:
            found.append(
                (_degrees(*match.group(1, 2, 3, 4)), _degrees(*match.group(5, 6, 7, 8)), fields[2])
            )
    return tuple(found)


def _distance(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine), in radians."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * math.asin(min(1.0, math.sqrt(a)))


def zones_near(latitude: float, longitude: float, now: datetime) -> tuple[int, ...]:
    """Ids of the nearest city for each clock around the point, nearest first."""
    table = places()
    ranked = sorted(range(len(table)), key=lambda i: _distance(latitude, longitude, *table[i][:2]))
    clocks: dict[object, int] = {}
    for index in ranked[:_NEAREST]:
        clocks.setdefault(now.astimezone(ZoneInfo(table[index][2])).utcoffset(), index)
    return tuple(clocks.values())[:_CLOCKS]


def zone_by_id(index: int) -> str | None:
    table = places()
    return table[index][2] if 0 <= index < len(table) else None


def clock_picker(ids: tuple[int, ...], view: RunnerOverview) -> Screen:
    zones = [(index, places()[index][2]) for index in ids]
    text = (
        b("Which clock matches yours?")
        + "\n\nThe nearest cities to the place you shared, one for each time they show now. "
        f"Tap the one your clock shows. None of them? Send {ZONE_EXAMPLE} or pick from the list."
    )
    buttons = [
        button(f"{place_name(zone)} · {local_time(zone, view)}", data("loc", index))
        for index, zone in zones
    ]
    keyboard = [*rows(buttons, 2), [button("🌍 Pick from the list", data("tz"))]]
    return Screen(text, InlineKeyboardMarkup(keyboard))


def no_places() -> str:
    return f"I couldn't tell the timezone from that location. Send it instead: {ZONE_EXAMPLE}"
