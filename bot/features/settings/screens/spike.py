"""A planned run whose intended distance would be a single-run spike: said with the runner's own
numbers, in their unit, in the /runs confirmation and in that run's warm-up reminder, worded as
what it is (an association in a cohort, bot.domain.recovery.spike)."""

from collections.abc import Sequence

from bot.domain.recovery.spike import EVIDENCE, Spike
from bot.domain.schedule.recurrence import WeeklyTime
from bot.domain.units import Unit, format_distance
from bot.features.settings.screens.common import run_name

PlannedSpike = tuple[WeeklyTime, Spike]


def _numbers(spike: Spike, unit: Unit) -> str:
    return (
        f"{spike.percent_longer}% longer than your longest run of the last 30 days "
        f"({format_distance(spike.longest_metres, unit)})"
    )


def _within(spike: Spike, unit: Unit) -> str:
    return f"Up to {format_distance(spike.within_margin_metres, unit)} stays within 10%."


def spike_lines(spikes: Sequence[PlannedSpike], unit: Unit) -> str:
    """The /runs confirmation's lines, one per planned run, and the evidence once."""
    if not spikes:
        return ""
    lines = [
        f"📏 {run_name(run)}, {format_distance(spike.metres, unit)}: {_numbers(spike, unit)}. "
        f"{_within(spike, unit)}"
        for run, spike in spikes
    ]
    return "\n".join([*lines, EVIDENCE])


def planned_spike_line(spike: Spike, unit: Unit) -> str:
    """In the warm-up reminder of the run."""
    today = f"📏 Today's {format_distance(spike.metres, unit)} would be {_numbers(spike, unit)}."
    return f"{today} {EVIDENCE} {_within(spike, unit)}"
