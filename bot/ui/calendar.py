"""Day and month names, spelled out here rather than by strftime, whose names follow the
process locale."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_label(day: date) -> str:
    """'23 Nov'."""
    return f"{day.day} {MONTHS[day.month - 1]}"


def weekday_date(local: date) -> str:
    """'Mon 24 Nov'."""
    return f"{DAYS[local.weekday()]} {day_label(local)}"


def when(instant: datetime, zone: str) -> str:
    """An instant in a zone's wall-clock time: 'Mon 24 Nov 06:45'."""
    local = instant.astimezone(ZoneInfo(zone))
    return f"{weekday_date(local.date())} {local:%H:%M}"
