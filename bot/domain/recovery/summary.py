"""The one-line caption under the progress chart: this week's pain against the week before."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Literal

from bot.domain.recovery.entry import PainEntry
from bot.domain.recovery.weeks import in_window, mean

Trend = Literal["lower", "same", "higher"]
SAME_WITHIN = Fraction(1, 2)  # averages closer than half a point are 'about the same'


@dataclass(frozen=True, slots=True)
class WeekStats:
    runs: int
    during: Fraction  # mean pain during runs
    morning: Fraction | None  # mean next-morning pain, None when none was reported


def _stats(entries: list[PainEntry]) -> WeekStats | None:
    during = mean([entry.during_run for entry in entries])
    if during is None:
        return None
    mornings = [entry.next_morning for entry in entries if entry.next_morning is not None]
    return WeekStats(runs=len(entries), during=during, morning=mean(mornings))


def _pain(value: Fraction) -> str:
    return f"{float(value):.1f}/10"


def _runs(count: int) -> str:
    return f"{count} run" if count == 1 else f"{count} runs"


def _compare(now: WeekStats, before: WeekStats) -> Trend:
    change = now.during - before.during
    if abs(change) < SAME_WITHIN:
        return "same"
    return "higher" if change > 0 else "lower"


_TREND_WORDS: dict[Trend, str] = {
    "lower": "lower than",
    "same": "about the same as",
    "higher": "higher than",
}


@dataclass(frozen=True, slots=True)
class Summary:
    this_week: WeekStats | None  # the 7 days ending today
    week_before: WeekStats | None  # the 7 days before those

    @property
    def trend(self) -> Trend | None:
        """How average pain during runs moved; None unless both weeks have runs."""
        if self.this_week is None or self.week_before is None:
            return None
        return _compare(self.this_week, self.week_before)

    def line(self) -> str:
        """Plain text (the caller escapes it for HTML)."""
        now, before = self.this_week, self.week_before
        if now is None:
            if before is None:
                return "No runs logged in the last 14 days."
            return (
                f"No runs logged in the last 7 days (the week before: {_runs(before.runs)}, "
                f"average pain {_pain(before.during)})."
            )
        text = f"Last 7 days: {_runs(now.runs)}, average pain during runs {_pain(now.during)}"
        if before is None:
            return text + " (no runs the week before)."
        trend = _TREND_WORDS[_compare(now, before)]
        return text + f", {trend} the week before ({_pain(before.during)})."


def summary(entries: Iterable[PainEntry], today: date) -> Summary:
    logged = list(entries)
    return Summary(
        this_week=_stats(in_window(logged, today, 0)),
        week_before=_stats(in_window(logged, today, 1)),
    )
