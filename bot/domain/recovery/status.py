"""Where a runner's recovery stands on a given day: what the pushed messages need to know.

The morning check-in asks about the latest run still waiting for its next-morning answer; the
warm-up reminder and the rest-day nudge say so when the latest run was a red day, because the
pain rules then mean rest or an easier alternative (Silbernagel et al., AJSM 2007).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from bot.domain.recovery.entry import PainEntry
from bot.domain.recovery.pain import Verdict, classify
from bot.domain.recovery.spike import LoggedDistance, Spike, spike_of
from bot.domain.schedule.recurrence import WeeklyTime
from bot.domain.units import Unit

# The next-morning question is still worth asking about runs this recent.
MORNING_WITHIN = timedelta(days=2)
# A red run this recent still decides today: rest the day after, and the day after that if
# the red came from the next-morning answer.
RED_WITHIN = timedelta(days=2)


@dataclass(frozen=True, slots=True)
class LoggedRun:
    log_id: int
    entry: PainEntry


@dataclass(frozen=True, slots=True)
class RedDay:
    day: date
    verdict: Verdict


@dataclass(frozen=True, slots=True)
class RunnerStatus:
    """What a runner's pushed messages need to know about them on a given day."""

    stage: int | None = None  # the walk-run stage of the next session, while a plan is active
    waiting: LoggedRun | None = None  # the latest recent run with no next-morning answer yet
    red: RedDay | None = None  # the latest run, when it was red and recent
    logged_today: bool = False
    run_days: frozenset[int] = frozenset()  # weekdays of the runner's planned runs (0 = Monday)
    # The intended distance (metres) of the planned runs that have one, and, only for runners
    # with one, the logged distances the spike guard needs (bot.domain.recovery.spike).
    planned_metres: Mapping[WeeklyTime, int] = field(default_factory=dict)
    distances: tuple[LoggedDistance, ...] = ()
    skipped: frozenset[str] = frozenset()  # occurrence keys of planned runs said to be skipped
    rested: frozenset[int] = frozenset()  # weekdays of the last week whose runs were all skipped
    unit: Unit = "km"  # how the runner reads distances (km until they choose)

    def planned_spike(self, run: WeeklyTime, day: date) -> Spike | None:
        """The spike the planned `run` on `day` would be, at its intended distance."""
        metres = self.planned_metres.get(run)
        return spike_of(self.distances, day, metres) if metres is not None else None


NO_STATUS = RunnerStatus()


def waiting_for_morning(runs: Sequence[LoggedRun], today: date) -> LoggedRun | None:
    """The latest run before today, at most MORNING_WITHIN ago, with no next-morning answer."""
    recent = [
        run
        for run in runs
        if run.entry.next_morning is None and today - MORNING_WITHIN <= run.entry.day < today
    ]
    return max(recent, key=lambda run: (run.entry.day, run.log_id), default=None)


def red_day(runs: Sequence[LoggedRun], today: date) -> RedDay | None:
    """The latest run up to today, if it is recent and the pain rules call it red."""
    # The latest by day, then by the order logged (a day may have several runs).
    ordered = sorted(
        (run for run in runs if run.entry.day <= today), key=lambda run: (run.entry.day, run.log_id)
    )
    past = [run.entry for run in ordered]
    if not past:
        return None
    latest = past[-1]
    if latest.day < today - RED_WITHIN:
        return None
    verdict = classify(latest, [entry for entry in past if entry is not latest])
    return RedDay(latest.day, verdict) if verdict.zone == "red" else None


def status_of(
    runs: Sequence[LoggedRun],
    stage: int | None,
    today: date,
    run_days: frozenset[int] = frozenset(),
    planned_metres: Mapping[WeeklyTime, int] | None = None,
    distances: Sequence[LoggedDistance] = (),
    skipped: frozenset[str] = frozenset(),
    rested: frozenset[int] = frozenset(),
    unit: Unit = "km",
) -> RunnerStatus:
    return RunnerStatus(
        stage=stage,
        waiting=waiting_for_morning(runs, today),
        red=red_day(runs, today),
        logged_today=any(run.entry.day == today for run in runs),
        run_days=run_days,
        planned_metres=planned_metres or {},
        distances=tuple(distances),
        skipped=skipped,
        rested=rested,
        unit=unit,
    )
