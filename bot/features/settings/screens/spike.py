"""A planned run whose intended distance would be a single-run spike: said with the runner's own
numbers in the /runs confirmation and in that run's warm-up reminder, worded as what it is (an
association in a cohort, bot.domain.recovery.spike)."""

from collections.abc import Sequence

from bot.domain.recovery.spike import EVIDENCE, Spike
from bot.domain.schedule.recurrence import WeeklyTime
from bot.features.settings.screens.common import run_name
from bot.ui.distance import distance

PlannedSpike = tuple[WeeklyTime, Spike]


def _numbers(spike: Spike) -> str:
    return (
        f"{spike.percent_longer}% longer than your longest run of the last 30 days "
        f"({distance(spike.longest_metres)})"
    )


def _within(spike: Spike) -> str:
    return f"Up to {distance(spike.within_margin_metres)} stays within 10%."


def spike_lines(spikes: Sequence[PlannedSpike]) -> str:
    """The /runs confirmation's lines, one per planned run, and the evidence once."""
    if not spikes:
        return ""
    lines = [
        f"📏 {run_name(run)}, {distance(spike.metres)}: {_numbers(spike)}. {_within(spike)}"
        for run, spike in spikes
    ]
    return "\n".join([*lines, EVIDENCE])


def planned_spike_line(spike: Spike) -> str:
    """In the warm-up reminder of the run."""
    today = f"📏 Today's {distance(spike.metres)} would be {_numbers(spike)}."
    return f"{today} {EVIDENCE} {_within(spike)}"
