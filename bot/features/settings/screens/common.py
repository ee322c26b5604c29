"""What every settings screen shares: the callback data builder, and how days, times and instants
are written (in the runner's local time). What the screens show is bot.domain.runner's
RunnerOverview."""

from collections.abc import Mapping
from datetime import time

from telegram import InlineKeyboardButton

from bot.domain.runner import QuietEdge
from bot.domain.schedule.quiet import QuietHours
from bot.domain.schedule.recurrence import WeeklyTime
from bot.domain.units import Unit, format_distance
from bot.features.settings.buttons import SETTINGS
from bot.ui.calendar import DAYS
from bot.ui.keyboards import button

KIND_NAMES = {
    "warmup": "warm-up",
    "stretch": "stretch of the day",
    "nudge": "rest-day nudge",
    "postrun": "after-run check-in",
}
KIND_PLURALS = {
    "warmup": "warm-ups",
    "stretch": "stretches of the day",
    "nudge": "rest-day nudges",
    "postrun": "after-run check-ins",
}
EDGES: dict[str, QuietEdge] = {"start": "start", "end": "end"}  # callback text -> edge
ZONE_EXAMPLE = "/timezone Berlin"
RUNS_EXAMPLE = "/runs mon,wed 07:00; sat 09:30"


def data(*args: str | int) -> str:
    return SETTINGS.data(*args)


OPEN_RUN_PLAN = data("run")  # the run-plan screen, also opened from /comeback


def back(*args: str | int) -> InlineKeyboardButton:
    return button("‹ Back", data(*args))


def chosen(label: str, is_current: bool) -> str:
    return f"✓ {label}" if is_current else label


def rows(buttons: list[InlineKeyboardButton], width: int) -> list[list[InlineKeyboardButton]]:
    return [buttons[start : start + width] for start in range(0, len(buttons), width)]


def clock(wall: time) -> str:
    return f"{wall:%H:%M}"


def run_name(run: WeeklyTime, metres: int | None = None, unit: Unit = "km") -> str:
    """'Sat 09:30', or with its intended distance 'Sat 09:30 18 km'."""
    name = f"{DAYS[run.weekday]} {clock(run.time)}"
    return f"{name} {format_distance(metres, unit)}" if metres is not None else name


def run_list(
    runs: tuple[WeeklyTime, ...],
    distances: Mapping[WeeklyTime, int] | None = None,
    unit: Unit = "km",
) -> str:
    given = distances or {}
    return ", ".join(run_name(run, given.get(run), unit) for run in runs) if runs else "none"


def quiet_text(quiet: QuietHours) -> str:
    if quiet.start == quiet.end:
        return "none"
    return f"{clock(quiet.start)}–{clock(quiet.end)}"
