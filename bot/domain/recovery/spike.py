"""The single-run spike guard: is a run much longer than the longest of the previous 30 days?

Frandsen et al. (BJSM 2025; 5,205 runners, 588,071 sessions) found that one run more than 10%
longer than the longest run of the previous 30 days went with a higher overuse-injury rate
(HRR 1.64 for >10-30% longer, 1.52 for >30-100%, 2.28 above 100%), while week-based ratios did
not predict injury. An association in a cohort, not a guarantee: the wording says so.

Distances are whole metres, so "exactly 10% longer" is decided exactly, not by floating point.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from bot.domain.schedule.recurrence import WeeklyTime

WINDOW = timedelta(days=30)
MARGIN_PERCENT = 10
# The longest run of the last 30 days is known only from a log that goes back that far and holds
# a few runs in the window; with less, the guard says nothing rather than guess.
MIN_RUNS_IN_WINDOW = 3

Band = Literal["10-30%", "30-100%", "over 100%"]
# The cohort's hazard rate ratios by how much longer the run was (Frandsen 2025).
HAZARD_RATIO: dict[Band, float] = {"10-30%": 1.64, "30-100%": 1.52, "over 100%": 2.28}
# What the finding is, and is not, wherever a spike is pointed out.
EVIDENCE = (
    "In 5,205 runners, single runs more than 10% longer than the month's longest went with "
    "more overuse injuries (Frandsen et al., BJSM 2025): an association, not a prediction for you."
)


@dataclass(frozen=True, slots=True)
class LoggedDistance:
    day: date
    metres: int


@dataclass(frozen=True, slots=True)
class Spike:
    """A run `metres` long against a 30-day longest of `longest_metres`."""

    metres: int
    longest_metres: int

    @property
    def percent_longer(self) -> int:
        """How much longer, rounded down to a whole percent."""
        return (self.metres - self.longest_metres) * 100 // self.longest_metres

    @property
    def band(self) -> Band:
        extra = self.metres - self.longest_metres
        if extra * 100 > self.longest_metres * 100:
            return "over 100%"
        if extra * 100 > self.longest_metres * 30:
            return "30-100%"
        return "10-30%"

    @property
    def within_margin_metres(self) -> int:
        """The longest run that stays within 10% of the 30-day longest."""
        return within_margin(self.longest_metres)


def within_margin(longest_metres: int) -> int:
    return longest_metres * (100 + MARGIN_PERCENT) // 100


def longest_recent(runs: Iterable[LoggedDistance], day: date) -> int | None:
    """The longest run in the 30 days before `day` (that day's own runs excluded), or None when
    the log does not go back 30 days or holds too few runs in them to know it."""
    start = day - WINDOW
    logged = list(runs)
    if not any(run.day <= start for run in logged):
        return None
    window = [run.metres for run in logged if start <= run.day < day]
    if len(window) < MIN_RUNS_IN_WINDOW:
        return None
    return max(window)


def spike_of(runs: Iterable[LoggedDistance], day: date, metres: int) -> Spike | None:
    """The spike a run of `metres` on `day` would be, or None: not longer than 10% more than the
    30-day longest (exactly 10% is not a spike), or too little history to say."""
    longest = longest_recent(runs, day)
    if longest is None or metres <= within_margin(longest):
        return None
    return Spike(metres=metres, longest_metres=longest)


def planned_spikes(
    distances: Mapping[WeeklyTime, int], runs: Iterable[LoggedDistance], today: date
) -> list[tuple[WeeklyTime, Spike]]:
    """The planned runs whose intended distance would be a spike on their next day (from the
    runner's local `today` on), against the runs logged so far, in the week's order."""
    logged = list(runs)
    found = []
    for run, metres in sorted(distances.items()):
        day = today + timedelta(days=(run.weekday - today.weekday()) % 7)
        if (spike := spike_of(logged, day, metres)) is not None:
            found.append((run, spike))
    return found
