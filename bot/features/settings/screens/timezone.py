"""Choosing a timezone by tapping: a region, then a city from a short list of common zones.
Anything else is typed (/timezone <city>) or found from a shared location."""

from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup

from bot.domain.runner import RunnerOverview
from bot.domain.schedule.parse import ParseError
from bot.domain.schedule.zones import ZoneNotFound
from bot.features.settings.screens.common import ZONE_EXAMPLE, back, data, rows
from bot.ui.html import b, h
from bot.ui.keyboards import button
from bot.ui.screen import Screen

# Indices are the callback data (cfg:tz:<region>:<city>): append, never reorder, so old buttons
# keep meaning the same city.
REGIONS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Europe",
        (
            ("London", "Europe/London"),
            ("Dublin", "Europe/Dublin"),
            ("Lisbon", "Europe/Lisbon"),
            ("Madrid", "Europe/Madrid"),
            ("Paris", "Europe/Paris"),
            ("Amsterdam", "Europe/Amsterdam"),
            ("Berlin", "Europe/Berlin"),
            ("Zurich", "Europe/Zurich"),
            ("Rome", "Europe/Rome"),
            ("Stockholm", "Europe/Stockholm"),
            ("Warsaw", "Europe/Warsaw"),
            ("Athens", "Europe/Athens"),
            ("Helsinki", "Europe/Helsinki"),
            ("Kyiv", "Europe/Kyiv"),
            ("Istanbul", "Europe/Istanbul"),
            ("Moscow", "Europe/Moscow"),
        ),
    ),
    (
        "North America",
        (
            ("Honolulu", "Pacific/Honolulu"),
            ("Anchorage", "America/Anchorage"),
            ("Vancouver", "America/Vancouver"),
            ("Los Angeles", "America/Los_Angeles"),
            ("Phoenix", "America/Phoenix"),
            ("Denver", "America/Denver"),
            ("Mexico City", "America/Mexico_City"),
            ("Chicago", "America/Chicago"),
            ("Toronto", "America/Toronto"),
            ("New York", "America/New_York"),
            ("Halifax", "America/Halifax"),
            ("St. John's", "America/St_Johns"),
        ),
    ),
    (
        "South America",
        (
            ("Bogotá", "America/Bogota"),
            ("Lima", "America/Lima"),
            ("Caracas", "America/Caracas"),
            ("Santiago", "America/Santiago"),
            ("Buenos Aires", "America/Argentina/Buenos_Aires"),
            ("São Paulo", "America/Sao_Paulo"),
        ),
    ),
    (
        "Africa",
        (
            ("Casablanca", "Africa/Casablanca"),
            ("Accra", "Africa/Accra"),
            ("Lagos", "Africa/Lagos"),
            ("Cairo", "Africa/Cairo"),
            ("Johannesburg", "Africa/Johannesburg"),
            ("Nairobi", "Africa/Nairobi"),
        ),
    ),
    (
        "Asia",
        (
            ("Jerusalem", "Asia/Jerusalem"),
            ("Riyadh", "Asia/Riyadh"),
            ("Tehran", "Asia/Tehran"),
            ("Dubai", "Asia/Dubai"),
            ("Karachi", "Asia/Karachi"),
            ("India", "Asia/Kolkata"),
            ("Dhaka", "Asia/Dhaka"),
            ("Bangkok", "Asia/Bangkok"),
            ("Jakarta", "Asia/Jakarta"),
            ("Singapore", "Asia/Singapore"),
            ("Hong Kong", "Asia/Hong_Kong"),
            ("China", "Asia/Shanghai"),
            ("Manila", "Asia/Manila"),
            ("Seoul", "Asia/Seoul"),
            ("Tokyo", "Asia/Tokyo"),
        ),
    ),
    (
        "Australia & Pacific",
        (
            ("Perth", "Australia/Perth"),
            ("Darwin", "Australia/Darwin"),
            ("Adelaide", "Australia/Adelaide"),
            ("Brisbane", "Australia/Brisbane"),
            ("Sydney", "Australia/Sydney"),
            ("Melbourne", "Australia/Melbourne"),
            ("Auckland", "Pacific/Auckland"),
        ),
    ),
)

TYPING_HINT = (
    f"Not listed? Type your city: {ZONE_EXAMPLE} or /timezone new york.\n"
    "📍 Or share your location (📎 → Location) and I'll pick the timezone for you."
)


def zone_at(region: int, city: int) -> str | None:
    if not 0 <= region < len(REGIONS) or not 0 <= city < len(REGIONS[region][1]):
        return None
    return REGIONS[region][1][city][1]


def local_time(zone: str, view: RunnerOverview) -> str:
    return f"{view.now.astimezone(ZoneInfo(zone)):%H:%M}"


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
