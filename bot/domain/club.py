"""A running club as a value: its settings, its weekly runs, the changes its admins can make and
the rules those obey, and the reminders its settings make. Pure: the database reads and writes it
(bot.db.clubs), the clubs feature draws it."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Literal

from bot.domain.runner import SetLead, SetStretch, SetZone
from bot.domain.schedule.firing import Rule, next_firing
from bot.domain.schedule.recurrence import WEEKDAYS

MAX_TITLE = 64  # the column's size, and short enough for a button label
DEFAULT_TITLE = "Club run"
MAX_CLUB_RUNS = 14  # two a day: more is a typo, not a club's week


@dataclass(frozen=True)
class WeeklyClubRun:
    """One of the club's weekly runs (the database row is bot.db.models.ClubRun)."""

    id: int
    weekday: int  # 0 = Monday
    time: time
    title: str


@dataclass(frozen=True)
class Club:
    """A club's settings: the defaults until an admin chose something."""

    zone: str | None
    runs: tuple[WeeklyClubRun, ...]  # in week order: their place is their number in /clubrun list
    stretch_time: time | None
    lead_minutes: int

    @property
    def configured(self) -> bool:
        return bool(self.zone or self.runs or self.stretch_time)


# What an admin can ask of the club, by command or by tapping: one value per change. The
# timezone, the stretch time and the warm-up lead are set by the same changes as a runner's.


@dataclass(frozen=True)
class AddClubRuns:
    weekdays: tuple[int, ...]  # one run on each, same time and title
    time: time
    title: str


@dataclass(frozen=True)
class RemoveClubRun:
    run_id: int


ClubChange = SetZone | AddClubRuns | RemoveClubRun | SetStretch | SetLead


# What a change did. A setting's outcome is the change itself: it sets exactly what was asked.


@dataclass(frozen=True)
class ClubRunsAdded:
    runs: tuple[WeeklyClubRun, ...]
    lead_minutes: int  # how long before each the warm-up reminder comes
    zone: str | None  # the club's; nothing is posted until it has one

    def first_post(self, now: datetime) -> datetime | None:
        """When the first of these runs' warm-ups is posted: a run whose warm-up time has
        passed this week waits for next week's."""
        if self.zone is None:
            return None
        lead = timedelta(minutes=self.lead_minutes)
        firings = (
            next_firing(Rule("club_warmup", self.zone, (run.weekday,), run.time, lead), now)
            for run in self.runs
        )
        return min(firing.fire_at for firing in firings)


@dataclass(frozen=True)
class ClubRunRemoved:
    run: WeeklyClubRun | None  # None: it was removed already (a second tap, another admin)


ClubChanged = SetZone | ClubRunsAdded | ClubRunRemoved | SetStretch | SetLead


# Why a change was refused; nothing was changed.


class RunClash(Exception):
    """The club already runs at that day and time (and one reminder serves one occurrence)."""

    def __init__(self, run: WeeklyClubRun) -> None:
        super().__init__(f"club run {run.id} is at that time")
        self.run = run


class TooManyRuns(Exception):
    """The club would have more than MAX_CLUB_RUNS weekly runs."""


def check_new_runs(runs: Sequence[WeeklyClubRun], weekdays: Sequence[int], at: time) -> None:
    """Raises RunClash or TooManyRuns if runs on `weekdays` at `at` cannot join `runs`."""
    clash = next((run for run in runs if run.weekday in weekdays and run.time == at), None)
    if clash is not None:
        raise RunClash(clash)
    if len(runs) + len(weekdays) > MAX_CLUB_RUNS:
        raise TooManyRuns


def reminder_rules(club: Club) -> list[tuple[Rule, str | None]]:
    """The reminders the club's settings make, each with the title its posts show: a warm-up
    before each run, and the stretch of the day. None until the club has a timezone."""
    if club.zone is None:
        return []
    lead = timedelta(minutes=club.lead_minutes)
    rules: list[tuple[Rule, str | None]] = [
        (Rule("club_warmup", club.zone, (run.weekday,), run.time, lead=lead), run.title)
        for run in club.runs
    ]
    if club.stretch_time is not None:  # no quiet hours: the admins chose the time for everyone
        rules.append((Rule("club_stretch", club.zone, tuple(WEEKDAYS), club.stretch_time), None))
    return rules


def taking_names(run_starts: datetime, now: datetime) -> bool:
    """Whether the post's buttons still take answers: only until the run starts."""
    return now < run_starts


# A runner's answer on a club-run post: "I'm running", "Walk-run" or "Can't make it".
Answer = Literal["run", "walk", "out"]
ANSWERS: tuple[Answer, ...] = ("run", "walk", "out")


def answer_after(current: Answer | None, tapped: Answer) -> Answer | None:
    """One answer per runner per post: a tap on another option moves them there, a tap on their
    own option takes them off (None)."""
    return None if tapped == current else tapped


@dataclass(frozen=True)
class Turnout:
    """What a club-run post shows: who is running and who is walk-running (first names, first
    tap first), and how many can't make it. Never why: nobody owes the group a reason."""

    running: tuple[str, ...] = ()
    walking: tuple[str, ...] = ()
    out: int = 0

    @property
    def answered(self) -> int:
        return len(self.running) + len(self.walking) + self.out
