"""What every club screen shares: the club as the screens see it, and how runs are written."""

from dataclasses import dataclass
from datetime import time

from bot.ui.calendar import DAYS
from bot.ui.html import h

MAX_TITLE = 64  # the column's size, and short enough for a button label
DEFAULT_TITLE = "Club run"
# Callback data `going:<delivery id>`: "I'm running" on a club-run reminder.
GOING_ACTION = "going"


@dataclass(frozen=True)
class Run:
    id: int
    weekday: int  # 0 = Monday
    time: time
    title: str


@dataclass(frozen=True)
class Club:
    """A club's settings as the screens show them."""

    zone: str | None
    runs: tuple[Run, ...]  # in week order: their place here is their number in /clubrun list
    stretch_time: time | None
    lead_minutes: int

    @property
    def configured(self) -> bool:
        return bool(self.zone or self.runs or self.stretch_time)


def run_name(run: Run) -> str:
    """'Tue 18:30 · Track session' (escaped)."""
    return f"{DAYS[run.weekday]} {run.time:%H:%M} · {h(run.title)}"


def run_lines(club: Club) -> str:
    if not club.runs:
        return "No club runs yet."
    return "\n".join(f"{n}. {run_name(run)}" for n, run in enumerate(club.runs, start=1))
