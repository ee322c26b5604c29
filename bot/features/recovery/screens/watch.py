"""Runs sent as watch or app files: the answers when a file cannot be logged."""

from datetime import date

from bot.ui.calendar import day_label
from bot.ui.html import h

_FORMATS = (
    "Send the .gpx, .fit or .tcx export of one run (Garmin Connect, Strava, Coros, Suunto and "
    "most apps can export one), and I'll read its date, distance and time."
)


def not_a_run_file() -> str:
    return f"I can't read that kind of file. {_FORMATS}"


def too_big(limit: int) -> str:
    return f"That file is over {limit // (1024 * 1024)} MB, too big for one run. {_FORMATS}"


def unreadable(reason: str) -> str:
    return f"{h(reason)} Nothing was logged. {_FORMATS}"


def out_of_reach(day: date, days_back: int) -> str:
    return (
        f"That run is from {day_label(day)} {day.year}: /log keeps runs from the last "
        f"{days_back} days. Nothing was logged."
    )
