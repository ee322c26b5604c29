"""/report's content: the period, the runs in it and the spike each run was. Drawn as a PDF by
report_pdf (fpdf2 and matplotlib, loaded only when a report is made)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from bot.domain.paper import Paper
from bot.domain.recovery.entry import PainEntry
from bot.domain.recovery.spike import WINDOW, LoggedDistance, Spike, longest_recent, spike_of
from bot.domain.runner import StoredRun
from bot.domain.units import Unit


@dataclass(frozen=True, slots=True)
class ReportRun:
    entry: PainEntry
    stage: int | None  # the walk-run stage when the run was a /comeback session
    spike: Spike | None
    # Whether the log held a 30-day longest to compare the run with (no spike is said otherwise).
    judged: bool = True


@dataclass(frozen=True, slots=True)
class Report:
    start: date
    end: date
    zone: str
    runs: Sequence[ReportRun]  # oldest first
    paper: Paper = "A4"
    unit: Unit = "km"


PERIOD = timedelta(weeks=8)  # what the report covers: the /progress chart's longest span


def report_runs(stored: Sequence[StoredRun], start: date) -> list[ReportRun]:
    """The runs from `start`, each with the spike it was; `stored` reaches 30 days further back
    so that the first runs of the period have their history too."""
    distances = [
        LoggedDistance(run.entry.day, run.entry.metres)
        for run in stored
        if run.entry.metres is not None
    ]
    return [
        ReportRun(
            run.entry,
            run.stage,
            spike_of(distances, run.entry.day, run.entry.metres)
            if run.entry.metres is not None
            else None,
            judged=run.entry.metres is not None
            and longest_recent(distances, run.entry.day) is not None,
        )
        for run in stored
        if run.entry.day >= start
    ]


def history_start(today: date) -> date:
    """How far back the report reads: its period and the 30 days before it."""
    return today - PERIOD - WINDOW
