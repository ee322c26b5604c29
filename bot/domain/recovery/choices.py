"""The distances and times /log offers to tap, sized to the runner's own runs.

Around their usual run (the median of their latest runs) and up past their longest of the last
30 days, so that a run longer than usual is one tap too (and the spike guard sees it), rounded to
steps that read naturally in their unit. With too little history, the round numbers most runners
run. Typing (`/log 8.5 km 52 min 3/10`) covers anything else.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from statistics import median

from bot.domain.recovery.spike import WINDOW, within_margin
from bot.domain.units import Unit, to_metres

MAX_CHOICES = 7
RECENT_RUNS = 10  # the latest runs the usual one is the median of
MIN_HISTORY = 3  # fewer runs than this: the defaults
DEFAULT_AMOUNTS: dict[Unit, tuple[float, ...]] = {
    "km": (3, 5, 8, 10, 15, 21.1),
    "mi": (2, 3, 5, 6, 10, 13.1),
}
# Multiples of the usual run and of the 30-day longest offered: shorter and longer days.
_USUAL_FACTORS = (0.5, 0.75, 1.0, 1.25)
_LONGEST_FACTORS = (1.0, 1.2, 1.5)
DEFAULT_MINUTES = (20, 30, 45, 60, 90)
DEFAULT_SECONDS_PER_KM = 360  # 6:00 a km: a time to offer when the runner's own pace is unknown
_PACE_FACTORS = (0.8, 0.9, 1.0, 1.1, 1.25)


@dataclass(frozen=True, slots=True)
class PastRun:
    """A logged run's distance and time, either of which may be unknown."""

    day: date
    metres: int | None
    minutes: int | None


@dataclass(frozen=True, slots=True)
class DistanceChoices:
    metres: tuple[int, ...]  # the buttons, shortest first
    usual: int | None  # the runner's usual run, when the history tells it
    longest: int | None  # the longest of the last 30 days, when the history tells it


def _step(amount: float) -> float:
    """Round numbers for a distance of about `amount` (in the runner's unit)."""
    if amount < 6:
        return 0.5
    if amount < 16:
        return 1.0
    return 2.0


def _rounded(amount: float) -> float:
    step = _step(amount)
    return max(step, round(amount / step) * step)


def _round_up(amount: float) -> float:
    """The first round number at or above `amount`."""
    step = _step(amount)
    return math.ceil(amount / step) * step


def distance_choices(history: Sequence[PastRun], today: date, unit: Unit) -> DistanceChoices:
    """What to offer for a run on `today`, from the runs logged before it (oldest first)."""
    measured = [run for run in history if run.metres is not None and run.day <= today]
    if len(measured) < MIN_HISTORY:
        defaults = DEFAULT_AMOUNTS[unit]
        return DistanceChoices(tuple(to_metres(amount, unit) for amount in defaults), None, None)
    usual = round(median(run.metres for run in measured[-RECENT_RUNS:] if run.metres))
    month = [run.metres for run in measured if today - WINDOW <= run.day and run.metres]
    longest = max(month) if month else None
    targets = [usual * factor for factor in _USUAL_FACTORS]
    targets += [longest * factor for factor in _LONGEST_FACTORS] if longest else []
    per_unit = to_metres(1, unit)
    amounts = sorted({_rounded(target / per_unit) for target in targets})
    # Rounding a short longest run's multiples can fall back within its spike margin; a run past
    # the margin must stay one tap away, so the guard sees tapped spikes.
    if longest and to_metres(amounts[-1], unit) <= (margin := within_margin(longest)):
        amounts.append(_round_up((margin + 1) / per_unit))
    if len(amounts) > MAX_CHOICES:  # keep the shortest, the usual and the longest ones
        amounts = amounts[:2] + amounts[-(MAX_CHOICES - 2) :]
    return DistanceChoices(tuple(to_metres(amount, unit) for amount in amounts), usual, longest)


def _pace_seconds_per_km(history: Sequence[PastRun]) -> float:
    paces = [
        run.minutes * 60 / (run.metres / 1000)
        for run in history[-RECENT_RUNS:]
        if run.metres and run.minutes
    ]
    return median(paces) if paces else DEFAULT_SECONDS_PER_KM


def _five(minutes: float) -> int:
    return max(5, round(minutes / 5) * 5)


def minutes_choices(history: Sequence[PastRun], metres: int | None) -> tuple[int, ...]:
    """Times to offer: around what `metres` takes at the runner's own pace (a default pace
    without one), else around their usual time; the defaults with neither."""
    if metres is not None:
        expected = _pace_seconds_per_km(history) * metres / 1000 / 60
        return tuple(sorted({_five(expected * factor) for factor in _PACE_FACTORS}))
    timed = [run.minutes for run in history[-RECENT_RUNS:] if run.minutes]
    if len(timed) < MIN_HISTORY:
        return DEFAULT_MINUTES
    usual = median(timed)
    return tuple(sorted({_five(usual * factor) for factor in (0.5, 0.75, 1.0, 1.25, 1.5)}))
