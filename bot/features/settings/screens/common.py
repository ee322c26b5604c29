"""What every settings screen shares: the runner's settings as the screens see them, the callback
data builder, and how days, times and instants are written (in the runner's local time)."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Literal
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton

from bot.domain.schedule.quiet import QuietHours
from bot.domain.schedule.recurrence import WeeklyTime
from bot.features.library.screens.common import button
from bot.ui.calendar import DAYS, MONTHS
from bot.ui.callback import encode

ACTION = "cfg"

KIND_NAMES = {
    "warmup": "warm-up",
    "stretch": "stretch of the day",
    "nudge": "rest-day nudge",
    "postrun": "after-run check-in",
}
Edge = Literal["start", "end"]  # of quiet hours
EDGES: dict[str, Edge] = {"start": "start", "end": "end"}  # callback text -> edge
ZONE_EXAMPLE = "/timezone Berlin"
RUNS_EXAMPLE = "/runs mon,wed 07:00; sat 09:30"


@dataclass(frozen=True)
class Overview:
    """A runner's settings, plan and next reminders: everything the settings screens show."""

    zone: str | None
    runs: tuple[WeeklyTime, ...]
    lead_minutes: int
    stretch_time: time | None
    nudges: bool
    quiet: QuietHours
    resume_on: date | None  # a pause still in force: the local date reminders come back
    stopped: bool
    upcoming: Mapping[str, datetime]  # kind -> its next reminder (UTC)
    now: datetime
    checkins: bool = False  # after-run check-ins, as they apply now
    checkins_chosen: bool = False  # False: they follow the /comeback plan until the runner chooses

    def next(self, kind: str | None = None) -> tuple[str, datetime] | None:
        """The next reminder of `kind` (any kind: the soonest), with its kind."""
        found = [(at, k) for k, at in self.upcoming.items() if kind in (None, k)]
        if not found:
            return None
        at, k = min(found)
        return k, at


def data(*args: str | int) -> str:
    return encode(ACTION, *args)


def back(*args: str | int) -> InlineKeyboardButton:
    return button("‹ Back", data(*args))


def chosen(label: str, is_current: bool) -> str:
    return f"✓ {label}" if is_current else label


def rows(buttons: list[InlineKeyboardButton], width: int) -> list[list[InlineKeyboardButton]]:
    return [buttons[start : start + width] for start in range(0, len(buttons), width)]


def clock(wall: time) -> str:
    return f"{wall:%H:%M}"


def day(local: date) -> str:
    """'Mon 24 Nov'."""
    return f"{DAYS[local.weekday()]} {local.day} {MONTHS[local.month - 1]}"


def when(instant: datetime, zone: str) -> str:
    """An instant in the runner's wall-clock time: 'Mon 24 Nov 06:45'."""
    local = instant.astimezone(ZoneInfo(zone))
    return f"{day(local.date())} {local:%H:%M}"


def run_name(run: WeeklyTime) -> str:
    return f"{DAYS[run.weekday]} {clock(run.time)}"


def run_list(runs: tuple[WeeklyTime, ...]) -> str:
    return ", ".join(run_name(run) for run in runs) if runs else "none"


def quiet_text(quiet: QuietHours) -> str:
    if quiet.start == quiet.end:
        return "none"
    return f"{clock(quiet.start)}–{clock(quiet.end)}"
